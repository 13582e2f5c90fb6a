"""The asyncio face of the extractor: :class:`AsyncExtractor` and :func:`aextract_meeting`.

Why this shape: the pipeline (input checks, prompt, transport retries, re-asks, grounding,
recall, repairs, provenance) is one piece of code, :class:`~llm_extract.extractor.Extractor`,
and must stay one: a second, async copy would drift. So ``aextract`` runs that same pipeline on
a worker thread (``asyncio.to_thread``) and only the model calls go through openai's and
instructor's *async* clients, awaited on the caller's event loop: the sync pipeline submits each
call to the loop and waits for it (:meth:`AsyncExtractor._create`). An event loop in a FastAPI
app or an asyncio program is therefore never blocked; connections belong to the loop's client.
Retry waits are slept on the worker thread, so they do not block the loop either.
"""

from __future__ import annotations

import asyncio
import contextvars
import datetime as dt
import threading
from typing import Any

import instructor
import openai

from llm_extract.extractor import Endpoint, Extractor, cached_extractor
from llm_extract.inputs import InputFormat
from llm_extract.model.repeat_stop import AsyncRepeatStopTransport
from llm_extract.schema import ExtractionResult
from llm_extract.settings import Settings

__all__ = ["AsyncExtractor", "aextract_meeting"]

# The loop of the ``aextract`` call a worker thread works for (asyncio.to_thread copies the
# context into the thread, so the pipeline's model calls find their loop here).
_LOOP: contextvars.ContextVar[asyncio.AbstractEventLoop | None] = contextvars.ContextVar(
    "llm_extract_loop", default=None)


class AsyncExtractor(Extractor):
    """An :class:`Extractor` whose model calls use the async openai/instructor clients.

    ``await extractor.aextract(text)``; ``async with AsyncExtractor(settings) as extractor``
    closes the async client. The sync :meth:`extract` still works (sync client).
    """

    def __init__(self, settings: Settings | None = None, **options: Any) -> None:
        super().__init__(settings, **options)
        self._async_lock = threading.Lock()
        # one async client per event loop: an httpx AsyncClient belongs to the loop it first
        # ran on, and a program may run several loops one after the other (asyncio.run)
        self._async_clients: dict[int, tuple[Any, Any, str]] = {}

    async def aextract(
        self,
        text: str | bytes,
        *,
        published: str | dt.date | None = None,
        language: str | None = None,
        prompt_version: str | None = None,
        format: InputFormat = "auto",
    ) -> ExtractionResult:
        """Meeting records of one article (possibly none); raises an LLMExtractError.
        ``format`` as in :meth:`~llm_extract.extractor.Extractor.extract` (a page is read on
        the worker thread too)."""
        token = _LOOP.set(asyncio.get_running_loop())
        try:
            return await asyncio.to_thread(
                self.extract, text, published=published, language=language,
                prompt_version=prompt_version, format=format)
        finally:
            _LOOP.reset(token)

    def _async_instructor(self, endpoint: Endpoint, loop: asyncio.AbstractEventLoop) -> Any:
        with self._async_lock:
            entry = self._async_clients.get(id(loop))
            if entry is None or entry[2] != endpoint.base_url:
                raw = openai.AsyncOpenAI(
                    base_url=endpoint.base_url,
                    api_key=endpoint.api_key or "sk-no-key-required",
                    max_retries=0,  # tenacity owns retries, as in the sync client
                    timeout=self.settings.timeout,
                    http_client=openai.DefaultAsyncHttpxClient(
                        transport=AsyncRepeatStopTransport())
                    if self.settings.repeat_stop else None,
                )
                entry = (instructor.from_openai(raw, mode=instructor.Mode.JSON_SCHEMA), raw,
                         endpoint.base_url)
                self._async_clients[id(loop)] = entry
            return entry[0]

    def _create(self, endpoint: Endpoint, **call: Any) -> Any:
        loop = _LOOP.get()
        if loop is None:  # called through the sync extract(): the sync client
            return super()._create(endpoint, **call)
        client = self._async_instructor(endpoint, loop)
        future = asyncio.run_coroutine_threadsafe(client.create_with_completion(**call), loop)
        return future.result()

    async def aclose(self) -> None:
        """Close this loop's async client (and the sync one, if it was used)."""
        loop = asyncio.get_running_loop()
        with self._async_lock:
            entry = self._async_clients.pop(id(loop), None)
        if entry is not None:
            await entry[1].close()
        self.close()

    async def __aenter__(self) -> AsyncExtractor:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()


async def aextract_meeting(
    text: str | bytes,
    *,
    settings: Settings | None = None,
    published: str | dt.date | None = None,
    language: str | None = None,
    prompt_version: str | None = None,
    format: InputFormat = "auto",
    **overrides: Any,
) -> ExtractionResult:
    """The asyncio twin of :func:`~llm_extract.extract_meeting` (same settings, same cache
    bound, same validation of ``overrides``)."""
    extractor = cached_extractor(AsyncExtractor, settings, **overrides)
    return await extractor.aextract(
        text, published=published, language=language, prompt_version=prompt_version,
        format=format)
