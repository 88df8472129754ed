"""Sentence segmentation: offsets into the original text, abbreviations, block boundaries."""
from __future__ import annotations

from hypothesis import given, settings as hsettings, strategies as st

from assistant.ingest.sentences import sentence_spans, split_sentences


def assert_round_trip(text: str) -> list[tuple[int, int]]:
    spans = sentence_spans(text)
    prev_end = 0
    for s, e in spans:
        piece = text[s:e]
        assert e > s, (s, e)
        assert s >= prev_end, "spans overlap or go backwards"
        assert piece == piece.strip(), f"untrimmed span {piece!r}"
        prev_end = e
    # every non-space character of the text lies in some span
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace())
    return spans


def test_offsets_round_trip_on_prose():
    text = ("On 22 May 2017 an attack in Manchester killed 22 people. The police arrested 23 people!\n"
            "Was it directed from Syria? Investigators said no.\n\n"
            "# A heading\n\nA paragraph after it. And another sentence here.\n"
            "- a list item\n- a second item. With two sentences.\n| a | table |\n")
    spans = assert_round_trip(text)
    assert [text[s:e] for s, e in spans] == split_sentences(text)
    assert split_sentences(text) == [
        "On 22 May 2017 an attack in Manchester killed 22 people.", "The police arrested 23 people!",
        "Was it directed from Syria?", "Investigators said no.", "# A heading", "A paragraph after it.",
        "And another sentence here.", "- a list item", "- a second item.", "With two sentences.", "| a | table |",
    ]


def test_abbreviations_do_not_end_sentences():
    text = ("The U.S. Army counted 30,000 fighters. Dr. Smith agreed, e.g. Paris and the U.K. did too. "
            "Mr. J. Doe left on 3 Jan. 2019 after the attack. It ended.")
    assert split_sentences(text) == [
        "The U.S. Army counted 30,000 fighters.",
        "Dr. Smith agreed, e.g. Paris and the U.K. did too.",
        "Mr. J. Doe left on 3 Jan. 2019 after the attack.",
        "It ended.",
    ]
    assert_round_trip(text)


def test_sentence_end_needs_space_and_capital_or_digit():
    assert split_sentences("Figures like 3.5 million and 2.1% stay whole. next lowercase stays.") == [
        "Figures like 3.5 million and 2.1% stay whole. next lowercase stays."]
    assert split_sentences('He said "yes." Then 300 people left. "Quoted." Done') == [
        'He said "yes."', "Then 300 people left.", '"Quoted."', "Done"]


def test_empty_and_whitespace_only():
    assert sentence_spans("") == []
    assert sentence_spans("  \n\n \t ") == []


@hsettings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["The", "U.S.", "Dr.", "e.g.", "30,000", "fighters.", "Attack!", "Why?", "\n",
                                 "\n\n", "# Head", "- item", "3.5", "said", " ", "\"Quoted.\"", "(note)", "A."]),
                max_size=40))
def test_round_trip_property(words):
    assert_round_trip(" ".join(words))
