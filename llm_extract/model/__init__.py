"""The model wing: everything that talks to a model endpoint.

Prompts and their versions, the wire format (what the model writes, and its grammar), the
dispatch table of backends, the embedded llama.cpp server, the instructor call with its
recorder, output cleanup, secret redaction, and the one boundary where third-party errors
become :mod:`llm_extract.errors`. Private modules (``_boundary``, ``_calls``, ``_redact``) are
used by :mod:`llm_extract.extractor` and, through :mod:`.guard`, by the evaluation's naive peer.
"""
