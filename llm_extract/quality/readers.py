"""What a record's own clause says about each field: the readers behind the repair rules.

Most readers take a record and the source span ``[lo, hi)`` of its clause (``dedupe.clause``)
and return one field as the article's cues there give it (``text/cues/``, per language): the
medium, the status, the roles, the countries, the place, or whether a contact is reported at
all; the hosts by the meeting's place, and the date, are read off the record and the article.
They only read: the rules of ``quality.rules`` decide when to ask, write what changed back
into the record and flag it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re

from llm_extract.quality.anchor import has_contact_cue
from llm_extract.schema import Location, Meeting, Modality, Participant, Role, Status
from llm_extract.text.article import Article
from llm_extract.text.countries import country_forms, to_country_code
from llm_extract.text.cues import (
    CITY_COUNTRY,
    city_forms,
    days,
    demonyms,
    find_cues,
    has_cue,
    table,
)
from llm_extract.text.normalize import find_all, find_span, fold, normalize_name
from llm_extract.text.world_cities import named_in, world_city

__all__ = [
    "cues_in",
    "fix_countries",
    "fix_date",
    "fix_location",
    "fix_modality",
    "fix_roles",
    "fix_status",
    "reports_contact",
    "roles_by_place",
]

_DATE_WINDOW_DAYS = 92  # how far from publication a date without a written year may lie
_DEMONYM_WINDOW = 70  # characters before a name searched for its nationality


def cues_in(ctx: Article, names: str | tuple[str, ...], lo: int, hi: int) -> list[int]:
    """Start offsets of every cue of the tables ``names`` (in the article's language, all
    languages when it is unknown) inside the source span ``[lo, hi)``."""
    hits: list[int] = []
    for name in (names,) if isinstance(names, str) else names:
        hits += [a for a, _ in find_cues(ctx.folded, table(name, ctx.language), lo, hi)]
    return sorted(hits)


def fix_modality(m: Meeting, ctx: Article, lo: int, hi: int) -> Modality:
    """Phone or video when the clause names exactly one of the two media; else the model's
    medium (a clause naming both, or neither, does not tell)."""
    phone = bool(cues_in(ctx, "PHONE", lo, hi))
    video = bool(cues_in(ctx, "VIDEO", lo, hi))
    if phone != video:  # exactly one medium named: it decides
        return "phone" if phone else "video"
    return m.modality


def fix_status(m: Meeting, ctx: Article, lo: int, hi: int) -> Status:
    """The status the clause's words give: cancelled or postponed when it says so (unless a
    past meeting verb shows a held record took place after all), planned for a held record
    with a future word that no past meeting verb precedes, held for a planned one with a past
    meeting verb and no future word; else the model's.

    A future word after the clause's past meeting verb is what was discussed, not this
    contact, unless one of the record's people is named after it: "spoke by telephone on
    Monday about the summit Norway will host next month" is a held call; "received X, who is
    to meet his counterpart Y" gives the X–Y record's future word.
    """
    pasts = cues_in(ctx, "PAST_CONTACT", lo, hi)
    past = bool(pasts)
    for status in ("cancelled", "postponed"):
        # "finally met after the talks had been postponed twice": a past meeting verb says the
        # record took place; the postponement is its history.
        if cues_in(ctx, status.upper(), lo, hi) and not (m.status == "held" and past):
            return status
    planned = cues_in(ctx, "PLANNED", lo, hi)
    if m.status == "held" and planned and not (
            past and pasts[0] < planned[0]
            and all(name_at(ctx, p, planned[0], hi) is None for p in m.participants)):
        return "planned"
    if m.status == "planned" and not planned and cues_in(ctx, "PAST_CONTACT", lo, hi):
        return "held"  # "met ahead of the summit": a past verb and no future word
    return m.status


def name_at(ctx: Article, p: Participant, lo: int, hi: int) -> int | None:
    """Where ``p``'s name (or its surname) first occurs inside ``[lo, hi)``, if it does."""
    if not p.name:
        return None
    for needle in (p.name, p.name.split()[-1]):
        for a, b in find_all(ctx.folded, needle):
            if lo <= a and b <= hi:
                return a
    return None


def fix_roles(m: Meeting, ctx: Article, lo: int, hi: int, modality: str) -> list[Role]:
    """Roles read off the clause ``[lo, hi)``; a person the clause does not name keeps the
    model's role (the cue positions say nothing about them), but for the medium: on a call or
    a video conference nobody hosts or is received, named there or not ("the leaders of India,
    Japan…" of a video conference are participants)."""
    roles: list[Role] = [p.role for p in m.participants]
    spans = [name_at(ctx, p, lo, hi) for p in m.participants]
    attendee_at = cues_in(ctx, "ATTENDEE", lo, hi)
    first_attendee_cue = attendee_at[0] if attendee_at else None
    reception_at = cues_in(ctx, "RECEPTION", lo, hi)
    # A call or a video conference has no host, unless the clause says someone hosts it
    # ("co-host a virtual ministerial", "يستضيف اجتماعا افتراضيا").
    hosted = bool(reception_at or cues_in(ctx, "HOSTING", lo, hi))
    for i, at in enumerate(spans):
        if at is None:
            if modality in ("phone", "video") and not hosted and roles[i] in ("host", "guest"):
                roles[i] = "participant"
            continue
        if first_attendee_cue is not None and at > first_attendee_cue:
            roles[i] = "attendee"
        elif modality in ("phone", "video") and not hosted:
            roles[i] = "participant"
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


def no_host_roles(m: Meeting, ctx: Article, lo: int, hi: int) -> list[Role]:
    """Participants for the named principals of an in-person meeting whose clause says "met
    with", "held talks with", "تحادث مع" and neither receiving nor visiting: no sign of who
    hosted."""
    roles: list[Role] = [p.role for p in m.participants]
    if m.modality != "in_person" or cues_in(ctx, "RECEPTION", lo, hi) \
            or cues_in(ctx, "VISIT", lo, hi) or not cues_in(ctx, "MEET", lo, hi):
        return roles
    named = {i for i, p in enumerate(m.participants) if name_at(ctx, p, lo, hi) is not None}
    return ["participant" if r != "attendee" and i in named else r for i, r in enumerate(roles)]


def no_sign_of_host(m: Meeting, ctx: Article, lo: int, hi: int) -> list[Role]:
    """Participants for host and guest of an in-person meeting that shows no sign of who
    hosted: no word of receiving, visiting or hosting in its clause ``[lo, hi)``, and no side
    in its own country there (the place's rule decides that case)."""
    roles: list[Role] = [p.role for p in m.participants]
    if m.modality != "in_person" or not any(r in ("host", "guest") for r in roles) \
            or cues_in(ctx, ("RECEPTION", "VISIT", "HOSTING"), lo, hi):
        return roles
    place = m.location.country if m.location is not None else None
    if place and any(p.country == place for p in m.participants):
        return roles
    return ["participant" if r in ("host", "guest") else r for r in roles]


def roles_by_place(
    roles: list[Role], countries: list[str | None], place: str, *, assign_hosts: bool = True
) -> list[Role]:
    """Host is who is at home: in a place of one side's country that side hosts; in a third
    country (a summit's sidelines) nobody does, however many sides meet there."""
    principals = [i for i, r in enumerate(roles) if r != "attendee"]
    known = [i for i in principals if countries[i] is not None]
    if len(known) < 2 or len(known) != len(principals):
        return roles
    home = [i for i in known if countries[i] == place]
    if len({countries[i] for i in known}) > 2 and home:
        return roles  # more than two sides, one at home: who hosts is not the place's to say
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


def fix_countries(m: Meeting, ctx: Article, lo: int) -> list[str | None]:
    """Each participant's country as a demonym just before their name gives it (searched from
    the end of the previous name, the clause's start ``lo`` for the first); a participant
    with an organization, or no demonym, keeps the model's."""
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
        # was told that President X..."). "Never mentions" can only be known in a language
        # whose tables write the model's country: elsewhere the model's country stands.
        if code is not None and person.organization is None and (
                person.country is None or (person.country in demonyms(ctx.language)
                                           and not _mentions_country(ctx, person.country))):
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


def fix_location(
    m: Meeting, ctx: Article, modality: Modality, lo: int, hi: int
) -> Location | None:
    """The model's place, checked against the article; a missing one stays missing
    (:func:`fill_location` is the rule that fills it).

    A small model transliterates badly ("Baniyork" for بنيويورك) and copies few-shot cities.
    Its city is kept when the article names it (in any form the gazetteer or GeoNames knows),
    when it is a city of the host's own country, or when it is a real city of a state that a
    participant represents or the article names ("the Qatari capital" is Doha: a model may
    know what the article implies). Otherwise the gazetteer city the clause names replaces
    it, or the place is dropped. A country given as the city is the place's country.
    """
    if modality in ("phone", "video"):
        return None
    loc = m.location
    if loc is None or loc.city is None:
        return loc
    state = to_country_code(loc.city) if world_city(loc.city) is None else None
    if state is not None:  # a country in the city's place ("Jordan"): the country, no city
        return Location(city=None, country=state)
    entry = _gazetteer_entry(loc.city)
    world = world_city(loc.city)
    forms = city_forms(ctx.language).get(entry[0], ("", ()))[1] if entry else ()
    is_venue = has_cue(fold(loc.city), table("VENUE"))
    country = entry[1] if entry else (world.country if world else None)
    at_home = country is not None and any(p.role == "host" and p.country == country
                                          for p in m.participants)
    if not is_venue and (at_home or find_span(ctx.folded, loc.city) is not None
                         or has_cue(ctx.folded, forms)
                         or (world is not None and named_in(ctx.folded, world))):
        # Named in the article, or a known city of the host's own country: "received in the
        # Great Hall of the People" is Beijing although the article never writes it.
        if country and loc.country is None:
            return Location(city=loc.city, country=country)
        return loc
    if not is_venue and country is not None and (
            any(p.country == country for p in m.participants)
            or _mentions_country(ctx, country)):
        # a real city of a state the article names: one it implies ("the Qatari capital"),
        # or names in a form no table holds; a city of no state the article names is a copy
        # (the few-shot example's Baghdad)
        return loc if loc.country else Location(city=loc.city, country=country)
    named = _city_in(ctx, lo, hi)
    if named is None and is_venue:
        named = _city_in(ctx, 0, min(len(ctx.text), 60))  # the dateline: "LISBON, March 4"
    if named is not None:
        return Location(city=named[0], country=named[1])
    return None


def fill_location(m: Meeting, ctx: Article, modality: Modality, lo: int, hi: int
                  ) -> Location | None:
    """A place for a record the model gave none: the gazetteer city its clause names, or a
    short article's only city."""
    loc = m.location
    if modality in ("phone", "video") or (loc is not None and loc.city is not None):
        return loc
    named = _city_in(ctx, lo, hi)
    if named is not None:  # the clause names the place the model left out
        return Location(city=named[0], country=named[1])
    only = _only_city(ctx) if loc is None else None
    if only is not None:  # a short article that names one city reports a meeting there
        return Location(city=only[0], country=only[1])
    return loc


def fix_date(m: Meeting, ctx: Article) -> str | None:
    """The model's date when the article backs it, else None: a small model copies the few-shot
    examples' dates, and the publication date onto meetings the article gives no day for.

    A day (``YYYY-MM-DD``) is backed when the article names it: its day of the month written
    as a number (with its year written, or close to the publication date), or a word for a day
    ("today", "yesterday", "on Monday") that the publication date resolves to it. A month or a
    year is backed when its year is written, or it is the publication's month."""
    if m.date is None:
        return None
    pub = _iso_day(ctx.published)
    if len(m.date) == 10:
        day = _iso_day(m.date)
        if day is None:
            return None
        near = pub is not None and abs((day - pub).days) <= _DATE_WINDOW_DAYS
        if _day_number_written(ctx.text, day.day) and (m.date[:4] in ctx.text or near):
            return m.date
        return m.date if pub is not None and _day_word_names(ctx, day, pub) else None
    if m.date[:4] in ctx.text:
        return m.date
    return m.date if ctx.published and m.date[:7] == ctx.published[:7] else None


def _iso_day(value: str | None) -> dt.date | None:
    if not value or len(value) < 10:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


_ARABIC_INDIC = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_RELATIVE = {0: "today", -1: "yesterday", 1: "tomorrow"}
_WEEKDAY_RANGE_DAYS = 7  # "on Monday" is a day of the week around the publication


def _day_number_written(text: str, number: int) -> bool:
    """Whether the day of the month is written as a number of its own ("7 نوفمبر", "le 12")."""
    return re.search(rf"(?<!\d)0?{number}(?!\d)", text.translate(_ARABIC_INDIC)) is not None


def _day_word_names(ctx: Article, day: dt.date, pub: dt.date) -> bool:
    """Whether the article has a word that, read against the publication date, gives ``day``:
    "today" / "yesterday" / "tomorrow" for the day itself, a weekday within a week of it."""
    offset = (day - pub).days
    words = days(ctx.language)
    keys = [_RELATIVE[offset]] if offset in _RELATIVE else []
    if abs(offset) <= _WEEKDAY_RANGE_DAYS:
        keys.append(_WEEKDAYS[day.weekday()])
    return any(has_cue(ctx.folded, words.get(key, ())) for key in keys)


def reports_contact(m: Meeting, ctx: Article, lo: int, hi: int) -> bool:
    """Whether the sentence ``[lo, hi)`` or the record's evidence has a word of contact (meet,
    visit, call, talks…): a record with none is a statement or a story, not a meeting."""
    spans = [(lo, hi)]
    if m.evidence_span is not None:
        spans.append((m.evidence_span.start, m.evidence_span.end))
    return any(has_contact_cue(ctx.folded, a, b, ctx.language) for a, b in spans)
