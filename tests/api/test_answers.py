"""Issue 14 through the real API server on loopback: notes flagged, direct answers, topic follow-ups, honest
abstentions (and their ClaimReview without a rating value)."""
from __future__ import annotations

import re

from tests.batch.claimreview_shape import claimreview_problems


def test_check_flags_the_corpus_notes_and_their_figures(client):
    r = client.post("/api/check", json={"claim": "30,000 foreigners joined ISIS"})
    assert r.status_code == 200, r.text
    body = r.json()
    notes = [c for c in body["citations"] if c["note"]]
    assert notes and all(c["quote"] for c in notes)
    assert not any(c["quote"].startswith("Context:") for c in body["citations"] if not c["note"])
    by_n = {c["n"]: c for c in body["citations"]}
    for f in body["figures"]:
        assert f["note"] == by_n[f["citation"]]["note"]
        assert f["source"].startswith("claimcheck corpus note") == f["note"]
        assert f["what"].lower() not in ("december", "range", "figure")


def test_claimreview_of_notes_and_of_an_abstention(client):
    r = client.post("/api/check", json={"claim": "30,000 foreigners joined ISIS", "format": "claimreview"})
    review = r.json()
    assert claimreview_problems(review) == []
    assert any(c.get("author", {}).get("name") == "claimcheck" for c in review["citation"])
    r = client.post("/api/check", json={"claim": "The Eiffel Tower is 330 metres tall", "format": "claimreview"})
    review = r.json()
    assert claimreview_problems(review) == []
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "not_enough_evidence"}
    assert "outside what the corpus covers" in review["reviewBody"]


def test_ask_opens_with_a_direct_answer_and_follows_the_topic(client):
    r = client.post("/api/ask", json={"question": "and how many came back to Europe?",
                                      "history": ["How many foreign fighters joined ISIS?",
                                                  "ISIS attack Prince George"]})
    assert r.status_code == 200, r.text
    a = r.json()
    assert "foreign fighters" in a["resolved_question"] and "Prince" not in a["resolved_question"]
    first = a["answer"].splitlines()[0]
    assert first == a["direct_answer"] and a["answered"] is True
    assert re.search(r"\d", first) and re.search(r"\) \[\d+\]$", first)
    r = client.post("/api/ask", json={"question": "What is the capital of Peru?"})
    a = r.json()
    assert a["answered"] is False and "outside what the corpus covers" in a["answer"]
