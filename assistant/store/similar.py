"""Claims seen before: earlier checks that say the same thing as a new claim.

Two ways to match: the same normalised text, or an embedding (all-MiniLM-L6-v2, the model the service already
loads) with cosine similarity at least ``db.similar_threshold``. The stored claims' unit vectors are kept in
one in-memory float32 matrix (one row per distinct normalised claim, the latest check), so a lookup is one
matrix-vector product; rows written since the last lookup (by this or another process) are read in first.
A claim that a person reviewed comes first, marked reviewed, with the machine's verdict beside it.
"""
from __future__ import annotations

import threading

import numpy as np
from sqlalchemy import select

from assistant.store.checks import normalize_claim
from assistant.store.reviews import reviewed_for
from assistant.store.schema import checks


class SimilarIndex:
    def __init__(self, engine, dim: int = 384) -> None:
        self.engine = engine
        self.dim = dim
        self._lock = threading.Lock()
        self._matrix = np.zeros((1024, dim), dtype=np.float32)
        self._rows: list[dict] = []  # per matrix row: latest check of one normalised claim
        self._row_of: dict[str, int] = {}  # normalised claim -> matrix row
        self._last_id = 0

    def __len__(self) -> int:
        return len(self._rows)

    def refresh(self, batch: int = 20_000) -> int:
        """Read checks newer than the last one seen; returns how many were read."""
        read = 0
        with self._lock:
            while True:
                cols = (checks.c.id, checks.c.claim, checks.c.normalized, checks.c.verdict, checks.c.confidence,
                        checks.c.created_at, checks.c.asked_by, checks.c.embedding)
                with self.engine.connect() as conn:
                    rows = conn.execute(select(*cols).where(checks.c.id > self._last_id)
                                        .order_by(checks.c.id).limit(batch)).all()
                if not rows:
                    return read
                self._add(rows)
                read += len(rows)
                self._last_id = rows[-1].id

    def _add(self, rows) -> None:
        needed = len(self._rows) + len(rows)
        if needed > len(self._matrix):
            grown = np.zeros((max(needed, 2 * len(self._matrix)), self.dim), dtype=np.float32)
            grown[: len(self._rows)] = self._matrix[: len(self._rows)]
            self._matrix = grown
        for r in rows:
            info = {"check_id": r.id, "claim": r.claim, "normalized": r.normalized, "verdict": r.verdict,
                    "confidence": r.confidence, "checked_at": r.created_at, "asked_by": r.asked_by}
            at = self._row_of.get(r.normalized)
            if at is None:
                at = len(self._rows)
                self._rows.append(info)
                self._row_of[r.normalized] = at
            else:
                self._rows[at] = info
            if r.embedding is not None and len(r.embedding) == 4 * self.dim:
                self._matrix[at] = np.frombuffer(r.embedding, dtype=np.float32)

    def nearest(self, claim: str, vector, threshold: float, k: int) -> list[dict]:
        """Earlier claims with the same normalised text or a similar embedding, best first (no reviews)."""
        self.refresh()
        normalized = normalize_claim(claim)
        with self._lock:
            n = len(self._rows)
            found: dict[int, float] = {}
            if vector is not None and n:
                scores = self._matrix[:n] @ np.asarray(vector, dtype=np.float32)
                top = np.argpartition(-scores, min(k, n - 1))[: k + 1] if n > k + 1 else np.arange(n)
                found = {int(i): float(scores[i]) for i in top if scores[i] >= threshold}
            same = self._row_of.get(normalized)
            if same is not None:
                found[same] = max(found.get(same, 0.0), 1.0)
            matches = [{**self._rows[i], "similarity": round(min(s, 1.0), 4),
                        "same_text": self._rows[i]["normalized"] == normalized} for i, s in found.items()]
        matches.sort(key=lambda m: (-m["same_text"], -m["similarity"]))
        return matches[:k]

    def lookup(self, claim: str, vector, threshold: float = 0.85, k: int = 5) -> list[dict]:
        """``nearest`` with each match's human review (if any): reviewed matches first, marked ``reviewed``,
        the machine's verdict beside the reviewer's, who confirmed it and when."""
        matches = self.nearest(claim, vector, threshold, k)
        reviewed = reviewed_for(self.engine, [m["normalized"] for m in matches])
        out = []
        for m in matches:
            r = reviewed.get(m["normalized"])
            out.append({"claim": m["claim"], "similarity": m["similarity"], "same_text": m["same_text"],
                        "reviewed": r is not None, "verdict": r["verdict"] if r else m["verdict"],
                        "machine_verdict": r["machine_verdict"] if r else m["verdict"],
                        "machine_confidence": r["machine_confidence"] if r else m["confidence"],
                        "review_id": r["id"] if r else None, "status": r["status"] if r else "machine",
                        "reviewer": r["reviewer"] if r else "", "reviewed_at": r["reviewed_at"] if r else "",
                        "explanation": r["explanation"] if r else "", "check_id": m["check_id"],
                        "checked_at": m["checked_at"], "asked_by": m["asked_by"]})
        out.sort(key=lambda m: (not m["reviewed"], -m["similarity"]))
        return out
