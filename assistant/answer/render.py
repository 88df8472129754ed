"""Render a CheckResult: readable text, the stable JSON shape, or schema.org ClaimReview JSON-LD."""
from __future__ import annotations

import datetime as dt
import json

from assistant.ingest.notes import note_source
from assistant.types import CheckResult, Citation

LABEL_TEXT = {
    "supported": "SUPPORTED", "contradicted": "CONTRADICTED", "misleading": "MISLEADING",
    "conflicting": "CONFLICTING SOURCES", "not_enough_evidence": "NOT ENOUGH EVIDENCE",
}
# ClaimReview rating scale: 1 (false) .. 5 (true); conflicting and not enough evidence sit in the middle.
RATING = {"contradicted": 1, "misleading": 2, "conflicting": 3, "not_enough_evidence": 3, "supported": 5}


def to_json(result: CheckResult) -> dict:
    """The stable JSON shape shared by CLI --json, the API and batch output."""
    return result.model_dump()


def to_claimreview(result: CheckResult, appearance_url: str = "", author: str = "", date: str = "",
                   url: str = "") -> dict:
    """schema.org ClaimReview JSON-LD for one result.

    ``appearance_url``, ``author`` and ``date`` describe the claim (where, by whom, when it was made) and are
    added to ``itemReviewed`` only when known; ``url`` is the review's own address, if it has one. The rating
    runs from 1 (contradicted) to 5 (supported) and ``alternateName`` is the verdict label; an abstention
    (``not_enough_evidence``) has no rating value, only its ``alternateName``. A citation of the corpus's
    editorial note is named as claimcheck's own note about the source, never as the publisher's work.
    """
    item: dict = {"@type": "Claim"}
    if appearance_url:
        item["appearance"] = {"@type": "CreativeWork", "url": appearance_url}
    if author:
        item["author"] = {"@type": "Person", "name": author}
    if date:
        item["datePublished"] = date
    citations = [_cited_work(c) for c in result.citations]
    review: dict = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": result.claim,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": "claimcheck"},
        "datePublished": dt.date.today().isoformat(),
        "reviewRating": _rating(result.verdict),
        "reviewBody": result.explanation,
        "citation": citations,
    }
    if url:
        review["url"] = url
    return review


def _rating(verdict: str) -> dict:
    """The 1-5 rating with the verdict as alternateName; an abstention carries the label alone (no value)."""
    if verdict == "not_enough_evidence":
        return {"@type": "Rating", "alternateName": verdict}
    return {"@type": "Rating", "ratingValue": RATING[verdict], "bestRating": 5, "worstRating": 1,
            "alternateName": verdict}


def _cited_work(c: Citation) -> dict:
    """A cited source as a CreativeWork; the corpus's editorial note is claimcheck's own work about it."""
    if c.note:
        cite: dict = {"@type": "CreativeWork", "name": note_source(c.publisher, c.title),
                      "author": {"@type": "Organization", "name": "claimcheck"}, "text": c.quote,
                      "about": {"@type": "CreativeWork", "name": c.title or c.doc_id}}
        if c.url:
            cite["about"]["url"] = c.url
        return cite
    cite = {"@type": "CreativeWork", "name": c.title or c.doc_id}
    if c.url:
        cite["url"] = c.url
    if c.publisher:
        cite["publisher"] = {"@type": "Organization", "name": c.publisher}
    if c.published:
        cite["datePublished"] = c.published
    return cite


def speaker(c: Citation) -> str:
    """Whose words a citation quotes: the publisher, or the corpus's own note about the source."""
    return note_source(c.publisher, c.title) if c.note else (c.publisher or c.doc_id)


def source_line(c: Citation) -> str:
    """Who a citation's words belong to: the publisher, or the corpus's note about the source."""
    if c.note:
        return f"{note_source(c.publisher, c.title)} (the corpus's words, not the source's): {c.title}"
    return (f"{c.title} - {c.publisher} ({c.publisher_type}{', primary' if c.primary else ''}), "
            f"published {c.published or '?'}, figures as of {c.as_of or '?'}")


def to_text(result: CheckResult) -> str:
    lines = [f"{LABEL_TEXT[result.verdict]} (confidence {result.confidence:.2f})", f"Claim: {result.claim}", "",
             result.explanation]
    if result.missing_context:
        lines += ["", f"Missing context: {result.missing_context}"]
    if result.figures:
        lines += ["", "Figures (claimed vs documented):"]
        for f in result.figures:
            lines.append(f"  {f.claimed:>14}  vs  {f.documented:<22} {f.what[:40]:<40} {f.relation:<18} "
                         f"{f.source[:30]} as of {f.as_of or '?'} [{f.citation}]")
    if result.citations:
        lines += ["", "Sources:"]
        for c in result.citations:
            lines.append(f"  [{c.n}] {source_line(c)}")
            lines.append(f"      \"{c.quote}\"")
            lines.append(f"      {c.url}  (doc {c.doc_id}, chars {c.start}-{c.end})")
    return "\n".join(lines)


def render_result(result: CheckResult, fmt: str = "text") -> str:
    if fmt == "json":
        return json.dumps(to_json(result), indent=2, ensure_ascii=False)
    if fmt == "claimreview":
        return json.dumps(to_claimreview(result), indent=2, ensure_ascii=False)
    return to_text(result)
