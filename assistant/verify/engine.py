"""The embedded verification engine: sentence stances -> verdict, confidence, cited explanation.

No LLM: the verdict comes from the stances of the evidence sentences (see stance.py), weighted by how
relevant each sentence is and whether its source is primary. It abstains (not_enough_evidence) when the
evidence is weak or does not name the claim's places and actors.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace

from assistant.types import Citation, Evidence, Figure
from assistant.verify.compare import FigureMatch, predicate_kinds, restrictions
from assistant.verify.event_scope import (IMPLIED_PLACES, anchor_coverage, expand_places, name_anchors, period_dates,
                                          periods_compatible)
from assistant.verify.facets import ClaimFacets
from assistant.verify.features import RESTATED
from assistant.verify.features import Profile
from assistant.verify.stance import (DATED_OTHERWISE, GENERIC_ACTORS, STATES, StanceResult, all_exception, caveat_on,
                                     extract_facets, judge_sentence, loose_bound, measure_known, part_named)
from assistant.verify.trend import claimed_trend

MIN_RELEVANCE = 0.45
RIVAL_RATIO = (0.4, 2.5)  # a rival figure is within this factor of the agreeing one
QUALIFIED_SHARE = 0.9  # a caveated figure outweighs a plain one unless clearly weaker
CLOSE_RIVAL_RATIO = (0.8, 1.25)  # ...and this close when no sentence says the sources differ
PRIMARY_WEIGHT = 1.15
TRAVEL_MEASURES = {"people_abroad", "dependants", "returnees", "strength"}  # counts of people who went to the conflict
# Counts of persons whose act only the verb gives (unlike "deaths" or "arrests", which name their act).
HEADCOUNTS = {"people_abroad", "dependants", "people", "strength"}
# Bodies that count and report figures: naming one does not make a figure about another group.
REPORTERS = {"un", "un-monitoring-team", "cted", "europol", "interpol", "soufan", "icsr"}
# A contradiction rule fires only on a sentence at or above its relevance floor (0.45) and discounts its strength
# (x0.8-0.9); this lets one that fired at the floor decide when no sentence supports or qualifies the claim.
MIN_CONTRADICTION = 0.4
# A claim of rank: "the deadliest group", "the world's worst year", "its most lethal"
RANKED = re.compile(r"\b(?:the|its|their|world's)\s+(?:\w+-)?(?:\w+iest|\w+est|worst|most \w+)\b", re.I)
# A claim computing a change between two figures: "from 119 in 2019 to 57 in 2020".
CHANGE_BETWEEN = re.compile(r"\bfrom\s+\d[\d,.]*\b[^.;]{0,30}?\bto\s+\d", re.I)
# A sentence that says the sources themselves disagree ("the difference comes from the switch to a new database").
DISPUTED = re.compile(r"\b(?:differs? between|the difference (?:comes|is due|reflects|arises)|disagree\w*|"
                      r"(?:sources|editions|accounts) (?:differ|disagree|vary))\b", re.I)


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
    return f"{m.publisher or e.doc_id}" + (f" ({when})" if when else "")


def _anchors_found(claim: ClaimFacets, stances: list[StanceResult]) -> bool:
    wanted = {m.canonical for m in claim.places} | ({m.canonical for m in claim.actors} - GENERIC_ACTORS)
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


def _weight(s: StanceResult) -> float:
    return s.strength * (PRIMARY_WEIGHT if s.evidence.meta.primary else 1.0)


@dataclass
class FigureEvidence:
    """One documented figure compared with the claim's, with the sentence's weight and document."""

    doc_id: str
    weight: float
    agrees: bool
    other_thing: bool
    superseded: bool  # an early or qualified figure ("first reports gave 13", "revised down")
    stance: StanceResult
    reason: str = ""
    match: FigureMatch | None = None
    known: bool = True  # both figures' measures are known (an unlabelled figure cannot contradict)
    other_actor: bool = False  # the sentence names actors, none of them the claim's (Boko Haram's toll vs ISIS's)


def rival(agreeing: FigureEvidence, differing: FigureEvidence, within: tuple[float, float] | None = None) -> bool:
    """A differing figure that rivals an agreeing one: a count of the same thing, of the same order of
    magnitude (32 vs 35 dead, 41,490 vs 52,808 joiners; not 3 bombers vs 32 dead). The caller also asks for a
    sentence that records the disagreement ("restated", "instead cite", "differs between sources"), unless
    two documents give close rival figures (32,685 vs 33,555 deaths)."""
    a, d = agreeing.match, differing.match
    known = measure_known(d) if d is not None else False
    if a is None or d is None or not a.documented.value or not (known or differing.stance is agreeing.stance):
        return False
    if differing.other_actor:  # another group's figure is no rival value for the claim's group
        return False
    pa, pd = _scope(agreeing), _scope(differing)
    if a.claimed_measure in TRAVEL_MEASURES:  # fighters' counts are about Syria and Iraq whether named or not
        pa, pd = pa - IMPLIED_PLACES, pd - IMPLIED_PLACES
    if bool(pa) != bool(pd) or (pa and not (pa & expand_places(pd) or pd & expand_places(pa))):
        return False  # a figure for Iraq is no rival to a worldwide one
    if restrictions(d.documented) - restrictions(a.documented) - restrictions(d.claimed):
        return False  # a narrower count ("8 foiled jihadist attacks" beside "15 attacks") is a part, not a rival
    ratio = d.documented.value / a.documented.value
    low, high = within or RIVAL_RATIO
    return low <= ratio <= high


_REVISED_TO = re.compile(r"\b(?:revised|corrected|lowered|raised|put)\b[^.;]{0,50}\b(?:down |up )?to\s*$", re.I)


def revises(row: FigureEvidence) -> bool:
    """The row's figure is a revision of an earlier one: "revised the toll down to about 253"."""
    if row.match is None:
        return False
    text = row.stance.evidence.text
    return bool(_REVISED_TO.search(text[max(0, row.match.documented.start - 70):row.match.documented.start]))


def _scope(row: FigureEvidence) -> set[str]:
    """The places a figure's sentence names, else those of its document's title."""
    e = row.stance.evidence
    own = {m.canonical for m in row.stance.facets.places} if row.stance.facets is not None else set()
    return own or {m.canonical for m in extract_facets(e.meta.title).places}


def _near(a: float, b: float) -> bool:
    return abs(a - b) <= 0.1 * max(abs(a), abs(b), 1e-9)


def _other_actor(claim: ClaimFacets, s: StanceResult) -> bool:
    """The sentence names actors and none of them is one the claim names."""
    mine = {m.canonical for m in claim.actors} - REPORTERS
    theirs = ({m.canonical for m in s.facets.actors} if s.facets is not None else set()) - REPORTERS
    return bool(mine and theirs and not mine & theirs)


def disputes(claim: ClaimFacets, s: StanceResult) -> bool:
    """The sentence says the sources disagree, and names every actor, place and period the claim asserts
    ("earlier editions ranked the Taliban first for 2018 and 2019; the difference comes from ..."): the
    claim takes one side of a recorded disagreement."""
    f = s.facets
    if f is None or s.evidence.similarity < MIN_RELEVANCE or not DISPUTED.search(s.evidence.text):
        return False
    if not {m.canonical for m in claim.actors} <= {m.canonical for m in f.actors}:
        return False
    if not {m.canonical for m in claim.places} <= expand_places({m.canonical for m in f.places}):
        return False
    dates = period_dates(s.evidence.text, f.dates)
    return not claim.dates or bool(dates and periods_compatible(claim.dates, dates))


def _figure_evidence(claim: ClaimFacets, stances: list[StanceResult],
                     anchors: set[str] = frozenset()) -> list[FigureEvidence]:
    rows = []
    names = set(anchors) | {m.canonical for m in claim.places}
    claim_kinds = predicate_kinds(claim.predicates)
    for s in stances:
        ev_kinds = predicate_kinds(s.facets.predicates) if s.facets is not None else set()
        for m in s.matches:
            if not m.same_measure:
                continue
            if (not m.numbers_agree and claim_kinds and not claim_kinds & ev_kinds
                    and m.documented_measure in HEADCOUNTS):
                continue  # a figure for people who did something else ("were in Syria" vs "were repatriated")
            if loose_bound(m) or not (m.numbers_agree or measure_known(m)):
                # an unlabelled figure, or a bound far from the claimed value ("up to 52,808" for 41,490): a rival
                # only beside an agreeing figure of the same sentence
                rivalling = not loose_bound(m) or not _near(m.documented.value, m.claimed.value)
                if rivalling and any(o.numbers_agree and o.same_measure and not loose_bound(o) for o in s.matches):
                    rows.append(FigureEvidence(s.evidence.doc_id, _weight(s), False, False, False, s,
                                               f"gives {m.documented.text}", m, known=False))
                continue
            # an early or qualified figure, or one given with an exception to the claim's "all"
            superseded = caveat_on(s.evidence.text, m.documented, claim.text) or all_exception(claim, s.evidence.text)
            what = m.documented.counted or m.claimed.counted
            if m.numbers_agree and part_named(s.evidence.text, m.documented, names):
                m = replace(m, counts_other_thing=True)  # the claim's place or site has only part of it
                what = "the whole, of which only part for what the claim names"
            if m.numbers_agree and m.counts_other_thing:
                reason = f"gives {m.documented.text}, but that figure counts {what or 'something else'}"
            elif m.numbers_agree and superseded:
                reason = f"gives {m.documented.text} as an early or qualified figure"
            elif m.numbers_agree:
                reason = f"gives {m.documented.text}" + (f" {what}" if what and what not in m.documented.text else "")
            else:
                reason = f"gives {m.documented.text}, not {m.claimed.text}"
            rows.append(FigureEvidence(s.evidence.doc_id, _weight(s), m.numbers_agree, m.counts_other_thing,
                                       superseded, s, reason, m, other_actor=_other_actor(claim, s)))
    return rows


def _off(row: FigureEvidence) -> float:
    """How far the row's documented figure is from the claimed one."""
    return abs(row.match.documented.value - row.match.claimed.value) if row.match else float("inf")


def _figure_verdict(rows: list[FigureEvidence], change: bool = False) -> tuple[str, float, list[FigureEvidence]] | None:
    """Verdict from the figures alone, with the rows that decide it; None when no figure decides."""
    strong = [r for r in rows if r.weight >= 0.45]
    other = [r for r in strong if r.agrees and r.other_thing]
    qualified = [r for r in strong if r.agrees and r.superseded and not r.other_thing]
    clean = [r for r in strong if r.agrees and not r.superseded and not r.other_thing]
    # an early figure is no caveat when its own sentence gives the later one, nearer the claim's ("first
    # reported as 129 ... the final count is 130")
    qualified = [r for r in qualified if not any(c.stance is r.stance and _off(c) < _off(r) for c in clean)]
    unlabelled = [r for r in strong if not r.known]
    strong = [r for r in strong if r.known]
    differ = [r for r in strong if not r.agrees and not r.superseded]
    ranked = lambda rs: sorted(rs, key=lambda r: -r.weight)  # noqa: E731
    best = lambda rs: max((r.weight for r in rs), default=0.0)  # noqa: E731
    if best(other) >= 0.5:
        return "misleading", best(other), ranked(other)[:2] + ranked(clean + differ)[:1]
    top_clean = ranked(clean)[0].doc_id if clean else None
    # a document's own "Context:" note qualifying the figure it gives outweighs its plain statement of it
    self_qualified = [r for r in qualified if r.doc_id == top_clean and r.stance.evidence.text.startswith("Context:")]
    if best(qualified) >= 0.5 and (best(qualified) >= QUALIFIED_SHARE * best(clean) or self_qualified):
        return "misleading", best(qualified), ranked(qualified)[:2] + ranked(clean + differ)[:1]
    revisions = [(c, d) for c in clean for d in differ if c.weight >= 0.5 and rival(c, d) and revises(d)]
    if revisions:  # a later source revised the claim's figure: an early figure, not a rival one
        c, d = max(revisions, key=lambda p: min(p[0].weight, p[1].weight))
        d.reason = f"revised it to {d.match.documented.text}" if d.match else d.reason
        return "misleading", min(c.weight, d.weight), [c, d]
    pairs = [(c, d) for c in clean for d in differ + unlabelled if rival(c, d)
             # a weaker agreeing figure counts when the same restating sentence gives the rival one too
             and (c.weight >= 0.5 or (d.stance is c.stance and RESTATED.search(c.stance.evidence.text)))
             and (RESTATED.search(c.stance.evidence.text) or RESTATED.search(d.stance.evidence.text)
                  or (d.doc_id != c.doc_id and d.weight >= 0.5 and rival(c, d, CLOSE_RIVAL_RATIO)))]
    if pairs:
        c, d = max(pairs, key=lambda p: min(p[0].weight, p[1].weight))
        if change:  # a change computed from a figure the sources count on different bases mixes them
            d.reason = f"gives {d.match.documented.text} on another basis" if d.match else d.reason
            return "misleading", min(c.weight, d.weight), [c, d]
        return "conflicting", min(c.weight, d.weight), [c, d]
    if best(clean) >= 0.5:
        return "supported", best(clean), ranked(clean)[:3]
    if best(differ) >= 0.45:
        return "contradicted", best(differ), ranked(differ)[:3]
    return None


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
    stances = [judge_sentence(claim, e, anchors) for e in relevant]
    rows = _figure_evidence(claim, stances, anchors) if claim.quantities else []
    found = bool(stances) and _anchors_found(claim, stances) and _names_found(anchors, relevant)

    def out(verdict: str, confidence: float, deciding: list[tuple[StanceResult, str]]) -> Assessment:
        return Assessment(verdict, confidence, stances, deciding, rows, found)

    if not found:
        best = max((e.similarity for e in evidence), default=0.0)
        return out("not_enough_evidence", round(min(0.9, 0.55 + 0.4 * (1 - best)), 3), [])
    by: dict[str, list[StanceResult]] = {"supports": [], "contradicts": [], "misleading": []}
    for s in stances:
        if s.stance in by:
            by[s.stance].append(s)
    if any(_weight(s) >= 0.5 for s in by["supports"]):  # a source states the act at the claim's date: sentences
        # dating it otherwise speak of other occasions (another year's count, an earlier event)
        by["contradicts"] = [s for s in by["contradicts"] if s.reason != DATED_OTHERWISE]
    top = {k: max((_weight(s) for s in v), default=0.0) for k, v in by.items()}
    total = {k: sum(_weight(s) for s in v) for k, v in by.items()}
    all_weight = sum(total.values()) or 1.0

    def conf(kind: str, strength: float | None = None) -> float:
        share = total[kind] / all_weight if kind in total else 0.5
        strength = top.get(kind, 0.0) if strength is None else strength
        return round(max(0.3, min(0.95, 0.35 + 0.45 * min(1.0, strength) + 0.15 * share)), 3)

    def picked(*kinds: str) -> list[tuple[StanceResult, str]]:
        chosen = sorted((s for s in stances if s.stance in kinds), key=lambda s: -_weight(s))[:3]
        return [(s, s.reason) for s in chosen]

    warned = sorted((s for s in stances if s.misreading and _weight(s) >= 0.5), key=lambda s: -_weight(s))
    if warned:  # a source names the very reading the claim makes: incomplete (misleading) or false
        verdict = "contradicted" if warned[0].stance == "contradicts" else "misleading"
        return out(verdict, conf(warned[0].stance, _weight(warned[0])), [(s, s.reason) for s in warned[:2]])
    figure = _figure_verdict(rows, bool(CHANGE_BETWEEN.search(claim.text))) if claim.quantities else None
    non_figure_misleading = [s for s in by["misleading"] if not s.matches]
    if figure is not None:
        verdict, strength, deciding_rows = figure
        deciding = [(r.stance, r.reason) for r in deciding_rows]
        key = {"supported": "supports", "contradicted": "contradicts", "misleading": "misleading"}.get(verdict)
        if verdict == "supported" and non_figure_misleading and max(map(_weight, non_figure_misleading)) >= strength:
            return out("misleading", conf("misleading"), picked("misleading") + deciding[:1])
        return out(verdict, (conf(key, strength) if key else round(0.4 + 0.3 * strength, 3)), deciding)
    disputed = [s for s in stances if disputes(claim, s)]
    sides = [s for s in by["supports"] + by["contradicts"] if _weight(s) >= 0.5 and s not in disputed]
    if disputed and sides:  # the claim asserts one side of a disagreement a source records
        picked_sides = sorted(sides, key=lambda s: (s.stance != "supports", -_weight(s)))[:2]
        return out("conflicting", round(0.4 + 0.3 * _weight(disputed[0]), 3),
                   [(s, s.reason) for s in picked_sides] + [(disputed[0], "records that the sources disagree")])
    if top["misleading"] >= 0.55 and total["misleading"] >= 0.6 * total["supports"]:
        return out("misleading", conf("misleading"), picked("misleading"))
    sup_docs = {s.evidence.doc_id for s in by["supports"] if _weight(s) >= 0.55}
    # a sentence stating the claim with its date makes one that dates "the same" event differently no rival
    # account: that one is about another event or period
    # (not for a rank or a trend, "the deadliest group in 2015", "rose in 2016": other years bear on those)
    dated_statement = any(s.reason == STATES and _weight(s) >= 0.55 for s in by["supports"])
    if claim.dates and dated_statement and not RANKED.search(claim.text) and not claimed_trend(claim.text):
        by["contradicts"] = [s for s in by["contradicts"] if s.reason != DATED_OTHERWISE]
        total["contradicts"] = sum(_weight(s) for s in by["contradicts"])
        top["contradicts"] = max((_weight(s) for s in by["contradicts"]), default=0.0)
    # a sentence that dates the act differently is about another occasion, not a rival account of this one
    con_docs = {s.evidence.doc_id for s in by["contradicts"] if _weight(s) >= 0.55 and s.reason != DATED_OTHERWISE}
    if sup_docs and con_docs and sup_docs != con_docs:
        share = min(total["supports"], total["contradicts"]) / max(total["supports"], total["contradicts"])
        if share >= 0.5:
            return out("conflicting", round(0.4 + 0.4 * share, 3), picked("supports")[:2] + picked("contradicts")[:2])
    if top["supports"] >= 0.5 and total["supports"] >= total["contradicts"]:
        return out("supported", conf("supports"), picked("supports"))
    if top["contradicts"] >= MIN_CONTRADICTION:
        return out("contradicted", conf("contradicts"), picked("contradicts"))
    if top["misleading"] >= 0.5:
        return out("misleading", conf("misleading"), picked("misleading"))
    best = max((e.similarity for e in evidence), default=0.0)
    return out("not_enough_evidence", round(min(0.85, 0.5 + 0.4 * (1 - best)), 3), [])


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
    figures = [] if verdict == "not_enough_evidence" else _figures(stances, index)
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
    caveats.sort(key=lambda s: (not s.evidence.text.startswith("Context"), -_weight(s)))
    out = []
    for s in caveats[:1]:
        text = s.evidence.text.removeprefix("Context:").strip()
        out.append((text, [index[id(s.evidence)]]))
    return out


def _figures(stances: list[StanceResult], index: dict[int, int]) -> list[tuple[Figure, int]]:
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
            meta = s.evidence.meta
            rows.append((Figure(what=m.documented.counted or m.claimed.counted, claimed=m.claimed.text,
                                documented=m.documented.text, source=meta.publisher, as_of=meta.as_of,
                                published=meta.published, relation=relation), index[id(s.evidence)]))
    rows.sort(key=lambda r: r[0].relation != "matches")
    return rows[:8]


def citation_for(n: int, e: Evidence) -> Citation:
    m = e.meta
    return Citation(n=n, doc_id=e.doc_id, chunk_id=e.chunk_id, start=e.start, end=e.end, quote=e.text,
                    title=m.title, publisher=m.publisher, publisher_type=m.publisher_type, published=m.published,
                    as_of=m.as_of, primary=m.primary, url=m.url)
