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


# Claims on the real corpus with their verdict and a document the answer must cite (None: any).
VERDICT_PATHS = [
    ("The Nice truck attack killed 86 people", "supported", None),
    ("Europol counted 33 jihadist attacks in the EU in 2017", "supported", "europol-te-sat-2018"),
    ("Europol counted 330 jihadist attacks in the EU in 2017", "contradicted", "europol-te-sat-2018"),
    ("al-Qaida claimed the Manchester Arena bombing", "contradicted", "attack-manchester-2017-05-22"),
    ("ISIS claimed the Stockholm truck attack", "contradicted", "attacks-europe-vehicle-2016-2017"),
    ("ISIS claimed responsibility for all the vehicle attacks in Nice, Berlin, Stockholm, London and Barcelona",
     "misleading", "attacks-europe-vehicle-2016-2017"),
    ("30,000 foreigners joined ISIS", "misleading", "un-mt-24th-report-2019"),
    ("Terrorism deaths worldwide peaked at 32,685 in 2014", "conflicting", "gti-2015"),
    ("ISIS had 500 members in Iceland", "not_enough_evidence", None),
]
