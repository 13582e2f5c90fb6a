"""The ``llm-extract`` command: one sub-command per module, registered in one table.

Each sub-command module exposes ``register(subparsers)`` and sets ``func`` on its parser; the
table below is the only place that lists them. Every llm_extract error ends the command with
one readable line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import importlib
import signal
import sys
import threading
from collections.abc import Sequence
from types import FrameType

from llm_extract._version import __version__
from llm_extract.errors import (
    ConfigurationError,
    EmbeddedError,
    EndpointError,
    InputError,
    LLMExtractError,
)

__all__ = ["exit_code", "main"]

# name -> module under llm_extract.cli that registers it.
COMMANDS: dict[str, str] = {
    "eval": "eval",  # also registers its shorthand, eval-compare
    "extract": "extract",
    "schema": "schema",
    "report": "report",
    "serve": "serve",
    "batch": "batch",
    "log": "log",
    "events": "events",
}

_EXIT_CODES: tuple[tuple[type[LLMExtractError], int], ...] = (
    (InputError, 2),
    (ConfigurationError, 2),
    (EndpointError, 3),
    (EmbeddedError, 3),
    (LLMExtractError, 4),
)


def exit_code(exc: LLMExtractError) -> int:
    """The process exit code for an error: 2 input/config, 3 endpoint/embedded, 4 output."""
    for cls, code in _EXIT_CODES:
        if isinstance(exc, cls):
            return code
    return 1


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="llm-extract",
        description="Meeting records from news text, with any OpenAI-compatible model "
        "or the embedded llama.cpp default.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for module in COMMANDS.values():
        importlib.import_module(f"llm_extract.cli.{module}").register(sub)
    return parser


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: a batch stops cleanly, and the exit handlers run.

    Why: Python's default SIGTERM action ends the process without ``atexit``, which would
    orphan the embedded llama-server (still holding cores and memory). uvicorn re-raises a
    captured SIGTERM after its graceful shutdown, so ``serve`` reaches this handler too.
    """


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    previous = None
    if threading.current_thread() is threading.main_thread():
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    try:
        return _run(args)
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _run(args: argparse.Namespace) -> int:
    try:
        code = args.func(args)
    except LLMExtractError as exc:
        first = " ".join(exc.message.split("\n")[0].split())
        print(f"llm-extract: {exc.kind}: {first}", file=sys.stderr)
        return exit_code(exc)
    except KeyboardInterrupt as exc:
        terminated = isinstance(exc, Terminated)
        print(f"llm-extract: {'terminated' if terminated else 'interrupted'}", file=sys.stderr)
        return 143 if terminated else 130
    except OSError as exc:  # an unwritable -o path, a full disk: one line, not a traceback
        print(f"llm-extract: io_error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return 2
    return int(code or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
