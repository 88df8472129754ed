"""What keeps bad input from ever becoming a 500: body size limits, error mapping, one-line messages.

* ``BodyLimitMiddleware`` (ASGI): refuses a body over ``server.max_request_bytes`` with 413, by its
  Content-Length before reading, and by the bytes actually received (chunked or lying clients).
* ``guarded_route_class(max_bytes)``: the API's route class. It applies the same size check per route (so
  the router is safe wherever it is mounted) and maps every error to a JSON body
  ``{"detail": "<one line with the fix>", ...}``: bad JSON -> 400, wrong types -> 422, InputError -> 422,
  index problems -> 503, backend failures -> 502, anything else -> 500 (logged with its traceback).
"""
from __future__ import annotations

import logging
from typing import Any, Callable

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from assistant.errors import BackendError, ClaimcheckError, IndexError_, InputError

log = logging.getLogger("claimcheck.api")

_BODY_METHODS = {"POST", "PUT", "PATCH"}


class BodyTooLarge(Exception):
    def __init__(self, size: int | None, limit: int) -> None:
        self.size = size
        self.limit = limit


def too_large_body(limit: int, size: int | None = None) -> dict:
    got = f"{size:,} bytes" if size is not None else "over the limit"
    return {"detail": f"the request body is {got}; the limit is {limit:,} bytes -> send less (split a batch into "
                      "several requests) or raise CLAIMCHECK_SERVER__MAX_REQUEST_BYTES",
            "error": "request_too_large", "limit_bytes": limit}


def error_body(detail: str, error: str, **more: Any) -> dict:
    return {"detail": detail, "error": error, **more}


def _content_length(headers) -> int | None | str:
    value = headers.get("content-length")
    if value is None:
        return None
    value = value.strip()
    return int(value) if value.isdigit() else "bad"


class BodyLimitMiddleware:
    """ASGI middleware: 413 for a request body over ``max_bytes`` (checked on Content-Length and on the bytes
    received). Only paths under ``path_prefix`` are checked ("" = every path)."""

    def __init__(self, app: ASGIApp, max_bytes: int, path_prefix: str = "") -> None:
        self.app = app
        self.max_bytes = max_bytes
        self.path_prefix = path_prefix.rstrip("/")

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or (self.path_prefix and not (
                scope["path"] == self.path_prefix or scope["path"].startswith(self.path_prefix + "/"))):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        length = _content_length(headers)
        if length == "bad":
            await JSONResponse(error_body("the Content-Length header is not a number -> send a valid request",
                                          "bad_request"), status_code=400)(scope, receive, send)
            return
        if isinstance(length, int) and length > self.max_bytes:
            await JSONResponse(too_large_body(self.max_bytes, length), status_code=413)(scope, receive, send)
            return
        if scope.get("method") not in _BODY_METHODS:
            await self.app(scope, receive, send)
            return
        # Read the body up front (at most max_bytes + one chunk), then replay it to the app.
        chunks: list[bytes] = []
        size = 0
        while True:
            message = await receive()
            if message["type"] == "http.disconnect":
                return
            chunk = message.get("body", b"")
            size += len(chunk)
            if size > self.max_bytes:
                await JSONResponse(too_large_body(self.max_bytes), status_code=413)(scope, receive, send)
                return
            chunks.append(chunk)
            if not message.get("more_body", False):
                break
        body = b"".join(chunks)
        replayed = False

        async def replay() -> Message:
            nonlocal replayed
            if not replayed:
                replayed = True
                return {"type": "http.request", "body": body, "more_body": False}
            return await receive()

        await self.app(scope, replay, send)


async def read_body_limited(request: Request, max_bytes: int) -> None:
    """Read and cache the request body, raising BodyTooLarge past max_bytes (Content-Length checked first)."""
    length = _content_length(request.headers)
    if isinstance(length, int) and length > max_bytes:
        raise BodyTooLarge(length, max_bytes)
    if request.method not in _BODY_METHODS or hasattr(request, "_body"):
        return
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > max_bytes:
            raise BodyTooLarge(None, max_bytes)
        chunks.append(chunk)
    request._body = b"".join(chunks)  # starlette's cache: FastAPI's body parsing reads it from here


def _loc(loc: tuple) -> str:
    parts = [str(p) for p in loc if p != "body"]
    return ".".join(parts) or "body"


def validation_response(exc: RequestValidationError, request: Request) -> JSONResponse:
    errors = exc.errors()
    for e in errors:
        if e.get("type") == "json_invalid":
            pos = e.get("loc", ("body", "?"))[-1]
            reason = (e.get("ctx") or {}).get("error", "JSON decode error")
            return JSONResponse(error_body(f"the request body is not valid JSON ({reason} at character {pos}) -> "
                                           "send a JSON object, e.g. {\"claim\": \"...\"}", "bad_json"),
                                status_code=400)
    content_type = request.headers.get("content-type", "")
    if any(tuple(e.get("loc", ())) == ("body",) for e in errors) and "json" not in content_type.lower():
        if content_type or request.headers.get("content-length", "0") != "0":
            return JSONResponse(error_body(f"the request body must be JSON, not {content_type or 'untyped data'} "
                                           "-> send a JSON object with Content-Type: application/json",
                                           "unsupported_media_type"), status_code=415)
    simple = []
    for e in errors:
        msg = e.get("msg", "invalid")
        if e.get("type") == "extra_forbidden":
            msg = "unknown field (check the spelling; see /api/docs)"
        elif e.get("type") == "missing":
            msg = "required field is missing"
        simple.append({"field": _loc(tuple(e.get("loc", ()))), "message": msg.replace("Value error, ", ""),
                       "type": e.get("type", "")})
    text = "; ".join(f"{s['field']}: {s['message']}" for s in simple[:5])
    if len(simple) > 5:
        text += f"; and {len(simple) - 5} more"
    return JSONResponse(error_body(f"invalid request: {text} -> see the request schema at /api/docs",
                                   "invalid_request", errors=simple), status_code=422)


def claimcheck_error_response(exc: ClaimcheckError) -> JSONResponse:
    one_line = " ".join(str(exc).split())
    more = {"problem": exc.problem, "fix": exc.fix}
    if isinstance(exc, InputError):
        return JSONResponse(error_body(one_line, "invalid_input", **more), status_code=422)
    if isinstance(exc, IndexError_):
        return JSONResponse(error_body(one_line, "index_unavailable", **more), status_code=503)
    if isinstance(exc, BackendError):
        return JSONResponse(error_body(one_line, "backend_unavailable", **more), status_code=502)
    log.error("claimcheck error in the API: %s", one_line)
    return JSONResponse(error_body(one_line, type(exc).__name__, **more), status_code=500)


def guarded_route_class(max_bytes: int) -> type[APIRoute]:
    """An APIRoute subclass that enforces max_bytes and turns every error into a clear JSON response."""

    class GuardedRoute(APIRoute):
        def get_route_handler(self) -> Callable:
            original = super().get_route_handler()

            async def handler(request: Request):
                try:
                    await read_body_limited(request, max_bytes)
                    return await original(request)
                except BodyTooLarge as exc:
                    return JSONResponse(too_large_body(exc.limit, exc.size), status_code=413)
                except RequestValidationError as exc:
                    return validation_response(exc, request)
                except ClaimcheckError as exc:
                    return claimcheck_error_response(exc)
                except HTTPException as exc:
                    if exc.status_code == 400 and exc.detail == "There was an error parsing the body":
                        return JSONResponse(error_body("the request body is not valid JSON (it is not UTF-8 text) -> "
                                                       "send a JSON object encoded as UTF-8", "bad_json"),
                                            status_code=400)
                    raise
                except Exception as exc:  # noqa: BLE001 - a bug: log it, answer one line, never a bare 500 page
                    log.exception("unexpected error on %s %s", request.method, request.url.path)
                    return JSONResponse(error_body(f"internal error ({type(exc).__name__}) -> this is a bug; "
                                                   "please report it with the request", "internal_error"),
                                        status_code=500)

            return handler

    return GuardedRoute
