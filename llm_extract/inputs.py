"""Checks on what a caller hands the extractor, each failing with a typed InputError, and the
reading of a web page into the article text the extractor works on (:func:`read_source`)."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from typing import Literal, get_args

from llm_extract.errors import (
    ConfigurationError,
    EmptyTextError,
    InvalidEncodingError,
    TextTooLongError,
)
from llm_extract.schema import SourceText, _check_date
from llm_extract.text.webpage import looks_like_html, read_page

__all__ = [
    "INPUT_FORMATS",
    "InputFormat",
    "check_published",
    "check_text",
    "input_sha256",
    "read_source",
]

InputFormat = Literal["auto", "text", "html"]
"""How an input is read: ``text`` as the article itself, ``html`` as a web page whose main text
is the article, ``auto`` as a page when it looks like HTML (a doctype, ``<html>``, or several
structural tags near the start: :func:`~llm_extract.text.webpage.looks_like_html`)."""

INPUT_FORMATS: tuple[str, ...] = get_args(InputFormat)


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


def read_source(
    data: str | bytes, format: InputFormat = "auto"
) -> tuple[str | bytes, SourceText | None]:
    """The text to extract from, and where it came from.

    For text (``format="text"``, or ``"auto"`` and the input does not look like HTML) that is
    ``data`` itself and None. For a web page it is the page's main text and its
    :class:`~llm_extract.schema.SourceText`; the page's HTML is checked as text is (UTF-8, no
    NUL, not empty) and may be up to ``MAX_PAGE_CHARS`` long, and a page without an article
    raises NoArticleError. The caller still runs :func:`check_text` on what this returns, so an
    article drawn from a page is held to ``max_text_chars`` as any article is.
    """
    if format not in INPUT_FORMATS:
        raise ConfigurationError(
            f"format must be one of {', '.join(INPUT_FORMATS)}, not {format!r}")
    if format == "text":
        return data, None
    if format == "auto":
        if isinstance(data, bytes):  # the start is enough; bad UTF-8 fails in check_text
            peek = data[:32_768].decode("utf-8", errors="ignore")
        else:
            peek = data if isinstance(data, str) else ""
        if not looks_like_html(peek):
            return data, None
    html = check_text(data, sys.maxsize)  # read_page applies the page limit
    page = read_page(html)
    return page.text, SourceText(
        format="html",
        extractor=page.extractor,
        extractor_version=page.extractor_version,
        text_sha256=hashlib.sha256(page.text.encode("utf-8")).hexdigest(),
        text_length=len(page.text),
        title=page.title,
        page_published=page.published,
        html_sha256=page.html_sha256,
    )


def input_sha256(text: str, source: SourceText | None) -> str:
    """``provenance.input_sha256``: of the input as given, the HTML of a page (``text`` being
    its main text then), else the article text."""
    if source is not None:
        return source.html_sha256
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
