"""The extraction pipeline: article text in, grounded schema-v1 meeting records out.

One call of :meth:`Extractor.extract`:

1. checks the input (typed errors for empty, over-long or undecodable text);
2. resolves the endpoint — the embedded llama-server (started on first use) or the configured
   OpenAI-compatible URL, whose kind is probed once to choose the wire format;
3. renders the versioned prompt and asks the model through instructor, which validates the
   answer against :class:`~llm_extract.wire.WireOutput` *with grounding on* and re-asks with the
   exact errors, at most ``max_reasks`` times;
4. if only grounding still fails after the re-asks, keeps the last answer and lets
   :func:`~llm_extract.assemble.assemble` drop and flag what the article does not support;
5. retries transport failures (timeouts, connection errors, 429 honouring Retry-After, 5xx) with
   exponential backoff under tenacity, and translates every third-party error at one boundary.

The result records how it was made: versions, model, endpoint kind, wire mode, attempts, tokens
and latency. The retry sleep is injectable so tests run with zero wait and can assert waits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import instructor
import openai
import pydantic
import tenacity
from instructor.core.exceptions import InstructorRetryException
from instructor.core.hooks import Hooks

from llm_extract._version import __version__
from llm_extract._boundary import translate
from llm_extract.assemble import assemble
from llm_extract.backends import WireFormat, choose_mode, probe_endpoint_kind
from llm_extract.embedded.server import shared_server
from llm_extract.errors import (
    AttemptLog,
    ConfigurationError,
    EmptyTextError,
    EndpointConnectionError,
    EndpointServerError,
    EndpointTimeoutError,
    InvalidEncodingError,
    LLMExtractError,
    RateLimitedError,
    TextTooLongError,
)
from llm_extract.normalize import Folded, fold
from llm_extract.prompts import DEFAULT_PROMPT_VERSION, render
from llm_extract.schema import ExtractionResult, Provenance, Usage, _check_date
from llm_extract.settings import Settings
from llm_extract.wire import WireOutput

__all__ = ["Endpoint", "Extractor", "extract_meeting"]

_TRANSIENT = (EndpointConnectionError, EndpointTimeoutError, RateLimitedError, EndpointServerError)


@dataclass(frozen=True)
class Endpoint:
    """A resolved model endpoint."""

    base_url: str
    model: str
    kind: str
    api_key: str | None = None


class _RetryAfterWait(tenacity.wait.wait_base):
    """Exponential backoff with jitter, or exactly what a 429's Retry-After asks (capped)."""

    def __init__(self, initial: float, cap: float) -> None:
        self.cap = cap
        self.backoff = tenacity.wait_exponential_jitter(initial=initial, max=cap)

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        outcome = retry_state.outcome
        exc = outcome.exception() if outcome is not None else None
        if isinstance(exc, RateLimitedError) and exc.retry_after is not None:
            return min(exc.retry_after, self.cap)
        return float(self.backoff(retry_state))


def _check_text(text: str | bytes, limit: int) -> str:
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InvalidEncodingError(
                f"input is not valid UTF-8 (byte {exc.start}: {exc.reason})"
            ) from None
    if not isinstance(text, str):
        raise InvalidEncodingError(f"input must be str or UTF-8 bytes, not {type(text).__name__}")
    if "\x00" in text:
        raise InvalidEncodingError("input contains NUL characters: binary data, not text")
    if not text.strip():
        raise EmptyTextError("input text is empty")
    if len(text) > limit:
        raise TextTooLongError(
            f"input has {len(text)} characters, more than the limit of {limit} "
            "(max_text_chars); split the document"
        )
    return text


def _check_published(published: str | dt.date | None) -> str | None:
    if published is None:
        return None
    if isinstance(published, dt.date):
        return published.isoformat()[:10]
    try:
        return _check_date(published)
    except ValueError as exc:
        raise ConfigurationError(f"published: {exc}") from None


class _CallRecorder:
    """Collects, through instructor's per-call hooks, what every model call cost and said."""

    def __init__(self, log: AttemptLog) -> None:
        self.log = log
        self.hooks = Hooks()
        self.hooks.on("completion:kwargs", self._on_kwargs)
        self.hooks.on("completion:response", self._on_response)

    def _on_kwargs(self, *args: Any, **kwargs: Any) -> None:
        self.log.attempts += 1

    def _on_response(self, response: Any) -> None:
        usage = getattr(response, "usage", None)
        if usage is not None:
            self.log.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
            self.log.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)
        choices = getattr(response, "choices", None) or []
        if choices:
            message = getattr(choices[0], "message", None)
            self.log.last_raw_output = getattr(message, "content", None)


class Extractor:
    """Extracts meeting records with one settings object; reusable and thread-safe.

    Args:
        settings: how to reach the model; defaults to ``Settings.from_env()``.
        sleep: the function tenacity waits with between transport retries (tests pass a
            recorder, so they run with zero wait and can assert the waits asked for).
    """

    def __init__(
        self, settings: Settings | None = None, *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.settings = settings or Settings.from_env()
        self._sleep = sleep
        self._endpoint: Endpoint | None = None
        self._client: Any = None
        self._lock = threading.Lock()

    # -- endpoint -------------------------------------------------------------------------

    def endpoint(self) -> Endpoint:
        """The resolved endpoint (starts the embedded server on first use)."""
        s = self.settings
        if s.embedded:
            server = shared_server(s)
            return Endpoint(server.base_url, s.model or server.model_name, "embedded")
        with self._lock:
            if self._endpoint is None:
                assert s.base_url is not None
                key = s.api_key.get_secret_value() if s.api_key else None
                kind = probe_endpoint_kind(s.base_url, api_key=key)
                if not s.model:
                    raise ConfigurationError("a model name is required with base_url (--model)")
                self._endpoint = Endpoint(s.base_url, s.model, kind, key)
            return self._endpoint

    def _instructor(self, endpoint: Endpoint) -> Any:
        with self._lock:
            if self._client is None or self._client_url != endpoint.base_url:
                raw = openai.OpenAI(
                    base_url=endpoint.base_url,
                    api_key=endpoint.api_key or "sk-no-key-required",
                    max_retries=0,  # tenacity owns retries, so attempts are counted once
                    timeout=self.settings.timeout,
                )
                self._client = instructor.from_openai(raw, mode=instructor.Mode.JSON_SCHEMA)
                self._client_url = endpoint.base_url
            return self._client

    # -- extraction -----------------------------------------------------------------------

    def extract(
        self,
        text: str | bytes,
        *,
        published: str | dt.date | None = None,
        language: str | None = None,
        prompt_version: str | None = None,
    ) -> ExtractionResult:
        """Meeting records of one article (possibly none); raises an LLMExtractError."""
        s = self.settings
        text = _check_text(text, s.max_text_chars)
        published_iso = _check_published(published)
        version = prompt_version or s.prompt_version or DEFAULT_PROMPT_VERSION
        messages = render(version, text=text, published=published_iso)
        log = AttemptLog()
        started = time.perf_counter()
        try:
            endpoint = self.endpoint()
            wire = choose_mode(s.mode, endpoint.kind)
            folded = fold(text)
            output = self._with_transport_retries(endpoint, wire, messages, folded, log)
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            raise translate(exc, log) from None
        meetings, flags = assemble(output, text, folded)
        provenance = Provenance(
            prompt_version=version,
            model=endpoint.model,
            endpoint=endpoint.base_url,
            endpoint_kind=endpoint.kind,
            mode=wire.name,
            attempts=log.attempts,
            usage=Usage(prompt_tokens=log.prompt_tokens, completion_tokens=log.completion_tokens),
            latency_s=round(time.perf_counter() - started, 3),
            input_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
            language=language,
            published=published_iso,
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            library_version=__version__,
        )
        return ExtractionResult(meetings=meetings, flags=flags, provenance=provenance)

    def _with_transport_retries(
        self, endpoint: Endpoint, wire: WireFormat, messages: list[Any], folded: Folded,
        log: AttemptLog,
    ) -> WireOutput:
        s = self.settings
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(s.transport_retries + 1),
            retry=tenacity.retry_if_exception_type(_TRANSIENT),
            wait=_RetryAfterWait(s.retry_initial_wait, s.retry_max_wait),
            sleep=self._sleep,
            reraise=True,
        )
        for attempt in retrying:
            with attempt:
                try:
                    return self._ask(endpoint, wire, messages, folded, log)
                except LLMExtractError:
                    raise
                except Exception as exc:
                    raise translate(exc, log) from exc
        raise AssertionError("unreachable: tenacity reraises")  # pragma: no cover

    def _ask(
        self, endpoint: Endpoint, wire: WireFormat, messages: list[Any], folded: Folded,
        log: AttemptLog,
    ) -> WireOutput:
        s = self.settings
        recorder = _CallRecorder(log)
        extra_body = wire.body(WireOutput.model_json_schema()) or None
        try:
            output, _ = self._instructor(endpoint).create_with_completion(
                response_model=WireOutput,
                messages=messages,
                max_retries=s.max_reasks,
                context={"folded_source": folded},
                strict=False,
                hooks=recorder.hooks,
                model=endpoint.model,
                temperature=s.temperature,
                max_tokens=s.max_tokens,
                extra_body=extra_body,
            )
            return output  # type: ignore[no-any-return]
        except InstructorRetryException as exc:
            lenient = _lenient_parse(exc)
            if lenient is None:
                raise
            log.errors.append(f"grounding still failing after re-asks: {exc.__cause__}")
            return lenient


def _lenient_parse(exc: InstructorRetryException) -> WireOutput | None:
    """The last answer parsed without grounding, if grounding was all that failed."""
    if not isinstance(exc.__cause__, pydantic.ValidationError):
        return None
    completion = exc.last_completion
    choices = getattr(completion, "choices", None) or []
    content = getattr(getattr(choices[0], "message", None), "content", None) if choices else None
    if not content:
        return None
    try:
        return WireOutput.model_validate_json(content)
    except pydantic.ValidationError:
        return None


_default_lock = threading.Lock()
_defaults: dict[str, Extractor] = {}


def extract_meeting(
    text: str | bytes,
    *,
    settings: Settings | None = None,
    published: str | dt.date | None = None,
    language: str | None = None,
    prompt_version: str | None = None,
    **overrides: Any,
) -> ExtractionResult:
    """Meeting records of one article.

    With no settings, reads ``LLM_EXTRACT_*`` environment variables; keyword overrides (for
    example ``base_url=``, ``model=``, ``mode=``) take precedence. With no endpoint configured
    the embedded llama.cpp default is started on first use and reused.
    """
    if settings is None:
        settings = Settings.from_env(**overrides)
    elif overrides:
        settings = settings.model_copy(update=overrides)
    secret = settings.api_key.get_secret_value() if settings.api_key else ""
    key = settings.model_dump_json() + hashlib.sha256(secret.encode()).hexdigest()
    with _default_lock:
        extractor = _defaults.get(key)
        if extractor is None:
            extractor = _defaults[key] = Extractor(settings)
    return extractor.extract(
        text, published=published, language=language, prompt_version=prompt_version
    )
