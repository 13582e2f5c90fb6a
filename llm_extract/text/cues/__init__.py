"""Cue words of the languages this tool reads, one module per language (spaCy's ``lang/xx``).

A 1.5B model reads most of an article right but gets a few things wrong in the same ways: it
copies a country or role from its few-shot examples, calls a phone call a meeting, misses
"postponed". Each of those has a surface cue in the sentence that reports the meeting; the
tables here list the cues.

Every language of :data:`llm_extract.text.languages.LANGUAGES` has a module here named by its
code (``ar``, ``en``, ``fr``, ``de``, ``es``, ``tr``, ``ru``, ``zh``, ``sv``), loaded in that
order; each defines the same names: the tuple tables of :data:`TABLE_NAMES` and the dict tables
``DEMONYMS`` (ISO alpha-2 -> cues), ``CITIES`` (English city name -> cues) and ``DAYS`` (a day,
"today" or "monday", -> cues); a table a
language has nothing for is an empty tuple or dict, never a missing name. A new language is a
new module with the same names and one line of :mod:`llm_extract.text.languages`. Each entry
says how it matches (:class:`Match`: a whole word, or a stem that may run on) and carries its
:func:`~llm_extract.text.normalize.fold` form, computed once at import. The country of a city
is not language data: it lives in :mod:`llm_extract.text.cues.places`.

:func:`table` gives one language's entries, or the union of all languages when the language is
None or unknown; :func:`find_cues` and :func:`has_cue` search folded text for them.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from functools import cache
from types import MappingProxyType, ModuleType

from llm_extract.text.cues._cue import LANGUAGES, Cue, Match, stem, word
from llm_extract.text.cues.places import CITY_COUNTRY
from llm_extract.text.normalize import Folded, find_folded

__all__ = [
    "CITY_COUNTRY",
    "DICT_TABLE_NAMES",
    "LANGUAGES",
    "TABLE_NAMES",
    "Cue",
    "Match",
    "city_forms",
    "days",
    "demonyms",
    "find_cues",
    "has_cue",
    "language_module",
    "stem",
    "table",
    "word",
]

TABLE_NAMES: tuple[str, ...] = (
    "PHONE",  # a phone call: "اتصال هاتفي", "by phone", "au téléphone"
    "VIDEO",  # a video conference
    "POSTPONED",  # the meeting was postponed
    "CANCELLED",  # ... or called off
    "PLANNED",  # future markers: "will meet", "سيلتقي"
    "PAST_CONTACT",  # finite past forms of a contact verb: the meeting has happened
    "SEPARATELY",  # "met A and B, each separately": one record per counterpart
    "RECEPTION",  # "received", "استقبل": the subject hosts
    "MEET",  # meeting verbs and nouns
    "IN_PERSON_MEET",  # words that put people in one room ("met", "on the sidelines of")
    "CONTACT",  # any word that reports a contact at all
    "VISIT",  # a visit or a trip
    "VENUE",  # words that make a "city" a venue inside one ("São Bento Palace")
    "NOT_PERSONS",  # bodies, groups and pronouns a model gives as participants
    "TITLES",  # honorifics and offices a model glues to the front of a name
    "HYPOTHETICAL",  # a contact reported as merely possible
    "GROUP",  # words that make a "name" a group of people or an institution
    "ATTENDEE",  # "in the presence of": who follows attends
    "HOSTING",  # hosting that is not a reception: someone hosts a call or a conference
    "SUMMIT",  # a summit: a multilateral meeting, with no host/guest distinction
    "DISCUSS",  # contact words that only say what was talked about ("discussed", "بحث")
)
DICT_TABLE_NAMES: tuple[str, ...] = ("DEMONYMS", "CITIES", "DAYS")

# One module per language, named by its code (text/languages.py is the list).
_MODULES: dict[str, ModuleType] = {
    language: importlib.import_module(f"{__name__}.{language}") for language in LANGUAGES
}


def language_module(language: str) -> ModuleType:
    """The data module of ``language`` (one of :data:`LANGUAGES`)."""
    return _MODULES[language]


def _known(language: str | None) -> str | None:
    return language if language in _MODULES else None


def _dedupe(cues: Iterable[Cue]) -> tuple[Cue, ...]:
    """``cues`` without repeats: two entries that fold alike and match alike find the same."""
    seen: set[tuple[str, Match]] = set()
    out: list[Cue] = []
    for cue in cues:
        key = (cue.folded, cue.match)
        if key not in seen:
            seen.add(key)
            out.append(cue)
    return tuple(out)


def table(name: str, language: str | None = None) -> tuple[Cue, ...]:
    """The entries of table ``name`` for ``language``; all languages' (deduplicated, in the
    order of :data:`LANGUAGES`) when ``language`` is None or not one of them."""
    if name not in TABLE_NAMES:
        raise KeyError(f"no cue table {name!r}; known: {', '.join(TABLE_NAMES)}")
    return _table(name, _known(language))


@cache
def _table(name: str, language: str | None) -> tuple[Cue, ...]:
    languages = LANGUAGES if language is None else (language,)
    return _dedupe(c for lang in languages for c in getattr(_MODULES[lang], name))


def demonyms(language: str | None = None) -> Mapping[str, tuple[Cue, ...]]:
    """ISO alpha-2 -> the demonyms of that state in ``language`` (all languages when None)."""
    return _dict_table("DEMONYMS", _known(language))


def days(language: str | None = None) -> Mapping[str, tuple[Cue, ...]]:
    """Day -> the words of ``language`` that name it ("today", "yesterday", "tomorrow",
    "monday" ... "sunday"); all languages' when None."""
    return _dict_table("DAYS", _known(language))


@cache
def _dict_table(name: str, language: str | None) -> Mapping[str, tuple[Cue, ...]]:
    """Dict table ``name`` of ``language``, or of all languages merged key by key."""
    languages = LANGUAGES if language is None else (language,)
    merged: dict[str, list[Cue]] = {}
    for lang in languages:
        for key, cues in getattr(_MODULES[lang], name).items():
            merged.setdefault(key, []).extend(cues)
    return MappingProxyType({key: _dedupe(cues) for key, cues in merged.items()})


def city_forms(language: str | None = None) -> Mapping[str, tuple[str, tuple[Cue, ...]]]:
    """English city name -> (ISO alpha-2, its forms in ``language``), in gazetteer order.

    The English name is itself a form (an ``en`` whole word), for ``en`` and for all languages
    (None); a city ``language`` has no form for is left out.
    """
    return _city_forms(_known(language))


@cache
def _city_forms(language: str | None) -> Mapping[str, tuple[str, tuple[Cue, ...]]]:
    languages = LANGUAGES if language is None else (language,)
    out: dict[str, tuple[str, tuple[Cue, ...]]] = {}
    for city, country in CITY_COUNTRY.items():
        own = word("en", city) if language in (None, "en") else ()
        cues = _dedupe((*own, *(c for lang in languages
                                for c in _MODULES[lang].CITIES.get(city, ()))))
        if cues:
            out[city] = (country, cues)
    return MappingProxyType(out)


def find_cues(
    folded: Folded, cues: Iterable[Cue], lo: int = 0, hi: int | None = None
) -> list[tuple[int, int]]:
    """Sorted source spans of every match of ``cues`` lying inside ``[lo, hi)`` of the source.

    Each cue matches by its own :class:`Match` mode; a place two cues both match is given once.
    """
    spans: set[tuple[int, int]] = set()
    for cue in cues:
        for spelling in cue.spellings:
            spans.update(find_folded(folded, spelling, whole_word_end=cue.match is Match.WORD,
                                     lo=lo, hi=hi))
    return sorted(spans)


def has_cue(folded: Folded, cues: Iterable[Cue], lo: int = 0, hi: int | None = None) -> bool:
    """Whether any of ``cues`` matches inside ``[lo, hi)`` of the source."""
    return any(find_folded(folded, spelling, whole_word_end=cue.match is Match.WORD,
                           lo=lo, hi=hi) for cue in cues for spelling in cue.spellings)
