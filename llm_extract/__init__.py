"""llm_extract: typed, validated, source-grounded meeting records from news text.

    >>> from llm_extract import extract_meeting
    >>> result = extract_meeting(text)            # embedded llama.cpp default
    >>> result.meetings[0].participants[0].name

The public API is what ``__all__`` lists; everything else is internal and may change.
"""

import importlib as _importlib
import typing as _typing

from llm_extract._version import __version__
from llm_extract.errors import (
    AttemptLog,
    ConfigurationError,
    EmbeddedError,
    EmptyTextError,
    EndpointConnectionError,
    EndpointError,
    EndpointProtocolError,
    EndpointRequestError,
    EndpointServerError,
    EndpointTimeoutError,
    ExtractionFailedError,
    IncompleteOutputError,
    InputError,
    InvalidEncodingError,
    LLMExtractError,
    ModelAssetError,
    NoArticleError,
    OutputError,
    RateLimitedError,
    ServerStartError,
    TextTooLongError,
)

if _typing.TYPE_CHECKING:  # eager for type checkers; at run time loaded on first use (below)
    from llm_extract.async_extractor import AsyncExtractor, aextract_meeting
    from llm_extract.extractor import Extractor, extract_meeting
    from llm_extract.schema import (
        SCHEMA_VERSION,
        ExtractionResult,
        Flag,
        Location,
        Meeting,
        Participant,
        Provenance,
        SourceText,
        Span,
        Usage,
    )
    from llm_extract.settings import Settings
    from llm_extract.text.webpage import Page, looks_like_html, read_page

# Why lazy: importing the extractor pulls in openai, instructor and scipy (about 1.5 s); the
# command line's ``--version`` and ``--help`` and a program that only catches our errors
# should not pay that. Each name is imported from its module the first time it is asked for.
_LAZY: dict[str, str] = {
    "AsyncExtractor": "llm_extract.async_extractor",
    "aextract_meeting": "llm_extract.async_extractor",
    "Extractor": "llm_extract.extractor",
    "extract_meeting": "llm_extract.extractor",
    "SCHEMA_VERSION": "llm_extract.schema",
    "ExtractionResult": "llm_extract.schema",
    "Flag": "llm_extract.schema",
    "Location": "llm_extract.schema",
    "Meeting": "llm_extract.schema",
    "Participant": "llm_extract.schema",
    "Provenance": "llm_extract.schema",
    "SourceText": "llm_extract.schema",
    "Span": "llm_extract.schema",
    "Usage": "llm_extract.schema",
    "Settings": "llm_extract.settings",
    "Page": "llm_extract.text.webpage",
    "looks_like_html": "llm_extract.text.webpage",
    "read_page": "llm_extract.text.webpage",
}


def __getattr__(name: str) -> _typing.Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'llm_extract' has no attribute {name!r}")
    value = getattr(_importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "SCHEMA_VERSION",
    "AsyncExtractor",
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
    "ExtractionResult",
    "Extractor",
    "Flag",
    "IncompleteOutputError",
    "InputError",
    "InvalidEncodingError",
    "LLMExtractError",
    "Location",
    "Meeting",
    "ModelAssetError",
    "NoArticleError",
    "OutputError",
    "Page",
    "Participant",
    "Provenance",
    "RateLimitedError",
    "ServerStartError",
    "Settings",
    "SourceText",
    "Span",
    "TextTooLongError",
    "Usage",
    "__version__",
    "aextract_meeting",
    "extract_meeting",
    "looks_like_html",
    "read_page",
]
