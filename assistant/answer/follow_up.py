"""Follow-up questions resolved against the conversation's topic.

A follow-up ("and how many came back to Europe?", "what about Canada?", "how many of them returned?") leaves
out what it is about. The topic is what the conversation has been counting or asking about: the subject of
the latest earlier *question* ("How many foreign fighters joined ISIS?" -> "foreign fighters" of ISIS), or,
when no question came before, the thing counted in the latest claim ("30,000 foreigners joined ISIS" ->
"foreigners"). The follow-up is rewritten around that subject ("How many foreign fighters of ISIS came back
to Europe?"); the previous message's other words are never appended. Without a subject to carry over, the
question is left as it is.
"""
from __future__ import annotations

import re

from assistant.index.keyword_index import tokenize
from assistant.verify.entities import extract_mentions, extract_predicates
from assistant.verify.quantities import extract_quantities

_LEAD = re.compile(r"^\s*(?:and|also|then|so|ok|okay|but)\b[\s,]*", re.I)
_ABOUT = re.compile(r"^\s*(?:and\s+)?(?:what|how)\s+about\s+(?P<slot>.+?)\s*\??\s*$", re.I)
_HOW_MANY = re.compile(r"\bhow\s+(?:many|much)\b", re.I)
_PRONOUN = re.compile(r"\b(?:of\s+)?(?:them|they|those|these)\b", re.I)
_POINTER = re.compile(r"^(and|what about|how about|also|then|so)\b|\b(they|them|those|these|it|that|their)\b", re.I)
_AUX = {"were", "was", "are", "is", "have", "has", "had", "did", "do", "does", "been", "be", "of", "the"}
_GROUPS = re.compile(r"\b(ISIS|ISIL|Islamic State|Daesh|Da'esh|al-Qaida|al-Qaeda|Al-Qaida|Al-Qaeda)\b")
_QUESTION = re.compile(r"\?\s*$|^\s*(how|what|who|whom|whose|when|where|which|why)\b", re.I)


def is_follow_up(question: str) -> bool:
    """A question that leans on what came before: opens with 'and' / 'what about', points back ('they'),
    asks 'how many' with no subject ('how many came back?'), or is very short."""
    if _POINTER.search(question) or len(tokenize(question)) <= 3:
        return True
    m = _HOW_MANY.search(question)
    return bool(m and not subject_of(question))


def subject_of(text: str) -> str:
    """What a question or claim counts or asks about: the words between 'how many' and the verb ('foreign
    fighters'), or the thing counted by a claim's figure ('foreigners')."""
    m = _HOW_MANY.search(text)
    if m:
        preds = [s for _, s, _ in extract_predicates(text) if s >= m.end()]
        stop = preds[0] if preds else len(text)
        words = [w for w in re.findall(r"[A-Za-z][\w'-]*", text[m.end():stop]) if w.lower() not in _AUX]
        return " ".join(words[:5]) if words and not _PRONOUN.fullmatch(" ".join(words)) else ""
    for q in extract_quantities(text):
        if q.counted:
            return q.counted
    return ""


def _group(text: str) -> str:
    m = _GROUPS.search(text)
    return m.group(1) if m else ""


def _with_group(subject: str, topic: str) -> str:
    """The subject tied to the topic's group: "foreign fighters who joined ISIS" (the topic's own verb), or
    "foreign fighters of ISIS"."""
    m = _GROUPS.search(topic)
    if not m or m.group(1).lower() in subject.lower():
        return subject
    verbs = [(s, e) for _, s, e in extract_predicates(topic) if e <= m.start()]
    if verbs and len(topic[verbs[-1][0]:m.end()].split()) <= 4:
        return f"{subject} who {topic[verbs[-1][0]:m.end()]}"
    return f"{subject} of {m.group(1)}"


def _new_slot(topic: str, slot: str) -> str:
    """The topic question asked of a new slot: a year replaces the topic's year ("... in 2017?" + "in 2018"
    -> "... in 2018?"); anything else is added after it."""
    base = topic.strip().rstrip("?").strip()
    year = re.search(r"\b(?:19|20)\d\d\b", slot)
    if year and re.search(r"\b(?:19|20)\d\d\b", base):
        return re.sub(r"\b(?:19|20)\d\d\b", year.group(0), base, count=1) + "?"
    slot = re.sub(r"^(?:for|in)\s+", "", slot)
    return f"{base}, for {slot}?"


def topic_message(history: list[str]) -> str:
    """The earlier message the conversation is about: the latest question, else the latest claim with a
    counted subject, else ''."""
    for message in reversed(history):
        if _QUESTION.search(message) and (subject_of(message) or _group(message)):
            return message
    for message in reversed(history):
        if subject_of(message):
            return message
    return ""


def resolve_follow_up(question: str, history: list[str]) -> str:
    """The question made self-contained using the conversation's topic, if it reads as a follow-up."""
    if not history or not is_follow_up(question):
        return question
    topic = topic_message(history)
    if not topic:
        return question
    subject = subject_of(topic)
    body = _LEAD.sub("", question).strip()
    about = _ABOUT.match(question)
    slot = about.group("slot") if about else (body.rstrip("?").strip() if body != question.strip() and not
                                               extract_predicates(body) and not _HOW_MANY.search(body) else "")
    if slot:  # "what about Canada?", "and in 2018?" -> the topic question, asked of the new slot
        return _new_slot(topic, slot) if _QUESTION.search(topic) else question
    body = body[:1].upper() + body[1:]
    if not subject:
        return question
    if _group(topic).lower() not in body.lower():
        subject = _with_group(subject, topic)
    if _PRONOUN.search(body):  # "how many of them returned?" -> "how many foreign fighters returned?"
        return _with_places(_PRONOUN.sub(subject, body, count=1), topic)
    m = _HOW_MANY.search(body)
    if m and not subject_of(body):
        return _with_places(body[:m.end()] + f" {subject}" + body[m.end():], topic)
    return question


def _with_places(question: str, topic: str) -> str:
    """The topic's places carried over when the follow-up names none ("... returned (Canada)?")."""
    if any(m.kind == "place" for m in extract_mentions(question)):
        return question
    places = list(dict.fromkeys(m.text for m in extract_mentions(topic) if m.kind == "place"))
    return f"{question.rstrip().rstrip('?')} ({', '.join(places)})?" if places else question
