"""The machinery of the repair rules: a named, ordered table with one signature and off switches.

Every rule has the same shape, ``(records, article, flags) -> records``: it takes the records
as they stand, reads the article, appends a :class:`~llm_extract.schema.Flag` for every change
it makes, and returns the records it keeps (none, the same, changed or split). Most rules look
at one record at a time; :func:`per_record` lifts such a function into the one signature, so
the table does not care which kind it holds. Because each rule has a name, a user can switch one
off (``Settings.disabled_repairs``, ``--disable-repair``, ``LLM_EXTRACT_DISABLED_REPAIRS``) and a
benchmark can measure each one alone (``benchmarks/ablate_repairs.py``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace

from llm_extract.errors import ConfigurationError
from llm_extract.schema import Flag, Meeting
from llm_extract.text.article import Article

__all__ = ["Candidate", "Rule", "apply_rules", "per_record", "rule_names"]


@dataclass(frozen=True)
class Candidate:
    """A record under repair: the meeting, where it came from, and the sentence reporting it.

    ``path`` is the record's index in the answer the rules were given (``meetings[3]``), so
    flags point at what the model said even after earlier records were dropped or split.
    ``anchor`` is the source span of its reporting sentence (``quality.anchor``), computed once
    when the record enters the rules; None when no sentence names its people.
    """

    meeting: Meeting
    path: str
    anchor: tuple[int, int] | None

    def with_meeting(self, meeting: Meeting) -> Candidate:
        return replace(self, meeting=meeting)


RuleFn = Callable[[list[Candidate], Article, list[Flag]], list[Candidate]]
RecordFn = Callable[[Candidate, Article, list[Flag]], list[Candidate]]


@dataclass(frozen=True)
class Rule:
    """One repair: its name (the off switch), what it does (the guideline it enforces), and
    the function."""

    name: str
    apply: RuleFn
    doc: str
    on_by_default: bool = True

    @classmethod
    def of(cls, fn: RuleFn, name: str | None = None, *, on_by_default: bool = True) -> Rule:
        doc = (fn.__doc__ or "").strip().split("\n\n")[0]
        return cls(name or fn.__name__.strip("_"), fn, " ".join(doc.split()), on_by_default)


def per_record(fn: RecordFn) -> RuleFn:
    """A rule over the record list, made of ``fn`` applied to each record in turn."""

    def over_all(records: list[Candidate], article: Article, flags: list[Flag]) -> list[Candidate]:
        out: list[Candidate] = []
        for record in records:
            out += fn(record, article, flags)
        return out

    over_all.__name__ = fn.__name__
    over_all.__doc__ = fn.__doc__
    return over_all


def rule_names(rules: Iterable[Rule]) -> tuple[str, ...]:
    return tuple(r.name for r in rules)


def apply_rules(
    rules: Sequence[Rule], records: list[Candidate], article: Article,
    disabled: Iterable[str] = (), enabled: Iterable[str] = (),
) -> tuple[list[Candidate], list[Flag]]:
    """``records`` through every rule that is on, in table order: on by default or in
    ``enabled``, and not in ``disabled``.

    An unknown name in ``disabled`` or ``enabled`` is a :class:`ConfigurationError` (a typo
    must not silently leave a rule on, or off).
    """
    off = frozenset(disabled)
    on = frozenset(enabled)
    unknown = (off | on) - set(rule_names(rules))
    if unknown:
        raise ConfigurationError(
            f"unknown repair rule(s): {', '.join(sorted(unknown))}; "
            f"known: {', '.join(rule_names(rules))}"
        )
    flags: list[Flag] = []
    for rule in rules:
        if (rule.on_by_default or rule.name in on) and rule.name not in off:
            records = rule.apply(records, article, flags)
    return records, flags
