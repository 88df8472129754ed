"""The validator's date rules: as_of never after published, and no event in the source's text dated after it."""
from __future__ import annotations

import datetime as dt

import pytest

from assistant.corpus.event_dates import later_events
from tests.corpus.test_validate import FRONT, assert_one, problems_for

PUBLISHED = dt.date(2018, 9, 19)
LEAD = ("# Canada chapter\n\nThe State Department's Country Reports on Terrorism 2017 said on 19 September 2018 "
        "that about 180 Canadian extremist travellers were abroad and about 60 had returned to Canada. ")
PAD = ("The report said the figures were estimates drawn from Canadian government statements, and that "
       "prosecutions of returning travellers remained difficult for lack of admissible evidence gathered abroad. ")


def body(extra: str = "", note: str = "") -> str:
    return LEAD + extra + "\n\n" + PAD * 2 + "\n\n" + note + "Context: The 60 counts travellers, not fighters.\n"


def test_as_of_after_published_is_refused(tmp_path):
    assert_one(problems_for(tmp_path, published="2018-09-19", as_of="2019-07-16", body=body()),
               "'as_of' 2019-07-16 is after 'published' 2018-09-19", "-> set as_of")


def test_as_of_on_the_published_day_is_fine(tmp_path):
    assert problems_for(tmp_path, published="2018-09-19", as_of="2018-09-19", body=body()) == []


def test_an_event_after_the_published_date_is_refused(tmp_path):
    problems = problems_for(tmp_path, published="2018-09-19", as_of="2017-12-31",
                            body=body("Canada charged a returnee in March 2019, CBC reported. "))
    assert_one(problems, "reports events dated after 'published' 2018-09-19: March 2019", "Later:")


@pytest.mark.parametrize("sentence,found", [
    ("A returnee was charged in March 2019.", ["March 2019"]),
    ("A returnee was charged on 12 March 2019.", ["12 March 2019"]),
    ("A returnee was charged on March 12, 2019.", ["March 12, 2019"]),
    ("A returnee was charged on 19 September 2018.", []),          # the day itself
    ("A returnee was charged in September 2018.", []),             # the same month
    ("A returnee was charged on 20 September 2018.", ["20 September 2018"]),
    ("The trial is expected to open in March 2019.", []),          # a forecast
    ("The minister said the review will report in March 2019.", []),
    ("The 16 December 2015 bulletin was set to expire on 16 June 2016.", []),  # a deadline, not an event
    ("Sentences were to be set in March 2019.", []),
    ("Officials aimed to finish the review by March 2019.", []),   # a deadline
    ("Canada's threat level stood at medium in 2019.", []),        # a year alone is too loose
])
def test_later_events_are_precise(sentence, found):
    assert later_events(LEAD + sentence, PUBLISHED) == found


def test_later_reports_belong_in_the_notes(tmp_path):
    note = "Later: CBC reported in March 2019 that a returnee had been charged.\n\n"
    assert problems_for(tmp_path, published="2018-09-19", as_of="2017-12-31", body=body(note=note)) == []
    assert later_events("# Siege broken in September 2017, city retaken in November 2017\n\nText.",
                        dt.date(2017, 9, 5)) == []  # a heading is our title, not the source's text


def test_the_real_corpus_has_no_later_events_or_as_of_after_published():
    from pathlib import Path

    from assistant.corpus.validate import _as_date, corpus_files, load_front_matter

    root = Path(__file__).resolve().parents[2] / "corpus"
    for path in corpus_files(root):
        front, text = load_front_matter(path.read_text(encoding="utf-8"))
        published, as_of = _as_date(front["published"]), _as_date(front["as_of"])
        assert as_of <= published, path.name
        assert later_events(text, published) == [], path.name
    assert FRONT["published"] >= FRONT["as_of"]
