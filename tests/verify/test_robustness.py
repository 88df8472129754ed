"""Property tests: extractors never crash and every span round-trips."""
import datetime as dt

import pytest

from assistant.verify.facets import extract_facets

hypothesis = pytest.importorskip("hypothesis")
st = hypothesis.strategies

PIECES = ["30,000", "2019", "14", "July", "April", "May", "between", "and", "to", "-", "–",
          "over", "some", "nearly", "up to", "at least", "fighters", "ISIS", "IS", "is", "US",
          "us", "Syria", "Syrian", "government", "%", "per cent", "S/2019/570", "24th", "22:31",
          "1.2 million", "thirty thousand", "a dozen", "half of", "1 in 5", "since", "the past",
          "two years", "no", "not", "all", "of", "the", "their dependants", "(", ")", ",", ".",
          "\n", "$", "resolution", "Easter Sunday", "end-2015", "mid", "late", "killed",
          "returned", "Da'esh", "Monitoring Team", "'s", "one", "others", "injured"]


@hypothesis.settings(max_examples=400, deadline=None)
@hypothesis.given(st.lists(st.sampled_from(PIECES), max_size=25),
                  st.sampled_from([" ", "", "  "]))
def test_random_phrases_round_trip(pieces, sep):
    text = sep.join(pieces)
    f = extract_facets(text, dt.date(2019, 8, 4))
    for q in f.quantities:
        assert text[q.start:q.end] == q.text
        assert q.low <= q.value <= q.high
        assert q.qualifier in {"exact", "about", "over", "at_least", "under", "at_most",
                               "nearly", "range", "up_to"}
    for d in f.dates:
        assert text[d.span_start:d.span_end] == d.text
        assert d.start <= d.end
        assert d.granularity in {"day", "month", "year", "range", "relative"}
    for m in f.actors + f.places:
        assert text[m.start:m.end] == m.text
    for _, s, e in f.predicates + f.quantifiers:
        assert 0 <= s < e <= len(text)


@hypothesis.settings(max_examples=300, deadline=None)
@hypothesis.given(st.text(max_size=120))
def test_arbitrary_unicode_does_not_crash(text):
    f = extract_facets(text)
    for q in f.quantities:
        assert text[q.start:q.end] == q.text
