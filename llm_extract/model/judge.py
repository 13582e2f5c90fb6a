"""Short constrained questions about one record, answered with token probabilities.

Cue lists decide modality or status only for the words they list; the model read the whole
article. So for each record the model is asked, after the article and the record itself, one
question per field whose allowed answers are the words of the field itself (``held``,
``planned``…; ``prompts/judge.v1.jinja``), under a grammar that allows only those words where
the endpoint takes one. What is kept is not the answer but the probabilities the endpoint
reports for the first token of each allowed word (OpenAI-style ``logprobs``/``top_logprobs``;
llama.cpp reports them before its grammar filter, so they are renormalized over the allowed
answers). An endpoint that reports none gives no distribution,
and the record's confidence stays null: nothing is invented.

The conversation starts with exactly the messages of the article's first call, so the server's
prompt cache holds the few-shot prefix and the article; each question costs the record and the
question (about a hundred tokens) and one generated token.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

import jinja2

from llm_extract._resources import prompts_dir
from llm_extract.errors import ConfigurationError
from llm_extract.model.prompts import Message
from llm_extract.schema import Confidence, Meeting

__all__ = [
    "CHOICES",
    "FIELDS",
    "JUDGE_VERSION",
    "confidence_of",
    "distribution",
    "judge_messages",
    "request_options",
]

JUDGE_VERSION = "v1"
FIELDS: tuple[str, ...] = ("record", "modality", "status")
# The allowed answers of each question, in the template's order: the words the record's own
# fields use, which the model has just written.
CHOICES: Mapping[str, tuple[str, ...]] = {
    "record": ("yes", "no"),
    "modality": ("in_person", "phone", "video", "unknown"),
    "status": ("held", "planned", "postponed", "cancelled"),
}
_TOP = 10  # alternatives asked for: enough to hold every allowed letter near the top


@cache
def _template(version: str) -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(prompts_dir())),
                             undefined=jinja2.StrictUndefined, autoescape=False)
    try:
        return env.get_template(f"judge.{version}.jinja")
    except jinja2.TemplateNotFound:
        raise ConfigurationError(f"unknown judge prompt version {version!r}") from None


def _record_json(meeting: Meeting) -> str:
    """The record as the model wrote it (the wire fields that matter to the questions)."""
    return json.dumps({"meetings": [{
        "evidence": meeting.evidence, "status": meeting.status, "modality": meeting.modality,
        "participants": [{"name": p.name, "title": p.title, "role": p.role}
                         for p in meeting.participants],
    }]}, ensure_ascii=False, separators=(",", ":"))


def judge_messages(
    article_messages: Sequence[Message], meeting: Meeting, field: str,
    version: str = JUDGE_VERSION,
) -> list[Message]:
    """The article's own messages, the record as the model's answer, then the question."""
    question = _template(version).render(field=field).strip()
    return [*article_messages, {"role": "assistant", "content": _record_json(meeting)},
            {"role": "user", "content": question}]


def request_options(endpoint_kind: str, field: str) -> dict[str, Any]:
    """What to add to the chat request so that only one allowed letter can come back."""
    words = list(CHOICES[field])
    options: dict[str, Any] = {"max_tokens": 1, "temperature": 0.0, "logprobs": True,
                               "top_logprobs": _TOP}
    if endpoint_kind in ("embedded", "llama.cpp"):
        options["extra_body"] = {"grammar": "root ::= " + " | ".join(f'"{x}"' for x in words)}
    elif endpoint_kind == "vllm":
        options["extra_body"] = {"guided_choice": words}
    return options


def _answer_of(token: str, words: tuple[str, ...]) -> str | None:
    """The allowed answer a first token begins, when it begins exactly one ("post" is
    postponed; "p" could be phone, planned or postponed and counts for none)."""
    t = token.strip().lower()
    if not t:
        return None
    hits = [w for w in words if w.startswith(t) or t == w]
    return hits[0] if len(hits) == 1 else None


def distribution(response: Any, field: str) -> dict[str, float] | None:
    """The allowed answers' probabilities from a chat completion, renormalized over them;
    None when the endpoint reported no token probabilities."""
    try:
        content = response.choices[0].logprobs.content
        first = content[0]
    except (AttributeError, IndexError, TypeError):
        return None
    words = CHOICES[field]
    mass: dict[str, float] = dict.fromkeys(words, 0.0)
    seen: set[str] = set()
    for alt in [*(first.top_logprobs or []), first]:
        token = str(getattr(alt, "token", ""))
        logprob = getattr(alt, "logprob", None)
        answer = _answer_of(token, words)
        if answer is None or token in seen or not isinstance(logprob, (int, float)):
            continue
        seen.add(token)  # the chosen token is also listed among the alternatives
        mass[answer] += math.exp(float(logprob))
    total = sum(mass.values())
    if total <= 0.0:
        return None
    return {k: round(v / total, 4) for k, v in mass.items()}


def confidence_of(meeting: Meeting, choices: Mapping[str, Mapping[str, float]]) -> Confidence:
    """The record's confidence: each field's probability for the record's current value."""
    def p(field: str, value: str) -> float | None:
        dist = choices.get(field)
        return None if dist is None else dist.get(value)

    return Confidence(record=p("record", "yes"), modality=p("modality", meeting.modality),
                      status=p("status", meeting.status),
                      choices={k: dict(v) for k, v in choices.items()})
