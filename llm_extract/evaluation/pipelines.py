"""The pipelines an evaluation can run, in one table (``llm-extract eval --pipeline NAME``).

A pipeline builds a :class:`~llm_extract.protocols.SupportsExtract` (the extractor's
``settings`` and ``extract(text, published=, language=, prompt_version=)``); adding one is one
row in :data:`PIPELINES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from llm_extract.errors import ConfigurationError
from llm_extract.evaluation.naive import PROMPT_VERSION as NAIVE_PROMPT_VERSION
from llm_extract.evaluation.naive import NaiveExtractor
from llm_extract.extractor import Extractor
from llm_extract.model.prompts import DEFAULT_PROMPT_VERSION
from llm_extract.protocols import SupportsExtract
from llm_extract.settings import Settings

__all__ = ["PIPELINES", "Pipeline", "get_pipeline"]


@dataclass(frozen=True)
class Pipeline:
    """A named way to build an extractor, and the prompt version it records in settings.json."""

    name: str
    summary: str
    build: Callable[[Settings], SupportsExtract]
    prompt_version: Callable[[Settings], str]


PIPELINES: dict[str, Pipeline] = {
    p.name: p
    for p in (
        Pipeline("default", "llm_extract.Extractor: versioned prompt, grounding, re-asks",
                 Extractor, lambda s: s.prompt_version or DEFAULT_PROMPT_VERSION),
        Pipeline("naive", "one plain instructor call, one-line instruction, no grounding",
                 NaiveExtractor, lambda s: NAIVE_PROMPT_VERSION),
    )
}


def get_pipeline(name: str) -> Pipeline:
    try:
        return PIPELINES[name]
    except KeyError:
        raise ConfigurationError(
            f"unknown pipeline {name!r}; choose one of: {', '.join(PIPELINES)}"
        ) from None
