"""The UI's tabs, in order. Each is ``build_tab(service_getter) -> None``, called inside ``gr.Tabs()``.

Contract for a tab module (``assistant.article.ui_tab``, ``assistant.batch.ui_tab``, ...)::

    def build_tab(service_getter: Callable[[], assistant.service.Service]) -> None:
        with gr.Tab("Article", id="article"):
            ...  # components and their event listeners

``service_getter()`` returns the shared Service (it loads the index on first call and may raise a
ClaimcheckError, which the tab shows as a one-line message). Optional tabs whose module is not installed yet
are skipped; an ImportError raised *inside* an existing tab module is not hidden.
"""
from __future__ import annotations

import importlib
from typing import Callable

from assistant.ui import chat, corpus_tab

TabBuilder = Callable[[Callable], None]

# Tabs built by other packages, in display order after Chat and before Corpus.
OPTIONAL_TAB_MODULES = ("assistant.article.ui_tab", "assistant.batch.ui_tab", "assistant.ui.review_tab")


def _optional(module_name: str) -> TabBuilder | None:
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        # Missing module (or its package): skip. A missing import inside the module itself is a real bug.
        if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            return None
        raise
    return getattr(module, "build_tab", None)


def tab_builders() -> list[TabBuilder]:
    """Chat, then the optional tabs that are present, then Corpus."""
    optional = [b for b in (_optional(m) for m in OPTIONAL_TAB_MODULES) if b is not None]
    return [chat.build_tab, *optional, corpus_tab.build_tab]
