"""What an abstention says: is the claim (or question) outside what the corpus covers, or inside it but not
addressed by any passage?

The covered topics are the corpus front matter's ``topics`` (stored with every chunk). A claim is inside the
corpus when evidence was found for it (sentences above ``retrieval.min_relevance``) or when it names a
covered topic; otherwise it is outside, and the answer lists the topics. The nearest passages are promised
only when some are cited.
"""
from __future__ import annotations

import re

from assistant.types import Evidence

_ALIASES = {"isil": "isis", "daesh": "isis", "islamic state": "isis", "al-qaeda": "al-qaida", "uk": "united-kingdom",
            "britain": "united-kingdom", "us": "united-states", "usa": "united-states",
            "foreign fighters": "foreign-fighters",
            "returned": "returnees", "returnee": "returnees", "attack": "attacks", "killed": "casualties",
            "deaths": "casualties", "dead": "casualties", "claimed": "claims-of-responsibility"}


def covered_topics(store_state: dict) -> list[str]:
    """Every topic of the indexed documents, most documents first (ties by name)."""
    count: dict[str, int] = {}
    for chunks in store_state.values():
        if not chunks:
            continue
        meta = chunks[0][1]
        for topic in {t for t in str(meta.get("topics", "") or "").split(",") if t}:
            count[topic] = count.get(topic, 0) + 1
    return sorted(count, key=lambda t: (-count[t], t))


def named_topics(text: str, topics: list[str]) -> list[str]:
    """The covered topics the text names (its words, or a common alias such as ISIL for isis)."""
    low = text.lower()
    found = []
    for topic in topics:
        words = topic.replace("-", " ")
        if re.search(rf"\b{re.escape(words)}\b", low) or re.search(rf"\b{re.escape(topic)}\b", low):
            found.append(topic)
    for alias, topic in _ALIASES.items():
        if topic in topics and topic not in found and re.search(rf"\b{re.escape(alias)}\b", low):
            found.append(topic)
    return found


def nearest_topics(evidence: list[Evidence], topics: list[str], k: int = 3) -> list[str]:
    """Topics of the documents the nearest passages come from, in the corpus's order."""
    near = {t for e in evidence[:k] for t in e.meta.topics}
    return [t for t in topics if t in near]


def abstention(kind: str, text: str, evidence: list[Evidence], topics: list[str], cited: int) -> str:
    """The explanation of a not-enough-evidence answer. kind is 'claim' or 'question'."""
    named = named_topics(text, topics)
    if not evidence and not named:
        listed = ", ".join(t.replace("-", " ") for t in topics) or "no documents"
        return (f"This {kind} is outside what the corpus covers, so it cannot be judged from the indexed "
                f"sources. The corpus covers: {listed}.")
    about = named or nearest_topics(evidence, topics)
    subject = f" ({', '.join(t.replace('-', ' ') for t in about)})" if about else ""
    tail = "; the nearest passages are listed for reference." if cited else "."
    return (f"The corpus covers this subject{subject}, but no passage addresses this {kind} closely enough to "
            f"{'judge' if kind == 'claim' else 'answer'} it{tail}")
