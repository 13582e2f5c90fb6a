"""Web pages in a batch: JSONL records with ``html`` instead of ``text``, ``.html``/``.htm`` files
in a folder; every input still gets exactly one line (a page without an article, a record with
both or neither field: an error line).

The pages (``tests/text/pages``) were written for these tests, their news invented.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fakes import openai_server as f
from fakes.openai_server import ALLOWED_HOSTS, Behaviour, FakeOpenAI, RecordedRequest, article_of

from llm_extract import Extractor, Settings, read_page
from llm_extract.batch import BatchItem, read_inputs, run_batch
from llm_extract.cli import main

from .batch_helpers import ScriptedExtractor, article, read_lines, write_jsonl

PAGES = Path(__file__).resolve().parents[1] / "text" / "pages"
EN_PAGE = (PAGES / "en_article.html").read_text(encoding="utf-8")
MENUS = (PAGES / "no_article.html").read_text(encoding="utf-8")
EVIDENCE = ("Chilean Foreign Minister Ana Ruiz met her Norwegian counterpart Tomas Berg in Oslo "
            "on Monday")


def _answer(request: RecordedRequest) -> Behaviour:
    """Ana Ruiz and Tomas Berg for the page's text; nothing for anything else."""
    if EVIDENCE not in article_of(request):
        return f.ok({"meetings": []})
    people = [{"name": name, "title": "Foreign Minister", "organization": None, "country": c,
               "role": "participant"} for name, c in (("Ana Ruiz", "CL"), ("Tomas Berg", "NO"))]
    return f.ok({"meetings": [{"evidence": EVIDENCE, "status": "held", "modality": "in_person",
                               "date": None, "city": "Oslo", "country": "NO",
                               "participants": people, "topics": []}]})


def _settings(fake: FakeOpenAI) -> Settings:
    return Settings(base_url=fake.url + "/v1", model="fake", mode="json_schema", timeout=5.0,
                    recall_passes=0, max_reasks=0)


def _by_source_line(items: list[BatchItem]) -> dict[str, BatchItem]:
    return {str(item.source).rsplit(":", 1)[1]: item for item in items}


def test_jsonl_records_carry_text_or_html_exactly_one(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [
        {"id": "page", "html": EN_PAGE, "language": "en"},        # 1
        {"id": "text", "text": article(0)},                       # 2
        {"id": "both", "text": article(1), "html": EN_PAGE},      # 3
        {"id": "neither", "published": "2024-05-06"},             # 4
        {"id": "number", "html": 5},                              # 5
        {"id": "blank", "html": " \n "},                          # 6
        {"id": "nulls", "text": None, "html": EN_PAGE},           # 7: null is absent
    ])
    items = _by_source_line(list(read_inputs(src)))

    assert (items["1"].format, items["1"].text, items["1"].language) == ("html", EN_PAGE, "en")
    assert (items["2"].format, items["2"].error) == ("auto", None)
    assert (items["7"].format, items["7"].error) == ("html", None)
    errors = {line: (item.error.kind, item.error.message) for line, item in items.items()
              if item.error is not None}
    assert errors == {
        "3": ("invalid_record", "record has both text and html: give exactly one"),
        "4": ("invalid_record", "record has neither text nor html: give exactly one (a string)"),
        "5": ("invalid_record", "html must be a string"),
        "6": ("empty_text", "input html is empty"),
    }


def test_format_applies_to_text_inputs_only(tmp_path: Path) -> None:
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [{"id": "t", "text": EN_PAGE}, {"id": "h", "html": EN_PAGE}])
    assert [i.format for i in read_inputs(src, format="text")] == ["text", "html"]
    assert [i.format for i in read_inputs(src, format="html")] == ["html", "html"]


def test_a_folder_reads_html_and_htm_files_as_pages(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(article(0), encoding="utf-8")
    (folder / "a.html").write_text(EN_PAGE, encoding="utf-8")  # same id as a.txt
    (folder / "b.HTM").write_text(EN_PAGE, encoding="utf-8")
    (folder / "c.html").write_bytes(b"\xff\xfe<html>")
    (folder / "notes.md").write_text(EN_PAGE, encoding="utf-8")  # not an input

    items = {Path(str(item.source)).name: item for item in read_inputs(folder)}

    assert set(items) == {"a.html", "a.txt", "b.HTM", "c.html"}
    assert (items["a.html"].id, items["a.html"].format, items["a.html"].error) == (
        "a", "html", None)
    assert (items["b.HTM"].id, items["b.HTM"].format) == ("b", "html")
    duplicate = items["a.txt"]
    assert duplicate.error is not None and duplicate.error.kind == "duplicate_id"
    assert duplicate.key == str(folder / "a.txt")  # keyed by its file, so it resumes too
    assert items["c.html"].error is not None
    assert items["c.html"].error.kind == "invalid_encoding"


def test_a_folder_of_pages_alone_is_an_input(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "only.html").write_text(EN_PAGE, encoding="utf-8")
    assert [item.format for item in read_inputs(folder)] == ["html"]
    single = list(read_inputs(folder / "only.html"))  # one page file: one page, not JSONL
    assert [(item.id, item.format) for item in single] == [("only", "html")]


@pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS)
@pytest.mark.timeout(120)
def test_a_batch_with_pages_writes_one_line_per_input(fake: FakeOpenAI, tmp_path: Path) -> None:
    fake.fallback = _answer
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [
        {"id": "page", "html": EN_PAGE},
        {"id": "menus", "html": MENUS},
        {"id": "text", "text": article(0)},
        {"id": "both", "text": article(1), "html": EN_PAGE},
    ])
    out = tmp_path / "out.jsonl"

    summary = run_batch(src, out, Extractor(_settings(fake)), progress=None)

    lines = {line["id"]: line for line in read_lines(out)}
    assert len(read_lines(out)) == 4
    page = lines["page"]
    assert page["status"] == "ok"
    source = page["result"]["provenance"]["source"]
    assert (source["format"], source["text_length"]) == ("html", len(read_page(EN_PAGE).text))
    assert page["result"]["meetings"][0]["evidence"] == EVIDENCE
    assert lines["text"]["status"] == "ok"
    assert lines["text"]["result"]["provenance"]["source"] is None
    assert lines["menus"]["error"]["kind"] == "no_article"
    assert lines["both"]["error"]["kind"] == "invalid_record"
    assert (summary.ok, dict(summary.failed)) == (2, {"no_article": 1, "invalid_record": 1})
    assert len(fake.chat_requests) == 2  # the refused page and record cost no model call


def test_an_extractor_without_format_still_serves_text_and_loses_no_page(tmp_path: Path) -> None:
    """``ScriptedExtractor.extract`` predates ``format``: a text record is passed no format;
    a page's record is asked with one and fails on its own line, not silently."""
    src = tmp_path / "in.jsonl"
    write_jsonl(src, [{"id": "text", "text": article(0)}, {"id": "page", "html": EN_PAGE}])
    out = tmp_path / "out.jsonl"
    fake = ScriptedExtractor()

    run_batch(src, out, fake, progress=None)

    lines = {line["id"]: line for line in read_lines(out)}
    assert lines["text"]["status"] == "ok"
    assert lines["page"]["error"]["kind"] == "internal"
    assert "format" in lines["page"]["error"]["message"]
    assert fake.calls == [article(0)]


@pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS)
@pytest.mark.timeout(120)
def test_cli_batch_on_a_folder_of_pages(
    fake: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fake.fallback = _answer
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "story.html").write_text(EN_PAGE, encoding="utf-8")
    (folder / "menus.htm").write_text(MENUS, encoding="utf-8")
    out = tmp_path / "out.jsonl"
    args = ["batch", str(folder), "-o", str(out), "--quiet", "--base-url",
                       fake.url + "/v1", "--model", "fake", "--mode", "json_schema",
                       "--timeout", "5", "--recall-passes", "0"]

    assert main(args) == 1  # an input failed: the page without an article
    lines = {line["id"]: line for line in map(json.loads, out.read_text().splitlines())}
    assert lines["story"]["result"]["provenance"]["source"]["format"] == "html"
    assert lines["menus"]["error"]["kind"] == "no_article"
    assert "failed: no_article 1" in capsys.readouterr().err
