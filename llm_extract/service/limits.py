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
import logging
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Executor, Future
from typing import Any, TypeVar

from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from llm_extract.service.errors import (
    RequestTimeoutError,
    ServiceBusyError,
    ServiceStoppingError,
    error_response,
)

__all__ = ["Admission", "BodyLimitMiddleware", "BodyTooLargeError", "DaemonThreadPool"]

T = TypeVar("T")
logger = logging.getLogger("llm_extract.service")


class DaemonThreadPool(Executor):
    """A fixed pool of daemon threads: the shutdown grace period can abandon a stuck run.

    Why not ``ThreadPoolExecutor``: its workers are joined at interpreter exit, so one
    extraction hung on a 600 s endpoint timeout would hold a stopping service for ten minutes
    whatever grace period the operator set. Daemon workers end with the process instead (the
    exit handlers, which stop the embedded server, still run).
    """

    def __init__(self, workers: int, *, name: str = "llm-extract") -> None:
        self._work: queue.SimpleQueue[tuple[Future[Any], Callable[[], Any]] | None] = (
            queue.SimpleQueue())
        self._lock = threading.Lock()
        self._stopped = False
        self._threads = [threading.Thread(target=self._worker, name=f"{name}_{i}", daemon=True)
                         for i in range(workers)]
        for thread in self._threads:
            thread.start()

    def _worker(self) -> None:
        while (item := self._work.get()) is not None:
            future, fn = item
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn())
            except BaseException as exc:  # handed to the awaiting request, as an executor does
                future.set_exception(exc)

    def submit(self, fn: Callable[..., T], /, *args: Any, **kwargs: Any) -> Future[T]:
        with self._lock:
            if self._stopped:
                raise RuntimeError("cannot schedule new futures after shutdown")
            future: Future[T] = Future()
            self._work.put((future, lambda: fn(*args, **kwargs)))
            return future

    def alive(self) -> bool:
        """Whether any worker is still running (a run in progress, after shutdown)."""
        return any(thread.is_alive() for thread in self._threads)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        with self._lock:
            self._stopped = True
        if cancel_futures:
            while True:
                try:
                    item = self._work.get_nowait()
                except queue.Empty:
                    break
                if item is not None:
                    item[0].cancel()
        for _ in self._threads:
            self._work.put(None)
        if wait:
            for thread in self._threads:
                thread.join()


class Admission:
    """A semaphore for running work plus a counter for waiting work, both bounded."""

    def __init__(self, max_in_flight: int, max_queue: int, *, retry_after: int) -> None:
        self.max_in_flight = max_in_flight
        self.max_queue = max_queue
        self.retry_after = retry_after
        self.in_flight = 0
        self.admitted = 0  # waiting + running, including runs whose client has timed out
        self._semaphore: asyncio.Semaphore | None = None
        self._executor = DaemonThreadPool(max_in_flight)

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

    async def drain(self, grace: float | None = None) -> int:
        """Wait for every started extraction to finish (graceful shutdown), at most ``grace``
        seconds (None: as long as they take); returns how many were abandoned."""
        # Polled on the loop rather than joined on a helper thread: asyncio.run joins its
        # default executor's threads at exit, which would wait for the stuck run after all.
        self._executor.shutdown(wait=False)
        loop = asyncio.get_running_loop()
        deadline = None if grace is None else loop.time() + grace
        while self._executor.alive():
            if deadline is not None and loop.time() >= deadline:
                abandoned = self.in_flight
                logger.warning("shutdown grace period of %g s over: %d extraction(s) "
                               "abandoned", grace, abandoned)
                return abandoned
            await asyncio.sleep(0.05)
        return 0


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
