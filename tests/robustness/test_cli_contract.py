"""Exit codes and messages that automation can trust (issue 14).

``batch`` exits non-zero while its output still holds error lines and refuses a folder with
nothing to do; a single ``.txt`` is an article, not JSONL; errors name the endpoint and the
attempts; retries are announced; ``-o`` is checked before the model is called and replaced
atomically; ``log --json | head -1`` ends quietly; ``--version``/``--help`` import no model
client.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from fakes import openai_server as f
from fakes.openai_server import ALLOWED_HOSTS, FakeOpenAI

from llm_extract.cli import main
from llm_extract.errors import EndpointConnectionError, EndpointRequestError, ExtractionFailedError
from llm_extract.provenance_log import ProvenanceLog
from llm_extract.settings import Settings

from ._support import EN_ANSWER, EN_ARTICLE
from .conftest import MakeExtractor

pytestmark = [pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS), pytest.mark.timeout(120)]


def _model_args(url: str) -> list[str]:
    # no hang is scripted here: a generous timeout, so a busy machine causes no retry
    return ["--base-url", url, "--model", "fake", "--mode", "json_schema", "--timeout", "5"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# -- batch --------------------------------------------------------------------------------------


def test_batch_rerun_exits_one_while_the_output_holds_error_lines(
    fake: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LLM_EXTRACT_MAX_REASKS", "0")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(EN_ARTICLE, encoding="utf-8")
    (folder / "b.txt").write_text(EN_ARTICLE, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    fake.script(f.ok(EN_ANSWER), f.ok({"meetings": [{"status": "maybe"}]}))
    args = ["batch", str(folder), "-o", str(out), "--quiet", *_model_args(fake.url + "/v1")]
    assert main(args) == 1
    assert main(args) == 1  # nothing left to do, but b's line is still an error
    err = capsys.readouterr().err
    assert "1 skipped input(s) still failed in the output" in err


@pytest.mark.parametrize("files", [[], ["notes.md", "data.json"]], ids=["empty", "no-txt"])
def test_batch_refuses_a_folder_without_txt_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], files: list[str],
) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in files:
        (folder / name).write_text("x", encoding="utf-8")
    code = main(["batch", str(folder), "-o", str(tmp_path / "out.jsonl"),
                 "--base-url", "http://127.0.0.1:9/v1", "--model", "m"])
    assert code == 2
    assert capsys.readouterr().err.strip() == (
        f"llm-extract: input: no .txt or .html files in {folder}: nothing to extract")


def test_batch_reads_a_single_txt_file_as_one_article(
    fake: FakeOpenAI, tmp_path: Path,
) -> None:
    article = tmp_path / "story-7.txt"
    article.write_text(EN_ARTICLE + "\n\nA second paragraph.\n", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    fake.script(f.ok(EN_ANSWER))
    assert main(["batch", str(article), "-o", str(out), "--quiet",
                 *_model_args(fake.url + "/v1")]) == 0
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [(line["id"], line["status"]) for line in lines] == [("story-7", "ok")]


# -- messages -----------------------------------------------------------------------------------


def test_connection_error_names_the_redacted_url_and_the_attempts(
    make_extractor: MakeExtractor,
) -> None:
    port = _free_port()
    url = f"http://user:pw-PLANTED-123456@127.0.0.1:{port}/v1?api_key=K-PLANTED-123456"
    with pytest.raises(EndpointConnectionError) as caught:
        make_extractor(base_url=url).extract(EN_ARTICLE)
    message = caught.value.message
    assert message.startswith(f"http://127.0.0.1:{port}/v1 after 3 attempt(s): cannot connect")
    assert "PLANTED" not in message
    assert "endpointconnection" not in message


def test_a_404_on_a_base_url_without_v1_gets_a_hint(
    fake: FakeOpenAI, make_extractor: MakeExtractor,
) -> None:
    with pytest.raises(EndpointRequestError) as caught:
        make_extractor(base_url=fake.url).extract(EN_ARTICLE)
    assert "HTTP 404" in caught.value.message
    assert f"the base URL usually ends in /v1 (try {fake.url}/v1)" in caught.value.message


def test_retry_waits_are_announced_on_stderr(
    fake: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("LLM_EXTRACT_TRANSPORT_RETRIES", "1")
    article = tmp_path / "a.txt"
    article.write_text(EN_ARTICLE, encoding="utf-8")
    fake.script(f.rate_limited("0"), f.ok(EN_ANSWER))
    assert main(["extract", str(article), *_model_args(fake.url + "/v1")]) == 0
    err = capsys.readouterr().err
    assert "llm-extract: retrying in 0 s, attempt 2/2 (rate_limited:" in err


# -- -o -----------------------------------------------------------------------------------------


def test_output_path_is_checked_before_the_model_is_called(
    fake: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str],
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(EN_ARTICLE, encoding="utf-8")
    blocker = tmp_path / "file"
    blocker.write_text("", encoding="utf-8")
    for target in (blocker / "out.json", tmp_path):
        code = main(["extract", str(article), "-o", str(target), *_model_args(fake.url + "/v1")])
        assert code == 2
    assert fake.chat_requests == []
    assert capsys.readouterr().err.count("llm-extract: input: ") == 2


def test_output_is_replaced_atomically(
    fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    article = tmp_path / "a.txt"
    article.write_text(EN_ARTICLE, encoding="utf-8")
    target = tmp_path / "out" / "result.json"
    target.parent.mkdir()
    target.write_text('{"old": true}\n', encoding="utf-8")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    fake.script(f.ok(EN_ANSWER))
    assert main(["extract", str(article), "-o", str(target),
                 *_model_args(fake.url + "/v1")]) == 2
    assert target.read_text(encoding="utf-8") == '{"old": true}\n'  # not torn, not empty
    assert [p.name for p in target.parent.iterdir()] == ["result.json"]  # no temp file left
    monkeypatch.undo()
    fake.script(f.ok(EN_ANSWER))
    assert main(["extract", str(article), "-o", str(target),
                 *_model_args(fake.url + "/v1")]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["meetings"]


# -- pipes and start-up -------------------------------------------------------------------------


def test_log_json_into_head_ends_quietly(tmp_path: Path) -> None:
    db = tmp_path / "log.sqlite"
    log = ProvenanceLog(db)
    settings = Settings(base_url="http://127.0.0.1:9/v1", model="m")
    error = ExtractionFailedError("still invalid " + "x" * 200)
    for n in range(1500):  # well past a pipe's buffer, so the writer meets a closed pipe
        log.record_error(error, text=f"article {n}", settings=settings, item_id=f"id-{n}",
                         origin="test", latency_s=0.1)
    log.close()
    command = (f"{sys.executable} -m llm_extract log --db {db} --json --limit 0 | head -1")
    done = subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": os.pathsep.join(sys.path)})
    assert done.stdout.count("\n") == 1 and json.loads(done.stdout)["item_id"]
    assert done.stderr == "", done.stderr


@pytest.mark.parametrize("argv", [["--version"], ["--help"], ["extract", "--help"],
                                  ["batch", "--help"]])
def test_version_and_help_import_no_model_client(argv: list[str]) -> None:
    probe = (
        "import sys\n"
        "from llm_extract.cli import main\n"
        "try:\n"
        f"    main({argv!r})\n"
        "except SystemExit:\n"
        "    pass\n"
        "heavy = sorted(m for m in ('openai', 'instructor', 'scipy', 'llm_extract.extractor',"
        " 'trafilatura', 'lxml') if m in sys.modules)\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                          timeout=60)
    assert "HEAVY []" in done.stderr, done.stderr[-500:]
