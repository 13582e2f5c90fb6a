"""The run directory's files, and reading one article's outcome back from them.

    RUN_DIR/
      settings.json                 how the run was made (written at start, kept on resume)
      predictions/<id>.json         the ExtractionResult JSON of an article
      predictions/<id>.error.json   {"id": ..., "error": LLMExtractError.to_dict()} on failure
      report.json                   the scores, rewritten by every run and every --score-only

Every file is written to a temporary name and moved into place with ``os.replace``
(:func:`llm_extract._io.write_atomic`), so an interrupted run never leaves a half-written
prediction that a resume would take as done.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pydantic

from llm_extract._io import encode_result, write_atomic
from llm_extract.schema import ExtractionResult

__all__ = [
    "REPORT_FILE",
    "SETTINGS_FILE",
    "Outcome",
    "error_path",
    "load_outcome",
    "prediction_path",
    "read_json",
    "write_json_atomic",
]

SETTINGS_FILE = "settings.json"
REPORT_FILE = "report.json"
_PREDICTIONS = "predictions"

State = Literal["ok", "invalid", "error", "missing"]


def prediction_path(run_dir: Path, article_id: str) -> Path:
    return run_dir / _PREDICTIONS / f"{article_id}.json"


def error_path(run_dir: Path, article_id: str) -> Path:
    return run_dir / _PREDICTIONS / f"{article_id}.error.json"


def write_json_atomic(path: Path, data: Any) -> None:
    """Write UTF-8 JSON (non-ASCII kept readable) via a temporary file and ``os.replace``."""
    write_atomic(path, encode_result("json", data))


def read_json(path: Path) -> Any:
    """Parsed JSON of a file, or None when it is missing or not JSON."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None


@dataclass(frozen=True)
class Outcome:
    """What the run left for one article, as the report needs it.

    ``state``: ``ok`` (a schema-valid prediction), ``invalid`` (a prediction file that is not
    valid JSON or not a valid ExtractionResult), ``error`` (an error file), ``missing``
    (neither). ``prediction`` is the dict to score; None scores as an empty prediction.
    """

    id: str
    state: State
    prediction: dict[str, Any] | None = None
    attempts: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    latency_s: float | None = None
    error_kind: str | None = None
    # Valid without a re-ask or a transport retry; None when the prediction does not record
    # them apart (written before issue 14): then "attempts == 1" is all there is to go by.
    first_attempt: bool | None = None


def _int(value: Any) -> int:
    return value if isinstance(value, int) and not isinstance(value, bool) else 0


def load_outcome(run_dir: Path, article_id: str) -> Outcome:
    """Read an article's prediction (preferred) or error file from a run directory."""
    pred_file = prediction_path(run_dir, article_id)
    if pred_file.is_file():
        data = read_json(pred_file)
        if not isinstance(data, dict):
            return Outcome(article_id, "invalid")
        try:
            result = ExtractionResult.model_validate(data)
        except pydantic.ValidationError:
            return Outcome(article_id, "invalid", prediction=data)
        prov = result.provenance
        split = prov.reasks is not None and prov.transport_retries is not None
        return Outcome(
            article_id, "ok", prediction=data, attempts=prov.attempts,
            first_attempt=(prov.reasks == 0 and prov.transport_retries == 0) if split else None,
            prompt_tokens=prov.usage.prompt_tokens,
            completion_tokens=prov.usage.completion_tokens, latency_s=prov.latency_s,
        )
    err_file = error_path(run_dir, article_id)
    if err_file.is_file():
        data = read_json(err_file)
        error = data.get("error") if isinstance(data, dict) else None
        error = error if isinstance(error, dict) else {}
        return Outcome(
            article_id, "error", attempts=_int(error.get("attempts")),
            prompt_tokens=_int(error.get("prompt_tokens")),
            completion_tokens=_int(error.get("completion_tokens")),
            error_kind=str(error.get("kind") or "unknown"),
        )
    return Outcome(article_id, "missing")
