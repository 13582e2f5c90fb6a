"""A second, focused pass for meetings the first answer missed.

Asked for every meeting of an article, a 1.5B model often stops after the first: "X received
Y… X also met Z by video" comes back as one record. Here the article's sentences that carry a
strong meeting cue (a reception or meeting verb, a phone or video cue) but that no returned
record comes from are found deterministically; each is then sent alone through the same prompt
(its fixed prefix is already in the server's cache, so a call costs little more than the
sentence and the answer), and what comes back is merged in unless it repeats a known record.
"""

from __future__ import annotations

from functools import cache

from llm_extract.quality.anchor import anchor_sentence, sentences_holding
from llm_extract.schema import Flag, Meeting, Span
from llm_extract.text.article import Article
from llm_extract.text.cues import LANGUAGES, Cue, has_cue, stem, table
from llm_extract.text.normalize import find_all, fold, normalize_name

__all__ = ["candidate_sentences", "merge_extra", "shift_spans"]

# Meeting words too common outside a meeting report to make a sentence worth a second read.
_WEAK_MEET = frozenset(fold(t).text for t in (
    "بحث", "بحثا", "بحثت", "بحثوا", "بحثنا", "لقاء", "اجتماع", "talks", "meeting", "reunión",
    "möte", "mötet", "möten", "mötena", "treffen", "görüşme", "entretien", "rencontre",
))
# Contacts reported with a noun or a participation verb, which a first answer tends to skip.
_EXTRA_CUES: tuple[Cue, ...] = (
    *stem("en", "bilateral meeting", "held meetings", "meetings with", "call between",
          "called to", "conversation between", "took part in"),
    *stem("ar", "اتصالا من", "يشارك في", "شارك في", "للمشاركة في"),
    *stem("fr", "réunir", "rencontreront", "rencontrera"),
    *stem("sv", "företräde", "audiens"),
)


@cache
def _strong_cues(language: str | None) -> tuple[Cue, ...]:
    """Reception and meeting verbs, phone and video cues: a sentence holding one likely
    reports a contact of its own."""
    cues = [*table("RECEPTION", language),
            *(c for c in table("MEET", language) if c.folded not in _WEAK_MEET),
            *table("PHONE", language), *table("VIDEO", language),
            *(c for c in _EXTRA_CUES if language is None or c.language == language)]
    return tuple({(c.folded, c.match): c for c in cues}.values())


_MIN_CHARS = 40


def candidate_sentences(
    meetings: list[Meeting], article: Article, limit: int, language: str | None = None,
) -> list[tuple[int, int]]:
    """Up to ``limit`` source spans of cue-bearing sentences no record was drawn from.

    The sentences that name no record's people come first, in article order; then those that
    do (a first answer that gave "X visited Y" with X alone, or X and Y, has said nothing of
    "X then met Z" two sentences on), so the recall pass reads contact by contact once the
    unknown sentences are read: what it finds there again is merged away (:func:`merge_extra`).
    The order does not depend on ``limit``: the first N calls of a deeper pass are the calls
    of a pass of N. The first line is skipped when the article has more: it is usually a
    headline that repeats the body in short. Cues are ``language``'s, or every language's when
    None.
    """
    if limit <= 0:
        return []
    strong = _strong_cues(language if language in LANGUAGES else None)
    source, folded = article.text, article.folded
    covered = {anchor_sentence(m, article, language) for m in meetings}
    spans = article.sentences
    known = _known_sentences(meetings, article)
    first_line_end = source.find("\n")
    skip_before = first_line_end if 0 < first_line_end < len(source.rstrip()) else 0
    found: list[tuple[int, int]] = []
    again: list[tuple[int, int]] = []  # sentences naming the people of a record we have
    for i, (lo, hi) in enumerate(spans):
        if hi <= skip_before or (lo, hi) in covered or hi - lo < _MIN_CHARS:
            continue
        if (i not in known or len(again) < limit) and has_cue(folded, strong, lo, hi):
            (again if i in known else found).append((lo, hi))
            if len(found) == limit:
                break
    return (found + again)[:limit]


def _known_sentences(meetings: list[Meeting], article: Article) -> set[int]:
    """Indexes of the sentences that name the people of a record: two of its named people, or
    its only one. Found from the names' occurrences, not by testing every sentence against
    every record (a long document has thousands of each)."""
    known: set[int] = set()
    for m in meetings:
        names = [find_all(article.folded, p.name) for p in m.participants if p.name]
        if not names:
            continue
        count: dict[int, int] = {}
        for found in names:
            for i in sentences_holding(article, found):
                count[i] = count.get(i, 0) + 1
        need = min(2, len(names))
        known.update(i for i, n in count.items() if n >= need)
    return known


def shift_spans(meeting: Meeting, offset: int) -> Meeting:
    """``meeting`` with every span moved by ``offset`` (sentence offsets -> article offsets)."""
    def move(span: Span | None) -> Span | None:
        return None if span is None else Span(start=span.start + offset, end=span.end + offset)

    people = [p.model_copy(update={"name_span": move(p.name_span)}) for p in meeting.participants]
    return meeting.model_copy(update={"evidence_span": move(meeting.evidence_span),
                                      "participants": people})


def _names(meeting: Meeting) -> list[frozenset[str]]:
    return [frozenset(normalize_name(p.name).split()) for p in meeting.participants if p.name]


def _same_person(a: frozenset[str], b: frozenset[str]) -> bool:
    """One name is the other or a part of it: a sentence read alone may give only the surname
    ("Trump") of a person the first answer named in full ("Donald Trump")."""
    return bool(a) and bool(b) and (a <= b or b <= a)


def _repeats(new: Meeting, old: Meeting) -> bool:
    """``new`` reports ``old`` again: the same people (all of them, or two) with the same
    medium and status — by their names as written, or, when ``new`` comes from the sentence
    ``old`` was drawn from, by surname too. Elsewhere a surname alone may be another contact
    of the same people (a second call, reported later by surnames)."""
    a, b = _names(new), _names(old)
    if not a or new.modality != old.modality or new.status != old.status:
        return False
    ea, eb = new.evidence_span, old.evidence_span
    same_sentence = (ea is not None and eb is not None
                     and ea.start < eb.end and eb.start < ea.end)
    def same(x: frozenset[str], y: frozenset[str]) -> bool:
        return x == y or (same_sentence and _same_person(x, y))

    shared = sum(any(same(x, y) for y in b) for x in a)
    return shared == len(a) or shared >= 2


def merge_extra(
    meetings: list[Meeting], extra: list[Meeting], path: str
) -> tuple[list[Meeting], list[Flag]]:
    """``meetings`` plus the new ones of ``extra`` that repeat no record already kept."""
    kept = list(meetings)
    flags: list[Flag] = []
    for i, meeting in enumerate(extra):
        if any(_repeats(meeting, old) for old in kept):
            flags.append(Flag(kind="duplicate", path=f"{path}[{i}]",
                              detail="second-pass record repeats a known one; not added"))
            continue
        kept.append(meeting)
        flags.append(Flag(kind="recalled", path=f"meetings[{len(kept) - 1}]",
                          detail=f"added by the second pass ({path}), before repairs"))
    return kept, flags
