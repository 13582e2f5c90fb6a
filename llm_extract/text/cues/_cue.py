"""The cue record and the helpers the language modules build their tables with."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Protocol

from llm_extract.text.languages import LANGUAGES
from llm_extract.text.normalize import fold

__all__ = ["LANGUAGES", "Builder", "Cue", "Match", "builders", "stem", "word"]


class Match(StrEnum):
    """How a cue matches the folded article text.

    Both modes start at a word start (an Arabic word may carry up to two joined proclitics
    و ف ب ل ك before it: وبحضور holds بحضور). CJK entries match at any position in either mode,
    since those scripts write no spaces between words.
    """

    WORD = "word"  # ends at a word end: "met" finds "met", "met with", not "metro"
    STEM = "stem"  # may run on inside the word: "postpone" finds "postponement"


@dataclass(frozen=True)
class Cue:
    """One entry of a cue table: its text as written, how it matches, its language, and its
    :func:`~llm_extract.text.normalize.fold` form (computed once, when the module loads)."""

    text: str
    match: Match
    language: str
    folded: str = field(init=False)
    # The folded spellings searched for: ``folded`` and, for an Arabic form with the article
    # ال, its spelling after the preposition ل, which absorbs the alif (القاهرة -> للقاهرة).
    spellings: tuple[str, ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        folded = fold(self.text).text
        if not folded:
            raise ValueError(f"cue {self.text!r} folds to nothing")
        if self.language not in LANGUAGES:
            raise ValueError(f"cue {self.text!r}: unknown language {self.language!r}")
        object.__setattr__(self, "folded", folded)
        extra = ("لل" + folded[2:],) if folded.startswith("ال") and len(folded) > 3 else ()
        object.__setattr__(self, "spellings", (folded, *extra))


def word(language: str, *texts: str) -> tuple[Cue, ...]:
    """Whole-word cues of ``language``."""
    return tuple(Cue(t, Match.WORD, language) for t in texts)


def stem(language: str, *texts: str) -> tuple[Cue, ...]:
    """Run-on cues (stems) of ``language``."""
    return tuple(Cue(t, Match.STEM, language) for t in texts)


class Builder(Protocol):
    """``word`` or ``stem`` with the language already given."""

    def __call__(self, *texts: str) -> tuple[Cue, ...]: ...


def builders(language: str) -> tuple[Builder, Builder]:
    """``(word, stem)`` bound to one language, for a language module's tables."""

    def bound_word(*texts: str) -> tuple[Cue, ...]:
        return word(language, *texts)

    def bound_stem(*texts: str) -> tuple[Cue, ...]:
        return stem(language, *texts)

    return bound_word, bound_stem
