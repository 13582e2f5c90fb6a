"""The contact-network page of an events folder (``llm-extract events`` output).

What the page shows is decided here: each event's consensus and its mentions side by side,
the actor table with every rendering, and one JSON document the page script draws the network
and the timeline from (nodes placed by :mod:`llm_extract.report.events.layout`, one entry per event
with its day, medium and the people and states it joins). The script only filters and draws,
so the figures the browser tests check are the ones computed here.
"""

from __future__ import annotations

import itertools
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from llm_extract.errors import InputError
from llm_extract.events import Actor, Consensus, Event, Mention, consensus, load_events
from llm_extract.events.store import FORMAT
from llm_extract.report._page import direction
from llm_extract.report.events.layout import layout
from llm_extract.text.countries import country_name

__all__ = ["EventView", "EventsPage", "is_events_folder", "load_events_page"]

MEDIA = ("in_person", "video", "phone", "unknown")


def is_events_folder(path: Path) -> bool:
    """Whether ``path`` is a folder written by ``llm-extract events``."""
    try:
        manifest = json.loads((path / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and manifest.get("format") == FORMAT


@dataclass
class MentionView:
    mention: Mention
    dir: str


@dataclass
class EventView:
    """One event: its consensus, its mentions (side by side on the page) and filter keys."""

    event: Event
    agreed: Consensus
    mentions: list[MentionView]
    countries: list[str]
    people: list[str]

    @property
    def title(self) -> str:
        return " – ".join(p.name or f"(unnamed, {p.country or '?'})"
                          for p in self.agreed.meeting.participants)


@dataclass
class EventsPage:
    folder: Path
    events: list[EventView]
    actors: list[tuple[Actor, int]]
    data: dict[str, Any]
    counts: dict[str, int] = field(default_factory=dict)
    countries: list[str] = field(default_factory=list)


def _pairs(nodes: list[str]) -> list[tuple[str, str]]:
    return [(a, b) if a < b else (b, a) for a, b in itertools.combinations(sorted(set(nodes)), 2)]


def _nodes(agreed: Consensus) -> tuple[list[str], list[str]]:
    """The people (actor ids) and the states (ISO codes, or org: scopes) an event joins,
    attendees included: they were in the room too."""
    people = [a for a in agreed.actors if a]
    states = []
    for p in agreed.meeting.participants:
        scope = p.country or (f"org:{p.organization}" if p.organization else None)
        if scope:
            states.append(scope)
    return people, list(dict.fromkeys(states))


def _network_data(views: list[EventView], actors: dict[str, Actor]) -> dict[str, Any]:
    people_w: Counter[tuple[str, str]] = Counter()
    states_w: Counter[tuple[str, str]] = Counter()
    entries: list[dict[str, Any]] = []
    for v in views:
        people, states = _nodes(v.agreed)
        people_w.update(_pairs(people))
        states_w.update(_pairs(states))
        m = v.agreed.meeting
        entries.append({"id": v.event.id, "date": m.date, "medium": m.modality,
                        "status": m.status, "title": v.title, "countries": v.countries,
                        "people": people, "states": states})
    used_people = sorted({a for e in entries for a in e["people"]})
    used_states = sorted({s for e in entries for s in e["states"]})
    where = layout(used_people, people_w, {a: actors[a].scope for a in used_people})
    where_states = layout(used_states, states_w)
    return {
        "media": list(MEDIA),
        "people": {a: {"label": actors[a].name, "country": actors[a].country or "",
                       "renderings": list(actors[a].renderings), "x": where[a][0],
                       "y": where[a][1]} for a in used_people},
        "states": {s: {"label": s if s.startswith("org:") else f"{s} ({country_name(s) or '?'})",
                       "country": s, "renderings": [], "x": where_states[s][0],
                       "y": where_states[s][1]} for s in used_states},
        "events": entries,
    }


def load_events_page(folder: Path) -> EventsPage:
    """Read an events folder into what the page shows."""
    if not is_events_folder(folder):
        raise InputError(f"{folder} is not an llm-extract events folder (no manifest.json)")
    events, _ = load_events(folder)
    views: list[EventView] = []
    for event in events.events.values():
        agreed = consensus(event, events.registry)
        countries = sorted({p.country for p in agreed.meeting.participants if p.country})
        shown = [MentionView(m, direction(m.language, m.meeting.evidence))
                 for m in event.mentions]
        views.append(EventView(event, agreed, shown, countries,
                               [a for a in agreed.actors if a]))
    views.sort(key=lambda v: (v.agreed.meeting.date or "9999", v.event.id))
    in_events: Counter[str] = Counter(a for v in views for a in set(v.people))
    actors = sorted(((a, in_events[a.id]) for a in events.registry.actors.values()),
                    key=lambda pair: (-pair[1], pair[0].name))
    mentions = [m for v in views for m in v.event.mentions]
    counts = {
        "events": len(views), "mentions": len(mentions),
        "articles": len({m.article_id for m in mentions}),
        "outlets": len({m.outlet for m in mentions if m.outlet}),
        "actors": len(events.registry.actors),
        "events with conflicts": sum(bool(v.agreed.conflicts) for v in views),
    }
    countries = sorted({c for v in views for c in v.countries})
    data = _network_data(views, events.registry.actors)
    return EventsPage(folder, views, actors, data, counts, countries)


def data_json(page: EventsPage) -> str:
    """The page data as JSON that is safe inside a ``<script>`` element: every ``<`` is
    written ``\\u003c``, so no name can close the element or open a comment in it."""
    text = json.dumps(page.data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c")
