import math

import pytest

from assistant.verify.quantities import Quantity, extract_quantities, lemma, parse_number

MT_SENTENCE = ("The Monitoring Team's July 2019 report (S/2019/570) estimated that some 30,000 "
               "foreign terrorist fighters and their dependants may have survived the conflict.")


def only(text: str) -> Quantity:
    qs = extract_quantities(text)
    assert len(qs) == 1, [q.text for q in qs]
    return qs[0]


def assert_roundtrip(text: str) -> None:
    for q in extract_quantities(text):
        assert text[q.start:q.end] == q.text


@pytest.mark.parametrize("token,value", [
    ("30,000", 30000), ("30k", 30000), ("30K", 30000), ("1.2 million", 1_200_000),
    ("7.5 million", 7_500_000), ("thirty thousand", 30000), ("sixty", 60), ("a dozen", 12),
    ("359", 359), ("52,808", 52808), ("1.5bn", 1.5e9), ("twenty-five", 25),
    ("ninety-nine thousand nine hundred and ninety-nine", 99999), ("a hundred", 100),
    ("one hundred and twenty", 120),
])
def test_parse_number(token, value):
    assert parse_number(token) == pytest.approx(value)


def test_parse_number_fraction_and_garbage():
    assert parse_number("two-thirds") == pytest.approx(2 / 3)
    assert parse_number("fighters") is None
    assert parse_number("") is None


def test_foreigners_joined_isis():
    q = only("30,000 foreigners joined ISIS")
    assert (q.value, q.low, q.high, q.qualifier) == (30000, 30000, 30000, "exact")
    assert q.counted == "foreigners" and q.counted_head == "foreigner"
    assert q.text == "30,000" and not q.is_percent


@pytest.mark.parametrize("text,phrase", [
    ("30k foreign fighters went to Syria", "30k"),
    ("thirty thousand foreign fighters went to Syria", "thirty thousand"),
])
def test_abbreviated_and_word_numbers(text, phrase):
    q = only(text)
    assert q.value == 30000 and q.text == phrase
    assert q.counted == "foreign fighters" and q.counted_head == "fighter"


@pytest.mark.parametrize("text,qual,low,high", [
    ("over 40,000 foreign fighters", "over", 40000, math.inf),
    ("more than 40,000 foreign fighters", "over", 40000, math.inf),
    ("significantly more than 40,000 foreign fighters", "over", 40000, math.inf),
    ("at least 5,600 returnees", "at_least", 5600, math.inf),
    ("up to 52,808 foreign fighters", "up_to", 0, 52808),
    ("fewer than 100 fighters", "under", 0, 100),
    ("less than 100 fighters", "under", 0, 100),
    ("under 100 fighters", "under", 0, 100),
    ("no more than 100 fighters", "at_most", 0, 100),
    ("nearly 60 fighters", "nearly", 54, 60),
    ("close to 60 fighters", "nearly", 54, 60),
    ("almost 60 fighters", "nearly", 54, 60),
    ("about 60 fighters", "about", 54, 66),
    ("around 60 fighters", "about", 54, 66),
    ("some 60 fighters", "about", 54, 66),
    ("roughly 60 fighters", "about", 54, 66),
    ("approximately 60 fighters", "about", 54, 66),
    ("an estimated 60 fighters", "about", 54, 66),
])
def test_qualifiers(text, qual, low, high):
    q = only(text)
    assert q.qualifier == qual
    assert q.low == pytest.approx(low) and q.high == pytest.approx(high)
    assert q.counted_head in ("fighter", "returnee")
    # qualifier is part of the span, counted noun is not
    assert q.start == 0 and not q.text.endswith(("fighters", "returnees"))


def test_significantly_more_than_span():
    text = "ISIS attracted significantly more than 40,000 foreign fighters from 110 countries"
    qs = extract_quantities(text)
    assert [q.text for q in qs] == ["significantly more than 40,000", "110"]
    assert qs[1].counted_head == "country"


@pytest.mark.parametrize("text,span", [
    ("between 20,000 and 30,000 fighters", "between 20,000 and 30,000"),
    ("20,000-30,000 fighters", "20,000-30,000"),
    ("20,000 to 30,000 fighters", "20,000 to 30,000"),
    ("20,000–30,000 fighters", "20,000–30,000"),
])
def test_ranges(text, span):
    q = only(text)
    assert q.qualifier == "range" and q.text == span
    assert (q.low, q.high, q.value) == (20000, 30000, 25000)
    assert q.counted_head == "fighter"


def test_range_multiplier_applies_to_both_ends():
    q = only("between 1.2 and 1.5 million people")
    assert (q.low, q.high) == (1_200_000, 1_500_000) and q.counted_head == "person"


def test_change_is_not_a_range():
    qs = extract_quantities("the number of returnees rose from 20 to 30")
    assert [(q.value, q.qualifier) for q in qs] == [(20, "exact"), (30, "exact")]


def test_about_60_isis_fighters_returned_to_canada():
    q = only("about 60 ISIS fighters returned to Canada")
    assert q.text == "about 60" and q.qualifier == "about"
    assert q.counted == "isis fighters" and q.counted_head == "fighter"


def test_359_christians_and_no_year_or_month():
    text = ("In April ISIS claimed responsibility for the massacre of 359 Christians during "
            "Easter Sunday services in Sri Lanka")
    q = only(text)
    assert q.value == 359 and q.counted == "christians" and q.counted_head == "christian"


def test_monitoring_team_sentence():
    q = only(MT_SENTENCE)  # neither 2019 nor S/2019/570 count
    assert q.text == "some 30,000" and q.qualifier == "about"
    assert q.counted == "foreign terrorist fighters and their dependants"
    assert q.counted_head == "fighter"
    assert MT_SENTENCE[q.start:q.end] == q.text


def test_up_to_52808():
    q = only("up to 52,808 foreign nationals travelled")
    assert (q.value, q.low, q.high, q.qualifier) == (52808, 0, 52808, "up_to")
    assert q.counted == "foreign nationals" and q.counted_head == "national"


def test_te_sat_counts_attacks_not_years():
    q = only("Europol's TE-SAT 2018 counted 205 attacks in 2017")
    assert q.value == 205 and q.counted == "attacks" and q.counted_head == "attack"


@pytest.mark.parametrize("text", [
    "S/2019/570", "the 24th report of the Monitoring Team", "On 14 July 2016 a truck drove",
    "On July 14, 2016 a truck drove", "at 22:31 local time", "in 2017", "the 2014 peak",
    "the 2017 attacks", "resolution 2178 (2014)", "resolutions 2170 (2014) and 2178 (2014)",
    "between 2014 and 2019", "2016-2017", "2016–17", "a 19-year-old man", "the 9/11 attacks",
    "COVID-19", "2019-04-21", "1. Introduction", "see paragraph 12", "one of the attackers",
    "a 30-day period", "on the 3rd of May", "in July 2019",
])
def test_not_quantities(text):
    assert extract_quantities(text) == []


def test_list_numbering_ignored_but_content_kept():
    text = "Findings:\n1. ISIS lost 95% of its territory\n2) 30 attacks"
    qs = extract_quantities(text)
    assert [q.text for q in qs] == ["95%", "30"]


def test_year_like_number_counting_people_is_a_quantity():
    q = only("over 2000 fighters returned")
    assert q.value == 2000 and q.qualifier == "over"
    assert extract_quantities("in 2000 fighters returned") == []  # date word before


def test_comma_number_in_year_range_is_quantity():
    q = only("2,000 attacks")
    assert q.value == 2000 and q.counted_head == "attack"


@pytest.mark.parametrize("text,span,value", [
    ("ISIS lost 95% of its territory", "95%", 95),
    ("95 per cent of its territory", "95 per cent", 95),
    ("52 percent of returnees", "52 percent", 52),
    ("less than 10% of returnees", "less than 10%", 10),
])
def test_percent(text, span, value):
    q = only(text)
    assert q.is_percent and q.text == span and q.value == value


def test_percent_counted():
    q = only("ISIS lost 95% of its territory")
    assert q.counted == "territory" and q.counted_head == "territory"


@pytest.mark.parametrize("text,value,head", [
    ("1.2 million people were displaced", 1_200_000, "person"),
    ("7.5 million Syrians", 7_500_000, "syrian"),
    ("a dozen attackers", 12, "attacker"),
    ("at least 257 people were killed", 257, "person"),
    ("The attack killed 86 people", 86, "person"),
    ("roughly 190 Canadians", 190, "canadian"),
    ("some 30 killed", 30, "killed"),
    ("one attacker was shot", 1, "attacker"),
])
def test_counted_heads(text, value, head):
    q = only(text)
    assert q.value == value and q.counted_head == head


def test_counted_backward_death_toll():
    q = only("The death toll of the Easter attacks rose to 359.")
    assert q.value == 359 and q.counted_head == "death"


def test_counted_backward_number_of():
    q = only("The number of returnees to the UK was 425.")
    assert q.counted == "returnees" and q.counted_head == "returnee"


def test_currency():
    q = only("ISIS earned $1.2 million")
    assert q.text == "$1.2 million" and q.value == 1_200_000 and q.counted == "usd"


@pytest.mark.parametrize("word,lem", [
    ("fighters", "fighter"), ("dependants", "dependant"), ("dependents", "dependant"),
    ("people", "person"), ("deaths", "death"), ("returnees", "returnee"),
    ("travelers", "traveller"), ("foreigners", "foreigner"), ("Christians", "christian"),
    ("attacks", "attack"), ("countries", "country"), ("women", "woman"), ("children", "child"),
    ("victims", "victim"), ("minors", "minor"), ("killed", "killed"), ("injured", "injured"),
])
def test_lemma(word, lem):
    assert lemma(word) == lem


@pytest.mark.parametrize("text", [
    MT_SENTENCE, "Up to 52,808 foreign nationals, significantly more than 40,000 (about 60%)",
    "between 20,000 and 30,000\nnearly 60 per cent, an estimated 1.2 million and $5m",
    "Ünïcödé — 30 000 “fighters” – 20–30 ‘killed’",
])
def test_spans_round_trip(text):
    assert_roundtrip(text)
    assert extract_quantities(text)  # something was found


def test_results_in_text_order_and_frozen():
    qs = extract_quantities("5 attacks, then 10 attacks, then 15 attacks")
    assert [q.value for q in qs] == [5, 10, 15]
    with pytest.raises(Exception):
        qs[0].value = 1  # type: ignore[misc]


@pytest.mark.parametrize("text,span,value", [
    ("It is estimated that 1 in 5 fighters returned.", "1 in 5", 20),
    ("one in five returnees", "one in five", 20),
    ("3 out of 4 attacks", "3 out of 4", 75),
])
def test_ratios_become_percentages(text, span, value):
    q = only(text)
    assert q.text == span and q.is_percent and q.value == pytest.approx(value)


def test_ratio_not_confused_with_year():
    q = only("killed 3 in 2017")
    assert q.value == 3 and not q.is_percent


def test_adjective_list_before_noun():
    q = extract_quantities("In 2017, a total of 205 foiled, failed and completed terrorist "
                           "attacks were reported by nine EU Member States.")[0]
    assert q.value == 205 and q.counted_head == "attack"
    assert q.counted == "foiled, failed and completed terrorist attacks"


def test_post_nominal_dead_and_others():
    qs = extract_quantities("leaving 12 people dead and 56 others injured")
    assert [(q.value, q.counted, q.counted_head) for q in qs] == [
        (12, "people", "person"), (56, "others", "injured")]
    qs = extract_quantities("killing five people and injuring 14 others")
    assert [(q.value, q.counted_head) for q in qs] == [(5, "person"), (14, "injured")]
    qs = extract_quantities("killing 22 people; 59 others were wounded")
    assert [(q.value, q.counted_head) for q in qs] == [(22, "person"), (59, "injured")]


def test_durations_in_relative_dates_and_ages_are_not_counts():
    assert [q.text for q in extract_quantities("Over the past two years, 30 per cent of "
                                               "returnees were prosecuted")] == ["30 per cent"]
    qs = extract_quantities("The bombing killed 22 people aged between 8 and 51.")
    assert [q.value for q in qs] == [22]


def test_space_grouped_thousands():
    q = only("some 30\u00a0000 fighters")
    assert q.value == 30000 and q.text == "some 30\u00a0000"


def test_nice_sentence():
    text = ("On 14 July 2016, a 19-tonne cargo truck was deliberately driven into crowds in "
            "Nice, resulting in the deaths of 86 people and the injury of 458 others.")
    qs = extract_quantities(text)
    assert [(q.value, q.counted_head) for q in qs] == [(86, "person"), (458, "injured")]


@pytest.mark.parametrize("text,span,value,qual,head", [
    ("More than half of the 40,000 returned.", "More than half", 50, "over", ""),
    ("Two-thirds of the fighters were Iraqi.", "Two-thirds", 66.67, "exact", "fighter"),
    ("nearly a third of returnees", "nearly a third", 33.33, "nearly", "returnee"),
    ("three quarters of the territory", "three quarters", 75, "exact", "territory"),
    ("half of them", "half", 50, "exact", ""),
])
def test_fractions_are_percentages(text, span, value, qual, head):
    q = extract_quantities(text)[0]
    assert (q.text, q.qualifier, q.counted_head, q.is_percent) == (span, qual, head, True)
    assert q.value == pytest.approx(value)


@pytest.mark.parametrize("text", ["in the second half of 2018", "on behalf of ISIS",
                                  "the first third of the year"])
def test_not_fractions(text):
    assert extract_quantities(text) == []
