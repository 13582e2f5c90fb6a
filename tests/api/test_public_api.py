"""The curated public API: one sorted ``__all__`` that names every public export, and nothing
else is public by accident (modelled on httpx's tests/test_exported_members.py)."""

from __future__ import annotations

import llm_extract
import llm_extract.errors as errors


def test_all_is_sorted_and_unique() -> None:
    names = [n for n in llm_extract.__all__ if n != "__version__"]
    assert names == sorted(names, key=lambda n: (not n.isupper(), n))
    assert len(set(llm_extract.__all__)) == len(llm_extract.__all__)


def test_all_names_resolve() -> None:
    for name in llm_extract.__all__:
        assert hasattr(llm_extract, name), name


def test_every_error_class_is_exported_and_rooted() -> None:
    for name in errors.__all__:
        obj = getattr(errors, name)
        assert name in llm_extract.__all__, f"{name} missing from llm_extract.__all__"
        if isinstance(obj, type) and issubclass(obj, Exception):
            assert issubclass(obj, llm_extract.LLMExtractError), name


def test_no_stray_public_names() -> None:
    public = {n for n in dir(llm_extract) if not n.startswith("_")}
    modules = {n for n in public if type(getattr(llm_extract, n)).__name__ == "module"}
    assert public - modules - set(llm_extract.__all__) == set()


def test_the_package_says_it_is_typed() -> None:
    """PEP 561: ``py.typed`` ships beside the modules (hatch puts the whole package folder in
    the wheel), so users' type checkers read the annotations checked by ``mypy --strict``."""
    from importlib.resources import files

    assert files("llm_extract").joinpath("py.typed").is_file()
