"""The embedded verification engine: sentence stances -> verdict, confidence, cited explanation.

No LLM: the verdict comes from the stances of the evidence sentences (see stance.py), weighted by how
relevant each sentence is and whether its source is primary. It abstains (not_enough_evidence) when the
evidence is weak or does not name the claim's places and actors.
"""
from __future__ import annotations

from dataclasses import dataclass

from assistant.types import Citation, Evidence, Figure
from assistant.verify.event_scope import name_anchors
from assistant.verify.facets import ClaimFacets
from assistant.verify.stance import (GENERIC_ACTORS, StanceResult, caveat_on, judge_sentence, loose_bound,
                                     measure_known)

MIN_RELEVANCE = 0.45
PRIMARY_WEIGHT = 1.15


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


def _figure_evidence(claim: ClaimFacets, stances: list[StanceResult]) -> list[FigureEvidence]:
    rows = []
    for s in stances:
        for m in s.matches:
            if not m.same_measure or loose_bound(m) or not (m.numbers_agree or measure_known(m)):
                continue
            superseded = caveat_on(s.evidence.text, m.documented, claim.text)
            what = m.documented.counted or m.claimed.counted
            if m.numbers_agree and m.counts_other_thing:
                reason = f"gives {m.documented.text}, but that figure counts {what or 'something else'}"
            elif m.numbers_agree and superseded:
                reason = f"gives {m.documented.text} as an early or qualified figure"
            elif m.numbers_agree:
                reason = f"gives {m.documented.text}" + (f" {what}" if what and what not in m.documented.text else "")
            else:
                reason = f"gives {m.documented.text}, not {m.claimed.text}"
            rows.append(FigureEvidence(s.evidence.doc_id, _weight(s), m.numbers_agree, m.counts_other_thing,
                                       superseded, s, reason))
    return rows


def _figure_verdict(rows: list[FigureEvidence]) -> tuple[str, float, list[FigureEvidence]] | None:
    """Verdict from the figures alone, with the rows that decide it; None when no figure decides."""
    strong = [r for r in rows if r.weight >= 0.45]
    other = [r for r in strong if r.agrees and r.other_thing]
    qualified = [r for r in strong if r.agrees and r.superseded and not r.other_thing]
    clean = [r for r in strong if r.agrees and not r.superseded and not r.other_thing]
    differ = [r for r in strong if not r.agrees and not r.superseded]
    ranked = lambda rs: sorted(rs, key=lambda r: -r.weight)  # noqa: E731
    best = lambda rs: max((r.weight for r in rs), default=0.0)  # noqa: E731
    if best(other) >= 0.5:
        return "misleading", best(other), ranked(other)[:2] + ranked(clean + differ)[:1]
    if best(qualified) >= 0.5 and best(qualified) >= best(clean):
        return "misleading", best(qualified), ranked(qualified)[:2] + ranked(clean + differ)[:1]
    clean_docs, differ_docs = {r.doc_id for r in clean}, {r.doc_id for r in differ}
    if clean and differ_docs - clean_docs and best(differ) >= 0.45:
        others = [r for r in differ if r.doc_id not in clean_docs]
        return "conflicting", min(best(clean), best(others)), ranked(clean)[:2] + ranked(others)[:2]
    if best(clean) >= 0.5:
        return "supported", best(clean), ranked(clean)[:3]
    if best(differ) >= 0.45:
        return "contradicted", best(differ), ranked(differ)[:3]
    return None


def decide(claim: ClaimFacets, evidence: list[Evidence]) -> tuple[str, float, list[StanceResult], list[tuple[StanceResult, str]]]:
    """(verdict, confidence, stances of the relevant evidence, the deciding stances with their reasons)."""
    relevant = [e for e in evidence if e.similarity >= MIN_RELEVANCE]
    anchors = name_anchors(claim.text, [e.text for e in relevant])
    stances = [judge_sentence(claim, e, anchors) for e in relevant]
    if not stances or not _anchors_found(claim, stances):
        best = max((e.similarity for e in evidence), default=0.0)
        return "not_enough_evidence", round(min(0.9, 0.55 + 0.4 * (1 - best)), 3), stances, []
    by: dict[str, list[StanceResult]] = {"supports": [], "contradicts": [], "misleading": []}
    for s in stances:
        if s.stance in by:
            by[s.stance].append(s)
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

    figure = _figure_verdict(_figure_evidence(claim, stances)) if claim.quantities else None
    non_figure_misleading = [s for s in by["misleading"] if not s.matches]
    if figure is not None:
        verdict, strength, rows = figure
        deciding = [(r.stance, r.reason) for r in rows]
        key = {"supported": "supports", "contradicted": "contradicts", "misleading": "misleading"}.get(verdict)
        if verdict == "supported" and non_figure_misleading and max(map(_weight, non_figure_misleading)) >= strength:
            return "misleading", conf("misleading"), stances, picked("misleading") + deciding[:1]
        return verdict, (conf(key, strength) if key else round(0.4 + 0.3 * strength, 3)), stances, deciding
    if top["misleading"] >= 0.55 and total["misleading"] >= 0.6 * total["supports"]:
        return "misleading", conf("misleading"), stances, picked("misleading")
    sup_docs = {s.evidence.doc_id for s in by["supports"] if _weight(s) >= 0.55}
    con_docs = {s.evidence.doc_id for s in by["contradicts"] if _weight(s) >= 0.55}
    if sup_docs and con_docs and sup_docs != con_docs:
        share = min(total["supports"], total["contradicts"]) / max(total["supports"], total["contradicts"])
        if share >= 0.5:
            return "conflicting", round(0.4 + 0.4 * share, 3), stances, picked("supports")[:2] + picked("contradicts")[:2]
    if top["supports"] >= 0.5 and total["supports"] >= total["contradicts"]:
        return "supported", conf("supports"), stances, picked("supports")
    if top["contradicts"] >= 0.5:
        return "contradicted", conf("contradicts"), stances, picked("contradicts")
    if top["misleading"] >= 0.5:
        return "misleading", conf("misleading"), stances, picked("misleading")
    best = max((e.similarity for e in evidence), default=0.0)
    return "not_enough_evidence", round(min(0.85, 0.5 + 0.4 * (1 - best)), 3), stances, []


def judge(claim: ClaimFacets, evidence: list[Evidence]) -> Judgement:
    """The full judgement: verdict plus the sentences of the explanation and their evidence."""
    verdict, confidence, stances, deciding = decide(claim, evidence)
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
