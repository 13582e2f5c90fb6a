"""Web pages read as articles (llm_extract/text/webpage.py): detection, main text, title, date,
and the typed refusal of a page without an article.

The pages in ``pages/`` were written for these tests; their news, outlets and people are
invented.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import trafilatura
from hypothesis import given, settings
from hypothesis import strategies as st

from llm_extract.errors import InputError, NoArticleError, TextTooLongError
from llm_extract.text import webpage
from llm_extract.text.webpage import MAX_PAGE_CHARS, looks_like_html, read_page

PAGES = Path(__file__).parent / "pages"


def page(name: str) -> str:
    return (PAGES / name).read_text(encoding="utf-8")


# -- detection --------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(p.name for p in PAGES.glob("*.html")))
def test_every_page_is_detected(name: str) -> None:
    assert looks_like_html(page(name))


@pytest.mark.parametrize("text", [
    "<!DOCTYPE html><title>x</title>",
    "\ufeff  <!-- saved from the web --> <html lang=\"en\"><body>x</body></html>",
    '<?xml version="1.0" encoding="utf-8"?>\n<html xmlns="http://www.w3.org/1999/xhtml">',
    "<div class=\"story\"><p>First paragraph.</p><p>Second paragraph.</p></div>",
], ids=["doctype", "bom-comment", "xhtml", "fragment"])
def test_pages_and_fragments_look_like_html(text: str) -> None:
    assert looks_like_html(text)


@pytest.mark.parametrize("text", [
    "Foreign Minister Ana Ruiz met <b>Tomas Berg</b> in Oslo on Monday.",
    "The vote passed 52 < 48 after talks; turnout was <40% in the north.",
    "Engineers said the <script> element had been used to inject the fake statement.",
    "<p>Ana Ruiz met Tomas Berg in Oslo on Monday.</p>",
    "Ana Ruiz <ana@example.org> met Tomas Berg in Oslo <Reuters> on Monday.",
    "html is a markup language; <html> is its root element, the minister's aide said.",
], ids=["stray-b", "less-than", "quoted-tag", "one-paragraph", "angle-addresses", "mention"])
def test_news_text_with_a_stray_tag_is_not_html(text: str) -> None:
    assert not looks_like_html(text)


_word = st.text(alphabet=st.characters(categories=("L", "N")), min_size=1, max_size=12)
_prose = st.lists(_word, min_size=1, max_size=80)
_tag_like = st.sampled_from(["<b>", "</b>", "<p>", "</p>", "<br>", "<div>", "<script>", "<",
                             "<html>", "<!doctype html>", "<Reuters>", "a < b >", "<a href>"])


@settings(max_examples=200, deadline=None)
@given(_prose, st.lists(st.tuples(st.integers(min_value=0), _tag_like), max_size=2))
def test_prose_with_a_couple_of_tag_like_strings_is_never_html(
    words: list[str], tags: list[tuple[int, str]]
) -> None:
    for position, tag in tags:
        words.insert(1 + position % len(words), tag)  # never first: a document starts there
    assert not looks_like_html(" ".join(words))


# -- reading ----------------------------------------------------------------------------------


def test_english_page_main_text_title_and_visible_date() -> None:
    html = page("en_article.html")
    result = read_page(html)

    assert result.text.splitlines() == [
        "Chile and Norway agree on fisheries talks",
        "Chilean Foreign Minister Ana Ruiz met her Norwegian counterpart Tomas Berg in Oslo on "
        "Monday to discuss fishing quotas in the South Pacific.",
        "The two ministers agreed to open formal talks on a joint monitoring scheme before the "
        "end of the year, according to a statement issued after the meeting.",
        "Berg said the agreement showed that distant coastal states could cooperate on shared "
        "stocks, while Ruiz described the visit as a first step.",
    ]
    for boilerplate in ("Business", "Sport", "Privacy policy", "Copyright", "Harbour Courier"):
        assert boilerplate not in result.text
    assert result.title == "Chile and Norway agree on fisheries talks"
    assert result.published == "2024-05-07"  # the byline's <time datetime>
    assert (result.extractor, result.extractor_version) == ("trafilatura", trafilatura.__version__)
    assert result.html_sha256 == hashlib.sha256(html.encode("utf-8")).hexdigest()


def test_german_page_date_only_in_metadata() -> None:
    html = page("de_article.html")
    assert "2024" not in html.split("</head>", 1)[1]  # the body states no date at all
    result = read_page(html)

    assert result.published == "2024-03-12"  # <meta property="article:published_time">
    assert result.text.splitlines()[1] == (
        "Die österreichische Außenministerin Lena Koch hat am Dienstag ihre ungarische "
        "Amtskollegin Mia Sato in Wien empfangen.")
    for boilerplate in ("Politik", "Wirtschaft", "Kultur", "Impressum", "Datenschutz"):
        assert boilerplate not in result.text
    assert result.title == "Außenministerinnen beraten in Wien über Donauschifffahrt"


def test_arabic_rtl_page() -> None:
    result = read_page(page("ar_article.html"))

    assert ("استقبل وزير الخارجية الأردني عمر حداد نظيره المغربي كريم العلوي في عمّان يوم الأحد "
            "لبحث التعاون في مجال المياه.") in result.text.splitlines()
    for boilerplate in ("الرئيسية", "رياضة", "اقتصاد", "جميع الحقوق محفوظة"):
        assert boilerplate not in result.text
    assert result.title == "وزيرا خارجية الأردن والمغرب يجتمعان في عمّان"
    assert result.published == "2024-02-19"


def test_article_buried_in_navigation_ads_and_footers() -> None:
    result = read_page(page("buried.html"))

    lines = result.text.splitlines()
    for sentence in (
        "Portuguese Economy Minister Sara Costa received the Norwegian trade envoy Jon Moe in "
        "Lisbon on Thursday to sign an agreement on container traffic between their ports.",
        "The agreement sets common rules for customs checks and allows shipping companies to "
        "book berths in both countries through a single system, officials said.",
        "Both governments still have to approve the text, which negotiators had been drafting "
        "since last autumn.",
    ):
        assert sentence in lines  # one paragraph per line
    for boilerplate in (
        "Homepage", "Markets overview", "Daily horoscope", "Crosswords", "Subscribe",
        "Sponsored", "Cheap flights", "cookies", "Most read", "Celebrity chef", "luxury cruise",
        "Share on social media", "Related stories", "Harbour strike", "newsletter",
        "Careers", "Seaboard Media", "adSlots", "display", "Europe",
    ):
        assert boilerplate not in result.text, boilerplate
    assert result.published is None  # the page states no date


def _story(head: str = "", body: str = "") -> str:
    return (f"<html><head>{head}</head><body>{body}<article><h1>Talks</h1><p>Ana Ruiz met "
            "Tomas Berg in Oslo to talk about fishing quotas and port fees in the north.</p>"
            "</article></body></html>")


@pytest.mark.parametrize(("html", "published"), [
    (_story('<script type="application/ld+json">{"@type": "NewsArticle", '
            '"datePublished": "2023-11-02T10:00:00Z"}</script>'), "2023-11-02"),
    (_story(body='<p class="byline">Published 7 May 2024</p>'), "2024-05-07"),
    # dates in the prose are the news, not the publication: no guess from them
    (_story(body="<p>The ministers will meet again on 12 June 2024 in Bergen.</p>"), None),
    (_story(body="<p>The dispute began in 2019 over quotas.</p>"), None),
    (_story('<meta property="article:published_time" content="2999-03-12">'), None),  # future
], ids=["json-ld", "byline", "date-in-prose", "bare-year", "future"])
def test_only_a_date_the_page_states_is_taken(html: str, published: str | None) -> None:
    assert read_page(html).published == published


def test_a_bare_fragment_is_read() -> None:
    result = read_page("<p>Ana Ruiz met Tomas Berg in Oslo on Monday for talks on fishing.</p>")
    assert result.text == "Ana Ruiz met Tomas Berg in Oslo on Monday for talks on fishing."
    assert result.title is None and result.published is None


# -- no article -------------------------------------------------------------------------------


MENU = "".join(f'<li><a href="/s{i}">Section number {i} news</a></li>' for i in range(12))


@pytest.mark.parametrize("html", [
    page("no_article.html"),
    page("empty_body.html"),
    page("no_letters.html"),
    "<html><body></body></html>",
    # a menu and one footer line of prose: still no article
    f"<html><body><div><ul>{MENU}</ul></div><p>Atlantic Wire Daily is published by Seaboard "
    "Media Group.</p></body></html>",
    # a list of headlines, each a link
    "<html><body><div>" + "".join(
        f'<h2><a href="/x{i}">Minister number {i} meets counterpart in capital</a></h2>'
        for i in range(8)) + "</div></body></html>",
    # a breadcrumb and tabs: several links on a line
    "<html><body><div>" + " &gt; ".join(f'<a href="/{i}">Crumb {i}</a>' for i in range(5))
    + "</div><div>" + " | ".join(f'<a href="/t{i}">Tab {i}</a>' for i in range(5))
    + "</div></body></html>",
], ids=["menus", "empty-body", "no-letters", "bare", "menu-and-footer", "headlines",
        "breadcrumbs"])
def test_a_page_without_an_article_is_a_typed_error(html: str) -> None:
    with pytest.raises(NoArticleError, match="the page has no article") as caught:
        read_page(html)
    assert isinstance(caught.value, InputError)
    assert caught.value.kind == "no_article"
    assert "World news" not in caught.value.message  # the menu is not quoted back


def test_a_short_article_with_a_few_links_is_still_an_article() -> None:
    html = ("<html><body><article><p>Ana Ruiz met Tomas Berg in Oslo on Monday.</p><ul><li>"
            '<a href="/chile">More on Chile</a></li></ul></article></body></html>')
    assert read_page(html).text.startswith("Ana Ruiz met Tomas Berg in Oslo on Monday.")


def test_parser_errors_are_translated_at_the_boundary(monkeypatch: pytest.MonkeyPatch) -> None:
    from lxml import etree

    def broken(*args: object, **kwargs: object) -> None:
        raise etree.ParserError("Document is empty")

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    with pytest.raises(NoArticleError, match=r"could not be read as HTML \(ParserError: "
                       r"Document is empty\)") as caught:
        read_page(page("en_article.html"))
    assert caught.value.__cause__ is None and caught.value.__suppress_context__


def test_a_very_deep_tree_is_a_typed_error_not_a_crash() -> None:
    deep = "<html><body>" + "<div>" * 100_000 + "<p>Ana Ruiz met Tomas Berg.</p>" + (
        "</div>" * 100_000) + "</body></html>"
    with pytest.raises(NoArticleError):  # lxml gives up on the depth; no RecursionError
        read_page(deep)


def test_an_oversized_page_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def never(html: str) -> None:
        raise AssertionError("parsed")

    monkeypatch.setattr(webpage, "_extract", never)
    with pytest.raises(TextTooLongError, match=f"more than the limit of {MAX_PAGE_CHARS}"):
        read_page("<html>" + "x" * MAX_PAGE_CHARS + "</html>")
