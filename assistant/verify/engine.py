"""The embedded verification engine: sentence stances -> verdict, confidence, cited explanation.

No LLM: the verdict comes from the stances of the evidence sentences (see stance.py), weighted by how
relevant each sentence is and whether its source is primary. It abstains (not_enough_evidence) when the
evidence is weak or does not name the claim's places and actors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.ingest.notes import is_note
from assistant.types import Citation, Evidence, Figure
from assistant.verify.cues import INFERENCE
from assistant.verify.event_scope import anchor_coverage, name_anchors
from assistant.verify.facets import ClaimFacets
from assistant.verify.features import Profile
from assistant.verify.figure_table import table_row
from assistant.verify.figures import (MIN_RELEVANCE, SIBLING_RELEVANCE, FigureEvidence, disputes, figure_rows, figure_verdict,
                                      weight)
from assistant.verify.stance import DATED_OTHERWISE, GENERIC_ACTORS, STATES, StanceResult, judge_sentence
from assistant.verify.trend import claimed_trend

# A contradiction rule fires only on a sentence at or above its relevance floor (0.45) and discounts its strength
# (x0.8-0.9); this lets one that fired at the floor decide when no sentence supports or qualifies the claim.
MIN_CONTRADICTION = 0.4
# A claim of rank: "the deadliest group", "the world's worst year", "its most lethal"
RANKED = re.compile(r"\b(?:the|its|their|world's)\s+(?:\w+-)?(?:\w+iest|\w+est|worst|most \w+)\b", re.I)
# A claim computing a change between two figures: "from 119 in 2019 to 57 in 2020".
CHANGE_BETWEEN = re.compile(r"\bfrom\s+\d[\d,.]*\b[^.;]{0,30}?\bto\s+\d", re.I)


@dataclass
class Judgement:
    verdict: str
    confidence: float
    explanation: list[tuple[str, list[int]]]  # sentences with the indexes (into evidence) they rest on
    missing_context: list[tuple[str, list[int]]]
    figures: list[tuple[Figure, int]]  # figure row + evidence index
    cited: list[int]  # evidence indexes cited, in order


def _who(e: Evidence) -> str:
    m = e.meta
    when = m.published[:7] if m.published else ""
    source = f"{m.publisher or e.doc_id}" + (f" ({when})" if when else "")
    return f"The corpus's editorial note on {source}" if is_note(e) else source


def _anchors_found(claim: ClaimFacets, stances: list[StanceResult], swapped: frozenset[str] = frozenset()) -> bool:
    # a place or actor a sentence gives another value for ("Burkina Faso", not "Nigeria") is not expected
    wanted = {m.canonical for m in claim.places if m.text.lower() not in swapped} | \
        ({m.canonical for m in claim.actors if m.text.lower() not in swapped} - GENERIC_ACTORS)
    if not wanted:
        return True
    found: set[str] = set()
    for s in stances:
        if s.facets is not None:
            found |= {m.canonical for m in s.facets.places} | {m.canonical for m in s.facets.actors}
    return len(wanted & found) >= max(1, len(wanted) // 2 + len(wanted) % 2)


def _names_found(anchors: set[str], evidence: list[Evidence]) -> bool:
    """Most of the names the claim uses ("Myanmar", "Magdeburg") appear in some relevant passage or its title:
    evidence that never names them is about something else."""
    if not anchors:
        return True
    return max((anchor_coverage(anchors, f"{e.text} {e.meta.title}") for e in evidence), default=0.0) >= 0.5


@dataclass
class Assessment:
    """Everything the rules saw and decided: the verdict, the stances, the figure rows and the deciding stances."""

    verdict: str
    confidence: float
    stances: list[StanceResult]
    deciding: list[tuple[StanceResult, str]]
    figures: list[FigureEvidence]
    anchors_found: bool

    def profile(self, claim: ClaimFacets, evidence: list[Evidence]) -> Profile:
        return Profile(claim, evidence, self.stances, self.figures, self.anchors_found, self.verdict, self.confidence)


def decide(claim: ClaimFacets, evidence: list[Evidence]) -> tuple[str, float, list[StanceResult], list[tuple[StanceResult, str]]]:
    """(verdict, confidence, stances of the relevant evidence, the deciding stances with their reasons)."""
    a = assess(claim, evidence)
    return a.verdict, a.confidence, a.stances, a.deciding


def assess(claim: ClaimFacets, evidence: list[Evidence]) -> Assessment:
    """The rule verdict with what it rests on."""
    relevant = [e for e in evidence if e.similarity >= MIN_RELEVANCE]
    anchors = name_anchors(claim.text, [e.text for e in relevant])
    stances, rows = _judge_evidence(claim, evidence, relevant, anchors)
    # names a sentence gives another value for ("named after Kayla Mueller", not "James Foley") are not
    # expected in the evidence
    swapped = {w for s in stances if s.stance == "contradicts" and s.swapped for w in s.swapped}
    found = bool(stances) and _anchors_found(claim, stances, frozenset(swapped)) and _names_found(anchors - swapped, relevant)
    t = _tally(claim, evidence, stances, rows, found)
    if not found:
        best = max((e.similarity for e in evidence), default=0.0)
        return t.out("not_enough_evidence", round(min(0.9, 0.55 + 0.4 * (1 - best)), 3), [])
    for rule in VERDICT_RULES:
        decided = rule(t)
        if decided is not None:
            return decided
    best = max((e.similarity for e in evidence), default=0.0)
    return t.out("not_enough_evidence", round(min(0.85, 0.5 + 0.4 * (1 - best)), 3), [])


def _judge_evidence(claim: ClaimFacets, evidence: list[Evidence], relevant: list[Evidence],
                    anchors: set[str]) -> tuple[list[StanceResult], list[FigureEvidence]]:
    """The stances of the relevant sentences and the claim's figure rows."""
    passages: dict[str, list[str]] = {}
    for e in relevant:
        passages.setdefault(e.doc_id, []).append(e.text)
    documents = {doc: " ".join(texts) for doc, texts in passages.items()}  # a document's relevant passages
    stances = [judge_sentence(claim, e, anchors, documents[e.doc_id]) for e in relevant]
    # less similar sentences of the same documents matter only where a figure of the claim is contradicted
    # (see figure_rows), so they are judged only then
    contradicted_figure = any(s.stance == "contradicts" and s.matches for s in stances)
    siblings = [judge_sentence(claim, e, anchors, documents[e.doc_id]) for e in evidence
                if SIBLING_RELEVANCE <= e.similarity < MIN_RELEVANCE and e.doc_id in documents] \
        if claim.quantities and contradicted_figure else []
    rows = figure_rows(claim, stances, anchors, siblings) if claim.quantities else []
    return stances, rows


@dataclass
class _Tally:
    """The stances sorted by kind with their strongest and total weights: what the verdict rules weigh."""

    claim: ClaimFacets
    stances: list[StanceResult]
    rows: list[FigureEvidence]
    found: bool
    by: dict[str, list[StanceResult]]  # supports / contradicts / misleading
    top: dict[str, float]
    total: dict[str, float]
    all_weight: float  # total weight of the three kinds, as first counted

    def out(self, verdict: str, confidence: float, deciding: list[tuple[StanceResult, str]]) -> Assessment:
        """The assessment; a supported premise of an inferred conclusion makes the claim misleading."""
        if verdict == "supported" and INFERENCE.search(self.claim.text):  # the premise holds; the conclusion is the claim's
            verdict, deciding = "misleading", [(s, f"{r}, but not the conclusion the claim draws from it")
                                               for s, r in deciding]
        return Assessment(verdict, confidence, self.stances, deciding, self.rows, self.found)

    def conf(self, kind: str, strength: float | None = None) -> float:
        """The rule confidence of a verdict of this kind: its strength and its share of the weight."""
        share = self.total[kind] / self.all_weight if kind in self.total else 0.5
        strength = self.top.get(kind, 0.0) if strength is None else strength
        return round(max(0.3, min(0.95, 0.35 + 0.45 * min(1.0, strength) + 0.15 * share)), 3)

    def picked(self, *kinds: str) -> list[tuple[StanceResult, str]]:
        """The three heaviest stances of these kinds, with their reasons."""
        chosen = sorted((s for s in self.stances if s.stance in kinds), key=lambda s: -weight(s))[:3]
        return [(s, s.reason) for s in chosen]


def _tally(claim: ClaimFacets, evidence: list[Evidence], stances: list[StanceResult], rows: list[FigureEvidence],
           found: bool) -> _Tally:
    """Sort the stances by kind and weigh them."""
    by: dict[str, list[StanceResult]] = {"supports": [], "contradicts": [], "misleading": []}
    for s in stances:
        if s.stance in by:
            by[s.stance].append(s)
    if any(weight(s) >= 0.5 for s in by["supports"]):  # a source states the act at the claim's date: sentences
        # dating it otherwise speak of other occasions (another year's count, an earlier event)
        by["contradicts"] = [s for s in by["contradicts"] if s.reason != DATED_OTHERWISE]
    top = {k: max((weight(s) for s in v), default=0.0) for k, v in by.items()}
    total = {k: sum(weight(s) for s in v) for k, v in by.items()}
    return _Tally(claim, stances, rows, found, by, top, total, sum(total.values()) or 1.0)


def _warned(t: _Tally) -> Assessment | None:
    """A source names the very reading the claim makes: incomplete (misleading) or false."""
    warned = sorted((s for s in t.stances if s.misreading and weight(s) >= 0.5), key=lambda s: -weight(s))
    if not warned:
        return None
    verdict = "contradicted" if warned[0].stance == "contradicts" else "misleading"
    return t.out(verdict, t.conf(warned[0].stance, weight(warned[0])), [(s, s.reason) for s in warned[:2]])


def _by_figures(t: _Tally) -> Assessment | None:
    """The claim's figures decide (misleading when a stronger non-figure caveat meets a supported figure)."""
    claim = t.claim
    figure = figure_verdict(t.rows, bool(CHANGE_BETWEEN.search(claim.text))) if claim.quantities else None
    non_figure_misleading = [s for s in t.by["misleading"] if not s.matches]
    if figure is None:
        return None
    verdict, strength, deciding_rows = figure
    deciding = [(r.stance, r.reason) for r in deciding_rows]
    key = {"supported": "supports", "contradicted": "contradicts", "misleading": "misleading"}.get(verdict)
    if verdict == "supported" and non_figure_misleading and max(map(weight, non_figure_misleading)) >= strength:
        return t.out("misleading", t.conf("misleading"), t.picked("misleading") + deciding[:1])
    return t.out(verdict, (t.conf(key, strength) if key else round(0.4 + 0.3 * strength, 3)), deciding)


def _recorded_dispute(t: _Tally) -> Assessment | None:
    """The claim asserts one side of a disagreement a source records: conflicting."""
    disputed = [s for s in t.stances if disputes(t.claim, s)]
    sides = [s for s in t.by["supports"] + t.by["contradicts"] if weight(s) >= 0.5 and s not in disputed]
    if not (disputed and sides):
        return None
    picked_sides = sorted(sides, key=lambda s: (s.stance != "supports", -weight(s)))[:2]
    return t.out("conflicting", round(0.4 + 0.3 * weight(disputed[0]), 3),
                 [(s, s.reason) for s in picked_sides] + [(disputed[0], "records that the sources disagree")])


def _mostly_misleading(t: _Tally) -> Assessment | None:
    """A strong caveat with weight near the support's: misleading."""
    if t.top["misleading"] >= 0.55 and t.total["misleading"] >= 0.6 * t.total["supports"]:
        return t.out("misleading", t.conf("misleading"), t.picked("misleading"))
    return None


def _other_documents_disagree(t: _Tally) -> Assessment | None:
    """Documents that support and documents that contradict, of comparable weight: conflicting."""
    by, total = t.by, t.total
    sup_docs = {s.evidence.doc_id for s in by["supports"] if weight(s) >= 0.55}
    _set_aside_other_occasions(t)
    # a sentence that dates the act differently is about another occasion, not a rival account of this one
    con_docs = {s.evidence.doc_id for s in by["contradicts"] if weight(s) >= 0.55 and s.reason != DATED_OTHERWISE}
    if sup_docs and con_docs and sup_docs != con_docs:
        share = min(total["supports"], total["contradicts"]) / max(total["supports"], total["contradicts"])
        if share >= 0.5:
            return t.out("conflicting", round(0.4 + 0.4 * share, 3), t.picked("supports")[:2] + t.picked("contradicts")[:2])
    return None


def _set_aside_other_occasions(t: _Tally) -> None:
    """A sentence stating the claim with its date makes one that dates "the same" event differently no rival
    account: that one is about another event or period (not for a rank or a trend, "the deadliest group in
    2015", "rose in 2016": other years bear on those). Narrows the contradicting stances in place."""
    claim, by = t.claim, t.by
    dated_statement = any(s.reason == STATES and weight(s) >= 0.55 for s in by["supports"])
    if claim.dates and dated_statement and not RANKED.search(claim.text) and not claimed_trend(claim.text):
        by["contradicts"] = [s for s in by["contradicts"] if s.reason != DATED_OTHERWISE]
        t.total["contradicts"] = sum(weight(s) for s in by["contradicts"])
        t.top["contradicts"] = max((weight(s) for s in by["contradicts"]), default=0.0)


def _supported(t: _Tally) -> Assessment | None:
    """Strong support outweighing contradiction: supported."""
    if t.top["supports"] >= 0.5 and t.total["supports"] >= t.total["contradicts"]:
        return t.out("supported", t.conf("supports"), t.picked("supports"))
    return None


def _contradicted(t: _Tally) -> Assessment | None:
    """A contradiction at or above MIN_CONTRADICTION: contradicted."""
    if t.top["contradicts"] >= MIN_CONTRADICTION:
        return t.out("contradicted", t.conf("contradicts"), t.picked("contradicts"))
    return None


def _misleading(t: _Tally) -> Assessment | None:
    """A caveat of some weight: misleading."""
    if t.top["misleading"] >= 0.5:
        return t.out("misleading", t.conf("misleading"), t.picked("misleading"))
    return None


VERDICT_RULES = (_warned, _by_figures, _recorded_dispute, _mostly_misleading, _other_documents_disagree, _supported,
                 _contradicted, _misleading)


def judge(claim: ClaimFacets, evidence: list[Evidence], assessment: Assessment | None = None) -> Judgement:
    """The full judgement: verdict plus the sentences of the explanation and their evidence."""
    a = assessment or assess(claim, evidence)
    verdict, confidence, stances, deciding = a.verdict, a.confidence, a.stances, a.deciding
    index = {id(e): i for i, e in enumerate(evidence)}
    lead = {"supported": "The sources support the claim", "contradicted": "The sources contradict the claim",
            "misleading": "The claim is true only in part", "conflicting": "The sources disagree on this point"}
    explanation: list[tuple[str, list[int]]] = []
    seen: set[tuple[int, str]] = set()
    for n, (s, reason) in enumerate(deciding):
        i = index[id(s.evidence)]
        if (i, reason) in seen:
            continue
        seen.add((i, reason))
        text = f"{_who(s.evidence)} {reason or 'is the closest source'}"
        if n == 0 and verdict in lead:
            text = f"{lead[verdict]}: {text}"
        explanation.append((text + ".", [i]))
    if verdict == "not_enough_evidence":
        explanation.append(("The indexed sources do not address this claim closely enough to judge it; "
                            "the nearest passages are listed for reference.", []))
    context = _missing_context(verdict, stances, index)
    figures = [] if verdict == "not_enough_evidence" else _figures(stances, index, claim.text)
    cited: list[int] = []
    for _, refs in explanation + context:
        cited.extend(i for i in refs if i not in cited)
    cited.extend(i for _, i in figures if i not in cited)
    if verdict == "not_enough_evidence":
        cited.extend(i for i in range(min(3, len(evidence))) if i not in cited)
    return Judgement(verdict, confidence, explanation, context, figures, cited)


def _missing_context(verdict: str, stances: list[StanceResult], index: dict[int, int]) -> list[tuple[str, list[int]]]:
    if verdict in ("supported", "not_enough_evidence"):
        return []
    caveats = [s for s in stances if s.stance in ("misleading", "contradicts")]
    caveats.sort(key=lambda s: (not s.evidence.text.startswith("Context"), -weight(s)))
    out = []
    for s in caveats[:1]:
        text = s.evidence.text.removeprefix("Context:").strip()
        out.append((text, [index[id(s.evidence)]]))
    return out


def _figures(stances: list[StanceResult], index: dict[int, int], claim: str = "") -> list[tuple[Figure, int]]:
    rows: list[tuple[Figure, int]] = []
    seen: set[tuple[str, str]] = set()
    for s in stances:
        if s.stance == "neutral":
            continue
        for m in s.matches:
            if not m.same_measure or (m.claimed.text, m.documented.text) in seen:
                continue
            seen.add((m.claimed.text, m.documented.text))
            relation = ("counts_other_thing" if m.counts_other_thing else "matches" if m.numbers_agree else "differs")
            if s.stance == "misleading" and relation == "matches" and "revis" in s.evidence.text.lower():
                relation = "revised"
            row = table_row(m, s.evidence, relation, claim)
            if row is not None:
                rows.append((row, index[id(s.evidence)]))
    rows.sort(key=lambda r: r[0].relation != "matches")
    return rows[:8]


def citation_for(n: int, e: Evidence) -> Citation:
    m = e.meta
    return Citation(n=n, doc_id=e.doc_id, chunk_id=e.chunk_id, start=e.start, end=e.end, quote=e.text,
                    title=m.title, publisher=m.publisher, publisher_type=m.publisher_type, published=m.published,
                    as_of=m.as_of, primary=m.primary, url=m.url, note=is_note(e))
