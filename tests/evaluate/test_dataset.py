"""Loading claims: the dev set, FEVER-style files, the label map and its errors."""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from assistant.errors import InputError
from assistant.evaluate.dataset import (
    FEVER_LABEL_MAP,
    LabelMap,
    evidence_ids,
    load_samples,
)

REPO = Path(__file__).resolve().parents[2]
FEVER = REPO / "evals" / "fever_sample"


def test_label_map_file_maps_fever_labels_case_insensitively():
    lm = LabelMap.load(FEVER / "label_map.json")
    assert lm.mapping == FEVER_LABEL_MAP
    assert lm("SUPPORTS") == "supported"
    assert lm("refutes") == "contradicted"
    assert lm("Not Enough Info") == "not_enough_evidence"
    assert lm("NOT_ENOUGH_INFO") == "not_enough_evidence"
    with pytest.raises(InputError, match="unknown label 'DISPUTED'"):
        lm("DISPUTED")
    with pytest.raises(InputError):
        lm(None)


def test_default_label_map_accepts_only_verdicts():
    lm = LabelMap()
    assert lm("supported") == "supported"
    assert lm("Not enough evidence") == "not_enough_evidence"
    with pytest.raises(InputError):
        lm("SUPPORTS")


def test_label_map_rejects_targets_that_are_not_verdicts(tmp_path):
    bad = tmp_path / "map.json"
    bad.write_text(json.dumps({"SUPPORTS": "true"}))
    with pytest.raises(InputError, match="not a verdict"):
        LabelMap.load(bad)
    bad.write_text("[1, 2]")
    with pytest.raises(InputError, match="not an object"):
        LabelMap.load(bad)
    bad.write_text("{nope")
    with pytest.raises(InputError, match="not valid JSON"):
        LabelMap.load(bad)


def test_evidence_ids_from_every_shape():
    assert evidence_ids(["a", "b", "a"]) == ["a", "b"]
    assert evidence_ids("doc-1") == ["doc-1"]
    assert evidence_ids(None) == [] and evidence_ids([]) == []
    fever = [[[101, 1001, "Page_A", 0], [101, 1002, "Page_B", 3]], [[102, 1003, "Page_A", 1]]]
    assert evidence_ids(fever) == ["Page_A", "Page_B"]
    assert evidence_ids([[[106, None, None, None]]]) == []
    assert evidence_ids([{"doc_id": "x"}, {"page": "y"}]) == ["x", "y"]


def test_dev_set_loads_with_the_default_field_names():
    samples = load_samples(REPO / "evals" / "threat_claims.dev.jsonl")
    assert len(samples) == 201
    assert Counter(s.gold for s in samples) == {"supported": 46, "misleading": 48, "contradicted": 42,
                                                 "not_enough_evidence": 32, "conflicting": 33}
    first = samples[0]
    assert first.id == "tc-001" and first.gold == "misleading"
    assert first.gold_doc_ids[0] == "un-mt-24th-report-2019"
    assert first.metadata["category"] == "source-article" and "verdict" not in first.metadata
    assert all(not s.gold_doc_ids for s in samples if s.gold == "not_enough_evidence")
    assert len(load_samples(REPO / "evals" / "threat_claims.dev.jsonl", limit=5)) == 5


@pytest.mark.parametrize("name, size", [("dev", 201), ("train", 504), ("test", 99)])
def test_claim_sets_are_well_formed_and_disjoint(name, size):
    """Every set loads, cites only corpus documents, abstains without citations, and shares no claim with the
    other sets (the test set must stay held out)."""
    import yaml

    corpus_ids = set()
    for path in (REPO / "corpus").rglob("*.md"):
        text = path.read_text(encoding="utf-8")
        if text.startswith("---"):
            meta = yaml.safe_load(text.split("---", 2)[1]) or {}
            corpus_ids.add(meta.get("id"))
    samples = load_samples(REPO / "evals" / f"threat_claims.{name}.jsonl")
    assert len(samples) == size and len({s.id for s in samples}) == size
    assert set(Counter(s.gold for s in samples)) == {"supported", "contradicted", "misleading", "conflicting",
                                                     "not_enough_evidence"}
    for s in samples:
        assert set(s.gold_doc_ids) <= corpus_ids, (s.id, set(s.gold_doc_ids) - corpus_ids)
        assert (s.gold == "not_enough_evidence") == (not s.gold_doc_ids), s.id
    others = {o for n in ("dev", "train", "test") if n != name
              for o in (x.claim.strip().lower() for x in load_samples(REPO / "evals" / f"threat_claims.{n}.jsonl"))}
    assert not {s.claim.strip().lower() for s in samples} & others


def test_fever_sample_loads_with_its_label_map():
    samples = load_samples(FEVER / "claims.jsonl", LabelMap.load(FEVER / "label_map.json"))
    assert [s.id for s in samples] == [str(i) for i in range(1, 13)]
    assert Counter(s.gold for s in samples) == {"supported": 5, "contradicted": 4, "not_enough_evidence": 3}
    assert samples[9].gold_doc_ids == ["2016_Brussels_bombings"]  # two evidence sets, one page
    assert samples[5].gold_doc_ids == [] and samples[5].raw_label == "NOT ENOUGH INFO"
    corpus_ids = {json.loads(line)["id"] for line in (FEVER / "corpus.jsonl").read_text().splitlines()}
    assert len(corpus_ids) == 8
    assert {d for s in samples for d in s.gold_doc_ids} <= corpus_ids
    with pytest.raises(InputError, match="unknown label 'SUPPORTS'"):
        load_samples(FEVER / "claims.jsonl")  # no label map


def test_configurable_field_names_and_line_errors(tmp_path):
    f = tmp_path / "c.jsonl"
    f.write_text('{"text": "ISIS claimed it.", "gold": "supported", "docs": ["d1"], "key": "k1"}\n\n')
    [s] = load_samples(f, claim_field="text", label_field="gold", evidence_field="docs", id_field="key")
    assert (s.id, s.claim, s.gold, s.gold_doc_ids) == ("k1", "ISIS claimed it.", "supported", ["d1"])
    f.write_text('{"claim": "a", "label": "supported"}\n{"claim": "b"\n')
    with pytest.raises(InputError, match=r"c\.jsonl:2: invalid JSON"):
        load_samples(f)
    f.write_text('{"claim": "a"}\n')
    with pytest.raises(InputError, match="no 'label' field"):
        load_samples(f)
    f.write_text('{"id": "x", "claim": "a", "label": "supported"}\n{"id": "x", "claim": "b", "label": "supported"}\n')
    with pytest.raises(InputError, match="duplicate id"):
        load_samples(f)
    f.write_text("")
    with pytest.raises(InputError, match="no claims"):
        load_samples(f)
