"""Render an events folder as one self-contained HTML page (the contact network).

Like the review page, everything is inlined (styles, script, data) so the file opens offline;
the shared stylesheet is reused and the page's own rules and script are added after it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from markupsafe import Markup

from llm_extract._io import write_atomic
from llm_extract.report._page import asset, environment
from llm_extract.report.events.view import MEDIA, EventsPage, data_json, load_events_page

__all__ = ["render_events_report", "write_events_report"]


def render_events_report(page: EventsPage, title: str | None = None) -> str:
    """The whole page as a string."""
    template = environment().get_template("events/page.html.j2")
    return template.render(
        title=title or f"llm-extract events: {page.folder.name}", page=page, media=MEDIA,
        generated=dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        css=Markup(asset("report.css") + "\n" + asset("events/page.css")),
        js=asset("events/page.js"), data=Markup(data_json(page)),
    )


def write_events_report(folder: Path, output: Path, title: str | None = None) -> EventsPage:
    """Read the events folder and write its page as UTF-8."""
    page = load_events_page(folder)
    write_atomic(output, render_events_report(page, title).encode("utf-8", errors="replace"))
    return page
