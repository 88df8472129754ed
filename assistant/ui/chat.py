"""The Chat tab: claims get a verdict (service.check), questions get a cited answer (service.ask).

The handler is a generator: it first shows the user's message with a "Checking…" line, then the answer.
Errors the user can fix (ClaimcheckError) show as their one-line message; anything else as a short generic
line, with the traceback only in the server log.
"""
from __future__ import annotations

import json
import logging
import re
import tempfile
import time
from pathlib import Path
from typing import Any, Callable, Iterator

import gradio as gr

from assistant.answer.render import to_claimreview
from assistant.errors import ClaimcheckError
from assistant.store.identity import gradio_user
from assistant.store.recording import record, seen_before
from assistant.ui.review_tab import matches_html
from assistant.types import CheckResult
from assistant.ui.render_html import answer_html, error_html, pending_html, result_html

log = logging.getLogger(__name__)

EXAMPLES = [
    "30,000 foreigners joined ISIS",
    "About 60 ISIS fighters returned to Canada",
    "ISIS claimed responsibility for all the vehicle attacks in Europe",
    "The Nice truck attack killed 86 people",
]
_QUESTION_START = re.compile(r"^\s*(how|what|who|whom|whose|when|where|which|why)\b", re.I)
_DOWNLOAD_MAX_AGE_S = 3600
_download_dir: Path | None = None


def is_question(text: str) -> bool:
    """A message is a question (-> service.ask) if it ends with '?' or opens with a question word."""
    return text.rstrip().endswith("?") or bool(_QUESTION_START.match(text))


def message_text(content: Any) -> str:
    """The text of a chat message's content, in any of the shapes Gradio's Chatbot hands back."""
    if isinstance(content, str):
        return content
    if isinstance(content, dict):
        return str(content.get("text") or "") if content.get("type", "text") == "text" else ""
    if isinstance(content, (list, tuple)):
        return " ".join(t for t in (message_text(c) for c in content) if t)
    return ""


def user_messages(history: list[dict]) -> list[str]:
    """The user's earlier messages, oldest first: the context for follow-up questions."""
    out = []
    for m in history or []:
        role = m.get("role") if isinstance(m, dict) else getattr(m, "role", None)
        content = m.get("content") if isinstance(m, dict) else getattr(m, "content", None)
        if role == "user" and (text := message_text(content).strip()):
            out.append(text)
    return out


def _downloads() -> Path:
    global _download_dir
    if _download_dir is None or not _download_dir.is_dir():
        _download_dir = Path(tempfile.mkdtemp(prefix="claimcheck-ui-"))
    return _download_dir


def write_claimreview(result: CheckResult) -> str:
    """Write the ClaimReview JSON-LD of a result to a fresh temp file; prune files older than an hour."""
    folder = _downloads()
    now = time.time()
    for old in folder.glob("claimreview-*.json"):
        try:
            if now - old.stat().st_mtime > _DOWNLOAD_MAX_AGE_S:
                old.unlink()
        except OSError:
            pass
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, prefix="claimreview-", suffix=".json",
                                     delete=False) as fh:
        json.dump(to_claimreview(result), fh, indent=2, ensure_ascii=False)
    return fh.name


def answer_for(message: str, previous: list[str], service_getter: Callable,
               user: str = "local") -> tuple[str, CheckResult | None]:
    """(HTML answer, the CheckResult if the message was a claim). A claim checked before is answered with the
    earlier verdicts first (reviewed ones marked, the machine's verdict beside), then this check; the check is
    recorded as ``user``'s. Never raises."""
    try:
        service = service_getter()
        if is_question(message):
            return answer_html(service.ask(message, previous)), None
        seen = seen_before(service, message)
        result = service.check(message)
        record(service, result, "ui", user)
        return seen_block(seen) + result_html(result), result
    except ClaimcheckError as exc:
        return error_html(str(exc)), None
    except Exception:  # noqa: BLE001 - the UI shows one line; the log keeps the traceback
        log.exception("chat request failed")
        return error_html("Something went wrong while checking this -> try again; the server log has details"), None


def seen_block(matches: list[dict]) -> str:
    """The chat's "Seen before" box above a result ('' when the claim is new)."""
    if not matches:
        return ""
    return ('<div class="cc-seen-before"><div class="cc-seen-title">Seen before (earlier checks of this claim; '
            f'reviewed verdicts first)</div>{matches_html(matches)}</div>')


def respond(message: str, history: list[dict] | None, service_getter: Callable,
            user: str = "local") -> Iterator[tuple]:
    """Generator handler: yields (chat history, textbox value, download button update)."""
    message = (message or "").strip()
    history = list(history or [])
    if not message:
        yield history, "", gr.skip()
        return
    previous = user_messages(history)
    pending = "Answering…" if is_question(message) else "Checking the claim against the sources…"
    history += [{"role": "user", "content": message}, {"role": "assistant", "content": pending_html(pending)}]
    yield list(history), "", gr.skip()
    html, result = answer_for(message, previous, service_getter, user)
    history = history[:-1] + [{"role": "assistant", "content": html}]
    download = gr.DownloadButton(value=write_claimreview(result), interactive=True) if result else gr.skip()
    yield history, "", download


def build_tab(service_getter: Callable) -> None:
    """The Chat tab, built inside the app's gr.Tabs()."""
    with gr.Tab("Chat", id="chat"):
        chatbot = gr.Chatbot(
            elem_id="cc-chat", label="Claim check", show_label=False, height="65vh", min_height=420, layout="panel",
            sanitize_html=True, latex_delimiters=[], feedback_options=None, buttons=["copy"],
            placeholder="Type a claim to check it against the cited corpus, or ask a question "
                        "(questions end with ?).")
        with gr.Row(equal_height=True):
            box = gr.Textbox(elem_id="cc-input", show_label=False, scale=8, lines=1, max_lines=4, autofocus=True,
                             placeholder="e.g. 30,000 foreigners joined ISIS")
            send = gr.Button("Check", variant="primary", scale=1, elem_id="cc-send", min_width=90)
        gr.Markdown("**Try an example:**")
        with gr.Row(elem_classes=["cc-examples"]):
            buttons = [gr.Button(text, size="sm", variant="secondary") for text in EXAMPLES]
        with gr.Row():
            download = gr.DownloadButton("Download ClaimReview JSON (last check)", value=None, interactive=False,
                                         size="sm", elem_id="cc-download", scale=0, min_width=320)

        def handler(message, history, request: gr.Request):
            user = gradio_user(request, service_getter().settings) if request is not None else "local"
            yield from respond(message, history, service_getter, user)

        outputs = [chatbot, box, download]
        common = dict(fn=handler, inputs=[box, chatbot], outputs=outputs, api_visibility="private",
                      concurrency_limit=4)
        box.submit(**common)
        send.click(**common)
        for button, text in zip(buttons, EXAMPLES):
            button.click(lambda t=text: t, inputs=None, outputs=box, api_visibility="private", queue=False).then(
                **common)
        chatbot.clear(lambda: gr.DownloadButton(value=None, interactive=False), inputs=None, outputs=download,
                      api_visibility="private", queue=False)
