"""The one settings object, and the one place environment variables are read.

Everything configurable lives in :class:`Settings` (frozen, validated). ``Settings.from_env``
reads ``LLM_EXTRACT_*`` variables; explicit keyword arguments (from the CLI, the service or a
caller) override them. No other module reads ``os.environ`` for configuration.

With no ``base_url`` the extractor uses the embedded llama.cpp default.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError, field_validator

from llm_extract.errors import ConfigurationError
from llm_extract.redaction import redact_url

__all__ = ["ENV_PREFIX", "FlashAttn", "Settings", "WireMode"]

ENV_PREFIX = "LLM_EXTRACT_"

FlashAttn = Literal["on", "off", "auto"]
"""llama.cpp's ``--flash-attn`` values."""
Reading = Literal["whole", "contacts"]
"""How an article is read: in one answer (and windows), or sentence by sentence."""
WireMode = Literal["auto", "json_schema", "json_object_schema", "json_object", "grammar",
                   "grammar_spans"]

# Which environment variable feeds which field, and nothing else.
_ENV_FIELDS: dict[str, str] = {
    "BASE_URL": "base_url",
    "MODEL": "model",
    "API_KEY": "api_key",
    "MODE": "mode",
    "PROMPT_VERSION": "prompt_version",
    "MODEL_PATH": "model_path",
    "SERVER_BIN": "server_binary",
    "CACHE_DIR": "cache_dir",
    "THREADS": "threads",
    "CTX_SIZE": "ctx_size",
    "SLOTS": "slots",
    "FLASH_ATTN": "flash_attn",
    "TIMEOUT": "timeout",
    "MAX_TOKENS": "max_tokens",
    "TRANSPORT_RETRIES": "transport_retries",
    "MAX_REASKS": "max_reasks",
    "REPEAT_STOP": "repeat_stop",
    "MAX_TEXT_CHARS": "max_text_chars",
    "REPAIRS": "repairs",
    "DISABLED_REPAIRS": "disabled_repairs",
    "ENABLED_REPAIRS": "enabled_repairs",
    "RECALL_PASSES": "recall_passes",
    "READING": "reading",
    "CONTACT_THRESHOLD": "contact_threshold",
    "WINDOW_CHARS": "window_chars",
    "WINDOW_OVERLAP_CHARS": "window_overlap_chars",
    "WHOLE_TEXT_CHARS": "whole_text_chars",
    "JUDGE": "judge",
}


def validation_problems(exc: ValidationError) -> str:
    """``field: message; …`` for a settings error, one readable line."""
    return "; ".join(
        f"{'.'.join(str(p) for p in err['loc'])}: {err['msg']}" for err in exc.errors()
    )


def _default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "llm_extract"


class Settings(BaseModel):
    """How to reach a model and how hard to try.

    Attributes are documented by their ``Field`` descriptions; see ``llm-extract --help``.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_url: str | None = Field(
        None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1. "
        "None starts the embedded llama.cpp default."
    )
    model: str | None = Field(None, description="Model name sent to the endpoint.")
    api_key: SecretStr | None = Field(None, description="Bearer key; never logged or recorded.")
    mode: WireMode = Field("auto", description="Structured-output wire format; auto probes.")
    prompt_version: str | None = Field(None, description="Prompt template version; None = default.")
    temperature: float = Field(0.0, ge=0.0, le=2.0)
    max_tokens: int = Field(1536, gt=0, description="Cap on generated tokens per call.")
    timeout: float = Field(300.0, gt=0, description="Seconds allowed for one HTTP request.")
    transport_retries: int = Field(3, ge=0, description="Retries on timeouts, 429 and 5xx.")
    retry_initial_wait: float = Field(1.0, ge=0.0)
    retry_max_wait: float = Field(30.0, ge=0.0)
    max_reasks: int = Field(1, ge=0, description="Re-asks with validation errors fed back.")
    repeat_stop: bool = Field(
        True, description="Stream grammar answers (llama.cpp) and stop one when it starts to "
        "repeat a record or participant it already wrote, or writes a third record of one contact "
        "(llm_extract.model.repeat_stop)."
    )
    repairs: bool = Field(True, description="Apply the repair rules (llm_extract.quality.repair).")
    disabled_repairs: tuple[str, ...] = Field(
        (), description="Repair rules switched off by name (comma-separated in the environment; "
        "`llm-extract eval --help` lists them)."
    )
    enabled_repairs: tuple[str, ...] = Field(
        (), description="Repair rules that are off by default switched on by name (they did "
        "not help on the check sets; comma-separated in the environment)."
    )
    reading: Reading = Field(
        "whole", description="whole: one answer for the article (windows for a long text), "
        "then re-reads of missed cue sentences; contacts: ask of every sentence whether it "
        "reports a contact, then its records, the article read once in the prompt "
        "(llm_extract.model.contacts; a text read in windows is read whole-wise)."
    )
    contact_threshold: float = Field(
        0.0, ge=0.0, le=1.0, description="With reading=contacts: a sentence is asked for its "
        "records when the model's probability that it reports a contact is at least this "
        "(0 = every sentence: at 1.5B the probabilities rank sentences but part them poorly)."
    )
    recall_passes: int = Field(
        1, ge=0, description="At most this many focused re-reads of uncovered cue sentences "
        "(per window, for a text read in windows)."
    )
    judge: bool = Field(
        False, description="Ask the model short constrained questions about each record and keep "
        "its token probabilities as the record's confidence (llm_extract.model.judge)."
    )
    window_chars: int = Field(
        1500, ge=0, description="A text too long to read whole is read in windows of whole "
        "paragraphs up to this size, each asked for its own meetings, and the records merged; "
        "0 reads every text whole (an endpoint with a long context)."
    )
    whole_text_chars: int = Field(
        3000, ge=0, description="A text up to this long is read whole, as one article."
    )
    window_overlap_chars: int = Field(
        400, ge=0, description="Each window also reads the whole sentences of this many "
        "characters before it, for context; a record found there is the previous window's."
    )
    max_text_chars: int = Field(
        1_000_000, gt=0, description="A safety cap: longer input is rejected (long documents "
        "are read in windows, so this is not the model's context)."
    )
    model_path: Path | None = Field(None, description="Own GGUF file for the embedded server.")
    server_binary: Path | None = Field(None, description="llama-server executable to use.")
    cache_dir: Path = Field(default_factory=_default_cache_dir)
    threads: int | None = Field(None, gt=0, description="CPU threads for the embedded server.")
    ctx_size: int = Field(8192, gt=0, description="Context window per slot of the embedded server.")
    slots: int = Field(
        1, gt=0, description="Requests the embedded server decodes at once (llama.cpp --parallel); "
        "match it to the batch concurrency or the service's in-flight limit."
    )
    flash_attn: FlashAttn = Field(
        "off", description="llama.cpp --flash-attn of the embedded server. Off: on the shipped "
        "CPU build it makes each generated token slower the longer the prompt "
        "(docs/benchmarks-history.md, eleventh session); auto or on for a GPU build of your "
        "own (--server-bin)."
    )

    @field_validator("base_url")
    @classmethod
    def _strip_base_url(cls, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        value = value.strip().rstrip("/")
        if not value.startswith(("http://", "https://")):
            raise ValueError("base_url must start with http:// or https://")
        return value

    @field_validator("disabled_repairs", "enabled_repairs", mode="before")
    @classmethod
    def _split_names(cls, value: Any) -> Any:
        if isinstance(value, str):
            return tuple(part.strip() for part in value.split(",") if part.strip())
        return value

    def __init__(self, **data: Any) -> None:
        """Validate; a bad value or an unknown name is a :class:`ConfigurationError` (a
        ``ValueError``) naming the field, not pydantic's multi-line ``ValidationError``."""
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise ConfigurationError(f"invalid settings: {validation_problems(exc)}") from None

    def with_overrides(self, **overrides: Any) -> Settings:
        """A copy with ``overrides`` applied and validated like the constructor's arguments.

        Why not ``model_copy(update=...)``: it validates nothing, so a misspelt name
        (``tmeout=3``) was ignored and ``timeout=-5`` or ``max_tokens=0`` went through.
        """
        if not overrides:
            return self
        return Settings(**{**self.model_dump(exclude_unset=True), **overrides})

    @property
    def embedded(self) -> bool:
        """True when no endpoint is configured and the embedded server is used."""
        return self.base_url is None

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] | None = None, *,
        defaults: Mapping[str, Any] | None = None, **overrides: Any,
    ) -> Settings:
        """Build settings from ``LLM_EXTRACT_*`` variables, then apply non-None overrides.

        ``defaults`` rank below the environment: a command's own default (``batch`` gives the
        embedded server one slot per request in flight) that a user's variable still beats.
        """
        env = os.environ if environ is None else environ
        values: dict[str, Any] = dict(defaults or {})
        for suffix, name in _ENV_FIELDS.items():
            raw = env.get(ENV_PREFIX + suffix)
            if raw is not None and raw != "":
                values[name] = raw
        values.update({k: v for k, v in overrides.items() if v is not None})
        try:
            return cls(**values)
        except ValidationError as exc:
            raise ConfigurationError(f"invalid settings: {validation_problems(exc)}") from None

    def public_dict(self) -> dict[str, Any]:
        """Settings as JSON-ready data with the API key reduced to whether one is set and the
        base URL stripped of credentials (an eval run's settings.json is shared)."""
        data = self.model_dump(mode="json", exclude={"api_key"})
        data["base_url"] = redact_url(self.base_url)
        data["api_key_set"] = self.api_key is not None
        return data

    def __repr_args__(self) -> Any:
        """pydantic's repr, with the base URL stripped of credentials (tracebacks show reprs)."""
        for name, value in super().__repr_args__():
            yield name, (redact_url(value) if name == "base_url" else value)
