"""Writing a command's ``-o`` file: checked before the model is paid for, replaced atomically.

Why: ``extract -o /no/such/dir/out.json`` used to call the model first and fail afterwards,
and a crash or a full disk mid-write left a truncated JSON that looked like a result. The path
is now checked (its folder created, a file creatable in it, not a folder itself) before any
work, and the text goes to a temporary file in the same folder that is renamed over the target
only once complete (:func:`llm_extract._io.write_atomic`, the one atomic write of the tool).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from llm_extract._io import write_atomic
from llm_extract.errors import InputError

__all__ = ["check_output", "write_atomic"]


def check_output(path: Path) -> None:
    """Raise :class:`InputError` unless ``path`` can be written (creating its folder)."""
    if path.is_dir():
        raise InputError(f"output {path} is a folder, not a file")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{path.name}.",
                                         suffix=".check"):
            pass
    except OSError as exc:
        raise InputError(f"cannot write {path}: {exc.strerror or exc}") from None

