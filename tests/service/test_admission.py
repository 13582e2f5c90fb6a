"""Admission on its own (one layer, no HTTP): a refused start never leaks a slot."""

from __future__ import annotations

import asyncio

import pytest

from llm_extract.service.errors import ServiceStoppingError, status_for
from llm_extract.service.limits import Admission


def test_a_start_refused_by_a_stopped_pool_is_503_and_gives_its_slot_back() -> None:
    async def scenario() -> tuple[int, int]:
        admission = Admission(1, 0, retry_after=7)
        assert await admission.run(lambda: 41 + 1, timeout=5) == 42
        admission._executor.shutdown(wait=True)  # what drain() does at shutdown
        with pytest.raises(ServiceStoppingError) as refused:
            await admission.run(lambda: 0, timeout=5)
        assert status_for(refused.value) == 503 and refused.value.retry_after == 7
        # the slot came back: with max_queue 0 a leaked slot would make this a 429 "busy"
        with pytest.raises(ServiceStoppingError):
            await admission.run(lambda: 0, timeout=5)
        return admission.in_flight, admission.admitted

    assert asyncio.run(scenario()) == (0, 0)
