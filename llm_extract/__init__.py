"""llm_extract: typed, validated, source-grounded meeting records from news text.

    >>> from llm_extract import extract_meeting
    >>> result = extract_meeting(text)            # embedded llama.cpp default
    >>> result.meetings[0].participants[0].name

The public API is what ``__all__`` lists; everything else is internal and may change.
"""

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
    OutputError,
    RateLimitedError,
    ServerStartError,
    TextTooLongError,
)
from llm_extract.extractor import Extractor, extract_meeting
from llm_extract.schema import (
    SCHEMA_VERSION,
    ExtractionResult,
    Flag,
    Location,
    Meeting,
    Participant,
    Provenance,
    Span,
    Usage,
)
from llm_extract.settings import Settings

__all__ = [
    "SCHEMA_VERSION",
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
    "OutputError",
    "Participant",
    "Provenance",
    "RateLimitedError",
    "ServerStartError",
    "Settings",
    "Span",
    "TextTooLongError",
    "Usage",
    "__version__",
    "extract_meeting",
]
