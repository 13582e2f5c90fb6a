"""The evaluation report: scores plus what the run cost, as ``report.json`` and as text.

The JSON form keeps raw counts beside the derived figures, so two reports can be compared (or
re-summed) without the predictions; the text form is what a person reads after a run.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from llm_extract.evaluation.counts import SLOTS, CorpusScore, score_corpus
from llm_extract.evaluation.rundir import Outcome
from llm_extract.evaluation.splits import HALVES, half_of

__all__ = ["REPORT_VERSION", "build_report", "render_counts_table", "render_text"]

REPORT_VERSION = 1


def _mean(values: Sequence[float]) -> float | None:
    return round(statistics.fmean(values), 3) if values else None


def _validity(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Validity and first-attempt validity over all articles: valid without a re-ask or a
    transport retry (recall re-reads and judge questions are not second attempts); for a
    prediction that does not record those apart, ``attempts == 1``."""
    n = len(outcomes)
    states = Counter(o.state for o in outcomes)
    first = sum(1 for o in outcomes if o.state == "ok" and (
        o.first_attempt if o.first_attempt is not None else o.attempts == 1))
    return {
        "articles": n,
        "valid": states["ok"],
        "rate": round(states["ok"] / n, 4) if n else None,
        "first_attempt_valid": first,
        "first_attempt_rate": round(first / n, 4) if n else None,
        "errors": states["error"],
        "missing": states["missing"],
        "invalid": states["invalid"],
    }


def _cost(outcomes: Sequence[Outcome]) -> dict[str, Any]:
    """Retries, tokens and seconds. Tokens average over articles that reached the model
    (a prediction or an error file), because failed calls cost tokens too; seconds come from
    ``provenance.latency_s`` and so only from predictions."""
    called = [o for o in outcomes if o.state in ("ok", "error")]
    latencies = [o.latency_s for o in outcomes if o.state == "ok" and o.latency_s is not None]
    return {
        "articles_called": len(called),
        "attempts": sum(o.attempts for o in called),
        # Each article's attempts beyond its first; an error raised before any call has 0.
        "retries": sum(max(o.attempts - 1, 0) for o in called),
        "prompt_tokens_total": sum(o.prompt_tokens for o in called),
        "completion_tokens_total": sum(o.completion_tokens for o in called),
        "prompt_tokens_mean": _mean([o.prompt_tokens for o in called]),
        "completion_tokens_mean": _mean([o.completion_tokens for o in called]),
        "seconds_median": round(statistics.median(latencies), 3) if latencies else None,
        "seconds_mean": _mean(latencies),
    }


def build_report(
    corpus: CorpusScore, outcomes: Sequence[Outcome], run: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON-ready report of one scored run (``outcomes`` in the order of ``corpus``)."""
    by_id = {o.id: o for o in outcomes}
    per_article = []
    for art in corpus.articles:
        outcome = by_id.get(art.id)
        micro = art.slots.micro
        per_article.append({
            "id": art.id,
            "language": art.language,
            "state": outcome.state if outcome else "missing",
            "f1": round(micro.f1, 4),
            "micro": micro.to_dict(),
            "records": art.records.to_dict(),
            "aligned": [[g, p, o] for g, p, o in art.aligned],
            "missed": art.missed,
            "spurious": art.spurious,
            "slots": art.slots.to_dict(),
        })
    return {
        "report_version": REPORT_VERSION,
        "scored_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "run": dict(run or {}),
        "articles": len(corpus.articles),
        "headline": corpus.micro.to_dict(),
        "records": corpus.records.to_dict(),
        "slots": corpus.slots.to_dict(),
        "languages": {
            lang: {"articles": ls.articles, "micro": ls.slots.micro.to_dict(),
                   "records": ls.records.to_dict()}
            for lang, ls in sorted(corpus.languages.items())
        },
        "empty_articles": {
            "articles": corpus.empty.articles,
            "with_false_records": corpus.empty.with_false_records,
            "false_records": corpus.empty.false_records,
        },
        "validity": _validity(outcomes),
        "cost": _cost(outcomes),
        "errors_by_kind": dict(sorted(Counter(
            o.error_kind or "unknown" for o in outcomes if o.state == "error"
        ).items())),
        "halves": _halves(corpus),
        "per_article": per_article,
    }


def _halves(corpus: CorpusScore) -> dict[str, Any]:
    """Headline and record figures of the TUNE and CHECK halves (``evaluation.splits``)."""
    out: dict[str, Any] = {}
    for half in HALVES:
        part = score_corpus(a for a in corpus.articles if half_of(a.id) == half)
        if part.articles:
            out[half] = {"articles": len(part.articles), "micro": part.micro.to_dict(),
                         "records": part.records.to_dict()}
    return out


def _fmt(value: Any, spec: str = ".3f") -> str:
    return "-" if value is None else format(value, spec)


def _pct(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.1f}%)" if whole else f"{part}/0"


def render_counts_table(rows: Sequence[tuple[str, Mapping[str, Any]]]) -> list[str]:
    """Lines of a P/R/F1 table, one row per ``(label, Counts.to_dict())``."""
    lines = [f"{'':18}{'P':>7}{'R':>7}{'F1':>7}{'tp':>9}{'pred':>7}{'gold':>7}"]
    for label, c in rows:
        lines.append(
            f"{label:18}{c['precision']:7.3f}{c['recall']:7.3f}{c['f1']:7.3f}"
            f"{c['tp']:9.1f}{c['pred']:7.0f}{c['gold']:7.0f}"
        )
    return lines


def render_text(report: Mapping[str, Any]) -> str:
    """The report as a person reads it at the end of a run."""
    run, head = report.get("run", {}), report["headline"]
    lines = [
        f"llm-extract eval: pipeline {run.get('pipeline', '?')}, prompt "
        f"{run.get('prompt_version', '?')}, {report['articles']} articles",
        f"gold: {run.get('gold_dir', '?')}",
        "",
        f"HEADLINE micro F1 {head['f1']:.3f}   (P {head['precision']:.3f}, "
        f"R {head['recall']:.3f}; tp {head['tp']:.1f} / pred {head['pred']:.0f} / "
        f"gold {head['gold']:.0f})",
        "",
    ]
    rows = [("records", report["records"])]
    rows += [(slot, report["slots"][slot]) for slot in SLOTS]
    rows.append(("all slots (micro)", head))
    lines += render_counts_table(rows)
    lines += ["", f"{'language':10}{'articles':>9}{'P':>7}{'R':>7}{'F1':>7}{'rec F1':>8}"]
    for lang, ls in report["languages"].items():
        m = ls["micro"]
        lines.append(f"{lang:10}{ls['articles']:9d}{m['precision']:7.3f}{m['recall']:7.3f}"
                     f"{m['f1']:7.3f}{ls['records']['f1']:8.3f}")
    halves = report.get("halves") or {}
    if len(halves) == 2:
        lines += ["", f"{'half':10}{'articles':>9}{'P':>7}{'R':>7}{'F1':>7}{'rec F1':>8}"]
        for half, hs in halves.items():
            m = hs["micro"]
            lines.append(f"{half.upper():10}{hs['articles']:9d}{m['precision']:7.3f}"
                         f"{m['recall']:7.3f}{m['f1']:7.3f}{hs['records']['f1']:8.3f}")
    empty, val, cost = report["empty_articles"], report["validity"], report["cost"]
    errors = ", ".join(f"{k} {v}" for k, v in report["errors_by_kind"].items()) or "none"
    lines += [
        "",
        f"gold-empty articles: {empty['articles']}, with false records: "
        f"{empty['with_false_records']} ({empty['false_records']} false records)",
        f"schema-valid: {_pct(val['valid'], val['articles'])}   first attempt: "
        f"{_pct(val['first_attempt_valid'], val['articles'])}   errors {val['errors']}, "
        f"missing {val['missing']}, invalid files {val['invalid']}",
        f"retries: {cost['retries']} (attempts {cost['attempts']} over "
        f"{cost['articles_called']} articles)",
        f"tokens per article: prompt {_fmt(cost['prompt_tokens_mean'], '.0f')}, completion "
        f"{_fmt(cost['completion_tokens_mean'], '.0f')}   (total "
        f"{cost['prompt_tokens_total']} / {cost['completion_tokens_total']})",
        f"seconds per article: median {_fmt(cost['seconds_median'], '.1f')}, mean "
        f"{_fmt(cost['seconds_mean'], '.1f')}",
        f"errors by kind: {errors}",
    ]
    return "\n".join(lines) + "\n"

