"""What a figure's people did (figure_fate.py), on sentences of the real corpus: survivors, returnees and the
killed are not the people who joined, and a count with dependants is not a count of fighters."""
from __future__ import annotations

from pathlib import Path

import pytest

from assistant.verify.figure_fate import claim_fate, fate_label, fate_of, other_population
from assistant.verify.quantities import extract_quantities

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
SCMP = ('The Guardian, as carried by SCMP, quoted the report on up to 30,000 foreigners who travelled to the '
        '"caliphate" and may still be alive')
MT = ("The Monitoring Team's July 2019 report (S/2019/570) estimated that some 30,000 foreign ISIL fighters and "
      "their dependants may have survived the conflict in Iraq and Syria.")
VORONKOV = ("Voronkov told the Security Council on 27 August 2019 that an estimated 24,000 to 30,000 foreign "
            "terrorist fighters, together with relatives and associates, were believed to have survived out of "
            "the estimated 40,000 who joined ISIL's")
EUROPOL = ("Kronen Zeitung reported that TE-SAT 2018 estimated that about 5,000 people from EU countries had "
           "travelled to fight for the Islamic State, that about 2,500 were still there at the end of 2017, that "
           "about 1,500 had returned and that about 1,000 had been killed.")
RETURNED = "Voronkov told the Council on 28 November 2017 that at least 5,600 fighters from 33 States had returned home."
DENIED = "Fitton-Brown's figure of more than 40,000 is the number who travelled, not the number still alive."
RAQQA = "let about 250 fighters and 3,500 family members leave the city on 12 October 2017"


def corpus_text() -> str:
    return " ".join(" ".join(p.read_text("utf-8").split()) for p in CORPUS.rglob("*.md"))


def test_the_sentences_are_the_corpus_s():
    text = corpus_text()
    for sentence in (SCMP, MT, VORONKOV, EUROPOL, RETURNED, DENIED, RAQQA):
        assert sentence in text, sentence


def figure(text: str, number: str):
    qs = extract_quantities(text)
    q = next(q for q in qs if number in q.text)
    return fate_of(text, q, qs)


@pytest.mark.parametrize("text,number,fate", [
    (SCMP, "30,000", "survived"),  # travelled, and may still be alive: the survivors
    (MT, "30,000", "survived"),
    (VORONKOV, "24,000", "survived"),
    (VORONKOV, "40,000", "went"),  # "who joined": each figure has its own act
    (EUROPOL, "5,000", "went"),
    (EUROPOL, "1,500", "returned"),
    (EUROPOL, "1,000", "killed"),
    (RETURNED, "5,600", "returned"),  # "from 33 States" does not cut the figure from its act
    (DENIED, "40,000", "went"),  # "not the number still alive" denies the survival
])
def test_a_figure_s_fate_is_the_act_its_text_ties_to_it(text, number, fate):
    assert figure(text, number).fate == fate


def test_dependants_and_relatives_widen_the_count():
    assert figure(MT, "30,000").widened_by == "dependants"
    assert figure(VORONKOV, "24,000").widened_by == "relatives"
    assert figure(RAQQA, "250").widened_by == ""  # the next figure's family members are not the fighters'
    assert figure(RAQQA, "3,500").widened_by == "family members"


def claimed(claim: str):
    return claim_fate(claim, extract_quantities(claim)[0])


def test_another_fate_or_a_widened_count_is_another_population():
    joined = "30,000 foreigners joined ISIS"
    assert other_population(claimed(joined), figure(SCMP, "30,000"), joined)  # survivors for joiners
    assert other_population(claimed(joined), figure(MT, "30,000"), joined)
    assert not other_population(claimed(joined), figure(VORONKOV, "40,000"), joined)
    returned = "About 1,500 foreign fighters returned to Europe"
    assert not other_population(claimed(returned), figure(EUROPOL, "1,500"), returned)
    assert other_population(claimed(returned), figure(EUROPOL, "5,000"), returned)  # travellers for returnees
    assert other_population(claimed(returned), figure(EUROPOL, "1,000"), returned)  # the killed for returnees
    fighters = "30,000 ISIS fighters"  # no act: only the widening counts
    assert other_population(claimed(fighters), figure(MT, "30,000"), fighters)
    assert not other_population(claimed(fighters), figure(SCMP, "30,000"), fighters)
    families = "3,500 fighters and family members left Raqqa"
    assert not other_population(claimed(families), figure(RAQQA, "3,500"), families)


def test_the_label_says_what_the_people_did():
    assert fate_label("foreigners", figure(SCMP, "30,000")) == "foreigners who may have survived"
    assert fate_label("foreign fighters", figure(MT, "30,000")) == \
        "foreign fighters and dependants who may have survived"
    assert fate_label("people", figure(EUROPOL, "1,000")) == "people who were killed"


def test_a_denied_identity_is_no_denied_act():
    note = ("The 30,000 survivor estimate is not the number of foreigners who joined ISIS, which UN officials put "
            "at more than 40,000, and it is not a count of fighters alone.")
    assert note in corpus_text()
    assert figure(note, "40,000").fate == "went"  # the joiners, though "not" stands five words before "joined"
    assert figure(note, "30,000").fate == "survived"
