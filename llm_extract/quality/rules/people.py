"""Who the participants are: persons by their bare names, of the state they represent.

A small model glues titles to names ("US President Donald Trump") and gives a country or an
organization as a person ("Egypt", "NATO", "other officials"). The guidelines want ``name``
as the person's name (``null`` if unnamed), participants that are persons (unnamed delegations
are left out), and ``country`` the state the person represents; these rules enforce that from
the names and the demonyms of the record's sentence.
"""

from __future__ import annotations

from llm_extract.quality.readers import fix_countries
from llm_extract.quality.registry import Candidate, per_record
from llm_extract.quality.rules._edit import flag_change
from llm_extract.schema import Flag, Meeting, Participant, Span
from llm_extract.text.article import Article
from llm_extract.text.cues import table
from llm_extract.text.names import country_as_name, strip_titles
from llm_extract.text.normalize import find_all, normalize_name

__all__ = ["country_from_demonym", "no_institutions", "titles_off_names"]

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


@per_record
def titles_off_names(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """Names without the titles a model glues on ("US President Donald Trump" is "Donald
    Trump"); a country given as a name is an unnamed participant of that country
    (GUIDELINES: ``name`` is the person's name, ``null`` if unnamed)."""
    if rec.anchor is None:
        return [rec]
    return [rec.with_meeting(_untitle(rec.meeting, art, rec.path, flags))]


@per_record
def no_institutions(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
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
def country_from_demonym(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A demonym right before a name ("Iranian Deputy Interior Minister X") decides the state
    the person represents (GUIDELINES: participant ``country``)."""
    if rec.anchor is None:
        return [rec]
    m = rec.meeting
    countries = fix_countries(m, art, rec.anchor[0])
    people = list(m.participants)
    for j, (p, country) in enumerate(zip(m.participants, countries, strict=True)):
        if country != p.country:
            flag_change(flags, f"{rec.path}.participants[{j}]", "country", p.country, country)
            people[j] = p.model_copy(update={"country": country})
    return [rec.with_meeting(m.model_copy(update={"participants": people}))]
