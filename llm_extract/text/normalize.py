"""Unicode and Arabic normalization, shared by grounding and scoring so that they agree.

Two strengths, for two jobs:

* :func:`normalize_name` is exactly the scorer's rule from the annotation guidelines: NFKC,
  case-folding, punctuation removed; for Arabic script, diacritics and tatweel removed,
  أ/إ/آ→ا, ى→ي, ة→ه. Whitespace is collapsed so that tokens can be compared.
* :func:`fold` goes further for *finding* a model's quote in the source: it also drops every
  combining mark, bidi control and zero-width character, turns punctuation into a space and
  collapses whitespace, and it returns a map from each folded character back to its offset in
  the original text, so a match can be reported as character offsets of the source.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from bisect import bisect_left
from dataclasses import dataclass

__all__ = [
    "Folded", "find_all", "find_folded", "find_span", "fold", "name_tokens", "normalize_name",
]

_ARABIC_LETTER_MAP = {
    "\u0623": "\u0627",  # أ → ا
    "\u0625": "\u0627",  # إ → ا
    "\u0622": "\u0627",  # آ → ا
    "\u0671": "\u0627",  # ٱ → ا
    "\u0649": "\u064a",  # ى → ي
    "\u0629": "\u0647",  # ة → ه
}
# Persian letter forms that Arabic-language outlets also print (الکاظمی for الكاظمي): folded to
# the Arabic letters when searching, so a model writing Arabic forms is still grounded.
_PERSIAN_LETTERS = {"\u06a9": "\u0643", "\u06cc": "\u064a", "\u06c0": "\u0647"}
_TATWEEL = "\u0640"
# Bidi controls and zero-width characters that scraped text carries invisibly.
_INVISIBLE = frozenset(
    "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e"
    "\u2066\u2067\u2068\u2069\ufeff\u00ad\u061c"
)
_SPACES = re.compile(r"\s+")


def _is_arabic_diacritic(ch: str) -> bool:
    code = ord(ch)
    return 0x064B <= code <= 0x065F or code == 0x0670 or 0x06D6 <= code <= 0x06ED


def _is_punct(ch: str) -> bool:
    cat = unicodedata.category(ch)
    return cat.startswith("P") or cat.startswith("S")


@functools.lru_cache(maxsize=65_536)
def normalize_name(text: str) -> str:
    """The guidelines' name normalization (the reference scorer's rule 1); remembered, since
    de-duplication compares every pair of a long document's records by name."""
    out: list[str] = []
    for ch in unicodedata.normalize("NFKC", text).casefold():
        if ch == _TATWEEL or _is_arabic_diacritic(ch) or ch in _INVISIBLE:
            continue
        if _is_punct(ch):
            continue
        out.append(_ARABIC_LETTER_MAP.get(ch, ch))
    # Removing a character can leave a base letter next to a combining mark ("C:\u0327" ->
    # "c\u0327"); compose again, so that normalizing a normalized name changes nothing.
    return _SPACES.sub(" ", unicodedata.normalize("NFC", "".join(out))).strip()


def name_tokens(text: str) -> frozenset[str]:
    """The set of whitespace tokens of :func:`normalize_name` (for half-credit matches)."""
    return frozenset(normalize_name(text).split())


@dataclass(frozen=True)
class Folded:
    """Folded text plus, for each of its characters, the offset of its source character."""

    text: str
    origin: tuple[int, ...]


def _fold_char(ch: str) -> str:
    """What one source character becomes when folded ('' drops it, ' ' separates)."""
    if ch in _INVISIBLE or ch == _TATWEEL:
        return ""
    out: list[str] = []
    for c in unicodedata.normalize("NFKD", ch):
        if unicodedata.combining(c) or _is_arabic_diacritic(c):
            continue
        if c.isspace() or _is_punct(c):
            out.append(" ")
            continue
        for lower in unicodedata.normalize("NFKC", c).casefold():
            lower = _PERSIAN_LETTERS.get(lower, lower)
            out.append(_ARABIC_LETTER_MAP.get(lower, lower))
    return "".join(out)


def fold(text: str) -> Folded:
    """Fold ``text`` for searching, keeping a map back to source offsets."""
    chars: list[str] = []
    origin: list[int] = []
    for index, ch in enumerate(text):
        for c in _fold_char(ch):
            if c == " " and (not chars or chars[-1] == " "):
                continue
            chars.append(c)
            origin.append(index)
    while chars and chars[-1] == " ":
        chars.pop()
        origin.pop()
    return Folded("".join(chars), tuple(origin))


# Arabic proclitics written joined to the next word: و (and), ف (so), ب (with), ل (for), ك (as).
_PROCLITICS = frozenset("\u0648\u0641\u0628\u0644\u0643")


def _is_cjk(ch: str) -> bool:
    """Han, kana and hangul: scripts written without spaces, where any character can start a
    word (主席習近平在 holds 習近平)."""
    code = ord(ch)
    return (0x3040 <= code <= 0x30FF or 0x3400 <= code <= 0x4DBF or 0x4E00 <= code <= 0x9FFF
            or 0xF900 <= code <= 0xFAFF or 0xAC00 <= code <= 0xD7AF)


def _word_start(text: str, pos: int) -> bool:
    """True when ``pos`` starts a word, allowing up to two joined Arabic proclitics before it."""
    if pos < len(text) and _is_cjk(text[pos]):
        return True
    back = pos
    for _ in range(3):
        if back == 0 or text[back - 1] == " " or not text[back - 1].isalnum():
            return True
        if back == pos - 2 or text[back - 1] not in _PROCLITICS:
            return False
        back -= 1
    return False


def find_all(
    haystack: Folded, needle: str, *, whole_word_end: bool = True
) -> list[tuple[int, int]]:
    """Source spans of every word-start match of ``needle`` (see :func:`find_span`).

    With ``whole_word_end=False`` a match may end inside a word, so a cue stem such as
    "postpone" also finds "postponement".
    """
    return find_folded(haystack, fold(needle).text, whole_word_end=whole_word_end)


def find_folded(
    haystack: Folded, target: str, *, whole_word_end: bool = True, lo: int = 0,
    hi: int | None = None, limit: int | None = None,
) -> list[tuple[int, int]]:
    """:func:`find_all` for a ``target`` that is already folded (a cue folded once, at import).

    Only matches whose source span lies inside ``[lo, hi)`` are returned; the search itself is
    confined to that stretch, while word boundaries are still judged on the whole text. With
    ``limit``, the search stops after that many matches (a long document may name a city in
    every paragraph; "is it named at all" needs the first).
    """
    found: list[tuple[int, int]] = []
    if not target:
        return found
    text = haystack.text
    start = bisect_left(haystack.origin, lo) if lo > 0 else 0
    stop = len(text) if hi is None else bisect_left(haystack.origin, hi)
    pos = text.find(target, start, stop)
    while pos >= 0:
        end = pos + len(target)
        after_ok = (not whole_word_end or end == len(text) or text[end] == " "
                    or _is_cjk(text[end - 1])
                    or not text[end].isalnum())
        if _word_start(text, pos) and after_ok:
            found.append((haystack.origin[pos], haystack.origin[end - 1] + 1))
            if limit is not None and len(found) >= limit:
                break
        pos = text.find(target, pos + 1, stop)
    return found


def find_span(haystack: Folded, needle: str) -> tuple[int, int] | None:
    """Source offsets ``(start, end)`` of ``needle`` in the folded source, or None.

    Matching is on folded forms; the span is widened to whole source characters, so slicing the
    original text with it gives the passage as the article writes it (diacritics included).
    Only whole-word matches count, so a name cannot be "found" inside a longer word.
    """
    spans = find_folded(haystack, fold(needle).text, limit=1)
    return spans[0] if spans else None
