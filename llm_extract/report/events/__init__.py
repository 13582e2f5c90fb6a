"""The events page: the contact network, timeline and events of an ``llm-extract events`` folder.

Layers: :mod:`~llm_extract.report.events.view` reads the folder into what the page shows
(:class:`EventsPage`), :mod:`~llm_extract.report.events.layout` places the network's nodes and
:mod:`~llm_extract.report.events.render` fills ``page.html.j2``. It reads saved events only:
no eval run, batch or model (an import contract in ``pyproject.toml``).
"""

from llm_extract.report.events.render import render_events_report, write_events_report
from llm_extract.report.events.view import EventsPage, is_events_folder, load_events_page

__all__ = [
    "EventsPage",
    "is_events_folder",
    "load_events_page",
    "render_events_report",
    "write_events_report",
]
