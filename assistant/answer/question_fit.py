"""How well a passage answers a question: its act, its place, its words.

A question's act is the kind of its verb ("returned" for "came back", data/predicates.yaml); its places are
the gazetteer's (data/places.yaml). A passage names a question's place when it names it or a place within it:
figures for the EU answer a question about Europe (TE-SAT counts the EU), a city's for its country. For the
search, a question about a region also names the places within it ("Europe" -> "EU", "European Union"), so
that a passage worded for the narrower scope is found.
"""
from __future__ import annotations

from assistant.index.keyword_index import tokenize
from assistant.verify import wordlists as wl
from assistant.verify.entities import PLACES, extract_mentions, extract_predicates
from assistant.verify.event_scope import CITY_COUNTRY, expand_places

REGIONS = frozenset(wl.words("places", "regions"))


def places_of(text: str) -> set[str]:
    """The canonical places a text names."""
    return {m.canonical for m in extract_mentions(text) if m.kind == "place"}


def names_place(question: str, text: str) -> bool:
    """True when the text names each of the question's places, or a place within it (True when it asks none)."""
    asked = places_of(question)
    return not asked or asked <= expand_places(places_of(text))


def acts_of(text: str) -> set[str]:
    return {kind for kind, _, _ in extract_predicates(text)}


def fit(question: str, text: str) -> tuple[int, int, float]:
    """(shares the question's act, names its places, share of the question's words the text has)."""
    acts = acts_of(question)
    words = set(tokenize(question))
    return (int(bool(acts & acts_of(text))), int(names_place(question, text)),
            len(words & set(tokenize(text))) / max(len(words), 1))


def narrower_names(question: str) -> list[str]:
    """The names of the places within each region the question asks about ("Europe" -> "EU", "European
    Union"), for the search; [] when it names no region."""
    regions = places_of(question) & REGIONS
    return [name for place, wider in CITY_COUNTRY.items() if wider in regions for name in PLACES.get(place, [])]
