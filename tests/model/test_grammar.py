"""The compact-JSON GBNF grammar: structure, bounds, no free whitespace."""

from __future__ import annotations

import re

import pytest

from llm_extract import ConfigurationError
from llm_extract.model.grammar import compact_json_grammar
from llm_extract.model.wire import WireOutput


def _rules(grammar: str) -> dict[str, str]:
    return dict(line.split(" ::= ", 1) for line in grammar.strip().splitlines())


def test_wire_grammar_has_keys_in_schema_order_and_no_whitespace_rule() -> None:
    rules = _rules(compact_json_grammar(WireOutput.model_json_schema()))
    meeting = rules["def-WireMeeting"]
    keys = re.findall(r'"\\"(\w+)\\""', meeting)
    assert keys == ["evidence", "status", "modality", "date", "city", "country",
                    "participants", "topics"]
    assert "space" not in rules and "ws" not in rules
    literal = re.compile(r'"((?:\\.|[^"\\])*)"')
    for name, body in rules.items():
        if name == "char":
            continue  # a character class, not literals
        for text in literal.findall(body):
            assert not any(ws in text for ws in (" ", "\\n", "\\t")), (name, text)


def test_strings_and_arrays_are_bounded() -> None:
    rules = _rules(compact_json_grammar(WireOutput.model_json_schema()))
    assert 'char{0,400}' in rules["def-WireMeeting-evidence-0"]
    assert rules["root-meetings"].endswith('{0,7})? "]"')  # at most 8 meetings
    assert '{0,11}' in rules["def-WireMeeting-participants"]  # 1..12 participants, non-empty
    assert rules["def-WireMeeting-participants"].startswith('"[" def-WireParticipant ')


def test_enums_become_literal_alternatives() -> None:
    rules = _rules(compact_json_grammar(WireOutput.model_json_schema()))
    assert rules["def-WireMeeting-status"] == (
        '"\\"held\\"" | "\\"planned\\"" | "\\"postponed\\"" | "\\"cancelled\\""'
    )


def test_small_schema_exact_output() -> None:
    schema = {"type": "object", "properties": {
        "a": {"type": "integer"}, "b": {"anyOf": [{"type": "string"}, {"type": "null"}]},
        "c": {"type": "array", "items": {"type": "boolean"}, "minItems": 1}}}
    assert compact_json_grammar(schema) == (
        'root ::= "{" "\\"a\\"" ":" root-a "," "\\"b\\"" ":" root-b "," "\\"c\\"" ":" root-c "}"\n'
        "root-a ::= integer\n"
        "root-b-0 ::= string\n"
        "root-b-1 ::= null\n"
        "root-b ::= root-b-0 | root-b-1\n"
        "root-c-item ::= boolean\n"
        'root-c ::= "[" root-c-item ("," root-c-item){0,} "]"\n'
        'boolean ::= "true" | "false"\n'
        'char ::= [^"\\\\\\x7F\\x00-\\x1F] | "\\\\" (["\\\\bfnrt/] | "u" [0-9a-fA-F]{4})\n'
        'integer ::= "-"? ([0-9] | [1-9] [0-9]{0,15})\n'
        'null ::= "null"\n'
        'string ::= "\\"" char* "\\""\n'
    )


def test_unsupported_schema_is_a_typed_error() -> None:
    with pytest.raises(ConfigurationError, match="unsupported"):
        compact_json_grammar({"type": "object", "properties": {"x": {"type": "tuple"}}})
