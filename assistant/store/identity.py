"""Who is asking or reviewing: the authenticated user (HTTP basic auth today), ``local`` when auth is off.

The app's BasicAuthMiddleware has already checked the password before a request reaches a handler, so the
user name in the Authorization header is the authenticated one.
"""
from __future__ import annotations

import base64
import binascii

LOCAL = "local"


def user_from_authorization(value: str | None, auth_on: bool) -> str:
    if not auth_on or not value:
        return LOCAL
    scheme, _, token = value.partition(" ")
    if scheme.lower() != "basic":
        return LOCAL
    try:
        user = base64.b64decode(token.strip(), validate=True).decode("utf-8", "replace").partition(":")[0]
    except (binascii.Error, ValueError):
        return LOCAL
    return user or LOCAL


def request_user(headers, settings, scope: dict | None = None) -> str:
    """The user of an HTTP request: the one the app's BasicAuthMiddleware authenticated (``scope``), else the
    basic-auth header's user when these settings turn auth on, else ``local``."""
    if scope and scope.get("claimcheck_user"):
        return str(scope["claimcheck_user"])
    auth_on = bool(settings.server.auth_user)
    return user_from_authorization(headers.get("authorization") if headers is not None else None, auth_on)


def gradio_user(request, settings) -> str:
    """The user of a Gradio event (its ``gr.Request`` wraps the HTTP request that carried the credentials)."""
    if request is None:
        return LOCAL
    http = getattr(request, "request", None)
    scope = getattr(http, "scope", None) if http is not None else None
    headers = getattr(http, "headers", None) if http is not None else None
    return request_user(headers, settings, scope)
