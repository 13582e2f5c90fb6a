"""Third-party errors are translated at one boundary, and none slips through untranslated."""

from __future__ import annotations

import inspect

import httpx
import openai
import pytest
from instructor.core.exceptions import IncompleteOutputException

from llm_extract import errors as E
from llm_extract._boundary import OPENAI_ERROR_MAP, retry_after_seconds, translate


def _openai_error_classes() -> list[type[BaseException]]:
    return [obj for _, obj in inspect.getmembers(openai, inspect.isclass)
            if issubclass(obj, openai.OpenAIError)]


@pytest.mark.parametrize("cls", _openai_error_classes(), ids=lambda c: c.__name__)
def test_every_openai_error_class_is_mapped(cls: type[BaseException]) -> None:
    assert any(issubclass(cls, source) for source, _ in OPENAI_ERROR_MAP), cls


def _status_error(cls: type[openai.APIStatusError], code: int,
                  headers: dict[str, str] | None = None) -> openai.APIStatusError:
    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx.Response(code, headers=headers or {}, request=request, json={})
    return cls("boom", response=response, body=None)


@pytest.mark.parametrize(("exc", "expected"), [
    (_status_error(openai.RateLimitError, 429), E.RateLimitedError),
    (_status_error(openai.InternalServerError, 503), E.EndpointServerError),
    (_status_error(openai.NotFoundError, 404), E.EndpointRequestError),
    (_status_error(openai.AuthenticationError, 401), E.EndpointRequestError),
    (openai.APITimeoutError(httpx.Request("POST", "http://127.0.0.1")), E.EndpointTimeoutError),
    (openai.APIConnectionError(request=httpx.Request("POST", "http://127.0.0.1")),
     E.EndpointConnectionError),
    (httpx.ReadTimeout("slow"), E.EndpointTimeoutError),
    (httpx.ConnectError("refused"), E.EndpointConnectionError),
    (IncompleteOutputException(), E.IncompleteOutputError),
    (ValueError("anything else"), E.LLMExtractError),
])
def test_translation(exc: BaseException, expected: type[E.LLMExtractError]) -> None:
    log = E.AttemptLog(attempts=2)
    translated = translate(exc, log)
    assert type(translated) is expected
    assert translated.log is log


def test_retry_after_seconds_and_http_date() -> None:
    assert retry_after_seconds(_status_error(openai.RateLimitError, 429,
                                             {"retry-after": "7"})) == 7.0
    assert retry_after_seconds(_status_error(openai.RateLimitError, 429,
                                             {"retry-after-ms": "1500"})) == 1.5
    past = "Wed, 21 Oct 2015 07:28:00 GMT"
    assert retry_after_seconds(_status_error(openai.RateLimitError, 429,
                                             {"retry-after": past})) == 0.0
    assert retry_after_seconds(_status_error(openai.RateLimitError, 429)) is None


def test_rate_limit_carries_retry_after() -> None:
    exc = translate(_status_error(openai.RateLimitError, 429, {"retry-after": "3"}),
                    E.AttemptLog())
    assert isinstance(exc, E.RateLimitedError) and exc.retry_after == 3.0
