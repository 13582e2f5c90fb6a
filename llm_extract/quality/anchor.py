"""Which sentence of the article reports a record.

Repairs read their cues in the sentence a record comes from, and the recall pass re-reads the
sentences no record comes from; both need the same answer to "which sentence is this record's",
so it lives here, once.
"""

from __future__ import annotations

import bisect
from functools import cache

from llm_extract.schema import Meeting
from llm_extract.text.article import Article, sentence_around
from llm_extract.text.cues import LANGUAGES, Cue, has_cue, table
from llm_extract.text.normalize import Folded, find_all

__all__ = ["anchor_sentence", "has_contact_cue", "has_event_cue", "sentences_holding"]

_CONTACT_TABLES = ("CONTACT", "RECEPTION", "MEET", "PHONE", "VIDEO", "POSTPONED", "CANCELLED")


def _start(span: tuple[int, int]) -> int:
    return span[0]


def sentences_holding(article: Article, found: list[tuple[int, int]]) -> set[int]:
    """Indexes (into ``article.sentences``) of the sentences that wholly hold a span of
    ``found``: looked up from the spans, not by testing every sentence (a long document has
    thousands)."""
    spans = article.sentences
    out = set()
    for a, b in found:
        i = bisect.bisect_right(spans, a, key=_start) - 1
        if i >= 0 and spans[i][0] <= a and b <= spans[i][1]:
            out.add(i)
    return out


def anchor_sentence(
    meeting: Meeting, article: Article, language: str | None = None
) -> tuple[int, int] | None:
    """The sentence of ``article`` that reports ``meeting``: the one naming most of its
    participants (contact cues: ``language``'s, every language's when None).

    Not simply the model's evidence: a small model often quotes the headline, which may merge
    two events ("X receives Y and meets Z by video"), and its cues would then mislead.
    """
    # Per participant: the sentences holding the full name, and those holding the surname
    # alone (later mentions), found from the name's occurrences (not by scanning every
    # sentence per record: a long document has thousands).
    spans, folded = article.sentences, article.folded
    score: dict[int, int] = {}
    for person in meeting.participants:
        if not person.name:
            continue
        surname = person.name.split()[-1]
        full = sentences_holding(article, find_all(folded, person.name))
        short = (sentences_holding(article, find_all(folded, surname))
                 if len(surname) >= 3 and surname != person.name else set())
        for i in full | short:
            score[i] = score.get(i, 0) + (2 if i in full else 1)
    ev = meeting.evidence_span

    def overlaps(i: int) -> int:
        lo, hi = spans[i]
        return int(ev is not None and ev.start < hi and lo < ev.end)

    # A sentence that reports a contact beats one that only names the people (a statement, a
    # biography line); then the higher score, the evidence's sentence, the earlier one. The
    # cue is read lazily, best candidate first: the first with a cue is the answer.
    ranked = sorted(score, key=lambda i: (-score[i], -overlaps(i), spans[i]))
    for i in ranked:
        if has_contact_cue(folded, spans[i][0], spans[i][1], language):
            return spans[i]
    if ranked:
        return spans[ranked[0]]
    if meeting.evidence_span is not None:
        return sentence_around(article.text, meeting.evidence_span.start,
                               meeting.evidence_span.end)
    return None


def has_contact_cue(folded: Folded, lo: int, hi: int, language: str | None = None) -> bool:
    """Whether ``[lo, hi)`` holds any word of contact (meeting, reception, call, visit...) of
    ``language`` (all languages when None); each cue matches by its own mode, so a short
    word is whole ("call" is not "called for") and a stem runs on (زيار, визит, встреч)."""
    return has_cue(folded, _contact_cues(language if language in LANGUAGES else None), lo, hi)


def has_event_cue(folded: Folded, lo: int, hi: int, language: str | None = None) -> bool:
    """Whether ``[lo, hi)`` holds a word of contact that says a contact took place, not only
    what was talked about: "The two sides discussed…" (DISCUSS words alone) reports the content
    of a contact told elsewhere; "met", "received", "called" report one."""
    return has_cue(folded, _event_cues(language if language in LANGUAGES else None), lo, hi)


@cache
def _event_cues(language: str | None) -> tuple[Cue, ...]:
    discuss = {(c.folded, c.match) for c in table("DISCUSS", language)}
    return tuple(c for c in _contact_cues(language) if (c.folded, c.match) not in discuss)


@cache
def _contact_cues(language: str | None) -> tuple[Cue, ...]:
    cues = {(c.folded, c.match): c for name in _CONTACT_TABLES for c in table(name, language)}
    return tuple(cues.values())
