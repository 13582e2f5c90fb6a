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
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import replace

from llm_extract.quality.anchor import anchor_sentence, has_contact_cue
from llm_extract.quality.registry import Candidate, Rule, apply_rules, per_record
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
from llm_extract.text.article import Article
from llm_extract.text.countries import country_forms
from llm_extract.text.cues import CITY_COUNTRY, city_forms, demonyms, find_cues, has_cue, table
from llm_extract.text.names import country_as_name, strip_titles
from llm_extract.text.normalize import find_all, fold, normalize_name

__all__ = ["JUDGE_SURE", "RULES", "RULE_NAMES", "repair"]

# How sure the model must be, asked again about a record (``model.judge``), before its answer
# replaces the record's value: chosen on the dev set's TUNE half (BENCHMARKS.md).
JUDGE_SURE = 0.8

_NOT_PERSONS = frozenset(normalize_name(c.text) for c in table("NOT_PERSONS"))
_GROUP_WORDS = frozenset(normalize_name(c.text) for c in table("GROUP"))


def _untitle(m: Meeting, ctx: Article, path: str, flags: list[Flag]) -> Meeting:
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
        bare = strip_titles(p.name, ctx.language)
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
            if ctx.text[span.start:span.end] != bare:
                found = find_all(ctx.folded, bare)
                span = Span(start=found[0][0], end=found[0][1]) if found else None
        people.append(p.model_copy(update={"name": bare, "name_span": span}))
    return m.model_copy(update={"participants": people})


def _not_a_person(name: str) -> bool:
    """An organization, or a group ("عدد من المسؤولين", "other officials"), given as a name."""
    normalized = normalize_name(name)
    return normalized in _NOT_PERSONS or bool(set(normalized.split()) & _GROUP_WORDS)
_DATE_WINDOW_DAYS = 92  # how far from publication a date without a written year may lie
_DEMONYM_WINDOW = 70  # characters before a name searched for its nationality


def _cues_in(ctx: Article, names: str | tuple[str, ...], lo: int, hi: int) -> list[int]:
    """Start offsets of every cue of the tables ``names`` (in the article's language, all
    languages when it is unknown) inside the source span ``[lo, hi)``."""
    hits: list[int] = []
    for name in (names,) if isinstance(names, str) else names:
        hits += [a for a, _ in find_cues(ctx.folded, table(name, ctx.language), lo, hi)]
    return sorted(hits)


def _flag(flags: list[Flag], path: str, field: str, old: object, new: object) -> None:
    flags.append(Flag(kind="repaired", path=f"{path}.{field}",
                      detail=f"{old!r} -> {new!r} from a cue in the article", value=str(new)))


def _fix_modality(m: Meeting, ctx: Article, lo: int, hi: int) -> Modality:
    phone = bool(_cues_in(ctx, "PHONE", lo, hi))
    video = bool(_cues_in(ctx, "VIDEO", lo, hi))
    if phone != video:  # exactly one medium named: it decides
        return "phone" if phone else "video"
    return m.modality


def _fix_status(m: Meeting, ctx: Article, lo: int, hi: int) -> Status:
    past = bool(_cues_in(ctx, "PAST_CONTACT", lo, hi))
    for status in ("cancelled", "postponed"):
        # "finally met after the talks had been postponed twice": a past meeting verb says the
        # record took place; the postponement is its history.
        if _cues_in(ctx, status.upper(), lo, hi) and not (m.status == "held" and past):
            return status
    planned = _cues_in(ctx, "PLANNED", lo, hi)
    if m.status == "held" and planned:
        return "planned"
    if m.status == "planned" and not planned and _cues_in(ctx, "PAST_CONTACT", lo, hi):
        return "held"  # "met ahead of the summit": a past verb and no future word
    return m.status


def _name_at(ctx: Article, p: Participant, lo: int, hi: int) -> int | None:
    """Where ``p``'s name (or its surname) first occurs inside ``[lo, hi)``, if it does."""
    if not p.name:
        return None
    for needle in (p.name, p.name.split()[-1]):
        for a, b in find_all(ctx.folded, needle):
            if lo <= a and b <= hi:
                return a
    return None


def _fix_roles(m: Meeting, ctx: Article, lo: int, hi: int, modality: str) -> list[Role]:
    """Roles read off the clause ``[lo, hi)``; a person the clause does not name keeps the
    model's role (the cue positions say nothing about them)."""
    roles: list[Role] = [p.role for p in m.participants]
    spans = [_name_at(ctx, p, lo, hi) for p in m.participants]
    attendee_at = _cues_in(ctx, "ATTENDEE", lo, hi)
    first_attendee_cue = attendee_at[0] if attendee_at else None
    reception_at = _cues_in(ctx, "RECEPTION", lo, hi)
    # A call or a video conference has no host, unless the clause says someone hosts it
    # ("co-host a virtual ministerial", "يستضيف اجتماعا افتراضيا").
    hosted = bool(reception_at or _cues_in(ctx, "HOSTING", lo, hi))
    for i, at in enumerate(spans):
        if at is None:
            continue
        if first_attendee_cue is not None and at > first_attendee_cue:
            roles[i] = "attendee"
        elif modality in ("phone", "video") and not hosted:
            roles[i] = "participant"
    named = [i for i, at in enumerate(spans) if at is not None]
    if modality == "in_person" and not reception_at and not _cues_in(ctx, "VISIT", lo, hi) \
            and _cues_in(ctx, "MEET", lo, hi):
        # "met with", "held talks with", "تحادث مع": no sign of who hosted.
        roles = ["participant" if r != "attendee" and i in named else r
                 for i, r in enumerate(roles)]
    principals = [(at, i) for i, at in enumerate(spans)
                  if at is not None and roles[i] != "attendee"
                  and not (first_attendee_cue is not None and at > first_attendee_cue)]
    if modality == "in_person" and reception_at and len(principals) >= 2:
        # Receiving needs two sides: with one principal named, the cue is about someone else.
        cue = reception_at[0]
        before = [i for at, i in principals if at < cue]
        after = sorted((at, i) for at, i in principals if at > cue)
        hosts = set(before) if before else ({after[0][1]} if after else set())
        for _, i in principals:
            roles[i] = "host" if i in hosts else "guest"
    return roles


def _roles_by_place(
    roles: list[Role], countries: list[str | None], place: str, *, assign_hosts: bool = True
) -> list[Role]:
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
    elif len(home) < len(known) and assign_hosts:
        for i in principals:
            out[i] = "host" if i in home else "guest"
    return out


def _demonym_country(ctx: Article, start: int, floor: int) -> str | None:
    lo = max(floor, start - _DEMONYM_WINDOW)
    best: tuple[int, str] | None = None
    for code, forms in demonyms(ctx.language).items():
        for hit, _ in find_cues(ctx.folded, forms, lo, start):
            if best is None or hit > best[0]:
                best = (hit, code)
    return best[1] if best else None


def _fix_countries(m: Meeting, ctx: Article, lo: int) -> list[str | None]:
    countries: list[str | None] = [p.country for p in m.participants]
    ordered = sorted((p.name_span.start, p.name_span.end, i)
                     for i, p in enumerate(m.participants) if p.name_span is not None)
    previous_end = lo
    for start, end, i in ordered:
        person = m.participants[i]
        code = _demonym_country(ctx, start, previous_end)
        # A demonym fills a missing country; it overrides the model's only when the article
        # never mentions the model's country (a copy from the few-shot examples), since the
        # nearest demonym is often another person's ("the Egyptian ambassador in Nouakchott
        # was told that President X...").
        if code is not None and person.organization is None and (
                person.country is None or not _mentions_country(ctx, person.country)):
            countries[i] = code
        previous_end = end
    return countries


@functools.lru_cache(maxsize=4096)
def _mentions_country(art: Article, code: str) -> bool:
    """Whether the article names the country ``code``: its name, a demonym or one of its
    cities."""
    if any(find_all(art.folded, form) for form in country_forms(code)):
        return True
    cities = [forms for country, forms in city_forms(art.language).values() if country == code]
    return any(has_cue(art.folded, forms)
               for forms in (demonyms(art.language).get(code, ()), *cities))


def _city_in(ctx: Article, lo: int, hi: int) -> tuple[str, str] | None:
    """The first gazetteer city named inside ``[lo, hi)``, as (English name, country)."""
    best: tuple[int, str, str] | None = None
    for city, (country, forms) in city_forms(ctx.language).items():
        hits = find_cues(ctx.folded, forms, lo, hi)
        if hits and (best is None or hits[0][0] < best[0]):
            best = (hits[0][0], city, country)
    return (best[1], best[2]) if best else None


@functools.lru_cache(maxsize=4096)
def _only_city(ctx: Article) -> tuple[str, str] | None:
    """The one gazetteer city the whole article names, or None when it names none or several."""
    cities = {(city, country) for city, (country, forms) in city_forms(ctx.language).items()
              if has_cue(ctx.folded, forms)}
    return next(iter(cities)) if len(cities) == 1 else None


def _gazetteer_entry(city: str) -> tuple[str, str] | None:
    """``(English name, country)`` of the model's city when the gazetteer knows it."""
    if city in CITY_COUNTRY:
        return city, CITY_COUNTRY[city]
    key = normalize_name(city)
    return next(((k, c) for k, c in CITY_COUNTRY.items() if normalize_name(k) == key), None)


def _fix_location(
    m: Meeting, ctx: Article, modality: Modality, lo: int, hi: int
) -> Location | None:
    """A place the article names: the model's if the article has it, else one in the clause.

    A small model transliterates badly ("Baniyork" for بنيويورك, "in New York") and invents
    capitals; its city is kept only when the article names it (in any of the gazetteer's
    forms) or it is a city of the host's own country, otherwise the gazetteer city named in
    the reporting clause replaces it.
    """
    if modality in ("phone", "video"):
        return None
    loc = m.location
    named = _city_in(ctx, lo, hi)
    if loc is None or loc.city is None:
        if named is not None:  # the clause names the place the model left out
            return Location(city=named[0], country=named[1])
        only = _only_city(ctx) if loc is None else None
        if only is not None:  # a short article that names one city reports a meeting there
            return Location(city=only[0], country=only[1])
        return loc
    entry = _gazetteer_entry(loc.city)
    forms = city_forms(ctx.language).get(entry[0], ("", ()))[1] if entry else ()
    is_venue = has_cue(fold(loc.city), table("VENUE"))
    at_home = entry is not None and any(p.role == "host" and p.country == entry[1]
                                        for p in m.participants)
    if not is_venue and (at_home or find_all(ctx.folded, loc.city)
                         or has_cue(ctx.folded, forms)):
        # Named in the article, or a known city of the host's own country: "received in the
        # Great Hall of the People" is Beijing although the article never writes it.
        if entry and loc.country is None:
            return Location(city=loc.city, country=entry[1])
        return loc
    if named is None and is_venue:
        named = _city_in(ctx, 0, min(len(ctx.text), 60))  # the dateline: "LISBON, March 4"
    if named is not None:
        return Location(city=named[0], country=named[1])
    return None


def _fix_date(m: Meeting, ctx: Article) -> str | None:
    if m.date is None:
        return None
    if m.date[:4] in ctx.text:
        return m.date
    if ctx.published:
        try:
            pub = dt.date.fromisoformat(ctx.published[:10]) if len(ctx.published) >= 10 else None
            day = dt.date.fromisoformat(m.date) if len(m.date) == 10 else None
        except ValueError:
            return None
        # A day the article names without its year ("on 28 February") is resolved against the
        # publication date; a copied few-shot date is years away from it.
        if pub and day and abs((day - pub).days) <= _DATE_WINDOW_DAYS:
            return m.date
        if m.date[:7] == ctx.published[:7]:
            return m.date
    return None


def _reports_contact(m: Meeting, ctx: Article, lo: int, hi: int) -> bool:
    spans = [(lo, hi)]
    if m.evidence_span is not None:
        spans.append((m.evidence_span.start, m.evidence_span.end))
    return any(has_contact_cue(ctx.folded, a, b, ctx.language) for a, b in spans)




# -- the rules --------------------------------------------------------------------------------
# Each takes one record (or, for de-duplication, all of them) and returns what it keeps.


@per_record
def _titles_off_names(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """Names without the titles a model glues on ("US President Donald Trump" is "Donald
    Trump"); a country given as a name is an unnamed participant of that country
    (GUIDELINES: ``name`` is the person's name, ``null`` if unnamed)."""
    if rec.anchor is None:
        return [rec]
    return [rec.with_meeting(_untitle(rec.meeting, art, rec.path, flags))]


@per_record
def _no_institutions(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """Organizations and groups given as persons are removed ("NATO", "the delegation",
    "other officials"); a record left with nobody is dropped (GUIDELINES: participants are
    persons; unnamed delegations are left out)."""
    m = rec.meeting
    people = [p for p in m.participants if not (p.name and _not_a_person(p.name))]
    if rec.anchor is None or len(people) == len(m.participants):
        return [rec]
    flags.append(Flag(kind="repaired", path=f"{rec.path}.participants",
                      detail="an organization or a group given as a person; removed"))
    return [rec.with_meeting(m.model_copy(update={"participants": people}))] if people else []


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
    lo, hi = _clause(rec, art)  # "…and said a trade deal was possible" is not this meeting
    if _cues_in(art, "HYPOTHETICAL", lo, hi) and not _cues_in(art, "POSTPONED", lo, hi):
        flags.append(Flag(kind="dropped_meeting", path=rec.path,
                          detail="reported as merely possible, with no date: not a meeting"))
        return []
    return [rec]


def _judged(rec: Candidate, question: str) -> tuple[str, float] | None:
    """The model's most probable answer to ``question`` about the record, and its probability."""
    c = rec.meeting.confidence
    dist = c.choices.get(question) if c is not None else None
    if not dist:
        return None
    best = max(dist, key=lambda k: dist[k])
    return best, dist[best]


@per_record
def _no_contact_by_model(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
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
def _medium_from_model(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """Asked how the people met, the model is sure of another medium than the record's
    (GUIDELINES: ``modality``)."""
    judged = _judged(rec, "modality")
    if judged is not None and judged[1] >= JUDGE_SURE and judged[0] != rec.meeting.modality:
        return [_changed(rec, flags, modality=judged[0])]
    return [rec]


@per_record
def _status_from_model(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """Asked what happened to the meeting, the model is sure of another status than the
    record's (GUIDELINES: ``status``)."""
    judged = _judged(rec, "status")
    if judged is not None and judged[1] >= JUDGE_SURE and judged[0] != rec.meeting.status:
        return [_changed(rec, flags, status=judged[0])]
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
            or _reports_contact(m, art, *rec.anchor):
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
        clause = _clause(rec, art)
        value = read(rec.meeting, art, *clause)
        if value != getattr(rec.meeting, field) and any(
                o is not rec and o.anchor is not None and getattr(o.meeting, field) == value
                and _overlaps(_clause(o, art), clause)
                for o in records):
            value = getattr(rec.meeting, field)
        out.append(_changed(rec, flags, **{field: value}))
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
    return _from_own_clause(records, art, flags, "modality", _fix_modality)


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
    return _from_own_clause(records, art, flags, "status", _fix_status)


@per_record
def _country_from_demonym(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A demonym right before a name ("Iranian Deputy Interior Minister X") decides the state
    the person represents (GUIDELINES: participant ``country``)."""
    if rec.anchor is None:
        return [rec]
    m = rec.meeting
    countries = _fix_countries(m, art, rec.anchor[0])
    people = list(m.participants)
    for j, (p, country) in enumerate(zip(m.participants, countries, strict=True)):
        if country != p.country:
            _flag(flags, f"{rec.path}.participants[{j}]", "country", p.country, country)
            people[j] = p.model_copy(update={"country": country})
    return [rec.with_meeting(m.model_copy(update={"participants": people}))]


@per_record
def _place_from_article(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """The place is one the article names: calls and video have none; an invented city is
    replaced by the one the sentence names, or dropped; a missing one is filled from the
    sentence or from a short article's only city (GUIDELINES: ``location``)."""
    if rec.anchor is None:
        return [rec]
    m = rec.meeting
    place = _fix_location(m, art, m.modality, *_clause(rec, art))
    return [_changed(rec, flags, location=place)]


@per_record
def _in_person_from_cue(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A reception, a visit, a meeting verb or a known place means people were in one room
    (GUIDELINES: ``unknown`` only when the article does not tell)."""
    m = rec.meeting
    if rec.anchor is None or m.modality != "unknown":
        return [rec]
    lo, hi = _clause(rec, art)
    if m.location is not None or _cues_in(
            art, ("RECEPTION", "VISIT", "IN_PERSON_MEET"), lo, hi):
        return [_changed(rec, flags, modality="in_person")]
    return [rec]


@per_record
def _roles_from_cue(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """Roles from the sentence: after "بحضور"/"in the presence of" an attendee; on a call
    everyone a participant; the receiver of a reception host and the received guest; "met
    with" and no sign of who hosted, participants (GUIDELINES: ``role``)."""
    if rec.anchor is None:
        return [rec]
    m = rec.meeting
    return [_with_roles(rec, flags, _fix_roles(m, art, *_clause(rec, art), m.modality))]


@per_record
def _roles_from_place(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """In a place of one side's country that side hosts; in a third country (a summit's
    sidelines) nobody does (GUIDELINES: ``host`` receives the other side at home)."""
    m = rec.meeting
    if rec.anchor is None or m.modality != "in_person" or m.location is None \
            or not m.location.country:
        return [rec]
    # A summit is multilateral: its host country does not make its people hosts.
    summit = bool(_cues_in(art, "SUMMIT", *_clause(rec, art)))
    roles = _roles_by_place([p.role for p in m.participants],
                            [p.country for p in m.participants], m.location.country,
                            assign_hosts=not summit)
    return [_with_roles(rec, flags, roles)]


@per_record
def _date_from_article(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A date is kept only when the article states its year or the publication date is close
    to it; the model copies few-shot dates (GUIDELINES: ``date`` when the article states it)."""
    if rec.anchor is None:
        return [rec]
    return [_changed(rec, flags, date=_fix_date(rec.meeting, art))]


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
    anchor = anchor_sentence(m, art.text, art.folded, art.language)
    if anchor is None:
        return [rec]
    if not _cues_in(art, "SEPARATELY", *_clause(replace(rec, anchor=anchor), art)):
        return [rec]
    first, *others = m.participants
    flags.append(Flag(kind="repaired", path=f"{rec.path}.participants",
                      detail=f"separate contacts: split into {len(others)} records"))
    return [rec.with_meeting(m.model_copy(update={"participants": [first, other]}))
            for other in others]


def _counterparts(m: Meeting) -> frozenset[str]:
    """Who took part, as the guidelines tell records apart: named people by name, unnamed
    ones by their state or organization ("the leaders of Turkey, Australia…")."""
    return frozenset(
        normalize_name(p.name) if p.name else f"unnamed:{p.country}:{p.organization}"
        for p in m.participants)


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


def _merge_duplicates(
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
    for rec in records:
        twin = next((k for k in kept if _same_contact(k, rec, art, headline)), None)
        if twin is not None:
            flags.append(Flag(kind="duplicate", path=rec.path,
                              detail="the same contact as an earlier record (same people, medium, "
                                     "status, day and place); merged"))
            continue
        if _elaborates(rec, kept, art):
            flags.append(Flag(kind="duplicate", path=rec.path,
                              detail="its clause reports no contact of its own (\"the Secretary "
                                     "also reaffirmed…\"): part of an earlier record of the same "
                                     "people; merged"))
            continue
        kept.append(rec)
    return kept


def _elaborates(rec: Candidate, kept: list[Candidate], art: Article) -> bool:
    """``rec`` says more about an earlier record of the same people rather than report a contact
    of its own: its clause (its evidence, inside the body) has no word of contact at all."""
    ev = rec.meeting.evidence_span
    if rec.anchor is None or ev is None:
        return False
    if not any(_counterparts(k.meeting) == _counterparts(rec.meeting) for k in kept):
        return False
    return not has_contact_cue(art.folded, ev.start, ev.end, art.language)


def _same_contact(
    a: Candidate, b: Candidate, art: Article, headline: tuple[int, int] | None
) -> bool:
    ma, mb = a.meeting, b.meeting
    if not (_counterparts(ma) == _counterparts(mb) and ma.modality == mb.modality
            and ma.status == mb.status and _compatible(ma.date, mb.date)):
        return False
    la = (ma.location.city, ma.location.country) if ma.location else None
    lb = (mb.location.city, mb.location.country) if mb.location else None
    if not _compatible(la, lb):
        return False
    if a.anchor is None or b.anchor is None:
        return True
    clause_a, clause_b = _clause(a, art), _clause(b, art)
    if _overlaps(clause_a, clause_b):
        return True
    return headline is not None and any(_overlaps(headline, c) for c in (clause_a, clause_b))


def _clause(rec: Candidate, art: Article) -> tuple[int, int]:
    """The record's own clause: its evidence, unless that is the headline — a small model
    often quotes the headline, which may sum up two events ("X receives Y and calls Z") —
    or is missing; then the sentence that names its people."""
    assert rec.anchor is not None
    ev = rec.meeting.evidence_span
    if ev is None:
        return rec.anchor
    inside = rec.anchor[0] <= ev.start and ev.end <= rec.anchor[1]
    headline = _headline(art)
    if inside or headline is None or not _overlaps(headline, (ev.start, ev.end)):
        return ev.start, ev.end
    return rec.anchor


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _spans(rec: Candidate) -> list[tuple[int, int]]:
    assert rec.anchor is not None
    ev = rec.meeting.evidence_span
    return [rec.anchor] + ([(ev.start, ev.end)] if ev is not None else [])


def _changed(rec: Candidate, flags: list[Flag], **fields: object) -> Candidate:
    m = rec.meeting
    update = {k: v for k, v in fields.items() if getattr(m, k) != v}
    for field, new in update.items():
        _flag(flags, rec.path, field, getattr(m, field), new)
    return rec.with_meeting(m.model_copy(update=update)) if update else rec


def _with_roles(rec: Candidate, flags: list[Flag], roles: list[Role]) -> Candidate:
    m = rec.meeting
    people: list[Participant] = []
    for j, (p, role) in enumerate(zip(m.participants, roles, strict=True)):
        if role != p.role:
            _flag(flags, f"{rec.path}.participants[{j}]", "role", p.role, role)
            p = p.model_copy(update={"role": role})
        people.append(p)
    return rec.with_meeting(m.model_copy(update={"participants": people}))


RULES: tuple[Rule, ...] = tuple(Rule.of(fn) for fn in (
    _titles_off_names,
    _no_institutions,
    _no_contact_by_model,
    _medium_from_model,
    _status_from_model,
    _no_lone_unknown,
    _no_hypothetical,
    _no_contact_no_record,
    _medium_from_cue,
    _no_one_sided_call,
    _status_from_cue,
    _country_from_demonym,
    _place_from_article,
    _in_person_from_cue,
    _roles_from_cue,
    _roles_from_place,
    _date_from_article,
    _split_separate,
    _merge_duplicates,
))
RULE_NAMES: tuple[str, ...] = tuple(r.name for r in RULES)


def repair(
    meetings: list[Meeting], article: Article, *, disabled: tuple[str, ...] = ()
) -> tuple[list[Meeting], list[Flag]]:
    """``meetings`` through the rules of :data:`RULES` not in ``disabled``, and their flags."""
    records = [Candidate(m, f"meetings[{i}]",
                         anchor_sentence(m, article.text, article.folded, article.language))
               for i, m in enumerate(meetings)]
    kept, flags = apply_rules(RULES, records, article, disabled)
    return [r.meeting for r in kept], flags
