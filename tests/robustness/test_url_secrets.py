"""Credentials inside a base URL (user info, ``?api_key=``) never reach anything recorded or shown.

Gateways take their key in the URL; before issue 14 such a URL was written in clear into
``provenance.endpoint`` of every result and batch line, the eval run's files and the HTML
report. One function, :func:`llm_extract.redaction.redact_url`, now strips it everywhere; these
tests plant a key in the URL and grep everything written for it. The error chain
(``__cause__``/``__context__``) of a raised error is checked too: ``from None`` only hides it
from tracebacks.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from fakes import openai_server as f
from fakes.openai_server import ALLOWED_HOSTS, FakeOpenAI

from llm_extract import Extractor, Settings
from llm_extract.cli import main
from llm_extract.errors import LLMExtractError
from llm_extract.redaction import redact_url, url_secrets

from ._support import EN_ANSWER, EN_ARTICLE
from .conftest import CLIENT_TIMEOUT, MakeExtractor

pytestmark = [pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS), pytest.mark.timeout(60)]

URL_KEY = "gw-PLANTED-" + secrets.token_hex(12)


@pytest.mark.parametrize(("url", "expected"), [
    ("http://user:SECRETPASSWORD@gw.example:8080/v1", "http://gw.example:8080/v1"),
    ("https://gw.example/v1?api_key=SECRET1234", "https://gw.example/v1"),
    ("https://gw.example/v1?api-version=2024-01&key=SECRET1234", "https://gw.example/v1?api-version=2024-01"),
    ("https://gw.example/v1?Access_Token=S&sig=S2&X-Subscription-Key=S3&password=p#frag",
     "https://gw.example/v1"),
    ("http://[::1]:9/v1?secret=s", "http://[::1]:9/v1"),
    ("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1"),
])
def test_redact_url_strips_user_info_and_secret_params(url: str, expected: str) -> None:
    assert redact_url(url) == expected


def test_url_secrets_names_what_redact_url_drops() -> None:
    assert url_secrets("http://bob:PASSWORD123@h/v1?api_key=K123456789&mode=x") == [
        "bob", "PASSWORD123", "K123456789"]


def test_settings_repr_and_public_dict_hide_url_credentials() -> None:
    s = Settings(base_url=f"https://gw.example/v1?api_key={URL_KEY}", model="m")
    assert URL_KEY not in repr(s) and URL_KEY not in str(s)
    assert URL_KEY not in json.dumps(s.public_dict())
    assert s.public_dict()["base_url"] == "https://gw.example/v1"


def _userinfo_url(fake: FakeOpenAI) -> str:
    return fake.url.replace("http://", f"http://gateway:{URL_KEY}@") + "/v1"


def test_result_provenance_endpoint_has_no_credentials(
    fake: FakeOpenAI, make_extractor: MakeExtractor,
) -> None:
    fake.script(f.ok(EN_ANSWER))
    result = make_extractor(base_url=_userinfo_url(fake), timeout=5.0).extract(EN_ARTICLE)
    assert result.provenance.endpoint == fake.url + "/v1"
    assert URL_KEY not in result.model_dump_json()


def _chain(error: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in seen:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def test_error_chain_does_not_keep_the_echoed_key(
    fake: FakeOpenAI, make_extractor: MakeExtractor,
) -> None:
    key = "sk-CHAIN-" + secrets.token_hex(12)
    fake.script(f.echo_auth(401))
    with pytest.raises(LLMExtractError) as caught:
        make_extractor(api_key=key, timeout=5.0).extract(EN_ARTICLE)
    error = caught.value
    assert "[REDACTED]" in error.message
    for link in _chain(error):
        for view in (str(link), repr(link), repr(link.args), repr(vars(link))):
            assert key not in view, f"{type(link).__name__} in the chain holds the key"
    assert error.__context__ is None and error.__cause__ is None


def test_eval_batch_and_report_never_write_url_credentials(
    fake: FakeOpenAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("time.sleep", lambda _: None)
    gold = tmp_path / "gold"
    gold.mkdir()
    for ident in ("001_en", "002_en"):
        (gold / f"{ident}.txt").write_text(EN_ARTICLE, encoding="utf-8")
        (gold / f"{ident}.json").write_text(json.dumps(EN_ANSWER), encoding="utf-8")
    model = ["--base-url", _userinfo_url(fake), "--model", "fake", "--mode", "json_schema",
             "--timeout", "5"]  # no hang scripted: a slow machine must not cause a retry
    fake.script(*[f.ok(EN_ANSWER)] * 4)
    run_dir = tmp_path / "run"
    main(["eval", str(gold), "--run-dir", str(run_dir), *model])
    assert main(["batch", str(gold), "-o", str(tmp_path / "out.jsonl"), "--quiet", *model]) == 0
    assert main(["report", str(run_dir), "-o", str(tmp_path / "report.html")]) == 0
    assert main(["report", str(tmp_path / "out.jsonl"), "-o", str(tmp_path / "b.html")]) == 0
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.suffix != ".txt"]
    assert {p.name for p in written} >= {"settings.json", "report.json", "001_en.json",
                                          "out.jsonl", "report.html", "b.html"}
    assert "gateway" not in (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    for path in written:
        assert URL_KEY not in path.read_text(encoding="utf-8"), f"{path.name} holds the URL key"


def test_extractor_repr_and_endpoint_hide_url_credentials(fake: FakeOpenAI) -> None:
    extractor = Extractor(Settings(base_url=_userinfo_url(fake), model="fake",
                                   mode="json_schema", timeout=CLIENT_TIMEOUT))
    assert URL_KEY not in repr(extractor.endpoint())
    assert URL_KEY not in repr(extractor.settings)
