"""Source text to HTML with ``<mark>`` elements around highlighted spans, sliced in Python.

Spans in results are half-open offsets in Python code points, while JavaScript strings count
UTF-16 units: an emoji is one code point but two JS units, so any offset arithmetic done in the
browser drifts after the first astral character. The report therefore never slices in JS; this
module cuts the text here, escapes every piece, and emits finished markup.

Overlapping spans cannot both be single elements, so a span that crosses the end of another is
split into several ``<mark>`` pieces that share one ``data-hl`` key; concatenating the text of
the pieces with the same key, in document order, gives back exactly ``text[start:end]``. Spans
that nest produce nested elements without any split, because open elements are ordered by
(start, longest first).

Boundaries are not moved to grapheme-cluster edges: a span that ends between a letter and its
diacritic is shown as it is, since the report's job is to show the offsets faithfully.
:func:`splits_cluster` lets the caller point such a span out instead.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["Highlight", "markup", "splits_cluster"]


@dataclass(frozen=True)
class Highlight:
    """One span to mark: ``[start, end)`` in code points, a unique ``key`` and CSS classes."""

    start: int
    end: int
    key: str
    classes: str = "hl"
    title: str = ""


def _open_tag(h: Highlight) -> str:
    attrs = (
        f'class="{html.escape(h.classes)}" data-hl="{html.escape(h.key)}" '
        f'data-start="{h.start}" data-end="{h.end}"'
    )
    if h.title:
        attrs += f' title="{html.escape(h.title)}"'
    return f"<mark {attrs}>"


def _escape(text: str) -> str:
    """Escape for element content; a carriage return becomes a character reference because
    the HTML parser would otherwise fold CR LF into LF and shift the text against its offsets."""
    return html.escape(text, quote=False).replace("\r", "&#13;")


def markup(text: str, highlights: Sequence[Highlight]) -> str:
    """Escaped ``text`` with each highlight wrapped in ``<mark>`` (pieces when they overlap).

    Empty spans are skipped (there is nothing to show); a span outside the text or with
    ``start > end`` is a caller bug and raises ``ValueError``, since silently clipping it would
    show a highlight that is not what the offsets say.
    """
    keys = [h.key for h in highlights]
    if len(set(keys)) != len(keys):
        raise ValueError("highlight keys must be unique")
    for h in highlights:
        if not 0 <= h.start <= h.end <= len(text):
            raise ValueError(f"span [{h.start}, {h.end}) of {h.key!r} is outside the text")
    spans = sorted(
        (h for h in highlights if h.start < h.end),
        key=lambda h: (h.start, -h.end),
    )  # sorted() is stable: equal spans keep the caller's order
    bounds = sorted({0, len(text)} | {h.start for h in spans} | {h.end for h in spans})
    out: list[str] = []
    stack: list[Highlight] = []
    for a, b in pairwise(bounds):
        active = [h for h in spans if h.start <= a and b <= h.end]
        common = 0
        while common < min(len(stack), len(active)) and stack[common] is active[common]:
            common += 1
        out.append("</mark>" * (len(stack) - common))
        out.extend(_open_tag(h) for h in active[common:])
        stack = active
        out.append(_escape(text[a:b]))
    out.append("</mark>" * len(stack))
    return "".join(out)


def _is_mark(ch: str) -> bool:
    """Combining marks, Arabic harakat included, and joiners that belong to the previous char."""
    return bool(unicodedata.combining(ch)) or unicodedata.category(ch) in {"Mn", "Me"} or ch in {
        "\u200d",
        "\ufe0f",
    }


def splits_cluster(text: str, start: int, end: int) -> bool:
    """True when ``[start, end)`` cuts a base character from a mark or joiner that follows it.

    Approximates grapheme-cluster edges without a third-party segmenter: enough to catch a span
    that ends before an Arabic diacritic or inside an emoji ZWJ sequence.
    """
    cuts_start = 0 < start < len(text) and _is_mark(text[start])
    cuts_end = 0 < end < len(text) and _is_mark(text[end])
    return cuts_start or cuts_end
