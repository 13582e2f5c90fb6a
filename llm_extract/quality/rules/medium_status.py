"""How the people met (``modality``) and whether the meeting took place (``status``).

The guidelines read both from the article: phone or video when it names the medium,
in person when people were in one room, ``unknown`` only when the article does not tell; held,
planned, postponed or cancelled as the article reports it. These rules read the record's own
clause; a cue another record of an overlapping clause already carries is that record's (one
sentence often reports a call and the meeting it prepares).
"""

from __future__ import annotations

from collections.abc import Callable

from llm_extract.quality.dedupe import clause, overlaps
from llm_extract.quality.readers import cues_in, fix_modality, fix_status
from llm_extract.quality.registry import Candidate, per_record
from llm_extract.quality.rules._edit import changed
from llm_extract.schema import Flag, Meeting
from llm_extract.text.article import Article

__all__ = ["in_person_from_cue", "medium_from_cue", "status_from_cue"]


def _from_own_clause(
    records: list[Candidate], art: Article, flags: list[Flag], field: str,
    read: Callable[[Meeting, Article, int, int], str],
) -> list[Candidate]:
    """Each record's ``field`` as ``read`` finds it in the record's own clause, unless the
    value found is already another record's of an overlapping clause (the cue is that
    record's: one sentence often reports a call and the meeting it prepares)."""
    out: list[Candidate] = []
    for rec in records:
        if rec.anchor is None:
            out.append(rec)
            continue
        own = clause(rec, art)
        value = read(rec.meeting, art, *own)
        if value != getattr(rec.meeting, field) and any(
                o is not rec and o.anchor is not None and getattr(o.meeting, field) == value
                and overlaps(clause(o, art), own)
                for o in records):
            value = getattr(rec.meeting, field)
        out.append(changed(rec, flags, **{field: value}))
    return out


def medium_from_cue(
    records: list[Candidate], art: Article, flags: list[Flag]
) -> list[Candidate]:
    """Exactly one medium named in the record's own clause ("اتصال هاتفي", "by video")
    decides phone or video (GUIDELINES: ``modality``).

    The clause is the record's evidence when it lies inside its sentence, else the sentence:
    one sentence often reports a call and the meeting it prepares. A cue that belongs to
    another record of the same clause (one already of that medium) decides nothing.
    """
    return _from_own_clause(records, art, flags, "modality", fix_modality)


def status_from_cue(
    records: list[Candidate], art: Article, flags: list[Flag]
) -> list[Candidate]:
    """"Postponed"/"cancelled" words decide the status; a future marker makes a held record
    planned; a past meeting verb with no future word makes a planned one held (GUIDELINES:
    ``status``).

    Read in the record's own clause, and a cue that another record of the same clause
    already carries (its status is that cue's) is that record's, not this one's.
    """
    return _from_own_clause(records, art, flags, "status", fix_status)


@per_record
def in_person_from_cue(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A reception, a visit, a meeting verb or a known place means people were in one room
    (GUIDELINES: ``unknown`` only when the article does not tell)."""
    m = rec.meeting
    if rec.anchor is None or m.modality != "unknown":
        return [rec]
    lo, hi = clause(rec, art)
    if m.location is not None or cues_in(
            art, ("RECEPTION", "VISIT", "IN_PERSON_MEET"), lo, hi):
        return [changed(rec, flags, modality="in_person")]
    return [rec]
