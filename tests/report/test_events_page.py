"""The contact-network page of an events folder, without a browser: data, escaping, command."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from llm_extract.cli import main
from llm_extract.errors import InputError
from llm_extract.events import update_events
from llm_extract.report import is_events_folder, write_events_report
from llm_extract.report.events.view import load_events_page

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "events_corpus"


@pytest.fixture
def events_dir(tmp_path: Path) -> Path:
    update_events([CORPUS / "gold.jsonl"], tmp_path / "events", parquet=False)
    return tmp_path / "events"


def test_page_data(events_dir: Path) -> None:
    page = load_events_page(events_dir)
    assert page.counts == {"events": 10, "mentions": 26, "articles": 25, "outlets": 8,
                           "actors": 13, "events with conflicts": 1}
    assert len(page.data["people"]) == 13 and len(page.data["states"]) == 10
    for node in [*page.data["people"].values(), *page.data["states"].values()]:
        assert 0.0 <= node["x"] <= 1.0 and 0.0 <= node["y"] <= 1.0
    dates = [v.agreed.meeting.date for v in page.events]
    assert dates == sorted(dates)  # the timeline's order


def test_a_hostile_name_cannot_end_the_script(tmp_path: Path) -> None:
    evil = "</script><script>alert(1)</script><!--"
    people = [{"name": evil, "country": "IQ", "role": "host"},
              {"name": "Ann Lee", "country": "US", "role": "guest"}]
    line = {"id": "x", "published": "2026-03-10", "meetings": [
        {"status": "held", "modality": "in_person", "date": "2026-03-10",
         "participants": people, "evidence": "<b>quoted</b> & more"}]}
    batch = tmp_path / "b.jsonl"
    batch.write_text(json.dumps(line) + "\n", encoding="utf-8")
    update_events([batch], tmp_path / "ev", parquet=False)
    html = (tmp_path / "page.html")
    write_events_report(tmp_path / "ev", html)
    text = html.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in text and text.count("</script>") == 2
    blob = re.search(r'<script type="application/json" id="events-data">(.*?)</script>', text,
                     re.S)
    assert blob is not None
    data = json.loads(blob.group(1))
    assert evil in [n["label"] for n in data["people"].values()]


def test_the_report_command_draws_an_events_folder(events_dir: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert is_events_folder(events_dir) and not is_events_folder(tmp_path)
    out = tmp_path / "network.html"
    assert main(["report", str(events_dir), "-o", str(out)]) == 0
    assert "10 event(s)" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8").count('<article class="event"') == 10
    with pytest.raises(InputError):
        write_events_report(tmp_path, tmp_path / "x.html")
