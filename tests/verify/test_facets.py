import datetime as dt

import pytest

from assistant.verify.facets import ClaimFacets, extract_facets, is_negated, keywords

REF = dt.date(2019, 8, 4)


def test_sri_lanka_claim():
    text = ("In April ISIS claimed responsibility for the massacre of 359 Christians during "
            "Easter Sunday services in Sri Lanka")
    f = extract_facets(text, REF)
    assert isinstance(f, ClaimFacets) and f.text == text
    assert [(q.value, q.counted_head) for q in f.quantities] == [(359, "christian")]
    assert f.dates[0].text == "April"
    assert (f.dates[0].start, f.dates[0].end) == (dt.date(2019, 4, 1), dt.date(2019, 4, 30))
    assert [a.canonical for a in f.actors] == ["isis"]
    assert [p.canonical for p in f.places] == ["sri-lanka"]
    assert {p[0] for p in f.predicates} == {"claimed", "killed"}  # "massacre" -> killed
    assert f.quantifiers == () and f.negated is False
    assert "christians" in f.keywords and "massacre" in f.keywords
    assert "the" not in f.keywords and "359" not in f.keywords


def test_monitoring_team_evidence_sentence():
    text = ("The Monitoring Team's July 2019 report (S/2019/570) estimated that some 30,000 "
            "foreign terrorist fighters and their dependants may have survived the conflict.")
    f = extract_facets(text)
    assert len(f.quantities) == 1 and f.quantities[0].value == 30000
    assert [d.text for d in f.dates] == ["July 2019"]
    assert [a.canonical for a in f.actors] == ["un-monitoring-team"]
    assert [p[0] for p in f.predicates] == ["estimated", "survived"]
    assert f.quantifiers == ()  # "some 30,000" is a hedge, not a quantifier
    assert not f.negated


def test_te_sat():
    f = extract_facets("Europol's TE-SAT 2018 counted 205 attacks in 2017")
    assert [q.value for q in f.quantities] == [205]
    assert [d.start.year for d in f.dates] == [2018, 2017]
    assert "europol" in [a.canonical for a in f.actors]


def test_all_of_them():
    f = extract_facets("ISIS claimed responsibility for all of them")
    assert [q[0] for q in f.quantifiers] == ["all"]
    assert not f.negated


@pytest.mark.parametrize("text", [
    "no group claimed the Stockholm attack",
    "ISIS did not claim the attack",
    "ISIS didn't claim the attack",
    "ISIS never claimed the attack",
    "None of the attackers had returned",
    "Officials denied that ISIS was involved",
])
def test_negated(text):
    assert is_negated(text)
    assert extract_facets(text).negated


@pytest.mark.parametrize("text", [
    "at least 257 people were killed",
    "no fewer than 5,600 returnees",
    "no more than 100 fighters",
    "not only ISIS but also al-Qaida",
    "Regulation No. 5 applies",
    "ISIS claimed responsibility for all of them",
])
def test_not_negated(text):
    assert not is_negated(text)


def test_stockholm_facets():
    f = extract_facets("no group claimed the Stockholm attack")
    assert [p.canonical for p in f.places] == ["stockholm"]
    assert f.actors == ()
    assert f.keywords == ("group", "claimed", "stockholm", "attack")


def test_keywords_dedup_possessive_and_order():
    assert keywords("Europol's report: Europol counted attacks, attacks!") == (
        "europol", "report", "counted", "attacks")


def test_facets_without_reference_skip_relative_dates():
    f = extract_facets("About 60 ISIS fighters returned to Canada over the past year")
    assert f.dates == ()
    f = extract_facets("About 60 ISIS fighters returned to Canada over the past year", REF)
    assert f.dates[0].granularity == "relative"
    q = f.quantities[0]
    assert (q.qualifier, q.counted_head, q.text) == ("about", "fighter", "About 60")
    assert [p.canonical for p in f.places] == ["canada"]
    assert [p[0] for p in f.predicates] == ["returned"]


def test_facets_are_hashable_tuples():
    f = extract_facets("over 40,000 foreign fighters joined ISIS")
    assert isinstance(f.quantities, tuple) and isinstance(f.keywords, tuple)
    hash(f)


def test_nice_date_is_date_not_quantity():
    text = "On 14 July 2016 a truck attack in Nice killed 86 people."
    f = extract_facets(text)
    assert [q.value for q in f.quantities] == [86]
    assert [(d.text, d.granularity) for d in f.dates] == [("14 July 2016", "day")]
    assert [p.canonical for p in f.places] == ["nice"]
