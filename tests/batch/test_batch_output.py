"""Output lines are whole under concurrency, and the ``batch`` command is wired to them."""

from __future__ import annotations

import json
import threading
from pathlib import Path

import pytest

from llm_extract.batch import LineWriter, run_batch
from llm_extract.cli import main
from llm_extract.errors import ExtractionFailedError
from llm_extract.settings import Settings

from .batch_helpers import ScriptedExtractor, article, read_lines, write_folder


def test_concurrent_writers_never_interleave_lines(tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    writer = LineWriter(out, fsync_every=7)
    payload = "é" * 40_000  # far beyond PIPE_BUF: atomicity must not rest on small writes

    def write(thread: int) -> None:
        for n in range(25):
            writer.write({"id": f"{thread}-{n}", "pad": payload})

    threads = [threading.Thread(target=write, args=(t,)) for t in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    writer.close()
    lines = read_lines(out)
    assert len(lines) == 200 and len({line["id"] for line in lines}) == 200
    assert all(line["pad"] == payload for line in lines)
    assert writer.write({"id": "late"}) is False  # a closed writer writes nothing


def test_many_workers_write_one_whole_line_per_input(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out.jsonl"
    ids = write_folder(folder, 60)
    run_batch(folder, out, ScriptedExtractor(), concurrency=8, progress=None)
    lines = read_lines(out)
    assert sorted(line["id"] for line in lines) == ids
    assert all(set(line) == {"id", "source", "status", "result", "error"} for line in lines)


@pytest.fixture
def fake_cli_extractor(monkeypatch: pytest.MonkeyPatch) -> list[Settings]:
    """Make ``llm-extract batch`` build a scripted fake instead of a real extractor."""
    built: list[Settings] = []

    def build(settings: Settings) -> ScriptedExtractor:
        built.append(settings)
        return ScriptedExtractor(settings=settings, fail=lambda t: (
            ExtractionFailedError("still invalid") if t == article(2) else None))

    monkeypatch.setattr("llm_extract.extractor.Extractor", build)
    return built


def test_batch_command_writes_lines_log_and_summary(
    tmp_path: Path, fake_cli_extractor: list[Settings], capsys: pytest.CaptureFixture[str],
) -> None:
    folder, out, db = tmp_path / "in", tmp_path / "out.jsonl", tmp_path / "prov.sqlite"
    write_folder(folder, 3)
    code = main(["batch", str(folder), "-o", str(out), "--concurrency", "2",
                 "--base-url", "http://127.0.0.1:9/v1", "--model", "m", "--max-tokens", "77",
                 "--log-db", str(db), "--quiet"])
    err = capsys.readouterr().err
    assert code == 1  # one input failed
    assert fake_cli_extractor[0].max_tokens == 77
    assert fake_cli_extractor[0].slots == 2  # one embedded-server slot per request in flight
    assert [json.loads(x)["status"] for x in out.read_text().splitlines()].count("ok") == 2
    assert "batch finished: 3 done (2 ok, failed: extraction_failed 1)" in err
    assert "[batch]" not in err  # --quiet
    assert db.exists()


def test_batch_command_rejects_zero_concurrency(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["batch", str(tmp_path), "-o", str(tmp_path / "o.jsonl"), "--concurrency", "0"])
    assert code == 2
    assert "--concurrency" in capsys.readouterr().err
