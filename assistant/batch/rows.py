"""Batch rows: validating one input item and shaping one output row (shared by `claimcheck batch` and the API).

An output row is ``id, claim, verdict, confidence, explanation, missing_context, citations, index_version,
model`` followed by the input's other columns, carried through unchanged. An input column whose name clashes
with an output field (a gold ``verdict`` label, say) is carried as ``input_<name>``.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from assistant.answer.render import to_claimreview
from assistant.errors import InputError
from assistant.types import CheckResult
from assistant.verify.claim_input import clean_claim

OUTPUT_FIELDS: tuple[str, ...] = ("id", "claim", "verdict", "confidence", "explanation", "missing_context",
                                  "citations", "index_version", "model")
# Optional input columns that say where, by whom and when the claim was made (used for ClaimReview and as the
# reference date for relative dates in the claim). They are carried through as well.
DATE_KEYS = ("date", "date_published", "datePublished")
URL_KEYS = ("url", "appearance", "appearance_url")
AUTHOR_KEYS = ("author", "claimant")


@dataclass
class BatchItem:
    """One valid input row."""

    id: str
    claim: str
    extra: dict = field(default_factory=dict)  # the other input columns, in input order
    line: int = 0  # 1-based line (JSONL) or record number (CSV, header = 1) in the input
    reference_date: dt.date | None = None

    def first(self, keys: tuple[str, ...]) -> str:
        for k in keys:
            v = self.extra.get(k)
            if isinstance(v, str) and v.strip():
                return v.strip()
        return ""


def carried_name(key: str) -> str:
    """The output column name of an input column: unchanged unless it clashes with an output field."""
    return f"input_{key}" if key in OUTPUT_FIELDS else key


def parse_item(raw: object, line: int, claim_max_chars: int) -> BatchItem:
    """A validated BatchItem from one input record; InputError (one line, with the fix) if it cannot be used."""
    if not isinstance(raw, dict):
        raise InputError(f"the row is {type(raw).__name__}, not an object",
                         'write each row as {"id": "...", "claim": "..."}')
    item_id = raw.get("id")
    if isinstance(item_id, bool) or not isinstance(item_id, (str, int)):
        raise InputError("the row has no id" if item_id is None else f"the id is {type(item_id).__name__}, not text",
                         "give every row a unique text id")
    item_id = str(item_id).strip()
    if not item_id:
        raise InputError("the row's id is empty", "give every row a unique text id")
    if len(item_id) > 200:
        raise InputError(f"the id is {len(item_id)} characters long", "use ids of at most 200 characters")
    if "claim" not in raw or raw["claim"] is None:
        raise InputError(f"row {item_id!r} has no claim", "add the claim text in a 'claim' column")
    try:
        claim = clean_claim(raw["claim"], claim_max_chars)
    except InputError as exc:
        raise InputError(f"row {item_id!r}: {exc.problem}", exc.fix) from None
    extra = {k: v for k, v in raw.items() if k not in ("id", "claim")}
    item = BatchItem(id=item_id, claim=claim, extra=extra, line=line)
    date_text = item.first(DATE_KEYS)
    if date_text:
        try:
            item.reference_date = dt.date.fromisoformat(date_text[:10])
        except ValueError:
            raise InputError(f"row {item_id!r}: the date {date_text!r} is not a date",
                             "write dates as YYYY-MM-DD, or leave the cell empty") from None
    return item


def compact_citations(result: CheckResult) -> list[dict]:
    """The citations as batch output carries them: marker, document id, quote and source URL."""
    return [{"n": c.n, "doc_id": c.doc_id, "quote": c.quote, "url": c.url} for c in result.citations]


def result_row(item: BatchItem, result: CheckResult) -> dict:
    """One output row (JSON types; the CSV writer serialises the citations)."""
    row = {"id": item.id, "claim": result.claim, "verdict": result.verdict, "confidence": result.confidence,
           "explanation": result.explanation, "missing_context": result.missing_context,
           "citations": compact_citations(result), "index_version": result.index_version, "model": result.model}
    for k, v in item.extra.items():
        row[carried_name(k)] = v
    return row


def claimreview_row(item: BatchItem, result: CheckResult) -> dict:
    """A ClaimReview JSON-LD object for one row, with the row id as its ``identifier``."""
    review = to_claimreview(result, appearance_url=item.first(URL_KEYS), author=item.first(AUTHOR_KEYS),
                            date=item.reference_date.isoformat() if item.reference_date else "")
    return {"identifier": item.id, **review}
