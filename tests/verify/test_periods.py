"""The period checks (assistant/verify/periods.py): figures and readings of another period than the claim's,
with real phrasings from corpus/ documents."""
from __future__ import annotations

import datetime as dt

from assistant.types import SourceMeta
from assistant.verify.event_scope import name_anchors
from assistant.verify.facets import extract_facets
from assistant.verify.findings import SCOPE_CHECKS, Stance, build_findings
from assistant.verify.periods import count_elsewhere, document_periods, outside, sentence_periods
from assistant.verify.reader.model import StanceProbs
from assistant.verify.stance import judge_sentence
from tests.verify.helpers import ev

REF = dt.date(2026, 1, 1)


def _stance(claim: str, text: str, title: str, as_of: str) -> str:
    e = ev(text, title=title, published=as_of)
    return judge_sentence(extract_facets(claim, REF), e, name_anchors(claim, [text])).stance


def test_an_undated_figure_takes_the_period_of_its_documents_title():
    # uk-terrorism-arrests-2022-2024: the 212 arrests are of 2022-2024, no rival for a 2019 count
    title = "Home Office statistics on terrorism arrests, charges and prisoners in Great Britain, 2022-2024"
    text = "Of those 212 arrests, 68 (32%) had resulted in a charge, 62 of them for terrorism-related offences."
    assert _stance("the UK made about 280 terrorism arrests in 2019", text, title, "2024-09-30") == "neutral"
    # the same sentence in a document of the claim's period still differs
    assert _stance("the UK made about 280 terrorism arrests in 2019", text,
                   "Home Office statistics on terrorism arrests in Great Britain, 2019", "2019-12-31") == "contradicts"


def test_an_undated_figure_of_a_document_without_a_dated_title_takes_its_as_of_year():
    # un-sg-8th-isil-report-2019 (as of February 2019) against a claim about November 2017
    title = "Secretary-General's eighth report on the ISIL threat (S/2019/103)"
    assert [(d.start.year, d.end.year) for d in document_periods(SourceMeta(title=title, as_of="2019-02-01"),
                                                                  extract_facets(title).dates)] == [(2019, 2019)]
    text = ("Presenting the report to the Security Council, Vladimir Voronkov said ISIL was reported to control "
            "between 14,000 and 18,000 militants in Iraq and Syria, according to UN press release SC/13697.")
    claim = "Voronkov told the Security Council in November 2017 that about 14,000 foreign fighters had returned home"
    assert _stance(claim, text, title, "2019-02-01") != "supports"


def test_a_title_naming_the_claims_event_keeps_its_undated_figures():
    # a trial document of 2022-2023 still speaks of the 2016 bombings it names
    title = "Brussels attacks trial, 2022-2023"
    text = "The Brussels bombings killed 35 people once three later deaths were counted."
    assert _stance("The Brussels bombings in March 2016 killed 32 people", text, title, "2023-07-25") == "contradicts"


def test_a_report_name_is_no_period_and_a_since_date_runs_on():
    title = "Europol TE-SAT 2025: terrorist attacks and arrests in the EU in 2024"
    periods = document_periods(SourceMeta(title=title), extract_facets(title).dates)
    assert [d.start.year for d in periods] == [2024]
    text = "The Foreign Office's 2025 answer stated that since 2019 the federal government had repatriated 28 women."
    dates = extract_facets(text, REF).dates
    claim = extract_facets("In 2023 Germany had repatriated 28 women", REF)
    assert not outside(claim.dates, sentence_periods(text, dates))


def test_a_count_of_another_year_is_dated_elsewhere_but_an_event_date_is_not():
    text = ("Europol's TE-SAT 2021 counted 57 completed, failed and foiled terrorist attacks in six EU member "
            "states in 2020: Austria, Belgium, France, Germany, Italy and Spain.")
    dates = extract_facets(text, REF).dates
    assert count_elsewhere(extract_facets("there were three completed right-wing terror attacks in the EU in 2021",
                                          REF), text, dates)
    assert not count_elsewhere(extract_facets("there were 57 terror attacks in the EU in 2020", REF), text, dates)
    # a claimed event with a wrong date is contradicted by a sentence dating it otherwise: no figure, no check
    mosul = "Iraqi forces launched the offensive to retake Mosul on 17 October 2016."
    assert not count_elsewhere(extract_facets("Iraqi forces launched the offensive to retake Mosul in October 2017",
                                              REF), mosul, extract_facets(mosul, REF).dates)


def test_a_contradiction_read_in_a_sentence_of_another_period_is_neutral():
    e = ev("Europol recorded 13 completed left-wing terrorist attacks in the EU in 2022, eight of them in Italy.")
    probs = [StanceProbs(0.12, 0.18, 0.70)]
    f = build_findings([e], probs, {}, elsewhere={0})[0]
    assert f.stance == Stance.NEUTRAL and f.check == "other_period" and f.check in SCOPE_CHECKS
    assert build_findings([e], probs, {})[0].stance == Stance.CONTRADICTS
