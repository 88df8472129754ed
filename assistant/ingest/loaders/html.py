"""HTML files: the main text, with scripts, styles and hidden elements dropped and counted.

Hidden text (display:none, visibility:hidden, zero size, zero opacity, text the same colour as its
background, the hidden attribute, aria-hidden) is what a reader never sees and the usual carrier of
injected instructions, so it never reaches the index.
"""
from __future__ import annotations

import re
from pathlib import Path

from assistant.errors import LoadError
from assistant.ingest.loaders.base import LoadResult, decode_text, make_document, make_meta, read_bytes, slug_id

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "svg", "canvas", "object", "embed", "head", "nav",
              "footer", "form", "button")
_BLOCK_TAGS = {"p", "div", "section", "article", "main", "header", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol",
               "table", "tr", "blockquote", "pre", "br", "hr", "dd", "dt", "figcaption", "td", "th"}
_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)|"
    r"font-size\s*:\s*0(?:\.0+)?(?:px|em|rem|pt|%)?\s*(?:;|$)|(?:^|;)\s*(?:width|height)\s*:\s*0(?:px)?\s*(?:;|$)|"
    r"(?:clip|clip-path)\s*:\s*(?:rect\(0|inset\(50%)|text-indent\s*:\s*-\d{3,}", re.I)
_COLOR = re.compile(r"(?:^|;)\s*color\s*:\s*([^;]+)", re.I)
_BACKGROUND = re.compile(r"background(?:-color)?\s*:\s*([^;]+)", re.I)
_WHITE = {"#fff", "#ffffff", "white", "rgb(255,255,255)", "rgba(255,255,255,1)"}


def _norm_colour(value: str) -> str:
    return re.sub(r"\s+", "", value.strip().lower().replace("!important", ""))


def _is_hidden(tag) -> bool:
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    style = str(tag.get("style", ""))
    if not style:
        return False
    if _HIDDEN_STYLE.search(style):
        return True
    colour = _COLOR.search(style)
    if colour:
        fg = _norm_colour(colour.group(1))
        bg_match = _BACKGROUND.search(style)
        bg = _norm_colour(bg_match.group(1)) if bg_match else "#ffffff"  # default page background
        if fg == bg or (fg in _WHITE and bg in _WHITE):
            return True
    return False


MAX_DEPTH = 256  # real pages nest a few dozen deep; bs4's tree edits below cost O(depth) each


def _check_depth(soup) -> None:
    """Refuse absurdly deep nesting (ValueError -> a LoadError): it would make the text walk quadratic."""
    depth = {id(soup): 0}
    for tag in soup.descendants:
        if getattr(tag, "name", None) is None:
            continue
        d = depth.get(id(tag.parent), 0) + 1
        if d > MAX_DEPTH:
            raise ValueError(f"elements nested over {MAX_DEPTH} deep")
        depth[id(tag)] = d


def _text_with_breaks(root) -> str:
    """root.get_text() with a paragraph break around every block element, in one linear walk (inserting
    the breaks into the tree instead costs O(subtree) per element: quadratic on nested pages)."""
    from bs4 import NavigableString, Tag

    types = root.interesting_string_types or root.MAIN_CONTENT_STRING_TYPES
    out: list[str] = []
    stack: list = list(reversed(root.contents))
    while stack:
        node = stack.pop()
        if node is None:
            out.append("\n\n")
        elif isinstance(node, Tag):
            if node.name in _BLOCK_TAGS:
                out.append("\n\n")
                stack.append(None)
            stack.extend(reversed(node.contents))
        elif isinstance(node, NavigableString) and (type(node) is types if isinstance(types, type) else type(node) in types):
            out.append(str(node))
    return "".join(out)


def html_to_text(html: str) -> tuple[str, str, int]:
    """(title, visible main text, number of hidden elements dropped)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    _check_depth(soup)
    title_tag = soup.find("title")
    title = title_tag.get_text(" ", strip=True) if title_tag else ""
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    hidden = 0
    for tag in soup.find_all(True):
        # bs4's Tag.decomposed reads a missing attribute, which bs4 turns into a subtree search (quadratic on
        # deeply nested pages): read the flag from the instance dict instead.
        if tag.__dict__.get("_decomposed", False) or tag.__dict__.get("parent") is None:
            continue
        if _is_hidden(tag):
            hidden += 1
            tag.decompose()
    root = soup.find("main") or soup.find("article") or soup.body or soup
    if not title:
        h1 = root.find("h1")
        title = h1.get_text(" ", strip=True) if h1 else ""
    raw = _text_with_breaks(root)
    lines = [re.sub(r"[ \t\u00a0]+", " ", line).strip() for line in raw.split("\n")]
    text = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return title, text, hidden


def load_html(path: Path, max_bytes: int, root: Path | None = None) -> LoadResult:
    source = decode_text(path, read_bytes(path, max_bytes))
    try:
        title, text, hidden = html_to_text(source)
    except (ValueError, RecursionError) as exc:
        raise LoadError(str(path), f"malformed HTML ({type(exc).__name__}{': ' + str(exc) if isinstance(exc, ValueError) else ''})",
                        "check the file is HTML") from exc
    if not text:
        raise LoadError(str(path), "HTML has no visible text", "give a page with visible body text")
    meta = make_meta({"title": title or path.stem}, str(path))
    return LoadResult(str(path), documents=[make_document(slug_id(path, root), text, meta, str(path))], hidden_dropped=hidden)
