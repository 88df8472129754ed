"""Extract dates and date ranges from claims and evidence sentences.

Granularity values: ``day``, ``month``, ``year``, ``range`` (explicit ranges such as
"2016-2017", "between 2014 and 2019", "since 2014", day ranges "14-15 July 2016", and
fuzzy parts of a year/month: "end-2015", "mid-2018", "late 2017", "early April 2019",
"the 1990s") and ``relative`` (phrases resolved against ``reference``: "last year",
"over the past two years", "this year").

Bare months ("in April", "from July") and day-month pairs without a year are resolved to
the most recent such month/day on or before ``reference``; without a reference they are
skipped, as are relative phrases.  Numbers with thousands separators ("2,019") and
document symbols ("S/2019/570") are never years.  Capitalised month names are required
("may" the verb and "march" the verb are not months).
"""
from __future__ import annotations

import calendar
import dataclasses
import datetime
import re
from dataclasses import dataclass

__all__ = ["DateSpan", "extract_dates", "easter"]

D = datetime.date


@dataclass(frozen=True)
class DateSpan:
    start: datetime.date
    end: datetime.date
    granularity: str
    text: str
    span_start: int
    span_end: int


_MONTH_NUM = {name: i for i, name in enumerate(calendar.month_name) if name}
_MONTH_NUM.update({"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "Jun": 6, "Jul": 7, "Aug": 8,
                   "Sep": 9, "Sept": 9, "Oct": 10, "Nov": 11, "Dec": 12})
_MON = r"(?P<mon>" + "|".join(sorted(_MONTH_NUM, key=len, reverse=True)) + r")\.?"
_MON_NAMES = "|".join(calendar.month_name[1:])
_MON_FULL = rf"(?P<mon>{_MON_NAMES})"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_Y_END = r"(?![\d,/]\d|\d|/|-\d|%)"           # not 2,019 / 2019/570 / 2019-04 / 2019%
_Y_START = r"(?<![\d,./$£€-])"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_WORDNUM = {"one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "twelve": 12, "few": 3,
            "several": 3, "couple of": 2}
_PARTS = {  # fuzzy part of a year -> (first month, last month)
    "early": (1, 4), "beginning of": (1, 3), "start of": (1, 3), "first half of": (1, 6),
    "mid": (5, 8), "middle of": (5, 8), "late": (9, 12), "end": (10, 12), "end of": (10, 12),
    "the end of": (10, 12), "second half of": (7, 12), "spring": (3, 5), "summer": (6, 8),
    "autumn": (9, 11), "fall": (9, 11), "winter": (12, 12),
}
_PART_RE = r"(?i:(?P<part>the end of|end of|beginning of|start of|first half of|second half of|" \
           r"middle of|early|mid|late|end|spring|summer|autumn|fall|winter))(?:\s+of)?[\s-]*"

_P = [  # (name, regex); earlier patterns win on overlap
    ("iso", rf"{_Y_START}\b(?P<year>(?:19|20)\d\d)-(?P<m>[01]\d)-(?P<day>[0-3]\d)\b"),
    ("dayrange", rf"\b(?P<d1>[0-3]?\d)(?:st|nd|rd|th)?\s*(?:-|–|to|and)\s*{_DAY}\s+(?:of\s+)?"
                 rf"{_MON},?\s+{_YEAR}{_Y_END}"),
    ("dmy", rf"\b{_DAY}\s+(?:of\s+)?{_MON},?\s+{_YEAR}{_Y_END}"),
    ("mdy", rf"\b{_MON}\s+{_DAY},?\s+{_YEAR}{_Y_END}"),
    ("easter", rf"\b(?:(?P<hol>Easter(?:\s+Sunday)?|Christmas\s+Day)|"
               rf"(?P<hol2>Christmas)(?=,?\s+(?:19|20)\d\d))(?:,?\s+{_YEAR}{_Y_END})?"),
    ("yrange", rf"(?P<pre>\b(?i:between|from)\s+)?{_Y_START}\b(?P<y1>(?:19|20)\d\d)\s*"
               rf"(?:-|–|—|to|and|until|through)\s*(?P<y2>(?:19|20)?\d\d){_Y_END}\b"),
    ("monrange", rf"(?:(?P<pre>\b(?i:between|from)\s+))?\b(?P<m1>{_MON_NAMES})\s*"
                 rf"(?:-|–|to|and|until|through)\s*(?P<mon>{_MON_NAMES}),?\s+{_YEAR}{_Y_END}"),
    ("partmonth", rf"\b(?i:(?P<part>early|mid|late|the end of|end of|beginning of|start of))"
                  rf"[\s-]+{_MON_FULL}(?:,?\s+{_YEAR}{_Y_END})?"),
    ("partyear", rf"\b{_PART_RE}{_YEAR}{_Y_END}\b"),
    ("decade", r"\b(?:the\s+)?(?P<dec>(?:19|20)\d0)s\b"),
    ("my", rf"\b{_MON},?\s+{_YEAR}{_Y_END}"),
    ("dm", rf"\b{_DAY}\s+(?:of\s+)?{_MON}\b(?!\s+\d)"),
    ("md", rf"\b{_MON}\s+{_DAY}\b(?![,\d]|\s+\d)"),
    ("rel", r"\b(?:(?:over|in|during|within)\s+)?the\s+(?:past|last|previous)\s+(?P<n>\d+|one|a|"
            r"an|two|three|four|five|six|seven|eight|nine|ten|twelve|few|several|couple of)?\s*"
            r"(?P<unit>years?|months?|weeks?|days?|decade)\b"),
    ("lastyear", r"\b(?P<which>last|this|earlier this|previous)\s+(?P<unit>year|month)\b"),
    ("year", rf"{_Y_START}\b{_YEAR}{_Y_END}\b"),
    ("month", rf"\b{_MON_FULL}\b"),
]
_PATTERNS = [(n, re.compile(p, re.I if n in ("rel", "lastyear") else 0)) for n, p in _P]
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)
_PEOPLE_AFTER = re.compile(r"\s+(?:foreign\s+)?(?:people|persons|fighters|foreigners|"
                           r"individuals|members|deaths|casualties|returnees|women|children|"
                           r"men|militants|civilians|victims)\b", re.I)
_DOC_BEFORE = re.compile(r"(?:resolutions?|No\.|para(?:graph)?)\s+$", re.I)


def easter(year: int) -> D:
    """Gregorian Easter Sunday (anonymous Gregorian algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - e - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month = (h + l - 7 * m + 114) // 31
    day = (h + l - 7 * m + 114) % 31 + 1
    return D(year, month, day)


def _month_end(y: int, m: int) -> D:
    return D(y, m, calendar.monthrange(y, m)[1])


def _safe(y: int, m: int, d: int) -> D | None:
    try:
        return D(y, m, d)
    except ValueError:
        return None


def _recent_month(month: int, ref: D) -> int:
    return ref.year if month <= ref.month else ref.year - 1


def _shift_months(d: D, months: int) -> D:
    y, m = divmod(d.year * 12 + (d.month - 1) - months, 12)
    return D(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


Resolved = tuple[D, D, str]


def _iso(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"2019-03-15": a day."""
    d = _safe(int(g["year"]), int(g["m"]), int(g["day"]))
    return (d, d, "day") if d else None


def _day_month_year(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"15 March 2019", "March 15, 2019": a day."""
    d = _safe(int(g["year"]), mon, int(g["day"]))
    return (d, d, "day") if d else None


def _day_range(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"14-15 July 2016": a range of days."""
    y = int(g["year"])
    a, b = _safe(y, mon, int(g["d1"])), _safe(y, mon, int(g["day"]))
    return (a, b, "range") if a and b and a <= b else None


def _day_month(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"15 March" with no year: the latest such day on or before the reference."""
    if ref is None:
        return None
    d = _safe(ref.year, mon, int(g["day"]))
    if d and d > ref:
        d = _safe(ref.year - 1, mon, int(g["day"]))
    return (d, d, "day") if d else None


def _holiday(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """Easter or Christmas, of the year given or (after a time preposition) the latest before the reference."""
    y = int(g["year"]) if g.get("year") else None
    is_easter = (g["hol"] or g["hol2"]).startswith("Easter")
    if y is None:
        # A holiday with no year dates something only after a time preposition ("on Easter Sunday",
        # "during Easter services"); in a name ("the Sri Lanka Easter bombings") it is no date claim.
        before = m.string[max(0, m.start() - 12):m.start()].lower()
        if ref is None or not re.search(r"\b(on|at|during|since|before|after|this|last|over)\s+$", before):
            return None
        y = ref.year
        if (easter(y) if is_easter else D(y, 12, 25)) > ref:
            y -= 1
    d = easter(y) if is_easter else D(y, 12, 25)
    return d, d, "day"


def _year_range(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"2016-2017", "between 2014 and 2019": a range of years (not two years, nor a count after a year)."""
    y1, y2s = int(g["y1"]), g["y2"]
    y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
    connector = m.group(0)[len(g["pre"] or "") + 4:].strip()[:3].lower()
    if connector.startswith("and") and not g["pre"]:
        return None                 # "in 2014 and 2019" is two years, not a range
    if len(y2s) == 2 and not connector.startswith(("-", "–", "—")):
        return None                 # "from 168 in 2016 to 81 in 2017": 81 is a count, not 2081
    if y2 <= y1 or y2 - y1 > 100:
        return None
    return D(y1, 1, 1), D(y2, 12, 31), "range"


def _month_range(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"January to March 2019": the months from one to the other (not "January and March", two months)."""
    if m.group(0)[len(g["pre"] or ""):].split()[1].lower() == "and" and not g["pre"]:
        return None                 # "January and March 2019": two months
    y, m1 = int(g["year"]), _MONTH_NUM[g["m1"]]
    return D(y if m1 <= mon else y - 1, m1, 1), _month_end(y, mon), "range"


def _part_of_year(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"end-2015", "mid-2018", "winter 2016": part of a year."""
    a, b = _PARTS[g["part"].lower()]
    y = int(g["year"])
    if g["part"].lower() == "winter":
        return D(y, 12, 1), D(y + 1, 2, 28), "range"
    return D(y, a, 1), _month_end(y, b), "range"


def _part_of_month(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"early April 2019", "late March": a third of a month."""
    y = int(g["year"]) if g.get("year") else (_recent_month(mon, ref) if ref else None)
    if y is None:
        return None
    part = g["part"].lower()
    last = calendar.monthrange(y, mon)[1]
    lo, hi = {"early": (1, 10), "beginning of": (1, 10), "start of": (1, 10),
              "mid": (11, 20)}.get(part, (21, last))
    return D(y, mon, lo), D(y, mon, hi), "range"


def _decade(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"the 1990s": a decade."""
    dec = int(g["dec"])
    return D(dec, 1, 1), D(dec + 9, 12, 31), "range"


def _month_year(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"March 2019": a month."""
    y = int(g["year"])
    return D(y, mon, 1), _month_end(y, mon), "month"


def _year(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"2019": a year."""
    y = int(g["year"])
    return D(y, 1, 1), D(y, 12, 31), "year"


def _bare_month(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"in April": the latest such month on or before the reference."""
    if ref is None:
        return None
    y = _recent_month(mon, ref)
    return D(y, mon, 1), _month_end(y, mon), "month"


def _relative_span(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"over the past two years": from that long before the reference to it."""
    if ref is None:
        return None
    n = g["n"] or "1"
    n = int(n) if n.isdigit() else _WORDNUM[n]
    unit = g["unit"].rstrip("s")
    if unit == "year":
        start = _safe(ref.year - n, ref.month, ref.day) or D(ref.year - n, ref.month, 28)
    elif unit == "decade":
        start = _safe(ref.year - 10, ref.month, ref.day) or D(ref.year - 10, ref.month, 28)
    elif unit == "month":
        start = _shift_months(ref, n)
    else:
        start = ref - datetime.timedelta(days=n * (7 if unit == "week" else 1))
    return start, ref, "relative"


def _this_or_last(m: re.Match, g: dict, mon: int, ref: D | None) -> Resolved | None:
    """"last year", "this year", "last month", "earlier this month", against the reference."""
    if ref is None:
        return None
    which, unit = g["which"].lower(), g["unit"]
    if unit == "year":
        if which in ("this", "earlier this"):
            return D(ref.year, 1, 1), ref, "relative"
        return D(ref.year - 1, 1, 1), D(ref.year - 1, 12, 31), "relative"
    if which in ("this", "earlier this"):
        return D(ref.year, ref.month, 1), ref, "relative"
    prev = _shift_months(D(ref.year, ref.month, 1), 1)
    return prev, _month_end(prev.year, prev.month), "relative"


# How each pattern's match becomes (start, end, granularity).
_RESOLVERS = {"iso": _iso, "dmy": _day_month_year, "mdy": _day_month_year, "dayrange": _day_range,
              "dm": _day_month, "md": _day_month, "easter": _holiday, "yrange": _year_range,
              "monrange": _month_range, "partyear": _part_of_year, "partmonth": _part_of_month, "decade": _decade,
              "my": _month_year, "year": _year, "month": _bare_month, "rel": _relative_span,
              "lastyear": _this_or_last}


def _resolve(name: str, m: re.Match, ref: D | None) -> tuple[D, D, str] | None:
    """The (start, end, granularity) of a match of the pattern called name; None when it dates nothing."""
    g = m.groupdict()
    mon = _MONTH_NUM.get(g.get("mon") or "", 0)
    resolver = _RESOLVERS.get(name)
    return resolver(m, g, mon, ref) if resolver is not None else None


def _skip(name: str, text: str, m: re.Match) -> bool:
    s, e = m.start(), m.end()
    before = text[max(0, s - 15):s]
    if name == "year":
        if _DOC_BEFORE.search(before) or (s and text[s - 1] in "/#"):
            return True
        # "2000 fighters" is a count, not a year (mirrors quantities.py)
        if _PEOPLE_AFTER.match(text, e) and not re.search(
                r"\b(?:in|since|during|until|by|of|from|the|before|after)\s+$", before, re.I):
            return True
    if name in ("month", "md", "dm") and m.group("mon") == "May":
        # "May" at sentence start followed by a verb-like word is usually the modal
        if re.match(r"\s+(?:be|have|not|also|well|still)\b", text[e:]):
            return True
    if name == "md" and re.match(r"\s*(?:%|per\s?cent|percent)", text[e:], re.I):
        return True
    return False


_LOWER_MONTH = re.compile(r"\b(" + "|".join(m.lower() for m in calendar.month_name[1:]) + r")\b")


def _capitalise_months(text: str) -> str:
    """Users type "in june 2017": capitalise month names (same length, so spans hold). "may" and "march" only
    next to a day or a year, since they are also a verb."""
    def fix(m: re.Match) -> str:
        word = m.group(1)
        if word in ("may", "march") and not (re.match(r"\s+\d", text[m.end():]) or re.search(r"\d\s+$", text[:m.start()])):
            return word
        return word.capitalize()
    return _LOWER_MONTH.sub(fix, text)


def extract_dates(text: str, reference: datetime.date | None = None) -> list[DateSpan]:
    original, text = text, _capitalise_months(text)
    taken: list[tuple[int, int]] = []
    out: list[DateSpan] = []
    yearless: list[tuple[int, str, re.Match]] = []  # dates given without a year, resolved against the reference
    for name, rx in _PATTERNS:
        for m in rx.finditer(text):
            s, e = m.start(), m.end()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if _skip(name, text, m):
                continue
            res = _resolve(name, m, reference)
            if res is None:
                continue
            start, end, gran = res
            sm = _SINCE.search(text[max(0, s - 15):s])
            if sm and name in ("year", "my", "dmy", "mdy", "iso", "partyear", "month", "easter"):
                s = max(0, s - 15) + sm.start()
                end = reference or datetime.date.today()
                gran = "range"
                if end < start:
                    continue
            if name in _YEARLESS and not m.groupdict().get("year") and not sm:
                yearless.append((len(out), name, m))
            taken.append((s, e))
            out.append(DateSpan(start=start, end=end, granularity=gran, text=text[s:e],
                                span_start=s, span_end=e))
    # "on 6 June 2017 ... on 17 October": a date without a year takes the latest year the text gave before it
    guessed = {i for i, _, _ in yearless}
    for i, name, m in yearless:
        years = [d.start.year for j, d in enumerate(out) if j not in guessed and d.span_end <= m.start()
                 and d.granularity != "relative"]
        if years and (res := _resolve(name, m, D(max(years), 12, 31))) is not None:
            out[i] = dataclasses.replace(out[i], start=res[0], end=res[1], granularity=res[2])
    out.sort(key=lambda d: d.span_start)
    return [dataclasses.replace(d, text=original[d.span_start:d.span_end]) for d in _merge_ranges(text, out)]


# Patterns that may leave the year out ("17 October", "in August", "late March")
_YEARLESS = {"dm", "md", "month", "partmonth"}
_JOIN = re.compile(r"\s*(?:-|–|—|to|until|till|through|and)\s*")
_FROM = re.compile(r"\b(?:between|from)\s+$", re.I)


def _merge_ranges(text: str, spans: list[DateSpan]) -> list[DateSpan]:
    """Join "November 2018 - February 2019", "from June to August", "between 14 July 2016 and
    late 2017" into one range."""
    out: list[DateSpan] = []
    for d in spans:
        prev = out[-1] if out else None
        if prev and prev.granularity != "relative" and d.granularity != "relative" \
                and prev.start <= d.end and not prev.text.lower().startswith("since"):
            jm = _JOIN.fullmatch(text, prev.span_end, d.span_start)
            fm = _FROM.search(text, max(0, prev.span_start - 10), prev.span_start)
            if jm and (fm or jm.group(0).strip() != "and"):
                s = fm.start() if fm else prev.span_start
                out[-1] = DateSpan(prev.start, d.end, "range", text[s:d.span_end], s, d.span_end)
                continue
        out.append(d)
    return out
