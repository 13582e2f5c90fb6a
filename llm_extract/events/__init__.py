"""From records to events: one event per contact across outlets and languages, and exports.

    >>> from llm_extract.events import update_events
    >>> update_events([Path("monday.jsonl"), Path("tuesday.jsonl")], Path("events/"))

Layers: :mod:`~llm_extract.events.mentions` reads batch or gold-form JSONL into mentions,
:mod:`~llm_extract.events.actors` (with :mod:`~llm_extract.events.skeleton`) makes one actor of
a person's renderings across scripts, :mod:`~llm_extract.events.cluster` groups mentions into
events, :mod:`~llm_extract.events.consensus` votes each event's record and lists conflicts,
:mod:`~llm_extract.events.tables` and :mod:`~llm_extract.events.export` write the documented
tables (CSV, Parquet) and PLOVER-style JSONL, and :mod:`~llm_extract.events.store` keeps the
folder that incremental updates start from. The schemas are in ``docs/events.md``.
"""

from llm_extract.events.actors import Actor, ActorRegistry
from llm_extract.events.cluster import Event, EventSet
from llm_extract.events.consensus import Conflict, Consensus, consensus
from llm_extract.events.mentions import EventsInputError, Mention, ReadStats, read_mentions
from llm_extract.events.store import UpdateSummary, load_events, save_events, update_events
from llm_extract.events.tables import TABLES

__all__ = [
    "TABLES",
    "Actor",
    "ActorRegistry",
    "Conflict",
    "Consensus",
    "Event",
    "EventSet",
    "EventsInputError",
    "Mention",
    "ReadStats",
    "UpdateSummary",
    "consensus",
    "load_events",
    "read_mentions",
    "save_events",
    "update_events",
]
