"""What the reader sees through the real service: the corpus's notes told apart from the sources, a figures
table that labels what each figure counts, honest abstentions, no repeated sentence, no dangling pronoun."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from assistant.answer.render import to_claimreview, to_text
from assistant.answer.tidy import with_antecedent
from assistant.ingest.loaders import load_file
from assistant.types import Chunk, Citation
from assistant.ui.render_html import result_html
from tests.batch.claimreview_shape import claimreview_problems

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
CLAIMS = ["30,000 foreigners joined ISIS", "30,000 ISIS fighters", "About 60 ISIS fighters returned to Canada",
          "ISIS claimed responsibility for all the vehicle attacks in Europe"]
GENERIC = {"range", "figure", "estimate", "number", "total", "december", "july", "june"}


def note_offset(doc_id: str) -> int:
    """Where the document's notes begin, found here independently of the loader's own offset."""
    path = next(CORPUS.rglob(f"{doc_id}.md"))
    text = load_file(path, 10_000_000, CORPUS).documents[0].text
    found = [m.start() + 2 for m in re.finditer(r"\n\n(?:Later|Context):", text)]
    return min(found) if found else len(text) + 1


@pytest.fixture(scope="module")
def results(corpus_service):
    return {c: corpus_service.check(c) for c in CLAIMS}


def test_notes_are_flagged_exactly(results):
    flagged = 0
    for result in results.values():
        for c in result.citations:
            assert c.note == (c.start >= note_offset(c.doc_id)), (c.doc_id, c.quote)
            flagged += c.note
    assert flagged >= 2  # the claims above do cite the corpus's notes


def test_notes_are_never_shown_as_the_publishers_words(results):
    for result in results.values():
        notes = [c for c in result.citations if c.note]
        text, html, review = to_text(result), result_html(result), to_claimreview(result)
        for c in notes:
            sentence = next(s for s in re.split(r"(?<=\.)\s+(?=[A-Z])", result.explanation + " " +
                                                result.missing_context) if f"[{c.n}]" in s) \
                if f"[{c.n}]" in result.explanation + result.missing_context else ""
            assert not sentence or "editorial note" in sentence, sentence
            line = next(x for x in text.splitlines() if x.strip().startswith(f"[{c.n}]"))
            assert "claimcheck corpus note" in line and f" - {c.publisher} (" not in line
            cited = review["citation"][c.n - 1]
            assert cited["author"]["name"] == "claimcheck" and "publisher" not in cited
        assert html.count('class="cc-source cc-note"') == len(notes)
        for c in result.citations:
            if not c.note:
                assert not c.quote.lstrip().startswith(("Context:", "Later:"))


def test_figures_table_labels_what_is_counted_and_never_matches_another_count(results):
    rows = 0
    for claim, result in results.items():
        quotes = {c.n: c.quote for c in result.citations}
        for f in result.figures:
            rows += 1
            assert f.what.strip().lower() not in GENERIC, (claim, f)
            quote = quotes.get(f.citation, "")
            at = quote.find(f.documented)
            assert at < 0 or quote[:at].count('"') % 2 == 0, (claim, f, quote)  # never a quoted wording
            if f.relation == "matches":
                assert not re.search(r"membership|all ISIL members|local and foreign", quote), (claim, quote)
                if "foreign" in claim:
                    assert "foreign" in quote.lower(), (claim, quote)
            if f.note:
                assert f.source.startswith("claimcheck corpus note")
    assert rows >= 4
    table = results["30,000 foreigners joined ISIS"].figures
    assert any(f.relation == "counts_other_thing" and "ISIL" in f.what for f in table)


def test_no_sentence_is_repeated(results, corpus_service):
    more = [corpus_service.check(c) for c in ("The Nice truck attack killed 86 people",
                                              "ISIS claimed the Stockholm truck attack")]
    for result in [*results.values(), *more]:
        text = re.sub(r"\s*\[\d+\]", "", result.explanation + " " + result.missing_context)
        sentences = [s.strip().lower() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
        assert len(sentences) == len(set(sentences)), result.explanation


def test_a_pointing_back_quote_keeps_its_antecedent():
    text = ("The 2016 figures count Canadian extremist travellers of any group. They are not counts of ISIS "
            "fighters. The figure stayed the same.")
    chunk = Chunk(id="c1", doc_id="d", text=text, start=100, end=100 + len(text), position=0)
    start = 100 + text.index("They")
    cite = Citation(n=1, doc_id="d", chunk_id="c1", start=start, end=start + len("They are not counts of ISIS "
                                                                                   "fighters."),
                    quote="They are not counts of ISIS fighters.")
    longer = with_antecedent(cite, chunk)
    assert longer.quote == "The 2016 figures count Canadian extremist travellers of any group. " + cite.quote
    assert longer.quote == text[longer.start - 100:longer.end - 100]
    plain = cite.model_copy(update={"quote": "Canada counted 60.", "start": 100})
    assert with_antecedent(plain, chunk) is plain


def test_no_cited_quote_starts_with_a_dangling_pronoun(results):
    for result in results.values():
        for c in result.citations:
            assert not re.match(r"(?:They|These|Those|It|He|She)\b", c.quote), c.quote
        assert not re.search(r"\u201c(?:They|These|Those|It)\b", result.missing_context), result.missing_context


def test_abstention_outside_the_corpus_lists_its_topics(corpus_service):
    result = corpus_service.check("The Eiffel Tower is 330 metres tall")
    assert result.verdict == "not_enough_evidence"
    assert "outside what the corpus covers" in result.explanation
    assert "foreign fighters" in result.explanation and "attacks" in result.explanation
    assert ("nearest passages" in result.explanation) == bool(result.citations)
    review = to_claimreview(result)
    assert claimreview_problems(review) == []
    assert review["reviewRating"] == {"@type": "Rating", "alternateName": "not_enough_evidence"}


def test_abstention_inside_the_corpus_shows_the_nearest_passages(corpus_service):
    result = corpus_service.check("ISIS carried out an attack in Prince George in 2019")
    assert result.verdict == "not_enough_evidence"
    assert "The corpus covers this subject" in result.explanation and "outside" not in result.explanation
    assert ("nearest passages are listed" in result.explanation) == bool(result.citations)
    assert "ratingValue" not in to_claimreview(result)["reviewRating"]


def test_a_verdict_keeps_its_numeric_rating(results):
    review = to_claimreview(results["30,000 foreigners joined ISIS"])
    assert claimreview_problems(review) == [] and review["reviewRating"]["ratingValue"] in range(1, 6)


def test_a_figure_of_survivors_is_not_a_count_of_those_who_joined(results):
    result = results["30,000 foreigners joined ISIS"]
    quotes = {c.n: c.quote for c in result.citations}
    survivors = [f for f in result.figures if f.as_of.startswith("2019") and f.documented.endswith("30,000")
                 and not f.note]
    assert survivors  # the UN Monitoring Team's July 2019 "up to 30,000" is in the table
    for f in survivors:
        assert f.relation == "counts_other_thing" and "survived" in f.what, f
    for f in result.figures:
        if re.search(r"\bsurviv|\balive\b|\bdependants\b", quotes.get(f.citation, "")):
            assert f.relation != "matches", f


def test_the_explanation_leads_with_a_source_s_own_words(results):
    result = results["30,000 foreigners joined ISIS"]
    note = {c.n: c.note for c in result.citations}
    cited = [int(n) for n in re.findall(r"\[(\d+)\]", result.explanation)]
    assert cited and not note[cited[0]], result.explanation  # a source's sentence first, a note after if any
    first = re.split(r"(?<=\])\.\s+", result.explanation)[0]
    assert "editorial note" not in first, first
