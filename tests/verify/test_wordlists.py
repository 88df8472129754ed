"""The rules' word lists load from assistant/verify/data/*.yaml, and a broken file fails loudly, naming itself."""
from __future__ import annotations

import re

import pytest

from assistant.verify import wordlists as wl
from assistant.verify.cues import CAVEAT, FEAST_DAYS, INFLATED_TO
from assistant.verify.entities import ACTORS, PLACES, _COUNTRIES, extract_mentions


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setattr(wl, "DATA_DIR", tmp_path)
    monkeypatch.setattr(wl, "_cache", {})
    return tmp_path


def test_every_data_file_loads_as_named_entries():
    files = sorted(wl.DATA_DIR.glob("*.yaml"))
    assert {p.stem for p in files} >= {"actors", "places", "cues", "predicates", "measures", "trend", "misreading",
                                       "stopwords", "counting"}
    for p in files:
        data = wl.load(p.stem)
        assert data and all(isinstance(k, str) for k in data)


def test_lists_are_built_from_the_data():
    assert "isis" in ACTORS and "raqqa" in PLACES and _COUNTRIES["canada"] == (["Canada"], ["Canadian"])
    assert "christmas" in FEAST_DAYS
    assert INFLATED_TO.search("inflating the toll to ") and CAVEAT.search("this is not the number who joined")
    assert {m.canonical for m in extract_mentions("Daesh fighters in Raqqa, Syria")} == {"isis", "raqqa", "syria"}


def test_alternation_joins_in_file_order():
    items = wl.words("cues", "caveat")
    assert CAVEAT.pattern == r"\b(" + "|".join(items) + r")\b"
    assert all(re.compile(i) for i in items)  # each alternative is a regex on its own


def test_missing_file_names_it(data_dir):
    with pytest.raises(wl.WordListError, match=re.escape(str(data_dir / "places.yaml")) + ".*missing"):
        wl.load("places")


def test_malformed_yaml_names_the_file(data_dir):
    (data_dir / "cues.yaml").write_text("caveat: [unclosed\n", "utf-8")
    with pytest.raises(wl.WordListError, match="cues.yaml is malformed YAML"):
        wl.load("cues")


def test_top_level_must_be_a_mapping(data_dir):
    (data_dir / "cues.yaml").write_text("- a\n- b\n", "utf-8")
    with pytest.raises(wl.WordListError, match="cues.yaml is malformed"):
        wl.load("cues")


def test_missing_or_mistyped_entry_names_file_and_entry(data_dir):
    (data_dir / "cues.yaml").write_text("caveat: not a list\nsame_sense: {false: fake}\n", "utf-8")
    with pytest.raises(wl.WordListError, match="cues.yaml has no entry 'early'"):
        wl.words("cues", "early")
    with pytest.raises(wl.WordListError, match="cues.yaml: entry 'caveat' must be a list of strings"):
        wl.words("cues", "caveat")
    with pytest.raises(wl.WordListError, match="entry 'same_sense' must be a mapping of names to lists"):
        wl.mapping("cues", "same_sense", "list")
