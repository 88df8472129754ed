"""Lengths a text gives, converted to metres, so "about 5km" and "about 500 metres" compare."""
from __future__ import annotations

import re

from assistant.verify.quantities import NUMBER_WORDS_PATTERN as NUMBER_WORDS
from assistant.verify.quantities import parse_number


# A length with its unit: "about 5km", "500 metres", "two miles" (a bare "m" is too often "million").
_DISTANCE = re.compile(r"(?<![\w.,])(\d[\d,]*(?:\.\d+)?|(?:" + NUMBER_WORDS + r"))[\s-]?"
                       r"(km|kilomet(?:re|er)s?|met(?:re|er)s?|miles?|yards?|feet|foot|ft)\b", re.I)
_METRES = {"km": 1000.0, "kilo": 1000.0, "met": 1.0, "mil": 1609.0, "yar": 0.914, "fee": 0.305,
           "foo": 0.305, "ft": 0.305}


def distances(text: str) -> list[float]:
    """The lengths a text gives, in metres ("about 5km" -> 5000.0, "500 metres" -> 500.0)."""
    out = []
    for m in _DISTANCE.finditer(text):
        value, unit = parse_number(m.group(1)), m.group(2).lower()
        factor = _METRES.get(unit) or _METRES.get(unit[:4]) or _METRES.get(unit[:3])
        if value is not None and factor:
            out.append(value * factor)
    return out
