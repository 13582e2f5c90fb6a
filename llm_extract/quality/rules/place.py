"""Where the meeting took place (``location``).

The guidelines give a place only when the article states or clearly implies it, and none to a
call or a video conference. A small model transliterates badly and copies few-shot cities
(``readers.fix_location``); these rules replace or drop a place the article does not give,
and fill a missing one from the city the record's own clause names.
"""

from __future__ import annotations

from llm_extract.quality.dedupe import clause
from llm_extract.quality.readers import fill_location, fix_location
from llm_extract.quality.registry import Candidate, per_record
from llm_extract.quality.rules._edit import changed
from llm_extract.schema import Flag
from llm_extract.text.article import Article

__all__ = ["place_from_article", "place_from_clause"]


@per_record
def place_from_article(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """The place is one the article names or implies: calls and video have none; a city the
    article does not name is replaced by the one the sentence names, and a name that is no
    city is dropped (GUIDELINES: ``location``)."""
    if rec.anchor is None:
        return [rec]
    m = rec.meeting
    place = fix_location(m, art, m.modality, *clause(rec, art))
    return [changed(rec, flags, location=place)]


@per_record
def place_from_clause(rec: Candidate, art: Article, flags: list[Flag]) -> list[Candidate]:
    """A record the model gave no place takes the city its own clause names, or a short
    article's only city (GUIDELINES: ``location`` when stated or clearly implied)."""
    if rec.anchor is None:
        return [rec]
    m = rec.meeting
    return [changed(rec, flags, location=fill_location(m, art, m.modality, *clause(rec, art)))]
