"""What the model is asked to write: a flat, forgiving shape that maps onto schema v1.

A 1.5B model fills a flat record more reliably than the nested public one, so on the wire a
meeting has ``city``/``country`` instead of a ``location`` object, a participant has no
``aliases`` (at 1.5B, transliterations were copied from the few-shot examples rather than
made), and the ``evidence`` quote comes first, so that the model
copies the sentence before it reads fields off it. Every field is required (nullable where it
may be unknown): llama.cpp's schema grammar then emits keys in this order, with no skipping.

Values a model gets approximately right are repaired here rather than re-asked (a re-ask costs
a whole generation): enum spellings, country names instead of codes, malformed dates. What
cannot be repaired is a validation error. With a ``source`` in the validation context,
:class:`WireOutput` also checks grounding: every name and evidence quote must occur in the
article, and the error says exactly which did not, so that the re-ask can fix it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    ValidationInfo,
    model_validator,
)

from llm_extract.schema import Modality, Role, Status, _check_date, _fold_enum
from llm_extract.text.countries import to_country_code
from llm_extract.text.grounding import ground_name
from llm_extract.text.normalize import Folded, find_span, fold

__all__ = [
    "ContactAnswer",
    "WireMeeting",
    "WireOutput",
    "WireParticipant",
    "grounding_context",
    "grounding_problems",
]


def _lenient_country(value: Any) -> str | None:
    return to_country_code(value) if isinstance(value, str) else None


def _lenient_date(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    try:
        return _check_date(value)
    except ValueError:
        return None


def _lenient_text(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return None if value.lower() in {"", "null", "none", "n/a", "unknown"} else value


WireCountry = Annotated[str | None, BeforeValidator(_lenient_country)]
WireDate = Annotated[str | None, BeforeValidator(_lenient_date)]
WireText = Annotated[str | None, BeforeValidator(_lenient_text)]


def _bounded(n: int, description: str) -> Any:
    # maxLength reaches the grammar and stops a string loop; validation does not enforce it.
    return Field(description=description, json_schema_extra={"maxLength": n})


class WireParticipant(BaseModel):
    model_config = ConfigDict(extra="ignore")

    name: WireText = _bounded(80, "Name exactly as written in the article; null if unnamed")
    title: WireText = _bounded(80, "Office in short English")
    organization: WireText = _bounded(60, "International organization, else null")
    country: WireCountry = Field(description="ISO 3166-1 alpha-2 code of the state represented")
    role: Annotated[Role, BeforeValidator(_fold_enum)]


def _every_key_required(schema: dict[str, Any]) -> None:
    schema["required"] = list(schema.get("properties", {}))


class WireMeeting(BaseModel):
    # The model is asked for every key; ``topics`` still has a default so that a record whose
    # participant list was stopped in a loop (``repeat_stop``) parses without them.
    model_config = ConfigDict(extra="ignore", json_schema_extra=_every_key_required)

    evidence: WireText = _bounded(400, "The sentence of the article that reports the meeting")
    status: Annotated[Status, BeforeValidator(_fold_enum)]
    modality: Annotated[Modality, BeforeValidator(_fold_enum)]
    date: WireDate = Field(description="YYYY-MM-DD, YYYY-MM or YYYY, or null")
    city: WireText = _bounded(40, "City in English; null for calls and video")
    country: WireCountry = Field(description="ISO alpha-2 of the meeting place")
    participants: list[WireParticipant] = Field(min_length=1, json_schema_extra={"maxItems": 12})
    topics: list[Annotated[str, Field(json_schema_extra={"maxLength": 60})]] = Field(
        default_factory=list, json_schema_extra={"maxItems": 3}
    )


class WireOutput(BaseModel):
    """The model's whole answer for one article."""

    model_config = ConfigDict(extra="ignore")

    meetings: list[WireMeeting] = Field(json_schema_extra={"maxItems": 8})
    # Why the answer these records come from was cut short, when it was: "max_tokens" (the
    # records salvaged by ``_calls.complete_records``), "repeat" (stopped at its first
    # repeat, ``repeat_stop``) or "near_repeat" (at a third record of one contact). Not part
    # of the schema the model is asked for.
    _cut: str | None = PrivateAttr(default=None)

    @property
    def cut_off(self) -> bool:
        """Whether these are the complete records of an answer that was cut short."""
        return self._cut is not None

    @property
    def cut_reason(self) -> str | None:
        """``"max_tokens"``, ``"repeat"`` or ``"near_repeat"`` for an answer cut short, else
        None."""
        return self._cut

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> WireOutput:
        context = info.context if isinstance(info.context, dict) else None
        folded = context.get("folded_source") if context else None
        if not isinstance(folded, Folded):
            return self
        problems = grounding_problems(self, folded)
        if problems:
            raise ValueError(
                "Not found in the article (copy text exactly as the article writes it): "
                + "; ".join(problems)
            )
        return self


def grounding_problems(output: WireOutput, folded: Folded) -> list[str]:
    """One message per name or evidence quote that does not occur in the folded source."""
    problems: list[str] = []
    for i, meeting in enumerate(output.meetings):
        if meeting.evidence and find_span(folded, meeting.evidence) is None:
            problems.append(f"meetings[{i}].evidence {meeting.evidence[:120]!r}")
        for j, person in enumerate(meeting.participants):
            if person.name and ground_name(folded, person.name) is None:
                problems.append(f"meetings[{i}].participants[{j}].name {person.name!r}")
    return problems


def grounding_context(source: str) -> dict[str, Any]:
    """The validation context that switches grounding on."""
    return {"folded_source": fold(source)}


@dataclass(frozen=True)
class ContactAnswer:
    """What the model said of one sentence.

    Attributes:
        span: the sentence's source span.
        p: the probability that it reports a contact (None: the find question failed, or the
            endpoint wrote neither word).
        output: its records; the kind of the error that left no usable answer; or None when
            the sentence was not found to report a contact and was not asked for records.
    """

    span: tuple[int, int]
    p: float | None
    output: WireOutput | str | None
