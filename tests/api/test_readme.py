"""CI runs exactly the README's two commands, so a newcomer's path is the tested path."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _ci_commands() -> list[str]:
    lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line.startswith("python3 -m venv")]


def test_ci_runs_the_two_readme_commands() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = _ci_commands()
    assert len(commands) == 2
    for command in commands:
        assert f"```bash\n{command}\n```" in readme


def test_the_example_article_exists() -> None:
    first = _ci_commands()[0]
    article = first.rsplit(" ", 1)[-1]
    assert (ROOT / article).is_file()


def test_the_test_command_lints_before_it_tests() -> None:
    second = _ci_commands()[1]
    assert second.endswith(" && .venv/bin/ruff check . && .venv/bin/mypy && .venv/bin/lint-imports"
                           " && .venv/bin/pytest"), second
