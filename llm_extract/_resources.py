"""Where the versioned prompt templates and exported JSON Schemas live.

In a source checkout (and an editable install) they are the top-level ``prompts/`` and
``schemas/`` folders; a built wheel carries them as ``llm_extract/_data/{prompts,schemas}``.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["prompts_dir", "schemas_dir"]

_PACKAGE = Path(__file__).resolve().parent


def _find(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    return _PACKAGE.parent / name


def prompts_dir() -> Path:
    return _find("prompts")


def schemas_dir() -> Path:
    return _find("schemas")
