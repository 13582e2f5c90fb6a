"""What one model call leaves behind, and how the caller waits between attempts.

:class:`CallRecorder` listens to instructor's per-call hooks and keeps the attempts, tokens,
model time and last raw output in an :class:`~llm_extract.errors.AttemptLog`, and notices an
answer that is not a chat completion at all. :class:`RetryAfterWait` is tenacity's wait for
transport retries, honouring a 429's Retry-After. :func:`lenient_parse` recovers the last answer
when only grounding failed after the re-asks, so that assembly can drop and flag what the
article does not support instead of losing the whole answer.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

import pydantic
import tenacity
from instructor.core.exceptions import InstructorRetryException
from instructor.core.hooks import Hooks

from llm_extract.errors import AttemptLog, LLMExtractError, RateLimitedError
from llm_extract.model.cleanup import clean_output
from llm_extract.model.repeat_stop import STOP_FIELD
from llm_extract.model.wire import WireMeeting, WireOutput

__all__ = [
    "RETRY_LOGGER",
    "CallRecorder",
    "RetryAfterWait",
    "announce_retry",
    "complete_records",
    "count_usage",
    "lenient_parse",
    "mark_repeat_stop",
]


class RetryAfterWait(tenacity.wait.wait_base):
    """Exponential backoff with jitter, or exactly what a 429's Retry-After asks (capped)."""

    def __init__(self, initial: float, cap: float) -> None:
        self.cap = cap
        self.backoff = tenacity.wait_exponential_jitter(initial=initial, max=cap)

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        outcome = retry_state.outcome
        exc = outcome.exception() if outcome is not None else None
        if isinstance(exc, RateLimitedError) and exc.retry_after is not None:
            return min(exc.retry_after, self.cap)
        return float(self.backoff(retry_state))


def count_usage(completion: Any, log: AttemptLog) -> None:
    """Adds the tokens ``completion`` reports (if it reports any) to ``log``."""
    usage = getattr(completion, "usage", None)
    if usage is not None:
        log.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
        log.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)


RETRY_LOGGER = "llm_extract.retry"


def announce_retry(total: int) -> Callable[[tenacity.RetryCallState], None]:
    """tenacity's ``before_sleep``: one INFO record per wait, "retrying in 8 s, attempt 2/4
    (server_error: ...)", on the ``llm_extract.retry`` logger.

    Why a log record and not a print: a library must not write to stderr; the CLI shows these
    records (a silent 12-second pause before an error looked like a hang), an application
    decides for itself. INFO stays below Python's last-resort handler.
    """
    logger = logging.getLogger(RETRY_LOGGER)

    def before_sleep(state: tenacity.RetryCallState) -> None:
        wait = state.next_action.sleep if state.next_action is not None else 0.0
        outcome = state.outcome
        exc = outcome.exception() if outcome is not None else None
        why = ""
        if isinstance(exc, LLMExtractError):
            why = f" ({exc.kind}: {' '.join(exc.message.split())[:120]})"
        logger.info("retrying in %s s, attempt %d/%d%s", f"{wait:.3g}",
                    state.attempt_number + 1, total, why)

    return before_sleep


class CallRecorder:
    """Collects, through instructor's per-call hooks, what every model call cost and said.

    It also notices an answer that is not a chat completion at all (an HTML page, a body that
    is not JSON, an empty ``choices`` list). instructor treats those like invalid model output
    and re-asks, then fails with whatever its re-ask tripped over (an IndexError); the
    recorder keeps the real reason so that :meth:`~llm_extract.model.caller.Caller.read` can raise
    :class:`EndpointProtocolError` instead. Hooks cannot raise (instructor turns a hook's
    exception into a warning), so the verdict is read after the call.
    """

    def __init__(self, log: AttemptLog) -> None:
        self.log = log
        self.protocol_problem: str | None = None
        self.hooks = Hooks()
        self.hooks.on("completion:kwargs", self._on_kwargs)
        self.hooks.on("completion:response", self._on_response)
        self.hooks.on("completion:error", self._on_error)

    def _on_kwargs(self, *args: Any, **kwargs: Any) -> None:
        self.log.attempts += 1
        self.protocol_problem = None  # judged per attempt: a later good answer clears it

    def _on_response(self, response: Any) -> None:
        choices = getattr(response, "choices", None)
        if choices is None:
            snippet = " ".join(str(response).split())[:160]
            self._protocol(f"the endpoint's 200 answer is not a chat completion: {snippet!r}")
            return
        count_usage(response, self.log)
        # llama.cpp reports its own compute time per request; it lets a benchmark separate the
        # model's time from the pipeline's overhead.
        extra = getattr(response, "model_extra", None) or {}
        timings = extra.get("timings") if isinstance(extra, dict) else None
        if isinstance(timings, dict):
            ms = float(timings.get("prompt_ms", 0) or 0)
            ms += float(timings.get("predicted_ms", 0) or 0)
            self.log.model_seconds += ms / 1000.0
        message = getattr(choices[0], "message", None) if choices else None
        if message is None:
            self._protocol("the endpoint answered a chat completion without any choice/message")
            return
        self.log.last_raw_output = getattr(message, "content", None)

    def _on_error(self, error: BaseException, *args: Any, **kwargs: Any) -> None:
        # openai parses a JSON-typed body itself; one that is not JSON surfaces as a raw
        # JSONDecodeError from the HTTP call, which instructor would take for bad model output.
        if isinstance(error, json.JSONDecodeError):
            self._protocol(f"the endpoint's response body is not valid JSON ({error.msg})")

    def _protocol(self, problem: str) -> None:
        self.protocol_problem = problem
        self.log.errors.append(problem)


def _answer_text(completion: Any) -> str | None:
    """The message text of a completion's first choice, if it has one."""
    choices = getattr(completion, "choices", None) or []
    content = getattr(getattr(choices[0], "message", None), "content", None) if choices else None
    return content if isinstance(content, str) else None


def lenient_parse(exc: InstructorRetryException) -> WireOutput | None:
    """The last answer parsed without grounding, if grounding was all that failed."""
    if not isinstance(exc.__cause__, pydantic.ValidationError):
        return None
    content = _answer_text(exc.last_completion)
    if not content:
        return None
    try:
        return WireOutput.model_validate_json(clean_output(content))
    except pydantic.ValidationError:
        return None


def complete_records(completion: Any) -> WireOutput | None:
    """The records an answer cut by ``max_tokens`` had completed before the cut, or None.

    A small model that starts repeating itself ("8 copies of one person") runs into the token
    limit; the records it wrote before the loop are usually right, and losing the whole
    article to the loop's tail costs them all. Each whole record object of the ``meetings``
    array is kept (one that does not validate is skipped); what follows the last one is not.
    Grounding is left to assembly, which drops and flags what the article does not hold.
    """
    content = _answer_text(completion)
    if content is None:
        return None
    text = clean_output(content)
    key = text.find('"meetings"')
    start = text.find("[", key) if key >= 0 else -1
    if start < 0:
        return None
    decoder = json.JSONDecoder()
    meetings: list[WireMeeting] = []
    pos = start + 1
    while True:
        while pos < len(text) and text[pos] in " \t\r\n,":
            pos += 1
        try:
            item, pos = decoder.raw_decode(text, pos)
        except json.JSONDecodeError:
            break
        try:
            meetings.append(WireMeeting.model_validate(item))
        except pydantic.ValidationError:
            continue
    if not meetings:
        return None
    output = WireOutput(meetings=meetings)
    output._cut = "max_tokens"
    return output


def mark_repeat_stop(output: WireOutput, completion: Any, log: AttemptLog) -> WireOutput:
    """``output``, marked as cut at a repeat when ``repeat_stop`` stopped the answer it parses
    (the completion then carries ``STOP_FIELD``), the stop noted in the call's log."""
    stop = (getattr(completion, "model_extra", None) or {}).get(STOP_FIELD)
    if isinstance(stop, dict):
        log.errors.append(f"stopped a repeating answer: {stop.get('detail')}")
        output._cut = "near_repeat" if stop.get("reason") == "near_repeat" else "repeat"
    return output
