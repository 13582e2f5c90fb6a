"""The pieces a real deployment plugs in: extractor pool, readiness checks, settings, CLI."""

from __future__ import annotations

import inspect
import json
import os
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

import httpx
import pytest

from llm_extract import errors
from llm_extract.errors import ConfigurationError, LLMExtractError, ServerStartError
from llm_extract.service import STATUS_BY_ERROR, ExtractorPool, ServiceSettings, status_for
from llm_extract.service.config import TOKEN_ENV
from llm_extract.service.runtime import EmbeddedReadiness, RemoteReadiness
from llm_extract.settings import Settings

from .service_helpers import LOOPBACK, WAIT, wait_until

pytestmark = LOOPBACK

CLI = "import sys; from llm_extract.cli import main; sys.exit(main(sys.argv[1:]))"


def test_every_library_error_has_its_own_status_row() -> None:
    classes = [obj for _, obj in inspect.getmembers(errors, inspect.isclass)
               if issubclass(obj, LLMExtractError) and obj is not LLMExtractError]
    assert len(classes) >= 18
    mapped = {cls for cls, _ in STATUS_BY_ERROR}
    for cls in classes:
        # either listed itself, or under a listed parent other than the root
        assert any(issubclass(cls, parent) and parent is not LLMExtractError
                   for parent in mapped), cls
        assert status_for(cls("x")) != 500, cls
    assert status_for(LLMExtractError("x")) == 500


def test_pool_reuses_extractors_per_option_set_and_bounds_them() -> None:
    pool = ExtractorPool(Settings(base_url="http://127.0.0.1:9/v1", model="m", api_key="k"),
                         max_variants=2, allowed_models=["m2"])
    plain = pool({})
    assert pool({}) is plain
    tuned = pool({"max_tokens": 64, "model": "m2"})
    assert (tuned.settings.max_tokens, tuned.settings.model) == (64, "m2")
    assert tuned.settings.api_key is not None
    assert tuned.settings.api_key.get_secret_value() == "k"
    pool({"temperature": 0.5})  # a third variant evicts the least recently used ({} )
    assert pool({}) is not plain
    with pytest.raises(ConfigurationError):
        pool({"max_tokens": -1})


class _ModelsHandler(BaseHTTPRequestHandler):
    seen_auth: ClassVar[list[str | None]] = []

    def do_GET(self) -> None:
        type(self).seen_auth.append(self.headers.get("Authorization"))
        ok = self.path == "/v1/models"
        body = json.dumps({"data": [{"id": "m"}]} if ok else {}).encode()
        self.send_response(200 if ok else 404)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: Any) -> None:
        pass


@contextmanager
def _fake_endpoint() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _ModelsHandler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_remote_readiness_asks_the_models_route_with_the_key() -> None:
    _ModelsHandler.seen_auth.clear()
    with _fake_endpoint() as base_url:
        up = RemoteReadiness(Settings(base_url=base_url, model="m", api_key="sk-probe"))()
        wrong = RemoteReadiness(Settings(base_url=base_url + "/nope", model="m"))()
    down = RemoteReadiness(Settings(base_url=f"http://127.0.0.1:{_closed_port()}/v1"))()
    assert up.ready and _ModelsHandler.seen_auth[0] == "Bearer sk-probe"
    assert not wrong.ready and "404" in wrong.detail
    assert not down.ready and "unreachable" in down.detail


class _FakeServer:
    def __init__(self, warm_gate: threading.Event | None = None) -> None:
        self.running = True
        self.warmed: list[Any] = []
        self._warm_gate = warm_gate

    def alive(self) -> bool:
        return self.running

    def warm(self, messages: Any) -> int:
        if self._warm_gate is not None:
            assert self._warm_gate.wait(WAIT)
        self.warmed.append(messages)
        return 1


def test_embedded_readiness_starts_the_server_in_the_background() -> None:
    gate = threading.Event()
    started: list[_FakeServer] = []

    def start(settings: Settings) -> Any:
        assert gate.wait(WAIT)
        started.append(_FakeServer())
        return started[-1]

    check = EmbeddedReadiness(Settings(), start_server=start)
    check.start()
    assert check() == type(check())(False, "embedded server starting")
    gate.set()
    wait_until(lambda: check().ready, "never became ready")
    started[0].running = False  # the server crashed: not ready, and started again
    assert not check().ready
    wait_until(lambda: check().ready, "never restarted")
    assert len(started) == 2


def test_embedded_readiness_is_ready_only_once_every_slot_holds_the_prompt_prefix() -> None:
    """The first request on each slot must not pay the cold few-shot prefix: the server warms
    its slots with the prompt the extractions will use before the service reports ready."""
    from llm_extract.model.prompts import DEFAULT_PROMPT_VERSION, render

    warm_gate = threading.Event()
    server = _FakeServer(warm_gate)
    check = EmbeddedReadiness(Settings(), start_server=lambda settings: server)
    check.start()
    wait_until(lambda: server.running and check._thread is not None, "never started")
    assert not check().ready  # started, not warm yet
    warm_gate.set()
    wait_until(lambda: check().ready, "never became ready")
    (messages,) = server.warmed
    prompt = render(DEFAULT_PROMPT_VERSION, text="any article", published=None)
    assert messages[:-1] == prompt[:-1]  # the fixed prefix, exactly as extractions send it
    assert messages[-1]["role"] == "user"


def test_embedded_readiness_reports_a_failed_start() -> None:
    def start(settings: Settings) -> Any:
        raise ServerStartError("llama-server exited with code 1\nlog tail...")

    check = EmbeddedReadiness(Settings(), start_server=start)
    check.start()
    wait_until(lambda: "failed" in check().detail, "failure never reported")
    state = check()
    assert not state.ready
    assert state.detail.endswith("server_start: llama-server exited with code 1")


def test_service_settings_read_the_token_from_the_environment_only_as_a_default() -> None:
    assert ServiceSettings.from_env({}).auth_token is None
    from_env = ServiceSettings.from_env({TOKEN_ENV: "env-token"})
    assert from_env.auth_token is not None
    assert from_env.auth_token.get_secret_value() == "env-token"
    explicit = ServiceSettings.from_env({TOKEN_ENV: "env-token"}, auth_token="flag-token")
    assert explicit.auth_token is not None
    assert explicit.auth_token.get_secret_value() == "flag-token"
    assert "env-token" not in repr(from_env)
    with pytest.raises(ConfigurationError):
        ServiceSettings.from_env({}, max_in_flight=0)


def test_serve_command_serves_and_stops_gracefully_on_sigterm(tmp_path: Path) -> None:
    port = _closed_port()
    with _fake_endpoint() as base_url:
        env = {**os.environ, TOKEN_ENV: "cli-token", "LLM_EXTRACT_CACHE_DIR": str(tmp_path)}
        process = subprocess.Popen(
            [sys.executable, "-c", CLI, "serve", "--port", str(port),
             "--base-url", base_url, "--model", "m", "--max-queue", "2",
             "--log-db", str(tmp_path / "prov.sqlite")],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        try:
            url = f"http://127.0.0.1:{port}"

            def up() -> bool:
                try:
                    return httpx.get(url + "/healthz", trust_env=False).status_code == 200
                except httpx.HTTPError:
                    return False

            wait_until(lambda: up() or process.poll() is not None, "serve never came up")
            ready = httpx.get(url + "/readyz", trust_env=False)
            anonymous = httpx.post(url + "/v1/extract", json={"text": "x"}, trust_env=False)
        finally:
            process.send_signal(signal.SIGTERM)
            output, _ = process.communicate(timeout=WAIT)
    assert ready.status_code == 200, output
    assert anonymous.status_code == 401, output
    # a graceful stop: 0, or 143 (128 + SIGTERM) where uvicorn re-raises the captured signal
    # and the CLI's handler turns it into a normal exit that runs the exit handlers
    assert process.returncode in (0, 143), output
    assert b"Application shutdown complete" in output
    assert (tmp_path / "prov.sqlite").exists()


def test_serve_gives_the_embedded_server_one_slot_per_extraction_in_flight(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import uvicorn

    import llm_extract.service as service_pkg
    from llm_extract.cli import main

    seen: list[Settings] = []

    def pool(settings: Settings, **options: Any) -> ExtractorPool:
        seen.append(settings)
        return ExtractorPool(settings, **options)

    monkeypatch.delenv("LLM_EXTRACT_SLOTS", raising=False)
    monkeypatch.setattr(service_pkg, "ExtractorPool", pool)
    monkeypatch.setattr(uvicorn.Server, "run", lambda *a, **k: None)  # build it, do not serve
    # The embedded readiness check starts the real llama-server at once; this test builds the
    # app only, and a server started for it outlived the test run (two orphans per CI run).
    monkeypatch.setattr(service_pkg, "readiness_for", EmbeddedReadiness)  # built, not started
    assert main(["serve", "--port", "0", "--max-in-flight", "3"]) == 0
    assert main(["serve", "--port", "0", "--max-in-flight", "3", "--slots", "1"]) == 0
    assert [s.slots for s in seen] == [3, 1]


def test_sigterm_to_serve_also_stops_its_embedded_llama_server(tmp_path: Path) -> None:
    """Python's default SIGTERM skips atexit; the embedded server must not be orphaned."""
    from model.test_embedded import FAKE_SERVER

    pid_file = tmp_path / "server.pid"
    binary = tmp_path / "llama-server"
    binary.write_text(f"#!{sys.executable}\nimport os; open({str(pid_file)!r}, 'w')"
                      f".write(str(os.getpid()))\n{FAKE_SERVER}")
    binary.chmod(0o755)
    model = tmp_path / "m.gguf"
    model.write_text("fine")
    port = _closed_port()
    env = {**os.environ, "LLM_EXTRACT_CACHE_DIR": str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, "serve", "--port", str(port), "--server-bin", str(binary),
         "--model-path", str(model)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )
    try:
        # the file exists a moment before its pid is written in it: wait for the content
        wait_until(lambda: (pid_file.exists() and pid_file.read_text().strip() != "")
                   or process.poll() is not None, "the embedded server never started")
        server_pid = int(pid_file.read_text())
        assert Path(f"/proc/{server_pid}").exists()

        def serving() -> bool:
            try:
                url = f"http://127.0.0.1:{port}/healthz"
                return httpx.get(url, trust_env=False).status_code == 200
            except httpx.HTTPError:
                return False

        wait_until(lambda: serving() or process.poll() is not None, "serve never came up")
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=WAIT)
    assert process.returncode in (0, 143), output
    assert b"Application shutdown complete" in output
    wait_until(lambda: not Path(f"/proc/{server_pid}").exists(),
               "the embedded llama-server outlived the service")
