"""The pipelines an evaluation can run, in one table (``llm-extract eval --pipeline NAME``).

A pipeline is anything with the extractor's ``extract(text, published=, language=)`` method;
adding one is one row in :data:`PIPELINES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from llm_extract.errors import ConfigurationError
from llm_extract.evaluation.naive import PROMPT_VERSION as NAIVE_PROMPT_VERSION
from llm_extract.evaluation.naive import NaiveExtractor
from llm_extract.extractor import Extractor
from llm_extract.prompts import DEFAULT_PROMPT_VERSION
from llm_extract.schema import ExtractionResult
from llm_extract.settings import Settings

__all__ = ["PIPELINES", "Extracting", "Pipeline", "get_pipeline"]


class Extracting(Protocol):
    """What the runner needs of a pipeline: the real ``Extractor`` and test fakes alike."""

    def extract(
        self, text: str, *, published: str | None, language: str | None
    ) -> ExtractionResult: ...


@dataclass(frozen=True)
class Pipeline:
    """A named way to build an extractor, and the prompt version it records in settings.json."""

    name: str
    summary: str
    build: Callable[[Settings], Extracting]
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
