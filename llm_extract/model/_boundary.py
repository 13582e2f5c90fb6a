"""The one place third-party errors become llm_extract errors.

openai raises its own ``APIError`` tree, instructor wraps whatever happened inside its retry loop
in ``InstructorRetryException`` (a transport error included, as ``__cause__``), httpx and
pydantic have theirs. :func:`translate` maps each to the matching class of
:mod:`llm_extract.errors`, carrying the :class:`AttemptLog`. A test checks that every openai
error class is covered, so a new one cannot slip through as a raw traceback.
"""

from __future__ import annotations

import email.utils
import json
import time
from urllib.parse import urlsplit

import httpx
import openai
import pydantic
from instructor.core.exceptions import (
    IncompleteOutputException,
    InstructorError,
    InstructorRetryException,
)

from llm_extract import errors as E
from llm_extract.redaction import redact_url

__all__ = ["OPENAI_ERROR_MAP", "explain", "retry_after_seconds", "translate"]

# Most specific first: the first isinstance match wins.
OPENAI_ERROR_MAP: tuple[tuple[type[BaseException], type[E.LLMExtractError]], ...] = (
    (openai.APITimeoutError, E.EndpointTimeoutError),
    (openai.APIConnectionError, E.EndpointConnectionError),
    (openai.RateLimitError, E.RateLimitedError),
    (openai.InternalServerError, E.EndpointServerError),
    (openai.APIResponseValidationError, E.EndpointProtocolError),
    (openai.APIStatusError, E.EndpointRequestError),
    (openai.LengthFinishReasonError, E.IncompleteOutputError),
    (openai.ContentFilterFinishReasonError, E.OutputError),
    (openai.APIError, E.EndpointProtocolError),
    (openai.OpenAIError, E.EndpointError),
)


def retry_after_seconds(exc: BaseException) -> float | None:
    """Seconds a 429/503 answer asks us to wait (``Retry-After`` as seconds or HTTP date)."""
    response = getattr(exc, "response", None)
    headers = getattr(response, "headers", None)
    if headers is None:
        return None
    value = headers.get("retry-after-ms")
    if value is not None:
        try:
            return max(float(value) / 1000.0, 0.0)
        except ValueError:
            pass
    value = headers.get("retry-after")
    if value is None:
        return None
    try:
        return max(float(value), 0.0)
    except ValueError:
        parsed = email.utils.parsedate_to_datetime(value) if value else None
        if parsed is None:
            return None
        return max(parsed.timestamp() - time.time(), 0.0)


def _status_detail(exc: BaseException) -> str:
    status = getattr(exc, "status_code", None)
    message = getattr(exc, "message", None) or str(exc)
    text = " ".join(str(message).split())[:300]
    return f"HTTP {status}: {text}" if status else text


def _validation_summary(error: BaseException, limit: int = 5) -> str:
    """``loc: message`` per problem, without pydantic's input dumps and help URLs.

    The message ends up on one CLI line and in batch output; pydantic's own rendering repeats
    the (possibly huge) model output and a URL per error.
    """
    if not isinstance(error, pydantic.ValidationError):
        return " ".join(str(error).split())[:600]
    problems = error.errors(include_url=False, include_input=False)
    parts = [
        f"{'.'.join(str(p) for p in problem['loc']) or 'answer'}: "
        f"{' '.join(str(problem['msg']).split())[:300]}"
        for problem in problems[:limit]
    ]
    more = f" (and {len(problems) - limit} more)" if len(problems) > limit else ""
    return f"{len(problems)} validation error(s): {'; '.join(parts)}{more}"


# The start of a translated message; the CLI prints ``kind: message``, so the label must not
# repeat the kind ("connection: endpointconnection: ...", issue 14).
_LABELS: dict[type[E.LLMExtractError], str] = {
    E.EndpointTimeoutError: "no answer in time",
    E.EndpointConnectionError: "cannot connect",
    E.EndpointServerError: "server error",
    E.EndpointRequestError: "request refused",
    E.EndpointProtocolError: "not a chat completion",
    E.IncompleteOutputError: "output cut off",
    E.OutputError: "output refused",
    E.EndpointError: "endpoint error",
}


def explain(error: E.LLMExtractError, base_url: str | None) -> E.LLMExtractError:
    """``error`` with the (redacted) endpoint URL and the attempts named where they help.

    A connection error or timeout after silent retries said only "Connection error."; a 404
    from a base URL without ``/v1`` (the commonest setup mistake) gets a hint.
    """
    if base_url is None:
        return error
    url = redact_url(base_url)
    attempts = error.log.attempts
    if isinstance(error, (E.EndpointConnectionError, E.EndpointTimeoutError)):
        error.message = f"{url} after {attempts} attempt(s): {error.message}"
    elif isinstance(error, E.EndpointRequestError) and "HTTP 404" in error.message:
        hint = (f"; the base URL usually ends in /v1 (try {url}/v1)"
                if not urlsplit(url or "").path.rstrip("/").endswith("/v1") else "")
        error.message = f"{url}: {error.message}{hint}"
    else:
        return error
    error.args = (error.message,)
    return error


def translate(exc: BaseException, log: E.AttemptLog) -> E.LLMExtractError:
    """The llm_extract error for ``exc`` (already one: returned with ``log`` attached)."""
    if isinstance(exc, E.LLMExtractError):
        exc.log = log
        return exc
    if isinstance(exc, InstructorRetryException):
        cause = exc.__cause__
        if cause is not None and not isinstance(
            cause, (pydantic.ValidationError, json.JSONDecodeError, InstructorError)
        ):
            return translate(cause, log)
        return E.ExtractionFailedError(
            f"the model's output did not validate after {log.attempts} attempt(s): "
            f"{_validation_summary(cause or exc)}",
            log=log,
        )
    if isinstance(exc, IncompleteOutputException):
        return E.IncompleteOutputError(
            "the model's output was cut off by max_tokens (finish_reason=length); "
            "raise --max-tokens or shorten the input",
            log=log,
        )
    if isinstance(exc, InstructorError):
        return E.ExtractionFailedError(f"structured output failed: {exc}", log=log)
    for source, target in OPENAI_ERROR_MAP:
        if isinstance(exc, source):
            detail = _status_detail(exc)
            if target is E.RateLimitedError:
                return E.RateLimitedError(
                    f"rate limited by the endpoint ({detail})",
                    retry_after=retry_after_seconds(exc), log=log,
                )
            if target is E.EndpointServerError and "503" in detail:
                return E.EndpointServerError(f"endpoint unavailable ({detail})", log=log)
            return target(f"{_LABELS.get(target, 'endpoint error')}: {detail}", log=log)
    if isinstance(exc, httpx.TimeoutException):
        return E.EndpointTimeoutError(f"no answer in time: {exc}", log=log)
    if isinstance(exc, httpx.HTTPError):
        return E.EndpointConnectionError(f"cannot connect: {exc}", log=log)
    if isinstance(exc, (pydantic.ValidationError, json.JSONDecodeError)):
        return E.ExtractionFailedError(f"invalid output: {exc}", log=log)
    return E.LLMExtractError(f"unexpected {type(exc).__name__}: {exc}", log=log)
