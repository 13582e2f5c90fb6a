"""Web pages read as articles: the main text of an HTML page, its title and its date.

Why trafilatura: a news page is mostly not its article (menus, teasers, cookie banners, ads,
related links, footers), and a 1.5B model that reads all of it finds "meetings" in the
teasers and wastes its context on the rest. trafilatura (maintained, no network, no model)
keeps the article's paragraphs and drops the boilerplate; lxml parses, htmldate finds the date.

What :func:`read_page` guarantees:

* ``text`` is the main text, one paragraph (heading, list item, table row) per line. It is what
  the model reads and what every offset of a result indexes, so it is returned as trafilatura
  extracts it, only stripped at both ends.
* ``published`` is a date the page *states* (``article:published_time`` and other metadata,
  JSON-LD, a ``<time>`` element, a dated byline), as ``YYYY-MM-DD``, or None. htmldate's
  "extensive search" is off: it would take any date in the prose ("talks on 12 June") or turn
  a bare year into 1 January, and a wrong publication date misplaces every "on Monday".
* A page without an article raises :class:`~llm_extract.errors.NoArticleError` and never hands
  its menus over as if they were one: nothing extracted (an empty body, a script-only app
  shell); a main text without a letter; a main text of link labels only (trafilatura's
  fallbacks return a menu page's links when they find nothing else), or with less prose than
  links and under 200 letters of it (a menu and a footer line).
* Every error of trafilatura or lxml (a page lxml cannot parse, a tree too deep) is translated
  here, at this one boundary, into that typed error.

trafilatura is imported on first use: importing this module costs nothing.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass
from typing import Any

from llm_extract.errors import NoArticleError, TextTooLongError

__all__ = ["EXTRACTOR", "MAX_PAGE_CHARS", "Page", "looks_like_html", "read_page"]

EXTRACTOR = "trafilatura"

MAX_PAGE_CHARS = 5_000_000
"""A longer HTML document is refused (TextTooLongError) before it is parsed. Pages are much
larger than their articles (10 to 50 times is common), so this is not ``max_text_chars``,
which bounds the article text the model reads."""

# -- detection ------------------------------------------------------------------------------

_PEEK = 8192  # detection looks at the start of the input only

# A document start: optional BOM, XML declaration and comments, then a doctype or <html>.
_DOCUMENT_START = re.compile(
    r"\A\ufeff?\s*(?:<\?xml[^>]{0,200}\?>\s*)?(?:<!--.*?-->\s*)*"
    r"<(?:!doctype\s+html\b|html[\s>])",
    re.IGNORECASE | re.DOTALL,
)
# Structural tags of a page (opening or closing, attributes allowed). Inline tags a news text
# may quote or carry as stray markup (<b>, <i>, <em>) do not count.
_STRUCTURAL_TAG = re.compile(
    r"</?(html|head|body|title|meta|link|script|style|div|p|br|hr|h[1-6]|ul|ol|li|table|tr|td"
    r"|th|article|section|nav|header|footer|main|aside|figure|span|a|img|form|iframe|noscript)"
    r"(?=[\s/>])[^<>]{0,1000}>",
    re.IGNORECASE,
)
_MIN_TAGS = 4
_MIN_TAG_NAMES = 2


def looks_like_html(text: str) -> bool:
    """Whether ``text`` is an HTML page (or a fragment of one) rather than article text.

    True for a document that starts with a doctype or ``<html>``, and for markup with at least
    four structural tags of at least two kinds near its start (``<div><p>…</p></div>``). False
    for prose with a ``<``, a quoted tag (``the <script> element``) or a stray ``<b>``.
    """
    head = text[:_PEEK]
    if _DOCUMENT_START.match(head):
        return True
    names = [m.group(1).lower() for m in _STRUCTURAL_TAG.finditer(head)]
    return len(names) >= _MIN_TAGS and len(set(names)) >= _MIN_TAG_NAMES


# -- reading --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Page:
    """The article of a web page, and how it was drawn from the HTML."""

    text: str
    title: str | None
    published: str | None  # YYYY-MM-DD, as the page states it
    extractor: str
    extractor_version: str
    html_sha256: str  # of the HTML as given, UTF-8


_ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _day(value: object) -> str | None:
    """``value`` if it is a real YYYY-MM-DD day, else None."""
    if not isinstance(value, str) or not _ISO_DAY.match(value.strip()):
        return None
    try:
        return dt.date.fromisoformat(value.strip()).isoformat()
    except ValueError:
        return None


def _link_labels(tree: Any) -> list[str]:
    """The visible labels of the page's links, whitespace-folded, longest first."""
    labels: set[str] = set()
    for anchor in tree.iter("a"):
        label = " ".join(anchor.text_content().split())
        if len(label) >= 2 and any(ch.isalpha() for ch in label):
            labels.add(label)
    return sorted(labels, key=len, reverse=True)


_ENOUGH_PROSE = 200  # letters of prose that make a page an article whatever its links


def _letters(text: str) -> int:
    return sum(ch.isalpha() for ch in text)


def _is_links(line: str, labels: list[str], whole: set[str]) -> bool:
    """Whether ``line`` is made of link labels alone (a menu row, a breadcrumb, a headline)."""
    rest = " ".join(line.split())
    if rest in whole:
        return True
    for label in labels:
        if label in rest:
            rest = rest.replace(label, " ")
    return _letters(rest) == 0


def _mostly_links(text: str, labels: list[str]) -> bool:
    """Whether ``text`` is navigation rather than an article: no line of prose at all (every
    line with a letter is link labels), or a little prose (a footer line) under more links."""
    whole = set(labels)
    prose = links = 0
    for line in text.splitlines():
        letters = _letters(line)
        if not letters:
            continue
        if _is_links(line, labels, whole):
            links += letters
        else:
            prose += letters
            if prose >= _ENOUGH_PROSE:
                return False
    return prose == 0 or links > prose


def _wrapped(html: str) -> str:
    """A bare fragment inside ``<html><body>``: trafilatura refuses a fragment whose start does
    not say "html" and that parses to a single element."""
    start = html[:_PEEK].lower()
    if "<html" in start or "<body" in start:
        return html
    return f"<html><body>{html}</body></html>"


def _extract(html: str) -> tuple[Any, list[str]]:
    """trafilatura's document for ``html`` (None: nothing found) and the page's link labels;
    the one place that calls trafilatura and lxml."""
    import trafilatura  # here, not at the top: importing the library stays fast

    tree = trafilatura.load_html(_wrapped(html))
    if tree is None:
        return None, []
    document = trafilatura.bare_extraction(
        tree,
        with_metadata=True,
        include_comments=False,  # readers' comments are not the article
        include_tables=True,
        include_images=False,
        include_links=False,
        date_extraction_params={
            "original_date": True,  # the publication date, not the last update
            "extensive_search": False,  # only dates the page states as its own (module doc)
            "max_date": dt.date.today().isoformat(),
        },
    )
    return document, _link_labels(tree)


def extractor_version() -> str:
    """The installed trafilatura's version (recorded in provenance: another version may draw
    a different text from the same HTML, and the offsets index that text)."""
    import trafilatura

    return str(trafilatura.__version__)


def read_page(html: str) -> Page:
    """The article of the web page ``html``; raises NoArticleError when it has none.

    Raises:
        TextTooLongError: ``html`` has more than :data:`MAX_PAGE_CHARS` characters.
        NoArticleError: no article text in the page, or the page could not be parsed.
    """
    if len(html) > MAX_PAGE_CHARS:
        raise TextTooLongError(
            f"the page has {len(html)} characters of HTML, more than the limit of "
            f"{MAX_PAGE_CHARS} for a web page")
    digest = hashlib.sha256(html.encode("utf-8", "surrogatepass")).hexdigest()
    try:
        document, labels = _extract(html)
    except Exception as exc:  # lxml and trafilatura errors, RecursionError on a deep tree
        problem = " ".join(str(exc).split())[:200] or "no message"
        raise NoArticleError(
            f"the page could not be read as HTML ({type(exc).__name__}: {problem})") from None
    text = (getattr(document, "text", None) or "").strip()
    if not text:
        raise NoArticleError(
            "the page has no article: no main text was found in its HTML (an empty body, "
            "only scripts, or only markup)")
    if not any(ch.isalpha() for ch in text):
        raise NoArticleError("the page has no article: its main text has no letters")
    if _mostly_links(text, labels):
        raise NoArticleError(
            "the page has no article: its main text is link labels (a menu, a list of "
            "headlines) with little or no prose")
    title = " ".join((getattr(document, "title", None) or "").split()) or None
    return Page(
        text=text,
        title=title,
        published=_day(getattr(document, "date", None)),
        extractor=EXTRACTOR,
        extractor_version=extractor_version(),
        html_sha256=digest,
    )
