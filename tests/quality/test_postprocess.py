"""The post-model layer as one function: windows merged, re-reads checked, offsets exact."""

from __future__ import annotations

from typing import Any

from llm_extract.model.wire import WireOutput
from llm_extract.quality.postprocess import PostModel, post_model
from llm_extract.text.article import Article, windows

P1 = ("Ana Ribeiro, the Portuguese Foreign Minister, received her Ghanaian counterpart Kofi "
      "Mensah in Lisbon on Monday.")
P2 = "Later, Ribeiro spoke by phone with the Dutch Foreign Minister, Pieter de Vries."
TEXT = P1 + "\n\n" + P2


def _wire(*meetings: dict[str, Any]) -> WireOutput:
    return WireOutput.model_validate({"meetings": list(meetings)})


def _m(evidence: str, modality: str, people: list[tuple[str, str]]) -> dict[str, Any]:
    return {"evidence": evidence, "status": "held", "modality": modality, "date": None,
            "city": None, "country": None, "topics": [],
            "participants": [{"name": n, "title": None, "organization": None, "country": None,
                              "role": r} for n, r in people]}


RECEPTION = _m(P1.rstrip("."), "in_person", [("Ana Ribeiro", "host"), ("Kofi Mensah", "guest")])
CALL = _m(P2.rstrip("."), "phone", [("Ribeiro", "participant"), ("Pieter de Vries",
                                                                   "participant")])


def _no_reread(lo: int, hi: int) -> WireOutput | str:
    raise AssertionError("no re-read expected")


def test_windows_are_merged_and_offsets_index_the_whole_article() -> None:
    article = Article(TEXT, None, "en")
    spans = windows(article, len(P1) + 5)
    assert len(spans) == 2
    first: list[tuple[tuple[int, int], WireOutput | str]] = [
        (spans[0], _wire(RECEPTION)), (spans[1], _wire(CALL, RECEPTION))]
    meetings, flags = post_model(article, first, _no_reread,
                                 PostModel(recall_passes=0, repairs=False))
    assert [m.modality for m in meetings] == ["in_person", "phone"]
    call = meetings[1]
    assert call.evidence_span is not None
    assert TEXT[call.evidence_span.start:call.evidence_span.end] == P2.rstrip(".")
    assert [(p.name, TEXT[p.name_span.start:p.name_span.end] if p.name_span else None)
            for p in call.participants] == [("Ribeiro", "Ribeiro"),
                                            ("Pieter de Vries", "Pieter de Vries")]
    # The second window repeated the reception, which the window does not hold (a model
    # reading past its window): not a record of that window.
    assert [f.path for f in flags if f.kind == "dropped_meeting"] == ["window[1].meetings[1]"]


def test_two_windows_reporting_the_same_people_keep_both_contacts() -> None:
    """Two calls between the same two people, one per paragraph, are two records (a new
    record when the day changes, and each window reports its own); a single-answer reading
    would have had both too."""
    first_call = "On Monday, Ribeiro spoke by phone with Pieter de Vries about fisheries."
    second_call = "On Thursday, Ribeiro spoke by phone with Pieter de Vries again."
    text = first_call + "\n\n" + second_call
    article = Article(text, None, "en")
    spans = windows(article, len(first_call) + 5)
    assert len(spans) == 2
    people = [("Ribeiro", "participant"), ("Pieter de Vries", "participant")]
    first: list[tuple[tuple[int, int], WireOutput | str]] = [
        (spans[0], _wire(_m(first_call.rstrip("."), "phone", people))),
        (spans[1], _wire(_m(second_call.rstrip("."), "phone", people)))]
    meetings, flags = post_model(article, first, _no_reread,
                                 PostModel(recall_passes=0, repairs=True))
    assert [text[m.evidence_span.start:m.evidence_span.end] if m.evidence_span else None
            for m in meetings] == [first_call.rstrip("."), second_call.rstrip(".")]
    assert not [f for f in flags if f.kind in ("duplicate", "dropped_meeting")]


def test_a_window_without_a_usable_answer_costs_only_its_own_records() -> None:
    article = Article(TEXT, None, "en")
    spans = windows(article, len(P1) + 5)
    meetings, flags = post_model(article, [(spans[0], _wire(RECEPTION)), (spans[1], "loop")],
                                 _no_reread, PostModel(recall_passes=0, repairs=False))
    assert len(meetings) == 1
    assert [f.kind for f in flags] == ["window_failed"]


def test_a_reread_that_names_people_its_sentence_lacks_adds_nothing() -> None:
    article = Article(TEXT, None, "en")

    def reread(lo: int, hi: int) -> WireOutput | str:
        assert TEXT[lo:hi] == P2.rstrip(".")
        # Kofi Mensah is not in this sentence: the model answered from memory.
        return _wire(_m(P2.rstrip("."), "phone", [("Kofi Mensah", "participant"),
                                                  ("Pieter de Vries", "participant")]))

    meetings, flags = post_model(article, [((0, len(TEXT)), _wire(RECEPTION))], reread,
                                 PostModel(recall_passes=1, repairs=False))
    assert len(meetings) == 1
    assert any(f.kind == "dropped_meeting" and f.path == "recall[0].meetings[0]" for f in flags)
