"""The one list of languages (text/languages.py): each language has all its parts."""

from __future__ import annotations

import importlib.util
import pkgutil

import pytest
from lingua import Language

import llm_extract.text.cues as cues_package
import llm_extract.text.injection as injection_package
from llm_extract.text import language as detection
from llm_extract.text.cues import TABLE_NAMES, language_module
from llm_extract.text.injection import MODULES
from llm_extract.text.languages import (
    DETECTOR_NAMES,
    DETECTOR_ONLY,
    LANGUAGES,
    NO_INJECTION_PATTERNS,
)

_NOT_LANGUAGES = {"_cue", "places"}  # cues/ modules that are not a language's tables


def _language_modules(package: object) -> set[str]:
    path = package.__path__  # type: ignore[attr-defined]
    return {m.name for m in pkgutil.iter_modules(path)} - _NOT_LANGUAGES


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_has_its_cue_module(code: str) -> None:
    module = language_module(code)
    assert module.__name__ == f"llm_extract.text.cues.{code}"
    assert all(hasattr(module, name) for name in TABLE_NAMES)


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_has_a_detector_name_that_gives_back_its_code(code: str) -> None:
    found = getattr(Language, DETECTOR_NAMES[code])
    assert found.iso_code_639_1.name.lower() == code
    assert DETECTOR_NAMES[code] in detection._CANDIDATES


@pytest.mark.parametrize("code", LANGUAGES)
def test_each_language_has_injection_patterns_or_a_reason(code: str) -> None:
    has_module = importlib.util.find_spec(f"llm_extract.text.injection.{code}") is not None
    if code in NO_INJECTION_PATTERNS:
        assert not has_module, f"{code} has patterns: drop it from NO_INJECTION_PATTERNS"
        assert NO_INJECTION_PATTERNS[code].strip()
    else:
        assert has_module and code in MODULES
        assert MODULES[code].PATTERNS


def test_no_module_or_reason_names_a_language_not_in_the_list() -> None:
    assert _language_modules(cues_package) == set(LANGUAGES)
    assert _language_modules(injection_package) <= set(LANGUAGES)
    assert set(NO_INJECTION_PATTERNS) <= set(LANGUAGES)
    assert set(MODULES) == set(LANGUAGES) - set(NO_INJECTION_PATTERNS)


def test_detector_only_languages_are_lingua_names_and_not_cue_languages() -> None:
    assert all(hasattr(Language, name) for name in DETECTOR_ONLY)
    assert not set(DETECTOR_ONLY) & set(DETECTOR_NAMES.values())
    assert set(DETECTOR_ONLY) <= set(detection._CANDIDATES)
