"""Which period a sentence (or its document) speaks of, against the claim's.

A wider corpus brings figures and events of other years beside the claim's: a later count of ISIS militants
beside a 2017 claim, a count of UK arrests for 2022-2024 beside one for 2019. Those say nothing about the
claim's period, for it or against it:

- a sentence dated only outside every period a claimed count gives is about another period, and the stance
  model's contradiction read in it does not count (a date that says when something was reported, "said on 5
  October 2022 that ...", bounds what it reports from above only; a running count "since 2019" runs on to the
  sentence's time). Only for a claim with a figure: a claimed event with a wrong date is contradicted by a
  sentence dating it otherwise ("launched in October 2016" against "in October 2017");
- a figure in a sentence that gives no date of its own describes its document's period: the dates of the
  document's title ("... in Great Britain, 2022-2024"; a report's name such as "TE-SAT 2025" is no period),
  else the year its figures are as of (the front matter's ``as_of``).
"""
from __future__ import annotations

import datetime as dt
from dataclasses import replace

from assistant.types import SourceMeta
from assistant.verify.dates import DateSpan
from assistant.verify.event_scope import _REPORT_VERB, _SINCE, _THAT, period_dates, periods_compatible


def _iso(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10])
    except (TypeError, ValueError):
        return None


def sentence_periods(text: str, dates) -> list[DateSpan]:
    """The periods a sentence's dates describe: a reporting date ("reported in October 2018 that") opens the
    period to the past, a "since" date runs it on."""
    out = []
    for d in dates:
        if _REPORT_VERB.search(text[:d.span_start]) and _THAT.match(text[d.span_end:]):
            d = replace(d, start=dt.date.min)
        if _SINCE.search(text[:d.span_start]):
            d = replace(d, end=dt.date.max)
        out.append(d)
    return out


def outside(claim_periods, periods) -> bool:
    """Both sides are dated and no period of the sentence meets one of the claim's."""
    return bool(claim_periods) and bool(periods) and not periods_compatible(claim_periods, periods)


def document_periods(meta: SourceMeta, title_dates) -> list[DateSpan]:
    """The period an undated sentence of the document speaks of: its title's dates (a report's name left out),
    else the year its figures are as of; empty when the document gives neither."""
    titled = period_dates(meta.title, title_dates)
    if titled:
        return titled
    as_of = _iso(meta.as_of)
    if as_of is None:
        return []
    return [DateSpan(start=dt.date(as_of.year, 1, 1), end=dt.date(as_of.year, 12, 31), granularity="year",
                     text=meta.as_of, span_start=0, span_end=0)]


def count_elsewhere(claim, e_text: str, e_dates) -> bool:
    """The claim gives a figure and a date, and the sentence is dated only outside the claim's periods (a
    report's name, "TE-SAT 2021", dates nothing)."""
    figures = [q for q in claim.quantities if not any(d.span_start <= q.start < d.span_end for d in claim.dates)]
    periods = period_dates(claim.text, claim.dates) or claim.dates
    return bool(figures) and outside(periods, sentence_periods(e_text, period_dates(e_text, e_dates)))
