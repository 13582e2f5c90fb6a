"""Which language an article is written in, when the caller does not say.

The cue tables are chosen by the article's language (``text.cues``): an English "Riad" is not
the Spanish name of Riyadh, a French "vienne" is not Vienna. Detection uses lingua (a maintained
detector that ships its models in the wheel, so nothing is downloaded), restricted to the
languages this tool has cue data for plus the ones most often confused with them (Persian and
Urdu beside Arabic, Japanese beside Chinese, the other Scandinavian and Romance languages…), so
that an article in one of those is not forced into a cue language. Both lists are in
:mod:`llm_extract.text.languages`. The detector is built once,
on first use, and is safe to share between threads.
"""

from __future__ import annotations

import threading
from typing import Any

from llm_extract.text.languages import DETECTOR_NAMES, DETECTOR_ONLY

__all__ = ["detect_language"]

# lingua names of the languages the detector chooses among: the cue languages, then the others.
_CANDIDATES = (*DETECTOR_NAMES.values(), *DETECTOR_ONLY)
_MIN_LETTERS = 12  # below this, a guess is noise: the caller gets None (all cue tables)

_lock = threading.Lock()
_detector: Any = None


def _build() -> Any:
    global _detector
    with _lock:
        if _detector is None:
            from lingua import Language, LanguageDetectorBuilder

            languages = [getattr(Language, name) for name in _CANDIDATES]
            _detector = LanguageDetectorBuilder.from_languages(*languages).build()
        return _detector


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of ``text``'s language, or None when it is too short to tell."""
    if sum(ch.isalpha() for ch in text[:2000]) < _MIN_LETTERS:
        return None
    found = _build().detect_language_of(text[:2000])
    return None if found is None else str(found.iso_code_639_1.name).lower()
