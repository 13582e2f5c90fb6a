"""Resuming: skip what is done, redo errors on request, survive Ctrl-C and torn lines."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import textwrap
import time
from collections import Counter
from pathlib import Path

from llm_extract.batch import read_done, run_batch
from llm_extract.errors import EndpointTimeoutError

from .batch_helpers import ScriptedExtractor, article, read_lines, write_folder, write_jsonl

TESTS = Path(__file__).parents[1]  # the folder the child puts on sys.path


def _ids(lines: list[dict[str, object]]) -> Counter[object]:
    return Counter(line["id"] for line in lines)


def test_a_rerun_skips_every_input_already_in_the_output(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out.jsonl"
    ids = write_folder(folder, 4)
    run_batch(folder, out, ScriptedExtractor(), progress=None)
    before = out.read_bytes()

    again = ScriptedExtractor()
    summary = run_batch(folder, out, again, progress=None)
    assert again.calls == [] and out.read_bytes() == before
    assert (summary.inputs, summary.skipped, summary.done) == (4, 4, 0)

    (folder / "late.txt").write_text(article(8), encoding="utf-8")
    third = ScriptedExtractor()
    run_batch(folder, out, third, progress=None)
    assert third.calls == [article(8)]
    assert _ids(read_lines(out)) == Counter([*ids, "late"])


def test_error_lines_are_kept_unless_retry_errors_and_then_the_newest_wins(
    tmp_path: Path,
) -> None:
    folder, out = tmp_path / "in", tmp_path / "out.jsonl"
    write_folder(folder, 3)
    flaky = ScriptedExtractor(
        fail=lambda t: EndpointTimeoutError("read timeout") if t == article(1) else None)
    run_batch(folder, out, flaky, progress=None)
    assert read_done(out)["story-001"] == "error"

    skipping = ScriptedExtractor()
    run_batch(folder, out, skipping, progress=None)
    assert skipping.calls == []

    retrying = ScriptedExtractor()
    summary = run_batch(folder, out, retrying, retry_errors=True, progress=None)
    assert retrying.calls == [article(1)] and summary.ok == 1
    lines = read_lines(out)
    assert [line["status"] for line in lines if line["id"] == "story-001"] == ["error", "ok"]
    assert read_done(out) == {"story-000": "ok", "story-001": "ok", "story-002": "ok"}


def test_bad_jsonl_records_are_resumed_by_their_line_not_repeated(tmp_path: Path) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, [{"id": "a", "text": article(0)}, {"text": article(1)},
                      {"id": "a", "text": article(2)}])
    run_batch(src, out, ScriptedExtractor(), progress=None)
    first = read_lines(out)
    run_batch(src, out, ScriptedExtractor(), progress=None)
    assert read_lines(out) == first and len(first) == 3
    retry = ScriptedExtractor()
    run_batch(src, out, retry, retry_errors=True, progress=None)
    assert retry.calls == []  # the two bad records fail again without a model call
    assert read_done(out) == {"a": "ok", f"{src}:2": "error", f"{src}:3": "error"}


def test_a_torn_last_line_is_ignored_and_written_past(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out.jsonl"
    ids = write_folder(folder, 3)
    run_batch(folder, out, ScriptedExtractor(), progress=None)
    whole = out.read_bytes().splitlines(keepends=True)
    out.write_bytes(b"".join(whole[:2]) + whole[2][:40])  # a crash mid-line

    redo = ScriptedExtractor()
    run_batch(folder, out, redo, progress=None)
    raw = out.read_bytes().splitlines()
    assert raw[2] == whole[2][:40]  # the fragment stays on its own line...
    whole_lines = [json.loads(line) for line in raw[:2] + raw[3:]]
    assert len(redo.calls) == 1 and _ids(whole_lines) == Counter(ids)  # ...its input redone


def test_an_interrupted_batch_resumes_with_nothing_lost_or_repeated(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out.jsonl"
    ids = write_folder(folder, 20)
    interrupting = ScriptedExtractor(interrupt_after=5)

    summary = run_batch(folder, out, interrupting, concurrency=2, progress=None)

    assert summary.interrupted
    partial = read_lines(out)  # every line whole
    assert len(partial) == len(interrupting.calls) == 5
    assert max(_ids(partial).values()) == 1

    rest = ScriptedExtractor()
    finished = run_batch(folder, out, rest, concurrency=2, progress=None)
    assert not finished.interrupted and finished.skipped == 5
    assert len(rest.calls) == 15
    assert _ids(read_lines(out)) == Counter(ids)


SCRIPT = textwrap.dedent("""
    import sys, time
    from pathlib import Path
    sys.path.insert(0, sys.argv[3])
    from batch.batch_helpers import ScriptedExtractor
    from llm_extract.batch import run_batch

    class Slow(ScriptedExtractor):
        def extract(self, text, **kwargs):
            time.sleep(0.1)  # pacing, so there is a batch in progress to interrupt
            return super().extract(text, **kwargs)

    summary = run_batch(Path(sys.argv[1]), Path(sys.argv[2]), Slow(), concurrency=2)
    sys.exit(130 if summary.interrupted else 0)
""")


def _sigint_default() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_sigint_to_a_running_batch_process_then_resume(tmp_path: Path) -> None:
    folder, out = tmp_path / "in", tmp_path / "out.jsonl"
    ids = write_folder(folder, 80)
    script = tmp_path / "run.py"
    script.write_text(SCRIPT, encoding="utf-8")
    process = subprocess.Popen(
        [sys.executable, str(script), str(folder), str(out), str(TESTS)],
        stderr=subprocess.PIPE,
        # A shell that starts jobs in the background (CI) hands them SIGINT ignored, and
        # Python then never raises KeyboardInterrupt: give the child Ctrl-C back.
        preexec_fn=_sigint_default,
    )
    deadline = time.monotonic() + 60
    while (not out.exists() or out.read_bytes().count(b"\n") < 5) and process.poll() is None:
        assert time.monotonic() < deadline, "the batch never wrote 5 lines"
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)

    assert process.returncode == 130, stderr
    assert b"interrupted" in stderr
    partial = read_lines(out)
    assert 5 <= len(partial) < 80 and max(_ids(partial).values()) == 1

    rest = ScriptedExtractor()
    run_batch(folder, out, rest, concurrency=3, progress=None)
    assert len(rest.calls) == 80 - len(partial)
    assert _ids(read_lines(out)) == Counter(ids)
