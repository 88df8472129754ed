"""Claim extraction from an article: candidate claims with their spans, rewritten to stand alone.

Steps, all rule-based (no model):

1. Sentences from ``sentence_spans`` (offsets kept); a headline (a short first line with no final
   punctuation) is skipped.
2. An appositive relative clause about a named person ("Jean-Charles Brisard, who heads the French
   Centre ..., told RTL ...") becomes a claim of its own and is dropped from the main claim.
3. Compound sentences are split at ", and" / "and" / ", but" / ";" when both sides are clauses
   ("... in Nice and Barcelona, and ISIS claimed responsibility for all of these attacks" -> two
   claims); a coordinated verb phrase gets the subject copied ("commanders have fled Raqqa and made
   their way to Turkey" -> "... commanders made their way to Turkey"). Each part keeps its span.
4. Decontextualisation against the article date and the text before the claim: relative dates
   ("over the past year" -> "between August 2016 and August 2017"), bare months ("in April" ->
   "in April 2019"), "they"/"them" -> the most recent plural actor, "the country" / "the group" /
   "from there" -> the most recent country, armed group or place, "these attacks" -> "the attacks in
   <places of the previous part> <its dates>".
5. Check-worthiness (``assess``, in worthiness.py).
"""
from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from assistant.ingest.sentences import sentence_spans
from assistant.verify.dates import extract_dates
from assistant.verify import entities as _entities
from assistant.verify.entities import Mention, extract_mentions

from assistant.article.worthiness import assess, join_list

__all__ = ["Candidate", "extract_claims", "assess"]


@dataclass
class Candidate:
    start: int
    end: int
    quote: str
    claim: str
    kind: str = "factual"
    checkable: bool = True
    worthiness: float = 0.0
    reason: str = ""
    notes: list[str] = field(default_factory=list)


# --- vocabulary ------------------------------------------------------------------------------------------

_AUX = {"is", "are", "was", "were", "has", "have", "had", "will", "would", "can", "could", "should",
        "must", "may", "might", "did", "does", "do", "am", "been"}
_IRREGULAR = set("""made fled left took went came drove said told found began ran won held kept sent led
got gave struck hit became saw knew brought thought put set stood fell lost met paid built fought caught
spent sold bought taught wrote rode broke spoke chose stole shot blew threw flew grew slipped""".split())
_PRESENT = set("""claims kills says estimates warns threatens notes reports attacks remains holds shows
finds heads leads runs calls believes thinks puts counts describes lists records puts gives makes takes
denies confirms admits returns joins falls""".split())
_NOT_VERBS = {"armed", "alleged", "suspected", "based", "related", "linked", "organised", "organized",
              "united", "red", "bed", "need", "speed", "seed", "feed", "hundred", "indeed", "sacred",
              "kindred", "naked", "wicked", "dead", "ahead", "instead", "thread", "bread", "spread"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_PLURAL_AGENT = (r"commanders|fighters|militants|extremists|terrorists|jihadists|foreigners|members|"
                 r"leaders|soldiers|forces|officials|authorities|attackers|bombers|supporters|"
                 r"returnees|recruits|operatives|insurgents|gunmen|rebels|troops|police|suspects|men|"
                 r"individuals")
_AGENT_NP = re.compile(
    r"(?<![\w-])(?:(?:the|these|those)\s+)?(?:(?:[\d][\d,.]*|two|three|four|five|six|seven|eight|nine|ten|"
    r"dozens\s+of|hundreds\s+of|thousands\s+of)\s+)?(?:(?:[A-Z][\w'’-]*|senior|foreign|local|"
    r"former|so-called|armed|returning|Islamist|jihadist|young)\s+){0,3}(?:" + _PLURAL_AGENT + r")\b"
    r"|(?<![\w-])(?:the\s+)?(?:Syrians|Iraqis|Kurds|Americans|Russians|Turks|Europeans)\b")
_BLOCKING_PLURAL = re.compile(r"\b(?:" + _PLURAL_AGENT + r"|people|Syrians|Iraqis|Kurds|Americans|"
                              r"Russians|Turks|Europeans|civilians|victims|children|women|men|"
                              r"families|dependants|dependents)\b")
# country canonical id -> (name patterns, demonyms); private in entities.py, so read defensively
_COUNTRIES: dict[str, tuple[list[str], list[str]]] = getattr(_entities, "_COUNTRIES", {})
_GROUPS = {"isis", "isis-k", "iswap", "al-qaida", "aqap", "aqim", "hts", "al-nusra", "al-shabaab",
           "boko-haram", "taliban", "ntj", "jmi"}

_CONJ = re.compile(r",\s+(?:and|but)\s+|;\s+|\s+and\s+|\s+but\s+")
_REPORTING_THAT = re.compile(r"\b(?:said|says|noted|notes|told|tells|found|finds|warned|warns|estimated|"
                             r"estimates|reported|reports|stated|states|believes?|thinks?|argued|argues)"
                             r"\b[^.]*?\bthat\b", re.I)
_SUBORDINATE = re.compile(r"(?:As|While|When|Whilst|After|Before|Although|Though|Because|Since|If|Once|"
                          r"Even\s+though|Despite|Now\s+that|Until)\b")
_RELATIVE = re.compile(r"\b(?:who|which|whom|whose|that)\s*$", re.I)
_APPOSITIVE = re.compile(r"(?P<name>(?:[A-Z][\w'’.-]*\s+){0,3}[A-Z][\w'’.-]*),\s+who\s+(?P<clause>[^,.;]{4,}?),")

# --- small helpers -----------------------------------------------------------------------------------------

def _is_verb(word: str) -> bool:
    w = word.lower().replace("’", "'")
    if word[0].isupper() and w not in _AUX:
        return False
    if w in _AUX or w in _IRREGULAR or w in _PRESENT:
        return True
    return w.endswith("ed") and len(w) > 3 and "-" not in w and w not in _NOT_VERBS


def _first_verb(text: str) -> re.Match | None:
    for m in _WORD.finditer(text):
        if _is_verb(m.group(0)):
            return m
    return None


def _trim(text: str, s: int, e: int, chars: str = " \t\n,;:") -> tuple[int, int]:
    while s < e and text[s] in chars:
        s += 1
    while e > s and text[e - 1] in chars:
        e -= 1
    return s, e


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


def _date_phrase(start: dt.date, end: dt.date, granularity: str) -> str:
    """"in 2016", "in July 2017", "between August 2016 and August 2017", "between 3 and 20 May 2017"."""
    full_year = start == dt.date(start.year, 1, 1) and end == dt.date(start.year, 12, 31)
    if full_year:
        return f"in {start.year}"
    month_end = calendar.monthrange(end.year, end.month)[1]
    if start.year == end.year and start.month == end.month and start.day == 1 and end.day == month_end:
        return f"in {calendar.month_name[start.month]} {start.year}"
    if (end - start).days < 62:
        return f"between {start.day} {calendar.month_name[start.month]} {start.year} and " \
               f"{end.day} {calendar.month_name[end.month]} {end.year}"
    return f"between {calendar.month_name[start.month]} {start.year} and {calendar.month_name[end.month]} {end.year}"


# --- the article context: what earlier text mentions ---------------------------------------------------------

class _Context:
    def __init__(self, text: str, reference: dt.date | None) -> None:
        self.text = text
        self.reference = reference
        self.mentions: list[Mention] = extract_mentions(text)
        self.agents = [(m.start(), m.end(), m.group(0)) for m in _AGENT_NP.finditer(text)]

    def last_agent(self, before: int) -> str | None:
        found = [a for a in self.agents if a[1] <= before]
        return found[-1][2] if found else None

    def last_mention(self, before: int, pred) -> Mention | None:
        found = [m for m in self.mentions if m.end <= before and pred(m)]
        return found[-1] if found else None


@dataclass
class _Rewrite:
    text: str
    date_phrase: str = ""
    places: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def _rewrite(ctx: _Context, start: int, end: int, sentence_start: int, prev: _Rewrite | None = None,
             drop: tuple[int, int] | None = None) -> _Rewrite:
    """The text of [start, end) made self-contained; offsets are into the article."""
    if drop and start <= drop[0] and drop[1] <= end:
        a = _rewrite(ctx, start, drop[0], sentence_start, prev)
        b = _rewrite(ctx, drop[1], end, sentence_start, prev)
        return _Rewrite(a.text.rstrip() + " " + b.text.lstrip(), a.date_phrase or b.date_phrase,
                        a.places + b.places, a.notes + b.notes)
    text = ctx.text
    seg = text[start:end]
    edits: list[tuple[int, int, str]] = []  # (local start, local end, replacement)
    notes: list[str] = []
    date_phrase = ""

    # dates: relative phrases and yearless months/days, resolved against the article date
    if ctx.reference is not None:
        for d in extract_dates(seg, ctx.reference):
            if d.granularity == "relative":
                phrase = _date_phrase(d.start, d.end, "relative")
                s = d.span_start
                lead = re.search(r"\b(?:in|during|over|within)\s+$", seg[:s], re.I)
                if lead and not re.match(r"(?:in|during|over|within)\b", d.text, re.I):
                    s = lead.start()
                edits.append((s, d.span_end, phrase))
                date_phrase = phrase
                notes.append(f"'{d.text}' read as {phrase}")
            elif d.granularity in ("month", "day") and not re.search(r"\d{4}", d.text) and \
                    re.search(r"[A-Z][a-z]+", d.text) and not re.search(r"Easter|Christmas", d.text):
                edits.append((d.span_end, d.span_end, f" {d.end.year}"))
                date_phrase = f"in {d.text} {d.end.year}"
                notes.append(f"'{d.text}' read as {d.text} {d.end.year}")
            elif d.granularity != "relative":
                date_phrase = date_phrase or ("in " + d.text if not re.match(r"(?i)in|between|from|since",
                                                                             d.text) else d.text)

    # they / them -> the most recent plural actor, unless the sentence itself names one before the pronoun
    for m in re.finditer(r"\b(?:[Tt]hey|them)\b", seg):
        pos = start + m.start()
        if _BLOCKING_PLURAL.search(text, sentence_start, pos) or _AGENT_NP.search(text[sentence_start:pos]):
            continue
        ante = ctx.last_agent(sentence_start)
        if ante is None:  # no plural actor yet: an armed group named earlier ("ISIS ... They claimed")
            group = ctx.last_mention(sentence_start, lambda x: x.kind == "actor" and x.canonical in _GROUPS)
            ante = group.text if group else None
        if ante:
            ante = re.sub(r"^(?:These|Those|these|those|The)\s+", "the ", ante)
            if re.search(r"\bof\s+$", seg[:m.start()]) and not ante.startswith("the "):
                ante = "the " + ante  # "many of them" -> "many of the 30,000 foreign fighters"
            edits.append((m.start(), m.end(), ante))
            notes.append(f"'{m.group(0)}' read as '{ante}'")

    # the country / the group / from there
    for m in re.finditer(r"\b[Tt]he\s+(country|group|organisation|organization)\b", seg):
        pos = start + m.start()
        if m.group(1) == "country":
            ment = ctx.last_mention(pos, lambda x: x.canonical in _COUNTRIES and not x.text.endswith("ns"))
        else:
            ment = ctx.last_mention(pos, lambda x: x.kind == "actor" and x.canonical in _GROUPS)
        if ment:
            name = ment.text
            if ment.canonical in _COUNTRIES:
                name = next((n for n in re.findall(r"[A-Z][\w ]+", _COUNTRIES[ment.canonical][0][0])), name)
            edits.append((m.start(), m.end(), name))
            notes.append(f"'{m.group(0)}' read as '{name}'")
    for m in re.finditer(r"\b(from|in|to|out\s+of)\s+there\b", seg, re.I):
        ment = ctx.last_mention(start + m.start(), lambda x: x.kind == "place")
        if ment:
            edits.append((m.start(), m.end(), f"{m.group(1)} {ment.text}"))
            notes.append(f"'there' read as '{ment.text}'")

    # these attacks / all of them -> the attacks of the previous part of the sentence
    if prev is not None and (prev.places or prev.date_phrase):
        m = re.search(r"\b(?:these|those)\s+(attacks|incidents|killings|bombings|events|plots|assaults)\b"
                      r"|\ball\s+of\s+(them)\b", seg)
        if m:
            noun = m.group(1) or "the attacks"
            desc = ("the " + noun if m.group(1) else noun)
            if prev.places:
                desc += " in " + join_list(prev.places)
            if prev.date_phrase and not date_phrase:
                desc += " " + prev.date_phrase
            if m.group(2):
                desc = "all of " + desc
                edits.append((m.start(), m.end(), desc))
            else:
                edits.append((m.start(), m.end(), desc))
            notes.append(f"'{m.group(0)}' read as '{desc}'")

    out, cursor = [], 0
    for s, e, rep in sorted(edits, key=lambda x: (x[0], x[1])):
        if s < cursor:
            continue
        out.append(seg[cursor:s])
        out.append(rep)
        cursor = e
    out.append(seg[cursor:])
    new = "".join(out)
    places: list[str] = []
    for mm in extract_mentions(seg):
        if mm.kind == "place" and mm.canonical not in _COUNTRIES and mm.text not in places:
            places.append(mm.text)
    if not places:
        places = [mm.text for mm in extract_mentions(seg) if mm.kind == "place"][:4]
    return _Rewrite(new, date_phrase, places, notes)


_CLEFT = re.compile(r"^(?:It|it)\s+(?:is|was)\s+(?P<who>.+?)\s+(?:who|that)\s+(?P<rest>.+)$")


def _clean_claim(s: str) -> str:
    s = " ".join(s.split())
    m = _CLEFT.match(s)
    if m and len(m.group("who").split()) <= 12:  # "It is the Syrians ... who kill" -> "The Syrians ... kill"
        who = m.group("who")
        s = f"{who if who.count(',') >= 2 else who.rstrip(',')} {m.group('rest')}"
    s = s.strip(" ,;:")
    s = re.sub(r"[.!]+['\"”’)]*$", "", s).strip()
    return _cap(s)


# --- splitting --------------------------------------------------------------------------------------------------

def _subject(text: str, s: int, e: int) -> tuple[int, int] | None:
    """The subject of the clause text[s:e]: the words before its first verb, after a leading
    subordinate clause ("As the caliphate falls apart, senior ISIS commanders have ..." -> "senior ISIS
    commanders")."""
    seg = text[s:e]
    lead = 0
    sub = _SUBORDINATE.match(seg)
    if sub and "," in seg:
        lead = seg.index(",") + 1
    v = _first_verb(seg[lead:])
    if v is None:
        return None
    vs = lead + v.start()
    comma = seg.rfind(",", 0, vs)
    a = comma + 1 if comma >= 0 else 0
    a, b = _trim(seg, a, vs)
    subj = seg[a:b]
    if not subj or len(subj.split()) > 6 or re.fullmatch(r"(?i)it|there|this|that|which|who", subj):
        return None
    if re.search(r"\b(?:who|which|that)\b", seg[vs:], re.I):
        return None
    return s + a, s + b


def _split(text: str, s: int, e: int) -> list[tuple[int, int, tuple[int, int] | None]]:
    """Parts of the sentence text[s:e]: (start, end, subject span to copy or None)."""
    parts: list[tuple[int, int, tuple[int, int] | None]] = []
    seg_start, seg_subject = s, None
    sentence = text[s:e]
    for m in _CONJ.finditer(sentence):
        cs, ce = s + m.start(), s + m.end()
        left = text[seg_start:cs]
        right = text[ce:e]
        if len(left.split()) < 3 or len(right.split()) < 3:
            continue
        if _REPORTING_THAT.search(text[s:cs]):
            break  # "X said that A and B": keep the attribution with both halves
        if _first_verb(left) is None and seg_subject is None:
            continue
        v = _first_verb(right)
        if v is None:
            continue
        pre = right[:v.start()]
        if re.search(r"\band\b|,", pre) or _RELATIVE.search(pre) or len(pre.split()) > 8:
            continue
        if not pre.strip():  # coordinated verb phrase: copy the subject
            if re.search(r"\b(?:who|which)\b", text[seg_start:cs], re.I):
                continue
            if not (v.group(0).lower().endswith("ed") or v.group(0).lower() in _IRREGULAR | _AUX | _PRESENT):
                continue
            subj = seg_subject or _subject(text, seg_start, cs)
            if subj is None:
                continue
        else:
            subj = None
            if not _is_verb(v.group(0)) or re.fullmatch(r"\s*(?:to|not)\s*", pre):
                continue
        a, b = _trim(text, seg_start, cs)
        parts.append((a, b, seg_subject))
        seg_start, seg_subject = ce, subj
    a, b = _trim(text, seg_start, e, " \t\n,;:")
    parts.append((a, b, seg_subject))
    return parts


# --- the whole article -------------------------------------------------------------------------------------------

def _is_headline(text: str, s: int, e: int) -> bool:
    line_start = text.rfind("\n", 0, s) + 1
    line_end = text.find("\n", e)
    line_end = len(text) if line_end < 0 else line_end
    line = text[line_start:line_end].strip()
    return (line == text[s:e].strip() and not re.search(r"[.!?:;\"”’)]$", line)
            and len(line.split()) <= 20)


def extract_claims(text: str, reference: dt.date | None = None) -> list[Candidate]:
    """Candidate claims in article order, each with its span, rewritten claim and check-worthiness."""
    ctx = _Context(text, reference)
    out: list[Candidate] = []
    last: _Rewrite | None = None  # the previous claim's context, for "these attacks" in the next sentence
    for s, e in sentence_spans(text):
        if _is_headline(text, s, e) or not re.search(r"[A-Za-z]{2,}", text[s:e]):
            continue
        sentence = text[s:e]
        drop = None
        app = _APPOSITIVE.search(sentence)
        if app and not re.match(r"(?:The|A|An|In|On)$", app.group("name")):
            ns, ce = s + app.start("name"), s + app.end("clause")
            rw = _rewrite(ctx, s + app.start("clause"), ce, s)
            claim = _clean_claim(f"{app.group('name')} {rw.text}")
            out.append(Candidate(ns, ce, text[ns:ce], claim, notes=rw.notes))
            drop = (s + app.end("name"), s + app.end())
        prev: _Rewrite | None = last
        for ps, pe, subj in _split(text, s, e):
            if pe <= ps:
                continue
            rw = _rewrite(ctx, ps, pe, s, prev, drop)
            claim_text = rw.text
            if subj is not None:
                srw = _rewrite(ctx, subj[0], subj[1], s)
                claim_text = srw.text + " " + claim_text
            claim = _clean_claim(claim_text)
            if not re.search(r"[A-Za-z]{2,}", claim):
                continue
            out.append(Candidate(ps, pe, text[ps:pe], claim, notes=rw.notes))
            prev = last = rw
        for c in out:
            if c.start >= s and not c.reason:
                c.kind, c.checkable, c.worthiness, c.reason = assess(c.claim, c.quote, sentence, reference)
    out.sort(key=lambda c: (c.start, c.end))
    return out
