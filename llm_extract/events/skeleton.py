"""A consonant skeleton of a person's name that is the same in Arabic and in Latin script.

Why: an event is reported by an Arabic outlet as "فؤاد حسين" and by an English one as "Fuad
Hussein"; the records often give the Latin form as an alias, but not always. Rather than a
transliteration model, both scripts (and Cyrillic) are reduced to the consonants they write,
in a handful of classes wide enough to absorb the usual spelling variants: one class for
q/k/g/gh/kh/j/ch (ق is written q, k, g or gh; ج is j or g, as in Gamal; a Spanish j is خ),
one for s/sh and ص/ش. Vowels, و/ي/w/y (vowel letters as often as consonants), the hamza and
ع are dropped, doubled letters collapsed, a final h dropped, and the article (ال, al-, el-)
and the particle آل removed. Two names with the same skeleton *and the same country* are
taken as one person (see :mod:`llm_extract.events.actors`); the skeleton alone never is.

    >>> skeleton("فؤاد حسين") == skeleton("Fuad Hussein") == "FD HSN"
    True
"""

from __future__ import annotations

import unicodedata

from llm_extract.text.normalize import normalize_name

__all__ = ["skeleton", "skeleton_tokens", "skeleton_variants"]

# Arabic (and the Persian letters Arabic outlets print) -> consonant class. Absent: dropped.
_ARABIC: dict[str, str] = {
    "ب": "B", "پ": "B", "ت": "T", "ط": "T", "ث": "T", "ج": "K", "چ": "K",
    "ح": "H", "ه": "H", "ة": "H", "خ": "K", "د": "D", "ذ": "D", "ض": "D", "ظ": "D",
    "ز": "D", "ژ": "K", "ر": "R", "س": "S", "ص": "S", "ش": "S", "غ": "K", "ف": "F",
    "ق": "K", "ك": "K", "ک": "K", "گ": "K", "ل": "L", "م": "M", "ن": "N",
}
# Cyrillic, for the Russian outlets (Лавров / Lavrov). Absent: dropped (vowels, й, signs).
_CYRILLIC: dict[str, str] = {
    "б": "B", "п": "B", "т": "T", "д": "D", "з": "D", "ж": "K", "ч": "K", "г": "K",
    "к": "K", "х": "K", "с": "S", "ш": "S", "щ": "S", "ц": "TS", "ф": "F", "в": "F",
    "л": "L", "м": "M", "н": "N", "р": "R",
}
# Latin digraphs first (longest match), then single letters. Absent: dropped (vowels, w, y).
_LATIN_DIGRAPHS: dict[str, str] = {
    "kh": "K", "gh": "K", "sh": "S", "ch": "K", "th": "T", "dh": "D", "zh": "K", "ph": "F",
    "dj": "K", "tch": "K",
}
_FRENCH_DIGRAPHS = {**_LATIN_DIGRAPHS, "ch": "S"}
_LATIN: dict[str, str] = {
    "b": "B", "p": "B", "t": "T", "j": "K", "h": "H", "d": "D", "z": "D", "r": "R",
    "s": "S", "c": "K", "f": "F", "v": "F", "q": "K", "k": "K", "g": "K", "x": "KS",
    "l": "L", "m": "M", "n": "N",
}
_ARTICLE = "ال"
# Articles and the family particle آل (Al-e Sadegh), written as words of their own.
_ARTICLE_WORDS = frozenset({"al", "el", "e", "ال"})


def _latin_base(text: str) -> str:
    """Latin letters without their accents (Ḥusayn -> husayn); other scripts unchanged."""
    out: list[str] = []
    for ch in text:
        if ord(ch) < 0x250 or 0x1E00 <= ord(ch) <= 0x1EFF:  # Latin: drop its accents
            out.extend(c for c in unicodedata.normalize("NFKD", ch) if not unicodedata.combining(c))
        else:  # أ must stay أ (NFKD would make it ا plus a mark, the article's letter)
            out.append(ch)
    return "".join(out)


def _token_skeleton(raw: str, digraphs: dict[str, str]) -> str:
    # The article is ال with a bare alef; أل (Albares) is not, so look before normalizing.
    token = normalize_name(raw)
    if raw.startswith(_ARTICLE) and len(token) > len(_ARTICLE) + 1:
        token = token[len(_ARTICLE):]
    out: list[str] = []  # one class per letter, "" for a dropped one
    i = 0
    while i < len(token):
        for size in (3, 2):
            piece = token[i:i + size]
            if len(piece) == size and piece in digraphs:
                out.append(digraphs[piece])
                i += size
                break
        else:
            ch = token[i]
            out.append(_ARABIC.get(ch) or _LATIN.get(ch) or _CYRILLIC.get(ch, ""))
            i += 1
    # A doubled letter (Abbas, Hussein) is one consonant; the same one twice across a vowel
    # (Aziz, عزيز) is two.
    collapsed = "".join(c for j, c in enumerate(out) if j == 0 or c != out[j - 1])
    # A final h is a Latin ending (Abdullah, Fatimah) or ة, written by one script, not the other.
    return collapsed[:-1] if len(collapsed) > 1 and collapsed.endswith("H") else collapsed


def skeleton_tokens(name: str, *, french: bool = False) -> tuple[str, ...]:
    """The skeleton of each word of ``name``; articles and empty skeletons left out.

    Hyphens separate words first ("al-Araji" -> "al", "Araji"); the guidelines' name
    normalization then removes the rest of the punctuation; an Arabic article is recognised
    at the start of a word. ``french`` reads ch as French does (Chia = شياع), not as English.
    """
    spaced = _latin_base(name.replace("-", " ").replace("‐", " "))
    words = [raw for raw in spaced.split() if normalize_name(raw) not in _ARTICLE_WORDS]
    digraphs = _FRENCH_DIGRAPHS if french else _LATIN_DIGRAPHS
    skeletons = (_token_skeleton(w, digraphs) for w in words)
    return tuple(s for s in skeletons if s)


def skeleton_variants(name: str) -> frozenset[tuple[str, ...]]:
    """The skeletons ``name`` may have: a Latin ch is English (چ, Araghchi) or French (ش,
    Chia); both are kept rather than guess the writer's language."""
    plain = skeleton_tokens(name)
    if "ch" not in name.casefold():
        return frozenset({plain})
    return frozenset({plain, skeleton_tokens(name, french=True)})


def skeleton(name: str) -> str:
    """The skeletons of ``name``'s words, joined by one space."""
    return " ".join(skeleton_tokens(name))
