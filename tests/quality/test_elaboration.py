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


def _m(evidence: str, modality: str) -> dict[str, Any]:
    return {"evidence": evidence, "status": "held", "modality": modality, "date": None,
            "city": None, "country": None, "topics": [],
            "participants": [{"name": n, "title": None, "organization": None, "country": None,
                              "role": "participant"} for n in ("Ana Ribeiro", "Kofi Mensah")]}


def _repair(text: str, *meetings: dict[str, Any]) -> tuple[int, list[str]]:
    article = Article(text, None, "en")
    found, _ = assemble(WireOutput.model_validate({"meetings": list(meetings)}), text,
                        article.folded)
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
