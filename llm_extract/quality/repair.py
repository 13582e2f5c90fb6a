"""The repair rules: deterministic corrections of what a small model gets wrong in set ways.

Each rule reads the sentence of the article that reports a record (its *anchor*: the sentence
naming most of its people, ``quality.anchor``) and enforces one part of the annotation
guidelines (``eval/GUIDELINES.md``) from a surface cue there. They run in the order of
:data:`RULES`; each can be switched off by name (``Settings.disabled_repairs``) and measured
alone (``benchmarks/ablate_repairs.py``). Every change is recorded as a ``repaired``,
``dropped_meeting`` or ``duplicate`` flag, so a user can see what was overridden.

The rule every rule must keep: a correct answer passes unchanged. The oracle test feeds the
gold records of the dev set through this layer as if the model had given them
(``llm-extract eval GOLD --oracle``); a rule that changes a correct record is narrowed or
removed, whatever it gains elsewhere.

This module holds the rules and their table. What a record's own clause says about each field
is read in ``quality.readers``; telling two reports of one contact apart, and which clause is a
record's own, is ``quality.dedupe``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from llm_extract.quality.anchor import anchor_sentence
from llm_extract.quality.dedupe import (
    clause,
    merge_duplicates,
    merge_same_day,
    no_unknown_part,
    overlaps,
)
from llm_extract.quality.readers import (
    cues_in,
    fill_location,
    fix_date,
    fix_location,
    fix_modality,
    fix_roles,
    fix_status,
    no_host_roles,
    reports_contact,
    roles_by_place,
)
from llm_extract.quality.registry import Candidate, Rule, RuleFn, apply_rules, per_record
from llm_extract.quality.rules._edit import changed, with_roles
from llm_extract.quality.rules.judge import (
    JUDGE_SURE,
    medium_from_model,
    no_contact_by_model,
    status_from_model,
)
from llm_extract.quality.rules.people import country_from_demonym, no_institutions, titles_off_names
from llm_extract.schema import Flag, Meeting
from llm_extract.text.article import Article

__all__ = ["JUDGE_SURE", "OFF_BY_DEFAULT", "RULES", "RULE_NAMES", "repair"]

# -- the rules --------------------------------------------------------------------------------
# Each takes one record (or, for de-duplication, all of them) and returns what it keeps;
# the de-duplication rule, last in the table, is ``dedupe.merge_duplicates``.


@per_record
def _no_lone_unknown(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
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
def _no_hypothetical(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
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
def _no_contact_no_record(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
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


def _medium_from_cue(
    records: list[Candidate], art: Article, flags: list[Flag]
) -> list[Candidate]:
    """Exactly one medium named in the record's own clause ("اتصال هاتفي", "by video")
    decides phone or video (GUIDELINES: ``modality``).

    The clause is the record's evidence when it lies inside its sentence, else the sentence:
    one sentence often reports a call and the meeting it prepares. A cue that belongs to
    another record of the same clause (one already of that medium) decides nothing.
    """
    return _from_own_clause(records, art, flags, "modality", fix_modality)


@per_record
def _no_one_sided_call(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A phone call with nobody on the other end is not a contact (a video conference may be
    a group call reported through one named speaker, so it stays)."""
    m = rec.meeting
    if rec.anchor is not None and m.modality == "phone" and len(m.participants) < 2:
        flags.append(Flag(kind="dropped_meeting", path=rec.path,
                          detail="a phone call with nobody on the other end: not a contact"))
        return []
    return [rec]


def _status_from_cue(
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
def _place_from_article(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """The place is one the article names or implies: calls and video have none; a city the
    article does not name is replaced by the one the sentence names, and a name that is no
    city is dropped (GUIDELINES: ``location``)."""
    if rec.anchor is None:
        return [rec]
    m = rec.meeting
    place = fix_location(m, art, m.modality, *clause(rec, art))
    return [changed(rec, flags, location=place)]


@per_record
def _place_from_clause(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A record the model gave no place takes the city its own clause names, or a short
    article's only city (GUIDELINES: ``location`` when stated or clearly implied)."""
    if rec.anchor is None:
        return [rec]
    m = rec.meeting
    return [changed(rec, flags, location=fill_location(m, art, m.modality, *clause(rec, art)))]


@per_record
def _in_person_from_cue(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
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


@per_record
def _roles_from_cue(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """Roles from the sentence: after "بحضور"/"in the presence of" an attendee; on a call
    everyone a participant; the receiver of a reception host and the received guest
    (GUIDELINES: ``role``)."""
    if rec.anchor is None:
        return [rec]
    m = rec.meeting
    return [with_roles(rec, flags, fix_roles(m, art, *clause(rec, art), m.modality))]


@per_record
def _no_host_met_with(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """"Met with", "held talks with" and no word of receiving or visiting: participants,
    not host and guest (GUIDELINES: ``participant`` for "met with" with no sign of who
    hosted)."""
    if rec.anchor is None:
        return [rec]
    return [with_roles(rec, flags, no_host_roles(rec.meeting, art, *clause(rec, art)))]


@per_record
def _roles_from_place(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """In a place of one side's country that side hosts; in a third country (a summit's
    sidelines) nobody does (GUIDELINES: ``host`` receives the other side at home)."""
    m = rec.meeting
    if rec.anchor is None or m.modality != "in_person" or m.location is None \
            or not m.location.country:
        return [rec]
    # A summit is multilateral: its host country does not make its people hosts.
    summit = bool(cues_in(art, "SUMMIT", *clause(rec, art)))
    roles = roles_by_place([p.role for p in m.participants],
                            [p.country for p in m.participants], m.location.country,
                            assign_hosts=not summit)
    return [with_roles(rec, flags, roles)]


@per_record
def _date_from_article(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A date is kept only when the article states its year or the publication date is close
    to it; the model copies few-shot dates (GUIDELINES: ``date`` when the article states it)."""
    if rec.anchor is None:
        return [rec]
    return [changed(rec, flags, date=fix_date(rec.meeting, art))]


@per_record
def _split_separate(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
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


# Off by default: rules that did not help on the check sets (dev2, sentences) however they
# did on dev; selectable by name (``Settings.enabled_repairs``, ``--enable-repair``). Measured
# with ``benchmarks/quality_sets.py --ablate`` (BENCHMARKS.md#repair-rules).
_OFF_BY_DEFAULT: frozenset[RuleFn] = frozenset({_no_lone_unknown, _place_from_clause})

RULES: tuple[Rule, ...] = tuple(Rule.of(fn, on_by_default=fn not in _OFF_BY_DEFAULT) for fn in (
    titles_off_names,
    no_institutions,
    no_contact_by_model,
    medium_from_model,
    status_from_model,
    _no_lone_unknown,
    _no_hypothetical,
    _no_contact_no_record,
    _medium_from_cue,
    _no_one_sided_call,
    _status_from_cue,
    country_from_demonym,
    _place_from_article,
    _place_from_clause,
    _in_person_from_cue,
    _roles_from_cue,
    _no_host_met_with,
    _roles_from_place,
    _date_from_article,
    _split_separate,
    merge_duplicates,
    merge_same_day,
    no_unknown_part,
))
RULE_NAMES: tuple[str, ...] = tuple(r.name for r in RULES)
OFF_BY_DEFAULT: tuple[str, ...] = tuple(r.name for r in RULES if not r.on_by_default)


def repair(
    meetings: list[Meeting], article: Article, *, disabled: tuple[str, ...] = (),
    enabled: tuple[str, ...] = (),
) -> tuple[list[Meeting], list[Flag]]:
    """``meetings`` through the rules of :data:`RULES` that are on (by default, or
    ``enabled``) and not ``disabled``, and their flags."""
    records = [Candidate(m, f"meetings[{i}]",
                         anchor_sentence(m, article, article.language))
               for i, m in enumerate(meetings)]
    kept, flags = apply_rules(RULES, records, article, disabled, enabled)
    return [r.meeting for r in kept], flags
