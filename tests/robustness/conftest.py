"""Fixtures for robustness tests: extractors pointed at the scripted misbehaving endpoint.

The ``fake`` endpoint fixture itself is shared with the other suites
(``tests/fakes/fixtures.py``).

pytest runs with ``--block-network`` (pytest-recording), which blocks *every* ``connect()``,
loopback included. Modules that talk to the fake server therefore carry
``pytestmark = pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS)``: 127.0.0.1 only, so a
test still cannot reach anything beyond this machine (``test_network_guard_still_blocks``).
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from fakes.openai_server import FakeOpenAI

from llm_extract import Extractor, Settings

from ._support import SleepRecorder

# Client timeouts are tiny so that a hanging endpoint costs a test half a second, not minutes.
CLIENT_TIMEOUT = 0.5

MakeExtractor = Callable[..., Extractor]


@pytest.fixture
def sleeps() -> SleepRecorder:
    return SleepRecorder()


def fake_settings(fake: FakeOpenAI, **overrides: Any) -> Settings:
    """Settings for ``fake``: json_schema mode, tiny timeout, 2 transport retries, 1 re-ask."""
    values: dict[str, Any] = {
        "base_url": fake.url + "/v1",
        "model": "fake",
        "mode": "json_schema",
        "timeout": CLIENT_TIMEOUT,
        "transport_retries": 2,
        "max_reasks": 1,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def make_extractor(fake: FakeOpenAI, sleeps: SleepRecorder) -> MakeExtractor:
    """``make_extractor(**settings_overrides)``: an Extractor on ``fake`` that never sleeps."""

    def make(**overrides: Any) -> Extractor:
        return Extractor(fake_settings(fake, **overrides), sleep=sleeps)

    return make


@pytest.fixture(autouse=True)
def _no_hook_failures() -> Iterator[None]:
    """instructor turns an exception in a hook into a warning; ours must never raise."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield
    broken = [str(w.message) for w in caught if "handler" in str(w.message)]
    assert not broken, f"an instructor hook of ours failed: {broken[0][:500]}"
