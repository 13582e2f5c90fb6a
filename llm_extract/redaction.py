"""The one function that makes an endpoint URL safe to record or show.

Gateways put credentials in the URL itself: ``http://user:KEY@gateway/v1`` or
``https://gateway/v1?api_key=KEY``. A base URL is recorded in every result
(``provenance.endpoint``), in batch lines, in an eval run's ``settings.json``, ``report.json``
and predictions, in the HTML report and in the provenance log, and it is named in connection
errors. Every one of those places goes through :func:`redact_url`, so there is one rule to get
right: user info is dropped, a query parameter whose name looks like a credential is dropped,
the fragment is dropped, everything else (scheme, host, port, path, harmless parameters such
as ``api-version``) is kept so that the URL still says which endpoint was used.

:func:`url_secrets` gives the values that were dropped, so that the model wing can also scrub
them from error messages and log records (an endpoint may quote its own URL back).

This module is a root contract module (it imports nothing of the wings), so every wing and
face may use it.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

__all__ = ["SECRET_PARAM", "redact_url", "url_secrets"]

# Query parameter names that carry credentials in the wild: api_key / apikey / api-key, key,
# token / access_token / id_token / auth, sig / signature (signed URLs), password / pass /
# secret / client_secret, credential(s), session. Matched on the whole name, case-insensitive,
# after ``-`` is read as ``_``.
SECRET_PARAM = re.compile(
    r"(?:.*_)?(?:api_?key|key|token|auth|authorization|sig|signature|password|passwd|pass|pwd"
    r"|secret|credentials?|session|code)",
    re.IGNORECASE,
)


def _is_secret(name: str) -> bool:
    return SECRET_PARAM.fullmatch(name.replace("-", "_")) is not None


def redact_url(url: str | None) -> str | None:
    """``url`` without user info, secret-looking query parameters and fragment.

    A string that does not parse as a URL is returned without anything after the first
    ``?``/``#`` and without anything before an ``@``: the safe side when in doubt.
    """
    if url is None:
        return None
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        head = re.split(r"[?#]", url, maxsplit=1)[0]
        return head.rsplit("@", 1)[-1]
    host = parts.hostname or ""
    if ":" in host:  # an IPv6 literal keeps its brackets
        host = f"[{host}]"
    netloc = f"{host}:{port}" if port else host
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _is_secret(k)]
    return urlunsplit((parts.scheme, netloc, parts.path, urlencode(kept), ""))


def url_secrets(url: str | None) -> list[str]:
    """The credential values :func:`redact_url` drops from ``url`` (user, password, params)."""
    if url is None:
        return []
    try:
        parts = urlsplit(url)
    except ValueError:
        return []
    found = [v for v in (parts.username, parts.password) if v]
    found += [v for k, v in parse_qsl(parts.query, keep_blank_values=True) if _is_secret(k) and v]
    return found
