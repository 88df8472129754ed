"""Bundle every extractor into one ``ClaimFacets`` record for a claim or evidence sentence."""
from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.verify import wordlists as wl
from .dates import DateSpan, extract_dates
from .entities import Mention, extract_mentions, extract_predicates, extract_quantifiers
from .quantities import Quantity, extract_quantities

__all__ = ["ClaimFacets", "extract_facets", "sentence_facets", "is_negated", "keywords", "STOPWORDS"]


@dataclass(frozen=True)
class ClaimFacets:
    text: str
    quantities: tuple[Quantity, ...]
    dates: tuple[DateSpan, ...]
    actors: tuple[Mention, ...]
    places: tuple[Mention, ...]
    predicates: tuple[tuple[str, int, int], ...]
    quantifiers: tuple[tuple[str, int, int], ...]
    negated: bool
    keywords: tuple[str, ...]


STOPWORDS = frozenset(wl.words("stopwords", "stopwords"))

# Negation cues.  Quantity hedges ("no fewer than", "no more than", "not less than"),
# "not only" and "no longer"-style idioms that do not deny the proposition are excluded.
_NEG_RE = re.compile(
    r"\b(?:not(?!\s+(?:only|least|just|fewer|less|more|quite)\b)|never|no(?!\s+(?:fewer|less|"
    r"more|longer|doubt)\b)(?!\.\s*\d)|none|nobody|nothing|neither|nor|without|cannot|"
    r"den(?:y|ied|ies|ying)|fail(?:ed|s)?\s+to|\w+n['’]t)\b", re.I)
_TOKEN_RE = re.compile(r"[A-Za-z][A-Za-z0-9'’\-]*[A-Za-z0-9]|[A-Za-z]")


def is_negated(text: str) -> bool:
    """True when the sentence contains a negation cue ("did not", "no group", "never")."""
    for m in _NEG_RE.finditer(text):
        if m.group(0) == "No" and re.match(r"\.?\s*\d", text[m.end():]):
            continue
        return True
    return False


def keywords(text: str) -> tuple[str, ...]:
    """Content words, lowercased, de-duplicated in order; stopwords, possessive 's and pure
    numbers removed."""
    seen: dict[str, None] = {}
    for m in _TOKEN_RE.finditer(text):
        w = m.group(0).lower().replace("’", "'")
        if w.endswith("'s"):
            w = w[:-2]
        w = w.strip("'-")
        if len(w) < 2 or w in STOPWORDS or w.isdigit():
            continue
        seen.setdefault(w, None)
    return tuple(seen)


def extract_facets(text: str, reference: datetime.date | None = None) -> ClaimFacets:
    mentions = extract_mentions(text)
    return ClaimFacets(
        text=text,
        quantities=tuple(extract_quantities(text)),
        dates=tuple(extract_dates(text, reference)),
        actors=tuple(m for m in mentions if m.kind == "actor"),
        places=tuple(m for m in mentions if m.kind == "place"),
        predicates=tuple(extract_predicates(text)),
        quantifiers=tuple(extract_quantifiers(text)),
        negated=is_negated(text),
        keywords=keywords(text),
    )


@lru_cache(maxsize=20_000)
def sentence_facets(text: str, reference: datetime.date | None = None) -> ClaimFacets:
    """Facets of an evidence sentence or title, cached: the same corpus sentences recur across claims."""
    return extract_facets(text, reference)
