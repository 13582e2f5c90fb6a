"""The contact-network page in the real browser (Debian Chromium driven by Playwright).

Built from the committed events corpus (benchmarks/events_corpus: 25 invented articles, 10
contacts). What only a browser can show is checked: the script draws without errors one line
per pair of nodes and medium, as many contacts as Python counted, in the medium's colour; the
date and country filters change the network, the timeline and the list together; a click on a
line lists its events; the mentions of an event sit side by side, Arabic ones right to left.
Skips without Chromium, except where ``CI`` is set (see test_browser.py).
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext

from llm_extract.events import update_events
from llm_extract.report import write_events_report
from llm_extract.report.events.view import EventsPage

from .test_browser import ARTIFACTS, Opened, _png_pixels
from .test_browser import browser as browser  # the shared Chromium fixture

CORPUS = Path(__file__).resolve().parents[2] / "benchmarks" / "events_corpus"
LAVROV_EVENT = "a11#0"  # a mention of the Moscow talks (3 articles: ru, en, ar)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, EventsPage]:
    folder = tmp_path_factory.mktemp("events")
    update_events([CORPUS / "gold.jsonl"], folder, parquet=False)
    page = write_events_report(folder, folder / "network.html")
    return folder / "network.html", page


@pytest.fixture
def opened(browser: BrowserContext, built: tuple[Path, EventsPage]) -> Iterator[Opened]:
    page = Opened(browser, built[0])
    yield page
    page.page.close()


def _expected_edges(page: EventsPage, mode: str, keep: Any = None) -> Counter[tuple[str, str, str]]:
    edges: Counter[tuple[str, str, str]] = Counter()
    for e in page.data["events"]:
        if keep is None or keep(e):
            for a, b in itertools.combinations(sorted(set(e[mode])), 2):
                edges[(a, b, e["medium"])] += 1
    return edges


_EDGES = """() => Array.from(document.querySelectorAll('#network .edge'))
  .map(l => [l.dataset.a, l.dataset.b, l.dataset.medium, +l.dataset.count])"""


def _edges(opened: Opened) -> Counter[tuple[str, str, str]]:
    return Counter({(a, b, m): n for a, b, m, n in opened.js(_EDGES)})


def _cards(opened: Opened) -> list[str]:
    ids: list[str] = opened.js("Array.from(document.querySelectorAll('article.event'))"
                               ".filter(c => !c.hidden && c.offsetParent !== null)"
                               ".map(c => c.dataset.event)")
    return ids


def test_network_counts_and_colours(opened: Opened, built: tuple[Path, EventsPage]) -> None:
    page = built[1]
    assert opened.errors == []
    assert _edges(opened) == _expected_edges(page, "people")
    nodes = opened.js("Array.from(document.querySelectorAll('#network .node'))"
                      ".map(n => n.dataset.node)")
    assert sorted(nodes) == sorted(page.data["people"])
    # Coloured by medium: each medium its own stroke, the same as its legend key.
    colour = """(m) => [getComputedStyle(document.querySelector('#network .edge.md-' + m)).stroke,
      getComputedStyle(document.querySelector('.legend .md-' + m)).backgroundColor]"""
    seen = {m: opened.js(colour, m) for m in ("in_person", "video", "phone")}
    assert all(edge == key for edge, key in seen.values())
    assert len({edge for edge, _ in seen.values()}) == 3
    # Weighted by count: the pair met in person twice draws thicker than a single contact.
    widths = opened.js("""() => Array.from(document.querySelectorAll('#network .edge'))
      .map(l => [+l.dataset.count, parseFloat(getComputedStyle(l).strokeWidth)])""")
    assert max(w for n, w in widths if n == 2) > max(w for n, w in widths if n == 1)
    assert _cards(opened) == [v.event.id for v in page.events]


def test_date_and_country_filters(opened: Opened, built: tuple[Path, EventsPage]) -> None:
    page, pw = built[1], opened.page
    pw.fill("#f-from", "2026-04-01")
    pw.fill("#f-to", "2026-04-30")
    april = [e for e in page.data["events"] if e["date"] and "2026-04" in e["date"]]
    assert len(april) == 2
    assert _cards(opened) == [e["id"] for e in april]
    assert _edges(opened) == _expected_edges(page, "people", lambda e: e in april)
    assert opened.js("document.querySelectorAll('#timeline .dot').length") == 2
    assert pw.inner_text("#f-count") == "2 of 10 events"
    pw.fill("#f-from", "")
    pw.fill("#f-to", "")
    pw.select_option("#f-country", "RU")
    (moscow,) = _cards(opened)
    assert LAVROV_EVENT in {m.id for v in page.events if v.event.id == moscow
                            for m in v.event.mentions}
    assert opened.js("Array.from(document.querySelectorAll('#network .node text'))"
                     ".map(t => t.textContent).sort()") == ["Abbas Araghchi", "Sergei Lavrov"]
    actors = opened.js("Array.from(document.querySelectorAll('#actors tbody tr'))"
                       ".filter(r => !r.hidden).map(r => r.querySelector('.name').textContent)")
    assert actors == ["Sergei Lavrov"]
    pw.select_option("#f-country", "")
    assert len(_cards(opened)) == 10 and opened.errors == []


def test_states_and_a_clicked_line(opened: Opened, built: tuple[Path, EventsPage]) -> None:
    page, pw = built[1], opened.page
    pw.select_option("#f-nodes", "states")
    edges = _edges(opened)
    assert edges == _expected_edges(page, "states")
    assert edges[("IQ", "IR", "in_person")] == 3 and edges[("IQ", "IR", "phone")] == 1
    line = pw.locator('#network .edge[data-a="IQ"][data-b="IR"][data-medium="in_person"]')
    line.dispatch_event("click")
    listed = _cards(opened)
    assert len(listed) == 3 and set(listed) == set(line.get_attribute("data-events").split())
    assert not pw.locator("#edge-pick").is_hidden()
    pw.click("#edge-clear")
    assert len(_cards(opened)) == 10
    assert opened.errors == []


def test_mentions_side_by_side(opened: Opened, built: tuple[Path, EventsPage]) -> None:
    page = built[1]
    moscow = next(v for v in page.events if LAVROV_EVENT in {m.id for m in v.event.mentions})
    boxes = opened.js("""(id) => Array.from(document.querySelectorAll('#ev-' + id + ' .mention'))
      .map(m => { const r = m.getBoundingClientRect();
                  return [m.dataset.mention, r.left, r.top]; })""", moscow.event.id)
    assert [b[0] for b in boxes] == [m.id for m in moscow.event.mentions]
    assert len({round(b[2]) for b in boxes}) == 1  # one row
    lefts = [b[1] for b in boxes]
    assert lefts == sorted(lefts) and len(set(lefts)) == 3
    style = """(sel) => { const q = document.querySelector(sel); const cs = getComputedStyle(q);
      return [q.getAttribute('dir'), q.getAttribute('lang'), cs.direction]; }"""
    assert opened.js(style, '[data-mention="a13#0"] blockquote') == ["rtl", "ar", "rtl"]
    assert opened.js(style, '[data-mention="a11#0"] blockquote') == ["ltr", "ru", "ltr"]


def test_screenshot_of_the_network(opened: Opened) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "events-network.png"
    shot.unlink(missing_ok=True)
    data = opened.page.locator("#network").screenshot(path=str(shot))
    opened.page.screenshot(path=str(ARTIFACTS / "events-page.png"), full_page=True)
    width, height, pixels = _png_pixels(data)
    assert width > 600 and height > 300
    counts = Counter(pixels)
    # Not blank: labels (anti-aliased glyphs) and lines in several colours on the background.
    background = counts.most_common(1)[0][1]
    assert len(counts) > 50 and len(pixels) - background > 5_000
