"""`ask` through the real service: a direct answer line first, follow-ups resolved against the conversation's
topic, and abstentions that say whether the question is outside the corpus or not addressed in it."""
from __future__ import annotations

import re

import pytest

from assistant.answer.follow_up import resolve_follow_up

DIRECT = re.compile(r"^.*\d.* \((?P<source>[^()]+(?:\([^()]*\)[^()]*)*)\) \[(?P<n>\d+)\]$")


def test_the_answer_opens_with_a_direct_cited_figure(corpus_service):
    a = corpus_service.ask("How many foreign fighters returned to Europe?")
    first = a.answer.splitlines()[0]
    assert a.answered and first == a.direct_answer
    m = DIRECT.match(first)
    assert m, first
    cited = next(c for c in a.citations if c.n == int(m.group("n")))
    assert re.search(r"\d", first.split(" (")[0])
    figure = re.search(r"\d[\d,.]*", first).group(0)
    assert figure in cited.quote  # the figure is the source's own
    assert len(a.answer.splitlines()) == 1 + len(a.citations)  # then the supporting passages


@pytest.mark.parametrize("history,expected", [
    (["How many foreign fighters joined ISIS?", "ISIS attack Prince George"], "foreign fighters"),
    (["ISIS attack Prince George", "How many foreign fighters joined ISIS?"], "foreign fighters"),
    (["30,000 foreigners joined ISIS"], "foreigners"),
])
def test_a_follow_up_is_resolved_against_the_conversations_topic(history, expected):
    resolved = resolve_follow_up("and how many came back to Europe?", history)
    assert expected in resolved and "Europe" in resolved
    assert "Prince" not in resolved and "(" not in resolved, resolved


def test_a_follow_up_with_no_topic_is_left_alone():
    assert resolve_follow_up("and how many came back to Europe?", ["ISIS attack Prince George"]) == \
        "and how many came back to Europe?"
    assert resolve_follow_up("and in 2018?", ["How many jihadist attacks were there in the EU in 2017?"]) == \
        "How many jihadist attacks were there in the EU in 2018?"


def test_a_follow_up_after_a_claim_finds_returnees(corpus_service):
    a = corpus_service.ask("and how many came back to Europe?",
                           ["How many foreign fighters joined ISIS?", "ISIS attack Prince George"])
    assert "foreign fighters" in a.resolved_question and "Prince" not in a.resolved_question
    assert any("return" in c.quote.lower() for c in a.citations)


def test_a_question_outside_the_corpus_says_so_and_lists_the_topics(corpus_service):
    a = corpus_service.ask("What is the capital of Peru?")
    assert not a.answered and a.direct_answer == ""
    assert "outside what the corpus covers" in a.answer and "foreign fighters" in a.answer
    assert ("nearest passages" in a.answer) == bool(a.citations)


def test_notes_in_an_answer_are_the_corpus_s(corpus_service):
    a = corpus_service.ask("How many foreign fighters joined ISIS?")
    for c in a.citations:
        line = next(x for x in a.answer.splitlines()[1:] if x.endswith(f"[{c.n}]"))
        assert line.startswith("claimcheck corpus note") == c.note, line


def test_the_direct_answer_never_comes_from_the_corpus_s_note():
    from assistant.answer.direct import direct_answer
    from assistant.types import Citation

    def cite(n, quote, note):
        return Citation(n=n, doc_id=f"d{n}", chunk_id=f"c{n}", start=0, end=len(quote), quote=quote, title="T",
                        publisher="Europol", note=note)

    note = cite(1, "Context: at least 5,600 foreign fighters had returned home, the UN said.", True)
    source = cite(2, "Europol said about 1,500 foreign fighters had returned to EU countries by 2018.", False)
    line = direct_answer("How many foreign fighters returned?", [note, source])
    assert "1,500" in line and line.endswith("[2]") and "5,600" not in line
    assert direct_answer("How many foreign fighters returned?", [note]) == ""  # only our note: no direct line
