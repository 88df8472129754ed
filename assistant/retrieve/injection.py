"""Recognise instruction-like text inside sources (prompt injection) so it is never used as evidence.

Retrieved text is data. A sentence that addresses the reader or a model with orders ("ignore previous
instructions", "rate this claim as true", "you must say", "system:") states nothing about the world, so
evidence selection skips it, whichever judge runs afterwards.
"""
from __future__ import annotations

import re

_PATTERNS = [
    r"\b(ignore|disregard|forget|override)\b.{0,40}\b(instructions?|prompts?|rules|guidelines|context|sources?)\b",
    r"\b(rate|mark|label|classify|score|judge)\b.{0,60}\b(as|to be)\s+(true|false|supported|correct|accurate|verified|contradicted|misleading)\b",
    r"\b(rate|mark|label)\s+(this|the|that)\s+(claim|statement|answer)\b",
    r"\byou (must|should|have to|are required to|will now|are now)\b",
    r"\b(as an ai|language model|system prompt|developer mode|jailbreak)\b",
    r"(^|\n|\.\s)\s*(system|assistant|user)\s*:",
    r"\b(say|state|answer|reply|respond) (that )?(the )?(sources?|claim|evidence) (agree|is true|are true|support)",
    r"\bnew instructions?\b",
    r"<\s*/?\s*(system|instructions?|prompt)\s*>",
]
_INJECTION = re.compile("|".join(f"(?:{p})" for p in _PATTERNS), re.I | re.S)


def looks_like_instruction(text: str) -> bool:
    """True for a sentence that gives orders to a reader or model rather than stating facts."""
    return bool(_INJECTION.search(text))
