"""Where the model is, and the openai clients that reach it.

An :class:`Endpoint` is resolved from the settings in one of two ways: the embedded llama-server
(started on first use, shared by the process) or the configured OpenAI-compatible URL, whose
server kind is probed once (``backends.probe_endpoint_kind``) to choose the wire format. The
client factories are the only place an ``openai.OpenAI``/``AsyncOpenAI`` client is built:
every client has ``max_retries=0`` (tenacity owns retries, so attempts are counted once) and is
wrapped by instructor in its ``JSON_SCHEMA`` mode.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import instructor
import openai

from llm_extract.errors import ConfigurationError
from llm_extract.model.backends import probe_endpoint_kind
from llm_extract.model.embedded.server import shared_server
from llm_extract.redaction import redact_url
from llm_extract.settings import Settings

__all__ = [
    "Endpoint",
    "async_client",
    "embedded_endpoint",
    "probed_endpoint",
    "sync_client",
]

_NO_KEY = "sk-no-key-required"  # what openai's client needs when the endpoint wants no key


@dataclass(frozen=True)
class Endpoint:
    """A resolved model endpoint."""

    base_url: str
    model: str
    kind: str
    api_key: str | None = field(default=None, repr=False)  # never in logs or tracebacks

    def __repr__(self) -> str:
        # the base URL may carry a gateway's key (user info, ?api_key=): shown redacted
        return (f"Endpoint(base_url={redact_url(self.base_url)!r}, model={self.model!r}, "
                f"kind={self.kind!r})")


def embedded_endpoint(settings: Settings) -> Endpoint:
    """The process's embedded llama-server (started, or restarted, when it is not running)."""
    server = shared_server(settings)
    return Endpoint(server.base_url, settings.model or server.model_name, "embedded")


def probed_endpoint(settings: Settings) -> Endpoint:
    """The configured URL with its server kind probed (once per URL for the process)."""
    assert settings.base_url is not None
    key = settings.api_key.get_secret_value() if settings.api_key else None
    kind = probe_endpoint_kind(settings.base_url, api_key=key)
    if not settings.model:
        raise ConfigurationError("a model name is required with base_url (--model)")
    return Endpoint(settings.base_url, settings.model, kind, key)


def sync_client(
    endpoint: Endpoint, timeout: float, http_client: Any = None
) -> tuple[Any, openai.OpenAI]:
    """An instructor client for ``endpoint`` and the openai client under it (to close)."""
    raw = openai.OpenAI(
        base_url=endpoint.base_url,
        api_key=endpoint.api_key or _NO_KEY,
        max_retries=0,  # tenacity owns retries, so attempts are counted once
        timeout=timeout,
        http_client=http_client,
    )
    return instructor.from_openai(raw, mode=instructor.Mode.JSON_SCHEMA), raw


def async_client(
    endpoint: Endpoint, timeout: float, http_client: Any = None
) -> tuple[Any, openai.AsyncOpenAI]:
    """The async twin of :func:`sync_client`."""
    raw = openai.AsyncOpenAI(
        base_url=endpoint.base_url,
        api_key=endpoint.api_key or _NO_KEY,
        max_retries=0,  # tenacity owns retries, as in the sync client
        timeout=timeout,
        http_client=http_client,
    )
    return instructor.from_openai(raw, mode=instructor.Mode.JSON_SCHEMA), raw
