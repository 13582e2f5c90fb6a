"""The two small modules the fault tests rely on, case by case: output cleanup and redaction."""

from __future__ import annotations

import json
import logging

import pytest
from pydantic import ValidationError

from llm_extract.errors import AttemptLog, EndpointRequestError
from llm_extract.model._redact import (
    REDACTED,
    RedactingFilter,
    redact,
    redact_error,
    remember_secret,
)
from llm_extract.model.cleanup import ParsedWireOutput, clean_output, schema_echo_problem
from llm_extract.model.wire import WireOutput

EMPTY = '{"meetings": []}'


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (EMPTY, EMPTY),
        ("  \n" + EMPTY + "\n", EMPTY),
        ("<think>I need {braces} and [brackets]</think>" + EMPTY, EMPTY),
        ("<think>a</think>\n<think>b</think>\n" + EMPTY, EMPTY),
        ("```json\n" + EMPTY + "\n```", EMPTY),
        ("Sure! Here it is:\n```\n" + EMPTY + "\n```\nAnything else?", EMPTY),
        ('Example: ```json\n{"x": 1}\n``` Answer: ```json\n' + EMPTY + "\n```", EMPTY),
        ("The answer is " + EMPTY + ". Done.", EMPTY),
        ("<think>never closed {" , "<think>never closed {"),  # nothing to recover: fails as is
        ('{"meetings": [{"evidence": "cut', '{"meetings": [{"evidence": "cut'),  # left alone
        ("no json at all", "no json at all"),
        ("", ""),
    ],
    ids=["plain", "padded", "think-with-braces", "two-thinks", "fence", "bare-fence-prose",
         "last-fence-wins", "prose-around", "unclosed-think", "cut-json", "no-json", "empty"],
)
def test_clean_output(raw: str, expected: str) -> None:
    assert clean_output(raw) == expected


def test_schema_echo_is_recognised_and_answers_are_not() -> None:
    schema = json.dumps(WireOutput.model_json_schema())
    assert schema_echo_problem(schema) is not None
    field_schema = json.dumps({"meetings": {"type": "array", "items": {"type": "object"}}})
    assert schema_echo_problem(field_schema) is not None
    assert schema_echo_problem(EMPTY) is None
    # An answer that merely carries schema words is still an answer.
    topical = {"meetings": [], "properties": {"type": "object"}, "items": []}
    assert schema_echo_problem(json.dumps(topical)) is None
    assert schema_echo_problem("{not json") is None


def test_parsed_wire_output_keeps_the_wire_unchanged_and_names_the_echo() -> None:
    assert ParsedWireOutput.__name__ == "WireOutput"
    assert ParsedWireOutput.model_json_schema() == WireOutput.model_json_schema()
    assert ParsedWireOutput.model_validate_json(b"<think>x</think>" + EMPTY.encode()).meetings == []
    with pytest.raises(ValidationError, match="JSON Schema itself"):
        ParsedWireOutput.model_validate_json(json.dumps(WireOutput.model_json_schema()))


def test_redaction_of_errors_and_log_records() -> None:
    key = "sk-test-redact-0123456789abcdef"
    remember_secret(key)
    remember_secret("short")  # below MIN_SECRET_LENGTH: never redacted, never garbles text

    assert redact(f"Bearer {key}!") == f"Bearer {REDACTED}!"
    assert redact("a short story") == "a short story"

    log = AttemptLog(last_raw_output=f"echo {key}", errors=[f"e {key}"])
    error = redact_error(EndpointRequestError(f"HTTP 401: bad key {key}", log=log))
    assert key not in str(error) + repr(error) + json.dumps(error.to_dict()) + str(log)

    record = logging.LogRecord("instructor.v2.retry", logging.ERROR, __file__, 1,
                               "API call failed: %s", (f"Bearer {key}",), None)
    assert RedactingFilter().filter(record)
    assert record.getMessage() == f"API call failed: Bearer {REDACTED}"
