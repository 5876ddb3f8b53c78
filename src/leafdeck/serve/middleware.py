"""The brand kit's own ASGI middleware: request size limits that still answer with a page, and
security headers on every response."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response

from leafdeck.read.assets import MAX_IMAGE_BYTES

MAX_BODY_BYTES = 4 * MAX_IMAGE_BYTES
"""Largest request accepted (40 MB): a logo over the image limit still reaches the image check,
which names its size; anything larger is answered with a page saying so, unread."""
DRAIN_LIMIT_BYTES = 25 * MAX_BODY_BYTES
"""Largest over-limit request read to the end to answer it with a page (1 GB; beyond, the
connection is closed)."""
TOO_LARGE = f"The file is too large to upload: the limit for a logo is {MAX_IMAGE_BYTES:,} bytes (10 MB)."
HEADERS = {
    "Content-Security-Policy": "default-src 'none'; img-src 'self' data:; style-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
}


class TooLarge:
    """A request whose Content-Length is over ``MAX_BODY_BYTES`` is read to the end (up to
    ``DRAIN_LIMIT_BYTES``, discarded) and answered with a page saying so: a browser still sending
    when the server closes would show "connection reset" instead of the page. A request without
    Content-Length (chunked) is cut off once it passes the limit, with the same page."""

    def __init__(self, app: Any, refuse: Callable[[Request], Response]) -> None:
        self.app = app
        self.refuse = refuse

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        length = dict(scope.get("headers", [])).get(b"content-length", b"0") if scope["type"] == "http" else b"0"
        if not length.isdigit() or int(length) <= MAX_BODY_BYTES:
            seen = 0

            async def counted() -> Any:
                nonlocal seen
                message = await receive()
                seen += len(message.get("body", b""))
                if seen > MAX_BODY_BYTES:
                    raise HTTPException(413)
                return message

            await self.app(scope, counted if scope["type"] == "http" else receive, send)
            return
        if int(length) <= DRAIN_LIMIT_BYTES:
            while (message := await receive())["type"] == "http.request" and message.get("more_body"):
                pass
        await self.refuse(Request(scope))(scope, receive, send)


class SecurityHeaders:
    """Security headers on every response."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                message["headers"] = [
                    *message.get("headers", []),
                    *((k.lower().encode(), v.encode()) for k, v in HEADERS.items()),
                ]
            await send(message)

        await self.app(scope, receive, with_headers)
