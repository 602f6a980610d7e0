"""Who may write, how much a request may send, and what a page may load.

Writes (extract, ingest) need the bearer token the server was started with (SITREP_TOKEN); a
server without one has writes off, and a `--read-only` server refuses them whatever the token.
"""

from __future__ import annotations

import hmac

from fastapi import HTTPException, Request, status
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from sitrep.api.settings import ServerState


def state_of(request: Request) -> ServerState:
    return request.app.state.sitrep


def require_writer(request: Request) -> ServerState:
    """A dependency of every write endpoint."""
    st = state_of(request)
    if st.settings.read_only:
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            "this server has the store open read-only (--read-only); restart it without the flag to write")
    token = st.settings.token
    if not token:
        raise HTTPException(status.HTTP_403_FORBIDDEN,
                            "writes are off: start the server with SITREP_TOKEN set to enable extract and ingest")
    given = request.headers.get("authorization", "")
    scheme, _, value = given.partition(" ")
    # Compared in constant time, so response timing tells nothing about the token.
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "give the server's token as `Authorization: Bearer <SITREP_TOKEN>`",
                            headers={"WWW-Authenticate": "Bearer"})
    return st


class BodyLimit:
    """Refuse a request body over `limit` bytes with 413, by its Content-Length when it gives
    one and by counting when it streams (chunked), before the application buffers it."""

    def __init__(self, app: ASGIApp, limit: int) -> None:
        self.app, self.limit = app, limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _too_large(send, self.limit)
            return
        seen = 0
        started = False

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counted, tracking_send)
        except _TooLarge:
            if not started:
                await _too_large(send, self.limit)


class _TooLarge(Exception):
    pass


async def _too_large(send: Send, limit: int) -> None:
    body = (b'{"detail":"the request body is larger than this server takes (%d bytes); '
            b'send fewer articles per request"}' % limit)
    await send({"type": "http.response.start", "status": 413,
                "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]})
    await send({"type": "http.response.body", "body": body})


# The UI loads only its own files: no inline script, no other origin, no plugins, and no
# page may frame it. Article text reaches the page as data and is set as text, never as HTML.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; "
       "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; "
       "form-action 'self'")
# FastAPI's /docs page loads its own (packaged) Swagger files with one inline script.
DOCS_CSP = ("default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
            "img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'")


class SecurityHeaders:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        csp = DOCS_CSP if path.startswith("/docs") or path.startswith("/redoc") else CSP

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers") or [])
                headers += [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
                            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]
                message = dict(message, headers=headers)
            await send(message)

        await self.app(scope, receive, with_headers)
