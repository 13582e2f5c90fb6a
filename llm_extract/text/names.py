"""Person names as the guidelines want them: without the titles a model glues on.

A model copies "US President Donald Trump", "Dr. Fuad Hussein", "China's Xi Jinping" or
"الرئيس برهم صالح" from the text: all grounded, none the name. :func:`strip_titles` removes
leading honorifics, offices, demonyms and possessive country names; what is left is the
person's name (still a substring of the article). A "name" that is all title
("Secretary-General") is no name at all, and a country given as a name ("India") is an unnamed
participant of that country.
"""

from __future__ import annotations

import re
from functools import cache

from llm_extract.text.countries import to_country_code
from llm_extract.text.cues import Cue, Match, demonyms, table
from llm_extract.text.normalize import fold

__all__ = ["country_as_name", "strip_titles"]

_POSSESSIVE = re.compile(r"^(.+?)(?:'s|’s)$")


@cache
def _title_cues(language: str | None) -> tuple[frozenset[str], tuple[str, ...]]:
    """Folded titles and demonyms of ``language``: whole words, and stems (иранск)."""
    cues: list[Cue] = [*table("TITLES", language)]
    for forms in demonyms(language).values():
        cues.extend(forms)
    words = frozenset(c.folded for c in cues if c.match is Match.WORD)
    stems = tuple(c.folded for c in cues if c.match is Match.STEM)
    return words, stems


def _is_title_token(token: str, language: str | None) -> bool:
    """A title or demonym ("President", "Iraqi", "Vice-President"), or a possessive country
    ("China's")."""
    words, stems = _title_cues(language)
    parts = [fold(p).text for p in re.split(r"[-‐]", token) if p.strip()]
    if all(p and (p in words or p.startswith(stems)) for p in parts):
        return True  # (a token of dashes alone, no part at all, is no name either)
    possessive = _POSSESSIVE.match(token)
    return bool(possessive and to_country_code(possessive.group(1)) is not None)


def _is_country_token(token: str) -> bool:
    return len(token) > 2 and to_country_code(token) is not None


def _leads_with_title(tokens: list[str], language: str | None) -> bool:
    """Whether ``tokens[0]`` is a title, or a country name that a title follows."""
    if _is_title_token(tokens[0], language):
        return True
    return (len(tokens) > 1 and _is_country_token(tokens[0])
            and _is_title_token(tokens[1], language))


def strip_titles(name: str, language: str | None = None) -> str | None:
    """``name`` without leading titles; None when nothing but titles is left.

    A bare country name counts as a title only before a title word ("Iraq Foreign Minister
    Fuad Hussein"): "Israel Katz" and "Jordan Bardella" keep their first names. A whole name
    that is a country ("India") is :func:`country_as_name`'s.
    """
    if len(name.split()) == 1 and _cjk(name):
        return _strip_cjk_titles(name, language)
    tokens = [t.strip(".,،:") for t in name.split()]
    start = 0
    while start < len(tokens) and _leads_with_title(tokens[start:], language):
        start += 1
    if start == len(tokens):
        return None
    return " ".join(name.split()[start:]) if start else name


def _cjk(text: str) -> bool:
    return all(0x2E80 <= ord(c) <= 0x9FFF or 0xF900 <= ord(c) <= 0xFAFF for c in text)


def _strip_cjk_titles(name: str, language: str | None) -> str | None:
    """A Chinese name without the country and office written before it with no space
    ("意大利总统纳波利塔诺" is 纳波利塔诺): the longest title or demonym of the tables that
    begins the name is removed, again and again, while a name of two characters or more is
    left; None when the whole "name" is an office ("国务委员")."""
    words, stems = _title_cues("zh" if language is None else language)
    forms = sorted(words | set(stems), key=len, reverse=True)
    rest = name
    while True:
        lead = next((f for f in forms if f and rest.startswith(f)), None)
        if lead is None:
            return rest if rest != name or len(rest) >= 2 else name
        if len(rest) == len(lead):
            return None
        if len(rest) - len(lead) < 2:
            return rest  # "王部长"-like: the rest is no name of its own; keep as written
        rest = rest[len(lead):]


def country_as_name(name: str) -> str | None:
    """The ISO code when a whole "name" is a country ("India", "الهند"), else None."""
    return to_country_code(name) if len(name.strip()) > 2 else None
