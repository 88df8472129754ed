"""ASGI middleware for the whole app (UI and API): HTTP basic auth and a request body size limit.

Pure ASGI (not BaseHTTPMiddleware) so Gradio's streamed responses pass through untouched.
"""
from __future__ import annotations

import base64
import binascii
import json
import secrets


async def _reply(send, status: int, message: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()),
                            *(headers or [])]})
    await send({"type": "http.response.body", "body": body})


def _header(scope, name: bytes) -> bytes | None:
    for key, value in scope.get("headers") or []:
        if key.lower() == name:
            return value
    return None


class BasicAuthMiddleware:
    """Every HTTP request and websocket must carry the one user name and password (constant-time compare)."""

    def __init__(self, app, user: str, password: str, realm: str = "claimcheck") -> None:
        self.app = app
        self._user = user.encode()
        self._password = password.encode()
        self._challenge = f'Basic realm="{realm}", charset="UTF-8"'.encode()

    def _authorised(self, scope) -> bool:
        value = _header(scope, b"authorization") or b""
        scheme, _, token = value.partition(b" ")
        if scheme.lower() != b"basic":
            return False
        try:
            user, sep, password = base64.b64decode(token.strip(), validate=True).partition(b":")
        except (binascii.Error, ValueError):
            return False
        ok_user = secrets.compare_digest(user, self._user)
        ok_password = secrets.compare_digest(password, self._password)
        if bool(sep) and ok_user and ok_password:
            scope["claimcheck_user"] = user.decode("utf-8", "replace")  # who reviews (assistant.store.identity)
            return True
        return False

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] not in ("http", "websocket") or self._authorised(scope):
            await self.app(scope, receive, send)
        elif scope["type"] == "websocket":
            await send({"type": "websocket.close", "code": 1008})
        else:
            await _reply(send, 401, "authentication required -> log in with the server's user name and password",
                         [(b"www-authenticate", self._challenge)])


class BodyLimitMiddleware:
    """Refuse request bodies over ``max_bytes`` with 413 (declared Content-Length, or counted when chunked)."""

    def __init__(self, app, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self) -> str:
        return (f"request body larger than {self.max_bytes} bytes -> send less, or raise "
                "CLAIMCHECK_SERVER__MAX_REQUEST_BYTES")

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await _reply(send, 400, "invalid Content-Length header")
                return
            if size > self.max_bytes:
                await _reply(send, 413, self._too_large())
                return
            await self.app(scope, receive, send)
            return
        if not (_header(scope, b"transfer-encoding") or b"").lower().count(b"chunked"):
            await self.app(scope, receive, send)
            return
        # Chunked body of unknown size: read it (up to the limit) before the app sees it, then replay it.
        chunks, total = [], 0
        while True:
            message = await receive()
            if message["type"] != "http.request":
                await self.app(scope, _replay([message], receive), send)
                return
            total += len(message.get("body", b""))
            if total > self.max_bytes:
                await _reply(send, 413, self._too_large())
                return
            chunks.append(message.get("body", b""))
            if not message.get("more_body", False):
                break
        await self.app(scope, _replay([{"type": "http.request", "body": b"".join(chunks), "more_body": False}],
                                      receive), send)


def _replay(messages: list[dict], receive):
    queue = list(messages)

    async def replayed():
        if queue:
            return queue.pop(0)
        return await receive()
    return replayed
