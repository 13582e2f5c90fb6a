"""The HTML review page: one self-contained file from an eval run, a batch JSONL or one result;
and the contact-network page of an ``llm-extract events`` folder (:func:`write_events_report`).

    >>> from llm_extract.report import load, write_report
    >>> write_report(load(Path("runs/2024-06-01")), Path("report.html"))

Layers: :mod:`~llm_extract.report.loader` reads an input into articles,
:mod:`~llm_extract.report.align` marks gold against predicted records,
:mod:`~llm_extract.report.spans` turns offsets into ``<mark>`` markup,
:mod:`~llm_extract.report.view` builds the per-article view and
:mod:`~llm_extract.report.render` fills the template.
"""

from llm_extract.report.events_render import render_events_report, write_events_report
from llm_extract.report.events_view import is_events_folder
from llm_extract.report.loader import Article, ReportInput, load
from llm_extract.report.render import render_report, write_report

__all__ = [
    "Article",
    "ReportInput",
    "is_events_folder",
    "load",
    "render_events_report",
    "render_report",
    "write_events_report",
    "write_report",
]
