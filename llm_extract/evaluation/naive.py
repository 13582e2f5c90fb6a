"""A naive peer pipeline: one plain instructor call, the baseline the real extractor must beat.

It is what a first attempt with instructor looks like: a one-line instruction, a response model
with the guidelines' fields as plain ``str``/``Literal`` values, no few-shot examples, no
grounding, no re-asks (``max_retries=0``). Scoring it beside ``Extractor`` on the same endpoint
shows what the versioned prompt, grounding and re-asks are worth.

The endpoint is resolved and called through the same
:class:`~llm_extract.model.caller.Caller` as the real extractor's (the embedded server
included), so the two pipelines differ only in how they ask. The answer is fitted
into schema v1 so that it can be saved and scored like any result: a country or date the schema
cannot hold becomes null with a ``repaired`` flag, and a record with no participant is dropped
with a ``dropped_meeting`` flag. Nothing else is changed.
"""

from __future__ import annotations

import datetime as dt
import time
from typing import Any, Literal

import pydantic
from pydantic import BaseModel, Field, TypeAdapter

from llm_extract.errors import AttemptLog
from llm_extract.inputs import InputFormat, check_text, read_source
from llm_extract.model.caller import Caller
from llm_extract.model.endpoint import Endpoint
from llm_extract.model.provenance import build_provenance
from llm_extract.schema import ExtractionResult, Flag, IsoDate, Meeting
from llm_extract.settings import Settings
from llm_extract.text.countries import to_country_code

__all__ = ["INSTRUCTION", "PROMPT_VERSION", "NaiveExtractor", "NaiveOutput", "to_schema_v1"]

INSTRUCTION = "Extract all meetings reported in this article as JSON."
PROMPT_VERSION = "naive"
_WIRE_MODE = "json_schema"  # instructor's Mode.JSON_SCHEMA request, unmodified


class NaiveLocation(BaseModel):
    city: str | None = None
    country: str | None = None


class NaiveParticipant(BaseModel):
    name: str | None = None
    title: str | None = None
    organization: str | None = None
    country: str | None = None
    role: Literal["host", "guest", "attendee", "participant"]


class NaiveMeeting(BaseModel):
    status: Literal["held", "planned", "postponed", "cancelled"]
    modality: Literal["in_person", "video", "phone", "unknown"]
    date: str | None = None
    location: NaiveLocation | None = None
    participants: list[NaiveParticipant] = Field(default_factory=list)
    topics: list[str] = Field(default_factory=list)
    evidence: str | None = None


class NaiveOutput(BaseModel):
    meetings: list[NaiveMeeting] = Field(default_factory=list)


_DATE = TypeAdapter(IsoDate)


def _fit_country(value: str | None, path: str, flags: list[Flag]) -> str | None:
    code = to_country_code(value)
    if code is None and value is not None and value.strip():
        flags.append(Flag(kind="repaired", path=path, value=value,
                          detail="not an ISO 3166-1 alpha-2 country; set to null"))
    return code


def _fit_date(value: str | None, path: str, flags: list[Flag]) -> str | None:
    if value is None:
        return None
    try:
        return _DATE.validate_python(value)
    except pydantic.ValidationError:
        flags.append(Flag(kind="repaired", path=path, value=value,
                          detail="not an ISO date; set to null"))
        return None


def to_schema_v1(output: NaiveOutput) -> tuple[list[Meeting], list[Flag]]:
    """The naive answer as schema-v1 meetings, with a flag for everything changed or dropped."""
    meetings: list[Meeting] = []
    flags: list[Flag] = []
    for i, naive in enumerate(output.meetings):
        path = f"meetings[{i}]"
        data: dict[str, Any] = naive.model_dump()
        data["date"] = _fit_date(naive.date, f"{path}.date", flags)
        if naive.location is not None:
            data["location"]["country"] = _fit_country(
                naive.location.country, f"{path}.location.country", flags)
        for j, person in enumerate(naive.participants):
            data["participants"][j]["country"] = _fit_country(
                person.country, f"{path}.participants[{j}].country", flags)
        try:
            meetings.append(Meeting.model_validate(data))
        except pydantic.ValidationError as exc:
            detail = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
            flags.append(Flag(kind="dropped_meeting", path=path, detail=detail[:300]))
    return meetings, flags


class NaiveExtractor:
    """The naive pipeline, with the same ``extract`` signature as :class:`Extractor`.

    Args:
        settings: endpoint, model, temperature, max_tokens and timeout are used; prompt version,
            wire mode and re-asks are deliberately ignored.
        endpoint: a resolved endpoint (tests); by default the one the real extractor resolves.
        http_client: an HTTP client for the openai SDK (tests pass one with a mock transport).
            Typed ``Any`` because its class is whichever httpx package the installed openai
            SDK is built on (``httpx2`` for openai 3.x), not this project's ``httpx``.
    """

    def __init__(
        self, settings: Settings | None = None, *, endpoint: Endpoint | None = None,
        http_client: Any = None,
    ) -> None:
        self.settings = settings or Settings.from_env()
        self._endpoint = endpoint
        # no repeat stop: the naive peer is what a first attempt with instructor looks like
        self._caller = Caller(self.settings, endpoint=endpoint, http_client=http_client,
                              repeat_stop=False)

    def endpoint(self) -> Endpoint:
        """The endpoint the real extractor would use (starting the embedded server if so)."""
        if self._endpoint is None:
            self._endpoint = self._caller.endpoint()
        return self._endpoint

    def extract(
        self, text: str | bytes, *, published: str | dt.date | None = None,
        language: str | None = None, prompt_version: str | None = None,
        format: InputFormat = "auto",
    ) -> ExtractionResult:
        """Meeting records of one article from a single model call; raises an LLMExtractError.

        ``prompt_version`` is accepted so that this pipeline is a
        :class:`~llm_extract.protocols.SupportsExtract` like :class:`Extractor`, and ignored:
        the naive pipeline has its one instruction (:data:`PROMPT_VERSION`). A web page
        (``format``) is read as the pipeline reads it.
        """
        s = self.settings
        text, source = read_source(text, format)
        text = check_text(text, s.max_text_chars)  # the same input checks as the pipeline
        endpoint = self.endpoint()
        log = AttemptLog(attempts=1)
        started = time.perf_counter()
        # As the real extractor's calls do (Caller.ask_once): the key never reaches an error
        # file or a log, and instructor's failure logging does not interleave with the eval's
        # progress lines.
        output = self._caller.ask_once(
            endpoint, log, response_model=NaiveOutput,
            messages=[{"role": "user", "content": f"{INSTRUCTION}\n\n{text}"}],
            max_retries=0, model=endpoint.model, temperature=s.temperature,
            max_tokens=s.max_tokens,
        )
        meetings, flags = to_schema_v1(output)
        provenance = build_provenance(
            text, source, prompt_version=PROMPT_VERSION, model=endpoint.model,
            endpoint=endpoint.base_url, endpoint_kind=endpoint.kind, mode=_WIRE_MODE,
            attempts=1, log=log, latency_s=time.perf_counter() - started, language=language,
            published=(published.isoformat()[:10] if isinstance(published, dt.date)
                       else published or (source.page_published if source else None)),
        )
        return ExtractionResult(meetings=meetings, flags=flags, provenance=provenance)
