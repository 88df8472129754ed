"""Misreadings a source names: "the 30,000 is not the number who joined", 'headlines calling it "30,000 ISIS
fighters"'. A claim that uses the words such a sentence rejects makes the misreading the source warns about.

Sources (and the corpus's "Context:" paragraphs) say what a figure or event is *not*; this module finds those
phrases and measures how much of one the claim repeats. Words are compared as rough stems, and actor names as
their canonical ids, so "ISIS" matches "the Islamic State" and "threatened" matches "threat".
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.verify import wordlists as wl
from assistant.verify.compare import compatible
from assistant.verify.entities import extract_mentions
from assistant.verify.quantities import extract_quantities

# "not the number who joined", "rather than ISIS fighters", "no longer ..." (up to the end of the clause).
NOT_PHRASE = re.compile(r"\b(?:not|rather than|instead of|no longer|never)\s+((?:a |an |the |only |all |just |yet |even )?"
                        r"[^,.;:()]{3,70})", re.I)
# 'headlines calling the range "30,000 ISIS fighters"', 'often quoted as "over 100"'.
QUOTED = re.compile(r"\b(?:" + wl.alternation("misreading", "quoted_cues") + r")\b"
                    r"[^\"“]{0,60}[\"“]([^\"”]{3,80})[\"”]", re.I)
# 'press reports wrongly gave 17 jihadist attacks for 2014': the source says the wording is false.
DENIED = re.compile(r"\b(?:" + wl.alternation("misreading", "denied_adverbs") + r")\s+(?:\w+\s+){0,2}?"
                    r"(?:" + wl.alternation("misreading", "denied_verbs") + r")\s+([^,.;:()]{3,70})", re.I)
# 'the court rejected his claim that he had chosen not to ...': the source rules the claim's account out.
REJECTED = re.compile(r"\b(?:" + wl.alternation("misreading", "rejected_verbs") + r")\s+(?:[\w'’-]+\s+){0,2}?"
                      r"(?:" + wl.alternation("misreading", "rejected_nouns") + r")\s+that\s+([^,.;:()]{3,70})", re.I)
# 'not by jihadism', 'but not for the 16 murders': a negated agent or charge denies it, not merely qualifies it.
DENIED_ROLE = re.compile(r"^(?:by|for)\s", re.I)
_STOP = frozenset(wl.words("misreading", "stop"))
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+")


@dataclass(frozen=True)
class Misreading:
    phrase: str  # the rejected wording, as the source writes it
    overlap: float  # share of its content the claim repeats, 0-1
    actors: bool  # the overlap includes an actor: the claim names whom the source rules out
    denied: bool = False  # the source calls the wording false ("wrongly gave"), not merely incomplete


# Words news writing uses interchangeably, by stem -> one shared stem ("hailed" / "praised", "freed" / "released")
_SYNONYMS = {_s: _canon for _canon, _group in wl.mapping("misreading", "synonyms", "list").items() for _s in _group}


def _stem(word: str) -> str:
    w = word.lower().strip("'’-")
    for suffix in ("'s", "’s", "ers", "ies", "ing", "es", "er", "ed", "s"):
        if len(w) > 4 and w.endswith(suffix) and not w.endswith("ss"):
            w = w[: -len(suffix)]
            break
    return _SYNONYMS.get(w[:6], w[:6])


@lru_cache(maxsize=20_000)
def concepts(text: str) -> frozenset[str]:
    """Content stems of text, with actor names replaced by '@' + their canonical id."""
    out: set[str] = set()
    spans = []
    for m in extract_mentions(text):
        if m.kind == "actor":
            out.add("@" + m.canonical)
            spans.append((m.start, m.end))
    for w in _WORD.finditer(text):
        if any(s <= w.start() < e for s, e in spans) or w.group(0).lower() in _STOP or len(w.group(0)) < 3:
            continue
        out.add(_stem(w.group(0)))
    return frozenset(out)


# Words that name the event rather than say anything about it: sharing only these is no misreading.
_EVENT_WORDS = {_stem(w) for w in wl.words("misreading", "event_words")}


def concept_coverage(claim: str, text: str) -> float:
    """Share of the claim's content words (stems, actors as ids, numbers aside) that text contains."""
    wanted = {c for c in concepts(claim) if not c[:1].isdigit()}
    if not wanted:
        return 1.0
    return len(wanted & concepts(text)) / len(wanted)


def rejected_phrases(sentence: str) -> list[tuple[str, int, int, bool]]:
    """The wordings a sentence rejects or flags as misreported, with their spans and whether it calls them false."""
    rejected = [(m.group(1).strip(), m.start(), m.end(), True) for m in REJECTED.finditer(sentence)]
    inside = lambda m: any(s <= m.start() < e for _, s, e, _ in rejected)  # noqa: E731  a "not" in a rejected account
    return [(m.group(1).strip(), m.start(), m.end(), bool(DENIED_ROLE.match(m.group(1))) or inside(m))
            for m in NOT_PHRASE.finditer(sentence)] + rejected + \
        [(m.group(1).strip(), m.start(), m.end(), False) for m in QUOTED.finditer(sentence)] + \
        [(m.group(1).strip(), m.start(), m.end(), True) for m in DENIED.finditer(sentence)]


# A wording the claim itself sets in quotes, single or double ("calling him a 'soldier of the caliphate'").
CLAIM_QUOTE = re.compile(r"(?<![\w'’])['‘\"“]([^'‘’\"“”]{3,80})['’\"”](?![\w'’])")


def _marked(claim: str) -> frozenset[str]:
    """Content stems of the wordings the claim itself quotes or rejects: repeating those is reporting them."""
    phrases = [m.group(1) for m in CLAIM_QUOTE.finditer(claim)] + [p for p, *_ in rejected_phrases(claim)]
    return frozenset(c for p in phrases for c in concepts(p))


def _names(text: str) -> set[str]:
    """Stems of the capitalised words of text (names, not what is said about them)."""
    return {_stem(w.group(0)) for w in _WORD.finditer(text) if w.group(0)[0].isupper()}


@lru_cache(maxsize=20_000)  # stance rules and features() both ask, for the same claim and sentence
def misreading(claim: str, sentence: str, min_words: int = 2) -> Misreading | None:
    """The rejected wording of the sentence that the claim repeats most, or None if it repeats none.

    A wording that follows a figure ("The 30,000 survivor estimate is not the number who joined") rejects
    that figure's misreading only: the claim must give the same figure. Sharing only names or event nouns
    ("the Manchester Arena bombing") is not repeating a misreading.
    """
    claim_concepts = concepts(claim)
    marked = _marked(claim)
    claim_numbers = [q for q in extract_quantities(claim) if not _is_year(q)]
    sentence_numbers = [q for q in extract_quantities(sentence) if not _is_year(q)]
    best: Misreading | None = None
    for phrase, _start, end, denied in rejected_phrases(sentence):
        words = concepts(phrase)
        figures = [q for q in sentence_numbers if q.start < end]
        same_figure = any(_same_figure(c, q) for c in claim_numbers for q in figures)
        if len(words) < (1 if same_figure else min_words):
            continue
        # what the claim too quotes or rejects it does not assert (unless the source calls that wording false)
        shared = words & claim_concepts - (frozenset() if denied else marked)
        said = {w for w in shared if not w.startswith("@")} - _names(phrase) - _EVENT_WORDS
        if not said:
            continue
        if figures and not same_figure:
            continue
        overlap = len(shared) / len(words)
        if best is None or overlap > best.overlap:
            best = Misreading(phrase, overlap, any(w.startswith("@") for w in shared), denied)
    return best


def _same_figure(claimed, documented) -> bool:
    """The claim repeats the figure: within 10% of it, or a range or bound that contains it."""
    if claimed.is_percent != documented.is_percent or not documented.value:
        return False
    return abs(claimed.value - documented.value) <= 0.1 * abs(documented.value) or \
        (compatible(claimed, documented) and claimed.high != float("inf") and claimed.low > 0)


def _is_year(q) -> bool:
    return q.qualifier == "exact" and 1900 <= q.value <= 2100 and float(q.value).is_integer() and not q.counted
