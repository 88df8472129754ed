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


def test_returnees_to_europe_are_answered_from_europol_s_eu_figure(corpus_service):
    """TE-SAT 2018's "about 1,500 had returned" speaks of people from EU countries, in a chunk mostly about
    arrests: the search names the EU for Europe and draws on more chunks for a question."""
    a = corpus_service.ask("How many foreign fighters returned to Europe?")
    europol = [c for c in a.citations if c.doc_id == "europol-te-sat-2018" and "1,500" in c.quote]
    assert europol, a.answer
    assert "1,500" in a.direct_answer and a.direct_answer.endswith(f"[{europol[0].n}]"), a.direct_answer


def test_a_question_about_a_region_also_searches_the_places_within_it():
    from assistant.answer.ask import expand_query
    from assistant.answer.question_fit import names_place

    assert "EU" in expand_query("How many foreign fighters returned to Europe?").split()
    assert expand_query("How many foreign fighters joined ISIS?") == "How many foreign fighters joined ISIS?"
    assert names_place("How many returned to Europe?", "about 1,500 people from EU countries had returned")
    assert not names_place("How many returned to Europe?", "at least 5,600 fighters from 33 States had returned")


def test_the_direct_figure_is_the_count_of_the_people_asked_about():
    from assistant.answer.direct import direct_answer
    from assistant.types import Citation

    def cite(n, quote, publisher, title):
        return Citation(n=n, doc_id=f"d{n}", chunk_id=f"c{n}", start=0, end=len(quote), quote=quote, title=title,
                        publisher=publisher)

    un = cite(1, "Voronkov told the Council on 28 November 2017 that at least 5,600 fighters from 33 States had "
                 "returned home.", "United Nations", "UN counter-terrorism chief Vladimir Voronkov")
    line = direct_answer("How many foreign fighters returned?", [un])
    assert line.startswith("At least 5,600 fighters from 33 States had returned"), line  # not "33 States had ..."
    share = cite(1, "NBC and Breitbart, reporting on the October 2017 report, said around 30 percent of the roughly "
                    "5,000 EU travellers had returned, while another account of the report said about a quarter.",
                 "The Soufan Center", "Soufan Center, 'Beyond the Caliphate' (October 2017)")
    count = cite(2, "Kronen Zeitung reported that TE-SAT 2018 estimated that about 5,000 people from EU countries had "
                    "travelled to fight for the Islamic State, that about 2,500 were still there at the end of 2017, "
                    "that about 1,500 had returned and that about 1,000 had been killed.", "Europol",
                 "Europol TE-SAT 2018: terrorist attacks and arrests in the EU in 2017")
    line = direct_answer("How many foreign fighters returned to Europe?", [share, count])
    assert line == "About 1,500 had returned (Europol TE-SAT 2018) [2]", line  # a count, not a share or its whole
    assert "30 percent" in direct_answer("How many foreign fighters returned to Europe?", [share])
