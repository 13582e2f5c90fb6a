"""Grounding and assembly: nothing the article does not say reaches the user unflagged."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from llm_extract.model.wire import WireOutput, grounding_context
from llm_extract.quality.assemble import assemble
from llm_extract.text.article import Article

ARTICLE = (
    "بغداد - استقبل وزيرُ الخارجية العراقي، سليم الحداد، نظيرَه الأردني نادر العموري، "
    "بحضور السفير باسل القضاة. وفي وقت لاحق أجرى الحداد اتصالاً هاتفياً مع كمال أرسلان."
)


def _person(name: str | None, role: str = "participant", **kw: Any) -> dict[str, Any]:
    return {"name": name, "title": kw.get("title"), "organization": None,
            "country": kw.get("country"), "role": role}


def _meeting(evidence: str | None, people: list[dict[str, Any]], **kw: Any) -> dict[str, Any]:
    return {"evidence": evidence, "status": "held", "modality": kw.get("modality", "in_person"),
            "date": kw.get("date"), "city": kw.get("city"), "country": kw.get("country"),
            "participants": people, "topics": []}


def _assemble(meetings: list[dict[str, Any]]) -> tuple[list[Any], list[Any]]:
    output = WireOutput.model_validate({"meetings": meetings})
    return assemble(output, Article(ARTICLE))


def test_spans_point_at_the_source_text() -> None:
    meetings, flags = _assemble([_meeting(
        "استقبل وزير الخارجية العراقي، سليم الحداد",  # no diacritics: still found
        [_person("سليم الحداد", "host"), _person("نادر العموري", "guest")],
        city="Baghdad", country="Iraq")])
    assert flags == []
    m = meetings[0]
    assert m.location is not None and m.location.country == "IQ"  # name coerced to code
    assert m.evidence_span is not None
    # Evidence is returned as the article writes it, diacritics included.
    assert m.evidence == ARTICLE[m.evidence_span.start:m.evidence_span.end]
    assert "وزيرُ" in m.evidence
    for p in m.participants:
        assert p.name_span is not None
        assert ARTICLE[p.name_span.start:p.name_span.end] == p.name


def test_invented_name_is_dropped_and_flagged() -> None:
    meetings, flags = _assemble([_meeting(None, [
        _person("سليم الحداد", "host"), _person("Donald Duck", "guest")])])
    assert [p.name for p in meetings[0].participants] == ["سليم الحداد"]
    assert [(f.kind, f.path, f.value) for f in flags] == [
        ("ungrounded_name", "meetings[0].participants[1].name", "Donald Duck")]


def test_meeting_without_grounded_participant_is_dropped_and_flagged() -> None:
    meetings, flags = _assemble([_meeting(None, [_person("Ghost Person")])])
    assert meetings == []
    assert [f.kind for f in flags] == ["ungrounded_name", "dropped_meeting"]


def test_paraphrased_evidence_is_dropped_and_flagged() -> None:
    meetings, flags = _assemble([_meeting("The ministers met in Baghdad.",
                                          [_person("سليم الحداد")])])
    assert meetings[0].evidence is None and meetings[0].evidence_span is None
    assert [f.kind for f in flags] == ["ungrounded_evidence"]


def test_duplicate_participant_is_merged_and_flagged() -> None:
    meetings, flags = _assemble([_meeting(None, [
        _person("سليم الحداد", "host"), _person("سليم الحداد", "host")])])
    assert len(meetings[0].participants) == 1
    assert [f.kind for f in flags] == ["duplicate"]


def test_calls_have_no_location() -> None:
    meetings, _ = _assemble([_meeting(None, [_person("كمال أرسلان")], modality="phone",
                                      city="Ankara", country="TR")])
    assert meetings[0].location is None


def test_enum_spellings_are_repaired_not_reasked() -> None:
    raw = _meeting(None, [_person("كمال أرسلان", "Participants")], modality="In-Person")
    raw["status"] = "took place"
    meetings, _ = _assemble([raw])
    assert (meetings[0].status, meetings[0].modality) == ("held", "in_person")
    assert meetings[0].participants[0].role == "participant"


def test_grounding_context_turns_ungrounded_names_into_a_validation_error() -> None:
    data = {"meetings": [_meeting("an invented sentence", [_person("Donald Duck")])]}
    with pytest.raises(ValidationError) as info:
        WireOutput.model_validate(data, context=grounding_context(ARTICLE))
    message = str(info.value)
    assert "meetings[0].participants[0].name 'Donald Duck'" in message
    assert "meetings[0].evidence 'an invented sentence'" in message
    # Without the context (the lenient fallback) the same answer parses.
    assert WireOutput.model_validate(data).meetings[0].participants[0].name == "Donald Duck"


def test_name_with_arabic_proclitic_is_found() -> None:
    # "والحداد" (and al-Haddad) still grounds "الحداد"; a substring of a longer word does not.
    meetings, flags = _assemble([_meeting(None, [_person("الحداد"), _person("حداد")])])
    assert [p.name for p in meetings[0].participants] == ["الحداد"]
    assert [f.kind for f in flags] == ["ungrounded_name"]


def test_rank_glued_to_a_name_is_trimmed_to_the_grounded_tail() -> None:
    text = "بحضور قائد البعثة، الفريق غويرو مارتينث، والسفير."
    output = WireOutput.model_validate({"meetings": [_meeting(None, [
        _person("فريق غويرو مارتينث", "attendee")])]})
    meetings, flags = assemble(output, Article(text))
    person = meetings[0].participants[0]
    assert person.name == "غويرو مارتينث"
    assert person.name_span is not None
    assert text[person.name_span.start:person.name_span.end] == "غويرو مارتينث"
    assert [f.kind for f in flags] == ["repaired"]
    # And it is not a grounding problem worth a re-ask.
    WireOutput.model_validate(output.model_dump(), context=grounding_context(text))


def test_persian_letter_forms_still_ground_arabic_names() -> None:
    text = "تأجیل زیارة الکاظمی إلی السعودیة"  # Persian kaf and yeh, as some outlets print
    output = WireOutput.model_validate({"meetings": [_meeting(None, [_person("الكاظمي")])]})
    meetings, flags = assemble(output, Article(text))
    assert flags == []
    span = meetings[0].participants[0].name_span
    assert span is not None and text[span.start:span.end] == "الکاظمی"
