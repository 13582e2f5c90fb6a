"""Nothing lost: a batch of 240 inputs against a misbehaving endpoint, interrupted, resumed.

Every input must end with exactly one output line, ``ok`` or ``error`` as its fault dictates,
and every ``ok`` line must carry the names of *its own* article (concurrent requests are never
crossed). The interruption is a real KeyboardInterrupt in the main thread (what Ctrl-C
delivers), raised by the fake server after a number of requests; a second test sends SIGINT
to the ``llm-extract batch`` command itself.
"""

from __future__ import annotations

import _thread
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from fakes import openai_server as f
from fakes.openai_server import ALLOWED_HOSTS, FakeOpenAI, RecordedRequest

from llm_extract import Extractor, batch
from llm_extract.model.backends import forget_probes

from ._support import Person, SleepRecorder, answer, grounding_flags, meeting
from .conftest import fake_settings

pytestmark = [pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS), pytest.mark.timeout(180)]

N_INPUTS = 240
FIRST = ["Nadia", "Omar", "Claire", "Karim", "Lina", "Samir", "Hana", "Yusuf", "Mira", "Tariq",
         "Dalia", "Faris", "Rania", "Bilal", "Salma", "Ziad", "Amal", "Hadi", "Noor", "Rami"]
LAST = ["Haddad", "Khatib", "Dubois", "Bennani", "Mansour", "Aziz", "Saleh", "Nasser",
        "Rahman", "Qasim", "Fares", "Ghanem", "Hamdan", "Jaber", "Karam", "Latif"]


def people(i: int) -> tuple[str, str]:
    a = f"{FIRST[i % 20]} {LAST[(i // 20) % 16]}"
    b = f"{FIRST[(i + 7) % 20]} {LAST[(i // 20 + 5) % 16]}"
    return a, b


def article(i: int) -> str:
    a, b = people(i)
    return (f"Dispatch {i:04d}. Foreign Minister {a} met Trade Minister {b} in Paris on "
            f"Monday to discuss customs rules.")


def kind_of(i: int, *, faults: bool = True) -> str:
    """Which fault input ``i`` meets; the plan is a pure function of the number."""
    if i % 40 == 0:
        return "bad-bytes"
    if i % 40 == 20:
        return "empty"
    if not faults:
        return "ok"
    return ["ok", "503-once", "429-once", "hang-once", "think", "always-invalid", "reset-once",
            "ungrounded", "html", "ok"][i % 10]


EXPECTED_ERROR = {"bad-bytes": "invalid_encoding", "empty": "empty_text",
                  "always-invalid": "extraction_failed", "html": "protocol_error"}


class Plan:
    """The fake server's fallback: answers each request from the article it carries."""

    def __init__(self, interrupt_after: int | None = None, *, faults: bool = True) -> None:
        self.faults = faults
        self.attempts: Counter[int] = Counter()
        self.requests = 0
        self.interrupt_after = interrupt_after
        self._lock = threading.Lock()

    def __call__(self, request: RecordedRequest) -> f.Behaviour:
        text = f.article_of(request)
        found = re.search(r"Dispatch (\d{4})\.", text)
        assert found, f"request without a dispatch number: {text[:80]!r}"
        i = int(found.group(1))
        with self._lock:
            self.attempts[i] += 1
            first = self.attempts[i] == 1
            self.requests += 1
            if self.requests == self.interrupt_after:
                _thread.interrupt_main()  # what Ctrl-C does: KeyboardInterrupt in the main thread
        a, b = people(i)
        good = answer(meeting(None, [Person(a, "FR", "host"), Person(b, "FR", "guest")],
                              city="Paris", country="FR"))
        kind = kind_of(i, faults=self.faults)
        if kind == "503-once" and first:
            return f.status(503)
        if kind == "429-once" and first:
            return f.rate_limited("0")
        if kind == "hang-once" and first:
            return f.hang(3.0)
        if kind == "reset-once" and first:
            return f.reset()
        if kind == "html":
            return f.html(200)  # a protocol error is not retried: the input fails
        if kind == "think":
            return f.think(good)
        if kind == "always-invalid":
            return f.ok({"meetings": [{"status": "maybe"}]})
        if kind == "ungrounded":
            extra = answer(meeting(None, [Person(a, "FR", "host"), Person("Ghost Writer", "US")]))
            return f.ok(extra)
        return f.ok(good)


def write_inputs(folder: Path, n: int = N_INPUTS) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    ids = []
    for i in range(n):
        ident = f"a{i:04d}"
        kind = kind_of(i)
        data = {"bad-bytes": b"Dispatch \xff\xfe broken", "empty": b"  \n"}.get(
            kind, article(i).encode())
        (folder / f"{ident}.txt").write_bytes(data)
        ids.append(ident)
    return ids


def read_lines(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def check_complete(
    lines: list[dict[str, object]], ids: list[str], *, faults: bool = True
) -> None:
    counts = Counter(str(line["id"]) for line in lines)
    assert sorted(counts) == ids, "an input is missing from the output"
    repeated = [k for k, n in counts.items() if n != 1]
    assert not repeated, f"inputs with more than one line: {repeated[:5]}"
    for line in lines:
        i = int(str(line["id"])[1:])
        kind = kind_of(i, faults=faults)
        if kind in EXPECTED_ERROR:
            assert line["status"] == "error", (kind, line)
            assert line["result"] is None
            error = line["error"]
            assert isinstance(error, dict) and error["kind"] == EXPECTED_ERROR[kind], line
            continue
        assert line["status"] == "ok", (kind, line["error"])
        result = line["result"]
        assert isinstance(result, dict)
        names = [p["name"] for m in result["meetings"] for p in m["participants"]]
        expected = list(people(i)) if kind != "ungrounded" else [people(i)[0]]
        assert names == expected, f"input {i} got another article's answer: {names}"
        if kind == "ungrounded":
            assert grounding_flags(result["flags"]) == [("ungrounded_name", "Ghost Writer")]


def _sigint_default() -> None:
    # A shell that starts jobs in the background (CI) hands them SIGINT ignored; the child
    # gets the default back, so Python turns Ctrl-C into KeyboardInterrupt as for a user.
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def _ctrl_c_raises() -> Iterator[None]:
    """KeyboardInterrupt on SIGINT in this process too (``_thread.interrupt_main`` does nothing
    while SIGINT is ignored, as it is under a backgrounded CI shell)."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    yield
    signal.signal(signal.SIGINT, previous)


@pytest.mark.usefixtures("_ctrl_c_raises")
def test_interrupted_batch_resumes_to_exactly_one_line_per_input(tmp_path: Path) -> None:
    inputs, output = tmp_path / "in", tmp_path / "out.jsonl"
    ids = write_inputs(inputs)
    plan = Plan(interrupt_after=70)
    forget_probes()
    with FakeOpenAI(fallback=plan) as fake:
        sleeps = SleepRecorder()
        settings = fake_settings(fake, transport_retries=2, max_reasks=1)

        first = batch.run_batch(inputs, output, Extractor(settings, sleep=sleeps),
                                concurrency=8, progress=None)
        assert first.interrupted, "the KeyboardInterrupt did not reach the batch"
        partial = read_lines(output)
        assert 0 < len(partial) < len(ids)
        assert len({line["id"] for line in partial}) == len(partial)  # no line twice

        second = batch.run_batch(inputs, output, Extractor(settings, sleep=sleeps),
                                 concurrency=8, progress=None)
        assert not second.interrupted
        assert second.skipped == len(partial)
        third = batch.run_batch(inputs, output, Extractor(settings, sleep=sleeps),
                                concurrency=8, progress=None)
        assert third.skipped == len(ids) and third.done == 0
    forget_probes()

    check_complete(read_lines(output), ids)
    assert fake.unscripted == 0
    assert all(0 <= w <= 30 for w in sleeps.waits)
    # Retried faults cost exactly one extra call; failures stay within their bounds.
    for i, n in plan.attempts.items():
        assert n <= 3, f"input {i} was asked {n} times"


def test_sigint_to_the_batch_command_then_rerun(tmp_path: Path) -> None:
    """The installed command: Ctrl-C exits 130 after finishing running inputs; the same
    command again completes the output with exactly one line per input. (Endpoint faults are
    the in-process test's job: here they would only add real backoff sleeps.)"""
    n = 40
    inputs, output = tmp_path / "in", tmp_path / "out.jsonl"
    ids = write_inputs(inputs, n)
    slow = Plan(faults=False)
    forget_probes()
    with FakeOpenAI(fallback=lambda r: f.delayed(0.15, slow(r))) as fake:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LLM_EXTRACT_")}
        env.update(LLM_EXTRACT_TRANSPORT_RETRIES="1", LLM_EXTRACT_TIMEOUT="0.5")
        script = Path(sys.executable).with_name("llm-extract")
        command = [str(script)] if script.exists() else [
            sys.executable, "-c", "import sys; from llm_extract.cli import main; sys.exit(main())"]
        command += ["batch", str(inputs), "-o", str(output), "--base-url", fake.url + "/v1",
                    "--model", "fake", "--mode", "json_schema", "--concurrency", "2",
                    "--max-reasks", "1", "--quiet"]

        process = subprocess.Popen(command, env=env, stderr=subprocess.PIPE,
                                   stdout=subprocess.PIPE, preexec_fn=_sigint_default)
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline and process.poll() is None:
                if output.exists() and len(read_lines(output)) >= 5:
                    break
                time.sleep(0.05)
            assert process.poll() is None, "the batch finished before it could be interrupted"
            process.send_signal(signal.SIGINT)
            _, stderr = process.communicate(timeout=60)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == 130, stderr.decode()
        assert b"Traceback" not in stderr
        assert len(read_lines(output)) < n

        done = subprocess.run(command, env=env, capture_output=True, timeout=120, check=False)
        assert done.returncode == 1, done.stderr.decode()  # the bad files fail by design
    forget_probes()
    check_complete(read_lines(output), ids, faults=False)
