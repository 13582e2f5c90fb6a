"""Keeping API keys out of everything a user, a file or a log can see.

The key itself is only ever put in the ``Authorization`` header, and ``Settings`` holds it as a
``SecretStr``. But an endpoint's error body is quoted into error messages, and a careless proxy
or a debugging server quotes the request's headers back ("invalid credentials: Bearer sk-…").
Those messages then reach batch output files, service responses, the CLI's stderr, and — through
instructor, which logs every failed call at ERROR with the exception text — the application's
logs. So every key an extractor sends is remembered here and replaced by ``[REDACTED]``:

* in every error the extractor raises (:func:`redact_error`), whose ``__cause__`` and
  ``__context__`` chain (the raw openai/httpx exceptions, which hold the endpoint's error body
  verbatim) is cut off: ``raise ... from None`` only hides that chain from tracebacks, while
  ``error.__context__`` still reaches it;
* the credentials inside a base URL (user info, ``?api_key=``), remembered by
  :func:`remember_url_secrets` (:func:`llm_extract.redaction.redact_url` strips them from the
  URL wherever it is recorded);
* in log records of the libraries it drives (:class:`RedactingFilter`, attached to their
  loggers by :func:`install_log_filters`).

The same function also gives instructor's logger a ``NullHandler``: instructor reports each
failed attempt at ERROR, which without any logging configuration Python's last-resort handler
prints to stderr; our typed errors already carry that information, and the CLI promises one
readable line. An application that configures logging still receives those records.

Keys shorter than :data:`MIN_SECRET_LENGTH` are not redacted: replacing "abc" everywhere would
garble messages, and such a key protects nothing worth hiding.
"""

from __future__ import annotations

import logging
import threading

from llm_extract.errors import LLMExtractError
from llm_extract.redaction import url_secrets

__all__ = ["MIN_SECRET_LENGTH", "REDACTED", "RedactingFilter", "install_log_filters",
           "redact", "redact_error", "remember_secret", "remember_url_secrets"]

REDACTED = "[REDACTED]"
MIN_SECRET_LENGTH = 8

# Loggers whose records can quote an endpoint's answer. A logger's filters only see records
# created on that very logger, so each is named.
_THIRD_PARTY_LOGGERS = (
    "instructor", "instructor.v2", "instructor.v2.retry", "instructor.auto_client",
    "openai", "openai._base_client", "httpx", "httpcore", "httpx2",
)

_lock = threading.Lock()
_secrets: set[str] = set()
_installed = False


def remember_secret(secret: str | None) -> None:
    """Redact ``secret`` from now on (no-op for None and keys too short to matter)."""
    if secret is None or len(secret) < MIN_SECRET_LENGTH:
        return
    with _lock:
        _secrets.add(secret)


def remember_url_secrets(url: str | None) -> None:
    """Redact the credentials a URL carries (user info, secret-looking query values)."""
    for secret in url_secrets(url):
        remember_secret(secret)


def redact(text: str) -> str:
    """``text`` with every remembered secret replaced by :data:`REDACTED`."""
    with _lock:
        secrets = sorted(_secrets, key=len, reverse=True)  # longest first: no partial leftovers
    for secret in secrets:
        if secret in text:
            text = text.replace(secret, REDACTED)
    return text


def redact_error(error: LLMExtractError) -> LLMExtractError:
    """``error`` with secrets removed from its message, args and attempt log (in place)."""
    error.message = redact(error.message)
    error.args = tuple(redact(a) if isinstance(a, str) else a for a in error.args)
    log = error.log
    if log.last_raw_output is not None:
        log.last_raw_output = redact(log.last_raw_output)
    log.errors[:] = [redact(e) for e in log.errors]
    detach(error)
    return error


def detach(error: BaseException) -> BaseException:
    """``error`` with its ``__cause__``/``__context__`` chain dropped (in place).

    The chain holds the third-party exceptions the error was translated from, with the
    endpoint's error body and response objects; what a caller needs of them is already in
    the message and the attempt log, redacted. Python sets ``__context__`` again when the
    error is raised inside an ``except`` block, so the extractor raises it outside one.
    """
    error.__cause__ = None
    error.__context__ = None
    error.__suppress_context__ = True
    return error


class RedactingFilter(logging.Filter):
    """Rewrites a record whose formatted message contains a remembered secret."""

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except (TypeError, ValueError):  # a malformed record is the logging module's to report
            return True
        cleaned = redact(message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


def install_log_filters() -> None:
    """Attach :class:`RedactingFilter` to the third-party loggers, once per process."""
    global _installed
    with _lock:
        if _installed:
            return
        _installed = True
    log_filter = RedactingFilter()
    for name in _THIRD_PARTY_LOGGERS:
        logging.getLogger(name).addFilter(log_filter)
    logging.getLogger("instructor").addHandler(logging.NullHandler())
