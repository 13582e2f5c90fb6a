"""The judge: per-record constrained questions, and the token probabilities kept as confidence.

Through a real local HTTP server (``fakes.openai_server``): one request per question, each
constrained to its allowed answers, and the reported probabilities renormalized over them. An
endpoint that reports no probabilities leaves the confidence null.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from fakes.openai_server import ALLOWED_HOSTS, FakeOpenAI, body, completion, ok
from samples import LISBON_ANSWER, LISBON_ARTICLE

from llm_extract import Extractor, Settings
from llm_extract.model.judge import CHOICES, distribution

pytestmark = pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS)

ARTICLE, ANSWER = LISBON_ARTICLE, LISBON_ANSWER


def _answer(token: str, alternatives: dict[str, float]) -> dict[str, Any]:
    """A one-token completion with OpenAI-style logprobs (probabilities given, logs sent)."""
    payload = completion(token)
    top = [{"token": t, "logprob": math.log(p), "bytes": None} for t, p in alternatives.items()]
    payload["choices"][0]["logprobs"] = {"content": [
        {"token": token, "logprob": math.log(alternatives[token]), "bytes": None,
         "top_logprobs": top}]}
    return payload


def _settings(fake: FakeOpenAI, **kw: Any) -> Settings:
    return Settings(base_url=fake.url + "/v1", model="m", mode="json_schema", timeout=5,
                    recall_passes=0, **kw)


def test_each_question_is_one_constrained_request_and_its_probabilities_are_kept(
        fake: FakeOpenAI) -> None:
    fake.script(
        ok(ANSWER),
        # llama.cpp reports probabilities before the grammar: a token that begins no allowed
        # answer ("The") is dropped, a case variant ("Yes") counts, and the rest is renormalized.
        body(_answer("yes", {"yes": 0.6, "no": 0.2, "Yes": 0.1, "The": 0.1})),
        body(_answer("in", {"in": 0.7, "phone": 0.1, "video": 0.1, "The": 0.1})),
        body(_answer("held", {"held": 0.5, "planned": 0.3, "post": 0.1, "cancel": 0.1})),
    )
    result = Extractor(_settings(fake, judge=True)).extract(ARTICLE, language="en")
    c = result.meetings[0].confidence
    assert c is not None
    assert c.record == pytest.approx(0.7 / 0.9, abs=1e-3)  # (yes + Yes) / (yes + Yes + no)
    assert c.modality == pytest.approx(0.7 / 0.9, abs=1e-3)  # "The" begins no answer
    assert c.status == pytest.approx(0.5)
    assert c.choices["status"] == {"held": 0.5, "planned": 0.3, "postponed": 0.1,
                                   "cancelled": 0.1}
    questions = fake.chat_requests[1:]
    assert len(questions) == 3
    for request, field in zip(questions, ("record", "modality", "status"), strict=True):
        sent = request.body
        assert isinstance(sent, dict)
        assert sent["max_tokens"] == 1 and sent["logprobs"] is True
        # the conversation starts with the article's own messages (the server's cache holds
        # them) and ends with the record and the question
        assert sent["messages"][-2]["role"] == "assistant"
        assert "Rui Almeida" in sent["messages"][-2]["content"]
        assert all(word in sent["messages"][-1]["content"] for word in CHOICES[field])
    assert result.provenance.attempts == 4


def test_an_endpoint_without_probabilities_leaves_confidence_null(fake: FakeOpenAI) -> None:
    fake.script(ok(ANSWER), ok("yes"))
    result = Extractor(_settings(fake, judge=True)).extract(ARTICLE, language="en")
    assert result.meetings[0].confidence is None
    assert result.meetings[0].modality == "in_person"  # nothing invented, nothing changed


def test_the_judge_is_off_unless_asked(fake: FakeOpenAI) -> None:
    fake.script(ok(ANSWER))
    result = Extractor(_settings(fake)).extract(ARTICLE, language="en")
    assert result.meetings[0].confidence is None
    assert len(fake.chat_requests) == 1


def test_a_response_without_logprobs_gives_no_distribution() -> None:
    from types import SimpleNamespace

    response = SimpleNamespace(choices=[SimpleNamespace(logprobs=None)])
    assert distribution(response, "status") is None
