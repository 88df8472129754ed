"""What a figure's people did: the act a passage ties to a figure against the claim's act.

"30,000 foreigners joined ISIS" counts people who joined; "up to 30,000 foreigners who travelled to the
'caliphate' and may still be alive" counts those of them who survived, another population however equal the
numbers. So, for a figure in a passage (and the claimed figure in the claim):

* its **fate** is the act the text ties to it (data/fates.yaml maps predicates.yaml's acts, plus phrasings
  such as "still alive" or "returnees", to populations): the acts between the figure and the end of its clause
  (or the next figure that opens a clause of its own), else the nearest act before it in the clause; a denied
  act ("not the number still alive") does not count; the base population (travelled or joined) gives way to
  a part of it ("travelled ... and may still be alive" counts survivors);
* a figure is **widened** when the words after it add people around the counted ones ("and their
  dependants", "together with relatives") and the claim names none.

A figure whose fate differs from the claim's, or that is widened, counts something else; its label says what
("foreign ISIL fighters and their dependants who may have survived").
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.verify import wordlists as wl
from assistant.verify.entities import extract_predicates
from assistant.verify.quantities import Quantity, extract_quantities

_FATES: dict[str, str] = wl.mapping("fates", "fates")
_PHRASES = {fate: re.compile(r"\b(?:" + "|".join(v) + r")\b", re.I)
            for fate, v in wl.mapping("fates", "fate_phrases", "list").items()}
_LABELS: dict[str, str] = wl.mapping("fates", "fate_labels")
_BASE: str = wl.entry("fates", "base")
_WIDENING = re.compile(r"\b(?:" + wl.alternation("fates", "widening") + r")\b", re.I)
_HEDGE = re.compile(r"\b(?:" + wl.alternation("fates", "hedges") + r")\b", re.I)
_NEGATION = re.compile(r"\b(?:" + wl.alternation("fates", "negations") + r")\b", re.I)
_CLAUSE = re.compile(r"[;.!?](?:\s|$)")
_PREPOSITION = re.compile(r"\b(?:from|of|in|by|to|on|at|among|across|for|with|than)\s+$", re.I)
_WINDOW = 40  # characters before an act searched for its hedge or denial
_DENIAL_WORDS = 3  # words at most between a denial and the act it denies


@dataclass(frozen=True)
class Fate:
    """What a figure's people did (a population of data/fates.yaml, '' when the text ties no act to it),
    whether the act is hedged ("may have survived"), and the word that widens its people ('' when none)."""

    fate: str = ""
    hedged: bool = False
    widened_by: str = ""


def _span(text: str, q: Quantity, others: list[Quantity]) -> tuple[int, int]:
    """The figure's clause, cut at any other figure that opens a clause of its own (not "from 33 States")."""
    start = max((m.end() for m in _CLAUSE.finditer(text, 0, q.start)), default=0)
    found = _CLAUSE.search(text, q.end)
    end = found.start() if found else len(text)
    for o in others:
        if o.start >= q.end and o.start < end and not _PREPOSITION.search(text[max(0, o.start - 12):o.start]):
            end = o.start
        if o.end <= q.start and o.end > start:
            start = o.end
    return start, end


def _acts(text: str, start: int, end: int) -> list[tuple[str, int]]:
    """(population, position) of each act stated (not denied) between start and end."""
    found = [(_FATES[k], s) for k, s, _ in extract_predicates(text) if k in _FATES and start <= s < end]
    found += [(fate, m.start()) for fate, p in _PHRASES.items() for m in p.finditer(text, start, end)]
    return sorted((f, s) for f, s in found if not _denied(text, max(start, s - _WINDOW), s))


def _denied(text: str, lo: int, at: int) -> bool:
    """A denial just before the act, at most _DENIAL_WORDS words before it in its clause ("never returned",
    "not the number still alive"); "is not the number of foreigners who joined" denies the identity of another
    figure, not the joining."""
    words = text[lo:at].rsplit(",", 1)[-1].split()
    return any(_NEGATION.fullmatch(w) for w in words[-_DENIAL_WORDS - 1:])


def _population(fates: set[str]) -> str:
    """The population a set of acts gives: a part of the base one (survivors of those who travelled) before
    the base; '' for none."""
    part = sorted(fates - {_BASE})
    return part[0] if part else (_BASE if fates else "")


def fate_of(text: str, q: Quantity, quantities: list[Quantity] | None = None) -> Fate:
    """What the people of figure q in text did (see the module's docstring)."""
    others = [o for o in (quantities if quantities is not None else extract_quantities(text))
              if (o.start, o.end) != (q.start, q.end)]
    start, end = _span(text, q, others)
    after = _acts(text, q.end, end)
    acts = after or _acts(text, start, q.start)[-1:]
    fate = _population({f for f, _ in acts})
    at = next((s for f, s in acts if f == fate), q.end)
    hedged = bool(fate) and bool(_HEDGE.search(text[max(start, at - _WINDOW):at]))
    wide = _WIDENING.search(text, q.start, end)
    return Fate(fate, hedged, wide.group(0).lower() if wide else "")


def claim_fate(claim: str, q: Quantity) -> Fate:
    """The claimed figure's fate; the claim's acts as a whole when none is tied to the figure itself."""
    own = fate_of(claim, q)
    if own.fate:
        return own
    return Fate(_population({_FATES[k] for k, _, _ in extract_predicates(claim) if k in _FATES}),
                widened_by=own.widened_by)


def other_population(claimed: Fate, documented: Fate, claim: str) -> bool:
    """True when the documented figure counts other people than the claimed one: another fate (survivors for
    joiners, returnees for travellers), or people widened by dependants or relatives the claim does not name."""
    if claimed.fate and documented.fate and claimed.fate != documented.fate:
        return True
    return bool(documented.widened_by) and not _WIDENING.search(claim)


def fate_label(counted: str, documented: Fate) -> str:
    """The row label of a figure for another population: "foreign fighters and dependants who may have
    survived"."""
    label = counted
    if documented.widened_by and documented.widened_by not in counted.lower():
        label += f" and {documented.widened_by}"
    if documented.fate:
        verb = _LABELS.get(documented.fate, documented.fate)
        if documented.hedged:
            verb = "may have " + (f"been {verb.split(' ', 1)[1]}" if verb.startswith("were ") else verb)
        label += f" who {verb}"
    return label
