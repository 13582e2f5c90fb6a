"""Everything between the model's answer and the user's result, as one function.

:func:`post_model` is the whole post-model layer: grounding of the first answer
(``assemble``), the recall pass's choice of sentences and the merge of what their re-reads
found (``recall``), the repair rules (``repair``), then the flags on records drawn from text
addressed to a model (``injection``). The re-read itself is a callable the
caller passes in — the extractor asks the model; the oracle answers from the gold file — so the
layer that a correct answer must survive is exactly the one a real run goes through.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from llm_extract.model.wire import ContactAnswer, WireOutput
from llm_extract.quality.assemble import assemble, cut_flag
from llm_extract.quality.contacts import from_contacts
from llm_extract.quality.injection import injection_flags
from llm_extract.quality.recall import candidate_sentences, merge_extra, shift_spans
from llm_extract.quality.repair import repair
from llm_extract.schema import Confidence, Flag, Meeting, Span
from llm_extract.text.article import Article, Window
from llm_extract.text.grounding import ground_name
from llm_extract.text.normalize import find_span, fold, normalize_name

__all__ = ["Judge", "PostModel", "Reread", "fuller_names", "post_model", "refresh_confidence"]

# (sentence start, sentence end) -> the model's answer for that sentence alone, or the kind
# of the error that left no usable answer (the first answer then stands).
Reread = Callable[[int, int], "WireOutput | str"]
# A record -> the model's probabilities for it (``model.judge``), or None when it gave none.
Judge = Callable[[Meeting], "Confidence | None"]


@dataclass(frozen=True)
class PostModel:
    """What the post-model layer does: how many sentences to re-read, which rules to run."""

    recall_passes: int = 1
    repairs: bool = True
    disabled_repairs: tuple[str, ...] = ()
    enabled_repairs: tuple[str, ...] = ()


def post_model(
    article: Article, first: Sequence[tuple[Window, WireOutput | str]], reread: Reread,
    how: PostModel, *, judge: Judge | None = None,
    contacts: Sequence[ContactAnswer] | None = None,
) -> tuple[list[Meeting], list[Flag]]:
    """Grounded, recalled and repaired meetings of ``article`` from the model's answers.

    ``contacts`` holds a contact-by-contact reading's answers, sentence by sentence
    (:mod:`llm_extract.quality.contacts`); given, they are the article's first answer and
    ``first`` is not read: every sentence was asked about, so there is no recall pass.

    ``first`` holds the first reading: the model's answer for each window of the article
    (``text.article.readings``; one window, the whole text, for a short article). Each
    window's records are grounded in that window and kept, except a record the previous
    window already gave (its evidence lies in the overlap the two windows share); other
    duplicates across windows are the repair rules' to merge.
    """
    if contacts is not None:
        return _finish(article, *from_contacts(article, contacts), how, judge)
    meetings: list[Meeting] = []
    flags: list[Flag] = []
    whole = len(first) == 1
    for w, (window, output) in enumerate(first):
        lo, hi = window.lo, window.hi
        if isinstance(output, str):
            flags.append(Flag(kind="window_failed", path=f"window[{w}]",
                              detail=f"the reading of characters {lo}-{hi} gave no usable "
                                     f"answer ({output}); the other windows stand"))
            continue
        if output.cut_off:
            flags.append(cut_flag(f"window[{w}]", output))
        found, sub_flags = assemble(output, article)
        if not whole:
            # Read alone, a window reports its own contacts: two reports of one contact (a
            # headline and its paragraph) are the repair rules' duplicates, decided on the
            # guidelines' identity, not here. Names are grounded in the whole article (the
            # window may give the surname of a person the article introduced earlier); the
            # evidence must be the window's own.
            found, sub_flags = _in_window(found, sub_flags, article, lo, hi, f"window[{w}]")
            found = _not_read_before(found, meetings, window.core)
        flags += sub_flags
        meetings += found
    budget = how.recall_passes * len(first)  # a long document's windows each get their re-reads
    for n, (lo, hi) in enumerate(candidate_sentences(meetings, article, budget)):
        output = reread(lo, hi)
        if isinstance(output, str):
            flags.append(Flag(kind="recall_failed", path=f"recall[{n}]",
                              detail=f"the re-read of characters {lo}-{hi} gave no usable "
                                     f"answer ({output}); the first answer stands"))
            continue
        if output.cut_off:
            flags.append(cut_flag(f"recall[{n}]", output))
        found, sub_flags = _read_piece(output, article, lo, hi, f"recall[{n}]")
        flags += sub_flags
        meetings, merge_flags = merge_extra(meetings, found, f"recall[{n}]")
        flags += merge_flags
    if not whole:  # after the recall pass: a re-read sentence gives surnames too
        meetings, name_flags = fuller_names(meetings)
        flags += name_flags
    return _finish(article, meetings, flags, how, judge)


def _finish(
    article: Article, meetings: list[Meeting], flags: list[Flag], how: PostModel,
    judge: Judge | None,
) -> tuple[list[Meeting], list[Flag]]:
    """The judge's probabilities, the repair rules and the injection flags, after reading."""
    if judge is not None:  # the model's probabilities, before any rule reads them
        meetings = [m.model_copy(update={"confidence": judge(m)}) for m in meetings]
    if how.repairs:
        meetings, repair_flags = repair(meetings, article, disabled=how.disabled_repairs,
                                         enabled=how.enabled_repairs)
        flags += repair_flags
    meetings = [refresh_confidence(m) for m in meetings]
    return meetings, [*flags, *injection_flags(article.text, meetings)]


def refresh_confidence(meeting: Meeting) -> Meeting:
    """``meeting`` with its confidence read for its final values (a rule may have changed the
    modality or the status the model's probabilities were asked about)."""
    c = meeting.confidence
    if c is None:
        return meeting
    def p(field: str, value: str) -> float | None:
        dist = c.choices.get(field)
        return None if dist is None else dist.get(value)

    fresh = c.model_copy(update={"record": p("record", "yes"),
                                 "modality": p("modality", meeting.modality),
                                 "status": p("status", meeting.status)})
    return meeting if fresh == c else meeting.model_copy(update={"confidence": fresh})


_PATRONYMIC = frozenset({"بن", "ابن", "bin", "ibn", "ben", "bint", "بنت"})


def fuller_names(meetings: list[Meeting]) -> tuple[list[Meeting], list[Flag]]:
    """Names of a windowed reading given the fullest form another window gave (GUIDELINES:
    "the fullest form the article gives"): a window that reads "Macron met Scholz" after the
    window that introduced "Emmanuel Macron" reports the surname alone.

    A short name takes a fuller one only when its tokens end exactly one distinct fuller name
    of the records and do not follow a patronymic word ("Salman" is not "Mohammed bin Salman").
    """
    full = {normalize_name(p.name): p for m in meetings for p in m.participants if p.name}
    tokens = {key: key.split() for key in full}
    by_last: dict[str, list[str]] = {}  # names by their last word: the candidates of a surname
    for key, toks in tokens.items():
        if toks:
            by_last.setdefault(toks[-1], []).append(key)
    flags: list[Flag] = []
    out: list[Meeting] = []
    for i, m in enumerate(meetings):
        people = []
        for j, p in enumerate(m.participants):
            short = tokens.get(normalize_name(p.name)) if p.name else None
            longer = [key for key in by_last.get(short[-1], []) if len(tokens[key]) > len(short)
                      and tokens[key][-len(short):] == short
                      and tokens[key][-len(short) - 1] not in _PATRONYMIC] if short else []
            if len(longer) == 1:
                fuller = full[longer[0]]
                flags.append(Flag(kind="repaired", path=f"meetings[{i}].participants[{j}].name",
                                  detail=f"{p.name!r} -> {fuller.name!r}: the fuller form another "
                                         "window gave", value=fuller.name))
                p = p.model_copy(update={"name": fuller.name, "name_span": fuller.name_span})
            people.append(p)
        out.append(m.model_copy(update={"participants": people}))
    return out, flags


def _not_read_before(found: list[Meeting], earlier: list[Meeting], core: int) -> list[Meeting]:
    """``found`` without the records whose evidence lies in the overlap before ``core`` and
    overlaps the evidence of a record already kept: the previous window read that sentence as
    its own and reported it. A record of the overlap that the previous window missed stays."""
    spans = [m.evidence_span for m in earlier if m.evidence_span is not None]
    kept = []
    for m in found:
        ev = m.evidence_span
        if ev is not None and ev.start < core and any(
                ev.start < s.end and s.start < ev.end for s in spans):
            continue
        kept.append(m)
    return kept


def _in_window(
    found: list[Meeting], flags: list[Flag], article: Article, lo: int, hi: int, path: str
) -> tuple[list[Meeting], list[Flag]]:
    """The records of a window's answer whose evidence lies in the window (found there when
    the article repeats the sentence elsewhere); a record quoting another part of the article
    came from beyond the window and is dropped and flagged."""
    flags = [f.model_copy(update={"path": f"{path}.{f.path}"}) for f in flags]
    window = fold(article.text[lo:hi])
    kept: list[Meeting] = []
    for i, m in enumerate(found):
        ev = m.evidence_span
        if ev is None or (lo <= ev.start and ev.end <= hi):
            kept.append(m)
            continue
        local = find_span(window, m.evidence or "")
        if local is None:
            flags.append(Flag(kind="dropped_meeting", path=f"{path}.meetings[{i}]",
                              detail="the window's answer quotes another part of the article: "
                                     "it read beyond its window, so the record is not added"))
            continue
        kept.append(m.model_copy(update={
            "evidence_span": Span(start=lo + local[0], end=lo + local[1])}))
    return kept, flags


def _read_piece(
    output: WireOutput, article: Article, lo: int, hi: int, path: str
) -> tuple[list[Meeting], list[Flag]]:
    """The records of the model's answer for ``article.text[lo:hi]`` read alone, grounded in
    that piece, with offsets into the whole article; a record naming people the piece lacks is
    dropped and flagged."""
    piece = Article(article.text[lo:hi], article.published, article.language)
    output, partial = _whole_records(output, piece)
    flags = [Flag(kind="dropped_meeting", path=f"{path}.meetings[{i}]",
                  detail="the answer names people its piece of the article does not: it read "
                         "beyond the piece, so the record is not added")
             for i in partial]
    found, sub_flags = assemble(output, piece)
    flags += [f.model_copy(update={"path": f"{path}.{f.path}"}) for f in sub_flags]
    return [shift_spans(m, lo) for m in found], flags


def _whole_records(output: WireOutput, sentence: Article) -> tuple[WireOutput, list[int]]:
    """The re-read's records whose every named person occurs in the sentence, and the indexes
    of the others.

    A record of a re-read that names someone the sentence does not contain comes from the
    model's memory of the prompt, not from the sentence; with that name dropped by grounding
    it would become a new record of the remaining people (or of nobody named), a duplicate
    that no identity check can catch.
    """
    kept, partial = [], []
    for i, meeting in enumerate(output.meetings):
        if all(p.name is None or ground_name(sentence.folded, p.name) is not None
               for p in meeting.participants):
            kept.append(meeting)
        else:
            partial.append(i)
    return output.model_copy(update={"meetings": kept}), partial
