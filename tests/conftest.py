"""Suite-wide test configuration: recorded HTTP (pytest-recording / VCR.py).

``pytest`` replays cassettes from the top-level ``cassettes/`` folder and, through
``--block-network`` in pyproject.toml, fails any test that would open a socket it was not
given (tests that run a local server on purpose allow 127.0.0.1 only). Requests are matched on
method, path and body: the host and port are not compared, because the embedded server listens
on a free port that changes from one recording to the next; the body is, so that a changed
prompt or schema cannot silently replay an old answer.

Re-record every cassette from the real embedded llama.cpp server (no network needed):

    pytest tests/recorded --record-mode=rewrite
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
# The gold dev set lives beside the project (never copied into it); another place can be named.
DEV_SET_ENV = "LLM_EXTRACT_DEV_SET"
ALLOW_NO_DEV_SET_ENV = "LLM_EXTRACT_ALLOW_NO_DEV_SET"
# The fake OpenAI server's ``fake`` fixture, shared by every suite that scripts an endpoint.
pytest_plugins = ["fakes.fixtures"]

SECRET_HEADERS = ("authorization", "api-key", "x-api-key", "openai-organization", "cookie",
                  "set-cookie", "openai-project")


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, Any]:
    return {
        "filter_headers": [(name, "REDACTED") for name in SECRET_HEADERS],
        "match_on": ["method", "path", "query", "body"],
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(ROOT / "cassettes" / request.module.__name__.rsplit(".", 1)[-1])


def dev_set_path() -> Path:
    """Where the gold dev set should be: ``$LLM_EXTRACT_DEV_SET``, else ``../shared/eval/dev``
    relative to the project root."""
    configured = os.environ.get(DEV_SET_ENV)
    return Path(configured) if configured else ROOT.parent / "shared" / "eval" / "dev"


@pytest.fixture(scope="session")
def dev_set() -> Path:
    """The gold dev set folder (``*.txt`` articles with their ``*.json`` gold), read in place.

    Missing, it fails the test: the README's test command (and so CI) must run the tests that
    need it. Set ``LLM_EXTRACT_ALLOW_NO_DEV_SET=1`` to skip them instead on a machine without it.
    """
    path = dev_set_path()
    if path.is_dir() and any(path.glob("*.json")):
        return path
    problem = (f"no gold dev set at {path} (set {DEV_SET_ENV} to its folder, or "
               f"{ALLOW_NO_DEV_SET_ENV}=1 to skip the tests that need it)")
    if os.environ.get(ALLOW_NO_DEV_SET_ENV) == "1":
        pytest.skip(problem)
    pytest.fail(problem)
