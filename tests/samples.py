"""The sample article shared by the suites that script an endpoint, and the model's answer.

Invented (fictional people). ``LISBON_ANSWER`` is the wire answer (``WireOutput``'s shape) a
correct model gives for ``LISBON_ARTICLE``: one held in-person meeting in Lisbon, the Portuguese
host and the Ghanaian guest. Imported as ``samples`` (tests/ is the import base); treat both as
constants, copy before changing. The report's own articles and results are in
``tests/report/samples.py``.
"""

from __future__ import annotations

from typing import Any

LISBON_ARTICLE = "Lisbon - Prime Minister Rui Almeida received President Kwame Asante on Tuesday."
LISBON_ANSWER: dict[str, Any] = {"meetings": [{
    "evidence": "Prime Minister Rui Almeida received President Kwame Asante",
    "status": "held", "modality": "in_person", "date": None, "city": "Lisbon", "country": "PT",
    "participants": [
        {"name": "Rui Almeida", "title": "Prime Minister", "organization": None,
         "country": "PT", "role": "host"},
        {"name": "Kwame Asante", "title": "President", "organization": None,
         "country": "GH", "role": "guest"}],
    "topics": []}]}
