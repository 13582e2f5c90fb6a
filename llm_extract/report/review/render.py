"""Render a loaded input as one self-contained HTML page.

The page must open from a mail attachment or a CI artefact with no network, so the stylesheet
and script are read from files next to this module and inlined; nothing is fetched. Jinja2
autoescaping is on, and the only pre-built markup (the article text with its ``<mark>``
elements) is escaped piece by piece in :mod:`llm_extract.report.review.spans`.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from llm_extract._io import write_atomic
from llm_extract.report._page import asset, environment
from llm_extract.report.review.loader import ReportInput
from llm_extract.report.review.view import ArticleView, build_article

__all__ = ["Table", "render_report", "summary_tables", "write_report"]

_SCALARS = (str, int, float, bool, type(None))
_OVERVIEW = "Counted by this page"


@dataclass
class Table:
    """A titled table of pre-formatted cells: row label then one cell per column."""

    title: str
    columns: list[str]
    rows: list[tuple[str, list[str]]]

    @property
    def primary(self) -> bool:
        """Score tables (with an F1 column) are shown open; the rest of the figures fold away."""
        return self.title == _OVERVIEW or any(c.split(".")[-1] == "f1" for c in self.columns)


def _cell(value: Any) -> str:
    if isinstance(value, list) and len(value) > 10:
        return f"[{len(value)} items]"
    if isinstance(value, float):
        return f"{value:.3f}"
    if value is None:
        return "—"
    if isinstance(value, _SCALARS):
        return str(value)
    return json.dumps(value, ensure_ascii=False)


# Keys of report.json shown elsewhere on the page: the run's settings (in "Run settings") and
# the per-article rows (as each article's F1 pill), which would be a table as long as the page.
_SHOWN_ELSEWHERE = frozenset({"run", "per_article"})


def _flatten(data: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested mappings as one level of dotted keys (``micro.f1``)."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, Mapping):
            flat |= _flatten(value, f"{prefix}{key}.")
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def summary_tables(data: Mapping[str, Any], title: str = "Scores") -> list[Table]:
    """Tables for whatever keys a ``report.json`` has, so a new metric needs no code here.

    Scalars at one level make one table (a single row, or a list when there are many); a
    mapping whose values are all mappings (per slot, per language) makes a matrix with one row
    per key and dotted columns for deeper levels. ``headline`` comes first when present.
    """
    order = sorted(data, key=lambda k: k != "headline")
    flat = {k: data[k] for k in order if not isinstance(data[k], Mapping)
            and k not in _SHOWN_ELSEWHERE}
    tables: list[Table] = []
    for key in order:
        value = data[key]
        if not isinstance(value, Mapping) or key in _SHOWN_ELSEWHERE:
            continue
        inner = list(value.values())
        if inner and all(isinstance(v, Mapping) for v in inner):
            rows = {str(k): _flatten(v) for k, v in value.items()}
            columns: list[str] = []
            for row in rows.values():
                columns.extend(c for c in row if c not in columns)
            tables.append(Table(str(key), columns,
                                [(k, [_cell(r.get(c)) for c in columns]) for k, r in rows.items()]))
        else:
            tables.append(_scalar_table(str(key), _flatten(value)))
    if flat:
        tables.append(_scalar_table(title, flat))
    return tables


def _scalar_table(title: str, values: Mapping[str, Any]) -> Table:
    if len(values) <= 8:
        return Table(title, list(values), [("", [_cell(v) for v in values.values()])])
    return Table(title, ["value"], [(k, [_cell(v)]) for k, v in values.items()])


def _overview(data: ReportInput, views: Sequence[ArticleView]) -> Table:
    """Counts this page makes itself, labelled so nobody mistakes them for the scorer's."""
    predicted = sum(len(v.article.result.meetings) for v in views if v.article.result)
    row: dict[str, int] = {
        "articles": len(views),
        "extraction errors": sum(v.has_error for v in views),
        "predicted records": predicted,
        "flags": sum(len(v.article.result.flags) for v in views if v.article.result),
    }
    if data.kind == "eval_run":
        verdicts = Counter(r.verdict for v in views for r in v.rows)
        marks: Counter[str] = Counter()
        for v in views:
            marks.update(v.marks)
        row |= {
            "gold records": sum(len(v.article.gold or []) for v in views),
            "aligned": verdicts["aligned"], "missed records": verdicts["missed"],
            "spurious records": verdicts["spurious"],
            "articles with mistakes": sum(v.has_mistake for v in views),
        }
        row |= {f"slots {k}": marks[k] for k in ("right", "partial", "wrong", "missed",
                                                  "spurious")}
    return Table(_OVERVIEW, list(row), [("", [str(n) for n in row.values()])])


def render_report(data: ReportInput, title: str | None = None) -> str:
    """The whole page as a string."""
    views = [build_article(article, i) for i, article in enumerate(data.articles)]
    tables = [_overview(data, views)]
    if data.summary:
        tables += summary_tables(data.summary)
    languages = sorted({v.article.language or "unknown" for v in views})
    statuses = sorted({s for v in views for s in v.statuses})
    settings = [(k, _cell(v)) for k, v in (data.settings or {}).items()]
    headline = (data.summary or {}).get("headline")
    template = environment().get_template("review/page.html.j2")
    return template.render(
        title=title or f"llm-extract report: {data.path.name}",
        data=data, views=views, tables=tables, settings=settings,
        headline=headline if isinstance(headline, Mapping) else None,
        languages=languages, statuses=statuses,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        css=asset("report.css"), js=asset("review/page.js"),
    )


def write_report(data: ReportInput, output: Path, title: str | None = None) -> None:
    """Write the page as UTF-8; a lone surrogate from a broken JSON escape becomes U+FFFD."""
    write_atomic(output, render_report(data, title).encode("utf-8", errors="replace"))
