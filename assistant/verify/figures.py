"""Documented figures against the claim's: agreeing, differing, counting another thing, superseded, or rival.

Each figure match of a sentence (see compare.py and stance.py) becomes a row with the sentence's weight and its
document; ``figure_verdict`` turns the rows into supported / contradicted / misleading / conflicting, or None when
no figure decides. A rival is a differing count of the same thing and order of magnitude, set against an
agreeing one where a source records the disagreement (or two documents give close values); a revision ("revised
the toll down to 253") supersedes the claim's figure instead.
"""
from __future__ import annotations

from dataclasses import dataclass, replace

from assistant.verify.compare import FigureMatch, predicate_kinds
from assistant.verify.cues import EARLY, RESTATED, caveat_on, part_named
from assistant.verify.facets import ClaimFacets
from assistant.verify.figure_base import (  # noqa: F401  (re-exported: figures.py is their public home)
    _REVISED_TO, CLOSE_RIVAL_RATIO, COUNTING_BASIS, DEFINITION_RATIO, DISPUTED, EARLIER_AFTER, HEADCOUNTS,
    MIN_RELEVANCE, OVER_TIME, PART_OF, PRIMARY_WEIGHT, QUALIFIED_SHARE, REPORTERS, RIVAL_RATIO, SIBLING_RELEVANCE,
    TRAVEL_MEASURES, FigureEvidence, _near, _off, _other_actor, _period, _restates, _scope, _yearly, disputes,
    earlier_point, other_definition, restated, revises, rival, weight)
from assistant.verify.figure_checks import all_exception, loose_bound, measure_known
from assistant.verify.stance import StanceResult


def figure_rows(claim: ClaimFacets, stances: list[StanceResult],
                     anchors: set[str] = frozenset(), siblings: list[StanceResult] = ()) -> list[FigureEvidence]:
    """The figure rows of the relevant sentences; siblings (less similar sentences of their documents) add
    only the rows that show the claim's number to be their document's count of another thing."""
    names = set(anchors) | {m.canonical for m in claim.places}
    claim_kinds = predicate_kinds(claim.predicates)
    differs_in = _differs_in(stances)
    rows = _sibling_rows(claim, stances, siblings, differs_in)
    for s in stances:
        ev_kinds = predicate_kinds(s.facets.predicates) if s.facets is not None else set()
        for m in s.matches:
            row = _match_row(claim, s, m, names, claim_kinds, ev_kinds, differs_in)
            if row is not None:
                rows.append(row)
    return rows


def _differs_in(stances: list[StanceResult]) -> set[tuple[str, int]]:
    """(document, claimed figure) where a contradicting sentence gives the claim's thing with another number:
    there the claim's number counts something else when another of their sentences gives it for another
    measure ("killed 5" and "injured 29" for "29 died"); not when any source gives the claim's figure for its
    own thing, nor for a part ("13 of the attacks")."""
    confirmed = {o.claimed.start for s in stances for o in s.matches if o.same_measure and o.numbers_agree}
    return {(s.evidence.doc_id, o.claimed.start) for s in stances if s.stance == "contradicts"
            and weight(s) >= 0.45 for o in s.matches
            if o.same_measure and measure_known(o) and not o.numbers_agree and o.claimed.start not in confirmed
            and not PART_OF.match(s.evidence.text[o.documented.end:])}


def _sibling_rows(claim: ClaimFacets, stances: list[StanceResult], siblings: list[StanceResult],
                  differs_in: set[tuple[str, int]]) -> list[FigureEvidence]:
    """The siblings' rows giving the claim's number for another measure in a document that differs, weighted
    as that document's heaviest relevant sentence."""
    differing_weight = {d: max(weight(s) for s in stances if s.evidence.doc_id == d) for d, _ in differs_in}
    rows = []
    for s in siblings:
        for m in s.matches:
            key = (s.evidence.doc_id, m.claimed.start)
            if not m.same_measure and key in differs_in and _number_of_other_measure(m, s, True):
                rows.append(_other_measure_row(claim, s, m, differing_weight[key[0]]))
    return rows


def _match_row(claim: ClaimFacets, s: StanceResult, m: FigureMatch, names: set[str], claim_kinds: set[str],
               ev_kinds: set[str], differs_in: set[tuple[str, int]]) -> FigureEvidence | None:
    """The row for one figure match of a relevant sentence, or None when it makes none."""
    if not m.same_measure:
        if _number_of_other_measure(m, s, (s.evidence.doc_id, m.claimed.start) in differs_in):
            return _other_measure_row(claim, s, m, weight(s))
        return None
    if not m.numbers_agree and claim_kinds and not claim_kinds & ev_kinds and m.documented_measure in HEADCOUNTS:
        return None  # a figure for people who did something else ("were in Syria" vs "were repatriated")
    if loose_bound(m) or not (m.numbers_agree or measure_known(m)):
        return _unlabelled_row(s, m)
    return _measured_row(claim, s, m, names)


def _unlabelled_row(s: StanceResult, m: FigureMatch) -> FigureEvidence | None:
    """An unlabelled figure, or a bound far from the claimed value ("up to 52,808" for 41,490): a rival only
    beside an agreeing figure of the same sentence."""
    rivalling = not loose_bound(m) or not _near(m.documented.value, m.claimed.value)
    if rivalling and any(o.numbers_agree and o.same_measure and not loose_bound(o) for o in s.matches):
        return FigureEvidence(s.evidence.doc_id, weight(s), False, False, False, s,
                              f"gives {m.documented.text}", m, known=False)
    return None


def _measured_row(claim: ClaimFacets, s: StanceResult, m: FigureMatch, names: set[str]) -> FigureEvidence:
    """A figure of the claim's measure: agreeing (plainly, as an early or qualified figure, or for another
    thing) or differing."""
    # an early or qualified figure, or one given with an exception to the claim's "all"
    superseded = caveat_on(s.evidence.text, m.documented, claim.text) or all_exception(claim, s.evidence.text)
    what = m.documented.counted or m.claimed.counted
    if m.numbers_agree and part_named(s.evidence.text, m.documented, names):
        m = replace(m, counts_other_thing=True)  # the claim's place or site has only part of it
        what = "the whole, of which only part for what the claim names"
    return FigureEvidence(s.evidence.doc_id, weight(s), m.numbers_agree, m.counts_other_thing,
                          superseded, s, _row_reason(m, superseded, what), m, other_actor=_other_actor(claim, s))


def _row_reason(m: FigureMatch, superseded, what: str) -> str:
    """The reason a measured row gives."""
    if m.numbers_agree and m.counts_other_thing:
        return f"gives {m.documented.text}, but that figure counts {what or 'something else'}"
    if m.numbers_agree and superseded:
        return f"gives {m.documented.text} as an early or qualified figure"
    if m.numbers_agree:
        return f"gives {m.documented.text}" + (f" {what}" if what and what not in m.documented.text else "")
    return f"gives {m.documented.text}, not {m.claimed.text}"


def _other_measure_row(claim: ClaimFacets, s: StanceResult, m: FigureMatch, w: float) -> FigureEvidence:
    """The claim's number given for another measure: an agreeing row that counts another thing."""
    return FigureEvidence(s.evidence.doc_id, w, True, True, False, s,
                          f"gives {m.documented.text}, but for {m.documented_measure}, not {m.claimed_measure}", m,
                          other_actor=_other_actor(claim, s))


def _number_of_other_measure(m: FigureMatch, s: StanceResult, document_differs: bool = False) -> bool:
    """The claim's exact number is the sentence's count of another thing, and the same sentence (or, with
    document_differs, another sentence of its document) counts the claim's thing with another number
    ("59 far-right attacks and 17 far-right deaths" for "59 died")."""
    if not (m.counts_other_thing and m.claimed_measure and m.documented_measure
            and m.claimed.value == m.documented.value):
        return False
    text, q = s.evidence.text.lower(), m.documented
    stem = q.counted.split()[0][:5] if q.counted else ""
    if not stem or stem not in text[max(0, q.start - 15):q.end + 40]:
        return False  # what it counts must be written with it ("59 far-right attacks", "injuring 12"), not afar
    return document_differs or any(o.claimed is m.claimed and o.same_measure and measure_known(o)
                                   and not o.numbers_agree for o in s.matches)


def _ranked(rows: list[FigureEvidence]) -> list[FigureEvidence]:
    """The rows, heaviest first."""
    return sorted(rows, key=lambda r: -r.weight)


def _best(rows: list[FigureEvidence]) -> float:
    """The weight of the heaviest row (0 for none)."""
    return max((r.weight for r in rows), default=0.0)


@dataclass
class FigureSets:
    """The rows figure_verdict weighs, sorted into the kinds its rules compare (strong rows only)."""

    rows: list[FigureEvidence]  # every row
    change: bool  # the claim computes a change between two of its figures
    other: list[FigureEvidence]  # agreeing, but counting another thing
    qualified: list[FigureEvidence]  # agreeing as an early or qualified figure
    clean: list[FigureEvidence]  # agreeing plainly
    unlabelled: list[FigureEvidence]  # a measure unknown
    differ: list[FigureEvidence]  # another value for the claim's measure


def _still_qualified(qualified: list[FigureEvidence], clean: list[FigureEvidence]) -> list[FigureEvidence]:
    """An early figure is no caveat when its own sentence or document gives the later one, nearer the claim's
    ("first reported as 129 ... the final count is 130", a Context note on "early tolls (128 or 129)")."""
    return [r for r in qualified
            if not any((c.stance is r.stance or (c.doc_id == r.doc_id and EARLY.search(r.stance.evidence.text)))
                       and _off(c) < _off(r) for c in clean)]


def figure_sets(rows: list[FigureEvidence], change: bool) -> FigureSets:
    """Sort the rows at or above the relevance floor into the kinds figure_verdict compares."""
    strong = [r for r in rows if r.weight >= 0.45]
    other = [r for r in strong if r.agrees and r.other_thing]
    qualified = [r for r in strong if r.agrees and r.superseded and not r.other_thing]
    clean = [r for r in strong if r.agrees and not r.superseded and not r.other_thing]
    qualified = _still_qualified(qualified, clean)
    unlabelled = [r for r in strong if not r.known]
    strong = [r for r in strong if r.known]
    return FigureSets(rows, change, other, qualified, clean, unlabelled, _differing(rows, strong, change))


def _differing(rows: list[FigureEvidence], known: list[FigureEvidence], change: bool) -> list[FigureEvidence]:
    """The known rows giving another value, less those whose figure another row gives for one of the claim's
    figures ("388 arrests ..., and 260 of them" is not contradicted by the 388); in a change "from 1,004 to
    449" both figures are the claim's and are set against each other."""
    given = {(id(r.stance), r.match.documented.start) for r in rows if r.agrees and r.match is not None and not change}
    return [r for r in known if not r.agrees and not r.superseded
            and (id(r.stance), r.match.documented.start if r.match else -1) not in given]


FigureVerdict = tuple[str, float, list[FigureEvidence]]


def _other_thing_verdict(f: FigureSets) -> FigureVerdict | None:
    """The claim's figure counts another thing: misleading."""
    if _best(f.other) >= 0.5:
        return "misleading", _best(f.other), _ranked(f.other)[:2] + _ranked(f.clean + f.differ)[:1]
    return None


def _counting_basis(f: FigureSets) -> list[tuple[FigureEvidence, FigureEvidence]]:
    """Qualifying rows whose sentence gives a rival value and puts the difference down to the counting basis:
    a disagreement between editions or definitions, not a correction."""
    claimed_values = {x.match.claimed.value for x in f.rows if x.match is not None}
    return [(r, o) for r in f.qualified for o in f.rows if o.stance is r.stance and not o.agrees and o.known
            and o.match.documented.value not in claimed_values  # not the claim's own other figure
            and rival(r, o, CLOSE_RIVAL_RATIO) and COUNTING_BASIS.search(r.stance.evidence.text)]


def _qualified_verdict(f: FigureSets) -> FigureVerdict | None:
    """A qualified figure about as strong as the plain one (or the document's own Context note on it): misleading,
    or conflicting when the qualification is another counting basis."""
    top_clean = _ranked(f.clean)[0].doc_id if f.clean else None
    # a document's own "Context:" note qualifying the figure it gives outweighs its plain statement of it
    self_qualified = [r for r in f.qualified if r.doc_id == top_clean and r.stance.evidence.text.startswith("Context:")]
    basis = _counting_basis(f)
    if _best(f.qualified) >= 0.5 and (_best(f.qualified) >= QUALIFIED_SHARE * _best(f.clean) or self_qualified):
        if basis and not f.change:
            r, o = max(basis, key=lambda p: p[0].weight)
            return "conflicting", r.weight, [r, o]
        return "misleading", _best(f.qualified), _ranked(f.qualified)[:2] + _ranked(f.clean + f.differ)[:1]
    return None


def _split_verdict(f: FigureSets) -> FigureVerdict | None:
    """A claim of several figures, one of which a sentence confirms while giving another value for the next
    ("13 US service members and some 1,700 Afghans" vs "170 Afghan civilians and 13 US service members"): one
    detail is wrong, when no source gives that figure as the claim does (an unmeasured figure counts when both
    name the same thing: "four churches" vs "three churches")."""
    same_noun = [u for u in f.unlabelled if u.match is not None and u.match.claimed.counted_head
                 and u.match.claimed.counted_head == u.match.documented.counted_head]
    split = [(c, d) for c in f.clean for d in f.differ + same_noun if d.stance is c.stance and c.weight >= 0.5
             and d.match.claimed != c.match.claimed
             and not any(r.agrees and r.match is not None and r.match.claimed == d.match.claimed for r in f.rows)]
    if not split:
        return None
    c, d = max(split, key=lambda p: min(p[0].weight, p[1].weight))
    d.reason = f"gives {d.match.documented.text} {d.match.documented.counted}, not {d.match.claimed.text}".replace("  ", " ")
    return "contradicted", min(c.weight, d.weight), [d, c]


def _revision_verdict(f: FigureSets) -> FigureVerdict | None:
    """A later source revised the claim's figure: an early figure, not a rival one (misleading)."""
    revisions = [(c, d) for c in f.clean for d in f.differ if c.weight >= 0.5 and rival(c, d) and revises(d)]
    if not revisions:
        return None
    c, d = max(revisions, key=lambda p: min(p[0].weight, p[1].weight))
    d.reason = f"revised it to {d.match.documented.text}" if d.match else d.reason
    return "misleading", min(c.weight, d.weight), [c, d]


def _rival_pair(c: FigureEvidence, d: FigureEvidence, change: bool) -> bool:
    """The differing row rivals the agreeing one: a weaker agreeing figure counts when the same restating
    sentence gives the rival one too; two documents counting differently defined regions ("the EU" vs
    "Europe") both stand."""
    return ((c.weight >= 0.5 or (d.stance is c.stance and RESTATED.search(c.stance.evidence.text)))
            and ((rival(c, d, change=change) and (_restates(c, d)
                                   or (d.doc_id != c.doc_id and d.weight >= 0.5 and rival(c, d, CLOSE_RIVAL_RATIO))))
                 or (d.doc_id != c.doc_id and d.weight >= 0.5 and other_definition(c, d)
                     and rival(c, d, DEFINITION_RATIO))))


def _rival_verdict(f: FigureSets) -> FigureVerdict | None:
    """Rival figures for the claim's: conflicting (misleading for a change computed across counting bases)."""
    pairs = [(c, d) for c in f.clean for d in f.differ + f.unlabelled if _rival_pair(c, d, f.change)]
    if not pairs:
        return None
    c, d = max(pairs, key=lambda p: min(p[0].weight, p[1].weight))
    if f.change:  # a change computed from a figure the sources count on different bases mixes them
        d.reason = f"gives {d.match.documented.text} on another basis" if d.match else d.reason
        return "misleading", min(c.weight, d.weight), [c, d]
    return "conflicting", min(c.weight, d.weight), [c, d]


def _agreeing_verdict(f: FigureSets) -> FigureVerdict | None:
    """A plain agreeing figure: supported."""
    if _best(f.clean) >= 0.5:
        return "supported", _best(f.clean), _ranked(f.clean)[:3]
    return None


def _differing_verdict(f: FigureSets) -> FigureVerdict | None:
    """Another value for the claim's measure: contradicted."""
    if _best(f.differ) >= 0.45:
        return "contradicted", _best(f.differ), _ranked(f.differ)[:3]
    return None


VERDICT_RULES = (_other_thing_verdict, _qualified_verdict, _split_verdict, _revision_verdict, _rival_verdict,
                 _agreeing_verdict, _differing_verdict)


def figure_verdict(rows: list[FigureEvidence], change: bool = False) -> tuple[str, float, list[FigureEvidence]] | None:
    """Verdict from the figures alone, with the rows that decide it; None when no figure decides."""
    f = figure_sets(rows, change)
    for rule in VERDICT_RULES:
        found = rule(f)
        if found is not None:
            return found
    return None
