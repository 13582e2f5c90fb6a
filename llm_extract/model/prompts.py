"""Versioned jinja2 prompt templates: ``prompts/meeting.vN.jinja``.

A released version is never edited; a change is a new file. The version used is chosen by
argument (or settings) and recorded in every result's provenance. A template renders to text in
which a line ``<<<role>>>`` starts a chat message of that role, so that few-shot examples are
real user/assistant turns. All text before the article is fixed, so that llama.cpp's prompt
cache can reuse it from one article to the next.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TypedDict

import jinja2

from llm_extract._resources import prompts_dir
from llm_extract.errors import ConfigurationError

__all__ = [
    "DEFAULT_PROMPT_VERSION",
    "TEXT_SLOT",
    "Message",
    "available_versions",
    "environment",
    "render",
    "render_text",
    "split_messages",
]

DEFAULT_PROMPT_VERSION = "v3"
_TEMPLATE = re.compile(r"^meeting\.(v\d+)\.jinja$")
_ROLE_LINE = re.compile(r"^<<<(system|user|assistant)>>>$", re.MULTILINE)


class Message(TypedDict):
    role: str
    content: str


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(prompts_dir())),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=False,
        autoescape=False,
    )


def available_versions() -> list[str]:
    """Prompt versions found on disk, oldest first."""
    found = [m.group(1) for p in prompts_dir().glob("meeting.v*.jinja")
             if (m := _TEMPLATE.match(p.name))]
    return sorted(found, key=lambda v: int(v[1:]))


def render_text(
    version: str, *, text: str, published: str | None = None, language: str | None = None
) -> str:
    """The template's raw rendering (what the snapshot tests pin). ``language`` (an ISO 639-1
    code, or None) picks the examples of the templates that have some per language."""
    if version not in available_versions():
        raise ConfigurationError(
            f"unknown prompt version {version!r}; available: {', '.join(available_versions())}"
        )
    template = environment().get_template(f"meeting.{version}.jinja")
    return template.render(text=text, published=published, language=language or "")


# Stands in for the article while the rendering is split into messages (NUL never survives
# the extractor's input check), so that role lines are only ever the template's own.
TEXT_SLOT = "\x00llm_extract:article\x00"


def render(
    version: str, *, text: str, published: str | None = None, language: str | None = None
) -> list[Message]:
    """Chat messages for one article.

    The article goes in after the split: a line ``<<<system>>>`` inside an article is text
    of the user's message, never a message of its own (a prompt injection through our own
    template syntax). The messages are otherwise exactly the split of :func:`render_text`.
    """
    rendered = render_text(version, text=TEXT_SLOT, published=published, language=language)
    return split_messages(rendered, text, f"prompt {version}")


def split_messages(rendered: str, text: str, name: str) -> list[Message]:
    """A rendering made with :data:`TEXT_SLOT` for the article, split into chat messages on its
    ``<<<role>>>`` lines, the article put back in after the split."""
    parts = _ROLE_LINE.split(rendered)
    if parts[0].strip():
        raise ConfigurationError(f"{name}: text before the first <<<role>>> line")
    messages: list[Message] = []
    for role, content in zip(parts[1::2], parts[2::2], strict=True):
        messages.append({"role": role, "content": content.replace(TEXT_SLOT, text).strip("\n")})
    if not messages or messages[-1]["role"] != "user":
        raise ConfigurationError(f"{name}: the last message must be the user's")
    return messages
