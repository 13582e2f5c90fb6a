"""The two HTML pages of the tool, each one self-contained file that opens offline.

* :mod:`llm_extract.report.review`: the review page of an eval run, a batch JSONL or one
  result (:func:`load`, :func:`write_report`);
* :mod:`llm_extract.report.events`: the contact-network page of an ``llm-extract events``
  folder (:func:`write_events_report`).

    >>> from llm_extract.report import load, write_report
    >>> write_report(load(Path("runs/2024-06-01")), Path("report.html"))

What both share (inlined assets, ``report.css``, the template environment, text direction)
is in :mod:`llm_extract.report._page`.
"""

from llm_extract.report.events import is_events_folder, render_events_report, write_events_report
from llm_extract.report.review import ReportInput, ReviewArticle, load, render_report, write_report

# The review page's article under its former name, kept so that ``from llm_extract.report
# import Article`` still works; new code says ReviewArticle (text.article.Article is another).
Article = ReviewArticle

__all__ = [
    "Article",
    "ReportInput",
    "ReviewArticle",
    "is_events_folder",
    "load",
    "render_events_report",
    "render_report",
    "write_events_report",
    "write_report",
]
