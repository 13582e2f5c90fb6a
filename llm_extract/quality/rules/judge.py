"""What the model, asked again about one record, is sure of: no contact, another medium,
another status.

The judge (``model.judge``) asks the model a closed question about each record and keeps the
probabilities of its answers (``Meeting.confidence.choices``). A small model that wrote a
record wrong often answers the closed question right; when it is sure (``JUDGE_SURE``), its
answer replaces the record's value (GUIDELINES: which events get a record, ``modality``,
``status``). Without saved probabilities these rules change nothing.
"""

from __future__ import annotations

from llm_extract.quality.registry import Candidate, per_record
from llm_extract.quality.rules._edit import changed
from llm_extract.schema import Flag
from llm_extract.text.article import Article

__all__ = ["JUDGE_SURE", "medium_from_model", "no_contact_by_model", "status_from_model"]

# How sure the model must be, asked again about a record (``model.judge``), before its answer
# replaces the record's value: chosen on the dev set's TUNE half (docs/benchmarks-history.md).
# The rules read it here at each call (``benchmarks/ablate_repairs.py --judge-sure`` sets it);
# ``quality.repair.JUDGE_SURE`` is the same value.
JUDGE_SURE = 0.8


def _judged(rec: Candidate, question: str) -> tuple[str, float] | None:
    """The model's most probable answer to ``question`` about the record, and its probability."""
    c = rec.meeting.confidence
    dist = c.choices.get(question) if c is not None else None
    if not dist:
        return None
    best = max(dist, key=lambda k: dist[k])
    return best, dist[best]


@per_record
def no_contact_by_model(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """Asked whether the article reports this contact at all, the model is sure it does not
    (GUIDELINES: no record for statements, letters, merely possible meetings)."""
    judged = _judged(rec, "record")
    if judged is not None and judged[0] == "no" and judged[1] >= JUDGE_SURE:
        flags.append(Flag(kind="dropped_meeting", path=rec.path,
                          detail=f"the model, asked again, is sure the article reports no such "
                                 f"contact (p={judged[1]:.2f})"))
        return []
    return [rec]


@per_record
def medium_from_model(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """Asked how the people met, the model is sure of another medium than the record's
    (GUIDELINES: ``modality``)."""
    judged = _judged(rec, "modality")
    if judged is not None and judged[1] >= JUDGE_SURE and judged[0] != rec.meeting.modality:
        return [changed(rec, flags, modality=judged[0])]
    return [rec]


@per_record
def status_from_model(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """Asked what happened to the meeting, the model is sure of another status than the
    record's (GUIDELINES: ``status``)."""
    judged = _judged(rec, "status")
    if judged is not None and judged[1] >= JUDGE_SURE and judged[0] != rec.meeting.status:
        return [changed(rec, flags, status=judged[0])]
    return [rec]
