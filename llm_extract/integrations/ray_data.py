"""Ray Data integration: extract a whole dataset on a Ray cluster (the ``ray`` extra).

:func:`extract_dataset` maps :class:`ExtractorUDF` over a dataset with ``map_batches``: each
Ray actor builds one :class:`~llm_extract.extractor.Extractor` and reuses it (its endpoint
probe and HTTP client) for every batch it gets. The settings must name a ``base_url``: without
one, every actor process would start its own embedded llama-server and model copy.

Output rows mirror ``llm-extract batch`` lines: ``id``, ``status`` (``ok``/``error``) and, as
JSON strings so any sink (Parquet, JSONL) can hold them, ``result`` and ``error``. Input
problems (empty or non-string text, missing id) become error rows, never dropped rows;
repeated ids are not detected across actors. See ``docs/ray.md``.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from llm_extract.batch import LineWriter, extract_line, record_item
from llm_extract.errors import ConfigurationError
from llm_extract.extractor import Extractor
from llm_extract.protocols import SupportsExtract
from llm_extract.settings import Settings

if TYPE_CHECKING:  # the ray extra may be absent where mypy runs; then Dataset is Any
    from ray.data import Dataset  # type: ignore[import-not-found, import-untyped, unused-ignore]

__all__ = ["ExtractorUDF", "extract_dataset", "run_ray_batch"]

ExtractorFactory = Callable[[Settings], SupportsExtract]
OUTPUT_COLUMNS = ("id", "status", "result", "error")


def _ray_data() -> Any:
    try:
        import ray.data  # type: ignore[import-not-found, import-untyped, unused-ignore]
    except ImportError:
        raise ConfigurationError(
            "Ray is not installed: pip install 'llm-extract[ray]'"
        ) from None
    return ray.data


def _missing_to_none(value: Any) -> Any:
    """None for a missing cell: readers give NaN (pandas) or None (arrow) for one."""
    return None if isinstance(value, float) and math.isnan(value) else value


class ExtractorUDF:
    """A Ray Data callable class: one extractor per actor, one output row per input row."""

    def __init__(
        self,
        settings: Settings,
        text_column: str = "text",
        id_column: str = "id",
        extractor_factory: ExtractorFactory | None = None,
    ) -> None:
        self.text_column = text_column
        self.id_column = id_column
        self.extractor = (extractor_factory or Extractor)(settings)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str | None]]:
        columns = {name: list(values.tolist()) for name, values in batch.items()}
        size = len(columns[self.id_column])
        out: dict[str, list[str | None]] = {name: [] for name in OUTPUT_COLUMNS}
        for i in range(size):
            record: dict[str, Any] = {
                "id": _missing_to_none(columns[self.id_column][i]),
                "text": _missing_to_none(columns[self.text_column][i]),
                **{k: _missing_to_none(columns[k][i])
                   for k in ("published", "language") if k in columns},
            }
            line = extract_line(record_item(record, None, set()), self.extractor, None, "ray")
            out["id"].append(line["id"])
            out["status"].append(line["status"])
            out["result"].append(json.dumps(line["result"]) if line["result"] else None)
            out["error"].append(json.dumps(line["error"]) if line["error"] else None)
        return out


def extract_dataset(
    ds: Dataset,
    settings: Settings,
    text_column: str = "text",
    id_column: str = "id",
    *,
    concurrency: int = 1,
    batch_size: int = 8,
    num_cpus: float = 0.25,
    extractor_factory: ExtractorFactory | None = None,
) -> Dataset:
    """The dataset of extraction rows (``id``, ``status``, ``result``, ``error``).

    Args:
        concurrency: actors, hence requests the endpoint sees at once.
        num_cpus: CPUs reserved per actor; small, since an actor mostly waits on HTTP.
        extractor_factory: builds each actor's extractor (tests pass a fake); it must be
            picklable, as Ray ships it to the actor processes.
    """
    if settings.embedded and extractor_factory is None:
        raise ConfigurationError(
            "extract_dataset needs settings with a base_url: each Ray worker would otherwise "
            "start its own embedded llama-server"
        )
    missing = {text_column, id_column} - set(ds.schema().names)
    if missing:
        raise ConfigurationError(f"dataset has no column(s) {sorted(missing)}")
    compute = _ray_data().ActorPoolStrategy(size=concurrency)
    return ds.map_batches(
        ExtractorUDF,
        fn_constructor_kwargs={
            "settings": settings, "text_column": text_column, "id_column": id_column,
            "extractor_factory": extractor_factory,
        },
        batch_size=batch_size,
        batch_format="numpy",
        compute=compute,
        num_cpus=num_cpus,
    )


def _read(path: Path) -> Dataset:
    rd = _ray_data()
    parquet = path.suffix == ".parquet" or (path.is_dir() and any(path.glob("*.parquet")))
    if parquet:
        return rd.read_parquet(str(path))  # type: ignore[no-any-return, unused-ignore]
    return rd.read_json(str(path), lines=True)  # type: ignore[no-any-return, unused-ignore]


def _write_jsonl(rows: Iterable[dict[str, Any]], output: Path) -> Counter[str]:
    counts: Counter[str] = Counter()
    writer = LineWriter(output, fsync_every=64)
    try:
        for row in rows:
            error = json.loads(row["error"]) if row["error"] else None
            writer.write({
                "id": row["id"], "source": None, "status": row["status"],
                "result": json.loads(row["result"]) if row["result"] else None, "error": error,
            })
            counts[row["status"] if error is None else f"error:{error['kind']}"] += 1
    finally:
        writer.close()
    return counts


def run_ray_batch(
    input_path: Path,
    output_path: Path,
    settings: Settings,
    *,
    text_column: str = "text",
    id_column: str = "id",
    concurrency: int = 1,
    extractor_factory: ExtractorFactory | None = None,
) -> Counter[str]:
    """JSONL or Parquet in, JSONL (one ``llm-extract batch`` line per row) or Parquet out.

    A ``.jsonl`` output is written by the driver as rows stream back, so it is one file in the
    batch format; any other output path is a Parquet directory written by the workers. Returns
    row counts by outcome (``ok``, ``error:<kind>``) for JSONL, by status for Parquet.
    """
    ds = extract_dataset(
        _read(input_path), settings, text_column, id_column,
        concurrency=concurrency, extractor_factory=extractor_factory,
    )
    if output_path.suffix == ".jsonl":
        return _write_jsonl(ds.iter_rows(), output_path)
    ds = ds.materialize()
    ds.write_parquet(str(output_path))
    return Counter(row["status"] for row in ds.select_columns(["status"]).iter_rows())
