"""How a result was made, assembled in one place for every producer of results.

The extractor, the evaluation's naive peer and its oracle each fill in what they know (the
oracle asks no model: no tokens, no latency); the rest — the input's hash, the time, the library
version, the endpoint without credentials, the tokens of the attempt log — is filled in here
alike for all three.
"""

from __future__ import annotations

import datetime as dt

from llm_extract._version import __version__
from llm_extract.errors import AttemptLog
from llm_extract.inputs import input_sha256
from llm_extract.redaction import redact_url
from llm_extract.schema import Provenance, SourceText, Usage

__all__ = ["build_provenance", "usage_of"]


def usage_of(log: AttemptLog) -> Usage:
    """The tokens (and the server's own compute time, when it reported any) of ``log``."""
    return Usage(prompt_tokens=log.prompt_tokens, completion_tokens=log.completion_tokens,
                 model_seconds=round(log.model_seconds, 3) if log.model_seconds else None)


def build_provenance(
    text: str, source: SourceText | None, *, prompt_version: str, model: str, endpoint: str,
    endpoint_kind: str, mode: str, attempts: int, latency_s: float, language: str | None,
    published: str | None, log: AttemptLog | None = None, repairs: bool = False,
    recall_passes: int = 0, reasks: int | None = None, transport_retries: int | None = None,
    recall_calls: int | None = None, reading: str | None = None,
    contact_calls: int | None = None,
) -> Provenance:
    """The provenance of a result made from ``text`` (the article read; ``source`` when it
    came from a web page); ``endpoint`` is given as configured and stored without credentials,
    the usage is ``log``'s (none without a log), ``latency_s`` is rounded to milliseconds."""
    return Provenance(
        prompt_version=prompt_version,
        model=model,
        endpoint=redact_url(endpoint) or "",
        endpoint_kind=endpoint_kind,
        mode=mode,
        repairs=repairs,
        recall_passes=recall_passes,
        attempts=attempts,
        reasks=reasks,
        transport_retries=transport_retries,
        recall_calls=recall_calls,
        reading=reading,
        contact_calls=contact_calls,
        usage=usage_of(log) if log is not None else Usage(),
        latency_s=round(latency_s, 3),
        input_sha256=input_sha256(text, source),
        language=language,
        published=published,
        source=source,
        created_at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        library_version=__version__,
    )
