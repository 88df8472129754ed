"""Hand-built evidence for the engine's unit tests."""
from __future__ import annotations

import datetime as dt

from assistant.types import Evidence, SourceMeta
from assistant.verify.engine import decide
from assistant.verify.facets import extract_facets


def ev(text: str, doc: str = "doc-a", sim: float = 0.8, primary: bool = True, title: str = "",
       published: str = "2019-01-01") -> Evidence:
    return Evidence(chunk_id=f"{doc}-c0", doc_id=doc, text=text, start=0, end=len(text), score=sim, similarity=sim,
                    meta=SourceMeta(title=title or doc, publisher=f"Publisher of {doc}", publisher_type="un",
                                    primary=primary, published=published, as_of=published))


def verdict(claim: str, evidence: list[Evidence], today=dt.date(2026, 1, 1)) -> str:
    return decide(extract_facets(claim, today), evidence)[0]
