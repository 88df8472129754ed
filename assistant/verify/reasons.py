"""The cited explanation of a reader verdict: which findings decide it, and what each says.

Like is compared only with like: a figure is named as a rival number only by the figure check that found it
counts the claim's own measure; a figure for another thing is named as such. A sentence the stance model
says states the claim is never cited against it. A source's own words come before the corpus's notes: a note
weighs a little less when findings are chosen (NOTE_PENALTY) and is cited after any source's sentence, so it
adds context but is the main evidence only when no source's words back the verdict.
"""
from __future__ import annotations

from assistant.ingest.notes import is_note
from assistant.types import Evidence, Figure
from assistant.verify.figure_table import table_row
from assistant.verify.findings import Finding, Producer, Stance

LEAD = {"supported": "The sources support the claim", "contradicted": "The sources contradict the claim",
        "misleading": "The claim is true only in part", "conflicting": "The sources disagree on this point"}
NO_EVIDENCE = ("The indexed sources do not address this claim closely enough to judge it; "
               "the nearest passages are listed for reference.")


NOTE_PENALTY = 0.1  # how much less a corpus note weighs than a source's own sentence when reasons are chosen


def _note(f: Finding) -> float:
    return NOTE_PENALTY if is_note(f.evidence) else 0.0


def _for(f: Finding) -> float:
    return (f.probs.entailment * max(f.evidence.similarity, 0.0) + (0.5 if f.produced_by == Producer.FIGURE else 0)
            - _note(f))


def _against(f: Finding) -> float:
    strength = max(f.probs.contradiction, 0.6 if f.produced_by != Producer.MODEL else 0.0)
    return strength * max(f.evidence.similarity, 0.0) - _note(f)


def _best(findings: list[Finding], stances: set[Stance], key, k: int) -> list[Finding]:
    chosen = [f for f in findings if f.stance in stances and not (f.stance != Stance.SUPPORTS and f.states_claim)]
    return sorted(chosen, key=lambda f: -key(f))[:k]


def backing(verdict: str, findings: list[Finding]) -> list[Finding]:
    """The findings a verdict rests on, best first, a source's own words before the corpus's notes; [] when
    no finding backs it. Supported needs a sentence that supports; contradicted one that contradicts (a
    sentence that only qualifies the claim backs misleading, never contradicted); misleading a qualifying
    sentence or a true part; conflicting two sources on different sides."""
    return sorted(_backing(verdict, findings), key=lambda f: is_note(f.evidence))


def _backing(verdict: str, findings: list[Finding]) -> list[Finding]:
    sup = _best(findings, {Stance.SUPPORTS}, _for, 2)
    con = _best(findings, {Stance.CONTRADICTS}, _against, 2)
    caveat = _best(findings, {Stance.MISLEADING}, _against, 2)
    if verdict == "supported":
        return sup
    if verdict == "contradicted":
        return con
    if verdict == "misleading":
        return caveat + sup[:1] if caveat else sup[:1] + con[:1]
    if verdict == "conflicting":
        return _sides(sup, con + caveat)
    return []


def _sides(sup: list[Finding], against: list[Finding]) -> list[Finding]:
    """One sentence for and one against, from different sources when there are."""
    if not sup or not against:
        return []
    docs = {f.evidence.doc_id for f in sup}
    rival = [f for f in against if f.evidence.doc_id not in docs] or against
    return sup[:1] + rival[:1]


def who(e: Evidence) -> str:
    """Who says it: the publisher and date, or, for a corpus editor's "Context:" note, that note (our words,
    never shown as the source's)."""
    m = e.meta
    when = m.published[:7] if m.published else ""
    source = f"{m.publisher or e.doc_id}" + (f" ({when})" if when else "")
    return f"The corpus's editorial note on {source}" if is_note(e) else source


def marked(parts: list[tuple[str, list[int]]], number: dict[int, int]) -> str:
    """Explanation sentences joined, each ending with the [n] markers of the evidence it rests on."""
    out = []
    for sentence, refs in parts:
        marks = "".join(f" [{number[i]}]" for i in refs if i in number)
        out.append(sentence.rstrip(".") + marks + "." if marks else sentence)
    return " ".join(out)


def _reason(f: Finding, claim: str) -> str:
    """What the finding says; a figure the table marks as counting other people (survivors for joiners,
    total membership for foreigners) is named with what it counts."""
    m = f.figure
    if claim and m is not None and f.check == "figure_matches":
        row = table_row(m, f.evidence, "matches", claim)
        if row is not None and row.relation == "counts_other_thing":
            return f"gives {m.documented.text} {row.what}, another count than the claim's"
    return f.reason or "is the closest source"


def explanation(verdict: str, deciding: list[Finding], claim: str = "") -> list[tuple[str, list[int]]]:
    """Sentences with the evidence indexes they rest on."""
    if verdict == "not_enough_evidence" or not deciding:
        return [(NO_EVIDENCE, [])]
    out, seen = [], set()
    for n, f in enumerate(deciding):
        if f.index in seen:
            continue
        seen.add(f.index)
        text = f"{who(f.evidence)} {_reason(f, claim)}"
        out.append(((f"{LEAD[verdict]}: {text}" if n == 0 else text) + ".", [f.index]))
    return out


def missing_context(verdict: str, deciding: list[Finding]) -> list[tuple[str, list[int]]]:
    """For a claim true in part or false, the sentence that says what it leaves out (quoted with its marker)."""
    if verdict not in ("misleading", "contradicted"):
        return []
    for f in deciding:
        if f.stance in (Stance.MISLEADING, Stance.CONTRADICTS):
            text = f.evidence.text.strip().removeprefix("Context:").strip()
            return [(f"{who(f.evidence)}: \u201c{text}\u201d", [f.index])]
    return []


def figure_rows(findings: list[Finding], claim: str = "") -> list[tuple[Figure, int]]:
    """Claimed vs documented figures, only those the figure checks compared for the same measure (with the
    claim's text, a figure of people who did something else is marked as counting another thing)."""
    rows, seen = [], set()
    relation = {"figure_matches": "matches", "figure_differs": "differs", "figure_counts_other_thing":
                "counts_other_thing", "figure_superseded": "revised"}
    for f in findings:
        m = f.figure
        if m is None or f.check not in relation or (m.claimed.text, m.documented.text) in seen:
            continue
        seen.add((m.claimed.text, m.documented.text))
        row = table_row(m, f.evidence, relation[f.check], claim)
        if row is not None:
            rows.append((row, f.index))
    rows.sort(key=lambda r: r[0].relation != "matches")
    return rows[:8]
