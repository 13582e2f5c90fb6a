"""The contact-by-contact reading: a question per sentence, records per sentence found, merged.

Through a real local HTTP server (``fakes.openai_server``): each sentence worth a question gets a
one-token find request (yes/no, with probabilities); a sentence found gets a write request; the
records come back grounded in the whole article, with the find probability as confidence.
"""

from __future__ import annotations

import math
from typing import Any

import pytest
from fakes.openai_server import ALLOWED_HOSTS, FakeOpenAI, body, completion, ok

from llm_extract import Extractor, Settings
from llm_extract.model.contacts import ContactAnswer, number_sentences
from llm_extract.model.wire import WireOutput
from llm_extract.quality.contacts import from_contacts
from llm_extract.text.article import Article

pytestmark = pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS)

ARTICLE = ("Lisbon - Prime Minister Rui Almeida received President Kwame Asante on Tuesday. "
           "They discussed trade and fisheries. "
           "Later Almeida spoke by phone with Chancellor Lena Vogt.")


def _person(name: str, title: str, country: str, role: str) -> dict[str, Any]:
    return {"name": name, "title": title, "organization": None, "country": country,
            "role": role}


RECEPTION = {"meetings": [{
    "evidence": "Prime Minister Rui Almeida received President Kwame Asante on Tuesday",
    "status": "held", "modality": "in_person", "date": None, "city": "Lisbon", "country": "PT",
    "participants": [_person("Rui Almeida", "Prime Minister", "PT", "host"),
                     _person("Kwame Asante", "President", "GH", "guest")],
    "topics": ["trade"]}]}
# The sentence gives the surname; the model, which read the article, names him in full.
CALL = {"meetings": [{
    "evidence": "Later Almeida spoke by phone with Chancellor Lena Vogt",
    "status": "held", "modality": "phone", "date": None, "city": None, "country": None,
    "participants": [_person("Rui Almeida", "Prime Minister", "PT", "participant"),
                     _person("Lena Vogt", "Chancellor", "DE", "participant")],
    "topics": []}]}


def _yes_no(token: str, p_yes: float) -> dict[str, Any]:
    """A one-token completion with OpenAI-style logprobs over yes/no."""
    payload = completion(token)
    alternatives = {"yes": p_yes, "no": 1.0 - p_yes}
    top = [{"token": t, "logprob": math.log(p), "bytes": None} for t, p in alternatives.items()]
    payload["choices"][0]["logprobs"] = {"content": [
        {"token": token, "logprob": math.log(alternatives[token]), "bytes": None,
         "top_logprobs": top}]}
    return payload


def _settings(fake: FakeOpenAI, threshold: float = 0.5) -> Settings:
    return Settings(base_url=fake.url + "/v1", model="m", mode="json_schema", timeout=5,
                    reading="contacts", contact_threshold=threshold, repairs=False)


def test_each_sentence_is_asked_and_each_found_one_written(fake: FakeOpenAI) -> None:
    fake.script(body(_yes_no("yes", 0.9)), ok(RECEPTION),
                body(_yes_no("no", 0.2)),
                body(_yes_no("yes", 0.7)), ok(CALL))
    result = Extractor(_settings(fake)).extract(ARTICLE, language="en")
    assert [m.modality for m in result.meetings] == ["in_person", "phone"]
    assert [m.confidence.record if m.confidence else None for m in result.meetings] == [
        0.9, 0.7]
    call = result.meetings[1]
    name_span = call.participants[0].name_span
    assert name_span is not None and ARTICLE[name_span.start:name_span.end] == "Rui Almeida"
    assert result.provenance.reading == "contacts"
    assert result.provenance.contact_calls == 5 and result.provenance.attempts == 5
    requests = [r.body for r in fake.chat_requests]
    assert all(isinstance(r, dict) for r in requests)
    finds = [r for r in requests if isinstance(r, dict) and r.get("max_tokens") == 1]
    assert len(finds) == 3 and all(r["logprobs"] is True for r in finds)
    # every question repeats the same conversation up to its last line: the server's prompt
    # cache reads the article once
    heads = {(str(r["messages"][:-1]), r["messages"][-1]["content"].rsplit("\n\n", 1)[0])
             for r in requests if isinstance(r, dict)}
    assert len(heads) == 1
    assert [r["messages"][-1]["content"].rsplit("\n\n", 1)[1] for r in finds] == [
        f"Does sentence [{n}] report a contact? Answer yes or no." for n in (1, 2, 3)]


def test_an_endpoint_without_probabilities_is_taken_at_its_word(fake: FakeOpenAI) -> None:
    fake.script(ok("yes"), ok(RECEPTION), ok("no"), ok("no"))
    result = Extractor(_settings(fake)).extract(ARTICLE, language="en")
    assert len(result.meetings) == 1
    confidence = result.meetings[0].confidence
    assert confidence is not None and confidence.record == 1.0
    assert len(fake.chat_requests) == 4


def test_at_threshold_zero_every_sentence_is_written(fake: FakeOpenAI) -> None:
    fake.script(body(_yes_no("yes", 0.9)), ok(RECEPTION),
                body(_yes_no("no", 0.2)), ok({"meetings": []}),
                body(_yes_no("no", 0.4)), ok(CALL))
    result = Extractor(_settings(fake, threshold=0.0)).extract(ARTICLE, language="en")
    assert [m.confidence.record if m.confidence else None for m in result.meetings] == [
        0.9, 0.4]
    assert result.provenance.contact_calls == 6 and len(fake.chat_requests) == 6


def test_the_whole_reading_stays_the_default(fake: FakeOpenAI) -> None:
    fake.script(ok({"meetings": RECEPTION["meetings"] + CALL["meetings"]}))
    settings = Settings(base_url=fake.url + "/v1", model="m", mode="json_schema", timeout=5,
                        recall_passes=0, repairs=False)
    result = Extractor(settings).extract(ARTICLE, language="en")
    assert len(result.meetings) == 2 and len(fake.chat_requests) == 1
    assert result.provenance.reading == "whole" and result.provenance.contact_calls is None


def test_numbered_sentences_hold_every_word_once_in_order() -> None:
    text = "Doha - A met B.\n\nThey talked; then C called D?  Yes!"
    article = Article(text, None, "en")
    numbered = number_sentences(text, article.sentences)
    lines = numbered.text.split("\n")
    assert [line.split(" ", 1)[0] for line in lines] == [f"[{n}]" for n in
                                                          range(1, len(lines) + 1)]
    assert " ".join(line.split(" ", 1)[1] for line in lines).split() == text.split()


def test_records_are_grounded_in_the_whole_article_and_not_merged_here() -> None:
    """Two sentences may report two contacts of the same people: only the repair rules'
    duplicate rule, by the guidelines' identity, merges records."""
    article = Article(ARTICLE, None, "en")
    again = {"meetings": [{**RECEPTION["meetings"][0],
                           "evidence": "They discussed trade and fisheries"}]}
    answers = [ContactAnswer(article.sentences[0], 0.9, WireOutput.model_validate(RECEPTION)),
               ContactAnswer(article.sentences[1], 0.6, WireOutput.model_validate(again)),
               ContactAnswer(article.sentences[2], 0.1, None)]
    meetings, flags = from_contacts(article, answers)
    assert len(meetings) == 2 and flags == []
    assert [m.confidence.record if m.confidence else None for m in meetings] == [0.9, 0.6]
