"""Web pages through the library and the command line, against the scripted fake endpoint.

A page's main text is what the model reads and what every offset indexes; the result says so
in ``provenance.source``; a page without an article is refused before the endpoint is asked;
text with a stray tag stays text. The pages (``tests/text/pages``) were written for these
tests, their news and people invented.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import json
import sys
from pathlib import Path

import pytest
import trafilatura
from fakes import openai_server as f
from fakes.openai_server import ALLOWED_HOSTS, FakeOpenAI, article_of

from llm_extract import (
    AsyncExtractor,
    ConfigurationError,
    NoArticleError,
    SourceText,
    TextTooLongError,
    aextract_meeting,
    extract_meeting,
    read_page,
)
from llm_extract.cli import main

from ._support import EN_ANSWER, EN_ARTICLE, EN_EVIDENCE, Person, answer, meeting
from .conftest import MakeExtractor, fake_settings

pytestmark = [pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS), pytest.mark.timeout(120)]

PAGES = Path(__file__).resolve().parents[1] / "text" / "pages"
NO_HANG = 5.0  # nothing hangs here: a generous client timeout, so a busy machine retries nothing

EN_PAGE = (PAGES / "en_article.html").read_text(encoding="utf-8")
EN_PAGE_EVIDENCE = ("Chilean Foreign Minister Ana Ruiz met her Norwegian counterpart Tomas Berg "
                    "in Oslo on Monday")
EN_PAGE_ANSWER = answer(meeting(
    EN_PAGE_EVIDENCE, [Person("Ana Ruiz", "CL"), Person("Tomas Berg", "NO")],
    city="Oslo", country="NO", topics=["fishing quotas"],
))
AR_PAGE = (PAGES / "ar_article.html").read_text(encoding="utf-8")
AR_PAGE_EVIDENCE = "استقبل وزير الخارجية الأردني عمر حداد نظيره المغربي كريم العلوي في عمّان"
AR_PAGE_ANSWER = answer(meeting(
    AR_PAGE_EVIDENCE, [Person("عمر حداد", "JO", "host"), Person("كريم العلوي", "MA", "guest")],
    city="Amman", country="JO",
))


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def names(result: object) -> list[str | None]:
    return [p.name for m in result.meetings for p in m.participants]  # type: ignore[attr-defined]


def publication_date(fake: FakeOpenAI) -> str:
    content = fake.chat_requests[0].body["messages"][-1]["content"]
    return str(content).split("Publication date: ", 1)[1].split("\n", 1)[0]


# -- the library --------------------------------------------------------------------------------


def test_a_page_is_read_and_every_offset_indexes_its_main_text(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.ok(EN_PAGE_ANSWER))
    result = make_extractor(recall_passes=0, timeout=NO_HANG).extract(EN_PAGE)

    main_text = read_page(EN_PAGE).text
    sent = article_of(fake.chat_requests[0])
    assert sent.strip() == main_text
    for boilerplate in ("<", "Business", "Sport", "Privacy policy", "Copyright"):
        assert boilerplate not in sent
    assert names(result) == ["Ana Ruiz", "Tomas Berg"]
    record = result.meetings[0]
    assert record.evidence_span is not None
    assert main_text[record.evidence_span.start:record.evidence_span.end] == EN_PAGE_EVIDENCE
    for participant in record.participants:
        assert participant.name_span is not None
        assert main_text[participant.name_span.start:participant.name_span.end] == (
            participant.name)
    p = result.provenance
    assert p.source == SourceText(
        format="html", extractor="trafilatura", extractor_version=trafilatura.__version__,
        text_sha256=sha256(main_text), text_length=len(main_text),
        title="Chile and Norway agree on fisheries talks", page_published="2024-05-07",
        html_sha256=sha256(EN_PAGE),
    )
    assert p.input_sha256 == sha256(EN_PAGE)  # the input as given
    assert p.published == "2024-05-07"  # the page's own date, none given
    assert publication_date(fake) == "2024-05-07"  # and the model was told it


def test_the_callers_publication_date_wins_over_the_pages(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.ok(EN_PAGE_ANSWER))
    result = make_extractor(recall_passes=0, timeout=NO_HANG).extract(
        EN_PAGE, published="2024-05-09")

    assert result.provenance.published == "2024-05-09"
    assert result.provenance.source is not None
    assert result.provenance.source.page_published == "2024-05-07"
    assert publication_date(fake) == "2024-05-09"


def test_an_arabic_page_given_as_bytes_with_format_html(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    fake.script(f.ok(AR_PAGE_ANSWER))
    result = make_extractor(recall_passes=0, timeout=NO_HANG).extract(
        AR_PAGE.encode("utf-8"), format="html")

    assert names(result) == ["عمر حداد", "كريم العلوي"]
    assert result.provenance.language == "ar"
    assert result.provenance.published == "2024-02-19"
    assert "الرئيسية" not in article_of(fake.chat_requests[0])  # the menu stayed behind


@pytest.mark.parametrize("name", ["no_article.html", "empty_body.html", "no_letters.html"])
def test_a_page_without_an_article_is_refused_before_the_endpoint_is_asked(
    fake: FakeOpenAI, make_extractor: MakeExtractor, name: str
) -> None:
    html = (PAGES / name).read_text(encoding="utf-8")
    with pytest.raises(NoArticleError, match="the page has no article") as caught:
        make_extractor().extract(html)
    assert caught.value.kind == "no_article"
    assert fake.requests == []  # not even the endpoint probe


def test_text_with_a_stray_tag_stays_text(fake: FakeOpenAI, make_extractor: MakeExtractor) -> None:
    text = EN_ARTICLE + " Officials called the visit a <b>breakthrough</b>."
    fake.script(f.ok(EN_ANSWER))
    result = make_extractor(recall_passes=0, timeout=NO_HANG).extract(text)

    assert result.provenance.source is None
    assert result.provenance.input_sha256 == sha256(text)
    assert article_of(fake.chat_requests[0]).strip() == text
    span = result.meetings[0].participants[1].name_span
    assert span is not None and text[span.start:span.end] == "Omar Khatib"


def test_max_text_chars_bounds_the_pages_article_not_its_html(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    main_text = read_page(EN_PAGE).text
    assert len(main_text) < 600 < len(EN_PAGE)
    fake.script(f.ok(EN_PAGE_ANSWER))
    result = make_extractor(recall_passes=0, timeout=NO_HANG, max_text_chars=600).extract(EN_PAGE)
    assert result.provenance.source is not None

    with pytest.raises(TextTooLongError):
        make_extractor(max_text_chars=len(main_text) - 1).extract(EN_PAGE)
    assert len(fake.chat_requests) == 1  # the refused page cost no call


def test_an_unknown_format_is_a_configuration_error(make_extractor: MakeExtractor) -> None:
    with pytest.raises(ConfigurationError, match="format must be one of auto, text, html"):
        make_extractor().extract(EN_PAGE, format="pdf")  # type: ignore[arg-type]


def test_extract_meeting_and_the_asyncio_face_forward_the_format(fake: FakeOpenAI) -> None:
    settings = fake_settings(fake, recall_passes=0, timeout=NO_HANG)
    fake.script(f.ok(EN_PAGE_ANSWER), f.ok(EN_PAGE_ANSWER), f.ok(EN_PAGE_ANSWER))

    forced = extract_meeting(EN_PAGE, settings=settings, format="text")
    assert forced.provenance.source is None  # the HTML itself was the article
    assert "<article>" in article_of(fake.chat_requests[0])

    async def run() -> tuple[object, object]:
        async with AsyncExtractor(settings) as extractor:
            page = await extractor.aextract(EN_PAGE)
        return page, await aextract_meeting(EN_PAGE, settings=settings, format="html")

    page, also = asyncio.run(run())
    for result in (page, also):
        assert result.provenance.source is not None  # type: ignore[attr-defined]
        assert result.provenance.source.page_published == "2024-05-07"  # type: ignore[attr-defined]


# -- the command line ---------------------------------------------------------------------------


def _extract_args(fake: FakeOpenAI, path: str) -> list[str]:
    return ["extract", path, "--base-url", fake.url + "/v1", "--model", "fake", "--mode",
            "json_schema", "--timeout", str(NO_HANG), "--recall-passes", "0"]


def test_cli_extract_reads_a_page_file(
    fake: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "page.html"
    path.write_text(EN_PAGE, encoding="utf-8")
    fake.script(f.ok(EN_PAGE_ANSWER))

    assert main(_extract_args(fake, str(path))) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["provenance"]["source"]["format"] == "html"
    assert result["provenance"]["source"]["text_sha256"] == sha256(read_page(EN_PAGE).text)
    assert result["meetings"][0]["evidence"] == EN_PAGE_EVIDENCE


def test_cli_extract_format_text_keeps_the_html(
    fake: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "page.html"
    path.write_text(EN_PAGE, encoding="utf-8")
    fake.script(f.ok(EN_PAGE_ANSWER))

    assert main([*_extract_args(fake, str(path)), "--format", "text"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["provenance"]["source"] is None
    span = result["meetings"][0]["evidence_span"]
    assert EN_PAGE[span["start"]:span["end"]] == EN_PAGE_EVIDENCE


def test_cli_extract_detects_a_page_on_stdin(
    fake: FakeOpenAI, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(EN_PAGE.encode("utf-8"))))
    fake.script(f.ok(EN_PAGE_ANSWER))

    assert main(_extract_args(fake, "-")) == 0
    assert json.loads(capsys.readouterr().out)["provenance"]["source"]["title"] == (
        "Chile and Norway agree on fisheries talks")


def test_cli_extract_takes_an_html_file_for_a_page_even_as_a_bare_fragment(
    fake: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fragment = f"<p>{EN_EVIDENCE}.</p>"
    path = tmp_path / "fragment.htm"
    path.write_text(fragment, encoding="utf-8")
    fake.script(f.ok(EN_ANSWER))

    assert main(_extract_args(fake, str(path))) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["provenance"]["source"]["text_length"] == len(EN_EVIDENCE) + 1
    assert "<p>" not in article_of(fake.chat_requests[0])


def test_cli_extract_page_without_an_article_exits_2_with_one_line(
    fake: FakeOpenAI, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "menus.html"
    path.write_bytes((PAGES / "no_article.html").read_bytes())

    assert main(_extract_args(fake, str(path))) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("llm-extract: no_article: the page has no article: ")
    assert captured.err.count("\n") == 1
    assert fake.requests == []
