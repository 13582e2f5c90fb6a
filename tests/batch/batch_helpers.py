"""Helpers for the batch, provenance-log and Ray tests: a scripted fake extractor, inputs.

The articles are short texts written for these tests. The fake never calls a model: it
returns one meeting per call, fails for texts a test names, or raises KeyboardInterrupt
after a set number of calls (what Ctrl-C does to a running batch).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

from llm_extract.errors import LLMExtractError
from llm_extract.schema import ExtractionResult, Meeting, Participant, Provenance, Usage
from llm_extract.settings import Settings

PEOPLE = [("Ana Ruiz", "Tomas Berg"), ("Lena Koch", "Omar Haddad"), ("Ivo Petrov", "Mia Sato"),
          ("Ravi Nair", "Eva Lund"), ("Sara Costa", "Jon Moe"), ("Kofi Mensah", "Ida Holm")]


def article(i: int) -> str:
    host, guest = PEOPLE[i % len(PEOPLE)]
    return f"Story {i}: {host} received {guest} in Lisbon on Monday for talks on trade."


def fake_result(text: str | bytes, *, endpoint: str = "http://127.0.0.1:9/v1") -> ExtractionResult:
    data = text.encode() if isinstance(text, str) else text
    name = (text.decode() if isinstance(text, bytes) else text).split(": ", 1)[-1].split(" ")[:2]
    return ExtractionResult(
        meetings=[Meeting(status="held", modality="in_person",
                          participants=[Participant(name=" ".join(name), role="host")])],
        provenance=Provenance(
            prompt_version="v1", model="fake-model", endpoint=endpoint, endpoint_kind="fake",
            mode="json_schema", attempts=1, usage=Usage(prompt_tokens=20, completion_tokens=10),
            latency_s=0.01, input_sha256=hashlib.sha256(data).hexdigest(),
            created_at=dt.datetime.now(dt.UTC).isoformat(), library_version="test",
        ),
    )


class ScriptedExtractor:
    """A thread-safe fake: ``fail(text)`` may return an error to raise for that text."""

    def __init__(
        self,
        *,
        fail: Callable[[str], LLMExtractError | None] = lambda text: None,
        interrupt_after: int | None = None,
        settings: Settings | None = None,
    ) -> None:
        self.settings = settings or Settings(base_url="http://127.0.0.1:9/v1", model="fake-model")
        self.fail = fail
        self.interrupt_after = interrupt_after
        self.calls: list[str] = []
        self._lock = threading.Lock()

    def extract(self, text: str | bytes, *, published: Any = None, language: str | None = None,
                prompt_version: str | None = None) -> ExtractionResult:
        text = text.decode() if isinstance(text, bytes) else text
        with self._lock:
            if self.interrupt_after is not None and len(self.calls) >= self.interrupt_after:
                raise KeyboardInterrupt
            self.calls.append(text)
        error = self.fail(text)
        if error is not None:
            raise error
        return fake_result(text, endpoint=self.settings.base_url or "embedded")


def write_folder(folder: Path, count: int) -> list[str]:
    folder.mkdir(parents=True, exist_ok=True)
    ids = [f"story-{i:03d}" for i in range(count)]
    for i, item_id in enumerate(ids):
        (folder / f"{item_id}.txt").write_text(article(i), encoding="utf-8")
    return ids


def write_jsonl(path: Path, records: list[dict[str, Any] | str]) -> None:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def read_lines(path: Path) -> list[dict[str, Any]]:
    """Every output line, each of which must be a whole JSON object."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
