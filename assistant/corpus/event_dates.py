"""Dated events a corpus document reports after its own ``published`` date (a source cannot report them).

Only precise mentions count: a full date ("23 March 2019", "March 23, 2019") or a month and year ("in March
2019"). Years alone are too loose ("the 2019 estimate" may be a later edition named in our note). A mention
is not an event when its sentence looks ahead (a forecast, a plan, a deadline: "will", "expected",
"scheduled", "due", "were to be", "by March 2019"). The closing ``Later:`` and ``Context:`` paragraphs are the
corpus's own notes, written later and shown as such (``assistant.ingest.notes``), so they are not checked:
that is where later reports belong.
"""
from __future__ import annotations

import datetime as dt
import re

from assistant.ingest.notes import note_start

_MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_M = r"(January|February|March|April|May|June|July|August|September|October|November|December)"
_DAY_FIRST = re.compile(rf"\b(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?\s+{_M}\s+((?:19|20)\d\d)\b")
_MONTH_FIRST = re.compile(rf"\b{_M}\s+(\d{{1,2}})(?:\s*[-–]\s*\d{{1,2}})?,?\s+((?:19|20)\d\d)\b")
_MONTH_YEAR = re.compile(rf"\b{_M},?\s+((?:19|20)\d\d)\b")
_AHEAD = re.compile(r"\b(?:will|expected|expects?|scheduled|due|plans?|planned|forecasts?|projected|predicted|"
                    r"to be|set to expire|expir(?:e|es|y))\b", re.I)
_BY = re.compile(r"\b(?:by|before|until)\s+(?:the\s+end\s+of\s+|early\s+|mid-?\s*|late\s+)?$", re.I)
_HEADING = re.compile(r"^#+[ \t].*$", re.M)  # a Markdown heading is our title for the document, not its text
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


def _sentences(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for m in _SENTENCE_END.finditer(text):
        out.append((pos, text[pos:m.start()]))
        pos = m.end()
    out.append((pos, text[pos:]))
    return out


def _mentions(sentence: str) -> list[tuple[int, dt.date, bool, str]]:
    """(offset, date, precise to the day, text) for each full date or month-year in the sentence."""
    found: list[tuple[int, dt.date, bool, str]] = []
    taken: list[tuple[int, int]] = []
    for rx, day_group, month_group, year_group in ((_DAY_FIRST, 1, 2, 3), (_MONTH_FIRST, 2, 1, 3)):
        for m in rx.finditer(sentence):
            try:
                day = dt.date(int(m.group(year_group)), _MONTHS[m.group(month_group).lower()], int(m.group(day_group)))
            except ValueError:
                continue
            found.append((m.start(), day, True, m.group(0)))
            taken.append(m.span())
    for m in _MONTH_YEAR.finditer(sentence):
        if any(s <= m.start() < e for s, e in taken):
            continue
        found.append((m.start(), dt.date(int(m.group(2)), _MONTHS[m.group(1).lower()], 1), False, m.group(0)))
    return found


def _after(day: dt.date, precise: bool, published: dt.date) -> bool:
    if precise:
        return day > published
    return (day.year, day.month) > (published.year, published.month)


def later_events(body: str, published: dt.date) -> list[str]:
    """The dated mentions in the source's part of body that lie after published (forecasts excepted)."""
    cut = note_start(body)
    text = _HEADING.sub(lambda m: " " * len(m.group(0)), body[:cut] if cut >= 0 else body)
    out = []
    for _, sentence in _sentences(text):
        if _AHEAD.search(sentence):
            continue
        for at, day, precise, words in _mentions(sentence):
            if _after(day, precise, published) and not _BY.search(sentence[:at]):
                out.append(words)
    return list(dict.fromkeys(out))
