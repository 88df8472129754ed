"""One moderator's workflow against any database URL (SQLite and PostgreSQL tests both run it)."""
from __future__ import annotations

import json

import numpy as np
import pytest

from tests.store.conftest import make_result


def unit(seed: int, dim: int = 384) -> np.ndarray:
    v = np.random.default_rng(seed).standard_normal(dim).astype(np.float32)
    return v / np.linalg.norm(v)


def run_workflow(store, db_settings) -> None:
    from sqlalchemy import text

    from assistant.errors import InputError, NotFoundError, ReviewConflictError

    # queue rules: misleading and conflicting always, low confidence, batch marked for review; not a confident one
    ids = {
        "misleading": store.record(make_result("30,000 foreigners joined ISIS", "misleading", 0.9), "ann", "api",
                                   unit(1)),
        "confident": store.record(make_result("The Nice attack killed 86 people", "supported", 0.95), "ann", "ui",
                                  unit(2)),
        "low": store.record(make_result("About 60 fighters returned to Canada", "supported", 0.3), "ann", "cli",
                            unit(3)),
        "batch": store.record(make_result("Europol counted 119 attacks in 2019", "supported", 0.99), "bo", "batch",
                              unit(4), batch_review=True),
    }
    assert ids["confident"]["review_id"] is None
    assert all(ids[k]["review_id"] for k in ("misleading", "low", "batch"))
    items, total = store.reviews(status="queued")
    assert total == 3 and {i["reason"] for i in items} == {"misleading", "low_confidence", "batch"}
    assert store.reviews(query="foreigners")[1] == 1

    rid = ids["misleading"]["review_id"]
    item = store.review(rid)
    assert item["result"]["citations"][0]["quote"] == "some 30,000 foreign fighters"
    assert item["check"]["asked_by"] == "ann" and item["check"]["via"] == "api"
    assert [h["action"] for h in item["history"]] == ["queued"]

    # bad input: unknown id, unknown verdict, a changed verdict without a note
    with pytest.raises(NotFoundError):
        store.update_review(999_999, "rev", 1, verdict="supported", status="reviewed")
    with pytest.raises(InputError, match="unknown verdict"):
        store.update_review(rid, "rev", 1, verdict="fake", status="reviewed")
    with pytest.raises(InputError, match="needs a note"):
        store.update_review(rid, "rev", 1, verdict="contradicted", note="  ", status="reviewed")

    # two reviewers start from version 1: the first wins, the second is told and nothing is overwritten
    first = store.update_review(rid, "alice", 1, verdict="contradicted", note="the figure counts travellers",
                                explanation="The UN counted 30,000 travellers [1].", status="reviewed")
    assert first["version"] == 2 and first["status"] == "reviewed" and first["reviewer"] == "alice"
    with pytest.raises(ReviewConflictError, match="alice") as conflict:
        store.update_review(rid, "bob", 1, verdict="supported", note="looks right", status="published")
    assert conflict.value.current["verdict"] == "contradicted"
    assert store.review(rid)["verdict"] == "contradicted"

    published = store.update_review(rid, "alice", 2, verdict="contradicted", status="published")
    assert published["status"] == "published" and published["published_at"]

    # the audit trail: every change with who, before and after; the database refuses to edit it
    history = store.review(rid)["history"]
    assert [(h["who"], h["action"]) for h in history] == [("ann", "queued"), ("alice", "update"), ("alice", "publish")]
    assert history[1]["before"]["verdict"] == "misleading" and history[1]["after"]["verdict"] == "contradicted"
    exported = list(store.audit())
    assert len(exported) == 3 + 2 and exported == sorted(exported, key=lambda e: e["id"])
    for sql in ("UPDATE audit SET who = 'mallory'", "DELETE FROM audit"):
        with pytest.raises(Exception, match="append-only"):
            with store.engine.begin() as conn:
                conn.execute(text(sql))
    assert len(list(store.audit())) == 5

    # checked again: recorded, not queued twice (the published review on the same machine verdict covers it);
    # a different machine verdict goes back to the queue
    again = store.record(make_result("30,000 Foreigners joined ISIS.", "misleading", 0.9), "cy", "api", unit(1))
    assert (again["review_id"], again["queued"]) == (rid, False)
    low_again = store.record(make_result("About 60 fighters returned to Canada", "supported", 0.3), "cy", "ui")
    assert (low_again["review_id"], low_again["queued"]) == (ids["low"]["review_id"], False)
    changed = store.record(make_result("30,000 foreigners joined ISIS", "conflicting", 0.9), "cy", "api", unit(1))
    assert changed["queued"] and changed["review_id"] != rid

    # claims seen before: the same text (after normalising) and a near embedding; the reviewed one first
    near = unit(1) + 0.05 * unit(9)
    matches = store.similar("30,000 Foreigners joined ISIS!", near / np.linalg.norm(near))
    assert matches[0]["reviewed"] and matches[0]["verdict"] == "contradicted"
    assert matches[0]["machine_verdict"] == "misleading" and matches[0]["reviewer"] == "alice"
    assert matches[0]["same_text"] and matches[0]["status"] == "published"
    assert all(m["claim"] != "The Nice attack killed 86 people" for m in matches)
    other = store.similar("Something else entirely", unit(2))
    assert other and other[0]["claim"] == "The Nice attack killed 86 people" and not other[0]["reviewed"]
    assert store.similar("Nothing like it", unit(77)) == []

    # the feed: one JSON-LD document listing the published reviews; the CSV has the same rows
    feed = json.loads(json.dumps(store.feed("http://example.org")))
    assert feed["@type"] == "DataFeed" and len(feed["dataFeedElement"]) == 1
    review = feed["dataFeedElement"][0]["item"][0]
    assert review["@type"] == "ClaimReview" and review["claimReviewed"] == "30,000 foreigners joined ISIS"
    assert review["reviewRating"]["alternateName"] == "contradicted" and review["reviewRating"]["ratingValue"] == 1
    assert review["reviewBody"] == "The UN counted 30,000 travellers [1]." and review["editor"]["name"] == "alice"
    assert review["url"] == f"http://example.org/api/reviews/{rid}"
    rows = store.feed_csv().splitlines()
    assert len(rows) == 2 and rows[1].startswith(f"{rid},") and "contradicted" in rows[1]
