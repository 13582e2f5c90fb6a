"""Third-party errors are translated at one boundary, and none slips through untranslated."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import httpx
import openai
import pytest
from instructor.core.exceptions import IncompleteOutputException

from llm_extract import errors as E
from llm_extract.model._boundary import OPENAI_ERROR_MAP, retry_after_seconds, translate


def _import_openai_submodules() -> None:
    """Import openai's own modules (not its thousands of ``types``/``resources`` models, which
    define no error class), so that ``__subclasses__`` sees every error class it defines, not
    only those of the modules some earlier test happened to import."""
    for info in pkgutil.walk_packages(openai.__path__, "openai."):
        if info.name.startswith(("openai.types", "openai.resources")) or info.name.endswith(
            "__main__"
        ):
            continue
        try:
            importlib.import_module(info.name)
        except Exception:  # an optional extra (numpy, sounddevice...) missing: nothing to map
            continue


def _openai_error_classes() -> list[type[BaseException]]:
    """Every class of openai's error tree: the exported ones and, walking ``__subclasses__``,
    those defined in its submodules (``openai._response``, ``openai.lib.azure``...)."""
    _import_openai_submodules()
    found: dict[str, type[BaseException]] = {
        f"{obj.__module__}.{obj.__qualname__}": obj
        for _, obj in inspect.getmembers(openai, inspect.isclass)
        if issubclass(obj, openai.OpenAIError)
    }
    stack: list[type[BaseException]] = [openai.OpenAIError]
    while stack:
        cls = stack.pop()
        if cls.__module__.split(".")[0] == "openai":
            found[f"{cls.__module__}.{cls.__qualname__}"] = cls
        stack.extend(cls.__subclasses__())
    return sorted(found.values(), key=lambda c: c.__name__)


# The llm_extract error each openai error class becomes, named class by class. A class openai
# adds fails the test until it is listed here (and, if the generic row does not fit it, given
# its own row in OPENAI_ERROR_MAP). Classes of other openai versions may stay listed.
EXPECTED_TARGET: dict[str, type[E.LLMExtractError]] = {
    # transport
    "APIConnectionError": E.EndpointConnectionError,
    "APITimeoutError": E.EndpointTimeoutError,
    # HTTP status answers
    "RateLimitError": E.RateLimitedError,
    "InternalServerError": E.EndpointServerError,
    "APIStatusError": E.EndpointRequestError,
    "BadRequestError": E.EndpointRequestError,
    "AuthenticationError": E.EndpointRequestError,
    "OAuthError": E.EndpointRequestError,
    "PermissionDeniedError": E.EndpointRequestError,
    "NotFoundError": E.EndpointRequestError,
    "ConflictError": E.EndpointRequestError,
    "UnprocessableEntityError": E.EndpointRequestError,
    # a 2xx answer that is not what the SDK expects
    "APIResponseValidationError": E.EndpointProtocolError,
    "APIError": E.EndpointProtocolError,
    # the model answered, but the output is unusable
    "LengthFinishReasonError": E.IncompleteOutputError,
    "ContentFilterFinishReasonError": E.OutputError,
    # The generic endpoint error: SDK states our calls never reach (websockets, streams, the
    # module-level and Azure clients, v0 APIs, token providers, optional extras such as numpy
    # missing), and the root itself.
    "OpenAIError": E.EndpointError,
    "SubjectTokenProviderError": E.EndpointError,
    "WebSocketConnectionClosedError": E.EndpointError,
    "WebSocketQueueFullError": E.EndpointError,
    "StreamAlreadyConsumed": E.EndpointError,
    "MutuallyExclusiveAuthError": E.EndpointError,
    "APIRemovedInV1": E.EndpointError,
    "_AmbiguousModuleClientUsageError": E.EndpointError,
    "MissingDependencyError": E.EndpointError,
}


def test_the_error_tree_is_found() -> None:
    names = {cls.__name__ for cls in _openai_error_classes()}
    assert {"OpenAIError", "APIError", "APIStatusError", "RateLimitError",
            "APITimeoutError", "LengthFinishReasonError"} <= names


@pytest.mark.parametrize("cls", _openai_error_classes(), ids=lambda c: c.__name__)
def test_every_openai_error_class_is_mapped(cls: type[BaseException]) -> None:
    assert cls.__name__ in EXPECTED_TARGET, (
        f"{cls.__module__}.{cls.__qualname__} is new: add its target to EXPECTED_TARGET"
    )
    expected = EXPECTED_TARGET[cls.__name__]
    # The first row of the map that matches, as translate() walks it...
    mapped = next(target for source, target in OPENAI_ERROR_MAP if issubclass(cls, source))
    assert mapped is expected, f"{cls.__name__} maps to {mapped.__name__}"
    # ...and what translate() really returns for an instance (built without the SDK's
    # constructor, whose arguments differ by class: translate reads attributes defensively).
    exc = cls.__new__(cls)
    log = E.AttemptLog(attempts=1)
    translated = translate(exc, log)
    assert type(translated) is expected, f"{cls.__name__} became {type(translated).__name__}"
    assert translated.log is log


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
