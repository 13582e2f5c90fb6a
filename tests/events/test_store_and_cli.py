"""The events folder: incremental updates, the command, bad input, and the exports."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from llm_extract.cli import main
from llm_extract.events import TABLES, load_events, update_events

from .helpers import CORPUS, batch_line, gold_clusters, person, record, write_jsonl

DOC = Path(__file__).resolve().parents[2] / "docs" / "events.md"


def _split_corpus(tmp_path: Path) -> tuple[Path, Path]:
    lines = (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines()
    first = write_jsonl(tmp_path / "monday.jsonl", lines[: len(lines) // 2])
    second = write_jsonl(tmp_path / "tuesday.jsonl", lines[len(lines) // 2:])
    return first, second


def _groups(folder: Path) -> dict[str, set[str]]:
    events, _ = load_events(folder)
    return {e.id: {m.id for m in e.mentions} for e in events.events.values()}


def test_incremental_update_equals_one_pass(tmp_path: Path) -> None:
    first, second = _split_corpus(tmp_path)
    once = update_events([first, second], tmp_path / "once")
    update_events([first], tmp_path / "twice")
    before = _groups(tmp_path / "twice")
    summary = update_events([first, second], tmp_path / "twice")
    assert summary.batches_unchanged == [str(first)]  # not read again
    after = _groups(tmp_path / "twice")
    assert after == _groups(tmp_path / "once")
    assert len(after) == once.events == len(set(gold_clusters().values()))
    # Old events keep their ids and only gain mentions.
    assert all(before[e] <= after[e] for e in before)
    assert any(before[e] < after[e] for e in before)
    # A changed batch that repeats old lines adds nothing twice.
    repeated = write_jsonl(tmp_path / "again.jsonl",
                           (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines())
    summary = update_events([repeated], tmp_path / "twice")
    assert summary.new_mentions == 0 and summary.repeated_mentions == 26
    assert _groups(tmp_path / "twice") == after


def test_batch_lines_with_outlets_from_the_inputs(tmp_path: Path) -> None:
    inputs = write_jsonl(tmp_path / "in.jsonl", [
        {"id": "x1", "text": "…", "outlet": "Levant Wire"},
        {"id": "x2", "text": "…", "outlet": "Al-Rafidain News"}])
    meeting = record(person("Fuad Hussein", "IQ", "host"), person("Abbas Araghchi", "IR", "guest"),
                     evidence="Hussein received Araghchi")
    arabic = record(person("فؤاد حسين", "IQ", "host"), person("عباس عراقجي", "IR", "guest"))
    batch = write_jsonl(tmp_path / "out.jsonl", [
        batch_line("x1", meeting, source=f"{inputs.name}:1"),
        batch_line("x2", arabic, source=f"{inputs.name}:2", language="ar"),
        {"id": "x3", "source": "in.jsonl:3", "status": "error", "result": None,
         "error": {"kind": "timeout"}},
    ])
    summary = update_events([batch], tmp_path / "ev")
    assert (summary.events, summary.read.errors, summary.read.skipped) == (1, 1, 0)
    rows = list(csv.DictReader((tmp_path / "ev" / "mentions.csv").open(encoding="utf-8")))
    assert {r["outlet"] for r in rows} == {"Levant Wire", "Al-Rafidain News"}
    actors = list(csv.DictReader((tmp_path / "ev" / "actors.csv").open(encoding="utf-8")))
    hussein = next(a for a in actors if a["country"] == "IQ")
    assert hussein["renderings"] == "Fuad Hussein; فؤاد حسين"


def test_the_command_skips_malformed_lines_with_a_count(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    good = batch_line("ok", record(person("A B", "IQ"), person("C D", "IR")))
    bad_record = batch_line("bad", {"status": "held", "modality": "in_person",
                                    "participants": []})
    deep = "[" * 100_000 + "]" * 100_000
    batch = write_jsonl(tmp_path / "b.jsonl", [good, "{not json", "[1, 2]", {"no": "id"},
                                               bad_record, deep])
    assert main(["events", str(batch), "-o", str(tmp_path / "ev"), "--no-parquet"]) == 0
    err = capsys.readouterr().err
    assert "5 malformed line(s) skipped" in err and "Traceback" not in err
    assert "b.jsonl:2: not JSON" in err and "b.jsonl:5: records do not validate" in err
    assert not list((tmp_path / "ev").glob("*.parquet"))


@pytest.mark.parametrize("problem", ["missing", "binary", "window", "state"])
def test_the_command_fails_in_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                       problem: str) -> None:
    batch = write_jsonl(tmp_path / "b.jsonl", [batch_line("ok", record(person("A B", "IQ")))])
    out = tmp_path / "ev"
    args = ["events", str(batch), "-o", str(out)]
    if problem == "missing":
        args[1] = str(tmp_path / "nope.jsonl")
    elif problem == "binary":
        batch.write_bytes(b"\xff\xfe\x00")
    elif problem == "window":
        assert main([*args, "--window", "1"]) == 0
        args += ["--window", "3"]
    else:
        assert main(args) == 0
        (out / "events.jsonl").write_text("{broken\n", encoding="utf-8")
    capsys.readouterr()
    assert main(args) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("llm-extract: ") and "Traceback" not in err[0]


def test_exports_read_back_with_their_documented_schema(tmp_path: Path) -> None:
    from pyarrow import csv as pacsv

    update_events([CORPUS / "gold.jsonl"], tmp_path)
    doc = DOC.read_text(encoding="utf-8")
    for table in TABLES:
        names = [c.name for c in table.columns]
        parquet = pq.read_table(tmp_path / f"{table.name}.parquet")
        assert parquet.column_names == names
        assert parquet.schema.field(names[0]).metadata[b"description"]
        from_csv = pacsv.read_csv(tmp_path / f"{table.name}.csv")
        assert from_csv.column_names == names and from_csv.num_rows == parquet.num_rows
        # The document lists every column of the table, in order, under its own heading.
        section = doc.split(f"### {table.name}\n", 1)[1].split("\n#", 1)[0]
        assert re.findall(r"^\| `(\w+)` \|", section, re.M) == names, table.name
    events = pq.read_table(tmp_path / "events.parquet").to_pylist()
    assert len(events) == 10 and sum(e["n_mentions"] for e in events) == 26
    assert {e["n_conflicts"] for e in events} == {0, 1}
    pandas = pytest.importorskip("pandas")
    frame = pandas.read_csv(tmp_path / "participants.csv")
    assert set(frame["role"]) == {"host", "guest", "participant"}


def test_plover_lines(tmp_path: Path) -> None:
    update_events([CORPUS / "gold.jsonl"], tmp_path, parquet=False)
    lines = [json.loads(x) for x in (tmp_path / "plover.jsonl").read_text("utf-8").splitlines()]
    assert len(lines) == 10 and {x["event"] for x in lines} == {"CONSULT"}
    modes = {x["mode"] for x in lines}
    assert modes == {"host", "meet", "phone", "video"}
    hosted = next(x for x in lines if x["source"]["name"] == "Sergei Lavrov")
    assert hosted["mode"] == "host" and hosted["target"]["country"] == "IR"
    assert hosted["location"] == {"city": "Moscow", "country": "RU"}
    assert sorted(hosted["source_ids"]) == ["a11", "a12", "a13"]
    assert len(hosted["outlets"]) == 3


def test_a_folder_of_gold_files(tmp_path: Path) -> None:
    """The guidelines' layout (one NNN_xx.json per article, texts beside) is read as it is."""
    gold = tmp_path / "gold"
    gold.mkdir()
    for line in (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        article = json.loads(line)
        (gold / f"{article['id']}.json").write_text(json.dumps(article, indent=2), "utf-8")
        (gold / f"{article['id']}.txt").write_text("not read", encoding="utf-8")
    summary = update_events([gold], tmp_path / "ev", parquet=False)
    assert (summary.read.articles, summary.events) == (25, 10)
    assert update_events([gold], tmp_path / "ev").batches_unchanged == [str(gold)]
