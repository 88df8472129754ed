"""Corpus tab: one row per indexed document, read from the index, and a word filter."""
from __future__ import annotations

from assistant.ui.corpus_tab import HEADERS, corpus_rows, filter_rows, load


def test_rows_come_from_the_index(service_getter):
    service = service_getter()
    rows = corpus_rows(service)
    assert len(rows) == len(service.index.store.state()) > 50
    assert all(len(r) == len(HEADERS) for r in rows)
    assert [r[0] for r in rows] == sorted(r[0] for r in rows)
    by_id = {r[0]: r for r in rows}
    cted = by_id["un-cted-ftf-overview"]
    assert cted[1].startswith("UN Counter-Terrorism Committee Executive Directorate")
    assert cted[3] == "un" and cted[4] == "2016-07-05" and cted[5] == "yes"


def test_filter_matches_every_word_in_any_column():
    rows = [["a-1", "Foreign fighters report", "UN", "un", "2019-07-15", "yes"],
            ["b-2", "Vehicle attacks", "Europol", "intergovernmental", "2020-06-23", "no"]]
    assert filter_rows(rows, "") == rows
    assert filter_rows(rows, "  ") == rows
    assert filter_rows(rows, "europol 2020") == [rows[1]]
    assert filter_rows(rows, "FOREIGN un") == [rows[0]]
    assert filter_rows(rows, "foreign europol") == []


def test_load_gives_a_summary_and_one_line_errors(service_getter):
    rows, shown, line = load(service_getter, "un")
    assert 0 < len(shown) < len(rows) and line.startswith(f"{len(shown)} of {len(rows)} documents")

    from assistant.errors import IndexMissingError

    def broken():
        raise IndexMissingError("no index at /x", "build it")
    assert load(broken, "") == ([], [], "⚠ no index at /x -> build it")
