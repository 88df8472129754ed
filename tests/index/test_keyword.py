"""BM25 keyword search, number tokens, and the keyword index rebuilding itself when out of step."""
from __future__ import annotations

import json

from assistant.index.index import Index, fingerprint
from assistant.index.keyword_index import KEYWORD_DIR, KeywordIndex, tokenize
from assistant.ingest.pipeline import ingest

TEXTS = {
    "c1": "The UN estimated 30,000 foreign fighters travelled to Syria and Iraq.",
    "c2": "Some 30000 people were displaced by the fighting in 2015.",
    "c3": "Europol counted 119 attacks in the EU in 2019, most of them foiled plots.",
    "c4": "The attack in Manchester killed 22 people; police arrested 23 people.",
    "c5": "Deaths from terrorism fell by 15% in 2019, the Global Terrorism Index said.",
}


def build(texts=TEXTS) -> KeywordIndex:
    ids = sorted(texts)
    return KeywordIndex.build(ids, [texts[i] for i in ids], fingerprint(ids))


def test_tokenize_numbers_plurals_stopwords():
    assert tokenize("The 30,000 fighters") == ["30000", "fighter"]
    assert tokenize("1,234,567.89 and 3.5%") == ["1234567.89", "3.5"]
    assert tokenize("Countries' bodies, Europol's") == ["country", "body", "europol"]


def test_number_query_matches_both_spellings():
    kw = build()
    for query in ("30,000", "30000", "how many? 30,000!"):
        hits = [cid for cid, _ in kw.search(query, 5)]
        assert set(hits) == {"c1", "c2"}, (query, hits)
    assert [cid for cid, _ in kw.search("foreign fighters 30,000", 5)][0] == "c1"
    assert kw.search("119", 5)[0][0] == "c3"


def test_no_match_and_empty_index():
    assert build().search("zebra unicorn", 5) == []
    assert build().search("the and of", 5) == []
    empty = KeywordIndex.build([], [], fingerprint([]))
    assert empty.search("30,000", 5) == []


def test_save_load_round_trip(tmp_path):
    kw = build()
    kw.save(tmp_path)
    assert KeywordIndex.saved_fingerprint(tmp_path) == kw.fingerprint
    loaded = KeywordIndex.load(tmp_path)
    assert loaded.ids == kw.ids and loaded.fingerprint == kw.fingerprint
    assert loaded.search("30,000", 5) == kw.search("30,000", 5)
    assert sorted(p.name for p in tmp_path.iterdir()) == [KEYWORD_DIR]


def test_load_missing_or_damaged_gives_none(tmp_path):
    assert KeywordIndex.load(tmp_path) is None and KeywordIndex.saved_fingerprint(tmp_path) is None
    (tmp_path / KEYWORD_DIR).mkdir()
    (tmp_path / KEYWORD_DIR / "ids.json").write_text("{broken")
    assert KeywordIndex.load(tmp_path) is None and KeywordIndex.saved_fingerprint(tmp_path) is None


def test_index_keyword_rebuilds_when_fingerprint_differs(small_corpus, settings, index_dir, embedder, write):
    write(small_corpus / "numbers.md", "# Numbers\n\nThe UN estimated 30,000 foreign fighters in 2015.\n")
    ingest([small_corpus], settings, index_dir)
    idx = Index.open(settings, index_dir, embedder)
    ids, _ = idx.store.all_texts()
    assert idx.keyword.fingerprint == idx.manifest.corpus_hash == fingerprint(ids)
    target = next(cid for cid, c in idx.store.get_chunks(ids).items() if c.doc_id == "numbers")
    assert idx.keyword.search("30000", 3)[0][0] == target

    # the saved index claims another content: Index.keyword must rebuild from the store
    meta_path = index_dir / KEYWORD_DIR / "ids.json"
    meta = json.loads(meta_path.read_text())
    meta["fingerprint"] = "stale"
    meta["ids"] = list(reversed(meta["ids"]))  # would map hits to the wrong chunks if used
    meta_path.write_text(json.dumps(meta))
    fresh = Index.open(settings, index_dir, embedder)
    assert fresh.keyword.fingerprint == fresh.manifest.corpus_hash
    assert fresh.keyword.ids == sorted(ids)
    assert fresh.keyword.search("30,000", 3)[0][0] == target

    # a missing keyword folder is rebuilt too, and the next ingest writes it back
    import shutil

    shutil.rmtree(index_dir / KEYWORD_DIR)
    assert Index.open(settings, index_dir, embedder).keyword.search("30,000", 3)[0][0] == target
    report = ingest([small_corpus], settings, index_dir)
    assert report.chunks_embedded == 0
    assert KeywordIndex.saved_fingerprint(index_dir) == fresh.manifest.corpus_hash
