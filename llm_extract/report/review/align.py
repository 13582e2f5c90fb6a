"""Gold against predicted records of one article, with a mark on every slot for the page.

The alignment is the reference scorer's own (:func:`llm_extract.evaluation.scorer.align_records`
and :func:`~llm_extract.evaluation.scorer.match_participants`), so what the page colours is what
``report.json`` counted. The scorer reports counts (true positive, predicted, gold) per slot
rather than verdicts; this module only translates those counts into the words a reviewer reads:
right, partial (half a name), wrong, missed, spurious, or unscored (a slot that does not exist,
such as a date where gold has none).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from llm_extract.evaluation.counts import Counts
from llm_extract.evaluation.scorer import align_records as scorer_align
from llm_extract.evaluation.scorer import match_participants
from llm_extract.schema import Meeting, Participant

__all__ = ["RECORD_SLOTS", "Mark", "ParticipantPair", "RecordPair", "align_records", "verdict"]

Mark = Literal["right", "partial", "wrong", "missed", "spurious", "unscored"]
RECORD_SLOTS = ("status", "modality", "location", "date")
_PROBLEMS = frozenset({"partial", "wrong", "missed", "spurious"})


@dataclass
class ParticipantPair:
    """A gold participant and the predicted one matched to it (either side may be missing)."""

    gold: Participant | None
    pred: Participant | None
    name: Mark
    role: Mark


@dataclass
class RecordPair:
    """One aligned pair, a missed gold record (``pred`` None) or a spurious one (``gold`` None)."""

    gold: Meeting | None
    pred: Meeting | None
    gold_index: int | None
    pred_index: int | None
    slots: dict[str, Mark] = field(default_factory=dict)
    participants: list[ParticipantPair] = field(default_factory=list)

    @property
    def marks(self) -> list[Mark]:
        """Every scored mark of the pair: record slots, then each participant's name and role."""
        people = [m for p in self.participants for m in (p.name, p.role)]
        return [m for m in [*self.slots.values(), *people] if m != "unscored"]

    @property
    def has_mistake(self) -> bool:
        return any(m in _PROBLEMS for m in self.marks)


def verdict(counts: Counts) -> Mark:
    """The mark of one slot from its scorer counts (each of tp, pred, gold is 0, 0.5 or 1)."""
    if counts.gold == 0:
        return "unscored" if counts.pred == 0 else "spurious"
    if counts.pred == 0:
        return "missed"
    if counts.tp >= counts.gold:
        return "right"
    return "partial" if counts.tp > 0 else "wrong"


def _same_role(a: Participant, b: Participant) -> bool:
    return a.role.casefold() == b.role.casefold()


def _pair(gold: Meeting, pred: Meeting, gi: int, pi: int, counts: dict[str, Counts]) -> RecordPair:
    pair = RecordPair(gold, pred, gi, pi, {s: verdict(counts[s]) for s in RECORD_SLOTS})
    g_dicts = [p.model_dump(mode="json") for p in gold.participants]
    p_dicts = [p.model_dump(mode="json") for p in pred.participants]
    matched = {g: (p, s) for g, p, s in match_participants(g_dicts, p_dicts)}
    for g, person in enumerate(gold.participants):
        if g not in matched:
            pair.participants.append(ParticipantPair(person, None, "missed", "missed"))
            continue
        p, score = matched[g]
        other = pred.participants[p]
        name: Mark = "right" if score >= 1.0 else "partial"
        role: Mark = ("partial" if score < 1.0 else "right") if _same_role(person, other) else (
            "wrong")
        pair.participants.append(ParticipantPair(person, other, name, role))
    used = {p for p, _ in matched.values()}
    pair.participants += [
        ParticipantPair(None, other, "spurious", "spurious")
        for p, other in enumerate(pred.participants) if p not in used
    ]
    return pair


def _alone(meeting: Meeting, index: int, *, gold: bool) -> RecordPair:
    mark: Mark = "missed" if gold else "spurious"
    slots: dict[str, Mark] = {
        "status": mark, "modality": mark,
        "location": mark if meeting.location and (meeting.location.city or
                                                  meeting.location.country) else "unscored",
        "date": mark if meeting.date else "unscored",
    }
    people = [ParticipantPair(p if gold else None, None if gold else p, mark, mark)
              for p in meeting.participants]
    if gold:
        return RecordPair(meeting, None, index, None, slots, people)
    return RecordPair(None, meeting, None, index, slots, people)


def align_records(gold: Sequence[Meeting], pred: Sequence[Meeting]) -> list[RecordPair]:
    """Aligned pairs and missed gold records in gold order, then spurious predictions."""
    g_dicts = [m.model_dump(mode="json") for m in gold]
    p_dicts = [m.model_dump(mode="json") for m in pred]
    pairs, pair_slots = scorer_align(g_dicts, p_dicts)
    by_gold = {gi: pi for gi, pi, _ in pairs}
    out: list[RecordPair] = []
    for gi, meeting in enumerate(gold):
        if gi in by_gold:
            pi = by_gold[gi]
            out.append(_pair(meeting, pred[pi], gi, pi, pair_slots[gi, pi].slots))
        else:
            out.append(_alone(meeting, gi, gold=True))
    used = set(by_gold.values())
    out += [_alone(m, pi, gold=False) for pi, m in enumerate(pred) if pi not in used]
    return out
