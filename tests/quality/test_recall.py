"""The second pass: which sentences are re-read, and how their records are merged."""

from __future__ import annotations

from llm_extract.model.wire import WireOutput
from llm_extract.quality.assemble import assemble
from llm_extract.quality.recall import candidate_sentences, merge_extra, shift_spans
from llm_extract.schema import Meeting
from llm_extract.text.article import Article

TEXT = (
    "Almeida hosts Asante\n"
    "Prime Minister Rui Almeida received President Kwame Asante at the palace on Tuesday. "
    "The two discussed maritime security and training programmes for the coast guard. "
    "Later, Almeida held a video conference with Commission President Ingrid Halvorsen."
)


def _meetings(text: str, people: list[str], modality: str = "in_person") -> list[Meeting]:
    wire = {"meetings": [{"evidence": None, "status": "held", "modality": modality, "date": None,
                          "city": None, "country": None, "topics": [],
                          "participants": [{"name": n, "title": None, "organization": None,
                                            "country": None, "role": "participant"}
                                           for n in people]}]}
    out, _ = assemble(WireOutput.model_validate(wire), Article(text))
    return out


def test_uncovered_cue_sentence_is_a_candidate_covered_one_and_headline_are_not() -> None:
    first = _meetings(TEXT, ["Rui Almeida", "Kwame Asante"])
    spans = candidate_sentences(first, Article(TEXT), limit=3)
    assert [TEXT[lo:hi] for lo, hi in spans] == [
        "Later, Almeida held a video conference with Commission President Ingrid Halvorsen"]


def test_limit_zero_disables() -> None:
    assert candidate_sentences([], Article(TEXT), limit=0) == []


def test_shifted_spans_point_into_the_article() -> None:
    lo = TEXT.index("Later,")
    sentence = TEXT[lo:]
    found = _meetings(sentence, ["Ingrid Halvorsen"], modality="video")
    moved = shift_spans(found[0], lo)
    span = moved.participants[0].name_span
    assert span is not None and TEXT[span.start:span.end] == "Ingrid Halvorsen"


def test_merge_keeps_new_records_and_drops_repeats() -> None:
    known = _meetings(TEXT, ["Rui Almeida", "Kwame Asante"])
    repeat = _meetings(TEXT, ["Kwame Asante"])
    new = _meetings(TEXT, ["Rui Almeida", "Ingrid Halvorsen"], modality="video")
    merged, flags = merge_extra(known, [*repeat, *new], "recall[0]")
    assert [sorted(p.name or "" for p in m.participants) for m in merged] == [
        ["Kwame Asante", "Rui Almeida"], ["Ingrid Halvorsen", "Rui Almeida"]]
    assert [(f.kind, f.path) for f in flags] == [
        ("duplicate", "recall[0][0]"), ("recalled", "meetings[1]")]  # the added record is marked




def test_contacts_reported_with_a_noun_or_a_participation_verb_are_candidates() -> None:
    text = ("Almeida in Accra\n"
            "Prime Minister Rui Almeida received President Kwame Asante at the palace on Tuesday. "
            "On Wednesday, Almeida held bilateral meetings with leaders of Togo and Benin.\n"
            "وكان الرئيس سالم الحداد قد تلقى في مارس الماضي اتصالا من رئيس الوزراء الياباني.")
    first = _meetings(text, ["Rui Almeida", "Kwame Asante"])
    spans = candidate_sentences(first, Article(text), limit=3)
    assert [text[lo:hi][:20] for lo, hi in spans] == [
        "On Wednesday, Almeid", "وكان الرئيس سالم الح"]


def _record(people: list[str], start: int, end: int) -> Meeting:
    return Meeting.model_validate({
        "status": "held", "modality": "phone", "evidence_span": {"start": start, "end": end},
        "participants": [{"name": n, "role": "participant"} for n in people]})


def test_a_reread_giving_surnames_repeats_the_record_of_its_own_sentence_only() -> None:
    """Read alone, a sentence of a record named in full may give only the surnames: the same
    contact. The same surnames from another sentence may be another call of the same people
    (a second call reported later by surnames): a new record."""
    first = _record(["Abdel Fattah al-Sisi", "Donald Trump"], 100, 220)
    same_sentence = _record(["al-Sisi", "Trump"], 150, 220)
    later_call = _record(["al-Sisi", "Trump"], 400, 480)
    merged, flags = merge_extra([first], [same_sentence, later_call], "recall[0]")
    assert merged == [first, later_call]
    assert [f.kind for f in flags] == ["duplicate", "recalled"]
