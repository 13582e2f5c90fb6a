"""The span-to-markup function: exact output for overlaps, nesting and non-ASCII offsets."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from hypothesis import given
from hypothesis import strategies as st

from llm_extract.report.review.spans import Highlight, markup, splits_cluster


def tag(key: str, start: int, end: int, classes: str = "hl") -> str:
    return f'<mark class="{classes}" data-hl="{key}" data-start="{start}" data-end="{end}">'


def hl(key: str, start: int, end: int) -> Highlight:
    return Highlight(start, end, key)


def test_no_highlight_is_escaped_text() -> None:
    assert markup('a<b> & "c"\n', []) == 'a&lt;b&gt; &amp; "c"\n'


def test_carriage_return_survives_html_parsing() -> None:
    assert markup("a\r\nb", [hl("A", 0, 4)]) == tag("A", 0, 4) + "a&#13;\nb</mark>"


def test_nested_spans_nest_without_splitting() -> None:
    out = markup("abcdefghij", [hl("B", 2, 5), hl("A", 0, 10)])
    assert out == tag("A", 0, 10) + "ab" + tag("B", 2, 5) + "cde</mark>fghij</mark>"


def test_overlapping_span_is_split_into_pieces_with_one_key() -> None:
    out = markup("abcdefghij", [hl("A", 0, 6), hl("B", 3, 9)])
    assert out == (
        tag("A", 0, 6) + "abc" + tag("B", 3, 9) + "def</mark></mark>"
        + tag("B", 3, 9) + "ghi</mark>j"
    )


def test_identical_spans_keep_caller_order() -> None:
    out = markup("abc", [hl("X", 0, 3), hl("Y", 0, 3)])
    assert out == tag("X", 0, 3) + tag("Y", 0, 3) + "abc</mark></mark>"


def test_adjacent_spans_and_escaping_inside_marks() -> None:
    out = markup("<a>&b", [hl("A", 0, 3), hl("B", 3, 5)])
    assert out == tag("A", 0, 3) + "&lt;a&gt;</mark>" + tag("B", 3, 5) + "&amp;b</mark>"


def test_three_levels_with_a_crossing_span() -> None:
    # A contains B; C starts inside B and ends after A.
    out = markup("0123456789", [hl("A", 0, 6), hl("B", 1, 4), hl("C", 3, 8)])
    assert out == (
        tag("A", 0, 6) + "0" + tag("B", 1, 4) + "12" + tag("C", 3, 8) + "3</mark></mark>"
        + tag("C", 3, 8) + "45</mark></mark>" + tag("C", 3, 8) + "67</mark>89"
    )


def test_arabic_with_diacritics_keeps_every_mark_inside() -> None:
    text = "قَالَ مُحَمَّدٌ: نَعَمْ"
    assert text[6:15] == "مُحَمَّدٌ"  # 9 code points: 4 letters, 5 harakat
    out = markup(text, [hl("N", 6, 15)])
    assert out == "قَالَ " + tag("N", 6, 15) + "مُحَمَّدٌ</mark>: نَعَمْ"


def test_emoji_offsets_are_code_points_not_utf16_units() -> None:
    text = "👩\u200d🔬 Ana 🇫🇷 Zoë"
    out = markup(text, [hl("A", 4, 7), hl("Z", 11, 14)])
    assert out == (
        "👩\u200d🔬 " + tag("A", 4, 7) + "Ana</mark> 🇫🇷 " + tag("Z", 11, 14) + "Zoë</mark>"
    )


def test_combining_mark_stays_with_its_letter() -> None:
    text = "Zoe\u0308 Dupont"
    out = markup(text, [hl("Z", 0, 4), hl("D", 5, 11)])
    assert out == tag("Z", 0, 4) + "Zoe\u0308</mark> " + tag("D", 5, 11) + "Dupont</mark>"


def test_attributes_are_escaped() -> None:
    h = Highlight(0, 1, 'k"<', 'hl c1" onclick="x', title="<b>&'")
    assert markup("a", [h]) == (
        '<mark class="hl c1&quot; onclick=&quot;x" data-hl="k&quot;&lt;" data-start="0" '
        'data-end="1" title="&lt;b&gt;&amp;&#x27;">a</mark>'
    )


def test_empty_spans_are_skipped() -> None:
    assert markup("abc", [hl("E", 1, 1)]) == "abc"


@pytest.mark.parametrize("bad", [(-1, 2), (2, 1), (0, 4)])
def test_out_of_range_span_raises(bad: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match="outside the text"):
        markup("abc", [hl("X", *bad)])


def test_duplicate_keys_raise() -> None:
    with pytest.raises(ValueError, match="unique"):
        markup("abc", [hl("X", 0, 1), hl("X", 1, 2)])


def test_splits_cluster() -> None:
    word = "مُحَمَّدٌ"
    assert splits_cluster(word, 0, len(word) - 1)  # ends before the tanween
    assert not splits_cluster(word, 0, len(word))
    assert splits_cluster("Zoe\u0308", 0, 3)
    assert not splits_cluster("ab", 0, 1)


class _Collect(HTMLParser):
    """Rebuilds the plain text and, per ``data-hl`` key, the text inside its pieces."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.stack: list[str] = []
        self.pieces: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        key = dict(attrs)["data-hl"]
        assert key is not None and key not in self.stack
        self.stack.append(key)
        self.pieces.setdefault(key, "")

    def handle_endtag(self, tag: str) -> None:
        self.stack.pop()

    def handle_data(self, data: str) -> None:
        self.text += data
        for key in self.stack:
            self.pieces[key] += data


# ASCII and HTML specials, CR, Arabic letters with harakat and tatweel, emoji (ZWJ, flag),
# a decomposed diaeresis. Arabic written as escapes so no letter is mistaken for a Latin one.
_ALPHABET = (
    "ab <&>\"'\n\r" "\u0642\u0627\u0644\u0645\u062d\u062f" "\u064e\u064f\u0651\u064c\u0640"
    "👩\u200d🔬🇫🇷e\u0308"
)


@given(
    text=st.text(alphabet=_ALPHABET, max_size=40),
    raw=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=6),
)
def test_any_spans_round_trip(text: str, raw: list[tuple[int, int]]) -> None:
    spans = [hl(f"k{i}", min(a, b) % (len(text) + 1), max(a, b) % (len(text) + 1))
             for i, (a, b) in enumerate(raw)]
    spans = [h for h in spans if h.start <= h.end]
    parser = _Collect()
    parser.feed(markup(text, spans))
    parser.close()
    assert parser.text == text
    assert parser.stack == []
    for h in spans:
        if h.start < h.end:
            assert parser.pieces[h.key] == text[h.start:h.end]
