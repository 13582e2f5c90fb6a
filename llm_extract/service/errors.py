"""HTTP status codes for the llm_extract exception tree, and the one JSON error shape.

Every error answer of the service, whatever raised it (the extractor, a limit, FastAPI's own
validation or routing), has the body ``{"error": {"kind", "type", "message"}}``, so a client
parses one shape. :data:`STATUS_BY_ERROR` is the single table from error class to status,
most specific first; a test checks that every class of ``llm_extract.errors`` has a row.

The error body never carries the attempt log's raw model output: it may echo the article, and
it is in the provenance log for whoever runs the service. Nor does it carry the message of an
endpoint or embedded-server error, which names the service's internal endpoint and quotes the
upstream's error body verbatim (a gateway's account details, a proxy's echo of our request):
clients get a fixed sentence per class (:func:`client_message`), the operator gets the full,
redacted message in the service log. Messages written for the command line ("raise
--max-tokens") are replaced by ones that make sense to an HTTP client.
"""

from __future__ import annotations

import logging
import math

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from llm_extract.errors import (
    ConfigurationError,
    EmbeddedError,
    EndpointConnectionError,
    EndpointError,
    EndpointProtocolError,
    EndpointRequestError,
    EndpointServerError,
    EndpointTimeoutError,
    IncompleteOutputError,
    InputError,
    LLMExtractError,
    OutputError,
    RateLimitedError,
    TextTooLongError,
)

__all__ = [
    "CLIENT_MESSAGES",
    "STATUS_BY_ERROR",
    "OptionNotAllowedError",
    "RequestTimeoutError",
    "ServiceBusyError",
    "ServiceStoppingError",
    "client_message",
    "error_response",
    "install_error_handlers",
    "status_for",
]

logger = logging.getLogger("llm_extract.service")


class ServiceBusyError(LLMExtractError):
    """Every extraction slot and queue place is taken; the client should come back later."""

    kind = "busy"

    def __init__(self, message: str, *, retry_after: int) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class ServiceStoppingError(ServiceBusyError):
    """The service is shutting down and takes no new extraction; another replica can."""

    kind = "stopping"


class OptionNotAllowedError(ConfigurationError):
    """A client's option would lift a limit the operator set (another model, more tokens)."""

    kind = "option_not_allowed"


class RequestTimeoutError(LLMExtractError):
    """The request did not finish within the service's per-request timeout."""

    kind = "request_timeout"


STATUS_BY_ERROR: tuple[tuple[type[LLMExtractError], int], ...] = (
    (ServiceStoppingError, 503),
    (ServiceBusyError, 429),
    (RequestTimeoutError, 504),
    (TextTooLongError, 413),
    (InputError, 422),
    (ConfigurationError, 400),
    (RateLimitedError, 429),
    (EndpointTimeoutError, 504),
    (EndpointConnectionError, 503),
    (EndpointServerError, 502),
    (EndpointRequestError, 502),
    (EndpointProtocolError, 502),
    (EndpointError, 502),
    (OutputError, 502),
    (EmbeddedError, 503),
    (LLMExtractError, 500),
)


# What a client is told instead of the error's own message; most specific first.
CLIENT_MESSAGES: tuple[tuple[type[LLMExtractError], str], ...] = (
    (EndpointConnectionError, "the model endpoint could not be reached"),
    (EndpointTimeoutError, "the model endpoint did not answer in time"),
    (RateLimitedError, "the model endpoint is rate-limiting requests; retry later"),
    (EndpointServerError, "the model endpoint failed with a server error"),
    (EndpointRequestError, "the model endpoint refused the request (the service's model "
     "configuration or credentials); the operator's log has the details"),
    (EndpointProtocolError, "the model endpoint answered with something that is not a chat "
     "completion"),
    (EndpointError, "the model endpoint failed"),
    (IncompleteOutputError, "the model's output was cut off by the service's token limit; "
     "send a shorter text or ask the operator to raise max_tokens"),
    (EmbeddedError, "the service's model server is unavailable"),
)


def client_message(exc: LLMExtractError) -> str:
    """The message an HTTP client sees for ``exc``: fixed for errors that would expose the
    service's internals, the error's own message otherwise."""
    for cls, message in CLIENT_MESSAGES:
        if isinstance(exc, cls):
            return message
    return exc.message


def status_for(exc: LLMExtractError) -> int:
    """The HTTP status of an llm_extract error (500 only for the bare root class)."""
    for cls, status in STATUS_BY_ERROR:
        if isinstance(exc, cls):
            return status
    return 500  # pragma: no cover - the root row matches every LLMExtractError


def error_response(
    status: int, kind: str, type_name: str, message: str, headers: dict[str, str] | None = None
) -> JSONResponse:
    body = {"error": {"kind": kind, "type": type_name, "message": message}}
    return JSONResponse(body, status_code=status, headers=headers)


def _retry_after(exc: LLMExtractError, default: int) -> dict[str, str] | None:
    """Retry-After for the two "come back later" errors: the upstream's value, else ours."""
    if isinstance(exc, (ServiceBusyError, RateLimitedError)):
        seconds = exc.retry_after if exc.retry_after is not None else default
        return {"Retry-After": str(max(1, math.ceil(seconds)))}
    return None


async def _on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    problems = "; ".join(
        f"{'.'.join(str(p) for p in err.get('loc', ()))}: {err.get('msg', '')}"
        for err in exc.errors()
    )
    return error_response(422, "invalid_request", "RequestValidationError", problems)


_HTTP_KINDS = {401: "unauthorized", 404: "not_found", 405: "method_not_allowed",
               413: "body_too_large"}


async def _on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    kind = _HTTP_KINDS.get(exc.status_code, "http_error")
    return error_response(
        exc.status_code, kind, type(exc).__name__, str(exc.detail), dict(exc.headers or {})
    )


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unexpected error serving %s", request.url.path, exc_info=exc)
    return error_response(500, "internal", "InternalError", "internal error; see the server log")


def install_error_handlers(app: FastAPI, *, retry_after: int) -> None:
    """Route every error the app can meet to the one JSON shape.

    ``retry_after`` is the Retry-After sent for an upstream 429 that named none.
    """

    async def _on_llm_extract_error(request: Request, exc: Exception) -> JSONResponse:
        assert isinstance(exc, LLMExtractError)
        message = client_message(exc)
        if message != exc.message:
            logger.warning("%s %s: %s", request.url.path, exc.kind, exc.message)
        return error_response(
            status_for(exc), exc.kind, type(exc).__name__, message,
            _retry_after(exc, retry_after),
        )

    app.add_exception_handler(LLMExtractError, _on_llm_extract_error)
    app.add_exception_handler(RequestValidationError, _on_validation_error)
    app.add_exception_handler(StarletteHTTPException, _on_http_error)
    app.add_exception_handler(Exception, _on_unexpected)
