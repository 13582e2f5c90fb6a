"""The one structural type of an extractor, shared by every face that drives one.

The batch runner, the service, the Ray Data integration, the provenance log and the evaluation
runner all take "something that extracts": the real :class:`llm_extract.Extractor`, the
evaluation's :class:`~llm_extract.evaluation.naive.NaiveExtractor`, or a test fake. They all
ask for this one Protocol, so a new pipeline satisfies every face at once.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from llm_extract.inputs import InputFormat
from llm_extract.schema import ExtractionResult
from llm_extract.settings import Settings

__all__ = ["SupportsExtract"]


class SupportsExtract(Protocol):
    """What the faces need of an extractor: its settings, and ``extract`` with these options.

    ``format`` ("auto", "text" or "html": a web page) came later: the faces pass it only for
    an input that says it is a page (or when told to), so an extractor written before it still
    serves every text input.
    """

    @property
    def settings(self) -> Settings: ...

    def extract(
        self,
        text: str | bytes,
        *,
        published: str | dt.date | None = None,
        language: str | None = None,
        prompt_version: str | None = None,
        format: InputFormat = "auto",
    ) -> ExtractionResult: ...
