"""Check the corpus documents: front matter schema, ids, dates, URLs and a minimum of content.

``validate_corpus(path)`` walks every ``*.md`` file under ``path`` (``README.md`` files are skipped) and
returns ``(problems, count)``: one line per problem, written ``path: problem -> fix``, and the number of
documents checked. Every problem is a failure; nothing here is advisory.

The failing checks, exactly:

* the file has no YAML front matter, or the front matter is not valid YAML / not a mapping;
* a required field is missing or malformed:
  ``id``, ``title``, ``publisher``, ``source_title``, ``provenance`` (non-empty strings; ``id`` also in the
  loader's id alphabet), ``publisher_type`` (a string), ``published`` and ``as_of`` (dates), ``url`` (a
  string), ``primary`` (``true`` or ``false``; YAML 1.1's ``yes``/``no``/``on``/``off`` are not accepted), ``topics`` (a non-empty list of lowercase,
  hyphenated slugs such as ``foreign-fighters``); ``document_symbol`` is optional, but if present it must
  be a non-empty string;
* two documents share an ``id``;
* an ``id`` differs from the file name without ``.md``;
* ``publisher_type`` is not one of ``assistant.types.PUBLISHER_TYPES``;
* ``published`` or ``as_of`` is not an ISO date ``YYYY-MM-DD``, or lies after today
  (``datetime.date.today()``);
* ``as_of`` lies after ``published`` (a source cannot give figures for a date after it was published);
* the source's text (the body before its closing ``Later:`` / ``Context:`` notes) reports an event dated after
  ``published``: a full date or a month and year, forecasts excepted (see ``assistant.corpus.event_dates``);
* ``url`` is not an absolute ``http://`` or ``https://`` URL with a host;
* the body has no figure: no number token other than years (see ``has_figure``);
* the body is shorter than ``MIN_WORDS`` words.

A ``# Heading`` that differs from ``title`` is allowed and not reported.

Warnings (``corpus_report``; they never fail validation): a body whose only numbers are dates (see
``has_quantity``), and front-matter fields outside the list above.
"""
from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import urlparse

import yaml

from assistant.corpus.event_dates import later_events
from assistant.types import PUBLISHER_TYPES

REQUIRED = ("id", "title", "publisher", "publisher_type", "source_title", "published", "url", "primary",
            "as_of", "topics", "provenance")
OPTIONAL = ("document_symbol",)
MIN_WORDS = 80

_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)
_ID_OK = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$")  # same alphabet as the loader's check_id
_TOPIC = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

class FrontMatterLoader(yaml.SafeLoader):
    """PyYAML's safe loader, stricter for front matter: dates stay text (so a bad date such as 2019-13-01
    is reported rather than raising), and only true/false are booleans (not YAML 1.1's yes/no/on/off)."""


FrontMatterLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
FrontMatterLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))


def load_front_matter(text: str) -> tuple[object, str] | None:
    """(parsed front matter, body) or None when the text has no front matter block.
    Raises yaml.YAMLError (or ValueError) for front matter that is not valid YAML."""
    m = _FRONT.match(text)
    if not m:
        return None
    return yaml.load(m.group(1), Loader=FrontMatterLoader), text[m.end():]


_WORD = re.compile(r"[^\W_](?:[\w'’.-]*[^\W_])?")

# --- the "has a figure" rule (failing) ---------------------------------------------------------------
# A figure is a number token in the body: a run of digits, with optional thousands separators or a decimal
# part ("30,000", "86", "15.2", the "21" of "21 April 2019"). Bare years 1900-2099, alone or as ranges
# ("2016", "2016-2017", "2021-25"), and ISO dates ("2019-07-15") are removed first, so a body whose only
# digits are years does not pass. A day of the month counts: the date of an event is a checkable figure.
_YEAR = r"(?:19|20)\d{2}"
_NOT_FIGURES = [
    re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
    re.compile(rf"\b{_YEAR}(?:\s*[-–/]\s*(?:{_YEAR}|\d{{2}}))?\b"),
]
_NUMBER = re.compile(r"\d+(?:[,.]\d+)*")

# --- the "has a quantity" rule (warning only) ----------------------------------------------------------
# Stricter: besides years, also ignore every date form and ordinals ("24th report"), but accept counts
# written in words ("nine months", "nearly a million"). A document without one is allowed (a profile, a
# propaganda episode) but is worth a look, since claims are mostly about numbers.
_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{1,2}(?:st|nd|rd|th)?)?"
_NOT_QUANTITIES = _NOT_FIGURES + [
    re.compile(r"\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b"),
    re.compile(rf"\b{_DAY}\s+{_MONTH}(?:\s*,?\s*{_YEAR})?\b"),
    re.compile(rf"\b{_MONTH}\s+{_DAY}\b(?:\s*,?\s*{_YEAR}\b)?"),
    re.compile(r"\b\d+(?:st|nd|rd|th)\b"),
]
_NUMBER_WORD = re.compile(
    r"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|"
    r"seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|"
    r"thousands?|millions?|billions?|dozens?|half|percent)\b", re.I)


def _strip(body: str, patterns: list[re.Pattern]) -> str:
    for pattern in patterns:
        body = pattern.sub(" ", body)
    return body


def has_figure(body: str) -> bool:
    """True if the body holds at least one number token that is not only a year or an ISO date."""
    return bool(_NUMBER.search(_strip(body, _NOT_FIGURES)))


def has_quantity(body: str) -> bool:
    """True if the body holds a count: a number that is not a date, year or ordinal, or a number word."""
    return bool(_NUMBER.search(_strip(body, _NOT_QUANTITIES)) or _NUMBER_WORD.search(body))


def word_count(body: str) -> int:
    """Words in the body (Markdown markup and punctuation are not words)."""
    return len(_WORD.findall(body))


def _as_date(value: object) -> dt.date | None:
    """The date a front-matter value names, or None. YAML turns an unquoted 2019-07-15 into a date."""
    if isinstance(value, dt.datetime):
        return None  # a timestamp, not a date
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and _ISO_DATE.match(value.strip()):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _nonempty_str(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _check(path: Path, today: dt.date | None) -> tuple[list[str], list[str], str | None]:
    today = today or dt.date.today()
    where = str(path)
    problems: list[str] = []
    warnings: list[str] = []

    def bad(problem: str, fix: str) -> None:
        problems.append(f"{where}: {problem} -> {fix}")

    def warn(problem: str, fix: str) -> None:
        warnings.append(f"{where}: warning: {problem} -> {fix}")

    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        bad(f"file cannot be read as UTF-8 text ({exc})", "re-save it as UTF-8")
        return problems, warnings, None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    try:
        loaded = load_front_matter(text)
    except (yaml.YAMLError, ValueError) as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" (line {mark.line + 2})" if mark is not None else ""
        bad(f"malformed YAML front matter{at}", "fix the YAML between the '---' lines (quote values with ':' or '#')")
        return problems, warnings, None
    if loaded is None:
        bad("no YAML front matter", "start the file with a '---' block holding " + ", ".join(REQUIRED))
        return problems, warnings, None
    front, body = loaded
    if not isinstance(front, dict):
        bad("front matter is not a key: value mapping", "write it as 'key: value' lines")
        return problems, warnings, None

    for key in REQUIRED:
        if key not in front or front[key] is None or front[key] == "":
            bad(f"missing required field '{key}'", f"add '{key}:' to the front matter")

    doc_id = front.get("id")
    ok_id: str | None = None
    if "id" in front and front["id"] not in (None, ""):
        if not isinstance(doc_id, str) or not _ID_OK.match(doc_id):
            bad(f"malformed id {doc_id!r}", "use 1-200 letters, digits, '.', '_', ':' or '-', starting with a letter or digit")
        else:
            ok_id = doc_id
            if doc_id != path.stem:
                bad(f"id '{doc_id}' differs from the file name '{path.name}'",
                    f"set id: {path.stem} or rename the file to {doc_id}.md")

    for key in ("title", "publisher", "source_title", "provenance"):
        if key in front and front[key] not in (None, "") and not _nonempty_str(front[key]):
            bad(f"field '{key}' is not a non-empty string (got {front[key]!r})", f"write '{key}' as quoted text")
    if "document_symbol" in front and not _nonempty_str(front["document_symbol"]):
        bad(f"field 'document_symbol' is not a non-empty string (got {front['document_symbol']!r})",
            "give the symbol as text (e.g. S/2019/570) or remove the field")

    ptype = front.get("publisher_type")
    if ptype not in (None, ""):
        if not isinstance(ptype, str):
            bad(f"field 'publisher_type' is not a string (got {ptype!r})", "use one of " + ", ".join(PUBLISHER_TYPES))
        elif ptype not in PUBLISHER_TYPES:
            bad(f"unknown publisher_type '{ptype}'", "use one of " + ", ".join(PUBLISHER_TYPES))

    for key in ("published", "as_of"):
        value = front.get(key)
        if value in (None, ""):
            continue
        day = _as_date(value)
        if day is None:
            bad(f"'{key}' is not an ISO date YYYY-MM-DD (got {value!r})", f"write {key}: YYYY-MM-DD")
        elif day > today:
            bad(f"'{key}' {day.isoformat()} is in the future (today is {today.isoformat()})",
                f"correct the {key} date")

    _check_dates(front, body, bad, today)

    url = front.get("url")
    if url not in (None, ""):
        parsed = urlparse(url.strip()) if isinstance(url, str) else None
        if parsed is None or parsed.scheme not in ("http", "https") or not parsed.netloc or " " in url.strip():
            bad(f"url {url!r} is not an http(s) URL", "give the absolute http:// or https:// address of the source read")

    if "primary" in front and front["primary"] is not None and not isinstance(front["primary"], bool):
        bad(f"'primary' is not a boolean (got {front['primary']!r})", "write primary: true or primary: false")

    topics = front.get("topics")
    if "topics" in front and topics is not None:
        if not isinstance(topics, list) or not topics:
            bad(f"'topics' is not a non-empty list (got {topics!r})", "write topics: [topic-one, topic-two]")
        else:
            wrong = [t for t in topics if not isinstance(t, str) or not _TOPIC.match(t)]
            if wrong:
                bad(f"topics not lowercase-hyphenated: {wrong!r}", "use slugs like foreign-fighters (a-z, 0-9, '-')")

    words = word_count(body)
    if words < MIN_WORDS:
        bad(f"body has {words} words, fewer than {MIN_WORDS} words", "write the document out: the facts, with attribution")
    if not has_figure(body):
        bad("body has no figure (no number other than years)",
            "add the counts, tolls, estimates or dates the source gives, or drop the document")
    elif not has_quantity(body):
        warn("body gives no count (its only numbers are dates)", "check that no figure from the source was left out")
    unknown = sorted(str(k) for k in front if k not in REQUIRED and k not in OPTIONAL)
    if unknown:
        warn(f"unknown front-matter field(s) {unknown}", "remove them or add them to the corpus README's field list")
    return problems, warnings, ok_id


def _check_dates(front: dict, body: str, bad, today: dt.date) -> None:
    """as_of not after published, and no event in the source's text dated after published (a date in the
    future is reported once, above)."""
    published, as_of = _as_date(front.get("published")), _as_date(front.get("as_of"))
    if published is None or published > today:
        return
    if as_of is not None and published < as_of <= today:
        bad(f"'as_of' {as_of.isoformat()} is after 'published' {published.isoformat()} (a source cannot describe "
            f"figures of a later date)", "set as_of to the last date the source itself covers, or correct published")
    later = later_events(body, published)
    if later:
        bad(f"the text reports events dated after 'published' {published.isoformat()}: {', '.join(later[:4])}",
            "move what later sources reported into a closing 'Later:' paragraph (the corpus's note, with its "
            "attribution), or correct published")


def corpus_files(root: Path) -> list[Path]:
    """The corpus documents under root: every *.md file except README.md, in a stable order."""
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*.md") if p.is_file() and p.name.lower() != "readme.md")


def validate_corpus(path: Path, today: dt.date | None = None) -> tuple[list[str], int]:
    """(problems, number of documents checked) for the corpus folder at path. Problems are failures."""
    problems, _warnings, count = corpus_report(path, today)
    return problems, count


def corpus_report(path: Path, today: dt.date | None = None) -> tuple[list[str], list[str], int]:
    """(problems, warnings, number of documents checked). Warnings never fail validation."""
    root = Path(path)
    if not root.exists():
        return [f"{root}: corpus folder not found -> give the path of the corpus folder"], [], 0
    files = corpus_files(root)
    problems: list[str] = []
    warnings: list[str] = []
    seen: dict[str, Path] = {}
    for f in files:
        found, warned, doc_id = _check(f, today)
        problems.extend(found)
        warnings.extend(warned)
        if doc_id is not None:
            if doc_id in seen:
                problems.append(f"{f}: duplicate id '{doc_id}' (also in {seen[doc_id]}) -> give each document its own id")
            else:
                seen[doc_id] = f
    if not files:
        problems.append(f"{root}: no corpus documents (*.md) found -> check the path")
    return problems, warnings, len(files)
