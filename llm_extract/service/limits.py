"""Admission control and the request-body cap: what keeps the service's memory bounded.

:class:`Admission` lets at most ``max_in_flight`` extractions run (on a thread pool of exactly
that size, since the extractor blocks) and at most ``max_queue`` more wait; anything beyond is
refused at once with :class:`ServiceBusyError` (429) instead of piling up. A request that times
out is answered 504, but its slot stays taken until its thread really finishes: threads cannot
be cancelled, and releasing early would let a second extraction run beside an orphaned one.
All counters are touched only on the event loop thread, so they need no lock.

:class:`BodyLimitMiddleware` refuses a body over ``max_body_bytes`` from its Content-Length
before reading it, and counts streamed (chunked) bodies as they arrive.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from llm_extract.service.errors import (
    RequestTimeoutError,
    ServiceBusyError,
    ServiceStoppingError,
    error_response,
)

__all__ = ["Admission", "BodyLimitMiddleware", "BodyTooLargeError"]

T = TypeVar("T")


class Admission:
    """A semaphore for running work plus a counter for waiting work, both bounded."""

    def __init__(self, max_in_flight: int, max_queue: int, *, retry_after: int) -> None:
        self.max_in_flight = max_in_flight
        self.max_queue = max_queue
        self.retry_after = retry_after
        self.in_flight = 0
        self.admitted = 0  # waiting + running, including runs whose client has timed out
        self._semaphore: asyncio.Semaphore | None = None
        self._executor = ThreadPoolExecutor(max_in_flight, thread_name_prefix="llm-extract")

    @property
    def waiting(self) -> int:
        return self.admitted - self.in_flight

    async def run(self, fn: Callable[[], T], *, timeout: float) -> T:
        """Run ``fn`` on the pool once a slot is free; 429 when full, 504 past ``timeout``."""
        loop = asyncio.get_running_loop()
        if self._semaphore is None:
            self._semaphore = asyncio.Semaphore(self.max_in_flight)
        semaphore = self._semaphore
        if self.admitted >= self.max_in_flight + self.max_queue:
            raise ServiceBusyError(
                f"{self.in_flight} extraction(s) running and {self.waiting} waiting; "
                "try again later", retry_after=self.retry_after,
            )
        deadline = loop.time() + timeout
        self.admitted += 1
        try:
            await asyncio.wait_for(semaphore.acquire(), timeout)
        except BaseException as exc:
            self.admitted -= 1
            if isinstance(exc, TimeoutError):
                raise RequestTimeoutError(
                    f"no extraction slot became free within {timeout:g} s"
                ) from None
            raise
        self.in_flight += 1

        def release(done: asyncio.Future[T] | None = None) -> None:
            if done is not None and not done.cancelled():
                done.exception()  # mark retrieved: an orphaned run's error is not "lost"
            self.in_flight -= 1
            self.admitted -= 1
            semaphore.release()

        try:
            future = loop.run_in_executor(self._executor, fn)
        except RuntimeError:  # the pool is shut down: never leak the slot we hold
            release()
            raise ServiceStoppingError(
                "the service is shutting down; send the request again (to another replica)",
                retry_after=self.retry_after,
            ) from None
        future.add_done_callback(release)
        try:
            return await asyncio.wait_for(asyncio.shield(future), deadline - loop.time())
        except TimeoutError:
            raise RequestTimeoutError(
                f"the extraction did not finish within {timeout:g} s"
            ) from None

    async def drain(self) -> None:
        """Wait for every started extraction to finish (graceful shutdown)."""
        await asyncio.get_running_loop().run_in_executor(None, self._executor.shutdown, True)


class BodyTooLargeError(HTTPException):
    """Raised from inside ``receive`` so FastAPI passes it through instead of a 400."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"request body is larger than {limit} bytes")


class BodyLimitMiddleware:
    """Pure ASGI middleware capping request bodies at ``max_body_bytes``."""

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None:
            refusal = self._check_declared(declared)
            if refusal is not None:
                await refusal(scope, receive, send)
                return
        received = 0
        limit = self.max_body_bytes

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLargeError(limit)
            return message

        await self.app(scope, limited_receive, send)

    def _check_declared(self, declared: bytes) -> ASGIApp | None:
        try:
            length = int(declared)
        except ValueError:
            return error_response(400, "bad_request", "HTTPException", "invalid Content-Length")
        if length > self.max_body_bytes:
            return error_response(
                413, "body_too_large", "BodyTooLargeError",
                f"request body of {length} bytes is larger than {self.max_body_bytes} bytes",
            )
        return None
