"""When two records are one contact: the de-duplication rule and the clause it rests on.

A small model reports one contact twice when the headline or a second clause repeats it.
:func:`merge_duplicates` (one of the last rules of ``repair.RULES``) keeps the first of records
that agree on counterparts, medium, status, day and place and come from the same clause (or one
of them from the headline), and folds in a record whose clause only says more about an earlier
one.
Telling two reports apart rests on which span of the article is a record's own,
:func:`clause`; the rules of ``quality.rules`` read their cues there too.
"""

from __future__ import annotations

from llm_extract.quality.anchor import has_contact_cue, has_event_cue
from llm_extract.quality.readers import name_at
from llm_extract.quality.registry import Candidate
from llm_extract.schema import Flag, Meeting, Participant
from llm_extract.text.article import Article
from llm_extract.text.normalize import normalize_name

__all__ = ["clause", "merge_duplicates", "merge_same_day", "no_unknown_part", "overlaps"]


def _counterparts(m: Meeting) -> frozenset[str]:
    """Who took part, as the guidelines tell records apart: named people by name, unnamed
    ones by their state or organization ("the leaders of Turkey, Australia…")."""
    return frozenset(_who(p) for p in m.participants)


def _who(p: Participant) -> str:
    """A person as records are told apart: by name, or unnamed by state, organization and
    office (GUIDELINES: a single person identified by office — "the Speaker of the Chamber"
    and "the Speaker of the Senate" of one state are two people)."""
    if p.name:
        return normalize_name(p.name)
    office = normalize_name(p.title) if p.title else ""
    return f"unnamed:{p.country}:{p.organization}:{office}"


def _compatible(a: object, b: object) -> bool:
    return a is None or b is None or a == b


def _headline(art: Article) -> tuple[int, int] | None:
    """The article's first line when it reads as a headline: more lines follow and it does
    not end as a sentence does."""
    end = art.text.find("\n")
    first = art.text[:end].strip() if end > 0 else ""
    if not first or not art.text[end:].strip() or first[-1] in ".!?؟。":
        return None
    return 0, end


def merge_duplicates(
    records: list[Candidate], art: Article, flags: list[Flag]
) -> list[Candidate]:
    """The same contact reported twice is one record: same counterparts, medium and status,
    no other day or place, reported in the same sentence or once in the headline
    (GUIDELINES: a new record when the counterparts, the medium, the day or the place change).

    Two records of different body sentences stay apart even when all else agrees: "X called Y
    today" and "X had called Y in February" are two calls, and an article reporting the same
    meeting twice in its body is rarer than one reporting two meetings of the same people.
    """
    headline = _headline(art)
    kept: list[Candidate] = []
    # indices of kept records by counterparts, and of visits by their principals: only
    # records of the same people can be one contact (a long document's hundreds of records
    # are not compared pair by pair)
    by_people: dict[frozenset[str], list[int]] = {}
    by_visit: dict[frozenset[str], int] = {}
    for rec in records:
        people = _counterparts(rec.meeting)
        same_people = [kept[i] for i in by_people.get(people, [])]
        twin = next((k for k in same_people if _same_contact(k, rec, art, headline)), None)
        if twin is not None:
            flags.append(Flag(kind="duplicate", path=rec.path,
                              detail="the same contact as an earlier record (same people, medium, "
                                     "status, day and place); merged"))
            continue
        # only a record of the same status can be another's elaboration: "spoke with X" and
        # "will meet X on Tuesday" are two contacts (a medium may be the model's guess)
        alike = [k for k in same_people if k.meeting.status == rec.meeting.status]
        if alike and _elaborates(rec, art):
            flags.append(Flag(kind="duplicate", path=rec.path,
                              detail="its clause reports no contact of its own (\"the Secretary "
                                     "also reaffirmed…\"): part of an earlier record of the same "
                                     "people; merged"))
            continue
        visit = _principals_of_visit(rec.meeting)
        at = by_visit.get(visit) if visit is not None else None
        if at is not None and _same_day_and_city(kept[at].meeting, rec.meeting):
            before = _counterparts(kept[at].meeting)
            kept[at] = kept[at].with_meeting(_joined(kept[at].meeting, rec.meeting))
            by_people[before].remove(at)
            by_people.setdefault(_counterparts(kept[at].meeting), []).append(at)
            flags.append(Flag(kind="duplicate", path=rec.path,
                              detail="another part of an earlier record's visit (the same host "
                                     "and guest, in person, the same city and day); merged, its "
                                     "other people added"))
            continue
        kept.append(rec)
        by_people.setdefault(people, []).append(len(kept) - 1)
        if visit is not None:
            by_visit.setdefault(visit, len(kept) - 1)
    return kept


def merge_same_day(
    records: list[Candidate], art: Article, flags: list[Flag]
) -> list[Candidate]:
    """Records of the same counterparts, medium and status on the same named day, at no other
    place, are one contact, whichever sentences report them (GUIDELINES: a new record only
    when the counterparts, the medium, the day or the place change).

    :func:`merge_duplicates` keeps two body sentences' records apart when all else agrees,
    because an undated "X called Y" may be another call; a day both records name (a full
    date, not a month) leaves no such doubt.
    """
    kept: list[Candidate] = []
    for rec in records:
        m = rec.meeting
        twin = m.date is not None and len(m.date) == len("YYYY-MM-DD") and any(
            _counterparts(k.meeting) == _counterparts(m) and k.meeting.modality == m.modality
            and k.meeting.status == m.status and k.meeting.date == m.date
            and _compatible(_place(k.meeting), _place(m)) for k in kept)
        if twin:
            flags.append(Flag(kind="duplicate", path=rec.path,
                              detail="the same people, medium and status on the same day as an "
                                     "earlier record, at no other place: one contact; merged"))
            continue
        kept.append(rec)
    return kept


def no_unknown_part(
    records: list[Candidate], art: Article, flags: list[Flag]
) -> list[Candidate]:
    """A held record of no known medium whose named people all take part in another held
    record of a known medium is part of that contact, not one of its own ("X and Y met in
    Vienna… Y praised the talks" read as a second record of Y alone, or of X and Y): dropped.

    Only a record whose medium the article does not tell: one of a known medium of the same
    people is another contact (a call after a meeting) or the same one, which the duplicate
    rules decide.
    """
    named = [frozenset(normalize_name(p.name) for p in r.meeting.participants if p.name)
             for r in records]
    known = [i for i, r in enumerate(records)
             if r.meeting.status == "held" and r.meeting.modality != "unknown" and named[i]]
    kept: list[Candidate] = []
    for i, rec in enumerate(records):
        m = rec.meeting
        whole = next((j for j in known if j != i and named[i] and named[i] <= named[j]), None)
        if m.status == "held" and m.modality == "unknown" and whole is not None:
            flags.append(Flag(kind="duplicate", path=rec.path,
                              detail=f"a held record of no known medium whose people all take "
                                     f"part in {records[whole].path}: part of that contact; "
                                     "merged"))
            continue
        kept.append(rec)
    return kept


def _place(m: Meeting) -> tuple[str | None, str | None] | None:
    return (m.location.city, m.location.country) if m.location else None


def _principals_of_visit(m: Meeting) -> frozenset[str] | None:
    """The hosts and guests of a held in-person visit (someone hosts, someone is received),
    or None for any other record.

    One visit's parts — the reception, the talks, the committee meeting, the lunch — are one
    record (GUIDELINES: "A state visit's welcome ceremony and talks with the same counterpart
    on the same day are one record"), whoever else attended each part. A summit and a
    bilateral on its sidelines have no host and guest: two events of one day, kept apart.
    """
    if m.modality != "in_person" or m.status != "held":
        return None
    principals = [p for p in m.participants if p.role in ("host", "guest")]
    if {p.role for p in principals} != {"host", "guest"}:
        return None
    return frozenset(_who(p) for p in principals)


def _same_day_and_city(a: Meeting, b: Meeting) -> bool:
    """The same named city, and the same day or both undated: a second meeting that the model
    dates apart ("they had last met in Geneva in January") keeps its own record."""
    return (a.date == b.date and a.location is not None and b.location is not None
            and a.location.city is not None and a.location.city == b.location.city)


def _joined(a: Meeting, b: Meeting) -> Meeting:
    """``a`` with the people of ``b`` it lacks (an attendee of the lunch only)."""
    have = {normalize_name(p.name) for p in a.participants if p.name}
    more = [p for p in b.participants if p.name and normalize_name(p.name) not in have]
    return a.model_copy(update={"participants": [*a.participants, *more]}) if more else a


def _elaborates(rec: Candidate, art: Article) -> bool:
    """``rec`` (of the same people as an earlier record) says more about that record rather
    than report a contact of its own: its clause (its evidence, inside the body) has no word of
    contact at all ("The Secretary reaffirmed…"), or only words of what was discussed and
    refers to the two sides rather than naming them again ("The two sides discussed…",
    "وبحث الجانبان…"). A clause that names both sides with its discussion verb may report a
    contact of its own ("Ribeiro had already called Mensah in February to discuss…")."""
    ev = rec.meeting.evidence_span
    if rec.anchor is None or ev is None:
        return False
    if not has_contact_cue(art.folded, ev.start, ev.end, art.language):
        return True
    if has_event_cue(art.folded, ev.start, ev.end, art.language):
        return False
    named = sum(name_at(art, p, ev.start, ev.end) is not None for p in rec.meeting.participants)
    return named < 2


def _same_contact(
    a: Candidate, b: Candidate, art: Article, headline: tuple[int, int] | None
) -> bool:
    ma, mb = a.meeting, b.meeting
    if not (_counterparts(ma) == _counterparts(mb) and ma.modality == mb.modality
            and ma.status == mb.status and _compatible(ma.date, mb.date)):
        return False
    if not _compatible(_place(ma), _place(mb)):
        return False
    if a.anchor is None or b.anchor is None:
        return True
    clause_a, clause_b = clause(a, art), clause(b, art)
    if overlaps(clause_a, clause_b):
        return True
    return headline is not None and any(overlaps(headline, c) for c in (clause_a, clause_b))


def clause(rec: Candidate, art: Article) -> tuple[int, int]:
    """The record's own clause: its evidence, unless that is the headline — a small model
    often quotes the headline, which may sum up two events ("X receives Y and calls Z") —
    or is missing; then the sentence that names its people."""
    assert rec.anchor is not None
    ev = rec.meeting.evidence_span
    if ev is None:
        return rec.anchor
    inside = rec.anchor[0] <= ev.start and ev.end <= rec.anchor[1]
    headline = _headline(art)
    if inside or headline is None or not overlaps(headline, (ev.start, ev.end)):
        return ev.start, ev.end
    return rec.anchor


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    """Whether two source spans share a character: records whose clauses overlap were
    reported together, and one's cue may be the other's."""
    return a[0] < b[1] and b[0] < a[1]
