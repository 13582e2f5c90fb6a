"""Long documents (issue #15): read in overlapping windows over a real local HTTP endpoint.

The document is written here (invented names, one contact per paragraph plus filler), 200,000
characters long: far beyond what one model call reads. The fake endpoint answers each window
with every contact its text states, as a perfect model would, including the contacts of the
overlap it repeats from the previous window. What must come out: each contact exactly once,
offsets into the whole document, one request per window.
"""

from __future__ import annotations

import json
import re

import pytest
from fakes import openai_server as f
from fakes.openai_server import ALLOWED_HOSTS, FakeOpenAI, RecordedRequest

from llm_extract.errors import TextTooLongError
from llm_extract.text.article import Article, readings

from .conftest import MakeExtractor

pytestmark = [pytest.mark.block_network(allowed_hosts=ALLOWED_HOSTS), pytest.mark.timeout(120)]

_CONTACT = re.compile(
    r"Minister (Alpha\d{4} Ferreira\d{4}) met Envoy (Beta\d{4} Okafor\d{4}) in Lisbon")
_FILLER = (" The two sides reviewed cooperation in ports, fisheries and shipping."
           " Officials said further rounds would follow."
           " The ministry published a short statement afterwards.")


def _document(target_chars: int) -> tuple[str, int]:
    paragraphs = []
    size = 0
    while size < target_chars:
        i = len(paragraphs)
        paragraph = (f"On day {i}, Minister Alpha{i:04d} Ferreira{i:04d} met Envoy "
                     f"Beta{i:04d} Okafor{i:04d} in Lisbon.{_FILLER}")
        paragraphs.append(paragraph)
        size += len(paragraph) + 2
    return "\n".join(paragraphs), len(paragraphs)


# The window tests are about windows and offsets, not timeouts: the fixture's 0.5 s client
# timeout made one of ~150 loopback requests time out on a loaded machine (a retry then found
# the fake's script used up), so they wait as long as a real client would.
_NO_HURRY = 30.0


def _perfect_reader() -> f.Behaviour:
    """Answers a window with every contact its text states."""

    def respond(handler: f._Handler, request: RecordedRequest) -> None:
        window = f.article_of(request)
        meetings = [{
            "evidence": m.group(0), "status": "held", "modality": "in_person", "date": None,
            "city": "Lisbon", "country": "PT", "topics": [],
            "participants": [
                {"name": m.group(1), "title": "Minister", "organization": None,
                 "country": None, "role": "host"},
                {"name": m.group(2), "title": "Envoy", "organization": None,
                 "country": None, "role": "guest"}],
        } for m in _CONTACT.finditer(window)]
        body = f.completion(json.dumps({"meetings": meetings}))
        handler.send_json(200, body)

    return f.Behaviour("perfect-reader", respond)


def test_a_200000_character_document_gives_every_contact_once_with_exact_offsets(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    text, contacts = _document(200_000)
    extractor = make_extractor(recall_passes=0, repairs=False, timeout=_NO_HURRY)
    windows = readings(Article(text), extractor.settings.window_chars,
                       extractor.settings.window_overlap_chars)
    assert len(windows) > 50 and all(w.lo < w.core for w in windows[1:])  # overlapping
    fake.script(*[_perfect_reader() for _ in windows])

    result = extractor.extract(text)

    assert len(fake.chat_requests) == len(windows) and fake.unscripted == 0
    names = [m.participants[0].name for m in result.meetings]
    # once each, in order
    assert names == [f"Alpha{i:04d} Ferreira{i:04d}" for i in range(contacts)]
    for meeting in result.meetings:
        ev = meeting.evidence_span
        assert ev is not None and _CONTACT.fullmatch(text[ev.start:ev.end])
        for person in meeting.participants:
            span = person.name_span
            assert span is not None and text[span.start:span.end] == person.name
            assert ev.start <= span.start and span.end <= ev.end  # this paragraph's names


def test_the_default_pipeline_reads_a_long_document_with_its_rules_on(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    """The same with the repair rules and the recall pass on (the defaults): contacts are
    distinct people, so none is merged away; a re-read the fake is not scripted for would
    surface as an unscripted request."""
    text, contacts = _document(30_000)
    extractor = make_extractor(timeout=_NO_HURRY)
    windows = readings(Article(text), extractor.settings.window_chars,
                       extractor.settings.window_overlap_chars)
    fake.script(*[_perfect_reader() for _ in range(len(windows) * 2)])

    result = extractor.extract(text)

    assert len({m.participants[0].name for m in result.meetings}) == contacts
    assert len(result.meetings) == contacts


def test_the_safety_cap_still_refuses_before_any_call(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    text, _ = _document(5_000)
    try:
        make_extractor(max_text_chars=4_000).extract(text)
    except TextTooLongError as exc:
        assert "max_text_chars" in exc.message and str(len(text)) in exc.message
    else:
        raise AssertionError("a text over the cap was accepted")
    assert fake.chat_requests == []


def test_a_round_up_in_two_languages_is_read_with_every_languages_cues(
    fake: FakeOpenAI, make_extractor: MakeExtractor
) -> None:
    """Detected on the whole text, one language's cue tables would read the other's
    sentences; a document whose windows are in different languages uses them all."""
    english, _ = _document(4_000)
    french = "\n\n".join(
        f"Le jour {i}, la ministre Claire Dubois{i:02d} a reçu l'envoyé Marc Lefèvre{i:02d} à "
        "Lyon. Les deux parties ont examiné la coopération portuaire et la pêche. Le ministère "
        "a publié un court communiqué après la rencontre." for i in range(20))
    extractor = make_extractor(recall_passes=0, repairs=False, timeout=_NO_HURRY)
    for text, language in ((english + "\n\n" + french, None), (english, "en")):
        windows = readings(Article(text), extractor.settings.window_chars,
                           extractor.settings.window_overlap_chars)
        assert len(windows) > 1
        fake.script(*[_perfect_reader() for _ in windows])
        result = extractor.extract(text)
        assert result.provenance.language == language
