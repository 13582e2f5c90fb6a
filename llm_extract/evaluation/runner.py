"""Run a pipeline over a gold folder, save every prediction, and score the run.

:func:`run_eval` is resumable: a prediction file on disk means the article is done, so a run
interrupted (or killed by a crashed server) continues where it stopped when started again with
the same run directory; articles that failed are tried again. A typed :class:`LLMExtractError`
on one article is saved as its error file and the run goes on. Any other exception is a bug in
a pipeline and is allowed to stop the run (resuming loses nothing already saved).

:func:`score_run` scores whatever a run directory holds, without a model (``--score-only``).
The file layout is described in :mod:`llm_extract.evaluation.rundir`.
"""

from __future__ import annotations

import datetime as dt
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from llm_extract._version import __version__
from llm_extract.errors import ConfigurationError, InvalidEncodingError, LLMExtractError
from llm_extract.evaluation.counts import score_corpus
from llm_extract.evaluation.pipelines import PIPELINES
from llm_extract.evaluation.report import build_report
from llm_extract.evaluation.rundir import (
    REPORT_FILE,
    SETTINGS_FILE,
    error_path,
    load_outcome,
    prediction_path,
    read_json,
    write_json_atomic,
)
from llm_extract.evaluation.scorer import language_of, score_article
from llm_extract.protocols import SupportsExtract
from llm_extract.settings import Settings

__all__ = ["GoldArticle", "discover_articles", "run_eval", "score_run"]

# Settings that make predictions of one run incomparable with another's: a resume must match.
_MUST_MATCH = ("pipeline", "prompt_version")
_MUST_MATCH_SETTINGS = ("base_url", "model", "mode", "model_path")


@dataclass(frozen=True)
class GoldArticle:
    """One gold article: ``<id>.txt`` (read only when extracting) beside ``<id>.json``."""

    id: str
    text_path: Path
    gold: dict[str, Any]

    @property
    def language(self) -> str | None:
        return language_of(self.gold, self.id)

    @property
    def published(self) -> str | None:
        value = self.gold.get("published")
        return value if isinstance(value, str) and value else None


def discover_articles(
    gold_dir: Path, *, ids: Sequence[str] | None = None, limit: int | None = None
) -> list[GoldArticle]:
    """Gold articles sorted by id: every ``*.txt`` with a ``.json`` beside it."""
    if not gold_dir.is_dir():
        raise ConfigurationError(f"no such gold directory: {gold_dir}")
    articles = []
    for txt in sorted(gold_dir.glob("*.txt")):
        gold_file = txt.with_suffix(".json")
        if not gold_file.is_file():
            continue
        gold = read_json(gold_file)
        if not isinstance(gold, dict) or not isinstance(gold.get("meetings"), list):
            raise ConfigurationError(f"{gold_file} is not a gold file (no meetings list)")
        articles.append(GoldArticle(txt.stem, txt, gold))
    if ids:
        known = {a.id for a in articles}
        unknown = [i for i in ids if i not in known]
        if unknown:
            raise ConfigurationError(f"no gold article with id: {', '.join(unknown)}")
        wanted = set(ids)
        articles = [a for a in articles if a.id in wanted]
    return articles[:limit] if limit is not None else articles


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise InvalidEncodingError(f"{path.name} is not valid UTF-8 (byte {exc.start})") from None


def _record_settings(run_dir: Path, info: dict[str, Any]) -> dict[str, Any]:
    """Write settings.json, or on resume check it matches and note the resume."""
    path = run_dir / SETTINGS_FILE
    old = read_json(path)
    if isinstance(old, dict):
        old_settings, new_settings = old.get("settings") or {}, info.get("settings") or {}
        for key in _MUST_MATCH:
            if old.get(key) != info.get(key):
                raise ConfigurationError(
                    f"{run_dir} was run with {key}={old.get(key)!r}, not {info.get(key)!r}; "
                    "use another --run-dir"
                )
        for key in _MUST_MATCH_SETTINGS:
            if old_settings.get(key) != new_settings.get(key):
                raise ConfigurationError(
                    f"{run_dir} was run with {key}={old_settings.get(key)!r}, not "
                    f"{new_settings.get(key)!r}; use another --run-dir"
                )
        ids = list(old.get("ids") or [])
        seen = set(ids)
        ids += [i for i in info["ids"] if i not in seen]
        info = {**old, "ids": ids, "resumed_at": [*old.get("resumed_at", []), info["started_at"]]}
    write_json_atomic(path, info)
    return info


def _eta(seconds: float) -> str:
    return str(dt.timedelta(seconds=round(seconds)))


def run_eval(
    gold_dir: Path,
    run_dir: Path,
    extractor: SupportsExtract,
    *,
    settings: Settings | None = None,
    pipeline: str = "default",
    prompt_version: str | None = None,
    ids: Sequence[str] | None = None,
    limit: int | None = None,
    progress: TextIO | None = None,
) -> dict[str, Any]:
    """Extract every selected gold article not yet predicted, then score the run.

    Args:
        extractor: anything with ``extract(text, published=, language=)`` returning an
            ``ExtractionResult`` (the real ``Extractor``, ``NaiveExtractor`` or a fake).
        settings: recorded in settings.json (API key reduced to whether one is set).
        pipeline: the pipeline's name, recorded; a resume must use the same one.
        prompt_version: recorded; by default the one the named pipeline uses.
        progress: where the per-article lines go (default stderr).

    Returns:
        The report, also written to ``run_dir/report.json``.
    """
    out = progress if progress is not None else sys.stderr
    gold_dir = gold_dir.resolve()
    articles = discover_articles(gold_dir, ids=ids, limit=limit)
    if prompt_version is None and pipeline in PIPELINES:
        prompt_version = PIPELINES[pipeline].prompt_version(settings or Settings())
    info = _record_settings(run_dir, {
        "pipeline": pipeline,
        "prompt_version": prompt_version,
        "gold_dir": str(gold_dir),
        "started_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "library_version": __version__,
        "settings": settings.public_dict() if settings is not None else None,
        "ids": [a.id for a in articles],
    })
    pending = sum(1 for a in articles if not prediction_path(run_dir, a.id).is_file())
    durations: list[float] = []
    width = len(str(len(articles)))
    for index, art in enumerate(articles, 1):
        tag = f"[{index:>{width}}/{len(articles)}] {art.id}"
        pred_file = prediction_path(run_dir, art.id)
        if pred_file.is_file():
            print(f"{tag}  skipped (prediction exists)", file=out, flush=True)
            continue
        started = time.perf_counter()
        try:
            result = extractor.extract(
                _read_text(art.text_path), published=art.published, language=art.language
            )
        except LLMExtractError as exc:
            write_json_atomic(error_path(run_dir, art.id), {"id": art.id, "error": exc.to_dict()})
            status = f"ERROR {exc.kind}: {' '.join(exc.message.split())[:120]}"
        else:
            write_json_atomic(pred_file, result.model_dump(mode="json"))
            error_path(run_dir, art.id).unlink(missing_ok=True)
            status = f"{len(result.meetings)} records"
        durations.append(time.perf_counter() - started)
        eta = statistics.fmean(durations) * (pending - len(durations))
        print(f"{tag}  {durations[-1]:6.1f}s  {status}  ETA {_eta(eta)}", file=out, flush=True)
    return score_run(run_dir, gold_dir, ids=info["ids"])


def score_run(
    run_dir: Path, gold_dir: Path, *, ids: Sequence[str] | None = None, limit: int | None = None
) -> dict[str, Any]:
    """Score the predictions saved in ``run_dir`` and write ``report.json``; no model needed.

    By default the articles are those the run selected (``ids`` in settings.json), or every gold
    article when the run recorded none. A missing prediction scores as an empty one and counts
    as ``missing`` in the validity figures.
    """
    if not run_dir.is_dir():
        raise ConfigurationError(f"no such run directory: {run_dir}")
    gold_dir = gold_dir.resolve()
    run_info = read_json(run_dir / SETTINGS_FILE)
    run_info = run_info if isinstance(run_info, dict) else {}
    if ids:
        articles = discover_articles(gold_dir, ids=ids, limit=limit)
    else:
        articles = discover_articles(gold_dir)
        recorded = run_info.get("ids")
        if isinstance(recorded, list) and recorded:
            articles = [a for a in articles if a.id in set(recorded)]
        articles = articles[:limit] if limit is not None else articles
    outcomes = [load_outcome(run_dir, a.id) for a in articles]
    corpus = score_corpus(
        score_article(a.gold, o.prediction, article_id=a.id)
        for a, o in zip(articles, outcomes, strict=True)
    )
    run = {k: v for k, v in run_info.items() if k != "ids"}
    run["gold_dir"] = str(gold_dir)
    run["run_dir"] = str(run_dir.resolve())
    report = build_report(corpus, outcomes, run)
    write_json_atomic(run_dir / REPORT_FILE, report)
    return report
