"""The domain word lists of the rules (places, actors, cue phrases, stopwords ...), read from data/*.yaml.

Each file under ``data/`` holds one concept (``places.yaml``, ``actors.yaml``, ``cues.yaml`` ...), each entry
with a comment saying what it is for. A file is read once per process, when the first module that needs it is
imported; a missing or malformed file, or a missing or mistyped entry, raises ``WordListError`` naming the file
(and the entry), so a broken install fails at import rather than judging claims with an empty list.

    from assistant.verify import wordlists as wl
    FEAST_DAYS = set(wl.words("cues", "feast_days"))
    CAVEAT = re.compile(r"\\b(" + wl.alternation("cues", "caveat") + r")\\b", re.I)
"""
from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import yaml

__all__ = ["DATA_DIR", "WordListError", "load", "entry", "words", "mapping", "alternation"]

DATA_DIR = Path(__file__).with_name("data")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_cache: dict[str, dict[str, Any]] = {}
_lock = threading.Lock()


class WordListError(RuntimeError):
    """A word-list file is missing or malformed, or lacks an entry a module needs."""


def path_of(name: str) -> Path:
    return DATA_DIR / f"{name}.yaml"


def load(name: str) -> dict[str, Any]:
    """The entries of ``data/<name>.yaml`` (read once per process)."""
    with _lock:
        if name in _cache:
            return _cache[name]
        path = path_of(name)
        try:
            text = path.read_text("utf-8")
        except FileNotFoundError:
            raise WordListError(f"word list {path} is missing (reinstall claimcheck, or restore the file)") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise WordListError(f"word list {path} cannot be read: {exc}") from None
        try:
            data = yaml.load(text, Loader=_Loader)
        except yaml.YAMLError as exc:
            raise WordListError(f"word list {path} is malformed YAML: {exc}") from None
        if not isinstance(data, dict) or not all(isinstance(k, str) for k in data):
            raise WordListError(f"word list {path} is malformed: expected a mapping of named entries at the top, "
                                f"got {type(data).__name__}")
        _cache[name] = data
        return data


def entry(name: str, key: str) -> Any:
    """One named entry of ``data/<name>.yaml``."""
    data = load(name)
    if key not in data:
        raise WordListError(f"word list {path_of(name)} has no entry {key!r}")
    return data[key]


def _malformed(name: str, key: str, what: str) -> WordListError:
    return WordListError(f"word list {path_of(name)}: entry {key!r} must be {what}")


def _is_strings(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(x, str) for x in value)


def words(name: str, key: str) -> list[str]:
    """A list of strings (words, phrases or regular expressions), in file order."""
    value = entry(name, key)
    if not _is_strings(value):
        raise _malformed(name, key, "a list of strings")
    return list(value)


def mapping(name: str, key: str, values: str = "str") -> dict[str, Any]:
    """A mapping from strings, in file order, to strings (``values="str"``), lists of strings (``"list"``),
    integers (``"int"``), or anything (``"any"``, for nested records the caller checks)."""
    value = entry(name, key)
    check = {"str": lambda v: isinstance(v, str), "list": _is_strings,
             "int": lambda v: isinstance(v, int) and not isinstance(v, bool), "any": lambda v: True}[values]
    if not isinstance(value, dict) or not all(isinstance(k, str) and check(v) for k, v in value.items()):
        kind = {"str": "strings", "list": "lists of strings", "int": "integers", "any": "entries"}[values]
        raise _malformed(name, key, f"a mapping of names to {kind}")
    return dict(value)


def alternation(name: str, key: str) -> str:
    """The entry's strings joined into one regex alternation ("a|b|c"), for a pattern built around it."""
    items = words(name, key)
    if not items:
        raise _malformed(name, key, "a non-empty list")
    return "|".join(items)
