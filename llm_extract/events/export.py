"""Writing the exports: CSV and Parquet tables, and PLOVER-style JSONL.

CSV is written with the standard library (UTF-8, a header, empty cell for null); Parquet with
pyarrow, the ``events`` extra, using the declared schema of :mod:`llm_extract.events.tables`
(column descriptions in the field metadata). Without pyarrow the Parquet files are skipped and
the caller is told, rather than failing the tables that need nothing.

The PLOVER-style line (one per event) follows the PLOVER event data model's shape: event type
``CONSULT``, a ``mode``, a ``source`` and ``target`` actor with country codes, the date, the
location and the ids of the articles (``source_ids``). Our mapping of ``mode``: a phone call is
``phone``; a video conference ``video`` (not a PLOVER mode: an extension); an in-person
contact with a host is ``host`` (source = the host, target = the guest); other in-person
contacts ``meet``; an unknown medium ``null``. Every participant is in ``actors``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from llm_extract._io import encode_result, replace_atomic
from llm_extract.events.cluster import Event
from llm_extract.events.consensus import Consensus
from llm_extract.events.tables import Table

__all__ = ["have_pyarrow", "plover_line", "write_csv", "write_jsonl", "write_parquet"]



def write_csv(table: Table, rows: Sequence[dict[str, Any]], path: Path) -> None:
    names = [c.name for c in table.columns]

    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8", newline="") as out:
            writer = csv.DictWriter(out, fieldnames=names)
            writer.writeheader()
            for row in rows:
                writer.writerow({k: ("" if row[k] is None else row[k]) for k in names})

    replace_atomic(path, write)  # a crash never leaves half a file


def have_pyarrow() -> bool:
    try:
        import pyarrow  # noqa: F401
    except ImportError:
        return False
    return True


def write_parquet(table: Table, rows: Sequence[dict[str, Any]], path: Path) -> None:
    """One Parquet file with the declared schema (raises ImportError without pyarrow)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    types = {"string": pa.string(), "int64": pa.int64(), "bool": pa.bool_()}
    schema = pa.schema(
        [pa.field(c.name, types[c.kind], metadata={"description": c.description})
         for c in table.columns],
        metadata={"table": table.name, "description": table.description},
    )
    data = pa.Table.from_pylist(list(rows), schema=schema)
    replace_atomic(path, lambda tmp: pq.write_table(data, tmp))


def write_jsonl(lines: Iterable[dict[str, Any]], path: Path) -> None:
    def write(tmp: Path) -> None:
        with tmp.open("w", encoding="utf-8") as out:
            for line in lines:
                out.write(encode_result("jsonl", line))

    replace_atomic(path, write)  # a crash never leaves half a file


def _mode(cons: Consensus) -> str | None:
    modality = cons.meeting.modality
    if modality in ("phone", "video"):
        return modality
    if modality == "in_person":
        return "host" if any(p.role == "host" for p in cons.meeting.participants) else "meet"
    return None


def _actor(actor_id: str | None, participant: Any) -> dict[str, Any]:
    return {"actor_id": actor_id, "name": participant.name, "country": participant.country,
            "organization": participant.organization, "role": participant.role,
            "title": participant.title}


def plover_line(event: Event, cons: Consensus) -> dict[str, Any]:
    """The PLOVER-style JSON object of one event."""
    m = cons.meeting
    actors = [_actor(a, p) for a, p in zip(cons.actors, m.participants, strict=True)]
    hosts = [a for a in actors if a["role"] == "host"]
    guests = [a for a in actors if a["role"] == "guest"]
    principals = [a for a in actors if a["role"] != "attendee"] or actors
    source = (hosts or principals)[0]
    target = next((a for a in guests + principals if a is not source), None)
    return {
        "id": event.id, "event": "CONSULT", "mode": _mode(cons), "status": m.status,
        "date": m.date,
        "source": source, "target": target, "actors": actors,
        "location": m.location.model_dump() if m.location else None,
        "source_ids": list(dict.fromkeys(x.article_id for x in event.mentions)),
        "mention_ids": [x.id for x in event.mentions],
        "outlets": sorted({x.outlet for x in event.mentions if x.outlet}),
        "conflicts": [c.to_dict() for c in cons.conflicts],
    }
