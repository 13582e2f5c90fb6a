"""``llm-extract extract FILE|-``: one article in, its result as JSON out."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from llm_extract._io import encode_result
from llm_extract.cli._options import add_format_option, add_model_options, settings_from_args
from llm_extract.cli._output import check_output, write_atomic
from llm_extract.errors import InputError
from llm_extract.inputs import InputFormat

__all__ = ["PAGE_SUFFIXES", "input_format", "read_input", "register"]

PAGE_SUFFIXES = (".html", ".htm")


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("extract", help="extract meeting records from one article")
    parser.add_argument("file", help="article text file or web page (.html), UTF-8, or - for "
                        "stdin")
    parser.add_argument("-o", "--output", type=Path, help="write the JSON here, not stdout")
    parser.add_argument("--published", help="publication date YYYY-MM-DD (resolves 'Monday')")
    parser.add_argument("--language", help="language hint, recorded in provenance")
    parser.add_argument("--compact", action="store_true", help="one-line JSON")
    add_format_option(parser, "the file (auto: also html for a .html or .htm file)")
    add_model_options(parser)
    parser.set_defaults(func=run)


def read_input(name: str) -> bytes:
    """Raw bytes of a file or stdin; decoding (and its typed error) is the extractor's job."""
    if name == "-":
        return sys.stdin.buffer.read()
    path = Path(name)
    if not path.is_file():
        raise InputError(f"no such file: {name}")
    return path.read_bytes()


def input_format(name: str, given: InputFormat) -> InputFormat:
    """The format to read a file with: as given, except that ``auto`` takes a ``.html`` or
    ``.htm`` file for a page whatever its start looks like (a fragment, a long preamble)."""
    if given == "auto" and Path(name).suffix.lower() in PAGE_SUFFIXES:
        return "html"
    return given


def run(args: argparse.Namespace) -> int:
    from llm_extract.extractor import Extractor  # here, not at the top: --help stays instant

    if args.output:
        check_output(args.output)  # before the model is paid for
    data = read_input(args.file)
    extractor = Extractor(settings_from_args(args))
    result = extractor.extract(data, published=args.published, language=args.language,
                               format=input_format(args.file, args.format))
    # --compact: the one-line form, which is the batch's JSONL line format
    text = encode_result("jsonl" if args.compact else "json", result.model_dump(mode="json"))
    if args.output:
        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return 0
