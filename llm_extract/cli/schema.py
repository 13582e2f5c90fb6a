"""``llm-extract schema``: print, write or check the exported JSON Schema of the result."""

from __future__ import annotations

import argparse
import json
import sys

from llm_extract._io import write_atomic
from llm_extract.errors import ConfigurationError
from llm_extract.schema_export import exported_schema_path, render_schema

__all__ = ["register"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = sub.add_parser("schema", help="the result's JSON Schema (versioned in schemas/)")
    action = parser.add_mutually_exclusive_group()
    action.add_argument("--write", action="store_true", help="(re)write schemas/ from the models")
    action.add_argument("--check", action="store_true", help="fail if schemas/ is out of date")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    text = render_schema()
    path = exported_schema_path()
    if args.write:
        write_atomic(path, text)
        print(f"wrote {path}")
    elif args.check:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            raise ConfigurationError(f"{path} is out of date: run llm-extract schema --write")
        print(f"{path} is up to date")
    else:
        sys.stdout.write(text)
    json.loads(text)
    return 0
