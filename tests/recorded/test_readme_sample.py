"""The README's result sample is what the tool gives on examples/article_en.txt.

The record shown in the README is taken from the recorded run of
``tests/recorded/test_recorded_extraction.py``; replaying the same cassette must give it back
field for field, so that the README never shows a record the tool does not produce.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import vcr

from llm_extract import Extractor, Settings
from llm_extract.model.backends import forget_probes
from llm_extract.model.embedded.model import EMBEDDED_MODEL

ROOT = Path(__file__).resolve().parents[2]
CASSETTE = (ROOT / "cassettes" / "test_recorded_extraction"
            / "test_recorded_extraction[article_en.txt].yaml")


def _readme_sample() -> dict[str, object]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    found = re.search(r"```json\n(.*?)```", readme, re.DOTALL)
    assert found, "the README has no JSON sample"
    sample: dict[str, object] = json.loads(found.group(1))
    return sample


def test_readme_sample_is_a_record_the_recorded_run_gives() -> None:
    player = vcr.VCR(record_mode="none", match_on=["method", "path", "query", "body"],
                     decode_compressed_response=True)
    text = (ROOT / "examples" / "article_en.txt").read_text(encoding="utf-8")
    settings = Settings(base_url="http://127.0.0.1:9/v1", model=EMBEDDED_MODEL.name,
                        mode="grammar_spans", timeout=900)
    forget_probes()
    try:
        with player.use_cassette(str(CASSETTE)):
            result = Extractor(settings).extract(text, published="2025-03-04")
    finally:
        forget_probes()
    records = [m.model_dump(mode="json") for m in result.meetings]
    assert _readme_sample() in records
