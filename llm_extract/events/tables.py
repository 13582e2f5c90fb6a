"""The exported tables: their documented columns and their rows.

One declaration per table (:data:`TABLES`) drives the CSV header, the Parquet schema (with each
column's description in the field metadata) and ``docs/events.md`` (a test keeps the document
and these declarations in step), so a column cannot change in one export and not the others.
List-valued cells (renderings, actor ids, outlets) are joined with ``"; "`` in both formats,
so a CSV and a Parquet file read into the same frame.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from llm_extract.events.actors import ActorRegistry, scope_of
from llm_extract.events.cluster import Event
from llm_extract.events.consensus import Consensus

__all__ = ["TABLES", "Column", "Table", "rows"]

SEP = "; "
Kind = Literal["string", "int64", "bool"]


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind
    description: str


@dataclass(frozen=True)
class Table:
    name: str
    description: str
    columns: tuple[Column, ...]


def _s(name: str, description: str) -> Column:
    return Column(name, "string", description)


def _i(name: str, description: str) -> Column:
    return Column(name, "int64", description)


EVENTS = Table("events", "One row per event (one contact, however many articles report it).", (
    _s("event_id", "Stable id: E + 12 hex digits of the first mention's id."),
    _s("status", "Consensus status: held, planned, postponed or cancelled."),
    _s("modality", "Consensus medium: in_person, video, phone or unknown."),
    _s("date", "Consensus date, ISO YYYY-MM-DD, YYYY-MM or YYYY; null when no mention dates it."),
    _s("city", "Consensus city of the meeting (English), null for calls or when unstated."),
    _s("country", "Consensus ISO 3166-1 alpha-2 country of the meeting place."),
    _i("n_mentions", "Records (mentions) in the event."),
    _i("n_articles", "Distinct articles reporting it."),
    _i("n_outlets", "Distinct outlets reporting it (0 when the input names none)."),
    _s("outlets", "The outlets, '; '-joined."),
    _s("languages", "Languages of the reporting articles, '; '-joined."),
    _s("first_published", "Earliest publication date among the articles, if known."),
    _s("last_published", "Latest publication date among the articles, if known."),
    _s("actor_ids", "Actor ids of the named participants, '; '-joined (see actors)."),
    _s("participants", "Display names of the participants ('(unnamed)' when none), '; '-joined."),
    _s("participant_countries", "ISO codes of the states the participants represent."),
    _s("topics", "Topics, most reported first, '; '-joined."),
    _i("n_conflicts", "Fields on which the mentions disagree."),
    _s("conflict_fields", "Those fields, '; '-joined (details in events.jsonl)."),
))
PARTICIPANTS = Table("participants", "One row per person per event (the consensus record's).", (
    _s("event_id", "The event."),
    _s("actor_id", "The actor (one person across articles); null for an unnamed participant."),
    _s("name", "Display name in this event; null when unnamed."),
    _s("renderings", "Every rendering of the name in this event's mentions, '; '-joined."),
    _s("role", "Consensus role: host, guest, attendee or participant."),
    _s("title", "Most reported office, short English."),
    _s("organization", "International organization, if the person represents one."),
    _s("country", "ISO 3166-1 alpha-2 of the state the person represents."),
    _i("n_mentions", "Mentions of the event that include this person."),
    Column("role_conflict", "bool", "Whether the mentions disagree on the role."),
))
MENTIONS = Table("mentions", "One row per record of one article, as extracted.", (
    _s("mention_id", "ARTICLE_ID#INDEX: the record's index in its article's result."),
    _s("event_id", "The event it reports."),
    _s("article_id", "The article (the batch line's id)."),
    _i("record_index", "Index of the record in the article's meetings."),
    _s("outlet", "The outlet, when the input gives one."),
    _s("source", "The batch line's source (file, or FILE.jsonl:LINE)."),
    _s("batch", "File name of the batch output the mention was read from."),
    _s("published", "Publication date of the article, if known."),
    _s("language", "Language of the article, if known."),
    _s("status", "Status as extracted."),
    _s("modality", "Medium as extracted."),
    _s("date", "Date as extracted."),
    _s("city", "City as extracted."),
    _s("country", "Place country as extracted."),
    _s("participants", "Names as extracted ('(unnamed)' for none), '; '-joined."),
    _s("actor_ids", "Actor id per participant ('-' for an unnamed one), '; '-joined."),
    _s("evidence", "The verbatim excerpt of the article that reports the record."),
    _i("evidence_start", "Offset of the evidence in the article (code points), if known."),
    _i("evidence_end", "End offset (exclusive) of the evidence, if known."),
))
ACTORS = Table("actors", "One row per actor: a person matched across articles and scripts.", (
    _s("actor_id", "Stable id: A + 10 hex digits."),
    _s("name", "Display name: the fullest rendering without a title."),
    _s("country", "ISO 3166-1 alpha-2 of the state the person represents."),
    _s("organization", "International organization, for its officials."),
    _s("renderings", "Every rendering seen (scripts, titles, short forms), most frequent first."),
    _i("n_renderings", "How many distinct renderings."),
    _i("n_events", "Events the actor takes part in."),
    _i("n_mentions", "Mentions naming the actor."),
))
TABLES: tuple[Table, ...] = (EVENTS, PARTICIPANTS, MENTIONS, ACTORS)


def _join(values: Any) -> str:
    return SEP.join(dict.fromkeys(str(v) for v in values if v))


def _event_row(event: Event, cons: Consensus) -> dict[str, Any]:
    m = cons.meeting
    published = sorted(x.published[:10] for x in event.mentions if x.published)
    return {
        "event_id": event.id, "status": m.status, "modality": m.modality, "date": m.date,
        "city": m.location.city if m.location else None,
        "country": m.location.country if m.location else None,
        "n_mentions": len(event.mentions),
        "n_articles": len({x.article_id for x in event.mentions}),
        "n_outlets": len({x.outlet for x in event.mentions if x.outlet}),
        "outlets": _join(sorted({x.outlet for x in event.mentions if x.outlet})),
        "languages": _join(sorted({x.language for x in event.mentions if x.language})),
        "first_published": published[0] if published else None,
        "last_published": published[-1] if published else None,
        "actor_ids": _join(cons.actors),
        "participants": _join(p.name or "(unnamed)" for p in m.participants),
        "participant_countries": _join(sorted({p.country for p in m.participants if p.country})),
        "topics": _join(m.topics),
        "n_conflicts": len(cons.conflicts),
        "conflict_fields": _join(c.field for c in cons.conflicts),
    }


def _participant_rows(event: Event, cons: Consensus) -> Iterator[dict[str, Any]]:
    fields = {c.field for c in cons.conflicts}
    for actor, support, p in zip(cons.actors, cons.support, cons.meeting.participants,
                                 strict=True):
        yield {
            "event_id": event.id, "actor_id": actor, "name": p.name,
            "renderings": _join([p.name, *p.aliases]), "role": p.role, "title": p.title,
            "organization": p.organization, "country": p.country, "n_mentions": support,
            "role_conflict": f"participants[{actor or scope_of(p)}].role" in fields,
        }


def _mention_rows(event: Event) -> Iterator[dict[str, Any]]:
    for x in event.mentions:
        m = x.meeting
        span = m.evidence_span
        yield {
            "mention_id": x.id, "event_id": event.id, "article_id": x.article_id,
            "record_index": x.index, "outlet": x.outlet, "source": x.source, "batch": x.batch,
            "published": x.published, "language": x.language, "status": m.status,
            "modality": m.modality, "date": m.date,
            "city": m.location.city if m.location else None,
            "country": m.location.country if m.location else None,
            "participants": SEP.join(p.name or "(unnamed)" for p in m.participants),
            "actor_ids": SEP.join(a or "-" for a in x.actors),
            "evidence": m.evidence,
            "evidence_start": span.start if span else None,
            "evidence_end": span.end if span else None,
        }


def _actor_rows(events: dict[str, Event], registry: ActorRegistry) -> Iterator[dict[str, Any]]:
    in_events: dict[str, set[str]] = {}
    in_mentions: dict[str, int] = {}
    for event in events.values():
        for x in event.mentions:
            for ident in {a for a in x.actors if a}:
                in_events.setdefault(ident, set()).add(event.id)
                in_mentions[ident] = in_mentions.get(ident, 0) + 1
    for actor in registry.actors.values():
        yield {
            "actor_id": actor.id, "name": actor.name, "country": actor.country,
            "organization": actor.organization,
            "renderings": _join(f for f, _ in actor.renderings.most_common()),
            "n_renderings": len(actor.renderings),
            "n_events": len(in_events.get(actor.id, ())),
            "n_mentions": in_mentions.get(actor.id, 0),
        }


def rows(events: dict[str, Event], consensus_of: dict[str, Consensus],
         registry: ActorRegistry) -> dict[str, list[dict[str, Any]]]:
    """The rows of every table, keyed by table name, events in their order of creation."""
    out: dict[str, list[dict[str, Any]]] = {t.name: [] for t in TABLES}
    for event in events.values():
        cons = consensus_of[event.id]
        out["events"].append(_event_row(event, cons))
        out["participants"].extend(_participant_rows(event, cons))
        out["mentions"].extend(_mention_rows(event))
    out["actors"].extend(_actor_rows(events, registry))
    return out
