"""Extract numeric quantities (with hedging qualifiers and counted nouns) from text.

Spans are offsets into the input: ``text[q.start:q.end] == q.text``.  Judgement calls:
* A bare 4-digit integer 1900-2100 (no comma/decimal/suffix) is a *year* unless it counts a
  people/casualty noun ("2000 fighters", "over 1950 people") and is not preceded by a date
  word ("in", "since", "the", a month).  Event nouns are ambiguous ("the 2017 attacks") and
  stay years.  Year ranges ("2016-2017", "between 2014 and 2019") are left to dates.py.
* Not quantities: day numbers next to a month, ordinals ("24th"), document symbols
  ("S/2019/570"), numbers after resolution/para/No./page..., times ("22:31"), ages
  ("19-year-old"), compound adjectives ("30-day"), list markers, a lone "one" that counts
  nothing.  Vague plurals ("hundreds of", "dozens") are not extracted.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from assistant.verify import wordlists as wl

__all__ = ["Quantity", "extract_quantities", "parse_number", "lemma"]


@dataclass(frozen=True)
class Quantity:
    value: float
    low: float
    high: float
    qualifier: str
    counted: str
    counted_head: str
    is_percent: bool
    start: int
    end: int
    text: str


_SMALL = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen "
    "fourteen fifteen sixteen seventeen eighteen nineteen".split())}
_SMALL.update({w: 10 * (i + 2) for i, w in enumerate(
    "twenty thirty forty fifty sixty seventy eighty ninety".split())})
_SCALES = {"hundred": 100.0, "thousand": 1e3, "million": 1e6, "billion": 1e9}
_SUFFIX = {"k": 1e3, "m": 1e6, "mn": 1e6, "bn": 1e9}
_DIGSEP = re.compile(r"[,\u00a0\u202f\u2009]")
_FRACTIONS = {"half": 0.5, "third": 1 / 3, "thirds": 1 / 3, "quarter": 0.25, "quarters": 0.25}

_W = "|".join(sorted(list(_SMALL) + ["dozen"] + list(_SCALES), key=len, reverse=True))
NUMBER_WORDS_PATTERN = _W  # alternation of number words ("twenty", "dozen", "million"), for other modules
_TOKEN = re.compile(
    r"(?P<dig>(?<![\w.,])(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u202f\u2009]\d{3})+|\d+)"
    r"(?:\.\d+)?)"
    r"(?:(?P<suf>k|K|m|M|mn|bn)\b|\s+(?P<mult>hundred|thousand|million|billion)\b)?"
    rf"|(?P<words>\b(?:a\s+(?:dozen|hundred|thousand|million|billion)|(?:{_W}))"
    rf"(?:(?:\s+and\s+|\s+|-)(?:{_W}))*\b)",
    re.I,
)

# canonical qualifier -> phrases (compiled longest first; data/counting.yaml)
_QUALS = {q: "|".join(ps) for q, ps in wl.mapping("counting", "qualifiers", "list").items()}
_QUAL_OF = {p: q for q, ps in _QUALS.items() for p in ps.split("|")}
_QUAL_RE = re.compile(
    r"(?:^|(?<=[^\w.]))(?P<q>"
    + "|".join(re.escape(p) for p in sorted(_QUAL_OF, key=len, reverse=True)) + r")\s*$", re.I)
_BETWEEN_RE = re.compile(r"(?:^|(?<=\W))between\s+$", re.I)
_PERCENT_RE = re.compile(r"\s?(?:%|per\s?cent\b|percent\b|pct\b)", re.I)
_CURRENCY_RE = re.compile(r"(?:US\$|\$|€|£|USD\s|EUR\s)$")
_CURRENCY_NAME = {"$": "usd", "US$": "usd", "USD ": "usd", "€": "eur", "EUR ": "eur", "£": "gbp"}

_MONTHS = (r"(?:January|February|March|April|May|June|July|August|September|October|November|"
           r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_MONTH_BEFORE = re.compile(_MONTHS + r"\s+$")
_MONTH_AFTER = re.compile(r"(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"(?!\w)")
_DOC_BEFORE = re.compile(
    r"(?:^|(?<=\W))(?:resolutions?|para(?:graph)?s?\.?|articles?|art\.|no\.|nos\.|numbers?|#|"
    r"pages?|p\.|pp\.|annex(?:es)?|footnotes?|sections?|chapters?|rules?|vol(?:ume)?\.?|items?|"
    r"tables?|figures?|fig\.|flight|phase|step|level|version|issues?|edition|decisions?|"
    r"recommendations?|report)\s*$", re.I)
_DATE_WORD_BEFORE = re.compile(
    r"(?:^|(?<=\W))(?:the|in|since|during|until|till|by|from|before|after|early|late|mid|"
    r"end|through)[\s-]*$", re.I)
_TIME_AFTER = re.compile(r"\s*(?:a\.m\.|p\.m\.|am\b|pm\b|hrs\b|GMT\b|UTC\b|local time)", re.I)
_AGE_AFTER = re.compile(r"[\s-]*years?[\s-]+old|-year", re.I)
_AGE_BEFORE = re.compile(r"(?:^|(?<=\W))(?:aged|ages?(?:\s+of)?)\s+(?:between\s+|from\s+)?$", re.I)
_DURATION = re.compile(r"(?:past|last|next|previous|first|coming|recent)\s+$", re.I)
_TIME_UNIT = re.compile(r"\s+(?:years?|months?|weeks?|days?|decades?|hours?)\b", re.I)
_RATIO = re.compile(r"\s+(?:in|out\s+of)\s+")
_FRACTION_RE = re.compile(r"\b(?:(?P<n>a|one|two|three)[\s-]+)?(?P<frac>half|thirds?|quarters?)"
                          r"(?=\s+of\s+(?!(?:the\s+)?(?:19|20)\d\d\b))", re.I)
_NOT_FRACTION = re.compile(r"(?:first|second|latter|other|last|final|the|a)\s+$", re.I)
_CHANGE_VERB = re.compile(r"\b(?:rose|risen|rising|increas\w*|fell|fallen|decreas\w*|grew|grown|"
                          r"drop\w*|declin\w*|jump\w*|reduc\w*|doubl\w*|climb\w*)\s+from\s+$", re.I)

# The counted-noun word lists live in data/counting.yaml.
LEMMA: dict[str, str] = wl.mapping("counting", "lemmas")
PEOPLE_HEADS = frozenset(wl.words("counting", "people_heads"))

_BOUNDARY_WORDS = frozenset(wl.words("counting", "boundary_words"))
_ED_ADJECTIVES = frozenset(wl.words("counting", "ed_adjectives"))
_LEAD_SKIP = frozenset(wl.words("counting", "lead_skip"))
_CONJ_RE = re.compile(r"\s+and\s+(?:their\s+|his\s+|her\s+)?(?:dependants|dependents|families|"
                      r"family\s+members|children|wives|relatives)\b", re.I)
_ADJ_JOIN = re.compile(r"\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+")
_WORD_RE = re.compile(r"\s*([A-Za-z][A-Za-z'’\-]*)")
_BACK_TOLL = re.compile(r"\b(death|casualty|fatality|injury|arrest)\s+(?:toll|count)\b", re.I)
_BACK_NUMBER_OF = re.compile(r"\b(?:number|numbers|total|count|estimate|tally)\s+of\s+", re.I)
_INJURED_AFTER = re.compile(r"\s+(?:were\s+|was\s+)?(?:injured|wounded)\b", re.I)
_INJURED_BEFORE = re.compile(r"\b(?:injur|wound)\w*\s+(?:of\s+)?(?:some\s+|about\s+)?$", re.I)
_BACK_VERB = re.compile(r"\b(killed|killing|injured|injuring|wounded|wounding|arrested|"
                        r"dead|died)\b", re.I)


def lemma(word: str) -> str:
    """Singular lemma of a counted noun: 'fighters' -> 'fighter', 'people' -> 'person'."""
    w = re.sub(r"['’]s$", "", word.lower().strip("'’"))
    if w in LEMMA or len(w) <= 3 or not w.endswith("s") or w.endswith(("ss", "us", "is")):
        return LEMMA.get(w, w)
    if len(w) > 4 and w.endswith("ies"):
        return w[:-3] + "y"
    return w[:-2] if w.endswith(("sses", "shes", "ches", "xes")) else w[:-1]


def _words_value(words: list[str]) -> float | None:
    total, current, seen = 0.0, 0.0, False
    for i, w in enumerate(words):
        if w == "and" or (w == "a" and i == 0):
            current += 1.0 if w == "a" else 0.0
            seen = seen or w == "a"
            continue
        if w in _SMALL:
            current += _SMALL[w]
        elif w in ("hundred", "dozen"):
            current = (current or 1) * (100 if w == "hundred" else 12)
        elif w in _SCALES:
            total, current = total + (current or 1) * _SCALES[w], 0.0
        else:
            return None
        seen = True
    return total + current if seen else None


def parse_number(token: str) -> float | None:
    """Parse a number token: '30,000', '30k', '1.2 million', 'thirty thousand', 'a dozen',
    'two-thirds'.  Returns None when the token is not a number."""
    t = token.strip().lower().replace("’", "'")
    if not t:
        return None
    m = re.fullmatch(r"((?:\d{1,3}(?:[,\u00a0\u202f\u2009]\d{3})+|\d+)(?:\.\d+)?|\.\d+)"
                     r"\s*(k|m|mn|bn)?(?:\s*(hundred|thousand|million|billion))?", t)
    if m:
        return float(_DIGSEP.sub("", m.group(1))) * _SUFFIX.get(m.group(2) or "", 1.0) \
            * _SCALES.get(m.group(3) or "", 1.0)
    m = re.fullmatch(r"(a|one|two|three|four|\d+)[\s-]+(half|thirds?|quarters?)", t)
    if m:
        n = 1 if m.group(1) in ("a", "one") else _SMALL.get(m.group(1)) or float(m.group(1))
        return n * _FRACTIONS[m.group(2)]
    return 0.5 if t == "half" else _words_value(re.split(r"[\s-]+", t))


def _raw_tokens(text: str) -> list[dict]:
    toks = []
    for m in _TOKEN.finditer(text):
        dig, words = m.group("dig"), (m.group("words") or "").lower()
        if dig:
            suf, mult = (m.group("suf") or "").lower(), (m.group("mult") or "").lower()
            scale = _SUFFIX.get(suf) or _SCALES.get(mult, 1.0)
            if re.match(r"0\d", dig):
                continue                # "000" of "30 000", "04" of "2019-04"
            toks.append(dict(s=m.start(), e=m.end(), raw=float(_DIGSEP.sub("", dig)), scale=scale,
                             bare=scale == 1.0 and not re.search(r"\D", dig), words=False,
                             ndig=len(dig), lone_one=False))
        elif (v := _words_value(re.split(r"[\s-]+", words))) is not None:
            toks.append(dict(s=m.start(), e=m.end(), raw=v, scale=1.0, bare=False, words=True,
                             ndig=0, lone_one=words == "one"))
    return toks


def _counted_forward(text: str, pos: int) -> tuple[str, str, int]:
    """Noun phrase after ``pos``: returns (counted, head, end_offset)."""
    words: list[str] = []
    i, first, end = pos, -1, pos
    while len(words) < 6:
        if words and all(w in _ED_ADJECTIVES for w in words) and (j := _ADJ_JOIN.match(text, i)):
            i = j.end()                 # "205 foiled, failed and completed attacks"
        m = _WORD_RE.match(text, i)
        if not m:
            break
        lw = m.group(1).lower().strip("'’-")
        if first < 0 and lw in _LEAD_SKIP:
            i = m.end()
            continue
        if lw in _BOUNDARY_WORDS or (words and lw == "dead") or (
                lw.endswith("ed") and words and lw not in _ED_ADJECTIVES):
            break
        first = m.start(1) if first < 0 else first
        words.append(lw)
        i = end = m.end()
        if lw.endswith(("'s", "’s")):
            break
    if not words:
        return "", "", pos
    head = lemma(words[-1])
    cm = _CONJ_RE.match(text, end)
    end = cm.end() if cm else end
    return re.sub(r"\s+", " ", text[first:end].lower()), head, end


_BACK_HEAD: dict[str, str] = wl.mapping("counting", "back_head")


def _counted_backward(text: str, start: int) -> tuple[str, str]:
    """No noun after the number: "death toll of 359", "number of returnees ... was 425"."""
    window = re.split(r"[.;:!?]\s", text[max(0, start - 100):start])[-1]
    if m := _BACK_TOLL.search(window):
        return {"death": ("deaths", "death"), "casualty": ("casualties", "casualty"),
                "fatality": ("deaths", "death"), "injury": ("injured", "injured"),
                "arrest": ("arrests", "arrest")}[m.group(1).lower()]
    if ms := list(_BACK_NUMBER_OF.finditer(window)):
        counted, head, _ = _counted_forward(text, start - len(window) + ms[-1].end())
        if counted:
            return counted, head
    if vs := list(_BACK_VERB.finditer(window)):
        v = vs[-1].group(1).lower()
        return _BACK_HEAD.get(v, v), _BACK_HEAD.get(v, v)
    return "", ""


def _is_blocked(text: str, s: int, e: int, first: dict, last: dict) -> bool:
    before, after, prev1 = text[max(0, s - 40):s], text[e:e + 40], text[s - 1:s]
    prev2 = text[max(0, s - 2):s]
    line_start = text.rfind("\n", 0, s) + 1
    return bool(
        (prev1 and (prev1.isalpha() or prev1 in "/:#§_"))           # G20, S/2019/570
        or re.fullmatch(r"[A-Za-z0-9]-|\d[.:]", prev2)              # COVID-19, 21.04.2019
        or (after[:1].isalpha() and not last["words"])              # 24th, 10am, 3D
        or re.match(r"[/:.]\d|-[A-Za-z]", after)                    # 9/11, 22:31, 30-day
        or _TIME_AFTER.match(after) or _AGE_AFTER.match(after) or _AGE_BEFORE.search(before)
        or (_DURATION.search(before) and _TIME_UNIT.match(after))   # the past two years
        or (first["bare"] and _DOC_BEFORE.search(before))           # resolution 2178, para 12
        or (first["bare"] and prev1 == "(" and after[:1] == ")" and first["raw"] < 100)
        or (first["bare"] and not text[line_start:s].strip() and re.match(r"[.)]\s", after))
        or ((first["bare"] or first["words"]) and last["raw"] <= 31 and (   # 14 July, July 14
            _MONTH_BEFORE.search(text[max(0, s - 12):s]) or _MONTH_AFTER.match(text, e))))


def _year_like(tok: dict) -> bool:
    return tok["bare"] and tok["ndig"] == 4 and 1900 <= tok["raw"] <= 2100


def _low_of_range(a: dict, b: dict) -> float:
    """'between 1.2 and 1.5 million': the second token's multiplier applies to the first."""
    if a["scale"] == 1.0 and b["scale"] > 1.0 and a["raw"] <= b["raw"]:
        return a["raw"] * b["scale"]
    return a["raw"] * a["scale"]


def _groups(text: str, toks: list[dict]):
    """Yield (tokens, kind): kind "single"; "range" ("20,000-30,000", "between X and Y",
    "X to Y"); "ratio" ("1 in 5", "one out of ten" -> a percentage)."""
    i = 0
    while i < len(toks):
        a, group, kind = toks[i], [toks[i]], "single"
        if i + 1 < len(toks):
            b, joiner = toks[i + 1], text[toks[i]["e"]:toks[i + 1]["s"]]
            joined = bool(re.fullmatch(r"\s*[-–—]\s*", joiner)) or (
                bool(re.fullmatch(r"\s+to\s+", joiner))
                and not _CHANGE_VERB.search(text[max(0, a["s"] - 30):a["s"]])) or (
                bool(re.fullmatch(r"\s+and\s+", joiner))
                and bool(_BETWEEN_RE.search(text[max(0, a["s"] - 12):a["s"]])))
            dashed = bool(re.fullmatch(r"\s*[-–—]\s*", joiner))  # "2016-17" is a year range; "2016 to 81" is not
            if joined and _year_like(a) and (_year_like(b) or (b["bare"] and b["ndig"] == 2 and dashed)):
                group, kind = [a, b], "range"  # year range (dates.py handles it); dropped later
            elif joined and _low_of_range(a, b) < b["raw"] * b["scale"]:
                group, kind = [a, b], "range"
            elif _RATIO.fullmatch(joiner) and 0 < a["raw"] < b["raw"] and not _year_like(b) \
                    and a["scale"] == b["scale"] == 1.0:
                group, kind = [a, b], "ratio"
        i += len(group)
        yield group, kind


def _not_a_count(text: str, group: list[dict], kind: str, s: int, e: int, head: str,
                 pct: bool) -> bool:
    first, last = group[0], group[-1]
    if kind == "ratio":
        return False
    if kind == "range" and _year_like(first) and (_year_like(last) or last["ndig"] == 2):
        return True                     # 2014-2019, 2016-17
    if kind == "single" and _year_like(first) and not pct and (
            head not in PEOPLE_HEADS or _DATE_WORD_BEFORE.search(text[max(0, s - 12):s])
            or _MONTH_BEFORE.search(text[max(0, s - 12):s])):
        return True                     # a year ("in 2017", "2014 peak", "TE-SAT 2018")
    if first["bare"] and first["raw"] >= 1000 and not head and \
            re.search(r"resolution", re.split(r"[.;]\s", text[max(0, s - 80):s])[-1], re.I):
        return True                     # "resolutions 2170 (2014) and 2178 (2014)"
    return first["lone_one"] and (not head or bool(re.match(r"\s+of\b", text[e:])))


def extract_quantities(text: str) -> list[Quantity]:
    out: list[Quantity] = []
    fractions = _fractions(text)
    for group, kind in _groups(text, _raw_tokens(text)):
        first, last = group[0], group[-1]
        s, e = first["s"], last["e"]
        if _is_blocked(text, s, e, first, last) or any(f.start <= s < f.end for f in fractions):
            continue
        pm = _PERCENT_RE.match(text, e)
        e = pm.end() if pm else e
        counted, head, cend = _counted_forward(text, e)
        if head == "person" and (_INJURED_AFTER.match(text, cend) or _INJURED_BEFORE.search(
                text[max(0, s - 25):s])):
            head = "injured"            # "56 others injured", "injuring 14 people"
        if _not_a_count(text, group, kind, s, e, head, pm is not None):
            continue
        cm = _CURRENCY_RE.search(text[max(0, s - 4):s])
        if cm:
            s -= len(cm.group(0))
            cur = _CURRENCY_NAME.get(cm.group(0), "usd")
            counted, head = counted or cur, head or cur
        qualifier = "range" if kind == "range" else "exact"
        qm = (_BETWEEN_RE if kind == "range" else _QUAL_RE).search(text[max(0, s - 30):s])
        if qm:
            s = max(0, s - 30) + qm.start()
            qualifier = qualifier if kind == "range" else _QUAL_OF[qm.group("q").lower()]
            if qualifier == "at_least" and "minimum" in qm.group("q").lower() and head in ("year", "month"):
                qualifier = "exact"  # "a minimum of 25 years" is a sentence's minimum term, not a lower bound
        if not counted:
            counted, head = _counted_backward(text, s)
        if kind == "range":
            low, high = _low_of_range(first, last), last["raw"] * last["scale"]
            value = (low + high) / 2
        else:
            value = first["raw"] * first["scale"]
            value = round(100 * value / last["raw"], 6) if kind == "ratio" else value
            low, high = _bounds(qualifier, value)
        out.append(Quantity(value=value, low=low, high=high, qualifier=qualifier,
                            counted=counted, counted_head=head,
                            is_percent=pm is not None or kind == "ratio",
                            start=s, end=e, text=text[s:e]))
    return _inherit_counted(text, sorted(out + fractions, key=lambda q: q.start))


# A bare figure introduced as the other side of a comparison: "67 countries ..., down from a peak of 79".
_ELLIPTIC_BEFORE = re.compile(r"\b(?:from|to|with|against|than|of)\s*$", re.I)


def _inherit_counted(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """A figure with no counted noun that answers an earlier one in the same sentence counts the same thing:
    in "67 countries recorded a death in 2017, down from a peak of 79 in 2016", 79 counts countries."""
    out: list[Quantity] = []
    for q in quantities:
        # the nearest earlier figure of the same kind, not a lone "at least one death"
        prev = next((p for p in reversed(out) if p.is_percent == q.is_percent and p.value > 1), None)
        if not q.counted and prev is not None and prev.counted \
                and _ELLIPTIC_BEFORE.search(text[max(0, q.start - 30):q.start]) \
                and not re.search(r"[.;:]\s", text[prev.end:q.start]):
            q = replace(q, counted=prev.counted, counted_head=prev.counted_head)
        out.append(q)
    return out


def _fractions(text: str) -> list[Quantity]:
    """"half of", "a third of", "two-thirds of", "three quarters of" -> percentages."""
    out = []
    for m in _FRACTION_RE.finditer(text):
        s, e, n = m.start(), m.end(), (m.group("n") or "").lower()
        if not n and (m.group("frac").lower() != "half"
                      or _NOT_FRACTION.search(text[max(0, s - 10):s])):
            continue
        value = round(100 * (_SMALL.get(n) or 1) * _FRACTIONS[m.group("frac").lower()], 2)
        qm = _QUAL_RE.search(text[max(0, s - 30):s])
        qualifier = _QUAL_OF[qm.group("q").lower()] if qm else "exact"
        s = max(0, s - 30) + qm.start() if qm else s
        counted, head, _ = _counted_forward(text, e)
        low, high = _bounds(qualifier, value)
        out.append(Quantity(value, low, high, qualifier, counted, head, True, s, e, text[s:e]))
    return out


def _bounds(qualifier: str, v: float) -> tuple[float, float]:
    return {"about": (round(v * 0.9, 6), round(v * 1.1, 6)), "nearly": (round(v * 0.9, 6), v),
            "over": (v, math.inf), "at_least": (v, math.inf), "under": (0.0, v),
            "up_to": (0.0, v), "at_most": (0.0, v)}.get(qualifier, (v, v))
