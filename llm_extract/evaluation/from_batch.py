"""Turn a batch output file into an eval run directory, so a corpus batch can be scored.

Why: an analyst's corpus run is ``llm-extract batch``; when the corpus has gold records, its
output should be scored as it is rather than re-extracted by ``llm-extract eval`` (an hour of
model time on a small machine). The run directory written here is an ordinary one, so
``eval --score-only``, ``eval --compare`` and ``llm-extract report`` all work on it.

The newest line of an id wins, as it does when the batch resumes. Lines that are not JSON or
lack an id are skipped and counted (a torn last line of a killed run). Every gold article is
scored: one the batch has no line for counts as missing, so a lost input cannot hide.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llm_extract import __version__
from llm_extract.errors import ConfigurationError
from llm_extract.evaluation.rundir import (
    SETTINGS_FILE,
    error_path,
    prediction_path,
    write_json_atomic,
)

__all__ = ["BatchImport", "import_batch"]


@dataclass(frozen=True)
class BatchImport:
    """What :func:`import_batch` wrote: predictions and error files, and lines it skipped."""

    predictions: int
    errors: int
    skipped_lines: int


def _newest_lines(batch_output: Path) -> tuple[dict[str, dict[str, Any]], int]:
    newest: dict[str, dict[str, Any]] = {}
    skipped = 0
    try:
        raw_lines = batch_output.read_bytes().splitlines()
    except OSError as exc:
        raise ConfigurationError(f"cannot read batch output {batch_output}: {exc}") from None
    for raw in raw_lines:
        if not raw.strip():
            continue
        try:
            line = json.loads(raw)
        except ValueError:
            skipped += 1
            continue
        if not isinstance(line, dict) or not isinstance(line.get("id"), str):
            skipped += 1
            continue
        newest[line["id"]] = line
    return newest, skipped


def import_batch(batch_output: Path, run_dir: Path, *, gold_dir: Path) -> BatchImport:
    """Write ``run_dir``'s predictions from ``batch_output``'s lines; return what was written.

    Raises:
        ConfigurationError: the file cannot be read, or ``run_dir`` already holds a run (a
            batch import never mixes with another run's predictions).
    """
    if (run_dir / SETTINGS_FILE).exists():
        raise ConfigurationError(f"{run_dir} already holds a run; use another --run-dir")
    lines, skipped = _newest_lines(batch_output)
    predictions = errors = 0
    for article_id, line in sorted(lines.items()):
        if line.get("status") == "ok" and isinstance(line.get("result"), dict):
            write_json_atomic(prediction_path(run_dir, article_id), line["result"])
            predictions += 1
        else:
            error = line.get("error") if isinstance(line.get("error"), dict) else {}
            write_json_atomic(error_path(run_dir, article_id), {"id": article_id, "error": error})
            errors += 1
    write_json_atomic(run_dir / SETTINGS_FILE, {
        "pipeline": "batch",
        "prompt_version": _provenance_value(lines, "prompt_version"),
        "model": _provenance_value(lines, "model"),
        "mode": _provenance_value(lines, "mode"),
        "gold_dir": str(gold_dir.resolve()),
        "batch_output": str(batch_output.resolve()),
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "library_version": __version__,
        "settings": None,
        "ids": None,  # every gold article: one the batch lost scores as missing
    })
    return BatchImport(predictions, errors, skipped)


def _provenance_value(lines: dict[str, dict[str, Any]], key: str) -> str | None:
    """``key`` of the first ok line's provenance: the batch used one configuration."""
    for line in lines.values():
        result = line.get("result")
        if isinstance(result, dict):
            value = (result.get("provenance") or {}).get(key)
            if isinstance(value, str):
                return value
    return None
