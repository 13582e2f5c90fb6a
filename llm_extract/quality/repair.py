"""The repair rules: deterministic corrections of what a small model gets wrong in set ways.

Each rule reads the sentence of the article that reports a record (its *anchor*: the sentence
naming most of its people, ``quality.anchor``) and enforces one part of the annotation
guidelines (``eval/GUIDELINES.md``) from a surface cue there. They run in the order of
:data:`RULES`; each can be switched off by name (``Settings.disabled_repairs``) and measured
alone (``benchmarks/ablate_repairs.py``). Every change is recorded as a ``repaired``,
``dropped_meeting`` or ``duplicate`` flag, so a user can see what was overridden.

The rule every rule must keep: a correct answer passes unchanged. The oracle test feeds the
gold records of the dev set through this layer as if the model had given them
(``llm-extract eval GOLD --oracle``); a rule that changes a correct record is narrowed or
removed, whatever it gains elsewhere.

This module holds the table of the rules, in order, and the entry point :func:`repair`. The rules
themselves are in ``quality.rules``, one module per decision (``people``, ``judge``,
``existence``, ``medium_status``, ``place``, ``roles``, ``date``); telling two reports of one
contact apart, and which clause is a record's own, is ``quality.dedupe``; what a record's own
clause says about each field is read in ``quality.readers``.
"""

from __future__ import annotations

from llm_extract.quality.anchor import anchor_sentence
from llm_extract.quality.dedupe import merge_duplicates, merge_same_day, no_unknown_part
from llm_extract.quality.registry import Candidate, Rule, RuleFn, apply_rules
from llm_extract.quality.rules.date import date_from_article
from llm_extract.quality.rules.existence import (
    no_contact_no_record,
    no_hypothetical,
    no_lone_unknown,
    no_one_sided_call,
    split_separate,
)
from llm_extract.quality.rules.judge import (
    JUDGE_SURE,
    medium_from_model,
    no_contact_by_model,
    status_from_model,
)
from llm_extract.quality.rules.medium_status import (
    in_person_from_cue,
    medium_from_cue,
    status_from_cue,
)
from llm_extract.quality.rules.people import (
    country_from_demonym,
    no_institutions,
    titles_off_names,
)
from llm_extract.quality.rules.place import place_from_article, place_from_clause
from llm_extract.quality.rules.roles import (
    no_host_met_with,
    no_host_without_sign,
    roles_from_cue,
    roles_from_place,
)
from llm_extract.schema import Flag, Meeting
from llm_extract.text.article import Article

__all__ = ["JUDGE_SURE", "OFF_BY_DEFAULT", "RULES", "RULE_NAMES", "repair"]

# ``JUDGE_SURE`` (how sure the model must be, asked again, before its answer replaces a
# record's value) is defined beside the rules that read it, ``quality.rules.judge``.

# -- the table --------------------------------------------------------------------------------
# Each rule takes one record (or, for de-duplication, all of them) and returns what it keeps;
# the de-duplication rules, last in the table, are ``quality.dedupe``'s. The order matters: a
# rule sees the records as the rules before it left them (the medium, for one, is decided
# before the place and the roles that depend on it).

# Off by default: rules that did not help on the check sets (dev2, sentences) however they
# did on dev, or that gained nothing on dev and change a correct record of a check set
# (``no_host_without_sign``); selectable by name (``Settings.enabled_repairs``,
# ``--enable-repair``). Measured with ``benchmarks/quality_sets.py --ablate``
# (BENCHMARKS.md#repair-rules).
_OFF_BY_DEFAULT: frozenset[RuleFn] = frozenset({no_lone_unknown, place_from_clause,
                                                     no_host_without_sign})

RULES: tuple[Rule, ...] = tuple(Rule.of(fn, on_by_default=fn not in _OFF_BY_DEFAULT) for fn in (
    titles_off_names,
    no_institutions,
    no_contact_by_model,
    medium_from_model,
    status_from_model,
    no_lone_unknown,
    no_hypothetical,
    no_contact_no_record,
    medium_from_cue,
    no_one_sided_call,
    status_from_cue,
    country_from_demonym,
    place_from_article,
    place_from_clause,
    in_person_from_cue,
    roles_from_cue,
    no_host_met_with,
    roles_from_place,
    no_host_without_sign,
    date_from_article,
    split_separate,
    merge_duplicates,
    merge_same_day,
    no_unknown_part,
))
RULE_NAMES: tuple[str, ...] = tuple(r.name for r in RULES)
OFF_BY_DEFAULT: tuple[str, ...] = tuple(r.name for r in RULES if not r.on_by_default)


def repair(
    meetings: list[Meeting], article: Article, *, disabled: tuple[str, ...] = (),
    enabled: tuple[str, ...] = (),
) -> tuple[list[Meeting], list[Flag]]:
    """``meetings`` through the rules of :data:`RULES` that are on (by default, or
    ``enabled``) and not ``disabled``, and their flags."""
    records = [Candidate(m, f"meetings[{i}]",
                         anchor_sentence(m, article, article.language))
               for i, m in enumerate(meetings)]
    kept, flags = apply_rules(RULES, records, article, disabled, enabled)
    return [r.meeting for r in kept], flags
