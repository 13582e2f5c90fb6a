"""The contact-by-contact reading's questions: which sentences report a contact, and their records.

Asked for every meeting of an article at once, a 1.5B model lists one or two and stops; asked
about one sentence it reads well (record F1 ~0.8 on single sentences). So the article is
given once as numbered sentences (``prompts/contacts.v1.jinja``) and each request asks one
question about one sentence:

- **find**: "Does sentence [n] report a contact?", answered ``yes`` or ``no`` under a grammar
  (or a guided choice), one generated token, whose probabilities the endpoint reports are kept
  renormalized over the two answers (as the judge's, :mod:`llm_extract.model.judge`); an
  endpoint that reports none gives the answer's own word as certain;
- **write**: "Write the records that sentence [n] reports.", answered under the same wire
  format (span grammar included) as a whole-article reading, for the sentences found.

Every request of one article shares the text before the question (the fixed instructions and
worked example, then the numbered article), so llama.cpp's prompt cache reads the article once:
each question costs its own dozen tokens and its answer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import jinja2

from llm_extract.errors import AttemptLog, ConfigurationError, OutputError
from llm_extract.model.backends import WireFormat
from llm_extract.model.endpoint import Endpoint
from llm_extract.model.judge import distribution, request_options
from llm_extract.model.prompts import TEXT_SLOT, Message, environment, split_messages
from llm_extract.model.wire import ContactAnswer
from llm_extract.text.normalize import Folded

if TYPE_CHECKING:
    from llm_extract.model.caller import Caller

__all__ = [
    "CONTACTS_VERSION",
    "MIN_SENTENCE_CHARS",
    "Numbered",
    "contact_messages",
    "find_options",
    "number_sentences",
    "p_contact",
    "read_contacts",
]

CONTACTS_VERSION = "v1"
MIN_SENTENCE_CHARS = 15
"""Shorter sentences (a dateline, "Baghdad -", a byline) are numbered but not asked about."""

Ask = Literal["find", "write"]


@dataclass(frozen=True)
class Numbered:
    """The article as the model reads it: one numbered line per sentence, and for each number
    the source span of that sentence (the evidence a record of it must quote)."""

    text: str
    spans: tuple[tuple[int, int], ...]

    def asked(self) -> list[int]:
        """The numbers of the sentences worth a question, in article order (1-based)."""
        return [n for n, (lo, hi) in enumerate(self.spans, 1) if hi - lo >= MIN_SENTENCE_CHARS]


def number_sentences(text: str, sentences: tuple[tuple[int, int], ...]) -> Numbered:
    """``text`` as numbered lines, one per sentence, each sentence with the punctuation that
    follows it up to the next sentence (so every word of the article is there once, in order)."""
    lines = []
    for n, (lo, _) in enumerate(sentences, 1):
        end = sentences[n][0] if n < len(sentences) else len(text)
        chunk = " ".join(text[lo:end].split())
        lines.append(f"[{n}] {chunk}")
    return Numbered("\n".join(lines), sentences)


@cache
def _template(version: str) -> jinja2.Template:
    try:
        return environment().get_template(f"contacts.{version}.jinja")
    except jinja2.TemplateNotFound:
        raise ConfigurationError(f"unknown contacts prompt version {version!r}") from None


def contact_messages(
    numbered: Numbered, published: str | None, ask: Ask, n: int,
    version: str = CONTACTS_VERSION,
) -> list[Message]:
    """The chat messages of one question about sentence ``n`` of the numbered article."""
    rendered = _template(version).render(text=TEXT_SLOT, published=published, ask=ask, n=n)
    return split_messages(rendered, numbered.text, f"contacts prompt {version}")


def find_options(endpoint_kind: str) -> dict[str, Any]:
    """What to add to a find request: one token, ``yes`` or ``no``, with its probabilities."""
    return request_options(endpoint_kind, "record")


def p_contact(response: Any) -> float | None:
    """The probability that the sentence reports a contact, from a find request's answer:
    the endpoint's token probabilities renormalized over yes/no, else 1.0 or 0.0 by the word
    it wrote, None when it wrote neither."""
    dist = distribution(response, "record")
    if dist is not None:
        return dist["yes"]
    try:
        word = str(response.choices[0].message.content or "").strip().lower()
    except (AttributeError, IndexError, TypeError):
        return None
    if word.startswith("y"):
        return 1.0
    if word.startswith("n"):
        return 0.0
    return None


def read_contacts(
    caller: Caller, endpoint: Endpoint, wire: WireFormat, text: str, folded: Folded,
    sentences: tuple[tuple[int, int], ...], published: str | None, log: AttemptLog,
    threshold: float = 0.0,
) -> list[ContactAnswer]:
    """The contact-by-contact reading of ``text``: of each sentence worth a question, the
    probability that it reports a contact, then, for those at ``threshold`` or above, its
    records (read under ``wire``, grounded in the whole text). A question or an answer that
    fails costs its sentence, not the article; endpoint failures still raise."""
    numbered = number_sentences(text, sentences)
    answers: list[ContactAnswer] = []
    for n in numbered.asked():
        span = numbered.spans[n - 1]
        log.contact_calls += 1
        try:
            response = caller.ask_question(
                endpoint, contact_messages(numbered, published, "find", n),
                find_options(endpoint.kind), log)
        except OutputError as exc:
            answers.append(ContactAnswer(span, None, exc.kind))
            continue
        p = p_contact(response)
        if threshold > 0.0 and (p is None or p < threshold):
            answers.append(ContactAnswer(span, p, None))
            continue
        log.contact_calls += 1
        messages = contact_messages(numbered, published, "write", n)
        answers.append(ContactAnswer(span, p, caller.read_piece(
            endpoint, wire, messages, text, log, folded)))
    return answers
