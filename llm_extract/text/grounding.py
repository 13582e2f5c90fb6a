"""Finding a model's name in the article: the one test every name must pass.

It lives with the text data because grounding (the model wing's validation, the quality wing's
assembly) and the evaluation's views of it must agree on what "the article writes this name"
means.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from llm_extract.text.normalize import Folded, find_span, fold

__all__ = ["ground_evidence", "ground_name"]

_TOKEN = re.compile(r"\S+")
# A quote is the article's own when it is at least this long (tokens) and this share of its
# words occur, in order, in one stretch of the article hardly longer than the quote.
_NEAR_MIN_TOKENS = 5
_NEAR_MIN_SHARE = 0.85
_NEAR_SLACK = 3


def ground_name(folded: Folded, name: str) -> tuple[str, tuple[int, int]] | None:
    """The name as the article writes it, and where: the whole name, or its grounded tail.

    A model often glues a rank or honorific to a name in a form the article does not use
    ("فريق غويرو مارتينث" where the article has "الفريق غويرو مارتينث"); the longest run of
    final tokens that the article does contain (two tokens, or one of four letters or more)
    is the name. None when not even that is found.
    """
    span = find_span(folded, name)
    if span is not None:
        return name, span
    tokens = name.split()
    for k in range(1, len(tokens)):
        tail = " ".join(tokens[k:])
        if len(tokens) - k < 2 and len(tail) < 4:
            break
        span = find_span(folded, tail)
        if span is not None:
            return tail, span
    return None


def ground_evidence(folded: Folded, quote: str) -> tuple[int, int] | None:
    """Source offsets of the passage ``quote`` copies: exactly, or nearly word for word.

    A small model copying a long sentence drops or changes a word now and then ("رئيس الحريري"
    for "الرئيس الحريري"); asking again costs a whole generation, and dropping the evidence
    loses the record's anchor. So a quote of five words or more whose words occur, at least
    85% of them and in order, in one stretch of the article at most three words longer than
    the quote, is that stretch (first to last matched word). A paraphrase, a quote stitched
    from distant sentences, or a short quote with a wrong word is not found.
    """
    exact = find_span(folded, quote)
    if exact is not None:
        return exact
    words = fold(quote).text.split()
    if len(words) < _NEAR_MIN_TOKENS:
        return None
    spans = [(m.start(), m.end()) for m in _TOKEN.finditer(folded.text)]
    tokens = [folded.text[a:b] for a, b in spans]
    blocks = [b for b in SequenceMatcher(None, words, tokens, autojunk=False)
              .get_matching_blocks() if b.size]
    if not blocks:
        return None
    # the densest run of blocks around the longest one: blocks are ordered in both sequences
    core = max(range(len(blocks)), key=lambda i: blocks[i].size)
    lo = hi = core
    limit = len(words) + _NEAR_SLACK
    while lo > 0 and blocks[hi].b + blocks[hi].size - blocks[lo - 1].b <= limit:
        lo -= 1
    while hi + 1 < len(blocks) and blocks[hi + 1].b + blocks[hi + 1].size - blocks[lo].b <= limit:
        hi += 1
    matched = sum(b.size for b in blocks[lo:hi + 1])
    if matched < _NEAR_MIN_SHARE * len(words):
        return None
    first, last = blocks[lo].b, blocks[hi].b + blocks[hi].size - 1
    return folded.origin[spans[first][0]], folded.origin[spans[last][1] - 1] + 1
