"""What the two pages share: the inlined assets, the template environment, text direction.

Both pages are one self-contained HTML file: styles and script are inlined from the package
(:func:`asset`; ``report.css`` is the stylesheet both start from) and the templates
(``review/page.html.j2``, ``events/page.html.j2``) are filled by one Jinja environment.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from importlib import resources

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from llm_extract.text.countries import country_name

__all__ = ["asset", "direction", "environment"]

_RTL_LANGUAGES = frozenset({"ar", "fa", "he", "iw", "ur", "ps", "yi", "ckb", "sd", "ug", "dv"})


def asset(name: str) -> Markup:
    """A file of the report package (``report.css``, ``review/page.js``...), to inline."""
    # Inlined verbatim: these are our own files, and "</" never occurs in them (checked in tests).
    return Markup(resources.files("llm_extract.report").joinpath(*name.split("/"))
                  .read_text("utf-8"))


def environment() -> Environment:
    """The Jinja environment of both pages (templates named from the report package)."""
    env = Environment(
        loader=PackageLoader("llm_extract.report", "."),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["country"] = lambda code: f"{code} ({country_name(code) or '?'})" if code else ""
    env.filters["label"] = lambda value: str(value).replace("_", " ")
    return env


def direction(language: str | None, text: str | None) -> str:
    """``rtl`` for a right-to-left language, or, without one, for text mostly in RTL letters."""
    if language:
        return "rtl" if language.split("-")[0].lower() in _RTL_LANGUAGES else "ltr"
    counts = Counter(unicodedata.bidirectional(ch) for ch in text or "")
    return "rtl" if counts["R"] + counts["AL"] > counts["L"] else "ltr"
