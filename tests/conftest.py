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

from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
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
