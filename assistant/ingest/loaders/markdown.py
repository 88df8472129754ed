"""Markdown and plain-text files. Markdown may start with YAML front matter (the document's metadata)."""
from __future__ import annotations

import re
from pathlib import Path

import yaml

from assistant.errors import LoadError
from assistant.ingest.loaders.base import LoadResult, check_id, decode_text, make_document, make_meta, read_bytes, slug_id

# libyaml's C parser when PyYAML was built with it (same safe constructor, ~10x faster: front matter parsing
# dominated a no-op re-ingest of a large corpus); the pure-Python SafeLoader otherwise.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FRONT = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.S)
_HEADING = re.compile(r"^#\s+(.+)$", re.M)


def split_front_matter(text: str, where: str) -> tuple[dict, str]:
    """(front matter dict, body). A front matter block that is not a YAML mapping is a LoadError."""
    m = _FRONT.match(text)
    if not m:
        return {}, text
    try:
        data = yaml.load(m.group(1), Loader=_YAML_LOADER) or {}  # noqa: S506 - a safe loader
    except yaml.YAMLError as exc:
        line = getattr(getattr(exc, "problem_mark", None), "line", None)
        at = f" (line {line + 2})" if line is not None else ""
        raise LoadError(where, f"malformed YAML front matter{at}", "fix the YAML between the '---' lines") from exc
    except (ValueError, OverflowError) as exc:  # an impossible date ("2019-13-01") or number in a YAML value
        raise LoadError(where, f"invalid value in YAML front matter ({exc})",
                        "fix the value (dates as YYYY-MM-DD)") from exc
    if not isinstance(data, dict):
        raise LoadError(where, "front matter is not a key: value mapping", "write it as 'key: value' lines")
    if _too_many_values(data):  # YAML aliases can expand a few lines into billions of values ("billion laughs")
        raise LoadError(where, f"front matter expands to over {MAX_FRONT_VALUES:,} values (YAML aliases?)",
                        "write the metadata out plainly, without '&anchor' / '*alias' repetition")
    return data, text[m.end():]


MAX_FRONT_VALUES = 10_000


def _too_many_values(data: object) -> bool:
    """True if the loaded YAML, with aliases expanded, holds over MAX_FRONT_VALUES values (stops counting there)."""
    stack, seen = [data], 0
    while stack:
        item = stack.pop()
        seen += 1
        if seen > MAX_FRONT_VALUES:
            return True
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, (list, tuple, set)):
            stack.extend(item)
    return False


def load_markdown(path: Path, max_bytes: int, root: Path | None = None) -> LoadResult:
    text = decode_text(path, read_bytes(path, max_bytes))
    front, body = split_front_matter(text, str(path))
    if not body.strip():
        raise LoadError(str(path), "document has front matter but no body text", "add the text below the front matter")
    doc_id = check_id(front.get("id", slug_id(path, root)), str(path))
    if "title" not in front:
        heading = _HEADING.search(body)
        front["title"] = heading.group(1).strip() if heading else path.stem
    meta = make_meta(front, str(path))
    return LoadResult(str(path), documents=[make_document(doc_id, body, meta, str(path))])


def load_text(path: Path, max_bytes: int, root: Path | None = None) -> LoadResult:
    text = decode_text(path, read_bytes(path, max_bytes))
    meta = make_meta({"title": path.stem}, str(path))
    return LoadResult(str(path), documents=[make_document(slug_id(path, root), text, meta, str(path))])
