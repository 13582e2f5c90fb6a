"""What models wrap around the JSON they were asked for, removed before it is parsed.

instructor's JSON_SCHEMA mode hands the message text to ``model_validate_json`` as it is, so
anything around the JSON costs a whole re-ask (or the extraction). Three wrappers are common
enough to repair instead:

* a ``<think>…</think>`` block first — reasoning models (Qwen3, DeepSeek-R1 distills) write it
  into ``content`` unless the server splits it off (llama-server ``--reasoning-format``). It
  may contain braces, so it is dropped *before* looking for the JSON;
* a markdown code fence, often after a sentence ("Here is the JSON: ```json …```");
* a sentence before or after a bare JSON object.

A fourth failure cannot be repaired, only named: small models in JSON mode sometimes answer
with the JSON Schema itself. :func:`schema_echo_problem` recognises it, so that the re-ask (and
the final error) says exactly that instead of "field required: meetings".

Why a parsing model and not a response hook: :class:`ParsedWireOutput` is ``WireOutput`` whose
``model_validate_json`` cleans the text first — the one call instructor's JSON_SCHEMA mode makes
to parse — so the raw completion stays untouched (the attempt log and the re-ask keep what the
model really said), an echoed schema becomes an ordinary validation error that instructor
re-asks with, and the request (schema and ``response_format`` name) is byte-for-byte the same.
Text that already starts with ``{`` or ``[`` is never changed.
"""

from __future__ import annotations

import json
import re
from typing import Any

from pydantic import ConfigDict
from pydantic_core import InitErrorDetails, PydanticCustomError, ValidationError

from llm_extract.model.wire import WireOutput

__all__ = ["ParsedWireOutput", "clean_output", "schema_echo_problem"]

_THINK_OPEN = "<think>"
_THINK_CLOSE = "</think>"
_MAX_THINK_BLOCKS = 8  # bounded: a model does not open more than one or two
_FENCE = re.compile(r"```[A-Za-z0-9_-]*[ \t]*\n?(.*?)```", re.DOTALL)

SCHEMA_ECHO_MESSAGE = (
    "The answer is the JSON Schema itself, not an instance of it. Return the data: an object "
    'with a "meetings" list (empty if the article reports no meeting), not "properties", '
    '"type" or "$defs".'
)


def _strip_think(text: str) -> str:
    for _ in range(_MAX_THINK_BLOCKS):
        stripped = text.lstrip()
        if not stripped.startswith(_THINK_OPEN):
            return stripped
        end = stripped.find(_THINK_CLOSE)
        if end < 0:  # never closed: the model stopped while reasoning; nothing to recover
            return stripped
        text = stripped[end + len(_THINK_CLOSE):]
    return text.lstrip()


def clean_output(text: str) -> str:
    """The JSON part of a model's answer: think blocks, code fences and prose removed.

    Conservative by design: an answer that starts with ``{`` or ``[`` after leading think
    blocks and whitespace is returned as it is (a cut-off or looping answer must fail as
    itself, not as something a repair made of it).
    """
    body = _strip_think(text).strip()
    if not body or body[0] in "{[":
        return body
    fences: list[str] = [str(m.group(1)).strip() for m in _FENCE.finditer(body)]
    for block in reversed(fences):  # the answer comes last, after any quoted example
        if block[:1] in ("{", "["):
            return block
    first, last = body.find("{"), body.rfind("}")
    if 0 <= first < last:
        return body[first:last + 1]
    return body


def schema_echo_problem(text: str) -> str | None:
    """:data:`SCHEMA_ECHO_MESSAGE` when ``text`` is a JSON Schema rather than an answer."""
    if '"properties"' not in text and '"items"' not in text:
        return None  # cheap pre-check: no schema keyword, no echo
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError):
        return None
    return SCHEMA_ECHO_MESSAGE if _looks_like_schema(data) else None


def _looks_like_schema(data: Any) -> bool:
    if not isinstance(data, dict):
        return False
    if "meetings" not in data:
        return isinstance(data.get("properties"), dict) and (
            data.get("type") == "object" or "$defs" in data or "$schema" in data
        )
    # {"meetings": {"type": "array", "items": {...}}}: the schema of the field, not a list.
    meetings = data["meetings"]
    return isinstance(meetings, dict) and "items" in meetings and "type" in meetings


class ParsedWireOutput(WireOutput):
    """The model's whole answer for one article."""

    # Same title and docstring as WireOutput, so that the schema sent is unchanged.
    model_config = ConfigDict(title="WireOutput")

    @classmethod
    def model_validate_json(
        cls, json_data: str | bytes | bytearray, *, strict: bool | None = None,
        context: Any | None = None, **kwargs: Any,
    ) -> ParsedWireOutput:
        """Validate the cleaned answer; an echoed schema is a validation error of its own."""
        text = json_data if isinstance(json_data, str) else bytes(json_data).decode(
            "utf-8", errors="replace")
        text = clean_output(text)
        problem = schema_echo_problem(text)
        if problem is not None:
            raise ValidationError.from_exception_data(
                "WireOutput",
                [InitErrorDetails(type=PydanticCustomError("schema_echo", problem), loc=(),
                                  input=text[:200])],
            )
        return super().model_validate_json(text, strict=strict, context=context, **kwargs)


# instructor sends the response model's __name__ as the response_format name: keep "WireOutput".
ParsedWireOutput.__name__ = ParsedWireOutput.__qualname__ = "WireOutput"
