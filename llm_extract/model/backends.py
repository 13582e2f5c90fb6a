"""Structured-output wire formats and the endpoint kinds that accept them: one dispatch table.

Servers disagree on how to ask for JSON. llama.cpp's llama-server, vLLM, Ollama and LM Studio
take OpenAI's ``response_format={"type": "json_schema", ...}``; llama-cpp-python's server answers
that with HTTP 500 and wants ``{"type": "json_object", "schema": ...}``; LM Studio rejects
``json_object``. Every request is sent through instructor's ``JSON_SCHEMA`` mode (which parses
the message text and re-asks with the validation errors); a wire format only says what the
request body's ``response_format`` (and, for llama.cpp, ``grammar``) must be instead. Adding a
backend is one row in :data:`ENDPOINT_DEFAULT_MODE` and, if it needs a new form, one
:class:`WireFormat` in :data:`WIRE_FORMATS`.

With ``mode="auto"`` the endpoint kind is probed once per base URL (llama.cpp's ``/props``,
``/v1/models`` owners, Ollama's ``/api/version``) and remembered for the process.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

import httpx

from llm_extract.errors import ConfigurationError
from llm_extract.model.grammar import compact_json_grammar
from llm_extract.model.span_grammar import span_rules

__all__ = [
    "ENDPOINT_DEFAULT_MODE",
    "WIRE_FORMATS",
    "WireFormat",
    "choose_mode",
    "probe_endpoint_kind",
]

Schema = dict[str, Any]


@dataclass(frozen=True)
class WireFormat:
    """How one structured-output form is put on the wire.

    ``body(schema, text)`` returns the request-body fields that replace what instructor's
    JSON_SCHEMA mode would send (an empty dict keeps instructor's own ``json_schema`` request);
    ``text`` is what this call gives the model to read, for a form that is made per text.
    """

    name: str
    summary: str
    body: Callable[[Schema, str], dict[str, Any]]


def _json_schema(_: Schema, __: str) -> dict[str, Any]:
    return {}


def _json_object_schema(schema: Schema, _: str) -> dict[str, Any]:
    return {"response_format": {"type": "json_object", "schema": schema}}


def _json_object(_: Schema, __: str) -> dict[str, Any]:
    return {"response_format": {"type": "json_object"}}


def _grammar(schema: Schema, _: str) -> dict[str, Any]:
    return {"response_format": {"type": "text"}, "grammar": compact_json_grammar(schema)}


def _grammar_spans(schema: Schema, text: str) -> dict[str, Any]:
    return {"response_format": {"type": "text"},
            "grammar": compact_json_grammar(schema, span_rules(text))}


WIRE_FORMATS: dict[str, WireFormat] = {
    wf.name: wf
    for wf in (
        WireFormat("json_schema", "response_format json_schema (OpenAI, llama-server, vLLM, "
                   "Ollama, LM Studio)", _json_schema),
        WireFormat("json_object_schema", "response_format json_object with schema "
                   "(llama-cpp-python)", _json_object_schema),
        WireFormat("json_object", "response_format json_object; schema only in the prompt",
                   _json_object),
        WireFormat("grammar", "llama.cpp GBNF grammar of compact JSON, no free whitespace",
                   _grammar),
        WireFormat("grammar_spans", "the same grammar, with evidence and names written as "
                   "spans of the text (grounded by construction: no re-asks for grounding)",
                   _grammar_spans),
    )
}

# The wire format each kind of endpoint gets when mode is "auto".
ENDPOINT_DEFAULT_MODE: dict[str, str] = {
    "embedded": "grammar_spans",
    # Any llama-server takes a raw GBNF grammar: evidence and names grounded by construction.
    "llama.cpp": "grammar_spans",
    "llama-cpp-python": "json_object_schema",
    "vllm": "json_schema",
    "ollama": "json_schema",
    "lmstudio": "json_schema",
    "openai": "json_schema",
    "unknown": "json_schema",
}

_OWNER_KIND = {"llamacpp": "llama.cpp", "vllm": "vllm", "me": "llama-cpp-python",
               "library": "ollama", "ollama": "ollama", "openai": "openai", "system": "openai",
               "organization_owner": "lmstudio"}

_probed: dict[str, str] = {}
_probe_lock = threading.Lock()


def _root(base_url: str) -> str:
    return base_url[: -len("/v1")] if base_url.endswith("/v1") else base_url


def _get_json(client: httpx.Client, url: str) -> Any:
    try:
        response = client.get(url)
    except httpx.HTTPError:
        return None
    if response.status_code != 200:
        return None
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None


def _probe(base_url: str, headers: dict[str, str], timeout: float) -> str:
    if urlparse(base_url).hostname == "api.openai.com":
        return "openai"
    with httpx.Client(timeout=timeout, headers=headers) as client:
        props = _get_json(client, _root(base_url) + "/props")
        if isinstance(props, dict) and (
            "default_generation_settings" in props or "build_info" in props
        ):
            return "llama.cpp"
        models = _get_json(client, base_url + "/models")
        if isinstance(models, dict) and isinstance(models.get("data"), list) and models["data"]:
            first = models["data"][0]
            owner = str(first.get("owned_by", "")) if isinstance(first, dict) else ""
            if owner in _OWNER_KIND:
                return _OWNER_KIND[owner]
        version = _get_json(client, _root(base_url) + "/api/version")
        if isinstance(version, dict) and "version" in version:
            return "ollama"
    return "unknown"


def probe_endpoint_kind(
    base_url: str, *, api_key: str | None = None, timeout: float = 5.0
) -> str:
    """The kind of server behind ``base_url``: probed once, then remembered for the process."""
    with _probe_lock:
        if base_url in _probed:
            return _probed[base_url]
    headers = {"Authorization": f"Bearer {api_key}"} if api_key else {}
    kind = _probe(base_url, headers, timeout)
    with _probe_lock:
        _probed[base_url] = kind
    return kind


def forget_probes() -> None:
    """Drop remembered probe answers (tests, or a server replaced behind the same URL)."""
    with _probe_lock:
        _probed.clear()


def choose_mode(mode: str, endpoint_kind: str) -> WireFormat:
    """The wire format for a configured ``mode`` ("auto" picks by endpoint kind)."""
    name = ENDPOINT_DEFAULT_MODE.get(endpoint_kind, "json_schema") if mode == "auto" else mode
    try:
        return WIRE_FORMATS[name]
    except KeyError:
        raise ConfigurationError(
            f"unknown wire mode {name!r}; choose one of: auto, {', '.join(WIRE_FORMATS)}"
        ) from None
