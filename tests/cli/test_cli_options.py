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


def test_repair_rules_are_switched_off_by_name(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LLM_EXTRACT_DISABLED_REPAIRS", raising=False)
    args = _args("--disable-repair", "merge_duplicates", "--disable-repair", "roles_from_place")
    assert settings_from_args(args).disabled_repairs == ("merge_duplicates", "roles_from_place")
    monkeypatch.setenv("LLM_EXTRACT_DISABLED_REPAIRS", "split_separate, date_from_article")
    assert settings_from_args(_args()).disabled_repairs == ("split_separate", "date_from_article")


def test_an_unknown_rule_name_is_a_configuration_error() -> None:
    from llm_extract import ConfigurationError, Extractor, Settings

    with pytest.raises(ConfigurationError, match="merge_duplicate"):
        Extractor(Settings(disabled_repairs=("merge_duplicate",)))  # a typo must not pass
    from llm_extract.cli import main

    assert main(["extract", "-", "--disable-repair", "no_such_rule"]) == 2


# -- issue 14: the switches a user needs, with their defaults, documented -------------------------


def test_repairs_recall_and_text_length_have_switches(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("REPAIRS", "RECALL_PASSES", "MAX_TEXT_CHARS"):
        monkeypatch.delenv(f"LLM_EXTRACT_{name}", raising=False)
    s = settings_from_args(_args("--no-repairs", "--recall-passes", "0",
                                 "--max-text-chars", "500"))
    assert (s.repairs, s.recall_passes, s.max_text_chars) == (False, 0, 500)
    assert settings_from_args(_args("--repairs")).repairs is True
    default = settings_from_args(_args())
    assert (default.repairs, default.recall_passes) == (True, 1)


def test_help_shows_the_defaults() -> None:
    parser = argparse.ArgumentParser()
    add_model_options(parser)
    text = " ".join(parser.format_help().split())
    for fragment in ("--max-tokens MAX_TOKENS cap on generated tokens per call (default: 1536)",
                     "--repairs, --no-repairs apply the repair rules (default: on)",
                     "(default: 1)", "--max-text-chars", "(default: 1000000)", "(default: 300)",
                     "(default: auto)", "(default: v3)"):
        assert fragment in text, fragment


def test_readme_documents_every_switch_and_variable() -> None:
    from pathlib import Path

    from llm_extract.settings import _ENV_FIELDS

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    for suffix in _ENV_FIELDS:
        assert f"`LLM_EXTRACT_{suffix}`" in readme, suffix
    for fragment in ("`LLM_EXTRACT_CACHE_DIR`", "`LLM_EXTRACT_SERVICE_TOKEN`", "`--no-repairs`",
                     "`--recall-passes N`", "`--max-text-chars`", "`--allow-model`",
                     "`--shutdown-grace`"):
        assert fragment in readme, fragment


def test_the_listed_summaries_are_the_commands_own() -> None:
    """``--help`` lists every command from ``cli.SUMMARIES`` without importing it: each line
    must be the help its own module registers."""
    import argparse

    from llm_extract.cli import SUMMARIES, build_parser

    full = build_parser()
    actions = [a for a in full._actions if isinstance(a, argparse._SubParsersAction)]
    own = {c.dest: c.help for c in actions[0]._choices_actions}
    assert own == SUMMARIES
