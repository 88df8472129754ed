"""The "Article" tab of the web UI: paste an article, optionally give its date, get the highlighted report
and a Markdown download.

``build_tab(service_getter)`` is called by assistant.ui.tabs inside the app's ``gr.Tabs()``;
``service_getter()`` returns the shared Service. ``run_article`` does the work and never raises: errors
come back as one escaped line.
"""
from __future__ import annotations

import html
import logging
import tempfile
import time
from pathlib import Path
from typing import Callable

import gradio as gr

from assistant.store.identity import gradio_user
from assistant.article.render import html_fragment, to_markdown
from assistant.article.report import check_article, clean_article, parse_date
from assistant.errors import ClaimcheckError

__all__ = ["build_tab", "run_article", "write_markdown"]

log = logging.getLogger(__name__)
_DOWNLOAD_MAX_AGE_S = 3600
_download_dir: Path | None = None

PLACEHOLDER = ("Paste the text of a news or opinion article here (no web addresses: claimcheck does not fetch "
               "pages). Each factual claim is extracted, rewritten to stand alone, and checked.")


def _error_html(message: str) -> str:
    return (f'<div class="cc-article-error" role="alert" style="border-left:4px solid #b91c1c;padding:.5rem 1rem;'
            f'background:#fef2f2;color:#7f1d1d">{html.escape(message)}</div>')


def _downloads() -> Path:
    global _download_dir
    if _download_dir is None or not _download_dir.is_dir():
        _download_dir = Path(tempfile.mkdtemp(prefix="claimcheck-article-"))
    return _download_dir


def write_markdown(markdown: str) -> str:
    """Write the Markdown report to a fresh temp file (files older than an hour are removed); its path."""
    folder = _downloads()
    now = time.time()
    for old in folder.glob("article-check-*.md"):
        try:
            if now - old.stat().st_mtime > _DOWNLOAD_MAX_AGE_S:
                old.unlink()
        except OSError:
            pass
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix="article-check-", suffix=".md",
                                     delete=False) as fh:
        fh.write(markdown)
    return fh.name


def run_article(text: str, date: str, service_getter: Callable, user: str = "local") -> tuple[str, str | None]:
    """(report HTML or an error line, path of the Markdown report or None). Never raises."""
    try:
        reference = parse_date((date or "").strip() or None)
        clean_article(text or "", 10**9)  # empty, binary or a URL: say so before loading the index
        report = check_article(service_getter(), text or "", reference, asked_by=user)
        return html_fragment(report), write_markdown(to_markdown(report))
    except ClaimcheckError as exc:
        return _error_html(str(exc)), None
    except Exception:  # noqa: BLE001 - the UI shows one line; the log keeps the traceback
        log.exception("article check failed")
        return _error_html("Something went wrong while checking the article -> try again; the server log has "
                           "details"), None


def build_tab(service_getter: Callable) -> None:
    """The Article tab, built inside the app's gr.Tabs()."""
    with gr.Tab("Article", id="article"):
        text = gr.Textbox(label="Article text", lines=12, max_lines=30, placeholder=PLACEHOLDER,
                          elem_id="cc-article-text")
        with gr.Row(equal_height=True):
            date = gr.Textbox(label="Article date (optional, YYYY-MM-DD)", placeholder="e.g. 2019-08-10",
                              max_lines=1, scale=2, elem_id="cc-article-date")
            button = gr.Button("Check article", variant="primary", scale=1, elem_id="cc-article-check")
        output = gr.HTML(value="", elem_id="cc-article-report")
        download = gr.DownloadButton("Download the report (Markdown)", value=None, interactive=False, size="sm",
                                     elem_id="cc-article-download")

        def handler(article, day, request: gr.Request):
            user = gradio_user(request, service_getter().settings) if request is not None else "local"
            body, path = run_article(article, day, service_getter, user)
            return body, (gr.DownloadButton(value=path, interactive=True) if path
                          else gr.DownloadButton(value=None, interactive=False))

        button.click(lambda: '<p class="cc-meta">Checking the article against the sources…</p>',
                     inputs=None, outputs=[output], queue=False, api_visibility="private").then(
            handler, inputs=[text, date], outputs=[output, download], api_visibility="private",
            concurrency_limit=2, show_progress_on=[output])  # one loading indicator, on the report
