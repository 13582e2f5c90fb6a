"""The batch runner: bounded thread pool, progress with rate and ETA, clean interruption."""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from llm_extract.batch.inputs import BatchItem, read_inputs
from llm_extract.batch.output import LineWriter, read_done
from llm_extract.errors import InputError, LLMExtractError
from llm_extract.inputs import InputFormat
from llm_extract.protocols import SupportsExtract
from llm_extract.provenance_log import ProvenanceLog, logged_extract

__all__ = ["BatchSummary", "extract_line", "run_batch"]


@dataclass
class BatchSummary:
    """What one run did; ``format`` is the closing report on stderr."""

    inputs: int = 0
    skipped: int = 0
    ok: int = 0
    failed: Counter[str] = field(default_factory=Counter)
    meetings: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    elapsed_s: float = 0.0
    interrupted: bool = False
    still_failed: int = 0  # inputs whose newest output line is an error, this run's or older


    @property
    def done(self) -> int:
        return self.ok + sum(self.failed.values())

    def format(self) -> str:
        failed = ", ".join(f"{k} {n}" for k, n in sorted(self.failed.items())) or "none"
        state = "interrupted" if self.interrupted else "finished"
        older = self.still_failed - sum(self.failed.values())
        still = (f"{older} skipped input(s) still failed in the output (--retry-errors "
                 "redoes them), ") if older > 0 else ""
        return (
            f"batch {state}: {self.done} done ({self.ok} ok, failed: {failed}), "
            f"{self.skipped} already in output, {still}{self.meetings} meeting records, "
            f"{self.prompt_tokens + self.completion_tokens} tokens "
            f"({self.prompt_tokens} prompt + {self.completion_tokens} completion), "
            f"{self.elapsed_s:.1f} s"
        )


class _Progress:
    """Counts outcomes (from worker threads) and reports rate and ETA on a stream."""

    def __init__(self, summary: BatchSummary, todo: int, stream: TextIO | None) -> None:
        self.summary, self.todo, self.stream = summary, todo, stream
        self.tty = bool(stream is not None and stream.isatty())
        self.started = self._last = time.monotonic()
        self._lock = threading.Lock()

    def record(self, line: dict[str, Any]) -> None:
        s = self.summary
        with self._lock:
            if line["status"] == "ok":
                s.ok += 1
                s.meetings += len(line["result"]["meetings"])
                usage = line["result"]["provenance"]["usage"]
            else:
                s.failed[line["error"]["kind"]] += 1
                usage = line["error"]
            s.prompt_tokens += int(usage.get("prompt_tokens") or 0)
            s.completion_tokens += int(usage.get("completion_tokens") or 0)
            now = time.monotonic()
            if now - self._last >= (0.5 if self.tty else 5.0) or s.done == self.todo:
                self._last = now
                self.show(now)

    def show(self, now: float) -> None:
        if self.stream is None:
            return
        s, elapsed = self.summary, max(now - self.started, 1e-9)
        rate = s.done / elapsed
        eta = (self.todo - s.done) / rate if rate > 0 else float("inf")
        eta_text = "?" if eta == float("inf") else f"{int(eta // 60)}m{int(eta % 60):02d}s"
        text = (f"[batch] {s.done}/{self.todo} ({sum(s.failed.values())} failed) "
                f"{rate:.2f}/s ETA {eta_text}")
        self.stream.write(("\r" + text) if self.tty else (text + "\n"))
        self.stream.flush()


def extract_line(
    item: BatchItem, extractor: SupportsExtract, log: ProvenanceLog | None, origin: str = "batch"
) -> dict[str, Any]:
    """The output line of one item: ``{"id", "source", "status", "result", "error"}``."""
    line: dict[str, Any] = {"id": item.id, "source": item.source, "status": "error",
                            "result": None, "error": None}
    if item.error is not None or item.text is None:
        line["error"] = (item.error or InputError("no text")).to_dict()
        return line
    try:
        result = logged_extract(
            extractor, item.text, log=log, item_id=item.id, origin=origin,
            published=item.published, language=item.language, format=item.format,
        )
    except LLMExtractError as exc:
        line["error"] = exc.to_dict()
    except Exception as exc:  # a bug in a custom extractor must not lose the input
        line["error"] = {"kind": "internal", "type": type(exc).__name__, "message": str(exc)}
    else:
        line.update(status="ok", result=result.model_dump(mode="json"))
    return line


def run_batch(
    input_path: Path,
    output_path: Path,
    extractor: SupportsExtract,
    *,
    concurrency: int = 1,
    retry_errors: bool = False,
    log: ProvenanceLog | None = None,
    progress: TextIO | None = sys.stderr,
    fsync_every: int = 16,
    format: InputFormat = "auto",
) -> BatchSummary:
    """Extract every input not yet in ``output_path`` and append one line for each.
    ``format`` says how text inputs are read (``read_inputs``); pages are always pages."""
    started = time.monotonic()
    done = read_done(output_path)
    skip = {k for k, status in done.items() if status == "ok" or not retry_errors}
    summary = BatchSummary()
    keys: set[str] = set()
    for item in read_inputs(input_path, format=format):
        summary.inputs += 1
        summary.skipped += item.key in skip
        keys.add(item.key)
    meter = _Progress(summary, summary.inputs - summary.skipped, progress)
    writer = LineWriter(output_path, fsync_every)

    def work(item: BatchItem) -> None:
        line = extract_line(item, extractor, log)
        if writer.write(line):
            meter.record(line)

    pool = ThreadPoolExecutor(max(1, concurrency), thread_name_prefix="llm-extract-batch")
    pending: set[Future[None]] = set()
    try:
        for item in read_inputs(input_path, format=format):
            if item.key in skip:
                continue
            while len(pending) >= 2 * max(1, concurrency):  # bounded: texts are read lazily
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    future.result()  # re-raises KeyboardInterrupt from a worker
            pending.add(pool.submit(work, item))
        for future in list(pending):
            future.result()
    except KeyboardInterrupt:
        summary.interrupted = True
        if progress is not None:
            progress.write("\n[batch] interrupted: cancelling pending inputs, waiting for "
                           "running ones (Ctrl-C again to abandon them)\n")
        try:
            pool.shutdown(wait=True, cancel_futures=True)
        except KeyboardInterrupt:
            writer.close()  # abandon: running threads finish but write nothing more
    finally:
        pool.shutdown(wait=False, cancel_futures=True)
        writer.close()
        summary.elapsed_s = time.monotonic() - started
        if meter.tty and progress is not None:
            progress.write("\n")
    final = read_done(output_path)
    summary.still_failed = sum(1 for key in keys if final.get(key) == "error")
    return summary

