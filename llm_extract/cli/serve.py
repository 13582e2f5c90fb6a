"""``llm-extract serve``: the HTTP service on uvicorn (needs the ``service`` extra).

On SIGTERM or Ctrl-C uvicorn stops accepting, finishes the requests it has, and the app's
lifespan then waits for every started extraction before the process exits.
"""

from __future__ import annotations

import argparse
import ipaddress
import sys

from llm_extract.cli._options import add_model_options, settings_from_args
from llm_extract.cli.log import add_log_db_options, log_from_args
from llm_extract.errors import ConfigurationError

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("serve", help="serve POST /v1/extract over HTTP")
    group = parser.add_argument_group("service (limits answer 413 / 429 / 504 with a JSON error)")
    group.add_argument("--host", help="address to bind (default 127.0.0.1)")
    group.add_argument("--port", type=int, help="port (default 8000)")
    group.add_argument("--max-body-bytes", type=int, help="largest request body (default 1e6)")
    group.add_argument("--max-text-chars", type=int,
                       help="longest text (default: the model settings' max_text_chars)")
    group.add_argument("--max-in-flight", type=int, help="extractions at once (default 1)")
    group.add_argument("--max-queue", type=int, help="requests waiting beyond those (default 8)")
    group.add_argument("--request-timeout", type=float,
                       help="seconds per request, queue wait included (default 600)")
    group.add_argument("--retry-after", type=int, help="Retry-After seconds sent with 429")
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
        max_text_chars=args.max_text_chars or settings_from_args(args).max_text_chars,
        max_in_flight=args.max_in_flight, max_queue=args.max_queue,
        request_timeout=args.request_timeout, retry_after=args.retry_after,
        auth_token=args.auth_token,
    )
    settings = settings_from_args(args, concurrency=service.max_in_flight)
    if service.auth_token is None and not _is_loopback(service.host):
        print(f"llm-extract: warning: serving on {service.host} without --auth-token",
              file=sys.stderr)
    log = log_from_args(args, settings)
    try:
        app = create_app(
            ExtractorPool(settings), service, readiness=readiness_for(settings), log=log
        )
        uvicorn.run(app, host=service.host, port=service.port, lifespan="on")
    finally:
        if log is not None:
            log.close()
    return 0
