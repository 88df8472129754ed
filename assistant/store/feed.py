"""Published verdicts out: one ClaimReview JSON-LD document listing every published review (a schema.org
``DataFeed`` whose ``dataFeedElement`` items are ClaimReviews, the shape fact-check aggregators ingest), and
the same reviews as CSV (cells escaped against spreadsheet formula injection)."""
from __future__ import annotations

import csv
import io
import json

from sqlalchemy import select

from assistant.answer.render import RATING, to_claimreview
from assistant.batch.io import escape_cell
from assistant.store.schema import checks, now, reviews
from assistant.types import CheckResult

CSV_COLUMNS = ["review_id", "claim", "verdict", "rating", "machine_verdict", "machine_confidence", "explanation",
               "missing_context", "note", "reviewer", "reviewed_at", "published_at", "check_id"]


def published(engine) -> list[dict]:
    """Published reviews, oldest first, each with the stored machine result."""
    cols = [reviews, checks.c.result_json]
    with engine.connect() as conn:
        rows = conn.execute(select(*cols).join(checks, checks.c.id == reviews.c.check_id)
                            .where(reviews.c.status == "published").order_by(reviews.c.id)).mappings()
        return [dict(r) for r in rows]


def claimreview_for(row: dict, base_url: str = "") -> dict:
    """A ClaimReview of one published review: the reviewer's verdict and explanation, the machine's sources."""
    result = CheckResult.model_validate(json.loads(row["result_json"]))
    result = result.model_copy(update={"verdict": row["verdict"], "explanation": row["explanation"],
                                       "missing_context": row["missing_context"]})
    review = to_claimreview(result, url=f"{base_url.rstrip('/')}/api/reviews/{row['id']}" if base_url else "")
    review["datePublished"] = row["published_at"][:10]
    review["identifier"] = str(row["id"])
    review["author"] = {"@type": "Organization", "name": "claimcheck"}
    if row["reviewer"]:
        review["editor"] = {"@type": "Person", "name": row["reviewer"]}
    return review


def claimreview_feed(engine, base_url: str = "") -> dict:
    """One JSON-LD document: a DataFeed of every published ClaimReview."""
    items = [{"@type": "DataFeedItem", "dateModified": r["updated_at"], "item": [claimreview_for(r, base_url)]}
             for r in published(engine)]
    return {"@context": "https://schema.org", "@type": "DataFeed", "name": "claimcheck published fact checks",
            "dateModified": now(), "dataFeedElement": items}


def csv_feed(engine) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for r in published(engine):
        values = {**r, "review_id": r["id"], "rating": RATING[r["verdict"]]}
        writer.writerow([escape_cell(values[c]) for c in CSV_COLUMNS])
    return out.getvalue()
