"""The model wing: everything that talks to a model endpoint.

Prompts and their versions, the wire format (what the model writes, and its grammar), the
dispatch table of backends, the endpoint and its clients (``endpoint``), the embedded llama.cpp
server, the calls themselves (``caller``: retries, re-asks, salvage, the judge's questions,
usage), output cleanup, secret redaction, the one boundary where third-party errors become
:mod:`llm_extract.errors`, and the provenance every result records (``provenance``). The
extractor, the async extractor and the evaluation's naive peer all call a model through
:class:`~llm_extract.model.caller.Caller`; the private modules (``_boundary``, ``_calls``,
``_redact``) are the caller's, and the extractor's for its last translation of an error.
"""
