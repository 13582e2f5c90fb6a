"""The first thing every request meets: the bearer token, then the content type.

Why a middleware and not only FastAPI's ``Security`` dependency: FastAPI reads and parses the
body before it runs dependencies, so an unauthenticated client sending malformed JSON got a
422 that described the request schema, and a form post got a validation error instead of a
415. Here nothing of the body is read before the token is checked (constant-time compare) and
the content type is JSON. The dependency stays on the route for the OpenAPI security scheme.
"""

from __future__ import annotations

import hmac

from starlette.types import ASGIApp, Receive, Scope, Send

from llm_extract.service.errors import error_response

__all__ = ["PROTECTED_PREFIX", "GuardMiddleware", "is_json_content_type"]

PROTECTED_PREFIX = "/v1/"


def is_json_content_type(value: str) -> bool:
    """``application/json`` or any ``+json`` type, parameters (charset) allowed."""
    media = value.split(";", 1)[0].strip().lower()
    return media == "application/json" or (media.startswith("application/")
                                           and media.endswith("+json"))


class GuardMiddleware:
    """Pure ASGI middleware: 401 without the token, 415 for a body that is not JSON."""

    def __init__(self, app: ASGIApp, token: str | None) -> None:
        self.app = app
        self._expected = token.encode() if token else None

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(PROTECTED_PREFIX):
            await self.app(scope, receive, send)
            return
        headers = dict(scope["headers"])
        if self._expected is not None:
            scheme, _, given = headers.get(b"authorization", b"").partition(b" ")
            ok = scheme.lower() == b"bearer" and hmac.compare_digest(given.strip(),
                                                                     self._expected)
            if not ok:
                refusal = error_response(401, "unauthorized", "HTTPException",
                                         "missing or invalid bearer token",
                                         {"WWW-Authenticate": "Bearer"})
                await refusal(scope, receive, send)
                return
        if scope["method"] in ("POST", "PUT", "PATCH"):
            content_type = headers.get(b"content-type", b"").decode("latin-1")
            if not is_json_content_type(content_type):
                shown = content_type or "none"
                refusal = error_response(415, "unsupported_media_type", "HTTPException",
                                         f"the body must be JSON (Content-Type: "
                                         f"application/json), not {shown}")
                await refusal(scope, receive, send)
                return
        await self.app(scope, receive, send)
