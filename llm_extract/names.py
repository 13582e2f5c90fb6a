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

from llm_extract.countries import to_country_code
from llm_extract.lexicon import DEMONYMS, TITLE_WORDS
from llm_extract.normalize import normalize_name

__all__ = ["country_as_name", "strip_titles"]

_TITLES = frozenset(normalize_name(w) for w in TITLE_WORDS)
_DEMONYMS = frozenset(normalize_name(w) for forms in DEMONYMS.values() for w in forms)
_POSSESSIVE = re.compile(r"^(.+?)(?:'s|’s)$")


def _is_title_token(token: str) -> bool:
    parts = [normalize_name(p) for p in re.split(r"[-‐]", token) if p.strip()]
    if not parts:
        return True
    if all(p in _TITLES or p in _DEMONYMS for p in parts):
        return True
    possessive = _POSSESSIVE.match(token)
    if possessive and to_country_code(possessive.group(1)) is not None:
        return True
    return len(parts) == 1 and to_country_code(token) is not None and len(parts[0]) > 2


def strip_titles(name: str) -> str | None:
    """``name`` without leading titles; None when nothing but titles is left."""
    tokens = name.split()
    start = 0
    while start < len(tokens) and _is_title_token(tokens[start].strip(".,،:")):
        start += 1
    if start == len(tokens):
        return None
    return " ".join(tokens[start:]) if start else name


def country_as_name(name: str) -> str | None:
    """The ISO code when a whole "name" is a country ("India", "الهند"), else None."""
    return to_country_code(name) if len(name.strip()) > 2 else None
