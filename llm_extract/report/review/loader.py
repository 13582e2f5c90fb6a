"""Read the three inputs a report can be made from into one shape: a list of articles.

* an eval run folder: ``settings.json`` (``gold_dir``), ``predictions/<id>.json`` or
  ``predictions/<id>.error.json``, and ``report.json`` with the summary scores; the article text
  and gold come from ``<gold_dir>/<id>.txt`` and ``<gold_dir>/<id>.json``;
* a batch JSONL: one ``{"id", "source", "status", "result", "error"}`` object per line;
* one ``llm-extract extract`` result JSON, with its article given separately.

Loading is forgiving on purpose: the report is what someone opens to find out what went wrong,
so a missing text, an unreadable line or a prediction that no longer validates becomes a note
on that article rather than an exception that hides every other article.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import ValidationError

from llm_extract.batch.inputs import resume_key
from llm_extract.errors import InputError
from llm_extract.redaction import redact_url
from llm_extract.schema import ExtractionResult, Meeting

__all__ = ["ReportInput", "ReviewArticle", "load"]

Kind = Literal["eval_run", "batch", "single"]


@dataclass
class ReviewArticle:
    """One article of the review page with whatever is known about it; ``gold`` is None
    outside an eval run. (Not :class:`llm_extract.text.article.Article`, the text wing's
    article that an extraction reads.)

    ``score`` is the article's row of ``report.json``'s ``per_article`` when the run has one.
    """

    id: str
    text: str | None = None
    language: str | None = None
    published: str | None = None
    source: str | None = None
    result: ExtractionResult | None = None
    error: dict[str, Any] | None = None
    gold: list[Meeting] | None = None
    score: dict[str, Any] | None = None
    notes: list[str] = field(default_factory=list)


@dataclass
class ReportInput:
    """Everything the page shows: the articles plus the run's settings and summary scores."""

    kind: Kind
    path: Path
    articles: list[ReviewArticle]
    settings: dict[str, Any] | None = None
    summary: dict[str, Any] | None = None


def load(path: Path, text_file: Path | None = None) -> ReportInput:
    """Detect the input kind from ``path`` and read it; ``text_file`` is for a single result."""
    if path.is_dir():
        return _load_run(path)
    if not path.is_file():
        raise InputError(f"no such file or folder: {path}")
    raw = _read_text(path)
    try:
        data = json.loads(raw)
    except json.JSONDecodeError:
        data = None  # several lines of JSON: a batch
    if isinstance(data, dict) and "meetings" in data:
        return _load_single(path, data, text_file)
    if isinstance(data, dict) and "status" in data and "id" in data:
        return _load_batch(path, raw)  # a batch of one line
    if data is None:
        return _load_batch(path, raw)
    raise InputError(f"{path} is neither an extraction result, a batch JSONL nor a run folder")


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc


def _maybe_text(path: Path | None, article: ReviewArticle, what: str) -> None:
    """Fill ``article.text`` from ``path`` if it can be read, else note why it is absent."""
    if path is None:
        article.notes.append(f"no {what} given: records shown without the article")
        return
    try:
        article.text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        article.notes.append(f"{what} {path} unreadable ({type(exc).__name__}): no text shown")


def _result(data: Any, article: ReviewArticle) -> None:
    try:
        article.result = ExtractionResult.model_validate(data)
    except ValidationError as exc:
        article.error = {"kind": "invalid_result", "type": "ValidationError",
                         "message": str(exc).splitlines()[0]}
        return
    prov = article.result.provenance
    # a result written before URLs were redacted must not show a gateway's key on the page
    prov = prov.model_copy(update={"endpoint": redact_url(prov.endpoint) or ""})
    article.result = article.result.model_copy(update={"provenance": prov})
    article.language = article.language or prov.language
    article.published = article.published or prov.published


def _load_single(path: Path, data: dict[str, Any], text_file: Path | None) -> ReportInput:
    article = ReviewArticle(id=path.stem, source=str(text_file) if text_file else None)
    _result(data, article)
    _maybe_text(text_file, article, "--text")
    return ReportInput("single", path, [article])


_JSONL_SOURCE = re.compile(r"^(?P<path>.+):(?P<line>\d+)$")


class _Sources:
    """Article texts named by a batch line's ``source``: a text file, or ``FILE.jsonl:LINE``
    (the batch runner's name for a record of a JSONL input, whose ``text`` field is read).
    Relative paths are tried as given, then beside the batch output."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.jsonl: dict[Path, list[str]] = {}

    def _file(self, name: str) -> Path | None:
        for option in (Path(name), self.base / name):
            if option.is_file():
                return option
        return None

    def fill(self, source: str, article: ReviewArticle) -> None:
        direct = self._file(source)
        match = _JSONL_SOURCE.match(source)
        inputs = self._file(match["path"]) if direct is None and match else None
        if inputs is None or match is None:
            _maybe_text(direct, article, "source")
            return
        if inputs not in self.jsonl:
            self.jsonl[inputs] = _read_text(inputs).split("\n")
        lines, number = self.jsonl[inputs], int(match["line"])
        record: Any = None
        try:
            record = json.loads(lines[number - 1])
            article.text = record["text"] if isinstance(record["text"], str) else None
        except (IndexError, ValueError, TypeError, KeyError):
            pass
        if article.text is None:
            article.notes.append(f"source {source}: no text field on that line; no text shown")
        elif isinstance(record.get("language"), str) and not article.language:
            article.language = record["language"]


def _batch_key(row: dict[str, Any], number: int) -> str:
    """The batch runner's resume key, so that a re-run's newer line replaces the older one."""
    error, ident = row.get("error"), row.get("id")
    kind = error.get("kind") if isinstance(error, dict) else None
    key = resume_key(None if ident is None else str(ident), row.get("source"), kind)
    return key or f"line {number}"


def _load_batch(path: Path, raw: str) -> ReportInput:
    # split("\n"), not splitlines(): JSON strings may hold U+2028 and other line separators.
    rows: dict[str, tuple[int, Any]] = {}
    superseded: dict[str, int] = {}
    for number, line in enumerate(raw.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except ValueError as exc:
            row = exc
        key = _batch_key(row, number) if isinstance(row, dict) else f"line {number}"
        superseded[key] = superseded.get(key, -1) + 1
        rows[key] = (number, row)
    sources = _Sources(path.parent)
    articles: list[ReviewArticle] = []
    for key, (number, row) in rows.items():
        article = ReviewArticle(id=key)
        articles.append(article)
        if superseded[key]:
            article.notes.append(f"{superseded[key]} earlier line(s) for this input superseded")
        if not isinstance(row, dict):
            article.error = {"kind": "unreadable_line", "type": type(row).__name__,
                             "message": f"line {number}: {row}"}
            continue
        article.source = row.get("source") if isinstance(row.get("source"), str) else None
        if row.get("result") is not None:
            _result(row["result"], article)
        if row.get("status") == "error" or row.get("error"):
            article.error = row.get("error") or {"kind": "error", "message": "status error"}
        if article.source is not None:
            sources.fill(article.source, article)
        else:
            article.notes.append("no source file: records shown without the article")
    return ReportInput("batch", path, articles)


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _gold_dir(run: Path, settings: dict[str, Any] | None) -> Path | None:
    value = (settings or {}).get("gold_dir")
    if not isinstance(value, str):
        return None
    gold = Path(value)
    return gold if gold.is_absolute() else run / gold


def _load_gold(gold_dir: Path | None, article: ReviewArticle) -> None:
    if gold_dir is None:
        article.notes.append("settings.json names no gold_dir: gold and text not shown")
        return
    _maybe_text(gold_dir / f"{article.id}.txt", article, "text")
    data = _read_json(gold_dir / f"{article.id}.json")
    if not isinstance(data, dict):
        article.notes.append(f"no readable gold file {article.id}.json")
        return
    article.language = data.get("language") or article.language
    article.published = data.get("published") or article.published
    try:
        article.gold = [Meeting.model_validate(m) for m in data.get("meetings", [])]
    except ValidationError as exc:
        article.notes.append(f"gold does not validate: {str(exc).splitlines()[0]}")


def _run_ids(predictions: Path, settings: dict[str, Any] | None) -> list[str]:
    """The run's articles: those settings.json selected, then any other prediction file."""
    recorded = (settings or {}).get("ids")
    ids = [str(i) for i in recorded] if isinstance(recorded, list) else []
    for file in sorted(predictions.glob("*.json")):
        ident = file.name.removesuffix(".error.json").removesuffix(".json")
        if ident not in ids:
            ids.append(ident)
    return ids


def _load_prediction(predictions: Path, article: ReviewArticle) -> None:
    """A prediction wins over an error file, as in the scorer (a resume may leave both)."""
    pred_file = predictions / f"{article.id}.json"
    err_file = predictions / f"{article.id}.error.json"
    if pred_file.is_file():
        data = _read_json(pred_file)
        if data is None:
            article.error = {"kind": "invalid_prediction", "message": f"{pred_file.name} is "
                             "not JSON; scored as an empty prediction"}
        else:
            _result(data, article)
        if err_file.is_file():
            article.notes.append(f"an older {err_file.name} is also present")
    elif err_file.is_file():
        data = _read_json(err_file)
        error = data.get("error") if isinstance(data, dict) else None
        article.error = error if isinstance(error, dict) else {
            "kind": "unreadable_error_file", "message": f"{err_file.name} unreadable"}
    else:
        article.error = {"kind": "missing", "message": "no prediction or error file yet; "
                         "the scorer counts it as an empty prediction"}


_URL_KEYS = frozenset({"base_url", "endpoint"})


def _safe_urls(data: Any) -> Any:
    """``data`` with every ``base_url``/``endpoint`` string redacted, at any depth: a run
    folder written by an older version may hold a URL with credentials in it."""
    if isinstance(data, dict):
        return {k: (redact_url(v) if k in _URL_KEYS and isinstance(v, str) else _safe_urls(v))
                for k, v in data.items()}
    if isinstance(data, list):
        return [_safe_urls(v) for v in data]
    return data


def _load_run(run: Path) -> ReportInput:
    predictions = run / "predictions"
    if not predictions.is_dir():
        raise InputError(f"{run} is not an eval run folder (no predictions/ inside)")
    settings = _safe_urls(_read_json(run / "settings.json"))
    settings = settings if isinstance(settings, dict) else None
    summary = _safe_urls(_read_json(run / "report.json"))
    summary = summary if isinstance(summary, dict) else None
    per_article = (summary or {}).get("per_article")
    scores = {str(row.get("id")): row for row in per_article if isinstance(row, dict)} if (
        isinstance(per_article, list)) else {}
    gold_dir = _gold_dir(run, settings)
    articles: list[ReviewArticle] = []
    for ident in _run_ids(predictions, settings):
        article = ReviewArticle(id=ident, score=scores.get(ident))
        _load_prediction(predictions, article)
        _load_gold(gold_dir, article)
        articles.append(article)
    return ReportInput("eval_run", run, articles, settings, summary)
