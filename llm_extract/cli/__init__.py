"""The ``llm-extract`` command: one sub-command per module, registered in one table.

Each sub-command module exposes ``register(subparsers)`` and sets ``func`` on its parser; the
table below is the only place that lists them. Every llm_extract error ends the command with
one readable line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import logging
import os
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

# The one-line help of each command for ``llm-extract --help``. Only the command being run is
# registered from its module (which imports the model client, the scorer...); the others are
# listed from here, so that ``--help`` and ``--version`` answer at once (issue 14).
# tests/cli/test_cli_options.py checks these lines against the modules' own.
SUMMARIES: dict[str, str] = {
    "eval": "score a pipeline against gold JSON (resumable run directory)",
    "eval-compare": "two scored eval runs side by side",
    "extract": "extract meeting records from one article",
    "schema": "the result's JSON Schema (versioned in schemas/)",
    "report": "write a self-contained HTML review page",
    "serve": "serve POST /v1/extract over HTTP",
    "batch": "extract from a folder of .txt files or a JSONL file, resumably",
    "log": "list and filter the provenance log",
    "events": "cluster the records of many articles into events; write exports",
}
_MODULE_OF = {**COMMANDS, "eval-compare": "eval"}

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


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser; with ``command``, only that command's module is imported and registered
    (the rest are listed by name), otherwise every command is registered in full."""
    parser = argparse.ArgumentParser(
        prog="llm-extract",
        description="Meeting records from news text, with any OpenAI-compatible model "
        "or the embedded llama.cpp default.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    wanted = set(COMMANDS.values()) if command is None else {_MODULE_OF.get(command)}
    registered: set[str] = set()
    for name, module in _MODULE_OF.items():
        if module in wanted:
            if module not in registered:
                importlib.import_module(f"llm_extract.cli.{module}").register(sub)
                registered.add(module)
        else:
            sub.add_parser(name, help=SUMMARIES[name])
    return parser


def _command_of(argv: Sequence[str]) -> str:
    """The command named on the line ("" when none is: top-level --help, --version)."""
    first = next((a for a in argv if not a.startswith("-")), "")
    return first if first in _MODULE_OF else ""


class Terminated(KeyboardInterrupt):
    """SIGTERM, handled as Ctrl-C is: a batch stops cleanly, and the exit handlers run.

    Why: Python's default SIGTERM action ends the process without ``atexit``, which would
    orphan the embedded llama-server (still holding cores and memory). uvicorn re-raises a
    captured SIGTERM after its graceful shutdown, so ``serve`` reaches this handler too.
    """


def _on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise Terminated()


# The library's retry notices ("retrying in 8 s, attempt 2/4"), logged at INFO on this logger
# by the model wing, which the faces may not import (so the name is spelt here).
RETRY_LOGGER = "llm_extract.retry"


class _StderrLine(logging.Handler):
    """Prints a record as one ``llm-extract: ...`` line on the current ``sys.stderr`` (looked up
    at each record, so a redirected or captured stderr gets it)."""

    def emit(self, record: logging.LogRecord) -> None:
        # a closed stderr must not turn a notice into a crash
        with contextlib.suppress(OSError, ValueError):
            print(f"llm-extract: {record.getMessage()}", file=sys.stderr, flush=True)


def _show_retries() -> None:
    logger = logging.getLogger(RETRY_LOGGER)
    if not any(isinstance(h, _StderrLine) for h in logger.handlers):
        logger.addHandler(_StderrLine())
    logger.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_of(arguments))
    args = parser.parse_args(arguments)
    _show_retries()
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
    except BrokenPipeError:
        # `llm-extract log --json | head -1`: the reader has gone, which is not an error of
        # ours. Point stdout at /dev/null so the interpreter's final flush stays quiet too.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        return 141  # 128 + SIGPIPE, what a shell reports for a writer whose reader left
    except OSError as exc:  # an unwritable -o path, a full disk: one line, not a traceback
        print(f"llm-extract: io_error: {exc.strerror or exc}: {exc.filename or ''}".rstrip(": "),
              file=sys.stderr)
        return 2
    return int(code or 0)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
