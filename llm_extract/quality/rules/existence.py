"""Whether a record is a contact at all, and how many contacts it is.

The guidelines give a record to one contact between identifiable parties that took place, is
planned or was postponed or cancelled, and none to a statement, a letter, an economic story or
a merely possible meeting; "met A and B, each separately" is two contacts. A small model writes
records for some of these; these rules drop a record its own clause does not report as a
contact (no word of contact, a hypothetical, one party alone), and split one that reports
separate contacts.
"""

from __future__ import annotations

from dataclasses import replace

from llm_extract.quality.anchor import anchor_sentence
from llm_extract.quality.dedupe import clause
from llm_extract.quality.readers import cues_in, reports_contact
from llm_extract.quality.registry import Candidate, per_record
from llm_extract.schema import Flag
from llm_extract.text.article import Article

__all__ = [
    "no_contact_no_record",
    "no_hypothetical",
    "no_lone_unknown",
    "no_one_sided_call",
    "split_separate",
]


@per_record
def no_lone_unknown(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A held record with one party and no medium is not a contact (GUIDELINES: one contact
    between identifiable parties)."""
    m = rec.meeting
    if rec.anchor is not None and m.status == "held" and m.modality == "unknown" \
            and len(m.participants) == 1:
        flags.append(Flag(kind="dropped_meeting", path=rec.path,
                          detail="a held meeting with one party and no medium: not a contact"))
        return []
    return [rec]


@per_record
def no_hypothetical(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A contact reported as merely possible gets no record (GUIDELINES: no record for a
    hypothetical or merely possible contact)."""
    m = rec.meeting
    if rec.anchor is None or m.status not in ("held", "planned", "postponed"):
        return [rec]
    lo, hi = clause(rec, art)  # "…and said a trade deal was possible" is not this meeting
    if cues_in(art, "HYPOTHETICAL", lo, hi) and not cues_in(art, "POSTPONED", lo, hi):
        flags.append(Flag(kind="dropped_meeting", path=rec.path,
                          detail="reported as merely possible, with no date: not a meeting"))
        return []
    return [rec]


@per_record
def no_contact_no_record(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A record whose sentence has no word of contact at all (meet, visit, call, talks,
    summit…) is not a meeting (GUIDELINES: which events get a record).

    A record the model gave as a phone call or a video conference is kept: it names a medium,
    which a statement or an economic story does not, and no list of words can hold every way
    an article reports a call ("called to congratulate").
    """
    m = rec.meeting
    if rec.anchor is None or m.modality in ("phone", "video") \
            or reports_contact(m, art, *rec.anchor):
        return [rec]
    flags.append(Flag(kind="dropped_meeting", path=rec.path,
                      detail="its sentence reports no contact (no meeting, call or visit "
                             "word): not a meeting"))
    return []


@per_record
def no_one_sided_call(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A phone call with nobody on the other end is not a contact (a video conference may be
    a group call reported through one named speaker, so it stays)."""
    m = rec.meeting
    if rec.anchor is not None and m.modality == "phone" and len(m.participants) < 2:
        flags.append(Flag(kind="dropped_meeting", path=rec.path,
                          detail="a phone call with nobody on the other end: not a contact"))
        return []
    return [rec]


@per_record
def split_separate(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """One record per counterpart when the sentence says the contacts were separate
    ("held a phone call each with A and B", "bilateral meetings with…"): GUIDELINES, "met A
    and B, each separately" is two records."""
    m = rec.meeting
    named = [p for p in m.participants if p.name]
    if rec.anchor is None or len(named) < 3 or len(named) != len(m.participants):
        return [rec]
    # The names may have lost their titles since the record entered the rules.
    anchor = anchor_sentence(m, art, art.language)
    if anchor is None:
        return [rec]
    if not cues_in(art, "SEPARATELY", *clause(replace(rec, anchor=anchor), art)):
        return [rec]
    first, *others = m.participants
    flags.append(Flag(kind="repaired", path=f"{rec.path}.participants",
                      detail=f"separate contacts: split into {len(others)} records"))
    return [rec.with_meeting(m.model_copy(update={"participants": [first, other]}))
            for other in others]
