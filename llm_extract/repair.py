"""Deterministic repairs of what a small model gets wrong in predictable ways.

Each repair reads the sentence of the article that reports a meeting (the one holding its
evidence, or its first participant's name) and corrects a field from a surface cue there:

* modality: "اتصال هاتفي", "by phone", "visioconférence"… decide phone/video over the model;
* status: "postponed", "تأجيل", "annulé"… decide postponed/cancelled; future markers decide
  planned when the model said held;
* roles: a name after "بحضور"/"in the presence of" is an attendee; in a reception sentence
  ("استقبل", "received", "a reçu") the receiver is host and the received guest; on a call or
  video conference everyone is a participant;
* participant country: a demonym right before the name ("Iranian Deputy Interior Minister X",
  "وكيل وزير الداخلية الإيراني، X") decides the state represented;
* location: a known city that the article never names is dropped (the model invents capitals);
  a missing country is filled from the city;
* date: dropped unless the article states its year or the publication date is close to it
  (the model copies few-shot dates);
* duplicates: the headline and the body often report the same meeting; records with the same
  people, medium and status are merged;
* not a meeting: a record whose sentence has no word of contact at all (meet, visit, call,
  talks, summit… in any of the lexicon's languages) is dropped — an economic story's officials
  are not a meeting.

Every change is recorded as a ``repaired`` flag, so a user can see what was overridden.
Whether a repair is kept is decided by the evaluation numbers (BENCHMARKS.md).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from llm_extract.anchor import anchor_sentence, has_contact_cue
from llm_extract.lexicon import (
    ATTENDEE_CUES,
    CITY_FORMS,
    DEMONYMS,
    GROUP_WORDS,
    HYPOTHETICAL_CUES,
    IN_PERSON_MEET_CUES,
    MEET_CUES,
    MODALITY_CUES,
    NOT_PERSONS,
    PAST_CONTACT_CUES,
    PLANNED_CUES,
    RECEPTION_CUES,
    SEPARATELY_CUES,
    STATUS_CUES,
    VENUE_WORDS,
    VISIT_CUES,
)
from llm_extract.names import country_as_name, strip_titles
from llm_extract.normalize import Folded, find_all, normalize_name
from llm_extract.schema import (
    Flag,
    Location,
    Meeting,
    Modality,
    Participant,
    Role,
    Span,
    Status,
)

__all__ = ["repair"]

_NOT_PERSONS = frozenset(normalize_name(n) for n in NOT_PERSONS)
_GROUP_WORDS = frozenset(normalize_name(w) for w in GROUP_WORDS)


def _untitle(m: Meeting, ctx: _Context, path: str, flags: list[Flag]) -> Meeting:
    """Names without glued titles; a country given as a name becomes an unnamed participant."""
    people: list[Participant] = []
    for j, p in enumerate(m.participants):
        if p.name is None:
            people.append(p)
            continue
        where = f"{path}.participants[{j}].name"
        code = country_as_name(p.name)
        if code is not None:
            flags.append(Flag(kind="repaired", path=where, value=p.name,
                              detail="a country given as a name: an unnamed participant"))
            people.append(p.model_copy(update={"name": None, "country": code,
                                               "name_span": None}))
            continue
        bare = strip_titles(p.name)
        if bare == p.name:
            people.append(p)
            continue
        flags.append(Flag(kind="repaired", path=where, value=bare,
                          detail=f"titles removed from {p.name!r}"))
        if bare is None:  # all title: an office, not a name
            people.append(p.model_copy(update={"name": None, "title": p.title or p.name,
                                               "name_span": None}))
            continue
        span = None
        if p.name_span is not None:  # the bare name ends where the titled one did
            span = Span(start=p.name_span.end - len(bare), end=p.name_span.end)
            if ctx.source[span.start:span.end] != bare:
                found = find_all(ctx.folded, bare)
                span = Span(start=found[0][0], end=found[0][1]) if found else None
        people.append(p.model_copy(update={"name": bare, "name_span": span}))
    return m.model_copy(update={"participants": people})


def _not_a_person(name: str) -> bool:
    """An organization, or a group ("عدد من المسؤولين", "other officials"), given as a name."""
    normalized = normalize_name(name)
    return normalized in _NOT_PERSONS or bool(set(normalized.split()) & _GROUP_WORDS)
_DEMONYM_WINDOW = 70  # characters before a name searched for its nationality


@dataclass(frozen=True)
class _Context:
    source: str
    folded: Folded
    published: str | None


def _cues_in(ctx: _Context, cues: tuple[str, ...], lo: int, hi: int,
             whole_word: bool = False) -> list[int]:
    """Start offsets of every cue occurrence inside the source span ``[lo, hi)``."""
    hits: list[int] = []
    for cue in cues:
        for start, end in find_all(ctx.folded, cue, whole_word_end=whole_word):
            if lo <= start and end <= hi:
                hits.append(start)
    return sorted(hits)


def _flag(flags: list[Flag], path: str, field: str, old: object, new: object) -> None:
    flags.append(Flag(kind="repaired", path=f"{path}.{field}",
                      detail=f"{old!r} -> {new!r} from a cue in the article", value=str(new)))


def _fix_modality(m: Meeting, ctx: _Context, lo: int, hi: int) -> Modality:
    phone = bool(_cues_in(ctx, MODALITY_CUES["phone"], lo, hi))
    video = bool(_cues_in(ctx, MODALITY_CUES["video"], lo, hi))
    if phone != video:  # exactly one medium named: it decides
        return "phone" if phone else "video"
    return m.modality


def _fix_status(m: Meeting, ctx: _Context, lo: int, hi: int) -> Status:
    for status in ("cancelled", "postponed"):
        if _cues_in(ctx, STATUS_CUES[status], lo, hi):
            return status
    planned = _cues_in(ctx, PLANNED_CUES, lo, hi, whole_word=True)
    if m.status == "held" and planned:
        return "planned"
    if m.status == "planned" and not planned and _cues_in(ctx, PAST_CONTACT_CUES, lo, hi,
                                                         whole_word=True):
        return "held"  # "met ahead of the summit": a past verb and no future word
    return m.status


def _fix_roles(m: Meeting, ctx: _Context, lo: int, hi: int, modality: str) -> list[Role]:
    roles: list[Role] = [p.role for p in m.participants]
    spans = [p.name_span.start if p.name_span else None for p in m.participants]
    attendee_at = _cues_in(ctx, ATTENDEE_CUES, lo, hi)
    first_attendee_cue = attendee_at[0] if attendee_at else None
    reception_at = _cues_in(ctx, RECEPTION_CUES, lo, hi)
    for i, at in enumerate(spans):
        if at is None:
            continue
        if first_attendee_cue is not None and at > first_attendee_cue:
            roles[i] = "attendee"
        elif modality in ("phone", "video"):
            roles[i] = "participant"
    if modality == "in_person" and not reception_at and not _cues_in(ctx, VISIT_CUES, lo, hi) \
            and _cues_in(ctx, MEET_CUES, lo, hi):
        # "met with", "held talks with", "تحادث مع": no sign of who hosted.
        roles = ["participant" if r != "attendee" else r for r in roles]
    if modality == "in_person" and reception_at:
        cue = reception_at[0]
        principals = [(at, i) for i, at in enumerate(spans)
                      if at is not None and roles[i] != "attendee"
                      and not (first_attendee_cue is not None and at > first_attendee_cue)]
        before = [i for at, i in principals if at < cue]
        after = sorted((at, i) for at, i in principals if at > cue)
        hosts = set(before) if before else ({after[0][1]} if after else set())
        for _, i in principals:
            roles[i] = "host" if i in hosts else "guest"
    return roles


def _roles_by_place(roles: list[Role], countries: list[str | None], place: str) -> list[Role]:
    """Host is who is at home: in a place of one side's country that side hosts; in a third
    country (a summit's sidelines) nobody does."""
    principals = [i for i, r in enumerate(roles) if r != "attendee"]
    known = [i for i in principals if countries[i] is not None]
    if len(known) < 2 or len(known) != len(principals):
        return roles
    home = [i for i in known if countries[i] == place]
    out = list(roles)
    if not home:
        for i in principals:
            out[i] = "participant"
    elif len(home) < len(known):
        for i in principals:
            out[i] = "host" if i in home else "guest"
    return out


def _demonym_country(ctx: _Context, start: int, floor: int) -> str | None:
    lo = max(floor, start - _DEMONYM_WINDOW)
    best: tuple[int, str] | None = None
    for code, forms in DEMONYMS.items():
        for hit in _cues_in(ctx, forms, lo, start, whole_word=True):
            if best is None or hit > best[0]:
                best = (hit, code)
    return best[1] if best else None


def _fix_countries(m: Meeting, ctx: _Context, lo: int) -> list[str | None]:
    countries: list[str | None] = [p.country for p in m.participants]
    ordered = sorted((p.name_span.start, p.name_span.end, i)
                     for i, p in enumerate(m.participants) if p.name_span is not None)
    previous_end = lo
    for start, end, i in ordered:
        person = m.participants[i]
        code = _demonym_country(ctx, start, previous_end)
        if code is not None and person.organization is None:
            countries[i] = code
        previous_end = end
    return countries


def _city_in(ctx: _Context, lo: int, hi: int) -> tuple[str, str] | None:
    """The first gazetteer city named inside ``[lo, hi)``, as (English name, country)."""
    best: tuple[int, str, str] | None = None
    for city, (country, forms) in CITY_FORMS.items():
        for form in (city, *forms):
            for a, b in find_all(ctx.folded, form):
                if lo <= a and b <= hi and (best is None or a < best[0]):
                    best = (a, city, country)
    return (best[1], best[2]) if best else None


def _only_city(ctx: _Context) -> tuple[str, str] | None:
    """The one gazetteer city the whole article names, or None when it names none or several."""
    cities = {(city, country) for city, (country, forms) in CITY_FORMS.items()
              if any(find_all(ctx.folded, form) for form in (city, *forms))}
    return next(iter(cities)) if len(cities) == 1 else None


def _fix_location(
    m: Meeting, ctx: _Context, modality: Modality, lo: int, hi: int
) -> Location | None:
    """A place the article names: the model's if the article has it, else one in the sentence.

    A small model transliterates badly ("Baniyork" for بنيويورك, "in New York") and invents
    capitals; its city is kept only when the article names it (in any of the gazetteer's
    forms), otherwise the gazetteer city named in the reporting sentence replaces it.
    """
    if modality in ("phone", "video"):
        return None
    loc = m.location
    named = _city_in(ctx, lo, hi)
    if loc is None or loc.city is None:
        if named is not None:  # the sentence names the place the model left out
            return Location(city=named[0], country=named[1])
        only = _only_city(ctx) if loc is None else None
        if only is not None:  # a short article that names one city reports a meeting there
            return Location(city=only[0], country=only[1])
        return loc
    entry = CITY_FORMS.get(loc.city) or next(
        (v for k, v in CITY_FORMS.items() if normalize_name(k) == normalize_name(loc.city)), None)
    forms = (loc.city, *(entry[1] if entry else ()))
    is_venue = any(w in loc.city.casefold() for w in VENUE_WORDS)
    if not is_venue and any(find_all(ctx.folded, form) for form in forms):
        if entry and loc.country is None:
            return Location(city=loc.city, country=entry[0])
        return loc
    if named is None and is_venue:
        named = _city_in(ctx, 0, min(len(ctx.source), 60))  # the dateline: "LISBON, March 4"
    if named is not None:
        return Location(city=named[0], country=named[1])
    return None


def _fix_date(m: Meeting, ctx: _Context) -> str | None:
    if m.date is None:
        return None
    if m.date[:4] in ctx.source:
        return m.date
    if ctx.published:
        try:
            pub = dt.date.fromisoformat(ctx.published[:10]) if len(ctx.published) >= 10 else None
            day = dt.date.fromisoformat(m.date) if len(m.date) == 10 else None
        except ValueError:
            return None
        if pub and day and abs((day - pub).days) <= 10:
            return m.date
        if m.date[:7] == ctx.published[:7]:
            return m.date
    return None


def _reports_contact(m: Meeting, ctx: _Context, lo: int, hi: int) -> bool:
    spans = [(lo, hi)]
    if m.evidence_span is not None:
        spans.append((m.evidence_span.start, m.evidence_span.end))
    return any(has_contact_cue(ctx.folded, a, b) for a, b in spans)


def _repair_one(m: Meeting, ctx: _Context, path: str, flags: list[Flag]) -> Meeting | None:
    anchor = anchor_sentence(m, ctx.source, ctx.folded)
    if anchor is None:
        return m
    lo, hi = anchor
    m = _untitle(m, ctx, path, flags)
    people_only = [p for p in m.participants if not (p.name and _not_a_person(p.name))]
    if len(people_only) != len(m.participants):
        flags.append(Flag(kind="repaired", path=f"{path}.participants",
                          detail="an organization or a group given as a person; removed"))
        if not people_only:
            return None
        m = m.model_copy(update={"participants": people_only})
    if m.status == "held" and m.modality == "unknown" and len(m.participants) == 1:
        flags.append(Flag(kind="dropped_meeting", path=path,
                          detail="a held meeting with one party and no medium: not a contact"))
        return None
    spans = [(lo, hi)] + ([(m.evidence_span.start, m.evidence_span.end)]
                          if m.evidence_span is not None else [])
    if m.status in ("held", "planned", "postponed") and any(
            _cues_in(ctx, HYPOTHETICAL_CUES, a, b)
            and not _cues_in(ctx, STATUS_CUES["postponed"], a, b) for a, b in spans):
        flags.append(Flag(kind="dropped_meeting", path=path,
                          detail="reported as merely possible, with no date: not a meeting"))
        return None
    if not _reports_contact(m, ctx, lo, hi):
        flags.append(Flag(kind="dropped_meeting", path=path,
                          detail="its sentence reports no contact (no meeting, call or visit "
                                 "word): not a meeting"))
        return None
    modality = _fix_modality(m, ctx, lo, hi)
    if modality == "phone" and len(m.participants) < 2:  # (a video conference may be a
        # group call reported through one named speaker; a phone call is two-sided)
        flags.append(Flag(kind="dropped_meeting", path=path,
                          detail="a phone call with nobody on the other end: not a contact"))
        return None
    status = _fix_status(m, ctx, lo, hi)
    countries = _fix_countries(m, ctx, lo)
    location = _fix_location(m, ctx, modality, lo, hi)
    if modality == "unknown" and (location is not None or _cues_in(
            ctx, (*RECEPTION_CUES, *VISIT_CUES, *IN_PERSON_MEET_CUES), lo, hi)):
        modality = "in_person"  # a reception, a visit, a meeting with a place: people were there
    roles = _fix_roles(m, ctx, lo, hi, modality)
    if modality == "in_person" and location is not None and location.country:
        roles = _roles_by_place(roles, countries, location.country)
    date = _fix_date(m, ctx)
    for field, old, new in (("modality", m.modality, modality), ("status", m.status, status),
                            ("location", m.location, location), ("date", m.date, date)):
        if old != new:
            _flag(flags, path, field, old, new)
    people: list[Participant] = []
    for j, (p, role, country) in enumerate(zip(m.participants, roles, countries, strict=True)):
        if role != p.role:
            _flag(flags, f"{path}.participants[{j}]", "role", p.role, role)
        if country != p.country:
            _flag(flags, f"{path}.participants[{j}]", "country", p.country, country)
        people.append(p.model_copy(update={"role": role, "country": country}))
    return m.model_copy(update={"modality": modality, "status": status, "participants": people,
                                "location": location, "date": date})


def _key(m: Meeting) -> tuple[frozenset[str], str, str]:
    names = frozenset(normalize_name(p.name) for p in m.participants if p.name)
    return names, m.modality, m.status


def _dedupe(meetings: list[Meeting], flags: list[Flag]) -> list[Meeting]:
    kept: list[Meeting] = []
    for i, m in enumerate(meetings):
        twin = next((k for k in kept if _key(k) == _key(m) and _key(m)[0]), None)
        if twin is not None and (twin.date == m.date or m.date is None):
            flags.append(Flag(kind="duplicate", path=f"meetings[{i}]",
                              detail="same people, medium and status as an earlier record; merged"))
            continue
        kept.append(m)
    return kept


def repair(
    meetings: list[Meeting], source: str, folded: Folded, published: str | None
) -> tuple[list[Meeting], list[Flag]]:
    """Meetings with cue-based corrections applied, and a flag for each change."""
    ctx = _Context(source, folded, published)
    flags: list[Flag] = []
    repaired: list[Meeting] = []
    for i, m in enumerate(meetings):
        one = _repair_one(m, ctx, f"meetings[{i}]", flags)
        if one is not None:
            repaired += _split_separate(one, ctx, f"meetings[{i}]", flags)
    return _dedupe(repaired, flags), flags


def _split_separate(m: Meeting, ctx: _Context, path: str, flags: list[Flag]) -> list[Meeting]:
    """One record per counterpart when the sentence says the contacts were separate.

    "Erdoğan held a phone call each with Rouhani and Salih" comes back from a small model as
    one record of three; the first person is the one who met each of the others.
    """
    named = [p for p in m.participants if p.name]
    anchor = anchor_sentence(m, ctx.source, ctx.folded)
    if len(named) < 3 or len(named) != len(m.participants) or anchor is None:
        return [m]
    if not _cues_in(ctx, SEPARATELY_CUES, *anchor):
        return [m]
    first, *others = m.participants
    flags.append(Flag(kind="repaired", path=f"{path}.participants",
                      detail=f"separate contacts: split into {len(others)} records"))
    return [m.model_copy(update={"participants": [first, other]}) for other in others]
