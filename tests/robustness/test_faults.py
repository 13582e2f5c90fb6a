"""Every way an OpenAI-compatible endpoint misbehaves: recovered within bounds, or a typed error.

Each test scripts the fake server (real sockets on 127.0.0.1), runs one extraction with a
half-second client timeout and a sleep recorder, and checks the outcome: a result after the
expected number of attempts, or the right class from ``llm_extract.errors`` with its attempt
log filled in where a model answered. docs/robustness.md lists the same faults as a table.
"""

from __future__ import annotations

import email.utils
import json
import socket
import time

import pytest
from fakes import openai_server as f
from fakes.openai_server import ALLOWED_HOSTS, FakeOpenAI

from llm_extract import ExtractionResult, Extractor, Settings
from llm_extract.errors import (
    EndpointConnectionError,
    EndpointProtocolError,
    EndpointRequestError,
    EndpointServerError,
    EndpointTimeoutError,
    ExtractionFailedError,
    IncompleteOutputError,
    LLMExtractError,
    RateLimitedError,
)
from llm_extract.model.cleanup import SCHEMA_ECHO_MESSAGE
from llm_extract.model.wire import WireOutput

from ._support import (
    AR_ANSWER,
    AR_ARTICLE,
    EN_ANSWER,
    EN_ARTICLE,
    SleepRecorder,
    grounding_flags,
)
from .conftest import CLIENT_TIMEOUT, MakeExtractor

pytestmark = [pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS), pytest.mark.timeout(30)]


# Scripts that send tens of kilobytes but never hang: a client timeout the fake can always meet
# on a loaded machine (the tiny CLIENT_TIMEOUT is for the hang tests; at 0.5 s a loaded CI
# machine once timed out on a 22 kB loop and retried past the script).
NO_HANG = 5.0

def names(result: ExtractionResult) -> list[str | None]:
    return [p.name for m in result.meetings for p in m.participants]


# -- the happy path, and what goes over the wire ----------------------------------------------


def test_ok_answer_is_grounded_and_the_request_is_what_we_think(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.ok(EN_ANSWER))
    result = make_extractor(api_key="sk-test-wire-0123456789").extract(EN_ARTICLE)

    assert names(result) == ["Samir Haddad", "Omar Khatib"]
    assert grounding_flags(result.flags) == []
    assert result.provenance.attempts == 1
    assert result.provenance.usage.prompt_tokens == 100
    (request,) = fake.chat_requests
    assert request.headers["authorization"] == "Bearer sk-test-wire-0123456789"
    assert request.body["model"] == "fake"
    assert request.body["max_tokens"] == 1536
    # The parsing model (cleanup.ParsedWireOutput) must not change what is sent.
    assert request.body["response_format"] == {
        "type": "json_schema",
        "json_schema": {"name": "WireOutput", "schema": WireOutput.model_json_schema()},
    }
    assert EN_ARTICLE in request.body["messages"][-1]["content"]


# -- transport faults that the retries absorb -------------------------------------------------


@pytest.mark.parametrize("code", [500, 502, 503, 504])
def test_5xx_then_ok_recovers_after_one_backoff(
    fake: FakeOpenAI, make_extractor: MakeExtractor, sleeps: SleepRecorder, code: int
) -> None:
    fake.script(f.status(code), f.ok(EN_ANSWER))
    result = make_extractor().extract(EN_ARTICLE)

    assert names(result) == ["Samir Haddad", "Omar Khatib"]
    assert result.provenance.attempts == 2
    assert len(sleeps.waits) == 1
    assert 0.0 <= sleeps.waits[0] <= Settings().retry_max_wait


def test_429_retry_after_seconds_is_the_wait(
    fake: FakeOpenAI, make_extractor: MakeExtractor, sleeps: SleepRecorder
) -> None:
    fake.script(f.rate_limited("2"), f.ok(EN_ANSWER))
    result = make_extractor().extract(EN_ARTICLE)

    assert result.provenance.attempts == 2
    assert sleeps.waits == [2.0]


def test_429_retry_after_http_date(
    fake: FakeOpenAI, make_extractor: MakeExtractor, sleeps: SleepRecorder
) -> None:
    when = email.utils.formatdate(time.time() + 10, usegmt=True)
    fake.script(f.rate_limited(when), f.ok(EN_ANSWER))
    make_extractor().extract(EN_ARTICLE)

    assert len(sleeps.waits) == 1
    assert 7.0 <= sleeps.waits[0] <= 10.5


def test_429_retry_after_is_capped_by_retry_max_wait(
    fake: FakeOpenAI, make_extractor: MakeExtractor, sleeps: SleepRecorder
) -> None:
    fake.script(f.rate_limited("3600"), f.ok(EN_ANSWER))
    make_extractor(retry_max_wait=5.0).extract(EN_ARTICLE)

    assert sleeps.waits == [5.0]


def test_429_without_retry_after_backs_off(
    fake: FakeOpenAI, make_extractor: MakeExtractor, sleeps: SleepRecorder
) -> None:
    fake.script(f.rate_limited(None), f.rate_limited(None), f.ok(EN_ANSWER))
    make_extractor(retry_initial_wait=1.0, retry_max_wait=30.0).extract(EN_ARTICLE)

    assert len(sleeps.waits) == 2
    assert all(0.0 < w <= 30.0 for w in sleeps.waits)


@pytest.mark.parametrize("fault", [f.hang(5.0), f.reset(), f.disconnect()], ids=repr)
def test_transport_fault_then_ok_recovers(
    fake: FakeOpenAI, make_extractor: MakeExtractor, sleeps: SleepRecorder, fault: f.Behaviour
) -> None:
    fake.script(fault, f.ok(EN_ANSWER))
    started = time.monotonic()
    result = make_extractor().extract(EN_ARTICLE)

    assert names(result) == ["Samir Haddad", "Omar Khatib"]
    assert result.provenance.attempts == 2
    assert len(sleeps.waits) == 1
    assert time.monotonic() - started < 5 * CLIENT_TIMEOUT + 2


# -- transport faults that outlast the retries ------------------------------------------------


def test_persistent_503_raises_server_error_after_bounded_attempts(
    fake: FakeOpenAI, make_extractor: MakeExtractor, sleeps: SleepRecorder
) -> None:
    fake.script(*[f.status(503)] * 3)
    with pytest.raises(EndpointServerError) as info:
        make_extractor(transport_retries=2).extract(EN_ARTICLE)

    assert info.value.log.attempts == 3
    assert info.value.log.last_raw_output is None  # no model ever answered
    assert len(sleeps.waits) == 2
    assert "503" in info.value.message


def test_persistent_429_raises_rate_limited_with_retry_after(
    fake: FakeOpenAI, make_extractor: MakeExtractor, sleeps: SleepRecorder
) -> None:
    fake.script(*[f.rate_limited("2")] * 2)
    with pytest.raises(RateLimitedError) as info:
        make_extractor(transport_retries=1).extract(EN_ARTICLE)

    assert info.value.retry_after == 2.0
    assert info.value.log.attempts == 2
    assert sleeps.waits == [2.0]


def test_persistent_hang_raises_timeout_quickly(
    fake: FakeOpenAI, make_extractor: MakeExtractor, sleeps: SleepRecorder
) -> None:
    fake.script(*[f.hang(10.0)] * 2)
    started = time.monotonic()
    with pytest.raises(EndpointTimeoutError) as info:
        make_extractor(transport_retries=1).extract(EN_ARTICLE)

    elapsed = time.monotonic() - started
    assert info.value.log.attempts == 2
    assert elapsed < 2 * CLIENT_TIMEOUT + 2, f"a hang cost {elapsed:.1f}s"
    assert len(sleeps.waits) == 1


@pytest.mark.parametrize("fault", [f.reset, f.disconnect], ids=lambda b: b.__name__)
def test_persistent_connection_fault_raises_connection_error(
    fake: FakeOpenAI, make_extractor: MakeExtractor, fault: object
) -> None:
    assert callable(fault)
    fake.script(fault(), fault())
    with pytest.raises(EndpointConnectionError) as info:
        make_extractor(transport_retries=1).extract(EN_ARTICLE)
    assert info.value.log.attempts == 2


def test_nothing_listening_raises_connection_error(sleeps: SleepRecorder) -> None:
    with socket.socket() as probe:  # a port that was free a moment ago: nobody listens there
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings = Settings(base_url=f"http://127.0.0.1:{port}/v1", model="fake",
                        mode="json_schema", timeout=CLIENT_TIMEOUT, transport_retries=1)
    with pytest.raises(EndpointConnectionError) as info:
        Extractor(settings, sleep=sleeps).extract(EN_ARTICLE)
    assert info.value.log.attempts == 2


@pytest.mark.parametrize("code", [400, 401, 404, 422])
def test_4xx_is_not_retried(
    fake: FakeOpenAI, make_extractor: MakeExtractor, sleeps: SleepRecorder, code: int
) -> None:
    fake.script(f.status(code, "model 'fake' not found"))
    with pytest.raises(EndpointRequestError) as info:
        make_extractor().extract(EN_ARTICLE)

    assert str(code) in info.value.message
    assert info.value.log.attempts == 1
    assert sleeps.waits == []


# -- answers that are not chat completions ----------------------------------------------------


@pytest.mark.parametrize(
    ("fault", "expected"),
    [
        (f.invalid_json(), "not valid JSON"),
        (f.html(200), "not a chat completion"),
        (f.empty_choices(), "without any choice"),
        (f.body({"status": "loading model"}), "not a chat completion"),
    ],
    ids=["invalid-json-body", "text-html", "empty-choices", "other-json"],
)
def test_non_completion_answer_is_a_protocol_error(
    fake: FakeOpenAI, make_extractor: MakeExtractor, fault: f.Behaviour, expected: str
) -> None:
    fake.script(fault, fault)  # instructor may re-send once (max_reasks=1)
    with pytest.raises(EndpointProtocolError) as info:
        make_extractor().extract(EN_ARTICLE)

    assert expected in info.value.message
    assert 1 <= info.value.log.attempts <= 2
    assert len(fake.chat_requests) <= 2


def test_completion_with_a_wrong_content_type_is_accepted(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    """A body that is a chat completion counts, whatever its Content-Type says."""
    fake.script(f.ok(EN_ANSWER, content_type="text/plain"))
    assert names(make_extractor().extract(EN_ARTICLE)) == ["Samir Haddad", "Omar Khatib"]


def test_html_error_page_with_5xx_is_a_server_error(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.html(502), f.html(502))
    with pytest.raises(EndpointServerError) as info:
        make_extractor(transport_retries=1).extract(EN_ARTICLE)
    assert "502" in info.value.message


# -- model output that needs repair, a re-ask, or a clear error ------------------------------


def test_think_block_before_json_is_stripped_without_a_reask(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.think(EN_ANSWER))
    result = make_extractor().extract(EN_ARTICLE)

    assert names(result) == ["Samir Haddad", "Omar Khatib"]
    assert result.provenance.attempts == 1


def test_code_fence_and_prose_are_stripped_without_a_reask(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.fenced(AR_ANSWER))
    result = make_extractor().extract(AR_ARTICLE)

    assert names(result) == ["سامر الحداد", "عمر الخطيب"]
    assert result.provenance.attempts == 1


def test_schema_echo_is_named_in_the_reask_and_then_recovers(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.schema_echo(), f.ok(EN_ANSWER))
    result = make_extractor(max_reasks=1).extract(EN_ARTICLE)

    assert result.provenance.attempts == 2
    reask = fake.chat_requests[1].body["messages"][-1]["content"]
    assert "JSON Schema itself" in reask


def test_schema_echo_every_time_is_a_clear_extraction_error(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.schema_echo(), f.schema_echo())
    with pytest.raises(ExtractionFailedError) as info:
        make_extractor(max_reasks=1).extract(EN_ARTICLE)

    assert SCHEMA_ECHO_MESSAGE[:40] in info.value.message
    assert info.value.log.attempts == 2
    assert '"properties"' in (info.value.log.last_raw_output or "")


def test_schema_breaking_answer_is_reasked_then_recovers(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.ok({"meetings": [{"status": "maybe"}]}), f.ok(EN_ANSWER))
    result = make_extractor(max_reasks=1).extract(EN_ARTICLE)

    assert result.provenance.attempts == 2
    reask = fake.chat_requests[1].body["messages"]
    assert reask[-2]["role"] == "assistant"
    assert "status" in reask[-1]["content"]  # the validation errors are fed back


@pytest.mark.parametrize("max_reasks", [0, 2])
def test_schema_breaking_answer_every_time_raises_with_the_log(
    fake: FakeOpenAI, make_extractor: MakeExtractor, max_reasks: int
) -> None:
    bad = {"meetings": [{"status": "maybe", "participants": "everyone"}]}
    fake.script(*[f.ok(bad)] * (max_reasks + 1))
    with pytest.raises(ExtractionFailedError) as info:
        make_extractor(max_reasks=max_reasks).extract(EN_ARTICLE)

    log = info.value.log
    assert log.attempts == max_reasks + 1
    assert json.loads(log.last_raw_output or "") == bad
    assert log.prompt_tokens == 100 * (max_reasks + 1)
    assert log.completion_tokens == 20 * (max_reasks + 1)


def test_output_cut_by_max_tokens_is_incomplete_and_not_reasked(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    text = json.dumps(EN_ANSWER)
    fake.script(f.cut(EN_ANSWER, 60))
    with pytest.raises(IncompleteOutputError) as info:
        make_extractor(max_reasks=2).extract(EN_ARTICLE)

    assert info.value.log.attempts == 1
    assert info.value.log.last_raw_output == text[:60]
    assert info.value.log.completion_tokens == 1536
    assert "max_tokens" in info.value.message


def test_a_loop_cut_by_max_tokens_keeps_the_records_completed_before_it(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    # The small model's loop: its record, then the same record again and again until the cap.
    record = json.dumps(EN_ANSWER["meetings"][0], ensure_ascii=False, separators=(",", ":"))
    looping = '{"meetings":[' + ",".join([record] * 5)
    fake.script(f.ok(looping[: len(looping) - 40], finish_reason="length", usage=(100, 1536)))
    result = make_extractor(max_reasks=2, recall_passes=0).extract(EN_ARTICLE)

    assert names(result) == ["Samir Haddad", "Omar Khatib"]  # the repeats merged as duplicates
    (cut,) = [flag for flag in result.flags if flag.kind == "answer_cut"]
    assert cut.path == "window[0]" and "4 record(s)" in cut.detail
    assert result.provenance.attempts == 1  # not re-asked: it would loop again


def test_endless_whitespace_is_incomplete_output(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.whitespace(40_000))
    with pytest.raises(IncompleteOutputError) as info:
        make_extractor(timeout=NO_HANG).extract(EN_ARTICLE)
    assert (info.value.log.last_raw_output or "").startswith("{\n")


def test_repetition_loop_cut_by_max_tokens_is_incomplete_output(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.repetition())
    with pytest.raises(IncompleteOutputError):
        make_extractor(timeout=NO_HANG).extract(EN_ARTICLE)


def test_repetition_with_a_lying_stop_is_an_extraction_error(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.repetition(finish_reason="stop"), f.repetition(finish_reason="stop"))
    started = time.monotonic()
    with pytest.raises(ExtractionFailedError) as info:
        make_extractor(timeout=NO_HANG, max_reasks=1).extract(EN_ARTICLE)
    assert info.value.log.attempts == 2
    assert len(info.value.message) < 1_000  # the loop is not pasted into the message
    assert time.monotonic() - started < 10


def test_ungrounded_answer_after_reasks_is_kept_and_flagged(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    invented = {"meetings": [EN_ANSWER["meetings"][0] | {"participants": [
        *EN_ANSWER["meetings"][0]["participants"],
        {"name": "Victor Invented", "name_en": None, "title": None, "organization": None,
         "country": "US", "role": "attendee"},
    ]}]}
    fake.script(f.ok(invented), f.ok(invented))
    result = make_extractor(max_reasks=1).extract(EN_ARTICLE)

    assert names(result) == ["Samir Haddad", "Omar Khatib"]
    assert grounding_flags(result.flags) == [("ungrounded_name", "Victor Invented")]
    assert result.provenance.attempts == 2


# -- limits of the client timeout -------------------------------------------------------------


def test_timeout_is_per_read_so_a_dripping_server_is_not_cut(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    """Documents a limitation (docs/robustness.md): ``timeout`` bounds each socket read, not
    the whole request; an endpoint that sends one byte every 0.1 s keeps a call alive."""
    fake.script(f.drip(EN_ANSWER, interval=0.1, padding=12))
    started = time.monotonic()
    result = make_extractor().extract(EN_ARTICLE)
    assert names(result) == ["Samir Haddad", "Omar Khatib"]
    assert time.monotonic() - started > CLIENT_TIMEOUT


# -- the guard itself ------------------------------------------------------------------------


def test_network_guard_still_blocks_other_hosts() -> None:
    """Only loopback is allowed in these modules; anything else must still be refused."""
    with socket.socket() as sock, pytest.raises(RuntimeError, match="Network is disabled"):
        sock.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed


def test_every_fault_error_is_an_llm_extract_error() -> None:
    for cls in (EndpointConnectionError, EndpointProtocolError, EndpointRequestError,
                EndpointServerError, EndpointTimeoutError, ExtractionFailedError,
                IncompleteOutputError, RateLimitedError):
        assert issubclass(cls, LLMExtractError)


# -- the second pass -----------------------------------------------------------------------------

TWO_MEETINGS = EN_ARTICLE + (" Later, Haddad held a video conference with Egyptian Foreign "
                             "Minister Hany Farouk on water sharing.")


def test_a_looping_second_pass_keeps_the_first_answer_and_says_so(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.ok(EN_ANSWER), f.repetition())
    result = make_extractor(timeout=NO_HANG, recall_passes=1).extract(TWO_MEETINGS)
    assert names(result) == ["Samir Haddad", "Omar Khatib"]
    (failed,) = [flag for flag in result.flags if flag.kind == "recall_failed"]
    assert failed.path == "recall[0]" and "incomplete_output" in failed.detail
    assert result.provenance.attempts == 2 and len(fake.chat_requests) == 2


def test_an_endpoint_failure_in_the_second_pass_still_fails_the_article(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.ok(EN_ANSWER), *[f.status(503)] * 3)
    with pytest.raises(EndpointServerError):
        make_extractor(recall_passes=1).extract(TWO_MEETINGS)
