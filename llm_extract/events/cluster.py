"""Clustering mentions into events: one event per contact, however many outlets report it.

Online and greedy, so that a new batch only adds: each mention is compared with the events
that share one of its actors (or, for a record naming nobody, its states) in the weeks its
day may fall in (an index by key and week keeps this cheap on large corpora), and joins the
best compatible one, else starts a new event. A mention and an event are compatible when

* they share enough parties: two, or one when either side has only one (a named actor
  matches its actor; an unnamed participant matches a party of the same state or body);
* the medium agrees (``unknown`` agrees with any);
* their days are within ``window`` days (:mod:`llm_extract.events.dates`; a day named by the
  record must be near *every* day the event's mentions name, so events do not drift);
* the places do not contradict (another city, or another country);
* the event has no mention of the same article: by the guidelines, two records of one
  article are two contacts ("met A, then B"; a call and a visit).

A record whose day cannot be placed at all (no date, and no publication date) stays an event
of its own: "the same day" cannot be shown, and a wrong merge is worse than a missed one.

Status is not a criterion: "will meet on Monday" and "met on Monday" are one contact, and a
disagreement is listed in the consensus. Between events that fit equally well, the one created
first wins, so the result depends on the order of the input only, not on how it is indexed.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from llm_extract.events.actors import ActorRegistry, scope_of
from llm_extract.events.dates import DayRange, day_range
from llm_extract.events.mentions import Mention
from llm_extract.text.normalize import normalize_name

__all__ = ["Event", "EventSet"]

DEFAULT_WINDOW_DAYS = 1
_WEEK = 7   # the candidate index is by week...
_WIDE = 62  # ...except for a mention whose days span more (a month, a year): unindexed by week


@dataclass(frozen=True)
class _Party:
    actor: str | None
    scope: str


def _parties(mention: Mention) -> list[_Party]:
    """The parties that can be matched: actors, and unnamed people of a known state or body."""
    parties = (_Party(actor, scope_of(p))
               for actor, p in zip(mention.actors, mention.meeting.participants, strict=True))
    return [p for p in parties if p.actor or p.scope != "?"]


def _city(mention: Mention) -> str | None:
    location = mention.meeting.location
    return normalize_name(location.city) if location and location.city else None


@dataclass
class Event:
    """One contact and the mentions that report it, with the profile used to match more."""

    id: str
    mentions: list[Mention] = field(default_factory=list)
    actors: set[str] = field(default_factory=set)
    scopes: Counter[str] = field(default_factory=Counter)
    unnamed: Counter[str] = field(default_factory=Counter)  # unnamed parties per scope
    exact_days: set[int] = field(default_factory=set)
    ranges: list[DayRange] = field(default_factory=list)
    modalities: set[str] = field(default_factory=set)
    cities: set[str] = field(default_factory=set)
    countries: set[str] = field(default_factory=set)
    size: int = 0  # the most parties any one mention gives
    articles: set[str] = field(default_factory=set)

    def add(self, mention: Mention) -> None:
        self.mentions.append(mention)
        self.articles.add(mention.article_id)
        parties = _parties(mention)
        self.size = max(self.size, len(parties))
        self.actors.update(p.actor for p in parties if p.actor)
        self.scopes.update({p.scope for p in parties})
        for scope, n in Counter(p.scope for p in parties if not p.actor).items():
            self.unnamed[scope] = max(self.unnamed[scope], n)
        days = day_range(mention.meeting, mention.published)
        if days is not None:
            self.ranges.append(days)
            if days.exact:
                self.exact_days.add(days.lo)
        if mention.meeting.modality != "unknown":
            self.modalities.add(mention.meeting.modality)
        city = _city(mention)
        if city:
            self.cities.add(city)
        location = mention.meeting.location
        if location and location.country:
            self.countries.add(location.country)

    def _shared(self, parties: list[_Party]) -> int:
        named = sum(1 for p in parties if p.actor and p.actor in self.actors)
        # An unnamed participant ("the Iranian ambassador") matches a party of the same state
        # in the event, and a named one the event has only unnamed of its state.
        unnamed = Counter(p.scope for p in parties if not p.actor)
        new = Counter(p.scope for p in parties if p.actor and p.actor not in self.actors)
        return (named + sum(min(n, self.scopes[s]) for s, n in unnamed.items())
                + sum(min(n, self.unnamed[s]) for s, n in new.items()))

    def _days_agree(self, days: DayRange | None, window: int) -> bool:
        if days is None or not self.ranges:  # no day known on one side: not the same day
            return False
        if days.exact and self.exact_days:
            return all(abs(days.lo - d) <= window for d in self.exact_days)
        return all(days.near(r, window) for r in self.ranges)

    def score(self, mention: Mention, window: int) -> float | None:
        """How well ``mention`` fits (higher is better); None when it is another contact.

        The cheap tests (article, medium, day, place) come before counting shared parties.
        """
        if mention.article_id in self.articles:
            return None
        modality = mention.meeting.modality
        if modality != "unknown" and self.modalities and modality not in self.modalities:
            return None
        days = day_range(mention.meeting, mention.published)
        if not self._days_agree(days, window):
            return None
        city = _city(mention)
        if city and self.cities and city not in self.cities:
            return None
        location = mention.meeting.location
        if location and location.country and self.countries and (
                location.country not in self.countries):
            return None
        parties = _parties(mention)
        shared = self._shared(parties)
        if shared < min(2, len(parties), self.size) or shared == 0:
            return None
        fit = shared / max(len(parties), self.size)
        if days is not None and days.exact and days.lo in self.exact_days:
            fit += 0.5
        if city and city in self.cities:
            fit += 0.25
        return fit


def event_id(first: Mention) -> str:
    """``E`` + a hash of the first mention's id: stable when later batches add mentions."""
    return "E" + hashlib.sha1(first.id.encode()).hexdigest()[:12]


class EventSet:
    """The events of a corpus and the actor registry they share; grows mention by mention."""

    def __init__(self, window_days: int = DEFAULT_WINDOW_DAYS,
                 registry: ActorRegistry | None = None) -> None:
        self.window = window_days
        self.registry = registry if registry is not None else ActorRegistry()
        self.events: dict[str, Event] = {}
        self.mention_ids: set[str] = set()
        # key (an actor id, or a scope for records naming nobody) -> week -> event ids; events
        # whose days are unknown or span more than _WIDE days are under week None.
        self._index_of: dict[str, dict[int | None, dict[str, None]]] = {}
        self._created: dict[str, int] = {}  # event id -> its rank of creation (for ties)

    @staticmethod
    def _keys(mention: Mention) -> list[str]:
        actors = [a for a in mention.actors if a]
        return actors or [f"scope:{scope_of(p)}" for p in mention.meeting.participants]

    @staticmethod
    def _weeks(days: DayRange | None, margin: int) -> list[int | None]:
        if days is None or days.hi - days.lo > _WIDE:
            return [None]
        return list(range((days.lo - margin) // _WEEK, (days.hi + margin) // _WEEK + 1))

    def _candidates(self, mention: Mention) -> list[str]:
        """Events sharing a key with ``mention`` in the weeks its days may fall in."""
        days = day_range(mention.meeting, mention.published)
        weeks = self._weeks(days, self.window)
        seen: dict[str, None] = {}
        for key in self._keys(mention):
            by_week = self._index_of.get(key, {})
            if weeks == [None]:  # no days known, or too many: every event of that key
                for ids in by_week.values():
                    seen.update(ids)
                continue
            for week in [*weeks, None]:
                seen.update(by_week.get(week, {}))
        return list(seen)

    def _index(self, event: Event, mention: Mention) -> None:
        weeks = self._weeks(day_range(mention.meeting, mention.published), 0)
        keys = [a for a in mention.actors if a]
        keys += [f"scope:{scope_of(p)}" for p in mention.meeting.participants]
        for key in dict.fromkeys(keys):
            by_week = self._index_of.setdefault(key, {})
            for week in weeks:
                by_week.setdefault(week, {})[event.id] = None

    def _resolve(self, mention: Mention) -> list[str | None]:
        """The actor of each participant; a surname alone that several actors share is
        resolved among the actors of the events that the record's other actors are in."""
        people = mention.meeting.participants
        found = [self.registry.find(p, mention.language) for p in people]
        context: set[str] = set()
        if any(isinstance(f, frozenset) for f in found):
            mention.actors = [f if isinstance(f, str) else None for f in found]
            for ident in self._candidates(mention):
                context |= self.events[ident].actors
        return [self.registry.resolve(p, mention.language, context) for p in people]

    def place(self, mention: Mention, *, resolved: bool = False) -> Event | None:
        """Put ``mention`` in its event; None when a mention of that id is already placed.

        ``resolved`` says ``mention.actors`` is already filled (a mention read back from a
        saved event set), so the registry is not consulted again.
        """
        if mention.id in self.mention_ids:
            return None
        if not resolved:
            mention.actors = self._resolve(mention)
        best: tuple[float, int, str] | None = None
        for ident in self._candidates(mention):
            fit = self.events[ident].score(mention, self.window)
            rank = (fit, -self._created[ident], ident) if fit is not None else None
            if rank is not None and (best is None or rank > best):
                best = rank
        event = self.events[best[2]] if best else Event(event_id(mention))
        self._created.setdefault(event.id, len(self._created))
        self.events[event.id] = event
        event.add(mention)
        self.mention_ids.add(mention.id)
        self._index(event, mention)
        return event

    def add(self, mentions: Iterable[Mention]) -> int:
        """Place every mention; the number of new ones (a mention id already placed is not)."""
        return sum(self.place(m) is not None for m in mentions)

    def restore(self, event_id_: str, mentions: Iterable[Mention]) -> None:
        """Put saved mentions back into their saved event, without clustering them again."""
        event = self.events.setdefault(event_id_, Event(event_id_))
        self._created.setdefault(event_id_, len(self._created))
        for mention in mentions:
            event.add(mention)
            self.mention_ids.add(mention.id)
            self._index(event, mention)
