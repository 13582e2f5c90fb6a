"""Nothing leaked: a planted API key never shows up anywhere a user, a file or a log can see.

The key goes on the wire in the ``Authorization`` header (checked, so the test is not vacuous)
and nowhere else: not in the settings' repr or dumps, not in any raised error (str, repr,
to_dict, formatted traceback), not in results, not in log records at DEBUG level, not on the
CLI's stdout/stderr, not in files written — even when the endpoint quotes the header back in
its error body (``echo_auth``), which is what the redaction in ``_redact.py`` is for.
"""

from __future__ import annotations

import json
import logging
import secrets
import traceback
from pathlib import Path

import pytest
from fakes import openai_server as f
from fakes.openai_server import ALLOWED_HOSTS, FakeOpenAI

from llm_extract.cli import main
from llm_extract.errors import LLMExtractError

from ._support import EN_ANSWER, EN_ARTICLE
from .conftest import MakeExtractor

pytestmark = [pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS), pytest.mark.timeout(60)]

KEY = "sk-test-PLANTED-" + secrets.token_hex(16)

FAULTS: dict[str, list[f.Behaviour]] = {
    "ok": [f.ok(EN_ANSWER)],
    "503-then-ok": [f.status(503), f.ok(EN_ANSWER)],
    "persistent-503": [f.status(503)] * 3,
    "hang": [f.hang(5.0)] * 3,
    "reset": [f.reset()] * 3,
    "echo-auth-401": [f.echo_auth(401)],
    "echo-auth-500": [f.echo_auth(500)] * 3,
    "html": [f.html(200)] * 2,
    "empty-choices": [f.empty_choices()],
    "invalid-json": [f.invalid_json()] * 2,
    "schema-breaking": [f.ok({"meetings": [{"status": "maybe"}]})] * 2,
    "schema-echo": [f.schema_echo()] * 2,
    "cut": [f.cut(EN_ANSWER, 50)],
    "think": [f.think(EN_ANSWER)],
}


def _error_views(error: LLMExtractError) -> list[str]:
    return [
        str(error),
        repr(error),
        json.dumps(error.to_dict(), ensure_ascii=False),
        "".join(traceback.format_exception(error)),
        repr(error.log),
    ]


def test_planted_key_never_leaks(
    fake: FakeOpenAI, make_extractor: MakeExtractor, caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    caplog.set_level(logging.DEBUG)
    seen: list[str] = []
    outcomes: dict[str, str] = {}

    extractor = make_extractor(api_key=KEY)
    settings = extractor.settings
    seen += [repr(settings), str(settings), settings.model_dump_json(),
             json.dumps(settings.public_dict()), repr(extractor.endpoint())]

    for name, behaviours in FAULTS.items():
        fake.script(*behaviours)
        try:
            result = extractor.extract(EN_ARTICLE)
        except LLMExtractError as error:
            outcomes[name] = error.kind
            seen += _error_views(error)
        else:
            outcomes[name] = "ok"
            seen.append(result.model_dump_json())
        while fake.pending():  # a fault the client gave up on early must not spill over
            fake.next_behaviour()

    # The CLI, with the key from the environment and from the command line, writing a file.
    monkeypatch.setenv("LLM_EXTRACT_API_KEY", KEY)
    monkeypatch.setattr("time.sleep", lambda _: None)
    article = tmp_path / "article.txt"
    article.write_text(EN_ARTICLE, encoding="utf-8")
    base = ["extract", str(article), "--base-url", fake.url + "/v1", "--model", "fake",
            "--mode", "json_schema", "--timeout", "0.5"]
    fake.script(f.ok(EN_ANSWER), f.echo_auth(401), f.echo_auth(403))
    assert main([*base, "-o", str(tmp_path / "out" / "result.json")]) == 0
    assert main(base) == 3
    assert main([*base, "--api-key", KEY]) == 3
    captured = capsys.readouterr()
    seen += [captured.out, captured.err]

    seen += [record.getMessage() for record in caplog.records]
    seen.append(caplog.text)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    seen += [p.read_text(encoding="utf-8", errors="replace") for p in written]

    # Not vacuous: the key did travel, in the header, and the echo faults did quote it back.
    assert all(r.headers.get("authorization") == f"Bearer {KEY}" for r in fake.chat_requests)
    assert outcomes["ok"] == "ok" and outcomes["echo-auth-401"] == "request_error"
    assert any("[REDACTED]" in text for text in seen)
    assert (tmp_path / "out" / "result.json").is_file()

    leaks = [text for text in seen if KEY in text or KEY[8:] in text]
    assert not leaks, f"the API key leaked into: {leaks[0][:400]!r}"
    assert len(outcomes) == len(FAULTS)
