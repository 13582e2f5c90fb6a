"""The service's own settings: limits, bind address and auth, frozen like the library's.

Model settings stay in :class:`llm_extract.settings.Settings`; these are only about serving.
The one environment variable read here is ``LLM_EXTRACT_SERVICE_TOKEN`` (the bearer token), by
the same rule as ``Settings.from_env``: explicit values override the environment, and this is
the only service module that reads ``os.environ``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from llm_extract.errors import ConfigurationError
from llm_extract.settings import ENV_PREFIX, validation_problems

__all__ = ["TOKEN_ENV", "ServiceSettings"]

TOKEN_ENV = ENV_PREFIX + "SERVICE_TOKEN"


class ServiceSettings(BaseModel):
    """Limits that keep one process's memory and queue bounded whatever clients send."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    host: str = Field("127.0.0.1", description="Address to bind; loopback unless asked.")
    port: int = Field(8000, ge=0, le=65535)
    max_body_bytes: int = Field(1_000_000, gt=0, description="Larger request bodies get 413.")
    max_text_chars: int = Field(24_000, gt=0, description="Longer texts get 413.")
    max_in_flight: int = Field(
        1, gt=0, description="Extractions running at once; the embedded model runs one."
    )
    max_queue: int = Field(8, ge=0, description="Requests waiting for a slot; more get 429.")
    request_timeout: float = Field(
        600.0, gt=0, description="Seconds from arrival to answer, queue wait included; 504."
    )
    retry_after: int = Field(5, ge=1, description="Retry-After seconds sent with a 429.")
    auth_token: SecretStr | None = Field(None, description="Bearer token required on /v1/*.")
    allowed_models: tuple[str, ...] = Field(
        (), description="Models a client may ask for in options.model, besides the configured "
        "one (the only one allowed by default).")
    shutdown_grace: float = Field(
        30.0, ge=0, description="Seconds a stopping service waits for running requests and "
        "extractions before abandoning them (the request timeout can be much longer).")

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, **overrides: Any
    ) -> ServiceSettings:
        """Settings from the token variable and non-None overrides (CLI flags)."""
        env = os.environ if environ is None else environ
        values: dict[str, Any] = {}
        if env.get(TOKEN_ENV):
            values["auth_token"] = env[TOKEN_ENV]
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            raise ConfigurationError(
                f"invalid service settings: {validation_problems(exc)}"
            ) from None
