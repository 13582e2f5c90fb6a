"""Batch inputs: folders and JSONL, and one output line for every input, valid or not."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from llm_extract.batch import read_inputs, run_batch
from llm_extract.errors import EndpointServerError, InputError
from llm_extract.schema import ExtractionResult

from .batch_helpers import ScriptedExtractor, article, read_lines, write_folder, write_jsonl


def test_folder_input_gives_one_line_per_txt_file(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    ids = write_folder(folder, 3)
    (folder / "broken.txt").write_bytes(b"Caf\xe9 talks \xff\xfe")
    (folder / "blank.txt").write_text("  \n\t ", encoding="utf-8")
    (folder / "notes.md").write_text(article(9), encoding="utf-8")  # not an input
    out = tmp_path / "out.jsonl"
    fake = ScriptedExtractor()

    summary = run_batch(folder, out, fake, progress=None)

    lines = {line["id"]: line for line in read_lines(out)}
    assert set(lines) == {*ids, "broken", "blank"}
    assert len(read_lines(out)) == 5
    for item_id in ids:
        line = lines[item_id]
        assert line["status"] == "ok" and line["error"] is None
        assert line["source"] == str(folder / f"{item_id}.txt")
        assert ExtractionResult.model_validate(line["result"]).meetings
    assert lines["broken"]["error"]["kind"] == "invalid_encoding"
    assert lines["blank"]["error"]["kind"] == "empty_text"
    assert lines["blank"]["result"] is None and lines["blank"]["status"] == "error"
    assert len(fake.calls) == 3
    assert (summary.ok, dict(summary.failed)) == (3, {"invalid_encoding": 1, "empty_text": 1})
    assert summary.meetings == 3 and summary.prompt_tokens == 60


def test_jsonl_input_turns_every_bad_record_into_an_error_line(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [
        {"id": "a", "text": article(0), "published": "2024-05-06", "language": "en"},
        {"id": 7, "text": article(1)},
        {"text": article(2)},                               # line 3: no id
        {"id": "a", "text": article(3)},                    # line 4: repeated id
        "{not json",                                        # line 5
        {"id": "n", "text": 42},                            # line 6: text not a string
        {"id": "e", "text": "   "},                         # line 7: empty
        "",                                                 # blank: not an input
        '["a", "list"]',                                    # line 9
        {"id": "p", "text": article(4), "published": 20240506},
    ])
    out = tmp_path / "out.jsonl"
    fake = ScriptedExtractor()

    run_batch(src, out, fake, progress=None)

    lines = read_lines(out)
    assert len(lines) == 9
    outcome = {line["source"].rsplit(":", 1)[1]: (line["id"], line["status"],
               line["error"]["kind"] if line["error"] else None) for line in lines}
    assert outcome == {
        "1": ("a", "ok", None),
        "2": ("7", "ok", None),
        "3": (None, "error", "missing_id"),
        "4": ("a", "error", "duplicate_id"),
        "5": (None, "error", "invalid_record"),
        "6": ("n", "error", "invalid_record"),
        "7": ("e", "error", "empty_text"),
        "9": (None, "error", "invalid_record"),
        "10": ("p", "error", "invalid_record"),
    }
    assert sorted(fake.calls) == sorted([article(0), article(1)])


def test_jsonl_fields_reach_the_extractor(tmp_path: Path) -> None:
    seen: list[tuple[object, object]] = []

    class Recording(ScriptedExtractor):
        def extract(self, text: str | bytes, *, published: object = None,
                    language: str | None = None, prompt_version: str | None = None
                    ) -> ExtractionResult:
            seen.append((published, language))
            return super().extract(text)

    src = tmp_path / "in.jsonl"
    write_jsonl(src, [{"id": "a", "text": article(0), "published": "2024-05-06",
                       "language": "pt"}])
    run_batch(src, tmp_path / "out.jsonl", Recording(), progress=None)
    assert seen == [("2024-05-06", "pt")]


def test_extraction_errors_and_bugs_become_error_lines(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_folder(folder, 3)

    def fail(text: str) -> EndpointServerError | None:
        if text == article(1):
            return EndpointServerError("HTTP 502 from the endpoint")
        if text == article(2):
            raise ValueError("a bug in a custom extractor")
        return None

    out = tmp_path / "out.jsonl"
    summary = run_batch(folder, out, ScriptedExtractor(fail=fail), progress=None)
    lines = {line["id"]: line for line in read_lines(out)}
    assert lines["story-001"]["error"]["kind"] == "server_error"
    assert lines["story-001"]["error"]["attempts"] == 0
    assert lines["story-002"]["error"] == {"kind": "internal", "type": "ValueError",
                                           "message": "a bug in a custom extractor"}
    assert summary.failed == {"server_error": 1, "internal": 1}


def test_missing_input_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        list(read_inputs(tmp_path / "nope"))


def test_progress_reports_rate_and_eta_and_the_summary_counts(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    write_folder(folder, 4)
    stream = io.StringIO()
    summary = run_batch(folder, tmp_path / "out.jsonl", ScriptedExtractor(), progress=stream)
    assert "[batch] 4/4 (0 failed)" in stream.getvalue()
    assert "/s ETA" in stream.getvalue()
    text = summary.format()
    assert text.startswith("batch finished: 4 done (4 ok, failed: none)")
    assert "4 meeting records" in text and "120 tokens" in text
