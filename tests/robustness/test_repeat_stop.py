"""A looping answer is stopped while the server writes it (``model/repeat_stop.py``), through a
real loopback server that streams as llama-server does."""

from __future__ import annotations

import asyncio
import json

import pytest
from fakes import openai_server as f
from fakes.openai_server import ALLOWED_HOSTS, FakeOpenAI

from llm_extract import AsyncExtractor, ExtractionResult
from llm_extract.errors import EndpointConnectionError, EndpointServerError

from ._support import EN_ANSWER, EN_ARTICLE, EN_EVIDENCE, Person, answer, meeting
from .conftest import MakeExtractor, fake_settings

pytestmark = [pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS), pytest.mark.timeout(60)]


def compact(data: object) -> str:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


HOST, GUEST = Person("Samir Haddad", "IQ", "host"), Person("Omar Khatib", "JO", "guest")
TALKS = meeting(EN_EVIDENCE, [HOST, GUEST], city="Baghdad", country="IQ")
ONE_PART = meeting("Samir Haddad received", [HOST], city="Baghdad", country="IQ")
# The small model's loop: two records, then the second again and again (40 copies).
LOOPING = compact(answer(TALKS, ONE_PART))[:-2] + ("," + compact(ONE_PART)) * 40 + "]}"


def events(text: str) -> int:
    """How many content events ``f.stream`` sends for ``text`` (one per ``STREAM_PIECE``
    characters)."""
    return -(-len(text) // f.STREAM_PIECE)


EVENTS = events(LOOPING)


def names(result: ExtractionResult) -> list[list[str | None]]:
    return [[p.name for p in m.participants] for m in result.meetings]


def test_a_loop_is_stopped_at_its_first_repeat_and_the_server_stops_writing(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.stream(LOOPING, interval=0.01))
    result = make_extractor(mode="grammar", recall_passes=0).extract(EN_ARTICLE)

    assert names(result)[0] == ["Samir Haddad", "Omar Khatib"]
    (cut,) = [flag for flag in result.flags if flag.kind == "answer_cut"]
    assert "began to write again" in cut.detail and "2 record(s)" in cut.detail
    # The stream was read to the first repeat only, and the server saw the client leave (a
    # count, not a time: a loaded machine must not fail the test).
    assert fake.events_sent < EVENTS / 4
    usage = result.provenance.usage
    assert usage is not None and 0 < usage.completion_tokens < EVENTS / 4
    assert usage.prompt_tokens == 100  # cache_n + prompt_n of the last event read
    sent = fake.chat_requests[0].body
    assert sent["stream"] is True and sent["timings_per_token"] is True


def test_one_visit_told_record_by_record_is_stopped_at_its_third_record(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    # The looser loop: every sentence about the same visit becomes a record of it again.
    quotes = [EN_EVIDENCE, "The two ministers discussed border security",
              "The two ministers discussed border security and electricity trade",
              "discussed border security and electricity trade", "electricity trade"]
    records = [meeting(q, [HOST, GUEST], city="Baghdad", country="IQ") for q in quotes]
    text = compact(answer(*records * 6))
    fake.script(f.stream(text, interval=0.01))
    result = make_extractor(mode="grammar", recall_passes=0).extract(EN_ARTICLE)

    assert names(result)[0] == ["Samir Haddad", "Omar Khatib"]
    (cut,) = [flag for flag in result.flags if flag.kind == "answer_cut"]
    assert "a third record of one contact" in cut.detail and "2 record(s)" in cut.detail
    assert fake.events_sent < events(text) / 4


def test_a_participant_loop_keeps_its_record_with_the_people_before_the_repeat(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    looping = meeting(EN_EVIDENCE, [HOST] + [GUEST] * 12, city="Baghdad", country="IQ")
    fake.script(f.stream(answer(looping)))
    result = make_extractor(mode="grammar", recall_passes=0).extract(EN_ARTICLE)

    assert names(result) == [["Samir Haddad", "Omar Khatib"]]
    assert result.meetings[0].location is not None
    assert [flag.kind for flag in result.flags].count("answer_cut") == 1


def test_an_answer_without_a_repeat_is_read_to_its_end_unchanged(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.stream(EN_ANSWER, piece=3), f.ok(EN_ANSWER))
    streamed = make_extractor(mode="grammar", recall_passes=0).extract(EN_ARTICLE)
    plain = make_extractor(mode="grammar", recall_passes=0, repeat_stop=False).extract(
        EN_ARTICLE)

    assert streamed.meetings == plain.meetings
    assert not [flag for flag in streamed.flags if flag.kind == "answer_cut"]
    first, second = (r.body for r in fake.chat_requests)
    assert first["stream"] is True and "stream" not in second


def test_a_server_that_ignores_stream_is_read_as_a_plain_completion(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.ok(EN_ANSWER))
    result = make_extractor(mode="grammar", recall_passes=0).extract(EN_ARTICLE)
    assert names(result) == [["Samir Haddad", "Omar Khatib"]]


def test_a_request_without_a_grammar_is_not_streamed(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.ok(EN_ANSWER))
    make_extractor(mode="json_schema", recall_passes=0).extract(EN_ARTICLE)
    assert "stream" not in fake.chat_requests[0].body


def test_a_stream_that_breaks_off_is_a_typed_connection_error(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.stream(EN_ANSWER, end=False))
    with pytest.raises(EndpointConnectionError) as info:
        make_extractor(mode="grammar", transport_retries=0).extract(EN_ARTICLE)
    assert "ended before the answer" in str(info.value.__cause__) or info.value.log.attempts == 1


def test_an_error_event_in_the_stream_is_a_typed_server_error(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.stream(EN_ANSWER, error={"code": 500, "message": "slot crashed"}))
    with pytest.raises(EndpointServerError) as info:
        make_extractor(mode="grammar", transport_retries=0).extract(EN_ARTICLE)
    assert "slot crashed" in info.value.message


def test_the_async_extractor_stops_a_loop_too(fake: FakeOpenAI) -> None:
    fake.script(f.stream(LOOPING, interval=0.01))

    async def run() -> ExtractionResult:
        extractor = AsyncExtractor(fake_settings(fake, mode="grammar", recall_passes=0))
        try:
            return await extractor.aextract(EN_ARTICLE)
        finally:
            await extractor.aclose()

    result = asyncio.run(run())
    assert names(result)[0] == ["Samir Haddad", "Omar Khatib"]
    assert fake.events_sent < EVENTS / 4
