"""Render an ArticleReport: readable text, JSON, Markdown, or a self-contained HTML page.

The HTML shows the article with each claim's span highlighted in its verdict's colour (a legend
explains the colours) and linked to the claim's section below. Every piece of text is escaped; the page
loads nothing from outside (inline CSS, no scripts, no fonts or images).
"""
from __future__ import annotations

import html
import json
import re

from assistant.answer.render import LABEL_TEXT, speaker
from assistant.article.types import ArticleClaim, ArticleReport

__all__ = ["render_article", "to_text", "to_json", "to_markdown", "to_html", "html_fragment", "FORMATS",
           "COLOURS"]

FORMATS = ("text", "json", "md", "html")
# verdict (or "not_checked") -> (background colour, legend label)
COLOURS: dict[str, tuple[str, str]] = {
    "supported": ("#b7e4c7", "Supported"),
    "contradicted": ("#f4a6a6", "Contradicted"),
    "misleading": ("#ffd08a", "Misleading"),
    "conflicting": ("#d7b8f3", "Conflicting sources"),
    "not_enough_evidence": ("#d9dde3", "Not enough evidence"),
    "not_checked": ("#dbeafe", "Not checked (opinion, prediction or question)"),
}


def _label(c: ArticleClaim) -> str:
    if c.result is not None:
        return LABEL_TEXT[c.result.verdict]
    return {"opinion": "OPINION - NOT CHECKED", "prediction": "PREDICTION - NOT CHECKED",
            "question": "QUESTION - NOT CHECKED", "vague": "TOO VAGUE - NOT CHECKED"}.get(c.kind, "NOT CHECKED")


def _key(c: ArticleClaim) -> str:
    return c.result.verdict if c.result is not None else "not_checked"


# --- text --------------------------------------------------------------------------------------------------

def to_text(report: ArticleReport) -> str:
    lines = [f"Article check{' (article date ' + report.date.isoformat() + ')' if report.date else ''}",
             report.summary, ""]
    for c in report.claims:
        lines.append(f"[{c.id}] {_label(c)}" + (f" (confidence {c.result.confidence:.2f})" if c.result else ""))
        lines.append(f"  Quote: \"{' '.join(c.quote.split())}\"  (chars {c.start}-{c.end})")
        lines.append(f"  Checked as: {c.claim}")
        if c.rewrites:
            lines.append(f"  Context: {'; '.join(c.rewrites)}")
        why = f"worthiness {c.worthiness:.2f}, rank {c.rank}" if c.checkable else "not checked"
        lines.append(f"  Why: {c.reason} ({why})")
        r = c.result
        if r is not None:
            lines.append(f"  {r.explanation}")
            if r.missing_context:
                lines.append(f"  Missing context: {r.missing_context}")
            for cit in r.citations:
                lines.append(f"    [{cit.n}] {cit.title} - {speaker(cit)} (published {cit.published or '?'}): "
                             f"\"{cit.quote}\" {cit.url}")
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


# --- JSON --------------------------------------------------------------------------------------------------

def to_json(report: ArticleReport) -> str:
    return json.dumps(report.model_dump(mode="json"), indent=2, ensure_ascii=False)


# --- Markdown ----------------------------------------------------------------------------------------------

def _md(text: str) -> str:
    """Text safe inside Markdown: HTML escaped (renderers pass raw HTML through), emphasis markers quoted."""
    text = html.escape(" ".join(str(text).split()), quote=False)
    return re.sub(r"([\\`*_\[\]#|])", r"\\\1", text)


def _md_url(url: str) -> str:
    return f"<{url}>" if re.match(r"https?://[^\s<>]+$", url or "") else _md(url or "")


def to_markdown(report: ArticleReport) -> str:
    out = ["# Article check", ""]
    if report.date:
        out += [f"**Article date:** {report.date.isoformat()}", ""]
    out += [f"**Summary:** {_md(report.summary)}", ""]
    for c in report.claims:
        conf = f" (confidence {c.result.confidence:.2f})" if c.result else ""
        out += [f"## {c.id}: {_label(c)}{conf}", "", f"> {_md(c.quote)}", ""]
        out.append(f"- **Checked as:** {_md(c.claim)}")
        why = f"worthiness {c.worthiness:.2f}, rank {c.rank}" if c.checkable else "not checked"
        out.append(f"- **Why:** {_md(c.reason)} ({why})")
        if c.rewrites:
            out.append(f"- **Context:** {_md('; '.join(c.rewrites))}")
        out.append(f"- **Characters:** {c.start}-{c.end}")
        out.append("")
        r = c.result
        if r is not None:
            out += [_md(r.explanation), ""]
            if r.missing_context:
                out += [f"**Missing context:** {_md(r.missing_context)}", ""]
            if r.citations:
                out.append("**Sources:**")
                out.append("")
                for cit in r.citations:
                    out.append(f"{cit.n}. {_md(cit.title)}: {_md(speaker(cit))}, "
                               f"published {_md(cit.published or '?')}. \"{_md(cit.quote)}\" {_md_url(cit.url)}")
                out.append("")
    return "\n".join(out).rstrip() + "\n"


# --- HTML --------------------------------------------------------------------------------------------------

_CSS = """
.cc-article { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; line-height: 1.5; color: #1d2733; max-width: 60rem; }
.cc-article .cc-summary { font-weight: 600; margin: .5rem 0 1rem; }
.cc-article .cc-legend { display: flex; flex-wrap: wrap; gap: .4rem .9rem; margin: 0 0 1rem; padding: 0; list-style: none; font-size: .9rem; }
.cc-article .cc-legend li { display: flex; align-items: center; gap: .35rem; }
.cc-article .cc-swatch { display: inline-block; width: 1rem; height: 1rem; border-radius: 3px; border: 1px solid #8893a0; }
.cc-article .cc-text { white-space: pre-wrap; border: 1px solid #d0d7de; border-radius: 6px; padding: 1rem; background: #fff; }
.cc-article a.cc-hl { color: inherit; text-decoration: none; border-radius: 3px; padding: 0 1px; border-bottom: 2px solid rgba(0,0,0,.25); }
.cc-article a.cc-hl:hover, .cc-article a.cc-hl:focus { outline: 2px solid #1d4ed8; }
.cc-article a.cc-hl.not_checked { border-bottom: 2px dotted #6b7a8c; }
.cc-article .cc-claim { border-left: 6px solid #d0d7de; padding: .5rem 1rem; margin: 1rem 0; background: #fafbfc; }
.cc-article .cc-claim h3 { margin: 0 0 .4rem; font-size: 1.05rem; }
.cc-article .cc-badge { display: inline-block; padding: 0 .45rem; border-radius: 4px; font-size: .85rem; font-weight: 700; color: #1d2733; }
.cc-article blockquote { margin: .3rem 0 .5rem; padding-left: .8rem; border-left: 3px solid #c3cad3; color: #3b4654; }
.cc-article .cc-meta { font-size: .9rem; color: #4b5563; }
.cc-article ol.cc-sources { font-size: .9rem; }
.cc-article .cc-quote { font-style: italic; }
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _segments(report: ArticleReport) -> list[tuple[int, int, ArticleClaim | None]]:
    """The article cut at every claim boundary; each piece coloured by the innermost claim covering it."""
    n = len(report.text)
    cuts = sorted({0, n, *(max(0, min(n, c.start)) for c in report.claims),
                   *(max(0, min(n, c.end)) for c in report.claims)})
    out = []
    for a, b in zip(cuts, cuts[1:]):
        if b <= a:
            continue
        covering = [c for c in report.claims if c.start <= a and b <= c.end]
        out.append((a, b, min(covering, key=lambda c: c.end - c.start) if covering else None))
    return out


def _highlighted(report: ArticleReport) -> str:
    parts = []
    for a, b, c in _segments(report):
        piece = _e(report.text[a:b])
        if c is None:
            parts.append(piece)
            continue
        key = _key(c)
        colour = COLOURS[key][0]
        title = f"{c.id}: {_label(c)} - {c.claim}"
        parts.append(f'<a class="cc-hl {key}" href="#claim-{_e(c.id)}" style="background:{colour}" '
                     f'rel="noopener noreferrer nofollow" title="{_e(title)}" data-claim="{_e(c.id)}">{piece}</a>')
    return "".join(parts)


def _source_link(cit) -> str:
    """The publisher's name, linked to the source's URL when it is http(s) (the URL itself is not shown)."""
    if cit.note:  # the corpus's own note about the source: named so, never under the publisher's name
        return _e(speaker(cit))
    name = _e(cit.publisher or cit.title or cit.doc_id)
    if not re.match(r"https?://[^\s\x00]+$", cit.url or ""):
        return name
    return f'<a href="{_e(cit.url)}" target="_blank" rel="noopener noreferrer nofollow">{name}</a>'


def _claim_section(c: ArticleClaim) -> str:
    key = _key(c)
    colour = COLOURS[key][0]
    conf = f" <span class=\"cc-meta\">confidence {c.result.confidence:.2f}</span>" if c.result else ""
    why = f"worthiness {c.worthiness:.2f}, rank {c.rank}" if c.checkable else "not checked"
    rows = [f'<section class="cc-claim" id="claim-{_e(c.id)}" style="border-left-color:{colour}">',
            f'<h3>{_e(c.id)} <span class="cc-badge" style="background:{colour}">{_e(_label(c))}</span>{conf}</h3>',
            f"<blockquote>{_e(c.quote)}</blockquote>",
            f'<p class="cc-meta"><strong>Checked as:</strong> {_e(c.claim)}<br>'
            + (f"<strong>Context:</strong> {_e('; '.join(c.rewrites))}<br>" if c.rewrites else "")
            + f"<strong>Why:</strong> {_e(c.reason)} ({_e(why)}) &middot; characters {c.start}-{c.end}</p>"]
    r = c.result
    if r is not None:
        rows.append(f"<p>{_e(r.explanation)}</p>")
        if r.missing_context:
            rows.append(f"<p><strong>Missing context:</strong> {_e(r.missing_context)}</p>")
        if r.citations:
            rows.append('<ol class="cc-sources">')
            for cit in r.citations:
                rows.append(f'<li value="{int(cit.n)}">{_e(cit.title)}: {_source_link(cit)}, published '
                            f'{_e(cit.published or "?")}. <span class="cc-quote">&ldquo;{_e(cit.quote)}&rdquo;</span>'
                            "</li>")
            rows.append("</ol>")
    rows.append("</section>")
    return "\n".join(rows)


def html_fragment(report: ArticleReport) -> str:
    """The report as one <div> (with its own <style>), for embedding in a page or the UI."""
    legend = "".join(f'<li><span class="cc-swatch" style="background:{colour}"></span>{_e(label)}</li>'
                     for colour, label in COLOURS.values())
    date = f'<p class="cc-meta">Article date: {_e(report.date.isoformat())}</p>' if report.date else ""
    return "\n".join([
        '<div class="cc-article">', f"<style>{_CSS}</style>", "<h2>Article check</h2>", date,
        f'<p class="cc-summary">{_e(report.summary)}</p>',
        f'<ul class="cc-legend" aria-label="Legend: highlight colours">{legend}</ul>',
        f'<div class="cc-text">{_highlighted(report)}</div>',
        "<h2>Claims</h2>", *(_claim_section(c) for c in report.claims), "</div>"])


def to_html(report: ArticleReport) -> str:
    """A self-contained HTML page: no scripts, no external resources."""
    return ("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
            f"<title>Article check: {_e(report.summary)}</title>\n</head>\n<body>\n"
            f"{html_fragment(report)}\n</body>\n</html>\n")


def render_article(report: ArticleReport, fmt: str = "text") -> str:
    if fmt == "json":
        return to_json(report)
    if fmt in ("md", "markdown"):
        return to_markdown(report)
    if fmt == "html":
        return to_html(report)
    return to_text(report)
