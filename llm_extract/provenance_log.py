"""A local SQLite record of every extraction the batch runner and the service make.

Why: a result file says what was found, but not what it cost or why an item failed a week
later. One row per extraction keeps the input hash, versions, model, endpoint, wire mode,
attempts, tokens, latency, status and the raw answer (the result JSON, or the last raw model
output of a failure), so runs can be audited and compared without re-running the model.

Secrets never reach the file: endpoint URLs (also the one inside a stored result) are kept
without user info or secret-looking query parameters (:func:`llm_extract.redaction.redact_url`),
the API key is never stored, and any configured secret value
that appears in a stored text (an error message, a raw answer) is replaced by ``[REDACTED]``
before the row is written.

The log is off unless asked for (``--log-db PATH``, or ``--log`` for the default
``<cache_dir>/provenance.sqlite``); ``llm-extract log`` reads and filters it. WAL mode lets the
service's worker threads write while ``llm-extract log`` reads.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llm_extract.errors import LLMExtractError
from llm_extract.inputs import InputFormat
from llm_extract.protocols import SupportsExtract
from llm_extract.redaction import redact_url
from llm_extract.schema import SCHEMA_VERSION, ExtractionResult
from llm_extract.settings import Settings

__all__ = [
    "DEFAULT_LOG_NAME",
    "LogRow",
    "ProvenanceLog",
    "default_log_path",
    "logged_extract",
]

DEFAULT_LOG_NAME = "provenance.sqlite"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS extractions (
    row_id            INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at        TEXT NOT NULL,
    item_id           TEXT,
    origin            TEXT NOT NULL,
    input_sha256      TEXT,
    prompt_version    TEXT,
    schema_version    TEXT,
    model             TEXT,
    endpoint          TEXT,
    endpoint_kind     TEXT,
    mode              TEXT,
    attempts          INTEGER NOT NULL DEFAULT 0,
    status            TEXT NOT NULL CHECK (status IN ('ok', 'error')),
    error_kind        TEXT,
    error_message     TEXT,
    raw_response      TEXT,
    prompt_tokens     INTEGER NOT NULL DEFAULT 0,
    completion_tokens INTEGER NOT NULL DEFAULT 0,
    latency_s         REAL
);
CREATE INDEX IF NOT EXISTS extractions_created ON extractions (created_at);
CREATE INDEX IF NOT EXISTS extractions_status ON extractions (status, created_at);
"""

_COLUMNS = (
    "row_id", "created_at", "item_id", "origin", "input_sha256", "prompt_version",
    "schema_version", "model", "endpoint", "endpoint_kind", "mode", "attempts", "status",
    "error_kind", "error_message", "raw_response", "prompt_tokens", "completion_tokens",
    "latency_s",
)


@dataclass(frozen=True)
class LogRow:
    """One stored extraction, as read back by :meth:`ProvenanceLog.query`."""

    row_id: int
    created_at: str
    item_id: str | None
    origin: str
    input_sha256: str | None
    prompt_version: str | None
    schema_version: str | None
    model: str | None
    endpoint: str | None
    endpoint_kind: str | None
    mode: str | None
    attempts: int
    status: str
    error_kind: str | None
    error_message: str | None
    raw_response: str | None
    prompt_tokens: int
    completion_tokens: int
    latency_s: float | None


def default_log_path(settings: Settings) -> Path:
    """Where ``--log`` and ``llm-extract log`` put and find the log: beside the model cache."""
    return settings.cache_dir / DEFAULT_LOG_NAME


def _sha256(text: str | bytes) -> str:
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    return hashlib.sha256(data).hexdigest()


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="milliseconds")


class ProvenanceLog:
    """An append-only SQLite log, safe to share between threads of one process.

    Args:
        path: the database file (created with its folder when missing).
        secrets: values to scrub from every stored text, e.g. the API key in use.
    """

    def __init__(self, path: Path, *, secrets: Iterable[str] = ()) -> None:
        self.path = path
        self._secrets = tuple(s for s in secrets if s)
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, timeout=30.0)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    @classmethod
    def for_settings(cls, path: Path, settings: Settings) -> ProvenanceLog:
        """A log that scrubs the API key of these settings from everything it stores."""
        key = settings.api_key.get_secret_value() if settings.api_key else ""
        return cls(path, secrets=[key])

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _scrub(self, value: str | None) -> str | None:
        if value is None:
            return None
        for secret in self._secrets:
            value = value.replace(secret, "[REDACTED]")
        return value

    def _insert(self, row: dict[str, Any]) -> None:
        for name in ("item_id", "endpoint", "error_message", "raw_response"):
            row[name] = self._scrub(row.get(name))
        sql = f"INSERT INTO extractions ({', '.join(row)}) VALUES ({', '.join('?' * len(row))})"
        with self._lock:
            self._db.execute(sql, tuple(row.values()))
            self._db.commit()

    def record_result(self, result: ExtractionResult, *, item_id: str | None, origin: str) -> None:
        """Store a successful extraction with its whole result JSON as the raw response."""
        p = result.provenance
        endpoint = redact_url(p.endpoint)
        safe_provenance = p.model_copy(update={"endpoint": endpoint})
        stored = result.model_copy(update={"provenance": safe_provenance})
        self._insert({
            "created_at": _now(), "item_id": item_id, "origin": origin,
            "input_sha256": p.input_sha256, "prompt_version": p.prompt_version,
            "schema_version": p.schema_version, "model": p.model,
            "endpoint": endpoint, "endpoint_kind": p.endpoint_kind, "mode": p.mode,
            "attempts": p.attempts, "status": "ok",
            "raw_response": stored.model_dump_json(),
            "prompt_tokens": p.usage.prompt_tokens,
            "completion_tokens": p.usage.completion_tokens, "latency_s": p.latency_s,
        })

    def record_error(
        self, exc: LLMExtractError, *, text: str | bytes | None, settings: Settings,
        item_id: str | None, origin: str, latency_s: float | None,
        prompt_version: str | None = None,
    ) -> None:
        """Store a failure; what the error does not know is taken from the settings used."""
        self._insert({
            "created_at": _now(), "item_id": item_id, "origin": origin,
            "input_sha256": _sha256(text) if text is not None else None,
            "prompt_version": prompt_version or settings.prompt_version,
            "schema_version": SCHEMA_VERSION, "model": settings.model,
            "endpoint": redact_url(settings.base_url) or "embedded",
            "endpoint_kind": "embedded" if settings.embedded else None,
            "mode": settings.mode, "attempts": exc.log.attempts, "status": "error",
            "error_kind": exc.kind, "error_message": exc.message,
            "raw_response": exc.log.last_raw_output,
            "prompt_tokens": exc.log.prompt_tokens,
            "completion_tokens": exc.log.completion_tokens, "latency_s": latency_s,
        })

    def query(
        self, *, status: str | None = None, since: str | None = None, model: str | None = None,
        item_id: str | None = None, limit: int | None = 50,
    ) -> list[LogRow]:
        """Rows newest first, filtered by status, earliest ISO time, model and item id."""
        where: list[str] = []
        params: list[Any] = []
        for column, value in (("status", status), ("model", model), ("item_id", item_id)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        if since is not None:
            where.append("created_at >= ?")
            params.append(since)
        sql = f"SELECT {', '.join(_COLUMNS)} FROM extractions"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY created_at DESC, row_id DESC"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(limit)
        with self._lock:
            rows: Sequence[tuple[Any, ...]] = self._db.execute(sql, params).fetchall()
        return [LogRow(*row) for row in rows]


def logged_extract(
    extractor: SupportsExtract,
    text: str | bytes,
    *,
    log: ProvenanceLog | None,
    item_id: str | None,
    origin: str,
    published: str | None = None,
    language: str | None = None,
    prompt_version: str | None = None,
    format: InputFormat = "auto",
) -> ExtractionResult:
    """``extractor.extract`` that also writes one log row, whatever the outcome.

    Only llm_extract errors are logged as failures; anything else (a bug, KeyboardInterrupt)
    propagates unrecorded, since it says nothing about the model or the input. ``format`` is
    passed on only when it is not the default "auto", so that an extractor written before
    formats existed keeps working on text (``protocols.SupportsExtract``). A failed page's row
    hashes its HTML, as a result's ``input_sha256`` does.
    """
    started = time.perf_counter()
    try:
        if format == "auto":
            result = extractor.extract(
                text, published=published, language=language, prompt_version=prompt_version
            )
        else:
            result = extractor.extract(
                text, published=published, language=language, prompt_version=prompt_version,
                format=format,
            )
    except LLMExtractError as exc:
        if log is not None:
            log.record_error(
                exc, text=text, settings=extractor.settings, item_id=item_id, origin=origin,
                latency_s=round(time.perf_counter() - started, 3), prompt_version=prompt_version,
            )
        raise
    if log is not None:
        log.record_result(result, item_id=item_id, origin=origin)
    return result
