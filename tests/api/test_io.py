"""The one atomic write and the result formats (llm_extract/_io.py)."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from llm_extract._io import RESULT_FORMATS, encode_result, replace_atomic, write_atomic

VALUE = {"meetings": [{"name": "Ахмед", "city": "القاهرة"}], "n": 1, "none": None}


def test_write_atomic_writes_the_bytes_and_leaves_no_temporary_file(tmp_path: Path) -> None:
    target = tmp_path / "new" / "out.json"
    write_atomic(target, "é\n")
    write_atomic(target, b"second\n")
    assert target.read_bytes() == b"second\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["out.json"]


def test_a_failed_write_keeps_the_old_file_and_removes_the_temporary(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    target.write_text("old", encoding="utf-8")

    def fail(temp: Path) -> None:
        temp.write_text("half", encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        replace_atomic(target, fail)
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.csv"]


def test_a_written_file_has_the_mode_a_plain_open_gives(tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        write_atomic(tmp_path / "out.json", "{}\n")
    finally:
        os.umask(umask)
    assert (tmp_path / "out.json").stat().st_mode & 0o777 == 0o644


def test_result_formats_keep_the_bytes_the_cli_and_batch_always_wrote() -> None:
    assert set(RESULT_FORMATS) == {"json", "jsonl"}
    assert encode_result("json", VALUE) == json.dumps(VALUE, ensure_ascii=False, indent=2) + "\n"
    assert encode_result("jsonl", VALUE) == json.dumps(VALUE, ensure_ascii=False) + "\n"
    with pytest.raises(ValueError, match="no result format 'xml'"):
        encode_result("xml", VALUE)
