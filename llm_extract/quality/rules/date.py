"""When the meeting took place (``date``).

The guidelines give a date only when the article states it, or names a relative day that the
publication date makes certain. A small model copies the dates of its few-shot examples, and
the publication date onto meetings the article gives no day for; this rule keeps a day only
when the article names it (its number, or "today", "yesterday", a weekday that the publication
date resolves to it) and a month or a year only when its year is written.
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
    """A date is kept only when the article names it: a day by its number or by a word the
    publication date resolves ("yesterday", "on Monday"), a month or year by its year; the
    model copies few-shot dates and the publication date (GUIDELINES: ``date``)."""
    if rec.anchor is None:
        return [rec]
    return [changed(rec, flags, date=fix_date(rec.meeting, art))]
