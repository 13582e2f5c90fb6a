"""The review page: one self-contained HTML file from an eval run, a batch JSONL or one result.

Layers: :mod:`~llm_extract.report.review.loader` reads an input into articles
(:class:`ReviewArticle`), :mod:`~llm_extract.report.review.align` marks gold against predicted
records, :mod:`~llm_extract.report.review.spans` turns offsets into ``<mark>`` markup,
:mod:`~llm_extract.report.review.view` builds the per-article view and
:mod:`~llm_extract.report.review.render` fills ``page.html.j2``.
"""

from llm_extract.report.review.loader import ReportInput, ReviewArticle, load
from llm_extract.report.review.render import render_report, write_report

__all__ = ["ReportInput", "ReviewArticle", "load", "render_report", "write_report"]
