"""The model calls of the asyncio face: :class:`AsyncCaller`.

The pipeline runs on a worker thread of the ``aextract`` call (``asyncio.to_thread``), which
sets :data:`LOOP`; each instructor call is then submitted to that event loop through the async
openai/instructor clients and waited for on the worker thread, so the loop is never blocked.
"""

from __future__ import annotations

import asyncio
import contextvars
import threading
from typing import Any

import openai

from llm_extract.model.caller import Caller
from llm_extract.model.endpoint import Endpoint, async_client
from llm_extract.model.repeat_stop import AsyncRepeatStopTransport
from llm_extract.settings import Settings

__all__ = ["LOOP", "AsyncCaller"]

# The loop of the ``aextract`` call a worker thread works for (asyncio.to_thread copies the
# context into the thread, so the pipeline's model calls find their loop here).
LOOP: contextvars.ContextVar[asyncio.AbstractEventLoop | None] = contextvars.ContextVar(
    "llm_extract_loop", default=None)


class AsyncCaller(Caller):
    """A :class:`Caller` whose instructor calls, made from a worker thread of an ``aextract``
    call (:data:`LOOP` set), run on that call's event loop through the async clients; called
    otherwise, it uses the sync client."""

    def __init__(self, settings: Settings, **options: Any) -> None:
        super().__init__(settings, **options)
        self._async_lock = threading.Lock()
        # one async client per event loop: an httpx AsyncClient belongs to the loop it first
        # ran on, and a program may run several loops one after the other (asyncio.run)
        self._async_clients: dict[int, tuple[Any, Any, str]] = {}

    def _async_instructor(self, endpoint: Endpoint, loop: asyncio.AbstractEventLoop) -> Any:
        with self._async_lock:
            entry = self._async_clients.get(id(loop))
            if entry is None or entry[2] != endpoint.base_url:
                http = None
                if self._repeat_stop:
                    http = openai.DefaultAsyncHttpxClient(transport=AsyncRepeatStopTransport())
                client, raw = async_client(endpoint, self.settings.timeout, http)
                entry = (client, raw, endpoint.base_url)
                self._async_clients[id(loop)] = entry
            return entry[0]

    def _create(self, endpoint: Endpoint, **call: Any) -> Any:
        loop = LOOP.get()
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
