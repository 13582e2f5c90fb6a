"""Grammar rules that let the model write only pieces of the text it reads.

Grounding used to be checked after the fact: a name or an evidence quote that the article does
not contain failed validation and cost a re-ask, a whole second generation (on the dev set a
third of the articles paid one, and the re-asked answer was not always grounded either). Here
the grammar makes such output impossible while it is written: the ``evidence`` string and each
participant's ``name`` may only be a run of the text's own pieces, in the text's order, so what
the model writes is an exact substring by construction, on any llama.cpp endpoint.

The text is cut into pieces (runs of letters, digits and combining marks; one CJK character;
one whitespace run; one other character) and each line becomes a chain of rules, one per
piece, each optionally followed by the next::

    ev-12 ::= "Mercier" ev-13?        # evidence: any run of pieces that starts at a word
    nm-12-3 ::= "Paul" " " nm-13-2     # names: up to MAX_NAME_WORDS words joined by spaces,
                                       # hyphens, apostrophes, periods or a middle dot

A string may start at any word and stop after any piece (a name: after any word), so the
model keeps its freedom over *which* span to copy, and loses only the freedom to invent one.
The grammar grows linearly with the text: about one rule per piece for evidence and
``MAX_NAME_WORDS`` per word for names, built only for the piece of text one call reads (a
window, a re-read sentence). llama.cpp tests a sampled token against the grammar before it
filters the whole vocabulary, so a model that copies anyway pays nearly nothing for it.
"""

from __future__ import annotations

import json
import unicodedata
from dataclasses import dataclass

__all__ = ["MAX_CJK_NAME_CHARS", "MAX_NAME_WORDS", "SpanRules", "span_rules"]

MAX_NAME_WORDS = 8
"""The most words a name may have: the longest name on the dev set has six."""

MAX_CJK_NAME_CHARS = 14
"""The most CJK characters a name may have: a model writes the country and office before a
name with no space ("意大利总理贝卢斯科尼", ten), and the repair rules take them off; cut at
eight, the name itself was lost ("意大利总统纳波利")."""

_NAME_JOINERS = frozenset(" \u00a0\u202f-\u2010\u2011'\u2019.\u00b7\u30fb\u200c")
"""What may stand between two words of one name (besides nothing, between CJK characters)."""


def _is_cjk(char: str) -> bool:
    code = ord(char)
    return (0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF
            or 0x20000 <= code <= 0x2FA1F)


def _kind(char: str) -> str:
    """``c`` a CJK character, ``w`` a word character, ``s`` space, ``p`` anything else."""
    if _is_cjk(char):
        return "c"
    if char.isspace():
        return "s"
    if unicodedata.category(char)[0] in "LNM":
        return "w"
    return "p"


def _pieces(line: str) -> list[tuple[str, bool]]:
    """The line cut into pieces, each with whether it is a word (a name may start and end
    there)."""
    pieces: list[tuple[str, bool]] = []
    start, kind = 0, ""
    for i, char in enumerate(line):
        k = _kind(char)
        if i and (k != kind or k in "cp"):
            pieces.append((line[start:i], kind in "wc"))
            start = i
        kind = k
    if line:
        pieces.append((line[start:], kind in "wc"))
    return pieces


def _literal(piece: str) -> str:
    """A GBNF literal matching ``piece`` as it appears inside a JSON string."""
    inside = json.dumps(piece, ensure_ascii=False)[1:-1]
    return '"' + inside.replace("\\", "\\\\").replace('"', '\\"') + '"'


@dataclass(frozen=True)
class SpanRules:
    """GBNF rules whose ``evidence`` and ``name`` rules match a quoted JSON string holding a
    span of the text (quotes included); ``rules`` holds every rule they use."""

    evidence: str
    name: str
    rules: dict[str, str]


def span_rules(text: str, prefix: str = "span") -> SpanRules | None:
    """The span rules for ``text``, or None when it has no word to start a span at."""
    rules: dict[str, str] = {}
    evidence_starts: list[str] = []
    name_starts: list[str] = []
    number = 0
    for line in text.splitlines():
        pieces = _pieces(line)
        first = number
        for i, (piece, is_word) in enumerate(pieces):
            rule = f"{prefix}-e{first + i}"
            more = f" {prefix}-e{first + i + 1}?" if i + 1 < len(pieces) else ""
            rules[rule] = _literal(piece) + more
            if is_word:
                evidence_starts.append(rule)
        words = [i for i, (_, is_word) in enumerate(pieces) if is_word]
        for w in words:
            depth = MAX_CJK_NAME_CHARS if _is_cjk(pieces[w][0][0]) else MAX_NAME_WORDS
            name_starts.append(_name_chain(pieces, w, first, depth, prefix, rules))
        number += len(pieces)
    if not evidence_starts:
        return None
    rules[f"{prefix}-evidence"] = '"\\"" (' + " | ".join(evidence_starts) + ') "\\""'
    rules[f"{prefix}-name"] = '"\\"" (' + " | ".join(name_starts) + ') "\\""'
    return SpanRules(evidence=f"{prefix}-evidence", name=f"{prefix}-name", rules=rules)


def _name_chain(pieces: list[tuple[str, bool]], i: int, first: int, depth: int, prefix: str,
                rules: dict[str, str]) -> str:
    """The rule for a name that starts at word ``i`` and has at most ``depth`` words."""
    rule = f"{prefix}-n{first + i}-{depth}"
    if rule in rules:
        return rule
    body = _literal(pieces[i][0])
    if depth > 1:
        joiner, j = "", i + 1
        while j < len(pieces) and not pieces[j][1]:
            joiner += pieces[j][0]
            j += 1
        if j < len(pieces) and len(joiner) <= 3 and all(c in _NAME_JOINERS for c in joiner):
            nxt = _name_chain(pieces, j, first, depth - 1, prefix, rules)
            body += f" ({_literal(joiner) + ' ' if joiner else ''}{nxt})?"
    rules[rule] = body
    return rule
