"""CheckResult / Answer -> safe HTML for the chat: verdict badge, cited explanation, figures table, sources.

Every string that comes from a source document or a user is passed through ``html.escape``; links are
emitted only for http(s) URLs, open in a new tab with ``rel="noopener noreferrer nofollow"``; no images or
scripts from sources are ever emitted. The output has no blank lines, so the chat's Markdown renderer keeps
it as one HTML block.
"""
from __future__ import annotations

import re
import secrets
from html import escape
from urllib.parse import quote, urlsplit

from assistant.answer.ask import Answer
from assistant.answer.render import LABEL_TEXT
from assistant.ingest.notes import NOTE_LABEL
from assistant.types import CheckResult, Citation, Figure

# Colours are fixed here, never taken from data: (background, text).
VERDICT_COLOURS: dict[str, tuple[str, str]] = {
    "supported": ("#1a7f37", "#ffffff"),
    "contradicted": ("#c62828", "#ffffff"),
    "misleading": ("#b45309", "#ffffff"),
    "conflicting": ("#6d28d9", "#ffffff"),
    "not_enough_evidence": ("#57606a", "#ffffff"),
}
RELATION_TEXT = {
    "matches": "matches", "differs": "differs", "counts_other_thing": "counts something else",
    "revised": "revised", "context": "context",
}
_CITE = re.compile(r"\[(\d{1,3})\]")
REL = 'rel="noopener noreferrer nofollow"'  # on every link the app renders, external or not
CORPUS_PATH = "/corpus/"  # the server route that shows one corpus document with its provenance


def esc(value: object) -> str:
    """Escaped text (quotes included), safe in element content and in quoted attributes. Newlines become
    character references: a blank line would end the chat message's HTML block and hand the rest to the
    Markdown renderer (where `![x](http://evil/p.png)` is an external image)."""
    return escape("" if value is None else str(value), quote=True).replace("\n", "&#10;")


def safe_url(url: str) -> str:
    """The URL if it is an absolute http(s) link, else ''."""
    url = (url or "").strip()
    if not url or any(ch in url for ch in "\x00\r\n\t "):
        return ""
    try:
        parts = urlsplit(url)
    except ValueError:
        return ""
    return url if parts.scheme.lower() in ("http", "https") and parts.netloc else ""


def link(url: str, text: str) -> str:
    """An external link, or the escaped text alone when the URL is not http(s)."""
    href = safe_url(url)
    if not href:
        return esc(text)
    return f'<a href="{esc(href)}" target="_blank" {REL}>{esc(text)}</a>'


def corpus_link(doc_id: str, text: str = "read in the corpus") -> str:
    """A link to the document's page in this app (``/corpus/<doc_id>``), opening in a new tab."""
    if not doc_id:
        return ""
    return f'<a class="cc-corpus-link" href="{CORPUS_PATH}{esc(quote(doc_id, safe=""))}" target="_blank" {REL}>{esc(text)}</a>'



def with_citations(text: str, citations: list[Citation], anchor: str = "") -> str:
    """Escaped text whose [n] markers become labelled citation marks (titled with the source). With an
    ``anchor`` (the answer's id prefix), a marker whose source is listed links to that entry of the sources."""
    titles = {c.n: c.title or c.publisher or c.doc_id for c in citations}
    out = esc(text)

    def mark(m: re.Match) -> str:
        n = int(m.group(1))
        if n not in titles:
            return f'<sup class="cc-cite">[{n}]</sup>'
        label = f"<a href=\"#{esc(anchor)}-{n}\" {REL}>[{n}]</a>" if anchor else f"[{n}]"
        return f'<sup class="cc-cite" title="{esc(titles[n])}">{label}</sup>'
    return _CITE.sub(mark, out)


def answer_anchor() -> str:
    """A fresh id prefix for one answer's source entries (several answers share one chat page)."""
    return "cc-src-" + secrets.token_hex(4)


def verdict_badge(verdict: str, confidence: float | None = None) -> str:
    bg, fg = VERDICT_COLOURS.get(verdict, VERDICT_COLOURS["not_enough_evidence"])
    label = LABEL_TEXT.get(verdict, verdict.upper())
    conf = (f'<span class="cc-confidence">confidence {confidence:.2f}</span>'
            if confidence is not None else "")
    return (f'<div class="cc-verdict"><span class="cc-badge cc-v-{esc(verdict)}" data-verdict="{esc(verdict)}" '
            f'style="background:{bg};color:{fg}">{esc(label)}</span>{conf}</div>')


def figures_table(figures: list[Figure]) -> str:
    """Claimed vs documented figures as a small table ('' when there are none)."""
    if not figures:
        return ""
    head = "".join(f"<th>{h}</th>" for h in ("Counted", "Claimed", "Documented", "Relation", "Source", "As of", "Ref"))
    rows = []
    for f in figures:
        rel = RELATION_TEXT.get(f.relation, f.relation)
        rows.append(
            f'<tr class="cc-rel-{esc(f.relation)}"><td>{esc(f.what)}</td><td class="cc-num">{esc(f.claimed)}</td>'
            f'<td class="cc-num">{esc(f.documented)}</td><td class="cc-rel">{esc(rel)}</td><td>{esc(f.source)}</td>'
            f'<td class="cc-date">{esc(f.as_of or "?")}</td>'
            f'<td class="cc-ref">{f"[{f.citation}]" if f.citation else ""}</td></tr>')
    return (f'<div class="cc-figures"><div class="cc-h">Claimed vs documented</div><table class="cc-table">'
            f'<thead><tr>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table></div>')


def source_item(c: Citation, anchor: str = "") -> str:
    """One cited passage: the quote, the title, the publisher (linked to the source's URL, never the raw URL),
    the dates and a link to the document in the corpus. With ``anchor``, the entry has the id its [n] links to."""
    if c.note:
        return note_item(c, anchor)
    kind = ", ".join(x for x in (c.publisher_type, "primary source" if c.primary else "") if x)
    who = link(c.url, c.publisher or c.title or c.doc_id)
    who += f' <span class="cc-kind">({esc(kind)})</span>' if kind else ""
    dates = f"published {esc(c.published or '?')} &middot; figures as of {esc(c.as_of or '?')}"
    read = corpus_link(c.doc_id)
    ident = f' id="{esc(anchor)}-{int(c.n)}"' if anchor else ""
    return (f'<li class="cc-source"{ident} value="{int(c.n)}"><blockquote class="cc-quote">{esc(c.quote)}</blockquote>'
            f'<div class="cc-src-title">{esc(c.title or c.doc_id)}</div>'
            f'<div class="cc-src-meta">{who} &middot; {dates}{" &middot; " + read if read else ""}</div></li>')


def note_item(c: Citation, anchor: str = "") -> str:
    """A cited editorial note: our words about the source, labelled so, never under the publisher's name."""
    about = esc(c.title or c.doc_id)
    ident = f' id="{esc(anchor)}-{int(c.n)}"' if anchor else ""
    read = corpus_link(c.doc_id)
    return (f'<li class="cc-source cc-note"{ident} value="{int(c.n)}">'
            f'<div class="cc-note-label">{esc(NOTE_LABEL.capitalize())} (our words, not the source\'s)</div>'
            f'<blockquote class="cc-quote cc-note-text">{esc(c.quote)}</blockquote>'
            f'<div class="cc-src-meta">about: {about} ({esc(c.publisher or c.doc_id)})'
            f'{" &middot; " + read if read else ""}</div></li>')


def sources_block(citations: list[Citation], open_: bool = False, anchor: str = "") -> str:
    """A collapsible <details> block listing each cited passage ('' when there are none)."""
    if not citations:
        return ""
    items = "".join(source_item(c, anchor) for c in citations)
    return (f'<details class="cc-sources"{" open" if open_ else ""}><summary>Sources ({len(citations)})</summary>'
            f'<ol class="cc-source-list">{items}</ol></details>')


def result_html(result: CheckResult, anchor: str | None = None) -> str:
    """One chat answer for a checked claim; its [n] markers link to the entries of its sources block (ids
    ``<anchor>-<n>``, a fresh anchor unless one is given)."""
    anchor = anchor or answer_anchor()
    parts = [verdict_badge(result.verdict, result.confidence),
             f'<div class="cc-claim">Claim: <q>{esc(result.claim)}</q></div>',
             f'<p class="cc-explanation">{with_citations(result.explanation, result.citations, anchor)}</p>']
    if result.missing_context:
        parts.append(f'<p class="cc-missing"><b>Missing context:</b> '
                     f'{with_citations(result.missing_context, result.citations, anchor)}</p>')
    parts.append(figures_table(result.figures))
    parts.append(sources_block(result.citations, anchor=anchor))
    meta = [f"judge {result.judge}", f"index {result.index_version}" if result.index_version else "",
            f"{result.latency_ms:.0f} ms" if result.latency_ms else ""]
    parts.append(f'<div class="cc-footer">{esc(" · ".join(m for m in meta if m))}</div>')
    return f'<div class="cc-result">{"".join(p for p in parts if p)}</div>'


def answer_html(answer: Answer, anchor: str | None = None) -> str:
    """One chat answer for a question: cited lines, the resolved follow-up, and the sources (linked as in
    result_html)."""
    anchor = anchor or answer_anchor()
    parts = ['<div class="cc-verdict"><span class="cc-badge cc-answer">ANSWER</span></div>']
    if answer.resolved_question != answer.question:
        parts.append(f'<div class="cc-claim">Read as: <q>{esc(answer.resolved_question)}</q></div>')
    lines = [with_citations(line, answer.citations, anchor) for line in answer.answer.splitlines() if line.strip()]
    if lines:  # the direct answer (or the abstention) first, then the supporting passages
        lead = "cc-direct" if answer.answered else "cc-abstain"
        parts.append(f'<p class="cc-explanation {lead}">{lines[0]}</p>')
    if len(lines) > 1:
        parts.append('<ul class="cc-answer-lines">' + "".join(f"<li>{line}</li>" for line in lines[1:]) + "</ul>")
    parts.append(sources_block(answer.citations, anchor=anchor))
    return f'<div class="cc-result">{"".join(parts)}</div>'


def error_html(message: str) -> str:
    """A one-line error (the ClaimcheckError message with its fix)."""
    first = (message or "error").strip().splitlines()[0] if (message or "").strip() else "error"
    return f'<div class="cc-error" role="alert">{esc(first)}</div>'


def pending_html(text: str = "Checking…") -> str:
    return f'<div class="cc-pending"><span class="cc-spinner"></span>{esc(text)}</div>'
