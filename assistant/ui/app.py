"""One FastAPI app: the REST API under /api (when assistant.api is present) and the Gradio UI at /.

``create_app(settings)`` builds it; ``claimcheck serve`` runs it with uvicorn. No share link, no telemetry,
no file paths served beyond Gradio's own, uploads capped at ``server.max_request_bytes``, optional basic
auth on every route when both ``CLAIMCHECK_SERVER__AUTH_USER`` and ``..._AUTH_PASSWORD`` are set.
(Gradio telemetry is switched off in ``assistant/ui/__init__.py``, which runs before this module.)
"""
from __future__ import annotations

from typing import Callable

import gradio as gr
from fastapi import FastAPI

from assistant.errors import ConfigError
from assistant.settings import Settings, get_settings
from assistant.ui.corpus_page import corpus_router
from assistant.ui.links import rel_script_tag
from assistant.ui.middleware import BasicAuthMiddleware, BodyLimitMiddleware
from assistant.ui.style import CSS, theme
from assistant.ui.tabs import tab_builders

TITLE = "claimcheck"
INTRO = ("Check threat claims against a cited corpus of UN, government, court and research sources. "
         "Every verdict cites the passages it rests on.")


def service_getter_for(settings: Settings) -> Callable:
    """A zero-argument function returning the shared Service for these settings (loaded on first call)."""
    def get():
        from assistant.service import get_service
        return get_service(settings)
    return get


def build_blocks(service_getter: Callable) -> gr.Blocks:
    """The Gradio UI: a header and one tab per builder in assistant.ui.tabs."""
    with gr.Blocks(title=TITLE, analytics_enabled=False, delete_cache=(3600, 3600)) as blocks:
        gr.Markdown(f"# {TITLE}\n{INTRO}", elem_id="cc-header")
        with gr.Tabs():
            for build in tab_builders():
                build(service_getter)
    return blocks


def _api_router(service_getter: Callable, settings: Settings):
    """assistant.api.routes.build_router(service_getter, settings) if the API package is present, else None."""
    try:
        from assistant.api.routes import build_router
    except ModuleNotFoundError as exc:
        if exc.name in ("assistant.api", "assistant.api.routes"):
            return None
        raise
    return build_router(service_getter, settings)


def auth_credentials(settings: Settings) -> tuple[str, str] | None:
    user = settings.server.auth_user
    password = settings.server.auth_password.get_secret_value()
    if bool(user) != bool(password):
        raise ConfigError("basic auth needs both CLAIMCHECK_SERVER__AUTH_USER and CLAIMCHECK_SERVER__AUTH_PASSWORD",
                          "set both to turn auth on, or neither to turn it off")
    return (user, password) if user else None


def create_app(settings: Settings | None = None, service_getter: Callable | None = None) -> FastAPI:
    """The FastAPI app with /api (when available) and the Gradio UI mounted at /."""
    settings = settings or get_settings()
    service_getter = service_getter or service_getter_for(settings)
    credentials = auth_credentials(settings)
    # The API router serves its own /api/docs and /api/openapi.json; the UI app adds no docs routes.
    app = FastAPI(title="claimcheck", docs_url=None, redoc_url=None, openapi_url=None)

    router = _api_router(service_getter, settings)
    if router is not None:
        app.include_router(router, prefix="/api")  # before the UI mount at "/", which matches everything
    app.include_router(corpus_router(service_getter))  # /corpus/<doc_id>: what chat citations link to

    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.server.max_request_bytes)
    if credentials:
        app.add_middleware(BasicAuthMiddleware, user=credentials[0], password=credentials[1])  # outermost

    blocks = build_blocks(service_getter)
    blocks.queue(default_concurrency_limit=4, max_size=64)
    return gr.mount_gradio_app(
        app, blocks, path="/", server_name=settings.server.host, server_port=settings.server.port,
        footer_links=[], run_history=False, allowed_paths=[], show_error=False,
        max_file_size=settings.server.max_request_bytes, ssr_mode=False, mcp_server=False, pwa=False,
        enable_monitoring=False, theme=theme(), css=CSS, head=rel_script_tag())
