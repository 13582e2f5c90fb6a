"""Checks on what a caller hands the extractor, each failing with a typed InputError."""

from __future__ import annotations

import datetime as dt

from llm_extract.errors import (
    ConfigurationError,
    EmptyTextError,
    InvalidEncodingError,
    TextTooLongError,
)
from llm_extract.schema import _check_date

__all__ = ["check_published", "check_text"]


def check_text(text: str | bytes, limit: int) -> str:
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
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as exc:  # lone surrogates, e.g. from JSON "\ud800" or fsdecode
        raise InvalidEncodingError(
            f"input is not valid Unicode (character {exc.start}: {exc.reason})"
        ) from None
    if not any(ch.isalnum() for ch in text):  # whitespace, bidi marks, punctuation only
        raise EmptyTextError("input text is empty (no letters or digits)")
    if len(text) > limit:
        raise TextTooLongError(
            f"input has {len(text)} characters, more than the limit of {limit} "
            "(max_text_chars); split the document"
        )
    return text


def check_published(published: str | dt.date | None) -> str | None:
    if published is None:
        return None
    if isinstance(published, dt.date):
        return published.isoformat()[:10]
    try:
        return _check_date(published)
    except ValueError as exc:
        raise ConfigurationError(f"published: {exc}") from None
