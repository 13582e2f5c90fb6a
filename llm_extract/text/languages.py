"""The languages this tool reads: the one list a new language is added to.

Each entry of :data:`DETECTOR_NAMES` is an ISO 639-1 code and the lingua name the language
detector knows it by (:mod:`llm_extract.text.language`); :data:`LANGUAGES` is its codes, in
order. The rest is found by the code:

- its cue tables are the module ``llm_extract.text.cues.<code>`` (required: every language
  has one; :mod:`llm_extract.text.cues` loads them in the order of this list);
- its prompt-injection patterns are the module ``llm_extract.text.injection.<code>``, when it
  exists. A language without one is named in :data:`NO_INJECTION_PATTERNS` with the reason;
  ``tests/text/test_languages.py`` checks that each language has its cue module, a detector
  name lingua knows, and either injection patterns or such a reason.

:data:`DETECTOR_ONLY` lists the languages the detector also chooses among without the tool
having data for them (the ones most often confused with a cue language), so that an article
in one of those is not forced into a cue language.

A new language: a cue module ``text/cues/<code>.py`` with the tables of
:data:`llm_extract.text.cues.TABLE_NAMES`, an injection module ``text/injection/<code>.py``
with ``PATTERNS`` (or an entry of :data:`NO_INJECTION_PATTERNS`), and one line here.
"""

from __future__ import annotations

from types import MappingProxyType
from typing import Final

__all__ = ["DETECTOR_NAMES", "DETECTOR_ONLY", "LANGUAGES", "NO_INJECTION_PATTERNS"]

# ISO 639-1 code -> lingua ``Language`` name. The order matters: the union of all languages'
# cue tables (``text.cues.table(name)``) keeps the first of two entries that fold alike.
DETECTOR_NAMES: Final = MappingProxyType({
    "ar": "ARABIC",
    "en": "ENGLISH",
    "fr": "FRENCH",
    "de": "GERMAN",
    "es": "SPANISH",
    "tr": "TURKISH",
    "ru": "RUSSIAN",
    "zh": "CHINESE",
    "sv": "SWEDISH",
})

LANGUAGES: Final[tuple[str, ...]] = tuple(DETECTOR_NAMES)

# Languages with cue tables but no injection patterns yet, and why. All injection patterns are
# searched whatever the article's language (an attack is often in another language than the
# article), so an article in one of these is still searched with every other language's
# patterns; an attack written in one of these languages is not found.
NO_INJECTION_PATTERNS: Final = MappingProxyType({
    "de": "no German patterns written yet: the injection cases (tests/robustness) cover "
          "en, ar, fr, ru, zh; English attacks in German articles are found",
    "es": "no Spanish patterns written yet (as for de)",
    "tr": "no Turkish patterns written yet (as for de)",
    "sv": "no Swedish patterns written yet (as for de)",
})

# lingua names of languages the detector also chooses among (no cue data): the ones most often
# confused with a cue language (Persian and Urdu beside Arabic, Japanese beside Chinese, the
# other Scandinavian and Romance languages...).
DETECTOR_ONLY: Final[tuple[str, ...]] = (
    "PERSIAN", "URDU", "HEBREW", "JAPANESE", "KOREAN", "ITALIAN", "PORTUGUESE",
    "DUTCH", "DANISH", "BOKMAL", "POLISH", "UKRAINIAN", "AZERBAIJANI", "INDONESIAN",
)
