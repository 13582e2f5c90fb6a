"""Schema v1: the public, typed meeting record and the result that carries it.

Field names and meanings are those of the annotation guidelines (``eval/GUIDELINES.md``), so a
result's ``meetings`` list can be scored against gold JSON as it is. Beyond the guidelines a
record carries source offsets (``evidence_span``, ``name_span``) and a result carries the
``flags`` raised while grounding it and the ``provenance`` of how it was made.

The JSON Schema of :class:`ExtractionResult` is exported to ``schemas/`` as a versioned file;
a test fails when the file and these models drift apart (``llm-extract schema --write``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, BeforeValidator, ConfigDict, Field

from llm_extract.text.countries import to_country_code

__all__ = [
    "SCHEMA_VERSION",
    "Confidence",
    "CountryCode",
    "ExtractionResult",
    "Flag",
    "IsoDate",
    "Location",
    "Meeting",
    "Modality",
    "Participant",
    "Provenance",
    "Role",
    "SourceText",
    "Span",
    "Status",
    "Usage",
]

SCHEMA_VERSION = "1"

Status = Literal["held", "planned", "postponed", "cancelled"]
Modality = Literal["in_person", "video", "phone", "unknown"]
Role = Literal["host", "guest", "attendee", "participant"]

# Spellings a model uses for an enum value, folded to the canonical value before validation,
# so that "In-Person" or "virtual" costs no re-ask.
_SYNONYMS: dict[str, str] = {
    "inperson": "in_person", "in_person": "in_person", "person": "in_person",
    "face_to_face": "in_person", "physical": "in_person", "onsite": "in_person",
    "virtual": "video", "videoconference": "video", "video_conference": "video",
    "video_call": "video", "online": "video", "teleconference": "video",
    "telephone": "phone", "phone_call": "phone", "call": "phone", "telephone_call": "phone",
    "scheduled": "planned", "upcoming": "planned", "expected": "planned", "future": "planned",
    "took_place": "held", "completed": "held", "happened": "held", "past": "held",
    "delayed": "postponed", "deferred": "postponed", "canceled": "cancelled",
    "called_off": "cancelled", "visitor": "guest", "attendant": "attendee",
    "participants": "participant", "member": "participant",
}


def _fold_enum(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    key = re.sub(r"[\s\-]+", "_", value.strip().lower())
    return _SYNONYMS.get(key, key)


def _coerce_country(value: Any) -> Any:
    if value is None or not isinstance(value, str):
        return value
    if not value.strip() or value.strip().lower() in {"null", "none", "n/a", "unknown"}:
        return None
    code = to_country_code(value)
    if code is None:
        raise ValueError(f"{value!r} is not an ISO 3166-1 alpha-2 country code (e.g. 'IQ')")
    return code


_DATE_FORMS = (
    (re.compile(r"^\d{4}-\d{2}-\d{2}$"), "%Y-%m-%d"),
    (re.compile(r"^\d{4}-\d{2}$"), "%Y-%m"),
    (re.compile(r"^\d{4}$"), "%Y"),
)


def _check_date(value: str | None) -> str | None:
    if value is None:
        return None
    value = value.strip()
    if not value or value.lower() in {"null", "none", "unknown"}:
        return None
    for pattern, fmt in _DATE_FORMS:
        if pattern.match(value):
            dt.datetime.strptime(value, fmt)  # raises ValueError on 2024-02-30
            return value
    raise ValueError(f"{value!r} is not an ISO date (YYYY-MM-DD, YYYY-MM or YYYY)")


def _blank_to_none(value: Any) -> Any:
    if isinstance(value, str) and value.strip().lower() in {"", "null", "none", "n/a"}:
        return None
    return value.strip() if isinstance(value, str) else value


CountryCode = Annotated[
    str,
    BeforeValidator(_coerce_country),
    Field(pattern=r"^[A-Z]{2}$", description="ISO 3166-1 alpha-2 code, e.g. IQ, IR, US."),
]
IsoDate = Annotated[str, AfterValidator(_check_date)]
OptText = Annotated[str | None, BeforeValidator(_blank_to_none)]


class Span(BaseModel):
    """Half-open character offsets ``[start, end)`` into the source text (Python str indices)."""

    model_config = ConfigDict(frozen=True)

    start: int = Field(ge=0)
    end: int = Field(ge=0)


class Location(BaseModel):
    """Where a meeting physically took place."""

    city: OptText = Field(None, description="City in English, e.g. Baghdad.")
    country: CountryCode | None = None


class Participant(BaseModel):
    """One person who took part, named or identified by a single office."""

    name: OptText = Field(description="Fullest form in the article's own script; null if unnamed.")
    aliases: list[str] = Field(default_factory=list, description="Other renderings, e.g. Latin.")
    title: OptText = Field(None, description="Office in short English, e.g. Foreign Minister.")
    organization: OptText = Field(None, description="International body, e.g. NATO; else null.")
    country: CountryCode | None = Field(None, description="State the person represents.")
    role: Annotated[Role, BeforeValidator(_fold_enum)]
    name_span: Span | None = Field(None, description="Where the name occurs in the source.")


class Confidence(BaseModel):
    """How sure the model is of a record, from the token probabilities of short constrained
    questions asked about it (an additive, optional field of schema v1: null where the
    endpoint reports no probabilities or the judge is off).

    ``record`` is the probability that the article reports this contact at all; ``modality``
    and ``status`` the probability of the record's own value. ``choices`` holds each question's
    whole distribution over its allowed answers, renormalized over them, so that a reviewer can
    see the runner-up.
    """

    record: float | None = Field(None, ge=0.0, le=1.0)
    modality: float | None = Field(None, ge=0.0, le=1.0)
    status: float | None = Field(None, ge=0.0, le=1.0)
    choices: dict[str, dict[str, float]] = Field(default_factory=dict)


class Meeting(BaseModel):
    """One contact between identifiable parties that the article reports."""

    status: Annotated[Status, BeforeValidator(_fold_enum)]
    modality: Annotated[Modality, BeforeValidator(_fold_enum)]
    date: IsoDate | None = None
    location: Location | None = None
    participants: list[Participant] = Field(min_length=1)
    topics: list[str] = Field(default_factory=list)
    evidence: OptText = Field(None, description="Verbatim excerpt of the article.")
    evidence_span: Span | None = None
    confidence: Confidence | None = Field(
        None, description="The model's probabilities for this record (null: none reported).")


class Flag(BaseModel):
    """Something the pipeline changed, added or dropped rather than do silently (``recalled``:
    a record the second pass added, so a reviewer can weigh it; ``recall_failed``: a re-read
    that gave no usable answer and was skipped; ``window_failed``: a window of a long article
    that gave no usable answer, the other windows' records standing; ``injection_suspected``:
    a record drawn from text addressed to a model, "ignore previous instructions…";
    ``answer_cut``: an answer cut short, by max_tokens or stopped in a repetition loop, whose
    completed records were kept)."""

    kind: Literal[
        "ungrounded_name", "ungrounded_evidence", "dropped_meeting", "repaired", "duplicate",
        "recalled", "recall_failed", "window_failed", "injection_suspected", "answer_cut",
    ]
    path: str = Field(description="Where, e.g. meetings[1].participants[0].name")
    detail: str
    value: str | None = None


class Usage(BaseModel):
    """Tokens spent over every attempt of one extraction."""

    prompt_tokens: int = 0
    completion_tokens: int = 0
    model_seconds: float | None = Field(
        None, description="The server's own compute time (llama.cpp reports it), if known."
    )

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens


class SourceText(BaseModel):
    """The text a result was drawn from when the input was not that text: the main text of a
    web page (an additive, optional field of schema v1; ``provenance.source`` is null for an
    article given as text).

    Every offset of the result (``evidence_span``, ``name_span``) indexes this text, not the
    HTML: ``llm_extract.text.webpage.read_page(html).text`` with the same extractor version
    gives it back, and ``text_sha256`` checks it.
    """

    format: Literal["html"] = Field(description="What the input was: html, a web page.")
    extractor: str = Field(description="What drew the main text from it, e.g. trafilatura.")
    extractor_version: str
    text_sha256: str = Field(
        description="SHA-256 of the main text (UTF-8): what the model read, what offsets index.")
    text_length: int = Field(ge=0, description="Its length in characters (Python str).")
    title: str | None = Field(None, description="The page's title, if it has one.")
    page_published: IsoDate | None = Field(
        None, description="The publication date the page states (its metadata, a <time> "
        "element, a dated byline), YYYY-MM-DD; null when it states none.")
    html_sha256: str = Field(description="SHA-256 of the HTML as given (UTF-8); equal to "
                             "provenance.input_sha256.")


class Provenance(BaseModel):
    """How a result was made: enough to reproduce it and to account for its cost."""

    schema_version: str = SCHEMA_VERSION
    prompt_version: str
    model: str
    endpoint: str = Field(description="Base URL of the endpoint (never with credentials).")
    endpoint_kind: str = Field(description="embedded, llama.cpp, vllm, ollama, lmstudio, ...")
    mode: str = Field(description="Structured-output wire format actually used.")
    repairs: bool = Field(False, description="Whether cue-based repairs were applied.")
    recall_passes: int = Field(0, description="Second-pass re-reads allowed for missed meetings.")
    attempts: int = Field(description="Model calls made, all included: first calls, re-asks, "
                          "transport retries, recall re-reads, judge questions.")
    reasks: int | None = Field(
        None, description="Of the attempts: re-asks after output that did not validate "
        "(None: not recorded by the producer).")
    transport_retries: int | None = Field(
        None, description="Of the attempts: retries after a timeout, connection error, 429 or "
        "5xx (None: not recorded).")
    recall_calls: int | None = Field(
        None, description="Of the attempts: recall-pass re-reads of single sentences (None: "
        "not recorded).")
    reading: str | None = Field(
        None, description="How the article was read: whole (one answer, or windows) or "
        "contacts (sentence by sentence); None: not recorded.")
    contact_calls: int | None = Field(
        None, description="Of the attempts: the contact-by-contact reading's questions, "
        "find and write (None: not recorded or not that reading).")
    usage: Usage = Field(default_factory=Usage)
    latency_s: float
    input_sha256: str = Field(
        description="SHA-256 of the input as given (UTF-8): the article text, or for a web "
        "page its HTML (the text the model read is hashed in source.text_sha256).")
    language: str | None = None
    published: str | None = Field(
        None, description="The publication date used: the caller's, else the page's own.")
    source: SourceText | None = Field(
        None, description="Set when the input was a web page: the main text drawn from it, "
        "which the offsets index (null: the input was the article text itself).")
    created_at: str
    library_version: str


class ExtractionResult(BaseModel):
    """The meeting records of one article, with flags and provenance."""

    schema_version: Literal["1"] = "1"
    meetings: list[Meeting] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    provenance: Provenance
