"""Reading each input kind: an eval run folder, a batch JSONL, one result with its text."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from llm_extract.errors import InputError
from llm_extract.report import load

from . import samples as s


def test_eval_run(run_dir: Path) -> None:
    data = load(run_dir)
    assert data.kind == "eval_run"
    assert [a.id for a in data.articles] == [s.AR_ID, s.EN_ID, s.EMOJI_ID, s.ERR_ID]
    ar, en, emoji, err = data.articles
    assert ar.text == s.AR_TEXT and ar.language == "ar" and ar.published == "2024-03-12"
    assert ar.result is not None and len(ar.result.meetings) == 2
    assert ar.gold is not None and len(ar.gold) == 2
    assert ar.score is not None and ar.score["id"] == s.AR_ID  # its per_article row
    assert emoji.gold == [] and emoji.text == s.EMOJI_TEXT
    assert err.result is None and err.error is not None
    assert err.error["kind"] == "extraction_failed" and err.error["attempts"] == 3
    assert data.settings is not None and data.settings["pipeline"] == "fake"
    assert data.summary is not None and "headline" in data.summary
    assert en.notes == []


def test_eval_run_article_not_run_yet(run_dir: Path) -> None:
    (run_dir / "predictions" / f"{s.EN_ID}.json").unlink()
    en = load(run_dir).articles[1]
    assert en.id == s.EN_ID and en.result is None
    assert en.error is not None and en.error["kind"] == "missing"


def test_eval_run_prediction_wins_over_old_error(run_dir: Path) -> None:
    s.write_json(run_dir / "predictions" / f"{s.AR_ID}.error.json", {"id": s.AR_ID,
                                                                      "error": s.ERROR})
    ar = load(run_dir).articles[0]
    assert ar.result is not None and ar.error is None
    assert any("older" in n for n in ar.notes)


def test_eval_run_invalid_prediction_is_an_error_not_a_crash(run_dir: Path) -> None:
    s.write_json(run_dir / "predictions" / f"{s.EN_ID}.json", {"meetings": [{"status": 1}]})
    en = load(run_dir).articles[1]
    assert en.result is None and en.error is not None
    assert en.error["kind"] == "invalid_result"


def test_eval_run_without_gold_dir_still_loads(run_dir: Path, gold_dir: Path) -> None:
    for file in gold_dir.iterdir():
        file.unlink()
    ar = load(run_dir).articles[0]
    assert ar.text is None and ar.gold is None and ar.result is not None
    assert any("no readable gold" in n for n in ar.notes)


def test_not_a_run_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="predictions"):
        load(tmp_path)


def test_batch(batch_file: Path) -> None:
    data = load(batch_file)
    assert data.kind == "batch"
    ar, emoji, err, stdin = data.articles
    assert ar.text == s.AR_TEXT  # relative source, resolved beside the JSONL
    assert ar.language == "ar"  # from provenance
    assert emoji.text == s.EMOJI_TEXT  # absolute source
    assert err.error is not None and err.result is None and err.text == s.ERR_TEXT
    assert stdin.text is None and stdin.result is not None
    assert any("no source" in n for n in stdin.notes)
    assert all(a.gold is None for a in data.articles)


def test_batch_bad_line_becomes_an_error_article(batch_file: Path) -> None:
    with batch_file.open("a", encoding="utf-8") as fh:
        fh.write("{not json\n\n")
    bad = load(batch_file).articles[-1]
    assert bad.id == "line 5" and bad.error is not None
    assert bad.error["kind"] == "unreadable_line"


def test_batch_missing_source_file(tmp_path: Path) -> None:
    path = tmp_path / "one.jsonl"
    row = {"id": "x", "source": "gone.txt", "status": "ok", "result": s.en_prediction(),
           "error": None}
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (article,) = load(path).articles  # a one-line batch is still a batch
    assert article.text is None and article.result is not None
    assert any("source" in n for n in article.notes)


def test_batch_of_jsonl_inputs_with_a_resumed_line(tmp_path: Path) -> None:
    """Texts of JSONL inputs are read from ``FILE:LINE``; a re-run's newer line wins."""
    inputs = tmp_path / "in.jsonl"
    inputs.write_text(json.dumps({"id": "a", "text": s.EN_TEXT, "language": "en"},
                                 ensure_ascii=False) + "\n{bad\n", encoding="utf-8")
    rows = [
        {"id": "a", "source": f"{inputs}:1", "status": "error", "result": None,
         "error": s.ERROR},
        {"id": None, "source": f"{inputs}:2", "status": "error", "result": None,
         "error": {"kind": "invalid_record", "type": "InvalidRecordError",
                   "message": "not a JSON object"}},
        {"id": "a", "source": f"{inputs}:1", "status": "ok", "result": s.en_prediction(),
         "error": None},
    ]
    out = tmp_path / "out.jsonl"
    # A U+2028 inside a JSON string must not be taken for a line break.
    rows[1]["error"]["message"] += "\u2028!"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows),
                   encoding="utf-8")
    a, bad = load(out).articles
    assert a.id == "a" and a.text == s.EN_TEXT and a.error is None and a.result is not None
    assert any("superseded" in n for n in a.notes)
    assert bad.id == f"{inputs}:2" and bad.error is not None and bad.text is None
    assert bad.error["message"].endswith("\u2028!")


def test_single_with_text(single_files: tuple[Path, Path]) -> None:
    result, text = single_files
    data = load(result, text_file=text)
    assert data.kind == "single"
    (article,) = data.articles
    assert article.text == s.AR_TEXT and article.result is not None
    assert article.language == "ar"


def test_single_without_text(single_files: tuple[Path, Path]) -> None:
    (article,) = load(single_files[0]).articles
    assert article.text is None and any("--text" in n for n in article.notes)


def test_unknown_input(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError):
        load(path)
    with pytest.raises(InputError, match="no such"):
        load(tmp_path / "missing.json")
