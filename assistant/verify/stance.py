"""The stance of one evidence sentence toward a claim: supports, contradicts, misleading, or neutral.

Rules, from the claim's facets against the sentence's facets (no model beyond the similarity score):
- a sentence that rejects the wording the claim uses ("not the number who joined") makes it misleading;
- evidence about another event or subject (places, name anchors) is neutral;
- figures are compared only with figures for the same period and geographic scope; one that agrees and
  counts the same thing supports; one that agrees but counts something else (survivors and dependants vs
  joiners, "terrorist" vs "jihadist" attacks) or sits in a caveat ("revised", "not the number") makes the
  claim misleading; a different figure for the same thing contradicts;
- an "all"/"every" claim met by an exception ("no group claimed", "5 of the 6") is misleading;
- a negation of the claimed act itself ("no group claimed it") contradicts a plain claim;
- another actor doing the claimed act, with the claimed actor absent, contradicts;
- a wrong date for the same event (not for a later claim, arrest or trial) contradicts;
- an actor the sentence names only to deny it ("not by the Syrian government"), another peak year or another
  ordinal for the same noun ("fourth anniversary") contradicts; an "inflated" figure supports nothing;
- a caveat the claim leaves out makes it misleading; a sentence that contains every act, actor, place and
  date the claim asserts supports it.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from assistant.types import Evidence
from assistant.verify.facets import ClaimFacets
# the result type, thresholds and helpers live in stance_context.py, the rules in stance_rules.py; stance.py
# stays where engine.py, figures.py and the tests import them from
from assistant.verify.stance_context import (  # noqa: F401
    CLOSE_PARAPHRASE, DATED_OTHERWISE, GENERIC_ACTORS, LENGTH_RATIO, MISREADING_OVERLAP, STATES, SWAP_RELEVANCE, Stance,
    StanceResult, _canon, _name_words, _reference, _set, build_context)
from assistant.verify.stance_rules import RULES, actor_words, clause_actor  # noqa: F401


_LEFT_OUT: ContextVar[frozenset[str]] = ContextVar("rules_left_out", default=frozenset())


@contextmanager
def rules_left_out(names: Iterable[str]) -> Iterator[None]:
    """Within the block (this thread or task only), judge_sentence skips the named rules of RULES. The reader
    leaves out the rules that did not raise held-out scores (settings reader.rules_left_out); the rule
    engine, kept for comparison, runs them all."""
    unknown = set(names) - {r.__name__ for r in RULES}
    if unknown:
        raise ValueError(f"unknown stance rules {sorted(unknown)}; known: {[r.__name__ for r in RULES]}")
    token = _LEFT_OUT.set(frozenset(names))
    try:
        yield
    finally:
        _LEFT_OUT.reset(token)


def judge_sentence(claim: ClaimFacets, e: Evidence, anchors: set[str] | None = None, document: str = "") -> StanceResult:
    """The sentence's stance; document is the text of the other passages of its document, where the names the
    claim gives for its event may stand when the sentence states the act with a shorter name ("Fejzulai").
    The rules of stance_rules.RULES are tried in order (but those rules_left_out names); the first that decides
    gives the result."""
    ctx = build_context(claim, e, anchors, document)
    off = _LEFT_OUT.get()
    for rule in RULES:
        if rule.__name__ in off:
            continue
        found = rule(ctx)
        if found is not None:
            return found
    return ctx.result
