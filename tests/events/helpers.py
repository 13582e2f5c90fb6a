"""Invented records for the events tests: small builders, and the committed gold corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "events_corpus"


def person(name: str | None, country: str | None, role: str = "participant",
           aliases: tuple[str, ...] = (), title: str | None = None) -> dict[str, Any]:
    return {"name": name, "aliases": list(aliases), "title": title, "organization": None,
            "country": country, "role": role}


def record(*people: dict[str, Any], date: str | None = "2026-03-10", modality: str = "in_person",
           status: str = "held", city: str | None = "Baghdad", country: str | None = "IQ",
           evidence: str | None = None) -> dict[str, Any]:
    location = None if city is None and country is None else {"city": city, "country": country}
    return {"status": status, "modality": modality, "date": date, "location": location,
            "participants": list(people), "topics": [], "evidence": evidence}


def gold_line(ident: str, *meetings: dict[str, Any], published: str | None = "2026-03-10",
              language: str = "en", outlet: str | None = None) -> dict[str, Any]:
    return {"id": ident, "published": published, "language": language, "outlet": outlet,
            "meetings": list(meetings)}


def batch_line(ident: str, *meetings: dict[str, Any], source: str | None = None,
               published: str | None = "2026-03-10", language: str = "en") -> dict[str, Any]:
    """A line as ``llm-extract batch`` writes it."""
    provenance = {"prompt_version": "v1", "model": "fake", "endpoint": "http://fake/v1",
                  "endpoint_kind": "fake", "mode": "json_schema", "attempts": 1,
                  "latency_s": 0.1, "input_sha256": "0" * 64, "language": language,
                  "published": published, "created_at": "2026-03-10T00:00:00Z",
                  "library_version": "0.1.0"}
    return {"id": ident, "source": source, "status": "ok", "error": None,
            "result": {"meetings": list(meetings), "flags": [], "provenance": provenance}}


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False))
                            + "\n" for r in rows), encoding="utf-8")
    return path


def gold_clusters() -> dict[str, str]:
    clusters = json.loads((CORPUS / "clusters.json").read_text(encoding="utf-8"))
    return {m: event for event, ms in clusters.items() for m in ms}
