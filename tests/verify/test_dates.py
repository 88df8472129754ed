import datetime as dt

import pytest

from assistant.verify.dates import DateSpan, easter, extract_dates

REF = dt.date(2019, 8, 4)


def only(text: str, reference: dt.date | None = REF) -> DateSpan:
    ds = extract_dates(text, reference)
    assert len(ds) == 1, [d.text for d in ds]
    d = ds[0]
    assert text[d.span_start:d.span_end] == d.text
    return d


@pytest.mark.parametrize("text,span", [
    ("on 21 April 2019 bombs exploded", "21 April 2019"),
    ("on April 21, 2019 bombs exploded", "April 21, 2019"),
    ("on 2019-04-21 bombs exploded", "2019-04-21"),
    ("on the 21st of April 2019 bombs exploded", "21st of April 2019"),
    ("on 21 Apr. 2019 bombs exploded", "21 Apr. 2019"),
])
def test_full_dates(text, span):
    d = only(text, None)
    assert d.text == span and d.granularity == "day"
    assert d.start == d.end == dt.date(2019, 4, 21)


def test_month_year():
    d = only("The Monitoring Team's July 2019 report (S/2019/570) estimated that some 30,000 "
             "foreign terrorist fighters may have survived", None)
    assert d.text == "July 2019" and d.granularity == "month"
    assert (d.start, d.end) == (dt.date(2019, 7, 1), dt.date(2019, 7, 31))


def test_in_april_with_reference_is_most_recent_april():
    text = ("In April ISIS claimed responsibility for the massacre of 359 Christians during "
            "Easter Sunday services in Sri Lanka")
    ds = extract_dates(text, REF)
    assert [d.text for d in ds] == ["April", "Easter Sunday"]
    april, easter_day = ds
    assert april.granularity == "month"
    assert (april.start, april.end) == (dt.date(2019, 4, 1), dt.date(2019, 4, 30))
    assert easter_day.start == easter_day.end == dt.date(2019, 4, 21)


def test_bare_month_after_reference_month_goes_to_previous_year():
    d = only("a UN report from September", REF)
    assert (d.start, d.end, d.granularity) == (dt.date(2018, 9, 1), dt.date(2018, 9, 30), "month")
    d = only("a UN report from July", REF)
    assert d.text == "July" and d.start == dt.date(2019, 7, 1)


def test_bare_month_without_reference_is_skipped():
    assert extract_dates("In April ISIS claimed responsibility") == []
    assert extract_dates("over the past year") == []


def test_modal_may_is_not_a_month():
    assert extract_dates("fighters may have survived; they May be released", REF) == []
    assert only("in May 2019", None).granularity == "month"


@pytest.mark.parametrize("text,span,start,end", [
    ("attacks in 2017", "2017", dt.date(2017, 1, 1), dt.date(2017, 12, 31)),
    ("the 2014 peak", "2014", dt.date(2014, 1, 1), dt.date(2014, 12, 31)),
])
def test_years(text, span, start, end):
    d = only(text, None)
    assert (d.text, d.start, d.end, d.granularity) == (span, start, end, "year")


@pytest.mark.parametrize("text,span,y1,y2", [
    ("in 2016-2017", "2016-2017", 2016, 2017),
    ("in 2016–17", "2016–17", 2016, 2017),
    ("between 2014 and 2019", "between 2014 and 2019", 2014, 2019),
    ("from 2014 to 2019", "from 2014 to 2019", 2014, 2019),
])
def test_year_ranges(text, span, y1, y2):
    d = only(text, None)
    assert d.text == span and d.granularity == "range"
    assert (d.start, d.end) == (dt.date(y1, 1, 1), dt.date(y2, 12, 31))


def test_two_years_joined_by_and_are_two_years():
    ds = extract_dates("in 2014 and 2019", None)
    assert [(d.text, d.granularity) for d in ds] == [("2014", "year"), ("2019", "year")]


@pytest.mark.parametrize("text,start,end", [
    ("by end-2015", dt.date(2015, 10, 1), dt.date(2015, 12, 31)),
    ("by the end of 2015", dt.date(2015, 10, 1), dt.date(2015, 12, 31)),
    ("by end of 2015", dt.date(2015, 10, 1), dt.date(2015, 12, 31)),
    ("in mid-2018", dt.date(2018, 5, 1), dt.date(2018, 8, 31)),
    ("in late 2017", dt.date(2017, 9, 1), dt.date(2017, 12, 31)),
    ("Early 2019 saw", dt.date(2019, 1, 1), dt.date(2019, 4, 30)),
    ("in early April 2019", dt.date(2019, 4, 1), dt.date(2019, 4, 10)),
    ("in the 1990s", dt.date(1990, 1, 1), dt.date(1999, 12, 31)),
    ("on 14-15 July 2016", dt.date(2016, 7, 14), dt.date(2016, 7, 15)),
])
def test_fuzzy_parts(text, start, end):
    d = only(text, None)
    assert (d.start, d.end, d.granularity) == (start, end, "range")


def test_since():
    d = only("since 2014 ISIS has", REF)
    assert d.text == "since 2014" and d.granularity == "range"
    assert (d.start, d.end) == (dt.date(2014, 1, 1), REF)
    d = only("since 2014 ISIS has", None)
    assert d.end == dt.date.today()


@pytest.mark.parametrize("text,start,end", [
    ("over the past year", dt.date(2018, 8, 4), REF),
    ("in the past year", dt.date(2018, 8, 4), REF),
    ("over the past two years", dt.date(2017, 8, 4), REF),
    ("in the last 6 months", dt.date(2019, 2, 4), REF),
    ("last year", dt.date(2018, 1, 1), dt.date(2018, 12, 31)),
    ("earlier this year", dt.date(2019, 1, 1), REF),
    ("last month", dt.date(2019, 7, 1), dt.date(2019, 7, 31)),
])
def test_relative(text, start, end):
    d = only(text, REF)
    assert (d.start, d.end, d.granularity) == (start, end, "relative")
    assert d.text.endswith(("year", "years", "months", "month"))


def test_easter():
    assert easter(2019) == dt.date(2019, 4, 21)
    assert easter(2016) == dt.date(2016, 3, 27)
    d = only("on Easter Sunday 2019", None)
    assert d.text == "Easter Sunday 2019" and d.start == dt.date(2019, 4, 21)


@pytest.mark.parametrize("text", [
    "some 30,000 fighters", "2,019 people", "S/2019/570", "resolution 2178", "2000 fighters",
    "22:31", "the 24th report",
])
def test_not_dates(text):
    assert extract_dates(text, None) == []


def test_day_month_without_year_needs_reference():
    assert extract_dates("on 14 July a truck", None) == []
    d = only("on 14 July a truck", REF)
    assert d.start == dt.date(2019, 7, 14) and d.granularity == "day"
    d = only("on 30 December a truck", REF)
    assert d.start == dt.date(2018, 12, 30)


def test_te_sat_sentence():
    ds = extract_dates("Europol's TE-SAT 2018 counted 205 attacks in 2017", None)
    assert [(d.text, d.start.year) for d in ds] == [("2018", 2018), ("2017", 2017)]


def test_multiple_dates_sorted_and_round_trip():
    text = "Between 14 July 2016 and late 2017, and again in April 2019 (since 2014 overall)."
    ds = extract_dates(text, REF)
    assert [d.text for d in ds] == ["Between 14 July 2016 and late 2017", "April 2019",
                                    "since 2014"]
    assert (ds[0].start, ds[0].end, ds[0].granularity) == (
        dt.date(2016, 7, 14), dt.date(2017, 12, 31), "range")
    for d in ds:
        assert text[d.span_start:d.span_end] == d.text


@pytest.mark.parametrize("text,span,start,end", [
    ("covers the period from January to June 2019.", "from January to June 2019",
     dt.date(2019, 1, 1), dt.date(2019, 6, 30)),
    ("Between January and March 2019, 257 died", "Between January and March 2019",
     dt.date(2019, 1, 1), dt.date(2019, 3, 31)),
    ("between November and February 2019", "between November and February 2019",
     dt.date(2018, 11, 1), dt.date(2019, 2, 28)),
    ("November 2018 - February 2019", "November 2018 - February 2019",
     dt.date(2018, 11, 1), dt.date(2019, 2, 28)),
    ("from 14 July 2016 to 21 April 2019", "from 14 July 2016 to 21 April 2019",
     dt.date(2016, 7, 14), dt.date(2019, 4, 21)),
    ("from June to August", "from June to August", dt.date(2019, 6, 1), dt.date(2019, 8, 31)),
])
def test_month_and_date_ranges(text, span, start, end):
    d = only(text, REF)
    assert (d.text, d.start, d.end, d.granularity) == (span, start, end, "range")


def test_two_months_joined_by_and_are_not_a_range():
    ds = extract_dates("January and March 2019", REF)
    assert [d.granularity for d in ds] == ["month", "month"]


def test_christmas_needs_day_or_year():
    assert extract_dates("the Christmas market in Berlin", REF) == []
    assert only("on Christmas Day 2016", None).start == dt.date(2016, 12, 25)
