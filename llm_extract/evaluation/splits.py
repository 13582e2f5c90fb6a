"""The dev set's two fixed halves, TUNE and CHECK, by a rule that needs no list.

Every rule, cue, prompt or pipeline change is chosen on TUNE and reported on CHECK, so that a
gain which shows only where it was tuned is seen as such. The rule is the article number: an id
``NNN_xx`` whose number is a multiple of 4 is TUNE, any other is CHECK. The dev ids run in steps
of two (000, 002, 004…) and are grouped by language, so the rule alternates within every
language: 000_ar TUNE, 002_ar CHECK, 004_ar TUNE… An id without a leading number is CHECK.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

__all__ = ["HALVES", "Half", "half_of", "select"]

Half = Literal["tune", "check"]
HALVES: tuple[Half, ...] = ("tune", "check")


def half_of(article_id: str) -> Half:
    """``"tune"`` or ``"check"`` for an article id such as ``012_ar``."""
    digits = article_id.split("_", 1)[0]
    return "tune" if digits.isdigit() and int(digits) % 4 == 0 else "check"


def select(ids: Iterable[str], half: Half) -> list[str]:
    """The ids of ``ids`` that belong to ``half``, in their order."""
    return [i for i in ids if half_of(i) == half]
