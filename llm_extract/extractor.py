"""The extraction pipeline: article text in, grounded schema-v1 meeting records out.

One call of :meth:`Extractor.extract`:

1. checks the input (typed errors for empty, over-long or undecodable text);
2. resolves the endpoint — the embedded llama-server (started on first use) or the configured
   OpenAI-compatible URL, whose kind is probed once to choose the wire format;
3. renders the versioned prompt and asks the model through instructor, which validates the
   answer against :class:`~llm_extract.model.wire.WireOutput` *with grounding on* and re-asks
   with the exact errors, at most ``max_reasks`` times;
4. if only grounding still fails after the re-asks, keeps the last answer and lets
   :func:`~llm_extract.quality.assemble.assemble` drop and flag what the article does not support;
5. retries transport failures (timeouts, connection errors, 429 honouring Retry-After, 5xx) with
   exponential backoff under tenacity, and translates every third-party error at one boundary.

The result records how it was made: versions, model, endpoint kind, wire mode, attempts, tokens
and latency. The retry sleep is injectable so tests run with zero wait and can assert waits.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import instructor
import openai
import tenacity
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException

from llm_extract._version import __version__
from llm_extract.errors import (
    AttemptLog,
    ConfigurationError,
    EndpointConnectionError,
    EndpointProtocolError,
    EndpointServerError,
    EndpointTimeoutError,
    LLMExtractError,
    OutputError,
    RateLimitedError,
)
from llm_extract.inputs import (
    InputFormat,
    check_published,
    check_text,
    input_sha256,
    read_source,
)
from llm_extract.model._boundary import explain, translate
from llm_extract.model._calls import (
    CallRecorder,
    RetryAfterWait,
    announce_retry,
    complete_records,
    lenient_parse,
    mark_repeat_stop,
)
from llm_extract.model._redact import (
    install_log_filters,
    redact_error,
    remember_secret,
    remember_url_secrets,
)
from llm_extract.model.backends import WireFormat, choose_mode, probe_endpoint_kind
from llm_extract.model.cleanup import ParsedWireOutput
from llm_extract.model.contacts import contact_messages, find_options, number_sentences, p_contact
from llm_extract.model.embedded.server import shared_server
from llm_extract.model.guard import failure
from llm_extract.model.judge import (
    FIELDS,
    confidence_of,
    distribution,
    judge_messages,
    request_options,
)
from llm_extract.model.prompts import DEFAULT_PROMPT_VERSION, render
from llm_extract.model.repeat_stop import RepeatStopTransport
from llm_extract.model.wire import WireOutput
from llm_extract.quality.contacts import ContactAnswer
from llm_extract.quality.postprocess import PostModel, post_model
from llm_extract.quality.repair import RULE_NAMES
from llm_extract.redaction import redact_url
from llm_extract.schema import (
    Confidence,
    ExtractionResult,
    Meeting,
    Provenance,
    Usage,
)
from llm_extract.settings import Settings
from llm_extract.text.article import Article, Window, readings
from llm_extract.text.language import detect_language
from llm_extract.text.normalize import Folded, fold

__all__ = ["DEFAULT_CACHE_SIZE", "Endpoint", "Extractor", "cached_extractor", "extract_meeting"]

_TRANSIENT = (EndpointConnectionError, EndpointTimeoutError, RateLimitedError, EndpointServerError)


@dataclass(frozen=True)
class Endpoint:
    """A resolved model endpoint."""

    base_url: str
    model: str
    kind: str
    api_key: str | None = field(default=None, repr=False)  # never in logs or tracebacks

    def __repr__(self) -> str:
        # the base URL may carry a gateway's key (user info, ?api_key=): shown redacted
        return (f"Endpoint(base_url={redact_url(self.base_url)!r}, model={self.model!r}, "
                f"kind={self.kind!r})")


class Extractor:
    """Extracts meeting records with one settings object; reusable and thread-safe.

    Args:
        settings: how to reach the model; defaults to ``Settings.from_env()``.
        sleep: the function tenacity waits with between transport retries (tests pass a
            recorder, so they run with zero wait and can assert the waits asked for).
    """

    def __init__(
        self, settings: Settings | None = None, *, sleep: Callable[[float], None] = time.sleep
    ) -> None:
        self.settings = settings or Settings.from_env()
        unknown = sorted(set(self.settings.disabled_repairs + self.settings.enabled_repairs)
                         - set(RULE_NAMES))
        if unknown:
            raise ConfigurationError(
                f"unknown repair rule(s) to disable: {', '.join(unknown)}; "
                f"known: {', '.join(RULE_NAMES)}")
        remember_url_secrets(self.settings.base_url)  # before any probe can quote the URL
        self._sleep = sleep
        self._endpoint: Endpoint | None = None
        self._client: Any = None
        self._raw: Any = None
        self._client_url: str | None = None
        self._lock = threading.Lock()

    # -- lifetime -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the HTTP client (its pooled connections); the extractor may be used again,
        a new client is made on the next call. The shared embedded server is not stopped:
        other extractors may use it (it stops at interpreter exit)."""
        with self._lock:
            raw, self._raw, self._client, self._client_url = self._raw, None, None, None
        if raw is not None:
            raw.close()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- endpoint -------------------------------------------------------------------------

    def endpoint(self) -> Endpoint:
        """The resolved endpoint (starts the embedded server on first use)."""
        s = self.settings
        if s.embedded:
            server = shared_server(s)
            return Endpoint(server.base_url, s.model or server.model_name, "embedded")
        with self._lock:
            if self._endpoint is None:
                assert s.base_url is not None
                key = s.api_key.get_secret_value() if s.api_key else None
                kind = probe_endpoint_kind(s.base_url, api_key=key)
                if not s.model:
                    raise ConfigurationError("a model name is required with base_url (--model)")
                self._endpoint = Endpoint(s.base_url, s.model, kind, key)
            return self._endpoint

    def _instructor(self, endpoint: Endpoint) -> Any:
        with self._lock:
            if self._client is None or self._client_url != endpoint.base_url:
                raw = openai.OpenAI(
                    base_url=endpoint.base_url,
                    api_key=endpoint.api_key or "sk-no-key-required",
                    max_retries=0,  # tenacity owns retries, so attempts are counted once
                    timeout=self.settings.timeout,
                    http_client=openai.DefaultHttpxClient(transport=RepeatStopTransport())
                    if self.settings.repeat_stop else None,
                )
                self._client = instructor.from_openai(raw, mode=instructor.Mode.JSON_SCHEMA)
                self._raw = raw
                self._client_url = endpoint.base_url
            return self._client

    def _raw_client(self, endpoint: Endpoint) -> Any:
        self._instructor(endpoint)
        return self._raw

    # -- extraction -----------------------------------------------------------------------

    def extract(
        self,
        text: str | bytes,
        *,
        published: str | dt.date | None = None,
        language: str | None = None,
        prompt_version: str | None = None,
        format: InputFormat = "auto",
    ) -> ExtractionResult:
        """Meeting records of one article (possibly none); raises an LLMExtractError.

        ``format``: ``"text"``, ``"html"`` (a web page: its main text is the article, offsets
        index that text, ``published`` defaults to the page's date) or ``"auto"`` (a page when
        the input looks like HTML); see :func:`~llm_extract.inputs.read_source`.
        """
        s = self.settings
        text, source = read_source(text, format)  # a web page: its main text, and where from
        text = check_text(text, s.max_text_chars)
        published_iso = check_published(published) or (source.page_published if source else None)
        version = prompt_version or s.prompt_version or DEFAULT_PROMPT_VERSION
        article = Article(text, published_iso, language or detect_language(text))
        messages = render(version, text=text, published=published_iso, language=article.language)
        log = AttemptLog()
        started = time.perf_counter()
        failed: LLMExtractError | None = None
        try:
            endpoint = self.endpoint()
            wire = choose_mode(s.mode, endpoint.kind)
            spans = readings(article, s.window_chars, s.window_overlap_chars,
                             s.whole_text_chars)
            if language is None and len(spans) > 1:
                article = _one_language_or_all(article, spans)
            contacts: list[ContactAnswer] | None = None
            first: list[tuple[Window, WireOutput | str]] = []
            if s.reading == "contacts" and len(spans) == 1:
                contacts = self._read_contacts(article, endpoint, wire, log)
            elif len(spans) == 1:  # the whole article: its answer is the article's answer
                first = [(spans[0], (
                    self._with_transport_retries(endpoint, wire, messages, article.text,
                                                article.folded, log)))]
            else:
                first = [(win, self._reread(article, win.lo, win.hi, version, endpoint, wire, log))
                         for win in spans]

            def reread(lo: int, hi: int) -> WireOutput | str:
                log.recall_calls += 1  # the recall pass's re-reads, counted apart
                return self._reread(article, lo, hi, version, endpoint, wire, log)

            def judge(meeting: Meeting) -> Confidence | None:
                return self._judge(messages, meeting, endpoint, log)

            meetings, flags = post_model(article, first, reread, PostModel(
                recall_passes=s.recall_passes, repairs=s.repairs,
                disabled_repairs=s.disabled_repairs, enabled_repairs=s.enabled_repairs),
                judge=judge if s.judge else None, contacts=contacts)
        except BaseException as exc:
            if isinstance(exc, (KeyboardInterrupt, SystemExit)):
                raise
            if isinstance(exc, ConfigurationError):
                raise
            failed = redact_error(explain(translate(exc, log), s.base_url))
        if failed is not None:  # raised outside the except block: no __context__ chain
            raise failed
        provenance = Provenance(
            prompt_version=version,
            model=endpoint.model,
            endpoint=redact_url(endpoint.base_url) or "",
            endpoint_kind=endpoint.kind,
            mode=wire.name,
            repairs=s.repairs,
            recall_passes=s.recall_passes,
            attempts=log.attempts,
            reasks=log.reasks,
            transport_retries=log.transport_retries,
            recall_calls=log.recall_calls,
            reading="contacts" if contacts is not None else "whole",
            contact_calls=log.contact_calls if contacts is not None else None,
            usage=Usage(prompt_tokens=log.prompt_tokens, completion_tokens=log.completion_tokens,
                        model_seconds=round(log.model_seconds, 3) if log.model_seconds else None),
            latency_s=round(time.perf_counter() - started, 3),
            input_sha256=input_sha256(text, source),
            language=article.language,
            published=published_iso,
            source=source,
            created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            library_version=__version__,
        )
        return ExtractionResult(meetings=meetings, flags=flags, provenance=provenance)

    def _reread(
        self, article: Article, lo: int, hi: int, version: str, endpoint: Endpoint,
        wire: WireFormat, log: AttemptLog,
    ) -> WireOutput | str:
        """The model's answer for one piece of the article alone (a window of a long article,
        or a sentence of the recall pass), or its error's kind.

        A piece that loops or never validates costs the records it might have added, not the
        article: the rest stands. Endpoint failures still fail the article (the next call
        would meet them too).
        """
        sentence = article.text[lo:hi]
        messages = render(version, text=sentence, published=article.published,
                          language=article.language)
        try:
            return self._with_transport_retries(endpoint, wire, messages, sentence,
                                                fold(sentence), log)
        except Exception as exc:
            error = translate(exc, log)
            if not isinstance(error, OutputError):
                raise error from None
            return error.kind

    def _read_contacts(
        self, article: Article, endpoint: Endpoint, wire: WireFormat, log: AttemptLog,
    ) -> list[ContactAnswer]:
        """The contact-by-contact reading (``model/contacts.py``): of each sentence worth a
        question, the probability that it reports a contact, then, for those found, its
        records. A question that fails costs its sentence, not the article."""
        numbered = number_sentences(article.text, article.sentences)
        client = self._raw_client(endpoint)
        answers: list[ContactAnswer] = []
        for n in numbered.asked():
            span = numbered.spans[n - 1]
            log.contact_calls += 1
            try:
                response = client.chat.completions.create(
                    model=endpoint.model,
                    messages=contact_messages(numbered, article.published, "find", n),
                    **find_options(endpoint.kind))
            except Exception as exc:
                error = translate(exc, log)
                if not isinstance(error, OutputError):
                    raise error from None
                answers.append(ContactAnswer(span, None, error.kind))
                continue
            log.attempts += 1
            _count_usage(response, log)
            p = p_contact(response)
            if p is None or p < CONTACT_THRESHOLD:
                answers.append(ContactAnswer(span, p, None))
                continue
            log.contact_calls += 1
            messages = contact_messages(numbered, article.published, "write", n)
            try:
                output: WireOutput | str = self._with_transport_retries(
                    endpoint, wire, messages, article.text, article.folded, log)
            except Exception as exc:
                error = translate(exc, log)
                if not isinstance(error, OutputError):
                    raise error from None
                output = error.kind
            answers.append(ContactAnswer(span, p, output))
        return answers

    def _judge(
        self, messages: list[Any], meeting: Meeting, endpoint: Endpoint, log: AttemptLog
    ) -> Confidence | None:
        """The model's probabilities for one record (``model/judge.py``), or None when the
        endpoint reports none. A question that fails costs its distribution, not the article:
        the record stands as the model gave it."""
        choices: dict[str, dict[str, float]] = {}
        client = self._raw_client(endpoint)
        for question in FIELDS:
            try:
                response = client.chat.completions.create(
                    model=endpoint.model,
                    messages=judge_messages(messages, meeting, question),
                    **request_options(endpoint.kind, question),
                )
            except Exception as exc:
                log.errors.append(f"judge ({question}): {failure(exc, log)}")
                return None
            log.attempts += 1
            _count_usage(response, log)
            dist = distribution(response, question)
            if dist is None:
                return None  # the endpoint reports no probabilities: nothing is invented
            choices[question] = dist
        return confidence_of(meeting, choices)

    def _with_transport_retries(
        self, endpoint: Endpoint, wire: WireFormat, messages: list[Any], text: str,
        folded: Folded, log: AttemptLog,
    ) -> WireOutput:
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

    def _ask(
        self, endpoint: Endpoint, wire: WireFormat, messages: list[Any], text: str,
        folded: Folded, log: AttemptLog,
    ) -> WireOutput:
        """One instructor call (with its re-asks) about ``text`` (the article or the piece of
        it that ``messages`` hold); every failure leaves as a typed error.

        Errors are translated here, where the call's recorder knows whether the endpoint
        spoke the protocol at all, and are scrubbed of the API key (an endpoint may quote
        the request's headers back in its error body).
        """
        s = self.settings
        install_log_filters()
        remember_secret(endpoint.api_key)
        remember_url_secrets(endpoint.base_url)
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
            raise self._failure(exc, recorder, log) from exc
        except IncompleteOutputException as exc:
            salvaged = complete_records(exc.last_completion)
            if salvaged is not None and recorder.protocol_problem is None:
                log.errors.append("cut off by max_tokens; kept the "
                                  f"{len(salvaged.meetings)} record(s) completed before the cut")
                return salvaged
            raise self._failure(exc, recorder, log) from exc
        except Exception as exc:
            raise self._failure(exc, recorder, log) from exc
        finally:  # every call after the first of this instructor call was a re-ask
            log.reasks += max(log.attempts - calls_before - 1, 0)

    def _create(self, endpoint: Endpoint, **call: Any) -> Any:
        """One instructor ``create_with_completion`` call: the seam where
        :class:`~llm_extract.async_extractor.AsyncExtractor` puts the async client instead."""
        return self._instructor(endpoint).create_with_completion(**call)

    @staticmethod
    def _failure(exc: Exception, recorder: CallRecorder, log: AttemptLog) -> LLMExtractError:
        if recorder.protocol_problem is not None:
            error: LLMExtractError = EndpointProtocolError(recorder.protocol_problem, log=log)
        else:
            error = translate(exc, log)
        return redact_error(error)


CONTACT_THRESHOLD = 0.5
"""A sentence is asked for its records when the model's probability that it reports a
contact is at least this."""


def _count_usage(response: Any, log: AttemptLog) -> None:
    usage = getattr(response, "usage", None)
    if usage is not None:
        log.prompt_tokens += int(getattr(usage, "prompt_tokens", 0) or 0)
        log.completion_tokens += int(getattr(usage, "completion_tokens", 0) or 0)


def _one_language_or_all(article: Article, spans: tuple[Window, ...]) -> Article:
    """``article`` read with every language's cue tables when its windows are in different
    languages (a round-up of wires in several languages): the language detected on the whole
    text would apply one language's cues to the others' sentences."""
    languages = {detect_language(article.text[w.core:w.hi]) for w in spans}
    if len(languages - {None}) <= 1:
        return article
    return Article(article.text, article.published, None)


DEFAULT_CACHE_SIZE = 8
"""How many extractors (one per distinct settings) ``extract_meeting`` keeps for reuse."""

_default_lock = threading.Lock()
_defaults: OrderedDict[str, Extractor] = OrderedDict()


ExtractorT = TypeVar("ExtractorT", bound=Extractor)


def cached_extractor(
    kind: type[ExtractorT], settings: Settings | None, **overrides: Any
) -> ExtractorT:
    """The cached ``kind`` extractor for ``settings`` with ``overrides`` validated on top (the
    environment's settings when None), made on first use: behind :func:`extract_meeting` and
    ``aextract_meeting``, so that both resolve their arguments alike.

    Bounded: a caller varying an override per call (a model name, a timeout) must not grow
    memory and open clients without end. An evicted extractor is not closed: another thread
    may still be using it; its client goes with it.
    """
    if settings is None:
        settings = Settings.from_env(**overrides)
    else:
        settings = settings.with_overrides(**overrides)
    secret = settings.api_key.get_secret_value() if settings.api_key else ""
    key = (kind.__name__ + settings.model_dump_json()
           + hashlib.sha256(secret.encode()).hexdigest())
    with _default_lock:
        extractor = _defaults.get(key)
        if extractor is None:
            extractor = _defaults[key] = kind(settings)
            while len(_defaults) > DEFAULT_CACHE_SIZE:
                _defaults.popitem(last=False)
        else:
            _defaults.move_to_end(key)
    assert isinstance(extractor, kind)
    return extractor


def extract_meeting(
    text: str | bytes,
    *,
    settings: Settings | None = None,
    published: str | dt.date | None = None,
    language: str | None = None,
    prompt_version: str | None = None,
    format: InputFormat = "auto",
    **overrides: Any,
) -> ExtractionResult:
    """Meeting records of one article (or web page: ``format``, as in :meth:`Extractor.extract`).

    With no settings, reads ``LLM_EXTRACT_*`` environment variables; keyword overrides (for
    example ``base_url=``, ``model=``, ``mode=``) take precedence. With no endpoint configured
    the embedded llama.cpp default is started on first use and reused.
    """
    extractor = cached_extractor(Extractor, settings, **overrides)
    return extractor.extract(
        text, published=published, language=language, prompt_version=prompt_version,
        format=format,
    )
