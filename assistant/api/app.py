"""A FastAPI app serving only the REST API at /api (the UI server mounts the same router in its own app)."""
from __future__ import annotations

from fastapi import FastAPI

from assistant.api.guard import BodyLimitMiddleware
from assistant.api.routes import API_TITLE, build_router
from assistant.settings import Settings, get_settings


def create_api_app(settings: Settings | None = None, get_service_fn=None) -> FastAPI:
    """The API alone: routes under /api, docs at /api/docs, body size limit as middleware."""
    settings = settings or get_settings()
    if get_service_fn is None:
        from assistant.service import get_service

        def get_service_fn():
            return get_service(settings)

    app = FastAPI(title=API_TITLE, docs_url=None, redoc_url=None, openapi_url=None)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.server.max_request_bytes, path_prefix="/api")
    app.include_router(build_router(get_service_fn, settings), prefix="/api")
    return app
