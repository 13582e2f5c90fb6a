"""The post-model layer as one function: windows merged, re-reads checked, offsets exact."""

from __future__ import annotations

from typing import Any

from llm_extract.model.wire import WireOutput
from llm_extract.quality.postprocess import PostModel, post_model
from llm_extract.text.article import Article, Window, readings

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
    spans = readings(article, len(P1) + 5)
    assert len(spans) == 2
    first: list[tuple[Window, WireOutput | str]] = [
        (spans[0], _wire(RECEPTION)), (spans[1], _wire(CALL, RECEPTION))]
    meetings, flags = post_model(article, first, _no_reread,
                                 PostModel(recall_passes=0, repairs=False))
    assert [m.modality for m in meetings] == ["in_person", "phone"]
    call = meetings[1]
    assert call.evidence_span is not None
    assert TEXT[call.evidence_span.start:call.evidence_span.end] == P2.rstrip(".")
    assert [(p.name, TEXT[p.name_span.start:p.name_span.end] if p.name_span else None)
            for p in call.participants] == [("Ana Ribeiro", "Ana Ribeiro"),  # the fuller form
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
    spans = readings(article, len(first_call) + 5)
    assert len(spans) == 2
    people = [("Ribeiro", "participant"), ("Pieter de Vries", "participant")]
    first: list[tuple[Window, WireOutput | str]] = [
        (spans[0], _wire(_m(first_call.rstrip("."), "phone", people))),
        (spans[1], _wire(_m(second_call.rstrip("."), "phone", people)))]
    meetings, flags = post_model(article, first, _no_reread,
                                 PostModel(recall_passes=0, repairs=True))
    assert [text[m.evidence_span.start:m.evidence_span.end] if m.evidence_span else None
            for m in meetings] == [first_call.rstrip("."), second_call.rstrip(".")]
    assert not [f for f in flags if f.kind in ("duplicate", "dropped_meeting")]


def test_a_window_without_a_usable_answer_costs_only_its_own_records() -> None:
    article = Article(TEXT, None, "en")
    spans = readings(article, len(P1) + 5)
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

    meetings, flags = post_model(article, [(Window(0, len(TEXT), 0), _wire(RECEPTION))], reread,
                                 PostModel(recall_passes=1, repairs=False))
    assert len(meetings) == 1
    assert any(f.kind == "dropped_meeting" and f.path == "recall[0].meetings[0]" for f in flags)


# Overlapping windows of a long document (issue #15): the overlap gives context; a contact is
# reported once; a name is given in its fullest form.

P3 = ("The talks in Lisbon ended with a joint statement on fisheries, shipping lanes and a "
      "new direct flight between the two capitals, to start in the spring.")
SEAM_TEXT = P1 + "\n" + P2 + "\n" + P3  # one section: windows overlap


def _two_overlapping_windows(article: Article) -> tuple[Window, Window]:
    """The first window reads P1 and P2; the second P3 and, for context, P2 again."""
    spans = readings(article, len(P1) + len(P2) + 5, overlap_chars=len(P2) + 5)
    assert len(spans) == 2
    assert SEAM_TEXT[spans[1].lo:spans[1].core].strip() == P2
    return spans[0], spans[1]


def test_a_contact_both_windows_read_in_their_overlap_is_one_record() -> None:
    article = Article(SEAM_TEXT, None, "en")
    one, two = _two_overlapping_windows(article)
    first: list[tuple[Window, WireOutput | str]] = [
        (one, _wire(RECEPTION, CALL)), (two, _wire(CALL))]
    meetings, _ = post_model(article, first, _no_reread,
                                 PostModel(recall_passes=0, repairs=False))
    assert [m.modality for m in meetings] == ["in_person", "phone"]


def test_a_contact_of_the_overlap_the_previous_window_missed_is_kept() -> None:
    """Counterexample: the overlap is only dropped where the previous window reported it."""
    article = Article(SEAM_TEXT, None, "en")
    one, two = _two_overlapping_windows(article)
    first: list[tuple[Window, WireOutput | str]] = [
        (one, _wire(RECEPTION)), (two, _wire(CALL))]
    meetings, _ = post_model(article, first, _no_reread,
                             PostModel(recall_passes=0, repairs=False))
    ev = meetings[-1].evidence_span
    assert ev is not None and ev.start < two.core  # from the overlap, and kept
    assert [m.modality for m in meetings] == ["in_person", "phone"]


def test_a_window_giving_a_surname_alone_gets_the_fuller_name_another_window_gave() -> None:
    text = P1 + "\n\n" + "Later, Ribeiro spoke by phone with Pieter de Vries."
    article = Article(text, None, "en")
    spans = readings(article, len(P1) + 5)
    call = _m("Later, Ribeiro spoke by phone with Pieter de Vries", "phone",
              [("Ribeiro", "participant"), ("Pieter de Vries", "participant")])
    meetings, flags = post_model(article, [(spans[0], _wire(RECEPTION)), (spans[1], _wire(call))],
                                 _no_reread, PostModel(recall_passes=0, repairs=False))
    assert [p.name for p in meetings[1].participants] == ["Ana Ribeiro", "Pieter de Vries"]
    span = meetings[1].participants[0].name_span
    assert span is not None and text[span.start:span.end] == "Ana Ribeiro"
    assert any("fuller form" in f.detail for f in flags)


def test_a_short_name_after_a_patronymic_or_with_two_fuller_forms_is_left_alone() -> None:
    """Counterexamples: "Salman" is not "Mohammed bin Salman"; "Mensah" with two Mensahs in
    the records could be either."""
    from llm_extract.quality.postprocess import fuller_names
    from llm_extract.schema import Meeting

    def rec(*names: str) -> Meeting:
        return Meeting.model_validate({
            "status": "held", "modality": "in_person",
            "participants": [{"name": n, "role": "participant"} for n in names]})

    records = [rec("Mohammed bin Salman", "Kofi Mensah"), rec("Salman", "Ama Mensah"),
               rec("Mensah", "Pieter de Vries")]
    out, flags = fuller_names(records)
    assert [[p.name for p in m.participants] for m in out] == [
        ["Mohammed bin Salman", "Kofi Mensah"], ["Salman", "Ama Mensah"],
        ["Mensah", "Pieter de Vries"]]
    assert flags == []
