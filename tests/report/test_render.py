"""The page as HTML text: self-contained, escaped, right-to-left where it should be, and the
``report`` command that writes it. What a browser makes of it is in ``test_browser.py``."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import pytest

from llm_extract.cli import main
from llm_extract.report import load, render_report
from llm_extract.report.review.loader import ReviewArticle
from llm_extract.report.review.render import summary_tables
from llm_extract.report.review.view import build_article, direction
from llm_extract.schema import ExtractionResult

from . import samples as s


@pytest.fixture
def run_page(run_dir: Path) -> str:
    return render_report(load(run_dir))


def test_page_needs_no_network(run_page: str) -> None:
    assert not re.search(r"""\b(src|href)\s*=|url\(|@import|<link\b""", run_page)
    assert "default-src 'none'" in run_page  # and the CSP forbids fetching anything


@pytest.mark.parametrize("name", ["report.css", "review/page.js", "events/page.css",
                                  "events/page.js"])
def test_inlined_assets_cannot_close_their_element(name: str) -> None:
    text = resources.files("llm_extract.report").joinpath(*name.split("/")).read_text("utf-8")
    assert "</" not in text


def test_text_and_values_are_escaped(run_page: str) -> None:
    assert re.search(r"&lt;<mark [^>]*>Officials</mark>&gt; &amp; aides", run_page)  # text
    assert "Pedro &lt;Sánchez&gt;" in run_page  # a flag value
    assert "<Officials>" not in run_page and "<Sánchez>" not in run_page
    assert "&lt;" in run_page.split("last_raw_output")[1][:200]  # error details


def test_rtl_article_gets_dir_and_lang(run_page: str) -> None:
    blocks = re.findall(r'<div class="text" dir="(\w+)"(?: lang="([\w-]+)")?>', run_page)
    assert blocks == [("rtl", "ar"), ("ltr", "en"), ("ltr", "en"), ("rtl", "ar")]
    assert '<blockquote dir="rtl" lang="ar">' in run_page
    assert '<bdi class="name">سَامِر الحَدِيدِيّ</bdi>' in run_page


def test_filter_attributes(run_page: str) -> None:
    docs = re.findall(r'<article class="doc" id="doc-\d+" data-lang="(\w+)" '
                      r'data-status="([\w ]+)" data-error="(\d)" data-mistake="(\d)">', run_page)
    assert docs == [("ar", "held", "0", "1"), ("en", "held planned postponed", "0", "1"),
                    ("en", "held", "0", "1"), ("ar", "none", "1", "0")]


def test_summary_shows_report_json(run_dir: Path, run_page: str) -> None:
    summary = load(run_dir).summary
    assert summary is not None
    assert f"{summary['headline']['f1']:.3f}" in run_page
    tables = {t.title: t for t in summary_tables(summary)}
    assert {"headline", "slots", "languages"} <= tables.keys()
    assert "run" not in tables and "per_article" not in tables
    assert [label for label, _ in tables["languages"].rows] == ["ar", "en"]
    assert "micro.f1" in tables["languages"].columns


def test_summary_renders_unknown_keys() -> None:
    tables = summary_tables({"new_metric": {"x": {"f1": 0.5}}, "count": 3, "nested": {"a": 1}})
    assert [t.title for t in tables] == ["new_metric", "nested", "Scores"]
    assert tables[0].rows == [("x", ["0.500"])]


def test_slot_marks(run_dir: Path) -> None:
    ar, en, emoji, _ = (build_article(a, i) for i, a in enumerate(load(run_dir).articles))
    first = ar.rows[0]
    assert first.verdict == "aligned" and first.pred is not None
    assert first.pred.slots == {"status": "right", "modality": "right", "location": "right",
                                "date": "missed"}
    assert [p.name_mark for p in first.pred.people] == ["right", "right"]
    assert [r.verdict for r in en.rows] == ["aligned", "missed", "spurious"]
    assert [r.verdict for r in emoji.rows] == ["spurious", "spurious"]


def test_missing_spans_fall_back_to_search() -> None:
    data = s.ar_prediction()
    for m in data["meetings"]:
        m["evidence_span"] = None
        for p in m["participants"]:
            p["name_span"] = None
    # A name written without harakat is still found in the diacritized text, by folding.
    data["meetings"][1]["participants"][1]["name"] = "ليلى الناصر"
    article = ReviewArticle(id="x", text=s.AR_TEXT, result=ExtractionResult.model_validate(data))
    view = build_article(article, 0)
    found = {h.key: s.AR_TEXT[h.start:h.end] for h in view.highlights}
    assert found["a0-pred1-ev"] == s.AR_EV1
    assert found["a0-pred1-p1"] == "John Carter"
    assert found["a0-pred2-p1"] == "لَيْلَى النَّاصِر"
    # The surname occurs twice; the mention inside the record's own evidence is the one marked.
    starts = {h.key: h.start for h in view.highlights}
    assert starts["a0-pred2-p0"] == s.AR_TEXT.index("الحَدِيدِيّ", s.AR_TEXT.index(s.AR_EV2))
    notes = [n for r in view.rows if r.pred for n in r.pred.notes]
    assert any("located by search" in n for n in notes)


def test_bad_span_is_noted_not_fatal() -> None:
    data = s.en_prediction()
    data["meetings"][0]["evidence_span"] = {"start": 5, "end": 9999}
    article = ReviewArticle(id="x", text=s.EN_TEXT, result=ExtractionResult.model_validate(data))
    view = build_article(article, 0)
    assert view.rows[0].pred is not None
    assert any("outside the text" in n for n in view.rows[0].pred.notes)
    assert "a0-pred1-ev" in {h.key for h in view.highlights}  # located by its string instead


def test_direction() -> None:
    assert direction("ar-IQ", None) == "rtl"
    assert direction("he", "") == "rtl"
    assert direction("en", s.AR_TEXT) == "ltr"  # a stated language wins
    assert direction(None, s.AR_TEXT) == "rtl"
    assert direction(None, s.EMOJI_TEXT) == "ltr"


def test_cli_run_dir(run_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out" / "report.html"
    assert main(["report", str(run_dir), "-o", str(out), "--title", "Dev <run>"]) == 0
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "<title>Dev &lt;run&gt;</title>" in page


def test_cli_batch_and_single(batch_file: Path, single_files: tuple[Path, Path],
                              tmp_path: Path) -> None:
    assert main(["report", str(batch_file), "-o", str(tmp_path / "b.html")]) == 0
    result, text = single_files
    assert main(["report", str(result), "--text", str(text), "-o", str(tmp_path / "s.html")]) == 0
    assert 'dir="rtl" lang="ar"' in (tmp_path / "s.html").read_text(encoding="utf-8")


def test_cli_missing_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", str(tmp_path / "nope"), "-o", str(tmp_path / "r.html")]) == 2
    assert "no such" in capsys.readouterr().err


def test_run_in_progress_without_report_json(run_dir: Path) -> None:
    (run_dir / "report.json").unlink()
    page = render_report(load(run_dir))
    assert 'class="hero"' not in page and "Counted by this page" in page
