"""``llm-extract serve``: the HTTP service on uvicorn (needs the ``service`` extra).

On SIGTERM or Ctrl-C uvicorn stops accepting, finishes the requests it has, and the app's
lifespan then waits for every started extraction before the process exits.
"""

from __future__ import annotations

import argparse
import errno
import ipaddress
import math
import os
import socket
import sys
from typing import TYPE_CHECKING

from llm_extract.cli._options import add_model_options, settings_from_args
from llm_extract.cli.log import add_log_db_options, log_from_args
from llm_extract.errors import ConfigurationError
from llm_extract.settings import ENV_PREFIX

if TYPE_CHECKING:  # the service extra is imported only when serving
    import uvicorn
    from fastapi import FastAPI

    from llm_extract.service import ServiceSettings

__all__ = ["bind", "register", "uvicorn_config"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("serve", help="serve POST /v1/extract over HTTP")
    group = parser.add_argument_group("service (limits answer 413 / 429 / 504 with a JSON error)")
    group.add_argument("--host", help="address to bind (default 127.0.0.1)")
    group.add_argument("--port", type=int, help="port (default 8000)")
    group.add_argument("--max-body-bytes", type=int, help="largest request body (default 1e6)")
    group.add_argument("--max-in-flight", type=int, help="extractions at once (default 1)")
    group.add_argument("--max-queue", type=int, help="requests waiting beyond those (default 8)")
    group.add_argument("--request-timeout", type=float,
                       help="seconds per request, queue wait included (default 600)")
    group.add_argument("--retry-after", type=int, help="Retry-After seconds sent with 429")
    group.add_argument("--allow-model", action="append", metavar="MODEL",
                       help="a model clients may name in options.model besides the configured "
                       "one (repeatable; default: only the configured model)")
    group.add_argument("--shutdown-grace", type=float,
                       help="seconds a stopping service waits for running requests before "
                       "abandoning them (default 30)")
    group.add_argument("--auth-token",
                       help="require 'Authorization: Bearer TOKEN' on /v1/* "
                       "(prefer LLM_EXTRACT_SERVICE_TOKEN: arguments show in ps)")
    add_model_options(parser)
    add_log_db_options(parser)
    parser.set_defaults(func=run)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _explicit_text_limit(args: argparse.Namespace) -> int | None:
    """``--max-text-chars`` or ``LLM_EXTRACT_MAX_TEXT_CHARS`` when given, else None (the
    service's own default, lower than the library's safety cap)."""
    if args.max_text_chars is not None:
        return int(args.max_text_chars)
    if os.environ.get(ENV_PREFIX + "MAX_TEXT_CHARS"):
        return settings_from_args(args).max_text_chars
    return None


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from llm_extract.service import (
            ExtractorPool,
            ServiceSettings,
            create_app,
            readiness_for,
        )
    except ImportError as exc:
        raise ConfigurationError(
            f"the service needs its extra: pip install 'llm-extract[service]' ({exc})"
        ) from None
    service = ServiceSettings.from_env(
        host=args.host, port=args.port, max_body_bytes=args.max_body_bytes,
        # --max-text-chars (the model options') sets the service's limit too; without it the
        # service keeps its own, lower one: its request timeout bounds one extraction's time
        max_text_chars=_explicit_text_limit(args),
        max_in_flight=args.max_in_flight, max_queue=args.max_queue,
        request_timeout=args.request_timeout, retry_after=args.retry_after,
        auth_token=args.auth_token,
        allowed_models=tuple(args.allow_model) if args.allow_model else None,
        shutdown_grace=args.shutdown_grace,
    )
    # the extractor refuses what the service refuses (a web page's main text included)
    settings = settings_from_args(args, concurrency=service.max_in_flight).with_overrides(
        max_text_chars=service.max_text_chars)
    if service.auth_token is None and not _is_loopback(service.host):
        print(f"llm-extract: warning: serving on {service.host} without --auth-token",
              file=sys.stderr)
    listener = bind(service.host, service.port)  # before anything slow: fail fast and clear
    log = log_from_args(args, settings)
    try:
        app = create_app(
            ExtractorPool(settings, allowed_models=service.allowed_models), service,
            readiness=readiness_for(settings), log=log,
        )
        uvicorn.Server(uvicorn_config(app, service)).run(sockets=[listener])
    finally:
        listener.close()
        if log is not None:
            log.close()
    return 0


def uvicorn_config(app: FastAPI, service: ServiceSettings) -> uvicorn.Config:
    """uvicorn's configuration for the app: the shutdown grace period bounds how long open
    requests are waited for (the app's lifespan bounds the extractions by the same value)."""
    import uvicorn

    return uvicorn.Config(app, lifespan="on", log_level="info",
                          timeout_graceful_shutdown=max(1, math.ceil(service.shutdown_grace)))


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or a ConfigurationError that says why not.

    Bound here rather than by uvicorn so that a port already in use is one line in the
    command's own format with the input/config exit code, not uvicorn's log and exit 1.
    """
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                   flags=socket.AI_PASSIVE)
    except socket.gaierror as exc:
        raise ConfigurationError(f"cannot listen on {host}:{port}: {exc.strerror}") from None
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(2048)
    except OSError as exc:
        sock.close()
        reason = "address already in use" if exc.errno == errno.EADDRINUSE else (
            exc.strerror or str(exc))
        raise ConfigurationError(f"cannot listen on {host}:{port}: {reason}") from None
    sock.set_inheritable(True)
    return sock
