"""When the meeting took place (``date``).

The guidelines give a date only when the article states it. A small model copies the dates of
its few-shot examples; this rule keeps a date only when the article states its year or the
publication date is close to it.
"""

from __future__ import annotations

from llm_extract.quality.readers import fix_date
from llm_extract.quality.registry import Candidate, per_record
from llm_extract.quality.rules._edit import changed
from llm_extract.schema import Flag
from llm_extract.text.article import Article

__all__ = ["date_from_article"]


@per_record
def date_from_article(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A date is kept only when the article states its year or the publication date is close
    to it; the model copies few-shot dates (GUIDELINES: ``date`` when the article states it)."""
    if rec.anchor is None:
        return [rec]
    return [changed(rec, flags, date=fix_date(rec.meeting, art))]
