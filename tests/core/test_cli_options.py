"""How command options become Settings: slots follow the command's concurrency by default."""

from __future__ import annotations

import argparse

import pytest

from llm_extract.cli._options import add_model_options, settings_from_args


def _args(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    add_model_options(parser)
    return parser.parse_args(list(argv))


@pytest.fixture(autouse=True)
def _no_slots_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LLM_EXTRACT_SLOTS", raising=False)


def test_slots_follow_the_commands_concurrency() -> None:
    assert settings_from_args(_args()).slots == 1
    assert settings_from_args(_args(), concurrency=3).slots == 3


def test_explicit_slots_win_over_concurrency() -> None:
    assert settings_from_args(_args("--slots", "1"), concurrency=2).slots == 1


def test_slots_from_the_environment_win_over_concurrency(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LLM_EXTRACT_SLOTS", "4")
    assert settings_from_args(_args(), concurrency=2).slots == 4
    assert settings_from_args(_args("--slots", "2")).slots == 2
