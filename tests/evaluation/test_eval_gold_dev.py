"""The scorer on the real gold dev set, read at run time (nothing of it is copied here).

Gold scored against itself must be perfect on every slot of every file, also after a round trip
through ``ExtractionResult`` (so the scorer reads the library's own output as it reads gold); an
empty prediction must recall nothing. The folder comes from the ``dev_set`` fixture
(``tests/conftest.py``): ``../shared/eval/dev`` beside the project or ``$LLM_EXTRACT_DEV_SET``;
missing, the tests fail unless ``LLM_EXTRACT_ALLOW_NO_DEV_SET=1`` says to skip them.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from llm_extract.evaluation import SLOTS, score_article, score_corpus
from llm_extract.schema import ExtractionResult, Meeting, Provenance

GoldFiles = list[tuple[str, dict[str, Any]]]


@pytest.fixture(scope="module")
def gold_files(dev_set: Path) -> GoldFiles:
    return [(p.stem, json.loads(p.read_text(encoding="utf-8")))
            for p in sorted(dev_set.glob("*.json"))]


def _as_result(gold: dict[str, Any]) -> dict[str, Any]:
    provenance = Provenance(
        prompt_version="test", model="none", endpoint="http://127.0.0.1:1/v1",
        endpoint_kind="unknown", mode="json_schema", attempts=1, latency_s=0.0,
        input_sha256="0" * 64, created_at="2024-01-01T00:00:00+00:00", library_version="0",
    )
    meetings = [Meeting.model_validate(m) for m in gold["meetings"]]
    return ExtractionResult(meetings=meetings, provenance=provenance).model_dump(mode="json")


def test_dev_folder_has_gold_files(gold_files: GoldFiles) -> None:
    assert len(gold_files) > 0


def test_gold_against_itself_is_perfect_on_every_slot(gold_files: GoldFiles) -> None:
    scores = []
    for ident, gold in gold_files:
        score = score_article(gold, gold, article_id=ident)
        for name in SLOTS:
            counts = score.slots.slots[name]
            assert (counts.precision, counts.recall, counts.f1) == (1.0, 1.0, 1.0), (ident, name)
        assert score.records.f1 == 1.0 and not score.missed and not score.spurious, ident
        scores.append(score)
    corpus = score_corpus(scores)
    assert corpus.micro.f1 == 1.0 and corpus.micro.gold > 0
    assert corpus.empty.false_records == 0


def test_gold_through_extraction_result_is_still_perfect(gold_files: GoldFiles) -> None:
    corpus = score_corpus(
        score_article(gold, _as_result(gold), article_id=ident) for ident, gold in gold_files
    )
    for name in SLOTS:
        assert corpus.slots.slots[name].f1 == 1.0, name


def test_empty_predictions_recall_nothing(gold_files: GoldFiles) -> None:
    corpus = score_corpus(
        score_article(gold, {"meetings": []}, article_id=ident) for ident, gold in gold_files
    )
    assert corpus.micro.recall == 0.0 and corpus.micro.gold > 0
    assert corpus.records.recall == 0.0
    for name in SLOTS:
        if corpus.slots.slots[name].gold:
            assert corpus.slots.slots[name].recall == 0.0, name
