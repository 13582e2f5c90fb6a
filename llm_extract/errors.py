"""The one exception tree of llm_extract.

Every error the library raises on purpose is a subclass of :class:`LLMExtractError`, so a caller
can catch one type; third-party errors (openai, instructor, httpx, tenacity) are translated into
this tree at one boundary, :func:`llm_extract.model._boundary.translate`, and never leak out raw.

    LLMExtractError
    ├── ConfigurationError            bad settings, unknown prompt version or wire mode
    │                                 (also a ValueError)
    ├── InputError                    the text given cannot be extracted from
    │   ├── EmptyTextError
    │   ├── TextTooLongError
    │   ├── InvalidEncodingError
    │   └── NoArticleError            a web page with no article (menus only, empty body)
    ├── EndpointError                 the model endpoint failed us (transport level)
    │   ├── EndpointConnectionError
    │   ├── EndpointTimeoutError
    │   ├── RateLimitedError          HTTP 429 (carries retry_after)
    │   ├── EndpointServerError       HTTP 5xx
    │   ├── EndpointRequestError      HTTP 4xx other than 429 (wrong model, bad request, auth)
    │   └── EndpointProtocolError     a 2xx answer that is not a chat completion
    ├── OutputError                   the model answered, but not with valid records
    │   ├── IncompleteOutputError     generation cut by max_tokens (finish_reason=length)
    │   └── ExtractionFailedError     validation still failing after all re-asks
    └── EmbeddedError                 the embedded llama.cpp default could not be set up
        ├── ModelAssetError           model chunks missing or hash mismatch
        └── ServerStartError          llama-server missing, crashed or never became healthy

Errors that come after model calls carry an :class:`AttemptLog` (attempts, last raw output,
token usage) so a caller can see what was spent before the failure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = [
    "AttemptLog",
    "ConfigurationError",
    "EmbeddedError",
    "EmptyTextError",
    "EndpointConnectionError",
    "EndpointError",
    "EndpointProtocolError",
    "EndpointRequestError",
    "EndpointServerError",
    "EndpointTimeoutError",
    "ExtractionFailedError",
    "IncompleteOutputError",
    "InputError",
    "InvalidEncodingError",
    "LLMExtractError",
    "ModelAssetError",
    "NoArticleError",
    "OutputError",
    "RateLimitedError",
    "ServerStartError",
    "TextTooLongError",
]


@dataclass
class AttemptLog:
    """What the model calls cost before an error: enough to debug and to account for tokens."""

    attempts: int = 0
    last_raw_output: str | None = None
    # What ``attempts`` is made of, apart from first calls (issue 14): re-asks after invalid
    # output, transport retries after timeouts/5xx/429, and recall re-reads of single sentences.
    reasks: int = 0
    transport_retries: int = 0
    recall_calls: int = 0
    contact_calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class LLMExtractError(Exception):
    """Root of every error llm_extract raises.

    ``kind`` is a stable short name (used by the CLI, the service and batch output) so that
    consumers need not depend on class names.
    """

    kind = "error"

    def __init__(self, message: str, *, log: AttemptLog | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.log = log if log is not None else AttemptLog()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.message!r}, attempts={self.log.attempts})"

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready description, free of secrets (messages never carry request headers)."""
        return {
            "kind": self.kind,
            "type": type(self).__name__,
            "message": self.message,
            "attempts": self.log.attempts,
            "prompt_tokens": self.log.prompt_tokens,
            "completion_tokens": self.log.completion_tokens,
            "last_raw_output": self.log.last_raw_output,
        }


class ConfigurationError(LLMExtractError, ValueError):
    """Bad settings or options. Also a ``ValueError``: code that validated settings by catching
    pydantic's ``ValidationError`` (a ``ValueError``) keeps working."""

    kind = "configuration"


class InputError(LLMExtractError):
    kind = "input"


class EmptyTextError(InputError):
    kind = "empty_text"


class TextTooLongError(InputError):
    kind = "text_too_long"


class InvalidEncodingError(InputError):
    kind = "invalid_encoding"


class NoArticleError(InputError):
    """A web page whose main text is no article: only menus or links, an empty body, or
    text without a letter. Raised instead of handing the menu text to the model as an
    article (``llm_extract/text/webpage.py``)."""

    kind = "no_article"


class EndpointError(LLMExtractError):
    kind = "endpoint"


class EndpointConnectionError(EndpointError):
    kind = "connection"


class EndpointTimeoutError(EndpointError):
    kind = "timeout"


class RateLimitedError(EndpointError):
    kind = "rate_limited"

    def __init__(
        self, message: str, *, retry_after: float | None = None, log: AttemptLog | None = None
    ) -> None:
        super().__init__(message, log=log)
        self.retry_after = retry_after


class EndpointServerError(EndpointError):
    kind = "server_error"


class EndpointRequestError(EndpointError):
    kind = "request_error"


class EndpointProtocolError(EndpointError):
    kind = "protocol_error"


class OutputError(LLMExtractError):
    kind = "output"


class IncompleteOutputError(OutputError):
    kind = "incomplete_output"


class ExtractionFailedError(OutputError):
    kind = "extraction_failed"


class EmbeddedError(LLMExtractError):
    kind = "embedded"


class ModelAssetError(EmbeddedError):
    kind = "model_asset"


class ServerStartError(EmbeddedError):
    kind = "server_start"
