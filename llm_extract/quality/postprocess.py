"""Everything between the model's answer and the user's result, as one function.

:func:`post_model` is the whole post-model layer: grounding of the first answer
(``assemble``), the recall pass's choice of sentences and the merge of what their re-reads
found (``recall``), then the repair rules (``repair``). The re-read itself is a callable the
caller passes in — the extractor asks the model; the oracle answers from the gold file — so the
layer that a correct answer must survive is exactly the one a real run goes through.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from llm_extract.model.wire import WireOutput
from llm_extract.quality.assemble import assemble
from llm_extract.quality.recall import candidate_sentences, merge_extra, shift_spans
from llm_extract.quality.repair import repair
from llm_extract.schema import Confidence, Flag, Meeting
from llm_extract.text.article import Article
from llm_extract.text.grounding import ground_name

__all__ = ["Judge", "PostModel", "Reread", "post_model", "refresh_confidence"]

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


def post_model(
    article: Article, first: Sequence[tuple[tuple[int, int], WireOutput | str]], reread: Reread,
    how: PostModel, *, judge: Judge | None = None,
) -> tuple[list[Meeting], list[Flag]]:
    """Grounded, recalled and repaired meetings of ``article`` from the model's answers.

    ``first`` holds the first reading: the model's answer for each window of the article
    (``text.article.windows``; one window, the whole text, for a short article). The records
    of later windows are merged in unless they repeat a known one.
    """
    meetings: list[Meeting] = []
    flags: list[Flag] = []
    for w, ((lo, hi), output) in enumerate(first):
        if isinstance(output, str):
            flags.append(Flag(kind="window_failed", path=f"window[{w}]",
                              detail=f"the reading of characters {lo}-{hi} gave no usable "
                                     f"answer ({output}); the other windows stand"))
            continue
        # Grounded in the whole article, not the window: a name is found where the article
        # first writes it, as in a whole-article answer, and a window repeating a record of
        # another window is recognized as a repeat rather than kept as a new one.
        found, sub_flags = assemble(output, article.text, article.folded)
        if len(first) > 1:
            sub_flags = [f.model_copy(update={"path": f"window[{w}].{f.path}"})
                         for f in sub_flags]
        flags += sub_flags
        if not meetings:
            meetings = found
        else:
            meetings, merge_flags = merge_extra(meetings, found, f"window[{w}]")
            flags += [f for f in merge_flags if f.kind != "recalled"]
    for n, (lo, hi) in enumerate(
        candidate_sentences(meetings, article.text, article.folded, how.recall_passes)
    ):
        output = reread(lo, hi)
        if isinstance(output, str):
            flags.append(Flag(kind="recall_failed", path=f"recall[{n}]",
                              detail=f"the re-read of characters {lo}-{hi} gave no usable "
                                     f"answer ({output}); the first answer stands"))
            continue
        sentence = Article(article.text[lo:hi], article.published, article.language)
        output, partial = _whole_records(output, sentence)
        flags += [Flag(kind="dropped_meeting", path=f"recall[{n}].meetings[{i}]",
                       detail="the re-read names people its sentence does not: it read beyond "
                              "the sentence, so the record is not added")
                  for i in partial]
        found, sub_flags = assemble(output, sentence.text, sentence.folded)
        found = [shift_spans(m, lo) for m in found]
        meetings, merge_flags = merge_extra(meetings, found, f"recall[{n}]")
        flags += [f.model_copy(update={"path": f"recall[{n}].{f.path}"}) for f in sub_flags]
        flags += merge_flags
    if judge is not None:  # the model's probabilities, before any rule reads them
        meetings = [m.model_copy(update={"confidence": judge(m)}) for m in meetings]
    if how.repairs:
        meetings, repair_flags = repair(meetings, article, disabled=how.disabled_repairs)
        flags += repair_flags
    return [refresh_confidence(m) for m in meetings], flags


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
