"""The page in a real browser: headless Debian Chromium driven by Playwright.

These tests check what only a browser can: that the script runs without errors, that each
highlight read back from the DOM is exactly the source substring at its code-point offsets
(emoji and harakat included), that the Arabic article is laid out right to left, and that the
filters hide and show articles. Playwright comes with the dev extra; Chromium is Debian's,
installed by ``scripts/install-browser.sh`` (the README's test command runs it). Without it the
tests skip, saying why, except where ``CI`` is set: there they fail. Playwright's own browser
download is never used.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import BrowserContext, Page, sync_playwright

from llm_extract.report import load, write_report
from llm_extract.report.review.view import ArticleView, build_article

from . import samples as s

CHROMIUM = Path(os.environ.get("LLM_EXTRACT_CHROMIUM", "/usr/bin/chromium"))
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BrowserContext]:
    if not CHROMIUM.is_file():
        problem = (f"no Chromium at {CHROMIUM} (scripts/install-browser.sh installs it, "
                   "or set LLM_EXTRACT_CHROMIUM)")
        if os.environ.get("CI"):  # the README's test command installs it: CI never skips
            pytest.fail(problem)
        pytest.skip(problem)
    profile = tmp_path_factory.mktemp("chromium-profile")  # a fresh user-data-dir
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(profile), executable_path=str(CHROMIUM), headless=True, args=ARGS,
            viewport={"width": 1400, "height": 1000}, offline=True,
        )
        context.set_default_timeout(15_000)
        yield context
        context.close()


class Opened:
    """A loaded page with the console errors and uncaught exceptions seen while loading it."""

    def __init__(self, context: BrowserContext, html_file: Path) -> None:
        self.errors: list[str] = []
        self.page: Page = context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error"
                     else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.goto(html_file.as_uri())
        self.page.wait_for_load_state("load")

    def js(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)


@pytest.fixture
def run_views(run_dir: Path) -> list[ArticleView]:
    return [build_article(a, i) for i, a in enumerate(load(run_dir).articles)]


@pytest.fixture
def run_page(browser: BrowserContext, run_dir: Path, tmp_path: Path) -> Iterator[Opened]:
    out = tmp_path / "report.html"
    write_report(load(run_dir), out)
    opened = Opened(browser, out)
    yield opened
    opened.page.close()


_READ_MARKS = """(id) => Array.from(document.querySelectorAll('#' + id + ' .text mark[data-hl]'))
  .map(m => [m.dataset.hl, +m.dataset.start, +m.dataset.end, m.textContent])"""


def test_loads_without_console_errors(run_page: Opened, browser: BrowserContext,
                                      batch_file: Path, single_files: tuple[Path, Path],
                                      tmp_path: Path) -> None:
    assert run_page.errors == []
    assert run_page.js("document.querySelectorAll('article.doc').length") == 4
    for name, data in [("b.html", load(batch_file)),
                       ("s.html", load(single_files[0], text_file=single_files[1]))]:
        write_report(data, tmp_path / name)
        other = Opened(browser, tmp_path / name)
        assert other.errors == [], name
        other.page.close()


def test_highlights_equal_source_substrings(run_page: Opened,
                                            run_views: list[ArticleView]) -> None:
    checked = 0
    for i, view in enumerate(run_views):
        text = view.article.text
        assert text is not None
        assert run_page.js(f"document.querySelector('#doc-{i} .text').textContent") == text
        pieces: dict[str, str] = {}
        for key, start, end, content in run_page.js(_READ_MARKS, f"doc-{i}"):
            pieces[key] = pieces.get(key, "") + content
            expected = next(h for h in view.highlights if h.key == key)
            assert (start, end) == (expected.start, expected.end)
        assert set(pieces) == {h.key for h in view.highlights}
        for h in view.highlights:
            assert pieces[h.key] == text[h.start:h.end], h.key
            checked += 1
    assert checked >= 20
    # The cases that drift when offsets are counted in UTF-16 or without combining marks:
    names = run_page.js("Array.from(document.querySelectorAll('#doc-2 .text mark.hl-name'))"
                        ".map(m => m.textContent)")
    assert names[:2] == ["Zoe\u0308 Dupont", "Ana Silva"]
    ar = run_page.js("Array.from(document.querySelectorAll('#doc-0 .text mark.hl-name'))"
                     ".map(m => m.textContent)")
    assert ar[0] == "سَامِر الحَدِيدِيّ" and "John Carter" in ar


def test_rtl_layout(run_page: Opened) -> None:
    style = """(sel) => { const el = document.querySelector(sel); const cs = getComputedStyle(el);
      return [el.getAttribute('dir'), el.getAttribute('lang'), cs.direction, cs.textAlign]; }"""
    assert run_page.js(style, "#doc-0 .text") == ["rtl", "ar", "rtl", "right"]
    assert run_page.js(style, "#doc-3 .text") == ["rtl", "ar", "rtl", "right"]
    en = run_page.js(style, "#doc-1 .text")
    assert en[:3] == ["ltr", "en", "ltr"] and en[3] in {"start", "left"}
    # Laid out, not just labelled: the first letter of the Arabic text sits at the right edge.
    first = run_page.js("""() => { const block = document.querySelector('#doc-0 .text');
      const r = document.createRange(); r.setStart(block.firstChild, 0);
      r.setEnd(block.firstChild, 1); const box = block.getBoundingClientRect();
      return [r.getBoundingClientRect().right, box.left, box.right]; }""")
    right, left_edge, right_edge = first
    assert right > (left_edge + right_edge) / 2
    assert run_page.js("getComputedStyle(document.querySelector('#doc-0 bdi.name'))"
                       ".unicodeBidi") == "isolate"


def _visible(page: Opened) -> list[str]:
    ids: list[str] = page.js("Array.from(document.querySelectorAll('article.doc'))"
                   ".filter(d => !d.hidden && d.offsetParent !== null)"
                   ".map(d => d.querySelector('h2').textContent)")
    return ids


def test_filters_hide_and_show(run_page: Opened) -> None:
    page = run_page.page
    every = [s.AR_ID, s.EN_ID, s.EMOJI_ID, s.ERR_ID]
    assert _visible(run_page) == every
    page.select_option("#f-lang", "ar")
    assert _visible(run_page) == [s.AR_ID, s.ERR_ID]
    assert page.inner_text("#f-count") == "2 of 4 articles"
    page.select_option("#f-lang", "")
    page.select_option("#f-status", "postponed")
    assert _visible(run_page) == [s.EN_ID]
    page.select_option("#f-status", "")
    page.check("#f-error")
    assert _visible(run_page) == [s.ERR_ID]
    page.uncheck("#f-error")
    page.check("#f-mistake")
    assert _visible(run_page) == [s.AR_ID, s.EN_ID, s.EMOJI_ID]
    page.select_option("#f-lang", "ar")
    assert _visible(run_page) == [s.AR_ID]
    page.uncheck("#f-mistake")
    page.select_option("#f-lang", "")
    assert _visible(run_page) == every
    assert run_page.errors == []


def test_hovering_a_card_lights_its_highlights(run_page: Opened) -> None:
    card = run_page.page.locator("#doc-0 .card.pred").first
    card.hover()
    active = run_page.js("Array.from(document.querySelectorAll('#doc-0 mark.active'))"
                         ".map(m => m.dataset.hl)")
    assert set(active) == {"a0-pred1-ev", "a0-pred1-p0", "a0-pred1-p1"}


def _png_pixels(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the pixels (one ``bytes`` each) of an 8-bit RGB/RGBA PNG, decoded
    with the stdlib (zlib and the five PNG row filters), so nothing but the file is trusted."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, header = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, chunk = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        pos += 12 + length
        if kind == b"IHDR":
            header = chunk
        elif kind == b"IDAT":
            idat += chunk
    width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", header)
    assert depth == 8 and colour in (2, 6) and interlace == 0, (depth, colour, interlace)
    bpp = 3 if colour == 2 else 4
    stride = width * bpp
    raw = zlib.decompress(idat)
    assert len(raw) == height * (stride + 1)
    previous = bytearray(stride)
    pixels: list[bytes] = []
    for y in range(height):
        kind = raw[y * (stride + 1)]
        row = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = row[i - bpp] if i >= bpp else 0
            up = previous[i]
            corner = previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                row[i] = (row[i] + left) & 0xFF
            elif kind == 2:
                row[i] = (row[i] + up) & 0xFF
            elif kind == 3:
                row[i] = (row[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else up if pb <= pc else corner
                row[i] = (row[i] + pred) & 0xFF
            else:
                assert kind == 0, f"unknown PNG filter {kind}"
        pixels.extend(bytes(row[x:x + bpp]) for x in range(0, stride, bpp))
        previous = row
    return width, height, pixels


def test_screenshot_of_arabic_article(run_page: Opened, run_views: list[ArticleView]) -> None:
    page = run_page.page
    # What the screenshot shows is the Arabic article laid out right to left...
    block = "#doc-0 .text"
    assert run_page.js(f"getComputedStyle(document.querySelector('{block}')).direction") == "rtl"
    # ...with each highlight's text exactly the source slice it claims to mark.
    view = run_views[0]
    text = view.article.text
    assert text is not None
    pieces: dict[str, str] = {}
    for key, _, _, content in run_page.js(_READ_MARKS, "doc-0"):
        pieces[key] = pieces.get(key, "") + content
    assert pieces, "no highlight in the Arabic article"
    assert pieces == {h.key: text[h.start:h.end] for h in view.highlights}

    ARTIFACTS.mkdir(exist_ok=True)
    article = ARTIFACTS / "report-arabic-article.png"
    full = ARTIFACTS / "report-eval-run.png"
    for old in (article, full):
        old.unlink(missing_ok=True)
    shot = page.locator("#doc-0").screenshot(path=str(article))
    page.screenshot(path=str(full), full_page=True)
    assert article.read_bytes() == shot and full.stat().st_size > 10_000

    # Not blank: the element's box in size, and text (anti-aliased glyphs in several colours,
    # the highlight backgrounds) rather than one flat colour.
    box = page.locator("#doc-0").bounding_box()
    assert box is not None
    width, height, pixels = _png_pixels(shot)
    # (the clip is the box rounded out to whole pixels)
    assert abs(width - box["width"]) < 2 and abs(height - box["height"]) < 2, (width, height)
    counts = Counter(pixels)
    assert len(counts) > 50, f"only {len(counts)} distinct colours: a blank screenshot"
    background = counts.most_common(1)[0][1]
    assert background < 0.97 * len(pixels), "the screenshot is almost one colour"
