"""Options shared by every command that calls a model, and their mapping onto Settings; the
input format option of the commands that read articles."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import get_args

from llm_extract.inputs import INPUT_FORMATS
from llm_extract.model.prompts import DEFAULT_PROMPT_VERSION
from llm_extract.quality.repair import OFF_BY_DEFAULT, RULE_NAMES
from llm_extract.settings import Settings, WireMode

__all__ = ["add_format_option", "add_model_options", "settings_from_args"]


def add_format_option(parser: argparse.ArgumentParser, what: str) -> None:
    """``--format {auto,text,html}``: how ``what`` is read."""
    parser.add_argument(
        "--format", choices=INPUT_FORMATS, default="auto",
        help=f"how {what} is read: text, html (a web page: its main text is the article, "
        "offsets index that text, --published defaults to the page's date) or auto (html "
        "when it looks like a page) (default: auto)")


def _default(name: str) -> str:
    """``(default: X)`` for a Settings field, so that ``--help`` shows the value in force when
    neither the option nor its ``LLM_EXTRACT_*`` variable is given."""
    value = Settings.model_fields[name].default
    if isinstance(value, bool):
        value = "on" if value else "off"
    return f"(default: {value:g})" if isinstance(value, float) else f"(default: {value})"


def add_model_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "model endpoint (defaults from LLM_EXTRACT_* environment variables; none = embedded)"
    )
    group.add_argument("--base-url", help="OpenAI-compatible endpoint, e.g. http://host:8080/v1 "
                       "(default: none, the embedded llama.cpp server)")
    group.add_argument("--model", help="model name at the endpoint")
    group.add_argument("--api-key", help="API key (prefer LLM_EXTRACT_API_KEY)")
    group.add_argument("--mode", choices=list(get_args(WireMode)),
                       help=f"structured-output wire format {_default('mode')}")
    group.add_argument("--prompt-version",
                       help=f"prompt template version (default: {DEFAULT_PROMPT_VERSION})")
    group.add_argument("--model-path", type=Path, help="own GGUF file for the embedded server")
    group.add_argument("--server-bin", type=Path, help="llama-server executable to use")
    group.add_argument("--threads", type=int,
                       help="CPU threads for the embedded server (default: llama.cpp's choice)")
    group.add_argument("--slots", type=int,
                       help="requests the embedded server decodes at once (default: the "
                       "command's concurrency)")
    group.add_argument("--max-tokens", type=int,
                       help=f"cap on generated tokens per call {_default('max_tokens')}")
    group.add_argument("--timeout", type=float,
                       help=f"seconds allowed for one HTTP read {_default('timeout')}")
    group.add_argument("--max-reasks", type=int,
                       help=f"re-asks with validation errors fed back {_default('max_reasks')}")
    group.add_argument("--repeat-stop", action=argparse.BooleanOptionalAction, default=None,
                       help="stream grammar answers and stop one that starts repeating itself "
                       f"{_default('repeat_stop')}")
    group.add_argument("--max-text-chars", type=int,
                       help=f"longer input is refused {_default('max_text_chars')}")
    group.add_argument("--whole-text-chars", type=int, metavar="N",
                       help="read a text of up to N characters whole, as one article "
                       f"{_default('whole_text_chars')}")
    group.add_argument("--window-chars", type=int, metavar="N",
                       help="read a longer text in windows of whole paragraphs of "
                       f"up to N characters, records merged; 0 = always whole "
                       f"{_default('window_chars')}")
    group.add_argument("--window-overlap-chars", type=int, metavar="N",
                       help="context each window repeats from the one before "
                       f"{_default('window_overlap_chars')}")
    pipeline = parser.add_argument_group("post-model layer")
    pipeline.add_argument("--repairs", action=argparse.BooleanOptionalAction, default=None,
                          help=f"apply the repair rules {_default('repairs')}")
    pipeline.add_argument("--recall-passes", type=int, metavar="N",
                          help="re-read at most N uncovered meeting sentences alone; 0 = off "
                          f"{_default('recall_passes')}")
    pipeline.add_argument("--reading", choices=["whole", "contacts"],
                          help="read the article in one answer, or sentence by sentence "
                          f"{_default('reading')}")
    pipeline.add_argument("--contact-threshold", type=float, metavar="P",
                          help="with --reading contacts: write the records of a sentence whose "
                          "probability of reporting a contact is at least P "
                          f"{_default('contact_threshold')}")
    pipeline.add_argument("--disable-repair", action="append", metavar="RULE",
                          help="switch one repair rule off (repeatable); one of: "
                          + ", ".join(RULE_NAMES))
    pipeline.add_argument("--enable-repair", action="append", metavar="RULE",
                          help="switch on a rule that is off by default (repeatable); one of: "
                          + ", ".join(OFF_BY_DEFAULT))


def settings_from_args(args: argparse.Namespace, *, concurrency: int = 1) -> Settings:
    """Settings from the options over ``LLM_EXTRACT_*``; the embedded server gets one slot per
    request the command keeps in flight unless ``--slots``/``LLM_EXTRACT_SLOTS`` says otherwise
    (N requests on one slot would queue inside llama.cpp)."""
    return Settings.from_env(
        defaults={"slots": concurrency},
        base_url=args.base_url,
        model=args.model,
        api_key=args.api_key,
        mode=args.mode,
        prompt_version=args.prompt_version,
        model_path=args.model_path,
        server_binary=args.server_bin,
        threads=args.threads,
        slots=args.slots,
        max_tokens=args.max_tokens,
        timeout=args.timeout,
        max_reasks=args.max_reasks,
        repeat_stop=args.repeat_stop,
        window_chars=args.window_chars,
        whole_text_chars=args.whole_text_chars,
        window_overlap_chars=args.window_overlap_chars,
        max_text_chars=args.max_text_chars,
        repairs=args.repairs,
        recall_passes=args.recall_passes,
        reading=args.reading,
        contact_threshold=args.contact_threshold,
        disabled_repairs=tuple(args.disable_repair) if args.disable_repair else None,
        enabled_repairs=tuple(args.enable_repair) if args.enable_repair else None,
    )
