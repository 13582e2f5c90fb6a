"""Fixtures of the service tests (helpers live in service_helpers)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest
from fastapi import FastAPI

from .service_helpers import RunningServer


@pytest.fixture
def serve() -> Iterator[Callable[[FastAPI], RunningServer]]:
    """Start apps on real servers; every one is stopped at the end of the test."""
    servers: list[RunningServer] = []

    def start(app: FastAPI) -> RunningServer:
        servers.append(RunningServer(app))
        return servers[-1]

    yield start
    for server in servers:
        server.stop()

