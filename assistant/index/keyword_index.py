"""The keyword index: BM25 (bm25s) over chunk texts, kept in step with the vector store.

It is derived data: rebuilt from the vector store's chunks whenever its fingerprint (the hash of the
sorted chunk ids) differs from the manifest's, so a crash can never leave the two out of step for long.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import numpy as np

KEYWORD_DIR = "keyword"
# The possessive/contraction form comes first: tried second it never matched ("europol's" gave "europol", "s").
_TOKEN = re.compile(r"[a-z]+['’][a-z]+|[a-z0-9]+(?:[.,][0-9]{3})*(?:\.[0-9]+)?")
STOPWORDS = frozenset(
    "a an and are as at be been but by for from had has have he her his i in into is it its of on or our she so "
    "than that the their them then there these they this those to was were will with would which who whom what "
    "when where why how all any both each few more most other some such no nor not only own same too very can "
    "just do does did doing about after again against before being below between during further once over under "
    "up down out off above here".split())


def normalise_token(token: str) -> str:
    token = token.replace("’", "'").split("'")[0]
    if token[0].isdigit():
        return token.replace(",", "")
    if len(token) > 4 and token.endswith("ies"):
        return token[:-3] + "y"
    if len(token) > 3 and token.endswith("s") and not token.endswith(("ss", "us", "is")):
        return token[:-1]
    return token


def tokenize(text: str) -> list[str]:
    """Lowercased word and number tokens, stopwords dropped, light plural folding, '30,000' -> '30000'."""
    return [normalise_token(t) for t in _TOKEN.findall(text.lower()) if t not in STOPWORDS]


class KeywordIndex:
    """BM25 over a fixed list of chunk ids."""

    def __init__(self, ids: list[str], retriever, fingerprint: str) -> None:
        self.ids = ids
        self.fingerprint = fingerprint
        self._retriever = retriever
        self._vocab = set(getattr(retriever, "vocab_dict", {}) or {}) if retriever is not None else set()

    @classmethod
    def build(cls, ids: list[str], texts: list[str], fingerprint: str) -> "KeywordIndex":
        import bm25s

        if not ids:
            return cls([], None, fingerprint)
        retriever = bm25s.BM25()
        retriever.index([tokenize(t) or ["_empty_"] for t in texts], show_progress=False)
        return cls(list(ids), retriever, fingerprint)

    def search(self, query: str, k: int) -> list[tuple[str, float]]:
        """(chunk id, BM25 score) best first; only chunks with a positive score."""
        tokens = [t for t in tokenize(query) if t in self._vocab]
        if not tokens or self._retriever is None:
            return []
        k = min(k, len(self.ids))
        docs, scores = self._retriever.retrieve([tokens], k=k, show_progress=False, n_threads=1)
        return [(self.ids[int(d)], float(s)) for d, s in zip(np.asarray(docs[0]), np.asarray(scores[0])) if s > 0]

    def save(self, index_dir: Path) -> None:
        """Write to a temp folder, then swap it in."""
        final, tmp = index_dir / KEYWORD_DIR, index_dir / (KEYWORD_DIR + ".tmp")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        if self._retriever is not None:
            self._retriever.save(str(tmp / "bm25"), show_progress=False)
        (tmp / "ids.json").write_text(json.dumps({"fingerprint": self.fingerprint, "ids": self.ids}), "utf-8")
        old = index_dir / (KEYWORD_DIR + ".old")
        shutil.rmtree(old, ignore_errors=True)
        if final.exists():
            final.rename(old)
        tmp.rename(final)
        shutil.rmtree(old, ignore_errors=True)

    @staticmethod
    def saved_fingerprint(index_dir: Path) -> str | None:
        """The fingerprint of the saved index without loading it (None if missing or unreadable)."""
        try:
            return json.loads((index_dir / KEYWORD_DIR / "ids.json").read_text("utf-8"))["fingerprint"]
        except (OSError, ValueError, KeyError):
            return None

    @classmethod
    def load(cls, index_dir: Path) -> "KeywordIndex | None":
        """The saved index, or None if missing or unreadable (the caller rebuilds it)."""
        import bm25s

        folder = index_dir / KEYWORD_DIR
        try:
            meta = json.loads((folder / "ids.json").read_text("utf-8"))
            retriever = None
            if meta["ids"]:
                retriever = bm25s.BM25.load(str(folder / "bm25"), show_progress=False, mmap=False)
            return cls(meta["ids"], retriever, meta["fingerprint"])
        except (OSError, ValueError, KeyError):
            return None
