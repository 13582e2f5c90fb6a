"""What a real service plugs into the app factory: extractors by options, and readiness.

Kept apart from :mod:`llm_extract.service.app` so the app depends only on two small callables,
which tests replace with fakes: an extractor factory and a readiness check.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import httpx
from pydantic import ValidationError

from llm_extract.errors import ConfigurationError, LLMExtractError
from llm_extract.extractor import Extractor
from llm_extract.model.embedded.server import EmbeddedServer, shared_server
from llm_extract.model.prompts import DEFAULT_PROMPT_VERSION, render
from llm_extract.protocols import SupportsExtract
from llm_extract.service.errors import OptionNotAllowedError
from llm_extract.settings import Settings

__all__ = [
    "EmbeddedReadiness",
    "ExtractorFactory",
    "ExtractorPool",
    "Readiness",
    "ReadinessCheck",
    "RemoteReadiness",
    "readiness_for",
]

ExtractorFactory = Callable[[Mapping[str, Any]], SupportsExtract]
"""Given per-request option overrides (possibly empty), the extractor to use."""


@dataclass(frozen=True)
class Readiness:
    ready: bool
    detail: str


ReadinessCheck = Callable[[], Readiness]
"""A blocking check, run on a worker thread by ``/readyz``."""


class ExtractorPool:
    """Extractors keyed by option overrides, reused so each endpoint is probed once.

    Client options may only narrow what the operator configured: a model outside
    ``allowed_models`` (default: the configured model only) or a ``max_tokens`` above the
    operator's is refused with :class:`OptionNotAllowedError` (400) before any extractor is
    built, so an HTTP client cannot spend the operator's money on a bigger model or longer
    answers.

    At most ``max_variants`` distinct option sets are kept (least recently used dropped), so a
    client cycling through options cannot grow memory without bound.
    """

    def __init__(
        self, settings: Settings, *, max_variants: int = 16,
        allowed_models: Sequence[str] = (),
    ) -> None:
        self.settings = settings
        self.max_variants = max_variants
        configured = [settings.model] if settings.model else []
        self.allowed_models = frozenset([*configured, *allowed_models])
        self._lock = threading.Lock()
        self._pool: OrderedDict[tuple[tuple[str, Any], ...], Extractor] = OrderedDict()

    def check(self, overrides: Mapping[str, Any]) -> None:
        """Raise :class:`OptionNotAllowedError` for an option that widens the operator's."""
        model = overrides.get("model")
        if model is not None and model not in self.allowed_models:
            allowed = ", ".join(sorted(self.allowed_models)) or "none (the server's default)"
            raise OptionNotAllowedError(
                f"options.model {model!r} is not allowed on this service; allowed: {allowed}")
        max_tokens = overrides.get("max_tokens")
        if isinstance(max_tokens, int) and max_tokens > self.settings.max_tokens:
            raise OptionNotAllowedError(
                f"options.max_tokens {max_tokens} is above this service's limit of "
                f"{self.settings.max_tokens}")

    def __call__(self, overrides: Mapping[str, Any]) -> Extractor:
        self.check(overrides)
        key = tuple(sorted(overrides.items()))
        with self._lock:
            extractor = self._pool.get(key)
            if extractor is not None:
                self._pool.move_to_end(key)
                return extractor
            try:
                settings = Settings.model_validate({**self.settings.model_dump(), **overrides})
            except ValidationError as exc:
                raise ConfigurationError(f"invalid options: {exc.errors()[0]['msg']}") from None
            extractor = self._pool[key] = Extractor(settings)
            while len(self._pool) > self.max_variants:
                self._pool.popitem(last=False)
            return extractor


class RemoteReadiness:
    """Ready when ``GET {base_url}/models`` answers 200 (the endpoint is up and we may use it)."""

    def __init__(self, settings: Settings, *, timeout: float = 5.0) -> None:
        if settings.base_url is None:
            raise ConfigurationError("RemoteReadiness needs a base_url")
        self.url = settings.base_url + "/models"
        key = settings.api_key.get_secret_value() if settings.api_key else None
        self._headers = {"Authorization": f"Bearer {key}"} if key else {}
        self.timeout = timeout

    def __call__(self) -> Readiness:
        try:
            response = httpx.get(self.url, headers=self._headers, timeout=self.timeout)
        except httpx.HTTPError as exc:
            return Readiness(False, f"model endpoint unreachable: {type(exc).__name__}")
        if response.status_code != 200:
            return Readiness(False, f"model endpoint answered {response.status_code}")
        return Readiness(True, "model endpoint answers")


# The text of the warm-up request: the prefix before it is what each slot keeps in its cache.
_WARM_TEXT = "Warm-up: no meeting is reported here."


class EmbeddedReadiness:
    """Starts the embedded llama-server in the background; ready once it serves.

    Starting at boot rather than on the first request means the first client does not pay the
    model load, and ``/readyz`` tells an orchestrator when to send traffic.
    """

    def __init__(
        self, settings: Settings,
        start_server: Callable[[Settings], EmbeddedServer] = shared_server,
    ) -> None:
        self.settings = settings
        self._start_server = start_server
        self._lock = threading.Lock()
        self._server: EmbeddedServer | None = None
        self._error: str | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Begin (or, after a crash, restart) the server on a daemon thread."""
        with self._lock:
            if self._thread is not None and self._thread.is_alive():
                return
            self._error = None
            self._thread = threading.Thread(
                target=self._warm_up, name="llm-extract-embedded-start", daemon=True
            )
            self._thread.start()

    def _warm_up(self) -> None:
        try:
            server = self._start_server(self.settings)
        except LLMExtractError as exc:
            with self._lock:
                self._error = f"{exc.kind}: {exc.message.splitlines()[0]}"
            return
        # Every slot evaluates the prompt's fixed prefix now, before the service says it is
        # ready: the first request on each slot then starts warm (docs/benchmarks-history.md,
        # "Batch and service").
        version = self.settings.prompt_version or DEFAULT_PROMPT_VERSION
        server.warm(render(version, text=_WARM_TEXT, published=None))
        with self._lock:
            self._server = server

    def __call__(self) -> Readiness:
        with self._lock:
            server, error, thread = self._server, self._error, self._thread
        if server is not None and server.alive():
            return Readiness(True, "embedded server running")
        if error is not None:
            return Readiness(False, f"embedded server failed to start: {error}")
        if thread is None or not thread.is_alive():
            self.start()
        return Readiness(False, "embedded server starting")


def readiness_for(settings: Settings) -> ReadinessCheck:
    """The check that fits the settings: the embedded server's, or the endpoint's."""
    if settings.embedded:
        check = EmbeddedReadiness(settings)
        check.start()
        return check
    return RemoteReadiness(settings)
