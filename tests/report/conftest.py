"""Inputs of the three kinds the report reads, built in a temporary folder from ``samples``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llm_extract.evaluation.runner import score_run

from . import samples as s


@pytest.fixture
def gold_dir(tmp_path: Path) -> Path:
    return s.write_gold_dir(tmp_path)


@pytest.fixture
def run_dir(tmp_path: Path, gold_dir: Path) -> Path:
    """An eval run: three predictions, one error file, settings.json, and the real scorer's
    report.json, so the page is tested against the format the runner writes."""
    run = tmp_path / "run"
    ids = [s.AR_ID, s.EN_ID, s.EMOJI_ID, s.ERR_ID]
    s.write_json(run / "settings.json", {"pipeline": "fake", "prompt_version": "meeting.v1",
                                         "gold_dir": str(gold_dir), "ids": ids})
    for ident, make in s.PREDICTIONS.items():
        s.write_json(run / "predictions" / f"{ident}.json", make())
    s.write_json(run / "predictions" / f"{s.ERR_ID}.error.json", {"id": s.ERR_ID,
                                                                   "error": s.ERROR})
    score_run(run, gold_dir)
    return run


@pytest.fixture
def batch_file(tmp_path: Path) -> Path:
    """A batch JSONL: a relative source path, an absolute one, an error line, no source."""
    texts = tmp_path / "texts"
    texts.mkdir()
    for ident, text in s.TEXTS.items():
        (texts / f"{ident}.txt").write_text(text, encoding="utf-8")
    rows = [
        {"id": s.AR_ID, "source": f"texts/{s.AR_ID}.txt", "status": "ok",
         "result": s.ar_prediction(), "error": None},
        {"id": s.EMOJI_ID, "source": str(texts / f"{s.EMOJI_ID}.txt"), "status": "ok",
         "result": s.emoji_prediction(), "error": None},
        {"id": s.ERR_ID, "source": f"texts/{s.ERR_ID}.txt", "status": "error", "result": None,
         "error": s.ERROR},
        {"id": "stdin-1", "source": None, "status": "ok", "result": s.en_prediction(),
         "error": None},
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                    encoding="utf-8")
    return path


@pytest.fixture
def single_files(tmp_path: Path) -> tuple[Path, Path]:
    """One extract result JSON and its article text."""
    result = tmp_path / "result.json"
    s.write_json(result, s.ar_prediction())
    text = tmp_path / "article.txt"
    text.write_text(s.AR_TEXT, encoding="utf-8")
    return result, text
