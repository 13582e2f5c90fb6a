"""The old flat cue tables, rebuilt from :mod:`llm_extract.text.cues` (compatibility only).

This module goes away when ``llm_extract/quality/repair.py`` has moved to the cues API; new
code uses :func:`llm_extract.text.cues.table` and friends, which also say how each entry
matches. Here every entry is its bare text, all languages together, each text once, and the
caller decides again how it matches (as it did before).
"""

from __future__ import annotations

from llm_extract.text.cues import CITY_COUNTRY, LANGUAGES, language_module

__all__ = [
    "ATTENDEE_CUES",
    "CITY_FORMS",
    "CONTACT_CUES",
    "DEMONYMS",
    "GROUP_WORDS",
    "HYPOTHETICAL_CUES",
    "IN_PERSON_MEET_CUES",
    "MEET_CUES",
    "MODALITY_CUES",
    "NOT_PERSONS",
    "PAST_CONTACT_CUES",
    "PLANNED_CUES",
    "RECEPTION_CUES",
    "SEPARATELY_CUES",
    "STATUS_CUES",
    "TITLE_WORDS",
    "VENUE_WORDS",
    "VISIT_CUES",
]


def _texts(name: str) -> tuple[str, ...]:
    # Every language's text, even where two fold alike ("délégation", "delegation"): some
    # callers compare normalize_name forms, which keep accents.
    texts: dict[str, None] = {}
    for language in LANGUAGES:
        for cue in getattr(language_module(language), name):
            texts.setdefault(cue.text, None)
    return tuple(texts)


def _dict_texts(name: str, key: str) -> tuple[str, ...]:
    texts: dict[str, None] = {}
    for language in LANGUAGES:
        for cue in getattr(language_module(language), name).get(key, ()):
            texts.setdefault(cue.text, None)
    return tuple(texts)


MODALITY_CUES: dict[str, tuple[str, ...]] = {"phone": _texts("PHONE"), "video": _texts("VIDEO")}
STATUS_CUES: dict[str, tuple[str, ...]] = {
    "postponed": _texts("POSTPONED"), "cancelled": _texts("CANCELLED"),
}
PLANNED_CUES = _texts("PLANNED")
PAST_CONTACT_CUES = _texts("PAST_CONTACT")
SEPARATELY_CUES = _texts("SEPARATELY")
RECEPTION_CUES = _texts("RECEPTION")
MEET_CUES = _texts("MEET")
IN_PERSON_MEET_CUES = _texts("IN_PERSON_MEET")
CONTACT_CUES = _texts("CONTACT")
VISIT_CUES = _texts("VISIT")
VENUE_WORDS = _texts("VENUE")
NOT_PERSONS = _texts("NOT_PERSONS")
TITLE_WORDS = _texts("TITLES")
HYPOTHETICAL_CUES = _texts("HYPOTHETICAL")
GROUP_WORDS = _texts("GROUP")
ATTENDEE_CUES = _texts("ATTENDEE")

_CODES = dict.fromkeys(code for language in LANGUAGES
                       for code in language_module(language).DEMONYMS)
DEMONYMS: dict[str, tuple[str, ...]] = {code: _dict_texts("DEMONYMS", code) for code in _CODES}
# City -> (country, forms other than the English name, which callers add themselves).
CITY_FORMS: dict[str, tuple[str, tuple[str, ...]]] = {
    city: (country, _dict_texts("CITIES", city)) for city, country in CITY_COUNTRY.items()
}
