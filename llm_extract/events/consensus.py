"""The consensus record of an event: what most of its mentions say, and where they disagree.

Each field is voted over the mentions that state it (a null date, place or ``unknown``
medium is no vote); ties go to the value reported first. Disagreements are listed, not
hidden: a :class:`Conflict` names the field and which mentions said what. A date that only
refines another ("2025-03" and "2025-03-04") is no conflict; the most precise day wins. For
participants, the actors of all mentions are united; an unnamed participant ("the Iranian
ambassador") is the named actor of the same state when another mention names one, and each
participant's role is voted (a role conflict is listed too). Titles are voted silently, as
their wording varies without disagreeing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from llm_extract.events.actors import ActorRegistry, scope_of
from llm_extract.events.cluster import Event
from llm_extract.events.mentions import Mention
from llm_extract.schema import Location, Meeting, Participant
from llm_extract.text.normalize import normalize_name

__all__ = ["Conflict", "Consensus", "consensus"]

T = TypeVar("T", bound=Hashable)

_ROLE_ORDER = {"host": 0, "guest": 1, "participant": 2, "attendee": 3}


@dataclass(frozen=True)
class Conflict:
    """Mentions disagreeing on ``field``: each value with the ids of the mentions saying it."""

    field: str
    values: dict[str, list[str]]

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "values": self.values}


@dataclass
class Consensus:
    """The consensus record, the actor id of each of its participants, and the conflicts."""

    meeting: Meeting
    actors: list[str | None]
    conflicts: list[Conflict] = field(default_factory=list)
    support: list[int] = field(default_factory=list)  # mentions naming each participant


def _vote(votes: Sequence[tuple[T, str]], name: str,
          conflicts: list[Conflict], label: Callable[[T], str] = str) -> T | None:
    """The most frequent value (first reported wins a tie); a conflict when values differ."""
    if not votes:
        return None
    counts = Counter(v for v, _ in votes)
    top = max(counts.values())
    winner = next(v for v, _ in votes if counts[v] == top)
    if len(counts) > 1:
        said: dict[str, list[str]] = {}
        for value, mention in votes:
            said.setdefault(label(value), []).append(mention)
        conflicts.append(Conflict(name, said))
    return winner


def _date(mentions: Sequence[Mention], conflicts: list[Conflict]) -> str | None:
    votes = [(m.meeting.date, m.id) for m in mentions if m.meeting.date]
    if not votes:
        return None
    days = [(d, i) for d, i in votes if len(d) == 10]
    winner = _vote(days or votes, "date", [])
    assert winner is not None
    # A value that is a prefix of the winner (its month or year) agrees; any other disagrees.
    if any(not winner.startswith(d) for d, _ in votes):
        _vote(votes, "date", conflicts)
    return winner


def _location(mentions: Sequence[Mention], conflicts: list[Conflict]) -> Location | None:
    cities: dict[str, str] = {}
    city_votes: list[tuple[str, str]] = []
    country_votes: list[tuple[str, str]] = []
    for m in mentions:
        loc = m.meeting.location
        if loc and loc.city:
            key = normalize_name(loc.city)
            cities.setdefault(key, loc.city)
            city_votes.append((key, m.id))
        if loc and loc.country:
            country_votes.append((loc.country, m.id))
    city = _vote(city_votes, "location.city", conflicts, lambda k: cities[k])
    country = _vote(country_votes, "location.country", conflicts)
    if city is None and country is None:
        return None
    return Location(city=cities[city] if city else None, country=country)


@dataclass
class _Seat:
    """One consensus participant being assembled from the mentions."""

    actor: str | None
    scope: str
    forms: Counter[str] = field(default_factory=Counter)
    roles: list[tuple[str, str]] = field(default_factory=list)
    titles: list[tuple[str, str]] = field(default_factory=list)
    organizations: list[tuple[str, str]] = field(default_factory=list)
    mentions: set[str] = field(default_factory=set)

    def take(self, p: Participant, mention: str) -> None:
        self.forms.update(f for f in [p.name or "", *p.aliases] if f.strip())
        self.roles.append((p.role, mention))
        if p.title:
            self.titles.append((p.title, mention))
        if p.organization:
            self.organizations.append((p.organization, mention))
        self.mentions.add(mention)


def _seats(mentions: Sequence[Mention]) -> list[_Seat]:
    named: dict[str, _Seat] = {}
    unnamed: dict[str, _Seat] = {}
    later: list[tuple[Participant, Mention]] = []
    for m in mentions:
        for actor, p in zip(m.actors, m.meeting.participants, strict=True):
            if actor:
                named.setdefault(actor, _Seat(actor, scope_of(p))).take(p, m.id)
            else:
                later.append((p, m))
    for p, m in later:
        scope = scope_of(p)
        own = {a for a, q in zip(m.actors, m.meeting.participants, strict=True)
               if a and scope_of(q) == scope}
        # The named actor of that state, when exactly one the mention does not name itself.
        others = [s for s in named.values() if s.scope == scope and s.actor not in own]
        seat = others[0] if len(others) == 1 and scope != "?" else unnamed.setdefault(
            f"{scope}|{p.role}", _Seat(None, scope))
        seat.take(p, m.id)
    return list(named.values()) + list(unnamed.values())


def _participant(seat: _Seat, registry: ActorRegistry,
                 conflicts: list[Conflict]) -> Participant:
    actor = registry.actors.get(seat.actor) if seat.actor else None
    # The actor's display name, the same in every event; the event's own renderings are aliases.
    name = actor.name if actor else None
    label = f"participants[{seat.actor or seat.scope}].role"
    role = _vote(seat.roles, label, conflicts) or "participant"
    return Participant(
        name=name,
        aliases=[f for f, _ in seat.forms.most_common() if f != name],
        title=_vote(seat.titles, "title", []),
        organization=_vote(seat.organizations, "organization", []),
        country=seat.scope if len(seat.scope) == 2 else None,
        role=role,
    )


def _topics(mentions: Sequence[Mention]) -> list[str]:
    first: dict[str, str] = {}
    counts: Counter[str] = Counter()
    for m in mentions:
        for topic in dict.fromkeys(t for t in m.meeting.topics if t.strip()):
            key = normalize_name(topic)
            first.setdefault(key, topic)
            counts[key] += 1
    return [first[k] for k, _ in counts.most_common()]


def consensus(event: Event, registry: ActorRegistry) -> Consensus:
    """The consensus record of ``event`` with its conflicts."""
    mentions = event.mentions
    conflicts: list[Conflict] = []
    status = _vote([(m.meeting.status, m.id) for m in mentions], "status", conflicts)
    modality = _vote([(m.meeting.modality, m.id) for m in mentions
                      if m.meeting.modality != "unknown"], "modality", conflicts)
    date = _date(mentions, conflicts)
    location = _location(mentions, conflicts)
    seats = sorted(_seats(mentions), key=lambda s: (
        _ROLE_ORDER.get(Counter(r for r, _ in s.roles).most_common(1)[0][0], 9),
        -len(s.mentions)))
    people = [_participant(s, registry, conflicts) for s in seats]
    meeting = Meeting(status=status or "held", modality=modality or "unknown", date=date,
                      location=location, participants=people, topics=_topics(mentions))
    return Consensus(meeting, [s.actor for s in seats], conflicts,
                     [len(s.mentions) for s in seats])
