"""Cue words and phrases of evidence sentences, and the small readers that apply them.

What a fact-checker scans a sentence for before weighing it: caveats ("not the number", "revised"), early and
final figures, exceptions to "all", claims of direction and what sources say of the link, denials of an actor,
ordinals, rankings of groups and years, acquittals, reporting bodies, quoted misreports. stance.py decides with
them; nothing here looks at a claim's verdict.
"""
from __future__ import annotations

import re

from assistant.verify import wordlists as wl
from assistant.verify.entities import _COUNTRIES, STATE_ACTORS, extract_mentions
from assistant.verify.event_scope import EDITION_BEFORE, GENERIC, anchor_coverage, expand_places
from assistant.verify.trend import peak_years

# A source that says its figures differ from another's for a reason that leaves both valid (editions,
# databases, definitions, counting rules): the mark of a conflict rather than an error.
RESTATED = re.compile(r"\b(" + wl.alternation("cues", "restated") + r")\b", re.I)
# A source that corrects an earlier figure: the earlier one is wrong, not a rival.
CORRECTED = re.compile(r"\b(" + wl.alternation("cues", "corrected") + r")\b", re.I)
# Phrases with which a source qualifies a figure or a statement (the claim leaves this context out).
# (a rate per head is not an absolute number)
CAVEAT = re.compile(r"\b(" + wl.alternation("cues", "caveat") + r")\b", re.I)
# An early figure later superseded: applies wherever it sits in the clause.
EARLY = re.compile(r"\b(" + wl.alternation("cues", "early") + r")\b", re.I)
FINAL = re.compile(r"\bfinal (?:death )?(?:toll|count|figure)[^.;]{0,50}$"  # "brought the final toll ... to 86"
                   r"|\b(?:rose|climbed|grew|increased|went up)\b[^.;]{0,60}\bto\s*$", re.I)  # "rose from 2 ... to 5"
EXCEPTION = re.compile(r"\b(" + wl.alternation("cues", "exception") + r")\b", re.I)  # "nearly all", "mostly": not all
# Claims that a group directed or stood behind an act (not merely claimed it), and what sources say of the link.
DIRECTION = re.compile(r"\b(" + wl.alternation("cues", "direction") + r")\b", re.I)
LINK_REJECTED = re.compile(r"\b(" + wl.alternation("cues", "link_rejected") + r")\b", re.I)
LINK_UNPROVEN = re.compile(r"\b(" + wl.alternation("cues", "link_unproven") + r")\b", re.I)
# An actor named only to be set aside: "fell to the SDF, not to the Syrian government", "rather than by ISIS".
DENIED_BEFORE = re.compile(r"\b(?:not|rather than|instead of)\s+(?:(?:to|by|from|for|with|"
                           r"the work of|on behalf of)\s+)?(?:the\s+)?$", re.I)
# ...or named as the subject of a denial: "the Syrian government was not a party to it".
DENIED_AFTER = re.compile(r"^\s+(?:was|were|had|has|did)\s+(?:not|never)\b", re.I)
# An ordinal and the noun it ranks: "the fifth anniversary", "its 3rd edition".
ORDINAL = re.compile(r"\b(" + wl.alternation("cues", "ordinals") + r"|\d+(?:st|nd|rd|th))[\s-]+"
                     r"([a-z]{4,})\b", re.I)
# A figure the source reports only as someone's inflated number: "inflating the toll to 30 dead".
INFLATED_TO = re.compile(r"\b(?:" + wl.alternation("cues", "inflated") + r")\w*\b[^.;]{0,30}\bto\s*$", re.I)
# Feast days name a date, not an event: a sentence sharing only "Christmas" with the claim is about another event.
FEAST_DAYS = set(wl.words("cues", "feast_days"))
# Boundaries of the clauses of a sentence that may speak of different events or places.
CLAUSE_SPLIT = re.compile(r";|\.\s|,? while |,? whereas |, but ", re.I)
# The opposite of a conviction, said of a named defendant: "X and Y were acquitted".
ACQUITTED = re.compile(r"\b(?:" + wl.alternation("cues", "acquitted") + r")\b", re.I)
# A place word that names who reports or counts, not where ("Belgian broadcaster VRT", "how UK data are counted").
# (mastheads too: "the Irish Times")
REPORTING_BODY = re.compile(r"^(?:['’]s)?\s+(?:[\w'’-]+\s+){0,2}?(?:"
                            + wl.alternation("cues", "reporting_bodies") + r")\b", re.I)
# An actor ranked first: "named ISIL the deadliest", "the Taliban were the world's deadliest", "ranked the Taliban first".
RANKED_AFTER = re.compile(r"^(?:['’]s?)?\s+(?:and its affiliates\s+)?(?:(?:was|were|remained|is|are|has been|have been|"
                          r"became)\s+(?:already\s+|still\s+)?)?(?:as\s+)?(?:the\s+)?(?:world['’]s\s+)?(deadliest|first)\b", re.I)
# The years a ranking is for: "deadliest group of 2018", "first for 2018 and 2019".
YEAR_AFTER = re.compile(r"^[^;.]{0,40}?\b((?:19|20)\d\d(?:(?:,\s*|\s+and\s+|\s+or\s+)(?:19|20)\d\d)*)\b")
# A year ranked among years: "2015 was the second deadliest year", "treats 2015, not 2014, as the peak year".
YEAR_RANK = re.compile(r"^[^.;]{0,40}?\b(?:(second|third|fourth|fifth)[\s-]+)?(?:deadliest|worst|peak)\s+year", re.I)
ORDINAL_RANK: dict[str, int] = wl.mapping("cues", "ordinal_rank", "int")


def year_ranks(text: str, peaks: bool = True) -> dict[int, int]:
    """Years the text ranks among years (1 for the deadliest or peak year); with peaks, "the 2014 peak" too."""
    ranks = {}
    for m in re.finditer(r"\b(?:19|20)\d\d\b", text):
        r = YEAR_RANK.match(text[m.end():])
        if r and not EDITION_BEFORE.search(text[:m.start()]) and not re.search(r"\bnot\s+$", text[:m.start()]):
            ranks.setdefault(int(m.group(0)), ORDINAL_RANK.get((r.group(1) or "").lower(), 1))
    return {**{y: 1 for y in (peak_years(text) if peaks else ())}, **ranks}


def ranked_actors(text: str, actors) -> dict[str, set[int]]:
    """Actors the text ranks first ("named ISIL the deadliest terrorist group of 2015"), with the years the
    ranking is for (the first year written after it, if any)."""
    out: dict[str, set[int]] = {}
    for m in actors:
        r = RANKED_AFTER.match(text[m.end:m.end + 60])
        if r and not text[:m.start].count('"') % 2:  # a quoted statement ("ISIS is the deadliest") is not a ranking
            y = YEAR_AFTER.match(text[m.end + r.end():])
            out.setdefault(m.canonical, set()).update(int(v) for v in re.findall(r"\d{4}", y.group(1) if y else ""))
    return out


def reporter_places(text: str, places, claim_places: set[str]) -> set[str]:
    """Places other than the claim's that the sentence names only as the nationality of a reporting body or
    data ("Belgian broadcaster VRT instead reported 17 foiled in France"): they do not scope its figures."""
    reporting, located = set(), set()
    for m in places:
        (reporting if REPORTING_BODY.match(text[m.end:m.end + 40]) else located).add(m.canonical)
    return reporting - located - expand_places(claim_places)


def acquitted_near(text: str, names: set[str]) -> bool:
    """The sentence says one of the claim's named people was acquitted or cleared (within a few words)."""
    low = text.lower()
    spots = [m.end() for n in names for m in re.finditer(r"\b" + re.escape(n), low)]
    return any(ACQUITTED.search(low[p:p + 40]) for p in spots)


def other_ordinal(claim: str, sentence: str) -> str:
    """The sentence's ordinal phrase for a noun the claim ranks differently ("fourth anniversary"); '' if none."""
    claimed = {(n.lower(), o.lower()) for o, n in ORDINAL.findall(claim)}
    nouns = {n for n, _ in claimed}
    for m in ORDINAL.finditer(sentence):
        noun, rank = m.group(2).lower(), m.group(1).lower()
        if noun in nouns and (noun, rank) not in claimed:
            return m.group(0)
    return ""


def denied_actors(text: str, actors) -> set[str]:
    """Actors that a sentence names only in a denial ("not by the Syrian government", "ISIS had not said")."""
    denied, affirmed = set(), set()
    for m in actors:
        before = text[max(0, m.start - 45):m.start]
        hit = DENIED_BEFORE.search(before) or DENIED_AFTER.match(text[m.end:m.end + 20])
        (denied if hit else affirmed).add(m.canonical)
    return {STATE_ACTORS.get(c, c) for c in denied - affirmed} | (denied - affirmed)


# Words a claim may use for a caveat's own word: a claim that the ISIS claim was "fake" already says it was false.
SAME_SENSE = {k: tuple(v) for k, v in wl.mapping("cues", "same_sense", "list").items()}


def claim_states(caveat: str, claim_text: str) -> bool:
    """The claim itself makes the qualification ("false claims" against a claim that the claim was fake)."""
    low = claim_text.lower()
    head = re.sub(r"ly$", "", caveat.split()[0].lower())
    return caveat.lower() in low or any(re.search(r"\b" + w + r"\b", low) for w in SAME_SENSE.get(head, ()))


def caveat_on(text: str, figure, claim_text: str) -> bool:
    """A qualifying phrase that the claim does not itself make, after the figure it qualifies (if one is given).
    A figure given as the final toll is never qualified."""
    if figure is not None and FINAL.search(text[:figure.start]):
        return False
    for m in CAVEAT.finditer(text):
        if claim_states(m.group(0), claim_text):
            continue
        if figure is None or (figure.start - 40 <= m.start() <= figure.end + 200) or text.startswith("Context:"):
            return True
    if figure is not None:
        for m in EARLY.finditer(text):
            if m.group(0).lower() not in claim_text.lower() and abs(m.start() - figure.start) <= 150:
                return True
    return False


# A part of a figure given for a named place or site: "130 ..., and about 90 of them died at the Bataclan".
PART_OF = re.compile(r"\b(?:about |some |nearly |almost |at least )?[\d,]+ (?:of them|of whom)\b([^.;]{0,50})", re.I)


def part_named(text: str, figure, names: set[str]) -> bool:
    """The sentence splits the figure and names the claim's place or site only for a part of it."""
    m = PART_OF.search(text, figure.end, figure.end + 80)
    if m is None:
        return False
    low_part, low_lead = m.group(1).lower(), text[max(0, figure.start - 80):figure.end].lower()
    return any(re.search(r"\b" + re.escape(n), low_part) and not re.search(r"\b" + re.escape(n), low_lead)
               for n in names)


def rejected_quote(text: str, q) -> bool:
    """A figure inside a quoted wording the sentence qualifies ('Claims that "60 ISIS fighters returned"
    overstate ...') is the wording rejected, not a figure the source gives (misreading() judges claims that repeat it)."""
    before = text[:q.start]
    if COMPARED_WITH.search(before):
        return True  # "much more than the few dozen fighters the SDF had said": another's figure, set against
    quoted = before.count('"') % 2 == 1 or before.count("“") > before.count("”")
    return quoted and bool(CAVEAT.search(text))


# A figure the sentence measures its own against ("more than the few dozen", "far fewer than the 200"): with
# "the", a comparison with a known figure, not a bound ("more than 400")
COMPARED_WITH = re.compile(r"\b(?:more|fewer|less|higher|lower|greater|larger|smaller) than the\s+(?:few\s+|some\s+)?$", re.I)


# A name: capitalised words, with Arabic-style particles inside ("Abu Bakr al-Baghdadi", "James Foley")
_NAME = r"(?:[A-Z][\w'’-]*|(?:al|el|bin|ibn)-[A-Z][\w'’-]*)(?:\s+(?:[A-Z][\w'’-]*|(?:al|el|bin|ibn)-[A-Z][\w'’-]*))*"
NAME_SPAN = re.compile(_NAME)
# Two lowercase words right before a name, the frame it fills: "named after [James Foley]", "flew to [Syria]"
FRAME_BEFORE = re.compile(r"\b([a-z]+)\s+([a-z]+)\s+$")
# What may sit between a frame and its filler in a source: "allegiance to the then ISIS leader, [Abu Ibrahim]"
FILLER_GAP = r"(?:the|a|an|then|[a-z]+,?)?\s*"
# Words too common to mark a frame on their own ("of the", "in a")
_FRAME_STOP = set(wl.words("cues", "frame_stop"))
# Regions that hold countries: "attacks in Europe" is a wider scope than "attacks in Britain", not another place
REGIONS = set(wl.words("places", "regions"))
# Words that end a frame and open a noun phrase: "claimed the [Pulse] massacre" frames the event, not a slot
_DETERMINERS = set(wl.words("cues", "determiners"))


def _name_key(name: str) -> str:
    """The distinctive part of a name: its last capitalised word or word-part ("al-Baghdadi" -> "baghdadi",
    "SDF-run" -> "sdf")."""
    parts = [p for p in re.split(r"[\s-]+", re.sub(r"['’]s?$", "", name)) if p[:1].isupper()]
    return (parts[-1] if parts else name).lower()


def swapped_filler(claim: str, sentence: str) -> tuple[str, str] | None:
    """A name the claim puts in a frame ("named after James Foley", "flew to Syria") that the sentence fills
    with another name ("named after Kayla Mueller", "flew to Libya"), the claim's name absent from it:
    (claim's name, sentence's name), or None. The same slot of the same event given another value."""
    low_claim = claim.lower()
    for m in NAME_SPAN.finditer(claim):
        frame = FRAME_BEFORE.search(claim[max(0, m.start() - 40):m.start()])
        if not frame:
            continue
        w1, w2 = frame.group(1), frame.group(2)
        if w2 in _DETERMINERS or not any(len(w) >= 4 and w not in _FRAME_STOP | GENERIC for w in (w1, w2)):
            continue  # "of the [X]", "claimed the [X] attack", "attacks in [X]": no slot of its own
        name = m.group(0)
        if anchor_coverage({_name_key(name)}, sentence) > 0:
            continue  # the sentence names the claim's filler too (or its initials)
        found = re.search(rf"\b{w1}\s+{w2}\s+((?:{FILLER_GAP}){{0,4}})({_NAME})", sentence)
        if not found:
            continue
        other = found.group(2)
        if any(w.lower() in low_claim for w in re.findall(r"[\w-]{3,}", other)):
            continue  # a filler the claim itself names is no rival value
        mine, theirs = extract_mentions(name), extract_mentions(other)
        if {x.canonical for x in mine} & {x.canonical for x in theirs}:
            continue  # two names of one thing ("ISIS", "ISIL")
        if expand_places({x.canonical for x in mine}) & expand_places({x.canonical for x in theirs}) \
                or {x.canonical for x in mine + theirs} & REGIONS:
            continue  # a place and one inside it ("Britain", "Europe"): no rival value
        return name, other
    return _swapped_modifier(claim, sentence)


# A country or nationality word right before a lowercase noun it qualifies: "[German] police", "[Syrian] asylum"
# (not a possessive: "Austria's rate" and "Belgium's rate" are two things, not two values of one)
_MODIFIER = re.compile(rf"({_NAME})(?<!['’]s)\s+([a-z]{{4,}})\b")


# Nationality words ("German", "Iraqi"): a place's own name before a noun names an event ("the Nice truck attack")
_DEMONYMS = {d.lower() for _names, dems in _COUNTRIES.values() for d in dems}


def _countries(name: str) -> set[str]:
    """The country a nationality word names; empty for anything else."""
    return {m.canonical for m in extract_mentions(name) if m.kind == "place"} if name.lower() in _DEMONYMS else set()


def swapped_modifier_pairs(claim: str, sentence: str):
    """(claim's word, sentence's word) for each noun the claim qualifies with a country or nationality ("shot by
    German police") that the sentence qualifies with another one ("shot by Italian police"), the claim's
    country absent from the sentence."""
    for m in _MODIFIER.finditer(claim):
        name, noun = m.group(1), m.group(2)
        mine = _countries(name)
        if not mine or noun in _FRAME_STOP or \
                expand_places(mine) & {x.canonical for x in extract_mentions(sentence)}:
            continue
        for found in re.finditer(rf"({_NAME})(?<!['’]s)\s+{noun}\b", sentence):
            theirs = _countries(found.group(1))
            if theirs and not expand_places(mine) & expand_places(theirs) and not (mine | theirs) & REGIONS:
                yield name, found.group(1)


def _swapped_modifier(claim: str, sentence: str) -> tuple[str, str] | None:
    return next(swapped_modifier_pairs(claim, sentence), None) or _swapped_leader(claim, sentence)


# A superlative that ranks one place first: "France had the most ...", "Burkina Faso had the largest increase"
SUPERLATIVE = re.compile(r"\b(?:the\s+)?(?:" + wl.alternation("cues", "superlatives") + r")\b", re.I)
# Words of a ranking that say nothing of what is ranked
_RANK_STOP = _FRAME_STOP | set(wl.words("cues", "rank_stop"))
# The same measure under two words ("the sharpest rise" is "the largest increase")
_RANK_SYNONYMS: dict[str, str] = wl.mapping("cues", "rank_synonyms")


def _leaders(text: str) -> list[tuple[set[str], set[str], set[str]]]:
    """(places ranked first, the words of what they lead in, the years named) for each superlative of the text
    with a place named in the few words before it."""
    out = []
    for m in SUPERLATIVE.finditer(text):
        # the place and at most three words up to the superlative, no punctuation between
        before = re.search(r"[^,;:()]*$", text[max(0, m.start() - 40):m.start()]).group(0)
        mentions = [x for x in extract_mentions(before) if x.kind == "place"]
        places = {x.canonical for x in mentions}
        if not places or len(before[mentions[-1].end:].split()) > 3 or re.search(
                r"\b(?:than|after|behind|one of)\b|\b(?:second|third|fourth|fifth|two|three|four|five|ten|\d+|"
                r"\d+(?:st|nd|rd|th))\s*$", before):
            continue  # "than France", "the second most", "one of the five most": not the one ranked first
        words = {_RANK_SYNONYMS.get(w, w) for w in re.findall(r"[a-z]{4,}", text[m.end():m.end() + 50].lower())}
        years = set(re.findall(r"\b(?:19|20)\d\d\b", text))
        out.append((places, words - _RANK_STOP, years))
    return out


def _swapped_leader(claim: str, sentence: str) -> tuple[str, str] | None:
    """The claim ranks a place first in some measure ("Nigeria saw the sharpest rise in terrorism"); the sentence
    ranks another first in that measure for the same years ("Burkina Faso had the largest increase in
    terrorism"), and does not name the claim's place: (claim's place, sentence's place), or None."""
    named = {x.canonical for x in extract_mentions(sentence)}
    for mine, what, years in _leaders(claim):
        if expand_places(mine) & named:
            continue
        for theirs, their_what, their_years in _leaders(sentence):
            if what & their_what and (not years or not their_years or years & their_years) \
                    and not expand_places(mine) & expand_places(theirs) and not (mine | theirs) & REGIONS:
                return _place_word(claim, mine), _place_word(sentence, theirs)
    return None


def _place_word(text: str, canon: set[str]) -> str:
    return next(x.text for x in extract_mentions(text) if x.canonical in canon)


# Quantifiers that claim no exception
ALL_WORDS = set(wl.words("cues", "all_words"))


# A conclusion the claim draws from what it states ("..., so ISIS planned it", "which shows", "mostly because",
# "In other words, ...", "The trend is clear: ...", "-> ... full stop"): a second assertion that a source
# stating the premise does not make
INFERENCE = re.compile(r"\b(?:" + wl.alternation("cues", "inference") + r")\b|\s(?:->|=>)\s", re.I)
