"""The REST API: ``build_router`` (mounted at /api by the UI server) and ``create_api_app`` (API only).

Endpoints: POST /api/check, /api/ask, /api/article, /api/batch; GET /api/health; docs at /api/docs.
"""
from assistant.api.app import create_api_app
from assistant.api.guard import BodyLimitMiddleware
from assistant.api.routes import build_router

__all__ = ["BodyLimitMiddleware", "build_router", "create_api_app"]
