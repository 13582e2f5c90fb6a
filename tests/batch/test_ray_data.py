"""The Ray Data integration on a local Ray instance (loopback only), with a fake extractor.

Ray comes with the dev extra (for users: ``pip install 'llm-extract[ray]'``). Ray worker processes
import this module by name to build the fake, hence the PYTHONPATH in the runtime env.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

# Before ray is imported: keep the whole local Ray instance (GCS, raylet, workers) on
# 127.0.0.1; by default Ray on Linux binds to and talks over the machine's own address.
os.environ.setdefault("RAY_ENABLE_WINDOWS_OR_OSX_CLUSTER", "0")
import ray

from llm_extract.errors import ConfigurationError, EndpointServerError
from llm_extract.integrations.ray_data import extract_dataset, run_ray_batch
from llm_extract.schema import ExtractionResult
from llm_extract.settings import Settings

from .batch_helpers import ScriptedExtractor, article, write_jsonl

pytestmark = pytest.mark.block_network(allowed_hosts=[r"127\.0\.0\.1"])

SETTINGS = Settings(base_url="http://127.0.0.1:9/v1", model="fake-model")


def _fail_story_two(text: str) -> EndpointServerError | None:
    return EndpointServerError("HTTP 503") if text == article(2) else None


def fake_factory(settings: Settings) -> ScriptedExtractor:
    """Built inside each Ray actor, in place of a real Extractor."""
    return ScriptedExtractor(settings=settings, fail=_fail_story_two)


@pytest.fixture(scope="module")
def local_ray() -> Iterator[Any]:
    ray.init(
        num_cpus=2, include_dashboard=False, log_to_driver=False,
        runtime_env={"env_vars": {"PYTHONPATH": str(Path(__file__).parents[1])}},
    )
    assert {node["NodeManagerAddress"] for node in ray.nodes()} == {"127.0.0.1"}
    yield ray
    ray.shutdown()


def _records() -> list[dict[str, Any] | str]:
    return [
        {"id": "a", "text": article(0), "published": "2024-02-01", "language": "en"},
        {"id": "b", "text": article(1), "published": None, "language": None},
        {"id": "c", "text": article(2), "published": None, "language": None},
        {"id": "d", "text": "  ", "published": None, "language": None},
    ]


def test_jsonl_in_jsonl_out_matches_the_batch_line_format(
    local_ray: Any, tmp_path: Path
) -> None:
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, _records())
    counts = run_ray_batch(src, out, SETTINGS, concurrency=2, extractor_factory=fake_factory)
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert Counter(line["id"] for line in lines) == Counter("abcd")
    by_id = {line["id"]: line for line in lines}
    assert all(set(line) == {"id", "source", "status", "result", "error"} for line in lines)
    assert ExtractionResult.model_validate(by_id["a"]["result"]).meetings
    assert by_id["c"]["error"]["kind"] == "server_error"
    assert by_id["d"]["error"]["kind"] == "empty_text"
    assert counts == Counter({"ok": 2, "error:server_error": 1, "error:empty_text": 1})


def test_parquet_in_parquet_out(local_ray: Any, tmp_path: Path) -> None:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]
    import pyarrow.parquet as pq  # type: ignore[import-untyped, unused-ignore]

    src, out = tmp_path / "in.parquet", tmp_path / "out"
    records = [r for r in _records() if isinstance(r, dict)]
    pq.write_table(pa.Table.from_pylist(records), src)
    counts = run_ray_batch(src, out, SETTINGS, extractor_factory=fake_factory)
    table = pq.read_table(out).to_pylist()
    assert sorted(row["id"] for row in table) == ["a", "b", "c", "d"]
    assert counts == Counter({"ok": 2, "error": 2})
    ok = next(row for row in table if row["id"] == "b")
    assert ExtractionResult.model_validate_json(ok["result"]).meetings
    assert ok["error"] is None


def test_extract_dataset_refuses_the_embedded_default(local_ray: Any) -> None:
    ds = ray.data.from_items([{"id": "a", "text": article(0)}])
    with pytest.raises(ConfigurationError, match="base_url"):
        extract_dataset(ds, Settings())
    with pytest.raises(ConfigurationError, match="body"):
        extract_dataset(ds, SETTINGS, text_column="body")
