"""Batch output: whole JSONL lines appended atomically, and the resume state read back."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path
from typing import Any

from llm_extract._io import encode_result
from llm_extract.batch.inputs import resume_key

__all__ = ["LineWriter", "read_done"]


def read_done(output: Path) -> dict[str, str]:
    """Status by resume key of the lines already in ``output``; the newest line wins."""
    status: dict[str, str] = {}
    if not output.exists():
        return status
    with output.open("rb") as lines:
        for raw in lines:
            try:
                line = json.loads(raw)
                error = line.get("error") or {}
                key = resume_key(line["id"], line.get("source"), error.get("kind"))
                status[key] = line["status"]
            except (ValueError, KeyError, TypeError, AttributeError):
                continue  # a torn last line from a crash: that input is simply redone
    return status


class LineWriter:
    """Appends whole lines: one ``os.write`` each, under a lock, to an O_APPEND file."""

    def __init__(self, path: Path, fsync_every: int) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        self._lock = threading.Lock()
        self._fsync_every = fsync_every
        self._unsynced = 0
        self._open = True
        if os.fstat(self._fd).st_size:
            with path.open("rb") as existing:
                existing.seek(-1, os.SEEK_END)
                if existing.read(1) != b"\n":
                    self._write_all(b"\n")  # end a torn last line so ours start clean

    def _write_all(self, data: bytes) -> None:
        written = os.write(self._fd, data)
        if written != len(data):  # only on a full disk; never leave it silently torn
            raise OSError(f"short write: {written} of {len(data)} bytes")

    def write(self, line: dict[str, Any]) -> bool:
        data = encode_result("jsonl", line).encode("utf-8")
        with self._lock:
            if not self._open:
                return False
            self._write_all(data)
            self._unsynced += 1
            if self._unsynced >= self._fsync_every:
                os.fsync(self._fd)
                self._unsynced = 0
            return True

    def close(self) -> None:
        with self._lock:
            if self._open:
                self._open = False
                os.fsync(self._fd)
                os.close(self._fd)

