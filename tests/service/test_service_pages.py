"""``POST /v1/extract`` with a web page: ``html`` instead of ``text`` (exactly one), a page
without an article is a 422 ``no_article``, and the body cap bounds the HTML.

The pages (``tests/text/pages``) were written for these tests, their news invented.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from fakes import openai_server as f
from fakes.openai_server import FakeOpenAI
from fastapi import FastAPI

from llm_extract import read_page
from llm_extract.schema import ExtractionResult
from llm_extract.service import ExtractorPool, ServiceSettings, create_app
from llm_extract.settings import Settings

from .service_helpers import LOOPBACK, Factory, FakeExtractor, RunningServer, error_of

pytestmark = [LOOPBACK, pytest.mark.timeout(120)]

Serve = Callable[[FastAPI], RunningServer]
PAGES = Path(__file__).resolve().parents[1] / "text" / "pages"
EN_PAGE = (PAGES / "en_article.html").read_text(encoding="utf-8")
MENUS = (PAGES / "no_article.html").read_text(encoding="utf-8")
EVIDENCE = ("Chilean Foreign Minister Ana Ruiz met her Norwegian counterpart Tomas Berg in Oslo "
            "on Monday")
ANSWER = {"meetings": [{
    "evidence": EVIDENCE, "status": "held", "modality": "in_person", "date": None,
    "city": "Oslo", "country": "NO", "topics": [],
    "participants": [{"name": name, "title": "Foreign Minister", "organization": None,
                      "country": country, "role": "participant"}
                     for name, country in (("Ana Ruiz", "CL"), ("Tomas Berg", "NO"))],
}]}


def test_html_is_passed_to_the_extractor_as_a_page(serve: Serve) -> None:
    fake = FakeExtractor()
    server = serve(create_app(Factory(fake), ServiceSettings()))
    with server.client() as client:
        page = client.post("/v1/extract", json={"html": EN_PAGE, "published": "2024-05-09"})
        text = client.post("/v1/extract", json={"text": "Ana Ruiz met Tomas Berg in Oslo."})
    assert (page.status_code, text.status_code) == (200, 200)
    assert [call["text"] for call in fake.calls] == [EN_PAGE, "Ana Ruiz met Tomas Berg in Oslo."]
    assert fake.calls[0]["published"] == "2024-05-09"
    assert fake.formats == ["html", "auto"]


@pytest.mark.parametrize("body", [
    {"text": "Ana Ruiz met Tomas Berg.", "html": EN_PAGE},
    {"published": "2024-05-09"},
    {"text": None, "html": None},
], ids=["both", "neither", "both-null"])
def test_exactly_one_of_text_and_html(serve: Serve, body: dict[str, object]) -> None:
    fake = FakeExtractor()
    server = serve(create_app(Factory(fake), ServiceSettings()))
    with server.client() as client:
        response = client.post("/v1/extract", json=body)
    assert response.status_code == 422
    error = error_of(response)
    assert error["kind"] == "invalid_request"
    assert "give exactly one of text and html" in error["message"]
    assert fake.calls == []


def test_the_body_cap_bounds_the_html_and_max_text_chars_the_text(serve: Serve) -> None:
    fake = FakeExtractor()
    settings = ServiceSettings(max_body_bytes=len(EN_PAGE) + 1_000, max_text_chars=200)
    server = serve(create_app(Factory(fake), settings))
    with server.client() as client:
        page = client.post("/v1/extract", json={"html": EN_PAGE})  # longer than 200: a page
        huge = client.post("/v1/extract", json={"html": EN_PAGE + " " * 2_000})
        text = client.post("/v1/extract", json={"text": "x" * 201})
    assert page.status_code == 200
    assert (huge.status_code, error_of(huge)["kind"]) == (413, "body_too_large")
    assert (text.status_code, error_of(text)["kind"]) == (413, "text_too_long")
    assert fake.formats == ["html"]


def test_a_page_through_the_real_extractor(serve: Serve, fake: FakeOpenAI) -> None:
    fake.script(f.ok(ANSWER))
    settings = Settings(base_url=fake.url + "/v1", model="fake", mode="json_schema",
                        timeout=5.0, recall_passes=0, max_reasks=0)
    server = serve(create_app(ExtractorPool(settings), ServiceSettings()))
    with server.client() as client:
        ok = client.post("/v1/extract", json={"html": EN_PAGE})
        menus = client.post("/v1/extract", json={"html": MENUS})

    assert ok.status_code == 200
    result = ExtractionResult.model_validate(ok.json())
    assert result.provenance.source is not None
    assert result.provenance.source.text_length == len(read_page(EN_PAGE).text)
    assert result.provenance.published == "2024-05-07"
    assert result.meetings[0].evidence == EVIDENCE
    assert menus.status_code == 422
    error = error_of(menus)
    assert error["kind"] == "no_article" and error["type"] == "NoArticleError"
    assert error["message"].startswith("the page has no article")
    assert len(fake.chat_requests) == 1  # the menus cost no model call
