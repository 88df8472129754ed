"""Check a whole article: extract its claims, check each checkable one, summarise.

``check_article(service, text, date=None) -> ArticleReport`` is the one entry point the CLI, the API and
the UI call. ``read_article_arg`` turns the CLI argument (a path, ``-`` or the text itself) into text.
"""
from __future__ import annotations

import datetime as dt
import re
import sys
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.store.recording import record
from assistant.article.extract import extract_claims
from assistant.article.types import ArticleClaim, ArticleReport
from assistant.errors import ClaimcheckError, InputError
from assistant.types import VERDICTS, CheckResult

if TYPE_CHECKING:  # pragma: no cover
    from assistant.service import Service

__all__ = ["check_article", "clean_article", "parse_date", "read_article_arg", "summarise"]

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_URL = re.compile(r"^\s*(?:https?|ftp)://\S+\s*$|^\s*www\.\S+\s*$", re.I)
_VERDICT_WORDS = {"supported": "supported", "contradicted": "contradicted", "misleading": "misleading",
                  "conflicting": "conflicting", "not_enough_evidence": "not enough evidence"}


def parse_date(value: object) -> dt.date | None:
    """The article date from a date, an ISO string or None/empty; InputError otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise InputError(f"bad article date {value!r}", "give the date as YYYY-MM-DD, e.g. --date 2019-08-10")


def clean_article(text: object, max_chars: int) -> str:
    """The article text, line endings normalised; InputError with the fix for unusable input."""
    if isinstance(text, bytes):
        text = _decode(text, "the article")
    if not isinstance(text, str):
        raise InputError(f"the article must be text, not {type(text).__name__}", "send the article as a string")
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _CONTROL.search(text):
        raise InputError("the article contains binary or control characters",
                         "paste the article as plain text, or save it as a .txt file")
    if not text.strip():
        raise InputError("the article is empty", "paste the article text, or give the path of a .txt file")
    if _URL.match(text):
        raise InputError("claimcheck does not fetch web pages",
                         "open the page in a browser, copy the article text and paste it (or save it to a file)")
    if len(text) > max_chars:
        raise InputError(f"the article is {len(text):,} characters, over the {max_chars:,} limit",
                         f"check it in parts, or raise the limit with --set limits.article_max_chars={len(text)}")
    if not re.search(r"[A-Za-z]{2,}", text):
        raise InputError("the article has no words to check", "paste the text of a news or opinion article")
    return text


def _decode(data: bytes, what: str) -> str:
    if b"\x00" in data[:8192]:
        raise InputError(f"{what} is a binary file, not text",
                         "save the article as plain text (.txt, UTF-8) and give that file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(f"{what} is not UTF-8 text",
                         "save the article as plain text (.txt, UTF-8) and give that file") from None


def read_article_arg(arg: str, stdin=None) -> str:
    """The article text for the CLI argument: '-' reads stdin, an existing path reads the file, a URL
    is refused (no network fetch), anything else is the text itself."""
    if arg == "-":
        stream = stdin if stdin is not None else sys.stdin
        data = stream.buffer.read() if hasattr(stream, "buffer") else stream.read()
        return _decode(data, "standard input") if isinstance(data, bytes) else data
    if not arg.strip():
        return arg  # empty: clean_article says so
    if _URL.match(arg):
        raise InputError(f"'{arg.strip()}' is a web address and claimcheck does not fetch web pages",
                         "copy the article text from the page and pass it (or save it to a file and give the path)")
    path = Path(arg)
    looks_like_path = "\n" not in arg and len(arg) < 1024
    try:
        is_file, is_dir = (path.is_file(), path.is_dir()) if looks_like_path else (False, False)
    except (OSError, ValueError):  # a name too long for the file system, a NUL byte: it is text
        is_file = is_dir = False
    if is_file:
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise InputError(f"cannot read {arg} ({exc.strerror or exc})", "check the file's permissions") from exc
        return _decode(data, f"{arg}")
    if is_dir:
        raise InputError(f"{arg} is a folder", "give the path of one text file")
    if looks_like_path and " " not in arg.strip() and re.search(r"[/\\]|\.(?:txt|md|html?|text)$", arg.strip(), re.I):
        raise InputError(f"file not found: {arg}", "check the path, or pass the article text itself in quotes")
    return arg


def summarise(claims: list[ArticleClaim]) -> str:
    """"7 claims checked: 1 supported, 5 misleading, 1 not enough evidence; 2 opinions or predictions not checked"."""
    checked = [c for c in claims if c.result is not None]
    counts = {v: sum(1 for c in checked if c.result.verdict == v) for v in VERDICTS}
    parts = [f"{n} {_VERDICT_WORDS[v]}" for v, n in counts.items() if n]
    head = f"{len(checked)} claim{'s' if len(checked) != 1 else ''} checked"
    if parts:
        head += ": " + ", ".join(parts)
    opinions = sum(1 for c in claims if not c.checkable and c.kind in ("opinion", "prediction", "question"))
    vague = sum(1 for c in claims if not c.checkable and c.kind == "vague")
    failed = sum(1 for c in claims if c.kind == "factual" and c.result is None)
    tail = []
    if opinions:
        tail.append(f"{opinions} opinion{'s' if opinions != 1 else ''}, prediction{'s' if opinions != 1 else ''} "
                    f"or question{'s' if opinions != 1 else ''} not checked")
    if vague:
        tail.append(f"{vague} too vague to check")
    if failed:
        tail.append(f"{failed} could not be checked")
    return head + ("; " + "; ".join(tail) if tail else "")


def check_article(service: "Service", text: str, date: dt.date | str | None = None,
                  asked_by: str | None = None) -> ArticleReport:
    """Extract, rank and check the claims of an article. InputError for empty, binary, oversized text or
    text with no checkable claim. With ``asked_by`` (the interface's user), each checked claim is recorded in the
    store of checks (via ``article``), as single checks are."""
    text = clean_article(text, service.settings.limits.article_max_chars)
    reference = parse_date(date)
    candidates = extract_claims(text, reference)
    if not any(c.checkable for c in candidates):
        found = f"{len(candidates)} statement{'s' if len(candidates) != 1 else ''} found, none checkable" \
            if candidates else "no sentences found"
        raise InputError(f"no checkable claims in the article ({found}: only opinions, predictions, questions "
                         f"or vague statements)",
                         "paste a text that states facts: figures, named groups or people, places, dates")
    ranked = sorted((c for c in candidates if c.checkable), key=lambda c: (-c.worthiness, c.start))
    rank = {id(c): i + 1 for i, c in enumerate(ranked)}
    cache: dict[str, CheckResult] = {}
    claims: list[ArticleClaim] = []
    for i, c in enumerate(candidates, start=1):
        result = None
        checkable, reason = c.checkable, c.reason
        if c.checkable:
            try:
                if c.claim not in cache:
                    cache[c.claim] = service.check(c.claim, reference_date=reference)
                    if asked_by is not None:
                        record(service, cache[c.claim], "article", asked_by)
                result = cache[c.claim]
            except InputError as exc:  # e.g. a sentence over the claim length limit
                checkable, reason = False, f"not checked: {exc.problem}"
            except ClaimcheckError:
                raise
        claims.append(ArticleClaim(
            id=f"c{i}", quote=c.quote, start=c.start, end=c.end, claim=c.claim, checkable=checkable,
            worthiness=c.worthiness if checkable else 0.0, reason=reason, result=result, kind=c.kind,
            rank=rank.get(id(c), 0) if checkable else 0, rewrites=list(c.notes)))
    return ArticleReport(date=reference, summary=summarise(claims), claims=claims, text=text)
