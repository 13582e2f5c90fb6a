"""The article as one value: its text, folded text, date, language and sentences, computed once.

Grounding, the recall pass, the repair rules and the oracle all read the same article many
times — every rule asks "which sentence is this record's" and "what cues does it hold" — so the
folding and the segmentation are done here once per article, not once per record and rule.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from llm_extract.text.normalize import Folded, fold

__all__ = ["Article", "Window", "readings", "sentence_around", "split_sentences", "windows"]

# Latin and Arabic stops end a sentence before a space (not "3.5" or "U.S.A"); the CJK full
# stops (。！？) are written with no space after them, and a closing quote may follow.
_SENTENCE_END = re.compile(
    r"[.!?\u061f\u3002\n]+(?=\s|$)|[\u3002\uff01\uff1f]+[\u201d\u300d\u300f]?|\n")


def split_sentences(source: str) -> tuple[tuple[int, int], ...]:
    """Source spans of the sentences of ``source`` (split on . ! ? ؟ 。 and newlines)."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in [*_SENTENCE_END.finditer(source), None]:
        end = m.start() if m else len(source)
        lo, hi = start, end
        while lo < hi and source[lo].isspace():
            lo += 1
        while hi > lo and source[hi - 1].isspace():
            hi -= 1
        if hi > lo:
            spans.append((lo, hi))
        if m:
            start = m.end()
    return tuple(spans)


def sentence_around(source: str, start: int, end: int) -> tuple[int, int]:
    """The source span of the sentence(s) around ``[start, end)``."""
    left = 0
    for match in _SENTENCE_END.finditer(source, 0, start):
        left = match.end()
    after = _SENTENCE_END.search(source, end)
    right = after.start() if after else len(source)
    return left, max(right, end)


@dataclass(frozen=True, eq=False)
class Article:
    """One article as every post-model step reads it.

    Attributes:
        text: the article exactly as given; every offset in a result indexes it.
        published: ISO publication date when known (relative dates are resolved against it).
        language: ISO 639-1 code when known or detected; selects the cue tables (None = all).
        folded: ``fold(text)``, with its map back to source offsets.
        sentences: source spans of the sentences, in order.
    """

    text: str
    published: str | None = None
    language: str | None = None
    folded: Folded = field(init=False, repr=False)
    sentences: tuple[tuple[int, int], ...] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "folded", fold(self.text))
        object.__setattr__(self, "sentences", split_sentences(self.text))


def windows(article: Article, max_chars: int) -> tuple[tuple[int, int], ...]:
    """Spans of ``article`` that a small model reads well one at a time: whole paragraphs
    (lines) gathered up to ``max_chars``, a longer paragraph cut at sentence ends, a longer
    sentence kept whole. ``max_chars <= 0`` or a short article: one window, the whole text.

    Asked for every meeting of a long article at once, a 1.5B model lists the first few and
    stops; asked for each window's own, it finds the later ones too.
    """
    text = article.text
    if max_chars <= 0 or len(text) <= max_chars:
        return ((0, len(text)),)
    pieces: list[tuple[int, int]] = []  # paragraphs, or the sentences of a long paragraph
    start = 0
    for line in text.splitlines(keepends=True):
        lo, hi = start, start + len(line.rstrip())
        start += len(line)
        if hi <= lo or not text[lo:hi].strip():
            continue
        if hi - lo <= max_chars:
            pieces.append((lo, hi))
        else:
            pieces += [s for s in article.sentences if lo <= s[0] and s[1] <= hi]
    out: list[tuple[int, int]] = []
    for lo, hi in pieces:
        if out and hi - out[-1][0] <= max_chars:
            out[-1] = (out[-1][0], hi)
        else:
            out.append((lo, hi))
    return tuple(out) or ((0, len(text)),)


class Window(NamedTuple):
    """One reading of a long text: the model reads ``text[lo:hi]``; the part from ``core`` on
    is the window's own, the part before it (``lo`` to ``core``) is the end of the previous
    window, repeated so that "he" and "the two ministers" at the top of a window have their
    antecedents. A record whose evidence lies before ``core`` is the previous window's."""

    lo: int
    hi: int
    core: int


def readings(
    article: Article, max_chars: int, overlap_chars: int = 0, whole_chars: int = 0
) -> tuple[Window, ...]:
    """The windows a text is read in: one, the whole text, when it is at most ``whole_chars``
    long (an article, read as the prompt's examples are); else :func:`windows` of
    ``max_chars``, each extended back over the whole sentences of the ``overlap_chars`` before
    it.

    The cores partition the text, so every sentence has exactly one owning window; the overlap
    only adds context. Time and memory are linear in the text's length.
    """
    if len(article.text) <= whole_chars:
        return (Window(0, len(article.text), 0),)
    cores = windows(article, max_chars)
    starts = [lo for lo, _ in article.sentences]
    out: list[Window] = []
    for n, (core, hi) in enumerate(cores):
        lo = core
        if n and overlap_chars > 0:
            # the first sentence that starts within the overlap before the core
            i = bisect.bisect_left(starts, core - overlap_chars)
            if i < len(starts) and starts[i] < core:
                lo = max(starts[i], cores[n - 1][0])
        out.append(Window(lo, hi, core))
    return tuple(out)
