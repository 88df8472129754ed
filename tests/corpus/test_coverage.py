"""Every checkable claim of the two source articles is covered by the corpus.

evals/claim_coverage.jsonl lists, per claim, the documents that should answer it and strings that must
appear together (case-insensitive, in one paragraph of one of those documents) for the evidence to be
there: the figure, its date or scope, and the correction where the claim is wrong.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from assistant.corpus.validate import corpus_files, load_front_matter

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "corpus"
COVERAGE = ROOT / "evals" / "claim_coverage.jsonl"
FIELDS = {"claim_id", "article", "claim", "expected_doc_ids", "must_contain"}


def _entries() -> list[dict]:
    lines = COVERAGE.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


ENTRIES = _entries()


def _bodies() -> dict[str, str]:
    out = {}
    for f in corpus_files(CORPUS):
        text = f.read_text(encoding="utf-8")
        loaded = load_front_matter(text)
        out[f.stem] = loaded[1] if loaded else text
    return out


BODIES = _bodies()


def paragraphs(body: str) -> list[str]:
    """The windows a claim's strings must share: blank-line separated paragraphs, whitespace folded."""
    return [re.sub(r"\s+", " ", p) for p in re.split(r"\n\s*\n", body) if p.strip()]


def test_entries_are_well_formed():
    ids = [e.get("claim_id") for e in ENTRIES]
    assert len(ids) == len(set(ids)), "duplicate claim_id"
    for e in ENTRIES:
        assert set(e) == FIELDS, (e.get("claim_id"), sorted(set(e) ^ FIELDS))
        assert e["article"] in ("A", "B"), e["claim_id"]
        assert isinstance(e["claim"], str) and len(e["claim"].split()) >= 4, e["claim_id"]
        assert isinstance(e["expected_doc_ids"], list) and e["expected_doc_ids"], e["claim_id"]
        assert isinstance(e["must_contain"], list) and e["must_contain"], e["claim_id"]
        assert all(isinstance(s, str) and s.strip() for s in e["must_contain"]), e["claim_id"]


def test_both_articles_covered():
    articles = {e["article"] for e in ENTRIES}
    assert articles == {"A", "B"}
    assert sum(e["article"] == "A" for e in ENTRIES) >= 8
    assert sum(e["article"] == "B" for e in ENTRIES) >= 6


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["claim_id"] for e in ENTRIES])
def test_expected_documents_exist(entry):
    missing = [d for d in entry["expected_doc_ids"] if d not in BODIES]
    assert not missing, f"{entry['claim_id']}: no corpus document with id {missing}"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e["claim_id"] for e in ENTRIES])
def test_evidence_present_in_one_paragraph(entry):
    wanted = [s.lower() for s in entry["must_contain"]]
    for doc_id in entry["expected_doc_ids"]:
        for para in paragraphs(BODIES.get(doc_id, "")):
            low = para.lower()
            if all(s in low for s in wanted):
                return
    pytest.fail(f"{entry['claim_id']}: no paragraph of {entry['expected_doc_ids']} contains all of {entry['must_contain']}")


def test_paragraph_window_is_not_the_whole_document():
    # the window really is narrower than a document: two strings from different paragraphs do not match
    body = BODIES["attack-sri-lanka-2019-04-21"]
    assert not any("zion church" in p.lower() and "national thowheeth" in p.lower() for p in paragraphs(body))
    assert "zion church" in body.lower() and "national thowheeth" in body.lower()
