"""Writing the product's files: one atomic write, and the formats a result is written in.

Every file the tool writes whole (``extract -o``, ``report -o``, ``schema -o``, the run
directory of ``eval``, the exports of ``events``) goes through :func:`replace_atomic`: the
content is written to a temporary file beside the target, flushed to disk, then renamed over
the target, so a reader sees the old file or the whole new one, never a torn one, and a crash
or a full disk leaves no half-written file that looks like a result. The temporary file is
created like any file (its mode follows the umask) under a name no other writer uses
(``.<name>.<pid>.<random>.tmp``), and removed when writing fails.

The batch output is the exception: it is appended to, one whole line at a time
(:class:`llm_extract.batch.LineWriter`), so that a crash loses at most the line being written.

:data:`RESULT_FORMATS` holds how a JSON-ready value (a result, a batch line) becomes text:
``json`` (indented, for a file or a terminal) and ``jsonl`` (one line, which is also what
``extract --compact`` prints). A new format is one entry.

A root contract module: it imports no wing, so every wing and face may use it.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

__all__ = [
    "RESULT_FORMATS",
    "ResultFormat",
    "encode_result",
    "replace_atomic",
    "temp_path",
    "write_atomic",
]


def temp_path(path: Path) -> Path:
    """A fresh temporary name beside ``path``: ``.<name>.<pid>.<random>.tmp``."""
    return path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def replace_atomic(path: Path, write: Callable[[Path], None]) -> None:
    """Have ``write`` fill a temporary file beside ``path`` (it is given the temporary path,
    which does not exist yet), flush it to disk, then rename it over ``path``.

    The folder of ``path`` is created when missing. On any failure the temporary file is
    removed and ``path`` is left as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = temp_path(path)
    try:
        write(temp)
        _fsync(temp)
        os.replace(temp, path)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomic(path: Path, data: str | bytes) -> None:
    """Write ``data`` (a str as UTF-8) to ``path`` atomically (see :func:`replace_atomic`)."""
    content = data.encode("utf-8") if isinstance(data, str) else data

    def write(temp: Path) -> None:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as out:
            out.write(content)

    replace_atomic(path, write)


@dataclass(frozen=True)
class ResultFormat:
    """How a JSON-ready value is written: its text (``encode``, ending in a newline) and the
    usual file suffix."""

    name: str
    suffix: str
    encode: Callable[[Any], str]


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=2) + "\n"


def _jsonl(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False) + "\n"


RESULT_FORMATS: Final[Mapping[str, ResultFormat]] = MappingProxyType({
    "json": ResultFormat("json", ".json", _json),  # indented; non-ASCII kept readable
    "jsonl": ResultFormat("jsonl", ".jsonl", _jsonl),  # one line per value
})


def encode_result(format: str, value: Any) -> str:
    """``value`` as text in the result format named ``format`` (one of :data:`RESULT_FORMATS`)."""
    if format not in RESULT_FORMATS:
        raise ValueError(f"no result format {format!r}; known: {', '.join(RESULT_FORMATS)}")
    return RESULT_FORMATS[format].encode(value)
