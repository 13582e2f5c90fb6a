"""The shared pytest fixture of the fake OpenAI-compatible server (registered suite-wide by
``pytest_plugins`` in ``tests/conftest.py``).

One fixture for every test that talks to a scripted endpoint (the wire-mode tests, the
robustness tests): the server is started on 127.0.0.1, the endpoint-kind probe cache is cleared
before and after, and the test fails if the client asked more often than was scripted, so a
client that silently retries or re-asks too much cannot pass.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from llm_extract.model.backends import forget_probes

from .openai_server import FakeOpenAI

__all__ = ["fake"]


@pytest.fixture
def fake() -> Iterator[FakeOpenAI]:
    """A started fake endpoint; fails the test if the client asked more than was scripted."""
    forget_probes()
    with FakeOpenAI() as server:
        yield server
    forget_probes()
    assert server.unscripted == 0, (
        f"the client made {server.unscripted} request(s) beyond the script: {server.served}"
    )
