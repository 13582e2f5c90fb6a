"""The provenance log: one row per extraction, filters, the ``log`` command, no secrets."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from pathlib import Path

import pytest

from llm_extract.batch import run_batch
from llm_extract.cli import main
from llm_extract.cli.log import parse_since
from llm_extract.errors import AttemptLog, ConfigurationError, ExtractionFailedError
from llm_extract.provenance_log import ProvenanceLog
from llm_extract.settings import Settings

from .batch_helpers import ScriptedExtractor, article, write_folder

PLANTED = "sk-PLANTED-4f9c2e7a1b"


def _run_logged(tmp_path: Path, extractor: ScriptedExtractor, count: int = 4) -> Path:
    folder, db = tmp_path / "in", tmp_path / "prov.sqlite"
    write_folder(folder, count)
    log = ProvenanceLog.for_settings(db, extractor.settings)
    run_batch(folder, tmp_path / "out.jsonl", extractor, log=log, progress=None)
    log.close()
    return db


def _failing(text: str) -> ExtractionFailedError | None:
    if text != article(1):
        return None
    return ExtractionFailedError(
        "validation failed 2 times",
        log=AttemptLog(attempts=2, last_raw_output='{"meetings": [{"status": "met"}]}',
                       prompt_tokens=300, completion_tokens=40),
    )


def test_batch_writes_one_row_per_extraction(tmp_path: Path) -> None:
    db = _run_logged(tmp_path, ScriptedExtractor(fail=_failing))
    log = ProvenanceLog(db)
    rows = log.query(limit=None)
    log.close()
    assert len(rows) == 4
    by_id = {row.item_id: row for row in rows}
    ok = by_id["story-000"]
    assert (ok.status, ok.origin, ok.model, ok.mode, ok.attempts) == (
        "ok", "batch", "fake-model", "json_schema", 1)
    assert (ok.prompt_version, ok.schema_version, ok.endpoint_kind) == ("v1", "1", "fake")
    assert ok.input_sha256 and len(ok.input_sha256) == 64
    assert (ok.prompt_tokens, ok.completion_tokens) == (20, 10)
    assert json.loads(ok.raw_response or "")["meetings"][0]["participants"]
    bad = by_id["story-001"]
    assert (bad.status, bad.error_kind, bad.attempts, bad.prompt_tokens) == (
        "error", "extraction_failed", 2, 300)
    assert bad.raw_response == '{"meetings": [{"status": "met"}]}'
    assert bad.endpoint == "http://127.0.0.1:9/v1" and bad.latency_s is not None
    with sqlite3.connect(db) as raw:
        assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_query_filters(tmp_path: Path) -> None:
    db = _run_logged(tmp_path, ScriptedExtractor(fail=_failing))
    log = ProvenanceLog(db)
    try:
        assert [r.item_id for r in log.query(status="error")] == ["story-001"]
        assert len(log.query(status="ok")) == 3
        assert log.query(model="other-model") == []
        assert len(log.query(model="fake-model", limit=2)) == 2
        assert [r.item_id for r in log.query(item_id="story-003")] == ["story-003"]
        future = (dt.datetime.now(dt.UTC) + dt.timedelta(hours=1)).isoformat()
        assert log.query(since=future) == []
        assert len(log.query(since=parse_since("1h"))) == 4
        newest_first = log.query()
        assert [r.row_id for r in newest_first] == sorted((r.row_id for r in newest_first),
                                                          reverse=True)
    finally:
        log.close()


def test_no_secret_reaches_the_database_files(tmp_path: Path) -> None:
    settings = Settings(base_url="https://user:hunter2@models.invalid/v1?key=qq-77",
                        model="fake-model", api_key=PLANTED)

    def leaky(text: str) -> ExtractionFailedError | None:
        if text != article(0):
            return None
        return ExtractionFailedError(
            f"endpoint said: invalid key {PLANTED}",
            log=AttemptLog(attempts=1, last_raw_output=f"Authorization: Bearer {PLANTED}"),
        )

    db = _run_logged(tmp_path, ScriptedExtractor(fail=leaky, settings=settings), count=2)
    log = ProvenanceLog(db)
    error, ok = log.query(status="error")[0], log.query(status="ok")[0]
    log.close()
    assert error.endpoint == ok.endpoint == "https://models.invalid/v1"
    assert json.loads(ok.raw_response or "")["provenance"]["endpoint"] == ok.endpoint
    assert error.error_message == "endpoint said: invalid key [REDACTED]"
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("prov.sqlite*"))
    assert b"story-000" in stored  # the check reads the data actually written...
    for secret in (PLANTED, "hunter2", "qq-77"):  # ...and no secret is in it
        assert secret.encode() not in stored


def test_log_command_lists_and_filters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = _run_logged(tmp_path, ScriptedExtractor(fail=_failing))
    assert main(["log", "--db", str(db), "--status", "error", "--json"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [(r["item_id"], r["error_kind"]) for r in rows] == [("story-001", "extraction_failed")]

    assert main(["log", "--db", str(db), "--since", "2h", "--model", "fake-model",
                 "--limit", "3"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("time (UTC)") and len(table) == 4
    assert all("fake-model" in line for line in table[1:])


def test_log_command_without_a_log_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["log", "--db", str(tmp_path / "none.sqlite")]) == 2
    assert "no provenance log" in capsys.readouterr().err
    assert not (tmp_path / "none.sqlite").exists()


def test_default_log_location_is_under_the_cache_dir(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LLM_EXTRACT_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr("llm_extract.extractor.Extractor",
                        lambda settings: ScriptedExtractor(settings=settings))
    folder = tmp_path / "in"
    write_folder(folder, 2)
    assert main(["batch", str(folder), "-o", str(tmp_path / "o.jsonl"), "--log", "--quiet",
                 "--base-url", "http://127.0.0.1:9/v1", "--model", "m"]) == 0
    assert (tmp_path / "cache" / "provenance.sqlite").is_file()
    assert main(["log", "--json"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 2


def test_parse_since_accepts_ages_and_iso_times() -> None:
    now = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)
    assert parse_since("30m", now=now) == "2024-06-01T11:30:00.000+00:00"
    assert parse_since("2d", now=now) == "2024-05-30T12:00:00.000+00:00"
    assert parse_since("2024-05-01") == "2024-05-01T00:00:00.000+00:00"
    assert parse_since("2024-05-01T10:00+02:00") == "2024-05-01T08:00:00.000+00:00"
    with pytest.raises(ConfigurationError):
        parse_since("last tuesday")
