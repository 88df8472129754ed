"""The UI's look: a Gradio theme with local system fonts (no web-font downloads) and the CSS of the answers."""
from __future__ import annotations

import gradio as gr

SYSTEM_FONTS = ["ui-sans-serif", "system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial",
                "sans-serif"]
MONO_FONTS = ["ui-monospace", "SFMono-Regular", "Menlo", "Consolas", "monospace"]


def theme() -> gr.themes.Base:
    return gr.themes.Default(primary_hue="blue", neutral_hue="slate", font=SYSTEM_FONTS, font_mono=MONO_FONTS)


CSS = """
.gradio-container { max-width: 1100px !important; margin: 0 auto !important; }
#cc-header h1 { margin-bottom: 0; }
#cc-header p { margin-top: 4px; color: var(--body-text-color-subdued); }
.cc-examples button { white-space: normal; }
.cc-result { line-height: 1.5; }
.cc-verdict { display: flex; align-items: center; gap: 10px; margin-bottom: 6px; }
.cc-badge { display: inline-block; padding: 3px 10px; border-radius: 999px; font-weight: 700;
  font-size: 0.8em; letter-spacing: 0.04em; }
.cc-badge.cc-answer { background: #0b5cad; color: #fff; }
.cc-confidence, .cc-footer, .cc-kind, .cc-src-meta { color: var(--body-text-color-subdued); font-size: 0.85em; }
.cc-result .cc-claim { font-style: italic; margin-bottom: 4px; }  /* the chat's claim line, not article cards */
.cc-explanation, .cc-missing { margin: 6px 0; }
.cc-cite { font-weight: 600; color: var(--color-accent); cursor: help; }
.cc-cite a { color: inherit; text-decoration: none; cursor: pointer; }
.cc-cite a:hover, .cc-cite a:focus { text-decoration: underline; }
.cc-source:target { outline: 2px solid var(--color-accent); outline-offset: 2px; border-radius: 4px; }
.cc-answer-lines { margin: 6px 0; padding-left: 1.2em; }
.cc-answer-lines li { margin: 4px 0; }
.cc-h { font-weight: 600; margin: 8px 0 4px; font-size: 0.9em; }
/* Wide tables scroll inside their own box; nothing widens the page (a phone is 390 px wide). */
/* contain: inline-size keeps the table's width out of the flex layout's min-content sizing (which otherwise
   widens the whole Gradio column to the table's width); the box takes its parent's width and scrolls. */
.cc-figures { contain: inline-size; max-width: 100%; overflow-x: auto; -webkit-overflow-scrolling: touch; }
.cc-result, .cc-article { max-width: 100%; min-width: 0; overflow-wrap: anywhere; }
.cc-table { border-collapse: collapse; font-size: 0.85em; width: 100%; margin: 0; }
/* On a phone the table scrolls sideways rather than squeezing the Counted and Source columns to a word a line. */
.cc-figures .cc-table { min-width: 760px; }
.cc-figures .cc-table td:first-child { min-width: 7em; }
.cc-figures .cc-table td:nth-child(5) { min-width: 15em; }
.cc-table th, .cc-table td { border: 1px solid var(--border-color-primary); padding: 3px 6px; text-align: left;
  vertical-align: top; }
.cc-table th, .cc-table td { overflow-wrap: normal; word-break: normal; hyphens: none; }
.cc-table th { background: var(--background-fill-secondary); white-space: nowrap; }
.cc-table td.cc-rel, .cc-table td.cc-ref { white-space: nowrap; }
.cc-table td.cc-num { white-space: nowrap; font-variant-numeric: tabular-nums; }
.cc-table td.cc-date { white-space: nowrap; }
.cc-rel-matches .cc-rel { color: #1a7f37; font-weight: 600; }
.cc-rel-differs .cc-rel, .cc-rel-counts_other_thing .cc-rel, .cc-rel-revised .cc-rel { color: #b45309;
  font-weight: 600; }
.cc-result .cc-sources { margin-top: 8px; border: 1px solid var(--border-color-primary); border-radius: 8px;
  padding: 4px 10px; }
.cc-result .cc-sources summary { cursor: pointer; font-weight: 600; }
.cc-source-list { padding-left: 1.6em; margin: 6px 0; }
.cc-source { margin-bottom: 10px; }
.cc-result .cc-quote { margin: 0 0 2px; padding: 2px 8px; border-left: 3px solid var(--border-color-accent);
  font-style: normal; }
.cc-src-title { font-weight: 600; font-size: 0.9em; }
.cc-footer { margin-top: 6px; }
.cc-error { color: #b42318; font-weight: 600; }
.cc-error::before { content: "\\26A0  "; }
.cc-pending { display: flex; align-items: center; gap: 8px; color: var(--body-text-color-subdued); }
.cc-spinner { display: inline-block; flex: none; box-sizing: border-box; width: 16px; height: 16px;
  border: 3px solid #cbd5e1; border-top-color: #2563eb; border-radius: 50%; animation: cc-spin 0.8s linear infinite; }
#cc-corpus-table, #cc-batch-table, #cc-review-table { contain: inline-size; max-width: 100%; overflow-x: auto; }
#cc-review-tab { contain: inline-size; max-width: 100%; min-width: 0; }
[role="tablist"] { max-width: 100%; min-width: 0; flex-wrap: wrap; }
#cc-review-item, .cc-seen-before, .cc-seen-list { max-width: 100%; min-width: 0; overflow-wrap: anywhere; }
.cc-seen-before { border-left: 3px solid #b45309; padding: 2px 8px; margin-bottom: 6px; }
.cc-seen-title { font-weight: 600; font-size: 0.9em; }
.cc-note-label { font-weight: 600; font-size: 0.85em; color: #b45309; }
.cc-direct { font-weight: 600; }
.cc-doc-provenance { display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; margin: 0;
  font-size: 0.9em; }
.cc-doc-provenance dt { font-weight: 600; color: var(--body-text-color-subdued); }
.cc-doc-provenance dd { margin: 0; min-width: 0; overflow-wrap: anywhere; }
.cc-doc-note { border-left: 4px solid #b45309; padding: 4px 10px; margin: 8px 0; }
@media (max-width: 600px) {
  .cc-doc-provenance { grid-template-columns: 1fr; }
  .cc-doc-provenance dd { margin-bottom: 6px; }
}
@keyframes cc-spin { to { transform: rotate(360deg); } }
"""
