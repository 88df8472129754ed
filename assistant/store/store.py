"""The store as the interfaces use it: one per database URL per process (``get_store(settings)``).

``record`` writes a check and, when a queue rule says so, its review item and audit entry, in one
transaction (so a kill -9 leaves either all of them or none). ``similar`` finds claims seen before.
"""
from __future__ import annotations

import threading

from assistant.store import audit as audit_mod
from assistant.store import feed as feed_mod
from assistant.store import reviews as reviews_mod
from assistant.store.checks import check_row, insert_check
from assistant.store.db import database_url, open_engine, writing
from assistant.store.similar import SimilarIndex


class Store:
    def __init__(self, url: str, db_settings) -> None:
        self.url = url
        self.db = db_settings
        self.engine = open_engine(url, db_settings.busy_timeout_s)
        self._similar: SimilarIndex | None = None
        self._lock = threading.Lock()

    @property
    def similar_index(self) -> SimilarIndex:
        with self._lock:
            if self._similar is None:
                self._similar = SimilarIndex(self.engine)
            return self._similar

    def record(self, result, asked_by: str, via: str, vector=None, batch_review: bool = False) -> dict:
        """Record a check; queue it for review when a rule says so, unless a review already covers it
        (``reviews.already_queued``). Returns {"check_id", "review_id", "queued"} (``queued``: a new item)."""
        reason = reviews_mod.queue_reason(result, self.db, batch_review)
        with writing(self.engine) as conn:
            check_id = insert_check(conn, check_row(result, asked_by, via, vector))
            review_id = reviews_mod.already_queued(conn, result) if reason else None
            queued = bool(reason) and review_id is None
            if queued:
                review_id = reviews_mod.enqueue(conn, check_id, result, reason, asked_by)
        return {"check_id": check_id, "review_id": review_id, "queued": queued}

    def similar(self, claim: str, vector) -> list[dict]:
        return self.similar_index.lookup(claim, vector, self.db.similar_threshold, self.db.similar_max)

    def reviews(self, **filters):
        return reviews_mod.list_reviews(self.engine, **filters)

    def review(self, review_id: int) -> dict:
        out = reviews_mod.get_review(self.engine, review_id)
        out["history"] = audit_mod.history(self.engine, review_id)
        return out

    def update_review(self, review_id: int, who: str, version: int, **change) -> dict:
        return reviews_mod.update_review(self.engine, review_id, who, version, **change)

    def feed(self, base_url: str = "") -> dict:
        return feed_mod.claimreview_feed(self.engine, base_url)

    def feed_csv(self) -> str:
        return feed_mod.csv_feed(self.engine)

    def audit(self):
        return audit_mod.export(self.engine)

    def close(self) -> None:
        self.engine.dispose()


_stores: dict[str, Store] = {}
_stores_lock = threading.Lock()


def get_store(settings) -> Store:
    """The process-wide store for these settings' database (opened and migrated on first use)."""
    url = database_url(settings)
    with _stores_lock:
        if url not in _stores:
            _stores[url] = Store(url, settings.db)
        return _stores[url]


def drop_store(settings) -> None:
    """Forget (and close) the cached store for these settings (tests, after deleting a database)."""
    with _stores_lock:
        store = _stores.pop(database_url(settings), None)
    if store is not None:
        store.close()
