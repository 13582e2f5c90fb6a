"""Finding a model's name in the article: the one test every name must pass.

It lives with the text data because grounding (the model wing's validation, the quality wing's
assembly) and the evaluation's views of it must agree on what "the article writes this name"
means.
"""

from __future__ import annotations

from llm_extract.text.normalize import Folded, find_span

__all__ = ["ground_name"]


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
