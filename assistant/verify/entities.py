"""Gazetteer of actors and places (aliases -> canonical ids), predicates and quantifiers.

Matching is case-insensitive except for short all-caps acronyms (IS, US, UK, UN, EU, SDF,
NTJ, HTS ...) and a few ambiguous capitalised words (Nice, Turkey, Jordan), which must
appear exactly as written.  "IS" is only taken as ISIS when it is not inside an all-caps
run ("WHAT IS ISIS" -> only ISIS).  Overlaps resolve to the longest alias.

Kinds: organisations are ``actor``; countries, cities and regions are ``place``.  A
demonym adjective ("Russian", "Canadian fighters") is a ``place`` mention of its country,
except when followed by an institutional noun ("Russian forces", "Turkish government") or
used as a plural noun ("the Syrians", "Americans"), which makes it an ``actor`` with the
country's canonical id.  "Syrian government/army/regime", "Assad" -> ``syrian-government``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.verify import wordlists as wl

__all__ = ["Mention", "extract_mentions", "extract_predicates", "extract_quantifiers",
           "QUANTIFIERS", "ACTORS", "PLACES"]


@dataclass(frozen=True)
class Mention:
    kind: str
    canonical: str
    text: str
    start: int
    end: int


# The word lists live in data/actors.yaml and data/places.yaml (aliases are regular expressions; see there).
ACTORS: dict[str, list[str]] = wl.mapping("actors", "aliases", "list")
# Bodies that are part of a larger one: what the Monitoring Team or CTED reports, the UN reports.
ACTOR_PARENT: dict[str, str] = wl.mapping("actors", "parent")


def actor_family(actors: set[str]) -> set[str]:
    """The actors plus the bodies they belong to."""
    return actors | {ACTOR_PARENT[a] for a in actors if a in ACTOR_PARENT}


# A state's organs -> the country (a claim that "the Syrians" did something names the Syrian state).
STATE_ACTORS: dict[str, str] = wl.mapping("actors", "state_actors")


def _load_countries() -> dict[str, tuple[list[str], list[str]]]:
    out = {}
    for canon, rec in wl.mapping("places", "countries", "any").items():
        if not (isinstance(rec, dict) and set(rec) == {"names", "demonyms"}
                and all(isinstance(v, list) and all(isinstance(x, str) for x in v) for v in rec.values())):
            raise wl.WordListError(f"word list {wl.path_of('places')}: country {canon!r} must have lists "
                                   "'names' and 'demonyms'")
        out[canon] = (list(rec["names"]), list(rec["demonyms"]))
    return out


# country canonical -> (names, demonyms)
_COUNTRIES: dict[str, tuple[list[str], list[str]]] = _load_countries()
PLACES: dict[str, list[str]] = wl.mapping("places", "places", "list")
_CASE_SENSITIVE_WORDS = set(wl.words("actors", "case_sensitive"))
_INSTITUTION = re.compile(r"\s+(?:" + wl.alternation("actors", "institution_nouns") + r")\b", re.I)


def _compile(alias: str) -> re.Pattern:
    core = alias.replace(" ", r"\s+")
    plain = re.sub(r"\\.|[^A-Za-z]", "", alias)
    cs = alias in _CASE_SENSITIVE_WORDS or (plain.isupper() and len(plain) <= 6)
    return re.compile(rf"(?<!\w){core}(?!\w)", 0 if cs else re.I)


_TABLE: list[tuple[re.Pattern, str, str, str]] = []  # (regex, kind, canonical, alias-type)
for _c, _aliases in ACTORS.items():
    _TABLE += [(_compile(a), "actor", _c, "name") for a in _aliases]
for _c, (_names, _dems) in _COUNTRIES.items():
    _TABLE += [(_compile(a), "place", _c, "name") for a in _names]
    _TABLE += [(_compile(d + "s?"), "place", _c, "demonym") for d in _dems]
for _c, _aliases in PLACES.items():
    _TABLE += [(_compile(a), "place", _c, "name") for a in _aliases]
_CAPS_WORD = re.compile(r"[A-Z]{2,}")


def _is_caps_context(text: str, s: int, e: int) -> bool:
    prev = re.search(r"(\S+)\s+$", text[max(0, s - 30):s])
    nxt = re.match(r"\s+(\S+)", text[e:e + 30])
    return any(w and _CAPS_WORD.fullmatch(re.sub(r"\W", "", w.group(1)) or "x")
               for w in (prev, nxt))


def extract_mentions(text: str) -> list[Mention]:
    cands: list[tuple[int, int, str, str, str]] = []
    for rx, kind, canon, typ in _TABLE:
        for m in rx.finditer(text):
            s, e = m.span()
            if m.group(0) == "IS" and _is_caps_context(text, s, e):
                continue
            if typ == "demonym":
                plural = m.group(0).lower().endswith("s") and not m.group(0).lower().endswith(
                    ("ese", "ss", "swiss"))
                kind = "actor" if plural or _INSTITUTION.match(text, e) else "place"
            cands.append((s, e, kind, canon, typ))
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    out: list[Mention] = []
    last_end = -1
    for s, e, kind, canon, _typ in cands:
        if s < last_end:
            continue
        out.append(Mention(kind=kind, canonical=canon, text=text[s:e], start=s, end=e))
        last_end = e
    return out


# Predicate kind -> its verbs and nouns (data/predicates.yaml: one alternative a line)
_PRED = {k: "|".join(v) for k, v in wl.mapping("predicates", "predicates", "list").items()}
_PRED_RE = re.compile("|".join(rf"(?P<{k}>\b(?:{v})\b)" for k, v in _PRED.items()), re.I)

QUANTIFIERS = tuple(wl.words("predicates", "quantifiers"))
_QUANT_RE = re.compile(r"\b(" + "|".join(QUANTIFIERS) + r")\b", re.I)
_NUMBERISH = re.compile(r"\s+(?:\$|€|£)?\d|\s+(?:one|two|three|four|five|six|seven|eight|nine|"
                        r"ten|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a dozen|"
                        r"hundred|thousand)\b", re.I)


# "the massacre at ...": a determiner before the noun names an event the sentence presupposes, not an act it states
_EVENT_NOUN = re.compile(r"(?:\b(?:the|a|this|that|its|their|his|her)|['’]s)\s+(?:[\w-]+\s+){0,2}$", re.I)
# "a deal was struck", "struck an agreement": striking a bargain is no attack
_STRUCK_DEAL = re.compile(r"\b(?:" + wl.alternation("predicates", "deal_nouns") + r")s?\b", re.I)


def _no_act(m: re.Match, text: str) -> bool:
    """The match names no act the text asserts: an event noun after a determiner (without its victims), or a
    deal 'struck'."""
    word = m.group(0).lower()
    if word in ("massacre", "massacres"):  # ("the massacre of 359 Christians" names its victims: a killing stated)
        return bool(_EVENT_NOUN.search(text[max(0, m.start() - 40):m.start()])) and \
            not re.match(r"\s+of\b", text[m.end():])
    if word == "struck":
        return bool(_STRUCK_DEAL.search(text[max(0, m.start() - 30):m.end() + 20]))
    return False


def extract_predicates(text: str) -> list[tuple[str, int, int]]:
    return [(m.lastgroup, m.start(), m.end()) for m in _PRED_RE.finditer(text) if not _no_act(m, text)]


def extract_quantifiers(text: str) -> list[tuple[str, int, int]]:
    out = []
    for m in _QUANT_RE.finditer(text):
        w, after = m.group(1).lower(), text[m.end():m.end() + 20]
        if w == "some" and _NUMBERISH.match(after):
            continue                    # "some 30,000" is a hedge on a number
        if w == "no" and (re.match(r"\.\s*\d", after) or re.match(
                r"\s+(?:fewer|less|more|later|longer)\b", after, re.I)):
            continue                    # "No. 5", "no fewer than", "no longer"
        if w == "no" and m.group(1) == "No" and re.match(r"\s*\d", after):
            continue
        out.append((w, m.start(), m.end()))
    return out
