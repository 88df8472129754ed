"""Recording checks: every check from the UI, API, CLI and batch becomes one row of ``checks``."""
from __future__ import annotations

import json
import re
import unicodedata

import numpy as np
from sqlalchemy import select

from assistant.store.db import writing
from assistant.store.schema import checks, now

_PUNCT = re.compile(r"[^\w\s%.,]|(?<!\d)[.,]|[.,](?!\d)")
_SPACE = re.compile(r"\s+")


def normalize_claim(claim: str) -> str:
    """The claim as compared for "same text": Unicode NFKC, lower case, punctuation (except inside numbers)
    dropped, runs of spaces collapsed. "30,000 foreigners joined ISIS!" -> "30,000 foreigners joined isis"."""
    text = unicodedata.normalize("NFKC", claim).casefold()
    text = _PUNCT.sub(" ", text)
    return _SPACE.sub(" ", text).strip()


def engine_version(result) -> str:
    """What produced the verdict: the judge, what turned findings into the verdict, the package version."""
    try:
        from importlib.metadata import version
        package = version("claimcheck")
    except Exception:  # noqa: BLE001 - running from a source tree
        package = "0"
    return f"claimcheck {package}; judge={result.judge}; {result.verdict_by or '-'}"[:200]


def vector_bytes(vector) -> bytes | None:
    if vector is None:
        return None
    return np.asarray(vector, dtype=np.float32).tobytes()


def check_row(result, asked_by: str, via: str, vector=None) -> dict:
    return {"created_at": now(), "claim": result.claim, "normalized": normalize_claim(result.claim),
            "verdict": result.verdict, "confidence": float(result.confidence),
            "result_json": json.dumps(result.model_dump(), ensure_ascii=False),
            "index_version": result.index_version or "", "engine_version": engine_version(result),
            "asked_by": asked_by[:200], "via": via[:20], "embedding": vector_bytes(vector)}


def insert_check(conn, row: dict) -> int:
    """Insert one check row inside the caller's write transaction; returns its id."""
    return int(conn.execute(checks.insert().values(**row)).inserted_primary_key[0])


def record_check(engine, result, asked_by: str, via: str, vector=None) -> int:
    with writing(engine) as conn:
        return insert_check(conn, check_row(result, asked_by, via, vector))


def get_check(engine, check_id: int) -> dict | None:
    with engine.connect() as conn:
        row = conn.execute(select(checks).where(checks.c.id == check_id)).mappings().first()
    if row is None:
        return None
    out = {k: v for k, v in row.items() if k != "embedding"}
    out["result"] = json.loads(out.pop("result_json"))
    return out
