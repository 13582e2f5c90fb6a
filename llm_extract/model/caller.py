"""The one door to the model: every question the pipeline asks goes through a :class:`Caller`.

A caller holds one settings object's endpoint (resolved on first use: the embedded server, or
the configured URL with its kind probed once; ``model/endpoint.py``) and its openai client, and
asks two kinds of question:

- :meth:`Caller.read`: one rendered message list (the article, or a piece of it), answered as a
  validated :class:`~llm_extract.model.wire.WireOutput`. instructor validates *with grounding
  on* and re-asks with the exact errors, at most ``max_reasks`` times; if only grounding still
  fails, the last answer is kept (assembly drops and flags what the article does not support);
  an answer cut by ``max_tokens`` keeps the records it completed. Transport failures
  (timeouts, connection errors, 429 honouring Retry-After, 5xx) are retried with exponential
  backoff under tenacity. :meth:`Caller.read_piece` is the same for a piece of an article whose
  bad answer must cost the piece only: it gives the error's kind instead.
- :meth:`Caller.ask_question`: a short constrained chat question answered with token
  probabilities (``logprobs``); :meth:`Caller.judge` asks ``model/judge.py``'s questions so.

Every call counts its attempts, re-asks, retries and tokens in the
:class:`~llm_extract.errors.AttemptLog` it is given, and every failure leaves as a typed,
redacted :mod:`llm_extract.errors` class. :class:`~llm_extract.model.async_caller.AsyncCaller`
sends the same calls through the async clients on the event loop of the ``aextract`` call
being served. The retry sleep is injectable so tests run with zero wait and can assert waits.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any

import openai
import tenacity
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

from llm_extract.errors import (
    AttemptLog,
    EndpointConnectionError,
    EndpointProtocolError,
    EndpointServerError,
    EndpointTimeoutError,
    LLMExtractError,
    OutputError,
    RateLimitedError,
)
from llm_extract.model._boundary import translate
from llm_extract.model._calls import (
    CallRecorder,
    RetryAfterWait,
    announce_retry,
    complete_records,
    count_usage,
    lenient_parse,
    mark_repeat_stop,
)
from llm_extract.model._redact import redact_error, remember_url_secrets
from llm_extract.model.backends import WireFormat
from llm_extract.model.cleanup import ParsedWireOutput
from llm_extract.model.endpoint import Endpoint, embedded_endpoint, probed_endpoint, sync_client
from llm_extract.model.guard import failure, prepare_call
from llm_extract.model.judge import (
    FIELDS,
    confidence_of,
    distribution,
    judge_messages,
    request_options,
)
from llm_extract.model.prompts import Message
from llm_extract.model.repeat_stop import RepeatStopTransport
from llm_extract.model.wire import WireOutput
from llm_extract.schema import Confidence, Meeting
from llm_extract.settings import Settings
from llm_extract.text.normalize import Folded, fold

__all__ = ["Caller"]

_TRANSIENT = (EndpointConnectionError, EndpointTimeoutError, RateLimitedError, EndpointServerError)


class Caller:
    """Asks the model of one settings object; thread-safe, reusable after :meth:`close`.

    Args:
        settings: endpoint, model, timeout, retries, re-asks and sampling.
        sleep: the function tenacity waits with between transport retries.
        endpoint: a resolved endpoint to use instead of resolving one (tests).
        http_client: the HTTP client for the openai SDK (tests pass one with a mock
            transport); by default the repeat stop's transport when ``repeat_stop`` is on.
        repeat_stop: whether to watch answers for repetition loops (default: the settings').
    """

    def __init__(
        self, settings: Settings, *, sleep: Callable[[float], None] = time.sleep,
        endpoint: Endpoint | None = None, http_client: Any = None,
        repeat_stop: bool | None = None,
    ) -> None:
        self.settings = settings
        remember_url_secrets(settings.base_url)  # before any probe can quote the URL
        self._sleep = sleep
        self._endpoint = endpoint
        self._http_client = http_client
        self._repeat_stop = settings.repeat_stop if repeat_stop is None else repeat_stop
        self._client: Any = None
        self._raw: Any = None
        self._client_url: str | None = None
        self._lock = threading.Lock()

    def close(self) -> None:
        """Close the HTTP client (its pooled connections); a new one is made on the next call.
        The shared embedded server is not stopped (it stops at interpreter exit)."""
        with self._lock:
            raw, self._raw, self._client, self._client_url = self._raw, None, None, None
        if raw is not None:
            raw.close()

    def endpoint(self) -> Endpoint:
        """The resolved endpoint (starts the embedded server on first use)."""
        if self._endpoint is None and self.settings.embedded:
            return embedded_endpoint(self.settings)  # asked each time: it restarts if it died
        with self._lock:
            if self._endpoint is None:
                self._endpoint = probed_endpoint(self.settings)
            return self._endpoint

    def instructor(self, endpoint: Endpoint) -> Any:
        """The instructor client for ``endpoint`` (made on first use)."""
        with self._lock:
            if self._client is None or self._client_url != endpoint.base_url:
                http = self._http_client
                if http is None and self._repeat_stop:
                    http = openai.DefaultHttpxClient(transport=RepeatStopTransport())
                self._client, self._raw = sync_client(endpoint, self.settings.timeout, http)
                self._client_url = endpoint.base_url
            return self._client

    def raw_client(self, endpoint: Endpoint) -> Any:
        """The openai client under :meth:`instructor`'s."""
        self.instructor(endpoint)
        return self._raw

    # -- reading: messages in, a validated WireOutput out ------------------------------------

    def read(
        self, endpoint: Endpoint, wire: WireFormat, messages: list[Any], text: str,
        log: AttemptLog, folded: Folded | None = None,
    ) -> WireOutput:
        """The model's answer to ``messages``, which give it ``text`` to read (``folded`` is
        ``fold(text)`` when the caller has it), validated and grounded in ``text``; transport
        failures retried, invalid answers re-asked; raises a typed error."""
        folded = fold(text) if folded is None else folded
        s = self.settings
        retrying = tenacity.Retrying(
            stop=tenacity.stop_after_attempt(s.transport_retries + 1),
            retry=tenacity.retry_if_exception_type(_TRANSIENT),
            wait=RetryAfterWait(s.retry_initial_wait, s.retry_max_wait),
            before_sleep=announce_retry(s.transport_retries + 1),
            sleep=self._sleep,
            reraise=True,
        )
        for attempt in retrying:
            if attempt.retry_state.attempt_number > 1:
                log.transport_retries += 1
            with attempt:
                try:
                    return self._ask(endpoint, wire, messages, text, folded, log)
                except LLMExtractError:
                    raise
                except Exception as exc:
                    raise translate(exc, log) from exc
        raise AssertionError("unreachable: tenacity reraises")  # pragma: no cover

    def read_piece(
        self, endpoint: Endpoint, wire: WireFormat, messages: list[Any], text: str,
        log: AttemptLog, folded: Folded | None = None,
    ) -> WireOutput | str:
        """:meth:`read` for a piece of an article (a window, a sentence of the recall pass):
        an answer that loops or never validates gives its error's kind, costing the records
        the piece might have added, not the article. Endpoint failures still raise (the next
        call would meet them too)."""
        try:
            return self.read(endpoint, wire, messages, text, log, folded)
        except Exception as exc:
            error = translate(exc, log)
            if not isinstance(error, OutputError):
                raise error from None
            return error.kind

    def _ask(
        self, endpoint: Endpoint, wire: WireFormat, messages: list[Any], text: str,
        folded: Folded, log: AttemptLog,
    ) -> WireOutput:
        """One instructor call (with its re-asks) about ``text``; every failure leaves as a
        typed error.

        Errors are translated here, where the call's recorder knows whether the endpoint
        spoke the protocol at all, and are scrubbed of the API key (an endpoint may quote
        the request's headers back in its error body).
        """
        s = self.settings
        prepare_call(endpoint.api_key, endpoint.base_url)
        recorder = CallRecorder(log)
        extra_body = wire.body(WireOutput.model_json_schema(), text) or None
        calls_before = log.attempts
        try:
            output, completion = self._create(
                endpoint,
                # WireOutput, parsed after removing <think> blocks and code fences (cleanup.py)
                response_model=ParsedWireOutput,
                messages=messages,
                max_retries=s.max_reasks,
                context={"folded_source": folded},
                strict=False,
                hooks=recorder.hooks,
                model=endpoint.model,
                temperature=s.temperature,
                max_tokens=s.max_tokens,
                extra_body=extra_body,
            )
            return mark_repeat_stop(output, completion, log)
        except InstructorRetryException as exc:
            if recorder.protocol_problem is None:
                lenient = lenient_parse(exc)
                if lenient is not None:
                    log.errors.append(f"grounding still failing after re-asks: {exc.__cause__}")
                    return lenient
            raise _failure(exc, recorder, log) from exc
        except IncompleteOutputException as exc:
            salvaged = complete_records(exc.last_completion)
            if salvaged is not None and recorder.protocol_problem is None:
                log.errors.append("cut off by max_tokens; kept the "
                                  f"{len(salvaged.meetings)} record(s) completed before the cut")
                return salvaged
            raise _failure(exc, recorder, log) from exc
        except Exception as exc:
            raise _failure(exc, recorder, log) from exc
        finally:  # every call after the first of this instructor call was a re-ask
            log.reasks += max(log.attempts - calls_before - 1, 0)

    def ask_once(self, endpoint: Endpoint, log: AttemptLog, **call: Any) -> Any:
        """One instructor ``create_with_completion(**call)``, its validated answer (the naive
        peer: no retry, and no re-ask unless ``call`` asks for one); tokens counted in ``log``
        on success and failure; raises a typed error."""
        prepare_call(endpoint.api_key, endpoint.base_url)
        failed: LLMExtractError | None = None
        try:
            output, completion = self._create(endpoint, **call)
        except Exception as exc:
            count_usage(getattr(exc, "last_completion", None), log)
            failed = failure(exc, log)
        if failed is not None:  # raised outside the except block: no __context__ chain
            raise failed
        count_usage(completion, log)
        return output

    def _create(self, endpoint: Endpoint, **call: Any) -> Any:
        """One instructor ``create_with_completion`` call: the seam where
        :class:`~llm_extract.model.async_caller.AsyncCaller` puts the async client instead."""
        return self.instructor(endpoint).create_with_completion(**call)

    # -- short questions answered with token probabilities -----------------------------------

    def ask_question(
        self, endpoint: Endpoint, messages: list[Message], options: dict[str, Any],
        log: AttemptLog,
    ) -> Any:
        """The chat completion of one short question (``options``: its ``max_tokens``,
        ``logprobs``, grammar; e.g. ``judge.request_options``), counted in ``log``; raises a
        typed error. Not retried: a question is worth less than the time a retry takes."""
        client = self.raw_client(endpoint)
        failed: LLMExtractError | None = None
        try:
            response = client.chat.completions.create(
                model=endpoint.model, messages=messages, **options)
        except Exception as exc:
            failed = failure(exc, log)
        if failed is not None:
            raise failed
        log.attempts += 1
        count_usage(response, log)
        return response

    def judge(
        self, endpoint: Endpoint, messages: list[Message], meeting: Meeting, log: AttemptLog
    ) -> Confidence | None:
        """The model's probabilities for one record of the article ``messages`` asked about
        (``model/judge.py``), or None when the endpoint reports none. A question that fails
        costs its distribution, not the article: the record stands as the model gave it."""
        choices: dict[str, dict[str, float]] = {}
        for question in FIELDS:
            try:
                response = self.ask_question(
                    endpoint, judge_messages(messages, meeting, question),
                    request_options(endpoint.kind, question), log)
            except Exception as exc:
                log.errors.append(f"judge ({question}): {failure(exc, log)}")
                return None
            dist = distribution(response, question)
            if dist is None:
                return None  # the endpoint reports no probabilities: nothing is invented
            choices[question] = dist
        return confidence_of(meeting, choices)


def _failure(exc: Exception, recorder: CallRecorder, log: AttemptLog) -> LLMExtractError:
    if recorder.protocol_problem is not None:
        error: LLMExtractError = EndpointProtocolError(recorder.protocol_problem, log=log)
    else:
        error = translate(exc, log)
    return redact_error(error)
