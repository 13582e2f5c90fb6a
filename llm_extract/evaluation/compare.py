"""Two scored runs side by side: slot by slot, language by language, article by article.

Works from the runs' ``report.json`` files alone (raw counts are kept there), so comparing needs
neither the model nor the gold folder; a run without a report is scored first with
``llm-extract eval --score-only RUN_DIR GOLD_DIR``.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from llm_extract.errors import ConfigurationError
from llm_extract.evaluation.counts import SLOTS
from llm_extract.evaluation.rundir import REPORT_FILE, read_json

__all__ = ["load_report", "render_compare"]


def load_report(run_dir: Path) -> dict[str, Any]:
    """The ``report.json`` of a run directory."""
    report = read_json(run_dir / REPORT_FILE)
    if not isinstance(report, dict) or "headline" not in report:
        raise ConfigurationError(
            f"{run_dir} has no {REPORT_FILE}; score it first: "
            f"llm-extract eval --score-only {run_dir} GOLD_DIR"
        )
    return report


def _f(value: Any) -> str:
    return f"{value:7.3f}" if isinstance(value, (int, float)) else f"{'-':>7}"


def _delta(a: Any, b: Any) -> str:
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return f"{b - a:+8.3f}"
    return f"{'':8}"


def _row(label: str, a: Mapping[str, Any] | None, b: Mapping[str, Any] | None) -> str:
    """F1 of A and B, B minus A, then precision and recall of each."""
    a, b = a or {}, b or {}
    return (
        f"{label:20}{_f(a.get('f1'))}{_f(b.get('f1'))}{_delta(a.get('f1'), b.get('f1'))}"
        f"  {_f(a.get('precision'))}{_f(b.get('precision'))}"
        f"  {_f(a.get('recall'))}{_f(b.get('recall'))}"
    )


def _header(label: str) -> str:
    return f"{label:20}{'F1 A':>7}{'F1 B':>7}{'B-A':>8}  {'P A':>7}{'P B':>7}  {'R A':>7}{'R B':>7}"


def _describe(tag: str, report: Mapping[str, Any]) -> str:
    run = report.get("run", {})
    return (f"{tag}: {run.get('run_dir', '?')}  (pipeline {run.get('pipeline', '?')}, prompt "
            f"{run.get('prompt_version', '?')}, {report.get('articles', '?')} articles)")


def render_compare(a: Mapping[str, Any], b: Mapping[str, Any]) -> str:
    """The text comparison of report ``a`` (A) with report ``b`` (B); deltas are B - A."""
    lines = [_describe("A", a), _describe("B", b)]
    if a.get("run", {}).get("gold_dir") != b.get("run", {}).get("gold_dir"):
        lines.append("note: the runs were scored against different gold folders")
    lines += ["", _header(""), _row("HEADLINE (micro)", a["headline"], b["headline"]),
              _row("records", a["records"], b["records"])]
    lines += [_row(slot, a["slots"].get(slot), b["slots"].get(slot)) for slot in SLOTS]
    languages = sorted(set(a.get("languages", {})) | set(b.get("languages", {})))
    lines += ["", _header("language")]
    lines += [
        _row(lang, a["languages"].get(lang, {}).get("micro"),
             b["languages"].get(lang, {}).get("micro"))
        for lang in languages
    ]
    va, vb = a.get("validity", {}), b.get("validity", {})
    ca, cb = a.get("cost", {}), b.get("cost", {})
    lines += ["", f"{'':20}{'A':>10}{'B':>10}"]
    for label, key, src_a, src_b in (
        ("validity rate", "rate", va, vb),
        ("first-attempt rate", "first_attempt_rate", va, vb),
        ("errors", "errors", va, vb),
        ("retries", "retries", ca, cb),
        ("prompt tok/article", "prompt_tokens_mean", ca, cb),
        ("output tok/article", "completion_tokens_mean", ca, cb),
        ("seconds median", "seconds_median", ca, cb),
    ):
        lines.append(f"{label:20}{_cell(src_a.get(key))}{_cell(src_b.get(key))}")
    arts_a = {r["id"]: r for r in a.get("per_article", [])}
    arts_b = {r["id"]: r for r in b.get("per_article", [])}
    lines += ["", f"{'article':12}{'F1 A':>7}{'F1 B':>7}{'B-A':>8}  records A/B/gold  state A/B"]
    for ident in sorted(set(arts_a) | set(arts_b)):
        ra, rb = arts_a.get(ident, {}), arts_b.get(ident, {})
        gold = (ra or rb).get("records", {}).get("gold")
        recs = "/".join(_int(x) for x in (
            ra.get("records", {}).get("pred"), rb.get("records", {}).get("pred"), gold))
        states = f"{ra.get('state', '-')}/{rb.get('state', '-')}"
        lines.append(f"{ident:12}{_f(ra.get('f1'))}{_f(rb.get('f1'))}"
                     f"{_delta(ra.get('f1'), rb.get('f1'))}  {recs:16}  {states}")
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:10.3f}"
    return f"{'-' if value is None else value:>10}"


def _int(value: Any) -> str:
    return str(int(value)) if isinstance(value, (int, float)) else "-"
