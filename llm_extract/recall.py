"""A second, focused pass for meetings the first answer missed.

Asked for every meeting of an article, a 1.5B model often stops after the first: "X received
Y… X also met Z by video" comes back as one record. Here the article's sentences that carry a
strong meeting cue (a reception or meeting verb, a phone or video cue) but that no returned
record comes from are found deterministically; each is then sent alone through the same prompt
(its fixed prefix is already in the server's cache, so a call costs little more than the
sentence and the answer), and what comes back is merged in unless it repeats a known record.
"""

from __future__ import annotations

from llm_extract.anchor import anchor_sentence, sentences
from llm_extract.lexicon import MEET_CUES, MODALITY_CUES, RECEPTION_CUES
from llm_extract.normalize import Folded, find_all, normalize_name
from llm_extract.schema import Flag, Meeting, Span

__all__ = ["candidate_sentences", "merge_extra", "shift_spans"]

_STRONG_CUES: tuple[str, ...] = (
    *RECEPTION_CUES, *(c for c in MEET_CUES if c not in ("بحث", "talks", "meeting", "لقاء",
                                                         "اجتماع", "reunión", "möte",
                                                         "treffen", "görüşme", "entretien",
                                                         "rencontre")),
    *MODALITY_CUES["phone"], *MODALITY_CUES["video"],
    # Contacts reported with a noun or a participation verb, which a first answer tends to skip:
    "bilateral meeting", "held meetings", "meetings with", "call between", "called to",
    "conversation between", "took part in", "اتصالا من", "يشارك في", "شارك في",
    "للمشاركة في", "réunir", "rencontreront", "rencontrera", "företräde", "audiens",
)
_MIN_CHARS = 40


def candidate_sentences(
    meetings: list[Meeting], source: str, folded: Folded, limit: int
) -> list[tuple[int, int]]:
    """Up to ``limit`` source spans of cue-bearing sentences no record was drawn from.

    The first line is skipped when the article has more: it is usually a headline that
    repeats the body in short.
    """
    if limit <= 0:
        return []
    covered = {anchor_sentence(m, source, folded) for m in meetings}
    known = [[find_all(folded, p.name) for p in m.participants if p.name] for m in meetings]
    first_line_end = source.find("\n")
    skip_before = first_line_end if 0 < first_line_end < len(source.rstrip()) else 0
    found: list[tuple[int, int]] = []
    for lo, hi in sentences(source):
        if hi <= skip_before or (lo, hi) in covered or hi - lo < _MIN_CHARS:
            continue
        if any(_mentions(names, lo, hi) >= min(2, len(names)) for names in known if names):
            continue  # the sentence names the people of a record we already have
        if any(lo <= a and b <= hi for cue in _STRONG_CUES for a, b in find_all(
                folded, cue, whole_word_end=False)):
            found.append((lo, hi))
            if len(found) == limit:
                break
    return found


def _mentions(names: list[list[tuple[int, int]]], lo: int, hi: int) -> int:
    return sum(any(lo <= a and b <= hi for a, b in spans) for spans in names)


def shift_spans(meeting: Meeting, offset: int) -> Meeting:
    """``meeting`` with every span moved by ``offset`` (sentence offsets -> article offsets)."""
    def move(span: Span | None) -> Span | None:
        return None if span is None else Span(start=span.start + offset, end=span.end + offset)

    people = [p.model_copy(update={"name_span": move(p.name_span)}) for p in meeting.participants]
    return meeting.model_copy(update={"evidence_span": move(meeting.evidence_span),
                                      "participants": people})


def _names(meeting: Meeting) -> frozenset[str]:
    return frozenset(normalize_name(p.name) for p in meeting.participants if p.name)


def _repeats(new: Meeting, old: Meeting) -> bool:
    a, b = _names(new), _names(old)
    if not a or new.modality != old.modality or new.status != old.status:
        return False
    return a <= b or len(a & b) >= 2


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
