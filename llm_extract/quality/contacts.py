"""The records of a contact-by-contact reading, grounded and merged into one list.

The contact-by-contact reading (:mod:`llm_extract.model.contacts`) gives, for each sentence
of the article, the probability that it reports a contact and, for the sentences found, the
model's records of that sentence. Here each sentence's records are grounded in the whole
article (the model read it all: a sentence's "the minister" may be named two sentences
before) and given the sentence's probability as their confidence. Nothing is merged here:
two sentences may report two contacts of the same people (a talk, then a call; Monday's
meeting, then Tuesday's), which only the guidelines' identity — the same people, medium, day
and place — tells from one contact reported twice (a headline and its paragraph); that is
the repair rules' duplicate rule (``quality/dedupe.py``), which the oracle check holds to
the gold.
"""

from __future__ import annotations

from collections.abc import Sequence

from llm_extract.model.wire import ContactAnswer
from llm_extract.quality.assemble import assemble, cut_flag
from llm_extract.schema import Confidence, Flag, Meeting
from llm_extract.text.article import Article

__all__ = ["from_contacts"]


def _with_p(meeting: Meeting, p: float | None) -> Meeting:
    if p is None:
        return meeting
    p = round(p, 4)
    return meeting.model_copy(update={"confidence": Confidence(
        record=p, choices={"record": {"yes": p, "no": round(1.0 - p, 4)}})})


def from_contacts(
    article: Article, answers: Sequence[ContactAnswer],
) -> tuple[list[Meeting], list[Flag]]:
    """The grounded, merged records of the sentences' answers, in article order."""
    meetings: list[Meeting] = []
    flags: list[Flag] = []
    for n, answer in enumerate(answers):
        path = f"contact[{n}]"
        output = answer.output
        if output is None:
            continue
        lo, hi = answer.span
        if isinstance(output, str):
            flags.append(Flag(kind="recall_failed", path=path,
                              detail=f"the records of the sentence at characters {lo}-{hi} "
                                     f"gave no usable answer ({output}); the others stand"))
            continue
        if output.cut_off:
            flags.append(cut_flag(path, output))
        found, sub_flags = assemble(output, article)
        flags += [f.model_copy(update={"path": f"{path}.{f.path}"}) for f in sub_flags]
        meetings += [_with_p(m, answer.p) for m in found]
    return meetings, flags
