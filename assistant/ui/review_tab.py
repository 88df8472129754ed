"""The Review tab: the moderators' queue (filters), one item with its evidence and citations, confirm / change /
publish with a note, and the item's history. The reviewer is the authenticated user (basic auth), ``local``
when auth is off. Saving names the version that was opened: if someone else saved in between, nothing is
overwritten and the tab says who did.
"""
from __future__ import annotations

import html
import logging
from typing import Callable

import gradio as gr

from assistant.errors import ClaimcheckError, ReviewConflictError
from assistant.store.identity import gradio_user
from assistant.types import VERDICTS, CheckResult

log = logging.getLogger(__name__)

HEADERS = ["id", "status", "verdict", "machine", "reason", "reviewer", "claim"]
ALL = "all"


def _store(service_getter: Callable):
    from assistant.store import get_store

    return get_store(service_getter().settings)


def queue_rows(service_getter: Callable, status: str, verdict: str, query: str) -> tuple[list[list], str]:
    try:
        items, total = _store(service_getter).reviews(status=None if status == ALL else status,
                                                      verdict=None if verdict == ALL else verdict,
                                                      query=query or None, limit=500)
    except ClaimcheckError as exc:
        return [], f"⚠ {exc}"
    rows = [[str(r["id"]), r["status"], r["verdict"], r["machine_verdict"], r["reason"], r["reviewer"], r["claim"]]
            for r in items]
    return rows, f"{len(rows)} of {total} items" if len(rows) != total else f"{total} items"


def item_html(item: dict) -> str:
    e = html.escape
    parts = [f"<div class='cc-review-item' data-review-id='{item['id']}'>",
             f"<p><b>Claim:</b> <span class='cc-review-claim'>{e(item['claim'])}</span></p>",
             f"<p><b>Verdict:</b> <span class='cc-review-verdict'>{e(item['verdict'])}</span> ({e(item['status'])}, "
             f"version {item['version']}) · <b>machine:</b> {e(item['machine_verdict'])} "
             f"({item['machine_confidence']:.2f}) · queued because: {e(item['reason'])}</p>"]
    if item["reviewer"]:
        parts.append(f"<p>Last reviewed by <b>{e(item['reviewer'])}</b> at {e(item['reviewed_at'])}</p>")
    if item.get("check"):
        parts.append(f"<p class='cc-review-asked'>Asked by {e(item['check']['asked_by'])} via "
                     f"{e(item['check']['via'])} at {e(item['check']['created_at'])}</p>")
    if item.get("result"):
        try:
            from assistant.ui.render_html import result_html
            parts.append("<h4>The machine's result</h4>" + result_html(CheckResult.model_validate(item["result"])))
        except Exception:  # noqa: BLE001 - an old stored result the renderer no longer reads
            log.exception("could not render stored result of review %s", item["id"])
    return "".join(parts) + "</div>"


def history_html(history: list[dict]) -> str:
    e = html.escape
    rows = []
    for h in history:
        changed = ", ".join(f"{e(k)}: {e(str(h['before'].get(k, '')))[:60]} → {e(str(v))[:60]}"
                            for k, v in h["after"].items() if k not in ("updated_at", "reviewed_at", "version"))
        rows.append(f"<tr><td>{e(h['at'][:19])}</td><td>{e(h['who'])}</td><td>{e(h['action'])}</td>"
                    f"<td>{changed if h['action'] != 'queued' else ''}</td></tr>")
    return ("<table class='cc-review-history'><tr><th>when</th><th>who</th><th>what</th><th>change</th></tr>"
            + "".join(rows) + "</table>")


def seen_before_html(service_getter: Callable, claim: str) -> str:
    """Claims seen before for a claim typed in the tab: reviewed ones first, with the machine's verdict beside."""
    e = html.escape
    if not (claim or "").strip():
        return ""
    try:
        matches = service_getter().similar(claim)
    except ClaimcheckError as exc:
        return f"<p class='cc-seen-error'>⚠ {e(str(exc))}</p>"
    if not matches:
        return "<p class='cc-seen-none'>Not seen before.</p>"
    return matches_html(matches)


def matches_html(matches: list[dict]) -> str:
    """The list of claims seen before (the store's similar-claim matches), reviewed ones marked."""
    e = html.escape
    rows = []
    for m in matches:
        who = (f"{e(m['status'])} by {e(m['reviewer'])} {e(m['reviewed_at'][:10])}" if m["reviewed"]
               else f"machine, {e(m['checked_at'][:10])}")
        mark = "<b>REVIEWED</b> " if m["reviewed"] else ""
        rows.append(f"<li class='cc-seen'>{mark}<span class='cc-seen-verdict'>{e(m['verdict'])}</span> ({who}; "
                    f"machine: {e(m['machine_verdict'])}) · similarity {m['similarity']:.2f} · "
                    f"review {m['review_id'] or '-'}: {e(m['claim'])}</li>")
    return "<ul class='cc-seen-list'>" + "".join(rows) + "</ul>"


def open_item(service_getter: Callable, review_id):
    """(item HTML, verdict, explanation, missing context, note, status, version, history HTML, message)."""
    try:
        item = _store(service_getter).review(int(review_id))
    except (ClaimcheckError, TypeError, ValueError) as exc:
        message = str(exc) if isinstance(exc, ClaimcheckError) else "give a review id -> pick one from the queue"
        return "", None, "", "", "", "reviewed", 0, "", f"⚠ {message}"
    status = item["status"] if item["status"] != "queued" else "reviewed"
    return (item_html(item), item["verdict"], item["explanation"], item["missing_context"], "", status,
            item["version"], history_html(item["history"]), "")


def save_item(service_getter: Callable, review_id, version, verdict, explanation, missing, note, status,
              request: gr.Request | None):
    try:
        store = _store(service_getter)
        who = gradio_user(request, service_getter().settings)
        saved = store.update_review(int(review_id), who, int(version), verdict=verdict, explanation=explanation,
                                    missing_context=missing, note=note, status=status)
    except ReviewConflictError as exc:
        return gr.update(), f"⚠ {exc}"
    except ClaimcheckError as exc:
        return gr.update(), f"⚠ {exc}"
    except (TypeError, ValueError):
        return gr.update(), "⚠ no item is open -> open one from the queue first"
    return saved["version"], f"Saved: {saved['verdict']} ({saved['status']}) by {saved['reviewer']}"


def build_tab(service_getter: Callable) -> None:
    with gr.Tab("Review", id="review", elem_id="cc-review-tab") as tab:
        with gr.Row(equal_height=True):
            status = gr.Dropdown([ALL, "queued", "reviewed", "published"], value="queued", label="Status",
                                 elem_id="cc-review-status")
            verdict_filter = gr.Dropdown([ALL, *VERDICTS], value=ALL, label="Verdict", elem_id="cc-review-filter")
            query = gr.Textbox(label="Claim contains", elem_id="cc-review-query")
            refresh = gr.Button("Refresh", elem_id="cc-review-refresh")
        summary = gr.Markdown("", elem_id="cc-review-summary")
        table = gr.Dataframe(headers=HEADERS, value=[], datatype=["str"] * len(HEADERS), type="array",
                             interactive=False, wrap=True, max_height=360, elem_id="cc-review-table",
                             column_widths=["6%", "9%", "14%", "14%", "12%", "9%", "36%"])
        with gr.Row(equal_height=True):
            review_id = gr.Number(label="Review id", precision=0, elem_id="cc-review-id")
            open_btn = gr.Button("Open", elem_id="cc-review-open")
        item = gr.HTML("", elem_id="cc-review-item")
        version = gr.State(0)
        with gr.Row():
            verdict = gr.Dropdown(list(VERDICTS), label="Verdict (keep the machine's to confirm)",
                                  elem_id="cc-review-verdict")
            new_status = gr.Radio(["queued", "reviewed", "published"], value="reviewed", label="Status",
                                  elem_id="cc-review-new-status")
        explanation = gr.Textbox(label="Explanation", lines=3, elem_id="cc-review-explanation")
        missing = gr.Textbox(label="Missing context", lines=2, elem_id="cc-review-missing")
        note = gr.Textbox(label="Note (required when you change the verdict)", elem_id="cc-review-note")
        save = gr.Button("Save", variant="primary", elem_id="cc-review-save")
        message = gr.Markdown("", elem_id="cc-review-message")
        gr.Markdown("#### History")
        history = gr.HTML("", elem_id="cc-review-history")
        gr.Markdown("#### Seen before?")
        with gr.Row(equal_height=True):
            seen_query = gr.Textbox(show_label=False, placeholder="A claim: find earlier checks that say the same",
                                    scale=4, elem_id="cc-seen-query")
            seen_btn = gr.Button("Look up", elem_id="cc-seen-lookup")
        seen = gr.HTML("", elem_id="cc-seen-results")

        def on_refresh(s, v, q):
            return queue_rows(service_getter, s, v, q)

        def on_select(evt: gr.SelectData, rows):
            try:
                return int(rows[evt.index[0]][0])
            except (TypeError, ValueError, IndexError):
                return gr.update()

        def on_open(rid):
            return open_item(service_getter, rid)

        def on_save(rid, ver, v, exp, mis, nt, st, request: gr.Request):
            return save_item(service_getter, rid, ver, v, exp, mis, nt, st, request)

        filters = [status, verdict_filter, query]
        opened = [item, verdict, explanation, missing, note, new_status, version, history, message]
        for trigger in (tab.select, refresh.click, status.change, verdict_filter.change, query.submit):
            trigger(on_refresh, inputs=filters, outputs=[table, summary], api_visibility="private")
        table.select(on_select, inputs=[table], outputs=[review_id], api_visibility="private")
        for trigger in (seen_btn.click, seen_query.submit):
            trigger(lambda c: seen_before_html(service_getter, c), inputs=[seen_query], outputs=[seen],
                    api_visibility="private")
        open_btn.click(on_open, inputs=[review_id], outputs=opened, api_visibility="private")
        def after_save(rid, msg):  # reload what was saved; after a refusal keep the reviewer's edits on screen
            if (msg or "").startswith("⚠"):
                return [gr.update()] * 8
            return open_item(service_getter, rid)[:8]

        save.click(on_save, inputs=[review_id, version, verdict, explanation, missing, note, new_status],
                   outputs=[version, message], api_visibility="private").then(
            after_save, inputs=[review_id, message], outputs=opened[:8], api_visibility="private")
