"""merge_duplicates: a clause that reports no contact of its own elaborates an earlier record."""

from __future__ import annotations

from typing import Any

from llm_extract.model.wire import WireOutput
from llm_extract.quality.assemble import assemble
from llm_extract.quality.repair import repair
from llm_extract.text.article import Article

S1 = "Foreign Minister Ana Ribeiro spoke by phone with her Ghanaian counterpart Kofi Mensah."
S2 = "Ribeiro reaffirmed Portugal's support for the regional security initiative of Mensah."
S3 = "Ribeiro had already called Mensah in February to discuss the fisheries agreement."
S4 = "The two ministers discussed the fisheries agreement and the coming election in Ghana."
S5 = "The two ministers also discussed by video the election observers' mission."
A1 = "استقبل وزير الخارجية سليم الحداد نظيره الأردني نادر العموري في بغداد اليوم."
A2 = "وبحث الجانبان تعزيز التعاون الاقتصادي بين البلدين."


def _m(evidence: str, modality: str,
       names: tuple[str, str] = ("Ana Ribeiro", "Kofi Mensah")) -> dict[str, Any]:
    return {"evidence": evidence, "status": "held", "modality": modality, "date": None,
            "city": None, "country": None, "topics": [],
            "participants": [{"name": n, "title": None, "organization": None, "country": None,
                              "role": "participant"} for n in names]}


def _repair(text: str, *meetings: dict[str, Any], language: str = "en") -> tuple[int, list[str]]:
    article = Article(text, None, language)
    found, _ = assemble(WireOutput.model_validate({"meetings": list(meetings)}), article)
    out, flags = repair(found, article)
    return len(out), [f.path for f in flags if f.kind == "duplicate"]


def test_a_sentence_that_reports_no_contact_is_part_of_the_earlier_record() -> None:
    # A small model gives the readout's second sentence its own record (and guesses in person).
    text = f"{S1} {S2}"
    assert _repair(text, _m(S1.rstrip("."), "phone"), _m(S2.rstrip("."), "in_person")) == (
        1, ["meetings[1]"])


def test_a_second_call_reported_with_its_own_verb_stays_a_record() -> None:
    # GUIDELINES: a new record when the day changes; "called … in February" is a call.
    text = f"{S1} {S3}"
    assert _repair(text, _m(S1.rstrip("."), "phone"), _m(S3.rstrip("."), "phone")) == (2, [])


def test_a_sentence_that_only_says_what_was_discussed_is_part_of_the_earlier_record() -> None:
    # "discussed" says what the contact was about, not that another one took place.
    text = f"{S1} {S4}"
    assert _repair(text, _m(S1.rstrip("."), "phone"), _m(S4.rstrip("."), "in_person")) == (
        1, ["meetings[1]"])


def test_the_same_in_arabic() -> None:
    names = ("سليم الحداد", "نادر العموري")
    text = f"{A1} {A2}"
    out = _repair(text, _m(A1.rstrip("."), "in_person", names),
                  _m(A2.rstrip("."), "in_person", names), language="ar")
    assert out == (1, ["meetings[1]"])


def test_a_discussion_by_another_medium_stays_a_record() -> None:
    # "discussed by video": the clause names a contact of its own (GUIDELINES: a new record
    # when the medium changes).
    text = f"{S1} {S5}"
    assert _repair(text, _m(S1.rstrip("."), "phone"), _m(S5.rstrip("."), "video")) == (2, [])
