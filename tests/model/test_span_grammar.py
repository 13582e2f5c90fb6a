"""Evidence and names written as spans of the text: what the span grammar accepts and refuses.

The span rules are a regular language (chains of literals with optional tails, no recursion),
so the test turns them into a Python regular expression and asks it the questions llama.cpp's
grammar sampler answers while the model writes: may this JSON string be the evidence, the name?
"""

from __future__ import annotations

import json
import re
from functools import cache

import pytest

from llm_extract.model.grammar import compact_json_grammar
from llm_extract.model.span_grammar import MAX_NAME_WORDS, span_rules
from llm_extract.model.wire import WireOutput

TEXT = (
    'LISBON — Prime Minister Rui Almeida received Ghana\'s President Kwame Asante, and said '
    'the "talks" went well (a back\\slash).\n'
    "استقبل وزير الخارجية، سليم الحداد، نظيره الأردني.\n"
    "习近平会见唐纳德·特朗普。"
)

_TOKEN = re.compile(r'"((?:\\.|[^"\\])*)"|([A-Za-z0-9-]+)|(\()|(\))|(\|)|(\?)|\s+')


class _Language:
    """The regular language of one rule of a GBNF grammar without recursion."""

    def __init__(self, rules: dict[str, str]) -> None:
        self.rules = rules
        self.regex = cache(self._regex)

    def _regex(self, rule: str) -> str:
        out: list[str] = []
        for m in _TOKEN.finditer(self.rules[rule]):
            literal, name, opening, closing, bar, optional = m.groups()
            if literal is not None:
                out.append(re.escape(re.sub(r"\\(.)", r"\1", literal)))
            elif name is not None:
                out.append(f"(?:{self.regex(name)})")
            elif opening:
                out.append("(?:")
            elif closing:
                out.append(")")
            elif bar:
                out.append("|")
            elif optional:
                out.append("?")
        return "".join(out)

    def accepts(self, rule: str, value: str) -> bool:
        return re.fullmatch(self.regex(rule), json.dumps(value, ensure_ascii=False)) is not None


@pytest.fixture(scope="module")
def language() -> _Language:
    spans = span_rules(TEXT)
    assert spans is not None
    return _Language(spans.rules)


@pytest.mark.parametrize("quote", [
    "Prime Minister Rui Almeida received Ghana's President Kwame Asante",
    'LISBON — Prime Minister Rui Almeida received Ghana\'s President Kwame Asante, and said '
    'the "talks" went well (a back\\slash).',
    'said the "talks" went well',
    "received",
    "استقبل وزير الخارجية، سليم الحداد، نظيره الأردني",
    "习近平会见唐纳德·特朗普",
    "会见唐纳德",
])
def test_evidence_may_be_any_run_of_the_text_from_a_word(language: _Language,
                                                           quote: str) -> None:
    assert language.accepts("span-evidence", quote)


@pytest.mark.parametrize("quote", [
    "Prime Minister Rui Almeida met President Kwame Asante",  # a word changed
    "Prime Minister Rui Almeida received President Kwame Asante",  # a word left out
    "rime Minister",  # starts inside a word
    "Asante, and said\nthe talks",  # across a line
    "استقبل وزير الخارجية سليم الحداد",  # the comma left out
    "",
])
def test_evidence_the_text_does_not_hold_is_refused(language: _Language, quote: str) -> None:
    assert not language.accepts("span-evidence", quote)


@pytest.mark.parametrize("name", [
    "Rui Almeida", "Kwame Asante", "Almeida", "Ghana's President Kwame Asante", "سليم الحداد",
    "الحداد", "唐纳德·特朗普", "特朗普", "习近平",
])
def test_names_are_words_of_the_text_joined_as_written(language: _Language, name: str) -> None:
    assert language.accepts("span-name", name)


@pytest.mark.parametrize("name", [
    "Rui  Almeida",  # not as written
    "Kwame Asante, and",  # a comma is no part of a name
    "وزير الخارجية، سليم الحداد",  # nor an Arabic comma
    "Almeid",  # a word cut short
    "Donald Trump",  # not in the text
    "LISBON — Prime",  # a dash between words
])
def test_names_the_text_does_not_hold_as_one_name_are_refused(language: _Language,
                                                               name: str) -> None:
    assert not language.accepts("span-name", name)


def test_a_name_has_at_most_max_name_words_words() -> None:
    words = [f"W{i}" for i in range(MAX_NAME_WORDS + 1)]
    spans = span_rules(" ".join(words))
    assert spans is not None
    language = _Language(spans.rules)
    assert language.accepts("span-name", " ".join(words[:MAX_NAME_WORDS]))
    assert not language.accepts("span-name", " ".join(words))


def test_the_grammar_grows_linearly_with_the_text() -> None:
    small = span_rules("Alpha met Beta in Gamma. " * 20)
    large = span_rules("Alpha met Beta in Gamma. " * 40)
    assert small is not None and large is not None
    ratio = len(large.rules) / len(small.rules)
    assert 1.9 < ratio < 2.1


def test_a_text_without_words_keeps_the_plain_grammar() -> None:
    schema = WireOutput.model_json_schema()
    assert span_rules(" — … \n ") is None
    assert compact_json_grammar(schema, span_rules("…")) == compact_json_grammar(schema)


def test_the_wire_grammar_writes_evidence_and_names_as_spans() -> None:
    schema = WireOutput.model_json_schema()
    grammar = compact_json_grammar(schema, span_rules(TEXT))
    rules = dict(line.split(" ::= ", 1) for line in grammar.strip().splitlines())
    meeting, person = rules["def-WireMeeting"], rules["def-WireParticipant"]
    assert '"\\"evidence\\"" ":" (span-evidence | null)' in meeting
    assert '"\\"name\\"" ":" (span-name | null)' in person
    # Everything else is the plain grammar's: titles and cities are free English.
    plain = dict(line.split(" ::= ", 1)
                 for line in compact_json_grammar(schema).strip().splitlines())
    assert rules["def-WireParticipant-title"] == plain["def-WireParticipant-title"]
    assert rules["def-WireMeeting-status"] == plain["def-WireMeeting-status"]
