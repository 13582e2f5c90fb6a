"""Prompt versions: each renders to exactly its pinned snapshot, and stays selectable.

A released prompt is never edited; a change is a new version with a new snapshot. To add the
snapshot of a NEW version: ``python -m tests.model.test_prompts meeting.vN``.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from llm_extract import ConfigurationError
from llm_extract.model.prompts import (
    DEFAULT_PROMPT_VERSION,
    available_versions,
    render,
    render_text,
)
from llm_extract.model.wire import WireOutput, grounding_context

SNAPSHOTS = Path(__file__).resolve().parent.parent / "snapshots"
SAMPLE = {"text": "SAMPLE ARTICLE TEXT\nsecond line", "published": "2024-01-02"}


def _snapshot(version: str) -> Path:
    return SNAPSHOTS / f"prompt_meeting.{version}.txt"


@pytest.mark.parametrize("version", available_versions())
def test_rendered_text_is_pinned(version: str) -> None:
    snapshot = _snapshot(version)
    assert snapshot.is_file(), f"no snapshot for {version}; see this module's docstring"
    assert render_text(version, **SAMPLE) == snapshot.read_text(encoding="utf-8")


@pytest.mark.parametrize("version", available_versions())
def test_messages_end_with_the_article(version: str) -> None:
    messages = render(version, **SAMPLE)
    assert messages[0]["role"] == "system"
    assert messages[-1]["role"] == "user"
    assert messages[-1]["content"].endswith("SAMPLE ARTICLE TEXT\nsecond line")
    assert "2024-01-02" in messages[-1]["content"]
    # Few-shot turns alternate user/assistant, so the server's chat template accepts them.
    roles = [m["role"] for m in messages[1:]]
    assert roles == ["user", "assistant"] * (len(roles) // 2) + ["user"]


@pytest.mark.parametrize("version", available_versions())
def test_prefix_is_independent_of_the_article(version: str) -> None:
    # Everything before the last message must not change with the article, so that
    # llama.cpp's prompt cache can reuse it.
    a = render(version, text="first article", published=None)
    b = render(version, text="another one", published="2020-05-05")
    assert a[:-1] == b[:-1]


@pytest.mark.parametrize("version", available_versions())
def test_few_shot_answers_are_valid_and_grounded_in_their_articles(version: str) -> None:
    # An example that breaks our own rules would teach the model to break them.
    messages = render(version, **SAMPLE)
    pairs = zip(messages[1:-1:2], messages[2:-1:2], strict=True)
    for user, assistant in pairs:
        article = user["content"].split("Article:\n", 1)[1]
        output = WireOutput.model_validate_json(
            assistant["content"], context=grounding_context(article)
        )
        for meeting in output.meetings:
            assert meeting.evidence is not None


def test_default_version_exists() -> None:
    assert DEFAULT_PROMPT_VERSION in available_versions()


def test_unknown_version_is_a_typed_error() -> None:
    with pytest.raises(ConfigurationError, match="unknown prompt version"):
        render("v999", text="x")


if __name__ == "__main__":  # pragma: no cover - snapshot writer for a new version
    version = sys.argv[1].removeprefix("meeting.")
    path = _snapshot(version)
    if path.exists():
        raise SystemExit(f"{path} exists: released prompts are never re-pinned")
    path.write_text(render_text(version, **SAMPLE), encoding="utf-8")
    print(f"wrote {path}")


def test_v4_shows_an_example_in_the_article_language_and_english_otherwise() -> None:
    """The third example is the article's language's where the template has one; the fixed
    prefix before it is the same for every language (the server's prompt cache keeps it)."""
    de = render("v4", text="X", language="de")
    unknown = render("v4", text="X", language=None)
    assert "Außenministerin" in de[-3]["content"]
    assert "Swedish Foreign Minister" in unknown[-3]["content"]
    assert de[:-3] == unknown[:-3]
