"""The extraction pipeline: article text in, grounded schema-v1 meeting records out.

One call of :meth:`Extractor.extract` follows the recipe:

1. reads the input (a web page: its main text) and checks it (typed errors for empty,
   over-long or undecodable text), and makes the :class:`~llm_extract.text.article.Article`;
2. renders the versioned prompt;
3. resolves the endpoint and asks the model for the first reading — the whole article, or each
   window of a long one — through :class:`~llm_extract.model.caller.Caller`, which owns
   everything about a model call: the embedded server or the probed URL, the openai client,
   transport retries (tenacity), re-asks with the validation errors (instructor), salvage of
   answers cut short or failing only grounding, usage counting, and the one boundary where
   third-party errors become :mod:`llm_extract.errors`;
4. hands the answers to the post-model layer (:func:`~llm_extract.quality.postprocess.
   post_model`: grounding, the recall pass's re-reads, the judge's questions when asked for,
   repairs), whose re-reads and questions go through the same caller;
5. records how the result was made (:func:`~llm_extract.model.provenance.build_provenance`):
   versions, model, endpoint kind, wire mode, attempts, tokens and latency.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from llm_extract.errors import AttemptLog, ConfigurationError, LLMExtractError
from llm_extract.inputs import InputFormat, check_published, check_text, read_source
from llm_extract.model._boundary import explain, translate
from llm_extract.model._redact import redact_error
from llm_extract.model.backends import WireFormat, choose_mode
from llm_extract.model.caller import Caller
from llm_extract.model.contacts import read_contacts
from llm_extract.model.endpoint import Endpoint
from llm_extract.model.prompts import DEFAULT_PROMPT_VERSION, render
from llm_extract.model.provenance import build_provenance
from llm_extract.model.wire import ContactAnswer, WireOutput
from llm_extract.quality.postprocess import PostModel, post_model
from llm_extract.quality.repair import RULE_NAMES
from llm_extract.schema import Confidence, ExtractionResult, Meeting
from llm_extract.settings import Settings
from llm_extract.text.article import Article, Window, readings
from llm_extract.text.language import detect_language

__all__ = ["DEFAULT_CACHE_SIZE", "Endpoint", "Extractor", "cached_extractor", "extract_meeting"]


class Extractor:
    """Extracts meeting records with one settings object; reusable and thread-safe.

    Args:
        settings: how to reach the model; defaults to ``Settings.from_env()``.
        sleep: the function tenacity waits with between transport retries (tests pass a
            recorder, so they run with zero wait and can assert the waits asked for).
    """

    caller_type: ClassVar[type[Caller]] = Caller
    """The model calls' class (:class:`~llm_extract.model.async_caller.AsyncCaller` for the
    asyncio face)."""

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
        self.caller = self.caller_type(self.settings, sleep=sleep)

    # -- lifetime -------------------------------------------------------------------------

    def close(self) -> None:
        """Close the HTTP client (its pooled connections); the extractor may be used again,
        a new client is made on the next call. The shared embedded server is not stopped:
        other extractors may use it (it stops at interpreter exit)."""
        self.caller.close()

    def __enter__(self) -> Extractor:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    def endpoint(self) -> Endpoint:
        """The resolved endpoint (starts the embedded server on first use)."""
        return self.caller.endpoint()

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
        caller = self.caller
        try:
            endpoint = caller.endpoint()
            wire = choose_mode(s.mode, endpoint.kind)
            spans = readings(article, s.window_chars, s.window_overlap_chars,
                             s.whole_text_chars)
            if language is None and len(spans) > 1:
                article = _one_language_or_all(article, spans)
            contacts: list[ContactAnswer] | None = None
            first: list[tuple[Window, WireOutput | str]] = []
            if s.reading == "contacts" and len(spans) == 1:  # sentence by sentence
                contacts = read_contacts(caller, endpoint, wire, article.text, article.folded,
                                         article.sentences, article.published, log,
                                         s.contact_threshold)
            elif len(spans) == 1:  # the whole article: its answer is the article's answer
                first = [(spans[0], caller.read(
                    endpoint, wire, messages, article.text, log, article.folded))]
            else:
                first = [(win, self._reread(article, win.lo, win.hi, version, endpoint, wire, log))
                         for win in spans]

            def reread(lo: int, hi: int) -> WireOutput | str:
                log.recall_calls += 1  # the recall pass's re-reads, counted apart
                return self._reread(article, lo, hi, version, endpoint, wire, log)

            def judge(meeting: Meeting) -> Confidence | None:
                return caller.judge(endpoint, messages, meeting, log)

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
        provenance = build_provenance(
            text, source, prompt_version=version, model=endpoint.model,
            endpoint=endpoint.base_url, endpoint_kind=endpoint.kind, mode=wire.name,
            repairs=s.repairs, recall_passes=s.recall_passes, attempts=log.attempts,
            reasks=log.reasks, transport_retries=log.transport_retries,
            recall_calls=log.recall_calls, reading="whole" if contacts is None else "contacts",
            contact_calls=None if contacts is None else log.contact_calls, log=log,
            latency_s=time.perf_counter() - started,
            language=article.language, published=published_iso)
        return ExtractionResult(meetings=meetings, flags=flags, provenance=provenance)

    def _reread(
        self, article: Article, lo: int, hi: int, version: str, endpoint: Endpoint,
        wire: WireFormat, log: AttemptLog,
    ) -> WireOutput | str:
        """The model's answer for one piece of the article alone (a window of a long article,
        or a sentence of the recall pass), or its error's kind
        (:meth:`~llm_extract.model.caller.Caller.read_piece`)."""
        piece = article.text[lo:hi]
        messages = render(version, text=piece, published=article.published,
                          language=article.language)
        return self.caller.read_piece(endpoint, wire, messages, piece, log)


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
