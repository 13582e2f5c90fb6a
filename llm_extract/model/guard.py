"""The two things every model call does around itself, as one public door to the private ones.

Before a call: the log filters are installed (instructor's retry logging does not interleave
with progress lines, and no record carries the key) and the API key is remembered for
redaction. After a failure: the exception is translated at the boundary into an
:mod:`llm_extract.errors` class and scrubbed of the key. Every call of
:class:`~llm_extract.model.caller.Caller` goes through here.
"""

from __future__ import annotations

from llm_extract.errors import AttemptLog, LLMExtractError
from llm_extract.model._boundary import translate
from llm_extract.model._redact import (
    install_log_filters,
    redact_error,
    remember_secret,
    remember_url_secrets,
)

__all__ = ["failure", "prepare_call"]


def prepare_call(api_key: str | None, base_url: str | None = None) -> None:
    """Install the log filters and remember ``api_key`` (and the credentials ``base_url``
    carries) so that no output can carry them."""
    install_log_filters()
    remember_secret(api_key)
    remember_url_secrets(base_url)


def failure(exc: BaseException, log: AttemptLog) -> LLMExtractError:
    """``exc`` as the matching typed error, with any remembered secret scrubbed from it."""
    return redact_error(translate(exc, log))
