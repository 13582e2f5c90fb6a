"""Each structured-output mode puts the right request on the wire (through a real socket)."""

from __future__ import annotations

import pytest
from fakes.openai_server import ALLOWED_HOSTS, FakeOpenAI, ok
from samples import LISBON_ANSWER, LISBON_ARTICLE

from llm_extract import Extractor, Settings
from llm_extract.model.backends import ENDPOINT_DEFAULT_MODE, choose_mode, forget_probes

pytestmark = pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS)

ARTICLE, ANSWER = LISBON_ARTICLE, LISBON_ANSWER


def _extract(fake: FakeOpenAI, mode: str) -> tuple[dict[str, object], str]:
    fake.script(ok(ANSWER))
    settings = Settings(base_url=fake.url + "/v1", model="m", mode=mode, timeout=5)
    result = Extractor(settings).extract(ARTICLE)
    assert [p.name for p in result.meetings[0].participants] == ["Rui Almeida", "Kwame Asante"]
    body = fake.chat_requests[-1].body
    assert isinstance(body, dict)
    return body, result.provenance.mode


def test_json_schema_mode(fake: FakeOpenAI) -> None:
    body, mode = _extract(fake, "json_schema")
    assert mode == "json_schema"
    fmt = body["response_format"]
    assert fmt["type"] == "json_schema"
    assert "meetings" in fmt["json_schema"]["schema"]["properties"]
    assert "grammar" not in body


def test_json_object_schema_mode_for_llama_cpp_python(fake: FakeOpenAI) -> None:
    body, mode = _extract(fake, "json_object_schema")
    assert mode == "json_object_schema"
    assert body["response_format"]["type"] == "json_object"
    assert "meetings" in body["response_format"]["schema"]["properties"]


def test_json_object_mode(fake: FakeOpenAI) -> None:
    body, _ = _extract(fake, "json_object")
    assert body["response_format"] == {"type": "json_object"}


def test_grammar_mode_sends_compact_gbnf(fake: FakeOpenAI) -> None:
    body, mode = _extract(fake, "grammar")
    assert mode == "grammar"
    assert body["response_format"] == {"type": "text"}
    assert body["grammar"].startswith('root ::= "{" "\\"meetings\\""')


def test_grammar_spans_mode_lets_evidence_and_names_be_only_spans_of_what_is_read(
    fake: FakeOpenAI,
) -> None:
    article = ARTICLE + " Later, Almeida held a video conference with Ingrid Halvorsen."
    fake.script(ok(ANSWER), ok({"meetings": []}))
    settings = Settings(base_url=fake.url + "/v1", model="m", mode="grammar_spans", timeout=5)
    result = Extractor(settings).extract(article)
    assert result.provenance.mode == "grammar_spans"
    whole, reread = (r.body for r in fake.chat_requests)
    assert isinstance(whole, dict) and isinstance(reread, dict)
    assert '"\\"name\\"" ":" (span-name | null)' in whole["grammar"]
    assert '"Kwame"' in whole["grammar"] and '"Halvorsen"' in whole["grammar"]
    # The recall pass re-reads one sentence: its grammar holds that sentence's words only.
    assert '"Halvorsen"' in reread["grammar"] and '"Kwame"' not in reread["grammar"]


def test_field_descriptions_are_in_the_prompt_in_every_mode(fake: FakeOpenAI) -> None:
    body, _ = _extract(fake, "json_schema")
    system = body["messages"][0]["content"]
    for field in ("evidence:", "status:", "modality:", "participants:", "role:"):
        assert field in system


def test_auto_mode_probes_once_and_remembers(fake: FakeOpenAI) -> None:
    fake.script(ok(ANSWER), ok(ANSWER))
    settings = Settings(base_url=fake.url + "/v1", model="m", mode="auto", timeout=5)
    first = Extractor(settings).extract(ARTICLE)
    second = Extractor(settings).extract(ARTICLE)
    probes = [r for r in fake.requests if r.method == "GET"]
    assert first.provenance.endpoint_kind == "unknown"
    assert first.provenance.mode == second.provenance.mode == "json_schema"
    # /props, /v1/models, /api/version once for the first extractor, not again.
    assert len(probes) == 3


@pytest.mark.parametrize(("kind", "expected"), sorted(ENDPOINT_DEFAULT_MODE.items()))
def test_dispatch_table(kind: str, expected: str) -> None:
    assert choose_mode("auto", kind).name == expected


def test_llama_cpp_python_is_recognised_by_its_model_owner() -> None:
    forget_probes()
    with FakeOpenAI(owned_by="me") as server:
        server.script(ok(ANSWER))
        settings = Settings(base_url=server.url + "/v1", model="m", mode="auto", timeout=5)
        result = Extractor(settings).extract(ARTICLE)
        body = server.chat_requests[-1].body
    forget_probes()
    assert result.provenance.endpoint_kind == "llama-cpp-python"
    assert result.provenance.mode == "json_object_schema"
    assert isinstance(body, dict) and body["response_format"]["type"] == "json_object"


def test_recall_pass_rereads_an_uncovered_sentence(fake: FakeOpenAI) -> None:
    article = (ARTICLE + " Later, Almeida held a video conference with Commission President "
               "Ingrid Halvorsen on migration.")
    second = {"meetings": [{
        "evidence": "Almeida held a video conference with Commission President Ingrid Halvorsen",
        "status": "held", "modality": "video", "date": None, "city": None, "country": None,
        "participants": [
            {"name": "Almeida", "title": "Prime Minister", "organization": None,
             "country": "PT", "role": "participant"},
            {"name": "Ingrid Halvorsen", "title": "President", "organization": "European Union",
             "country": None, "role": "participant"}],
        "topics": ["migration"]}]}
    fake.script(ok(ANSWER), ok(second))
    settings = Settings(base_url=fake.url + "/v1", model="m", mode="json_schema", timeout=5,
                        recall_passes=2)
    result = Extractor(settings).extract(article)
    assert [m.modality for m in result.meetings] == ["in_person", "video"]
    span = result.meetings[1].participants[1].name_span
    assert span is not None and article[span.start:span.end] == "Ingrid Halvorsen"
    second_request = fake.chat_requests[1].body
    assert isinstance(second_request, dict)
    assert second_request["messages"][-1]["content"].endswith(
        "Later, Almeida held a video conference with Commission President Ingrid Halvorsen on "
        "migration")
    assert result.provenance.attempts == 2
