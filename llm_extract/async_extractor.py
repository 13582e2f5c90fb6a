"""The asyncio face of the extractor: :class:`AsyncExtractor` and :func:`aextract_meeting`.

Why this shape: the pipeline (input checks, prompt, transport retries, re-asks, grounding,
recall, repairs, provenance) is one piece of code, :class:`~llm_extract.extractor.Extractor`,
and must stay one: a second, async copy would drift. So ``aextract`` runs that same pipeline on
a worker thread (``asyncio.to_thread``) and only the model calls go through openai's and
instructor's *async* clients, awaited on the caller's event loop: the sync pipeline submits each
call to the loop and waits for it (:class:`~llm_extract.model.caller.AsyncCaller`). An event
loop in a FastAPI app or an asyncio program is therefore never blocked; connections belong to
the loop's client. Retry waits are slept on the worker thread, so they do not block the loop
either.
"""

from __future__ import annotations

import asyncio
import datetime as dt
from typing import Any, ClassVar

from llm_extract.extractor import Extractor, cached_extractor
from llm_extract.inputs import InputFormat
from llm_extract.model.async_caller import LOOP, AsyncCaller
from llm_extract.model.caller import Caller
from llm_extract.schema import ExtractionResult
from llm_extract.settings import Settings

__all__ = ["AsyncExtractor", "aextract_meeting"]


class AsyncExtractor(Extractor):
    """An :class:`Extractor` whose model calls use the async openai/instructor clients.

    ``await extractor.aextract(text)``; ``async with AsyncExtractor(settings) as extractor``
    closes the async client. The sync :meth:`extract` still works (sync client).
    """

    caller_type: ClassVar[type[Caller]] = AsyncCaller

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
        token = LOOP.set(asyncio.get_running_loop())
        try:
            return await asyncio.to_thread(
                self.extract, text, published=published, language=language,
                prompt_version=prompt_version, format=format)
        finally:
            LOOP.reset(token)

    async def aclose(self) -> None:
        """Close this loop's async client (and the sync one, if it was used)."""
        assert isinstance(self.caller, AsyncCaller)
        await self.caller.aclose()

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
