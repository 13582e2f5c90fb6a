"""The reference scorer: the rules at the end of ``eval/GUIDELINES.md``, on plain dicts.

Input is the dict form of gold JSON (``{"meetings": [...]}``); a prediction may be any dict with
the same ``meetings`` field names (``ExtractionResult.model_dump(mode="json")`` is one; extra
fields are ignored), so scoring never depends on the pydantic models or a model run.

Rule 1 (names): a predicted ``name`` scores 1 against a gold participant when its
:func:`~llm_extract.text.normalize.normalize_name` form equals the gold name or an alias, 0.5
when its tokens are a proper subset of the tokens of one of them (the surname alone), else 0.
Only the predicted ``name`` is compared, not predicted aliases: the rule says "a predicted
name". An unnamed gold participant scores 1 against an unnamed prediction with the same country and
organization. Within a record pair participants are matched one-to-one (Hungarian assignment on
these scores; among equal totals the pairing with more matching roles wins).

Rule 2 (records): per article, gold and predicted records are aligned one-to-one by maximum total
participant overlap (the sum of matched name scores), Hungarian again; a pair with zero overlap
is not aligned. Among alignments with the same total overlap, the one agreeing on more other
slots is chosen (a lexicographic tie-break, so it never trades overlap for anything else): two
records with the same people on different days then pair with the right day. Unaligned gold
records are missed and unaligned predictions spurious, with all their slots.

Rule 3 (slots): per aligned pair, each participant's name and name plus role (a half-matched
name is worth 0.5 in both), ``status``, ``modality``, ``location`` (the city, compared
normalized, or the country when the gold city is null) and ``date`` (only when gold has one: a
predicted date beside a null gold date is neither rewarded nor punished). A null location is not
a slot, so a predicted location where gold has none is a false positive and a missing one a
false negative; when gold has a city, a prediction with only a country is a false negative.
A missed or spurious record counts every slot it has (its date and location only when set).
Names whose tokens are the gold tokens reordered score 0: neither equal nor a proper subset.
How fractional true positives enter P/R/F1 is described in :mod:`.counts`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from scipy.optimize import linear_sum_assignment

from llm_extract.evaluation.counts import ArticleScore, Counts, SlotCounts
from llm_extract.text.normalize import normalize_name

__all__ = [
    "align_records",
    "language_of",
    "match_participants",
    "name_score",
    "score_article",
]

Record = Mapping[str, Any]


def _text(value: Any) -> str | None:
    """The normalized form of a string value, None when absent or blank."""
    if not isinstance(value, str):
        return None
    norm = normalize_name(value)
    return norm or None


def _code(value: Any) -> str | None:
    return (value.strip().upper() or None) if isinstance(value, str) else None


def _records(doc: Mapping[str, Any] | None) -> list[Record]:
    """The meeting dicts of a gold or predicted document, tolerating malformed predictions."""
    meetings = doc.get("meetings") if isinstance(doc, Mapping) else None
    return [m for m in meetings if isinstance(m, Mapping)] if isinstance(meetings, list) else []


def _participants(record: Record) -> list[Record]:
    parts = record.get("participants")
    return [p for p in parts if isinstance(p, Mapping)] if isinstance(parts, list) else []


def name_score(pred: Record, gold: Record) -> float:
    """Rule 1: 1.0 full match, 0.5 proper token subset (surname alone), 0.0 otherwise."""
    pred_name, gold_name = _text(pred.get("name")), _text(gold.get("name"))
    if gold_name is None:
        same = (
            pred_name is None
            and _code(pred.get("country")) == _code(gold.get("country"))
            and _text(pred.get("organization")) == _text(gold.get("organization"))
        )
        return 1.0 if same else 0.0
    if pred_name is None:
        return 0.0
    aliases = gold.get("aliases")
    forms = [gold_name, *(_text(a) for a in aliases)] if isinstance(aliases, list) else [gold_name]
    names = [f for f in forms if f]
    if pred_name in names:
        return 1.0
    tokens = frozenset(pred_name.split())
    return 0.5 if any(tokens < frozenset(f.split()) for f in names) else 0.0


def _same(a: Any, b: Any) -> bool:
    """Enum-like values (status, modality, role) agree: both present and equal case-folded."""
    if not (isinstance(a, str) and isinstance(b, str)):
        return False
    return a.strip().casefold() == b.strip().casefold()


def _assign(weights: Sequence[Sequence[int]]) -> list[tuple[int, int]]:
    """Hungarian assignment maximizing the total weight; pairs of weight 0 are not kept."""
    if not weights or not weights[0]:
        return []
    rows, cols = linear_sum_assignment(np.asarray(weights, dtype=np.int64), maximize=True)
    return [(int(r), int(c)) for r, c in zip(rows, cols, strict=True) if weights[r][c] > 0]


def match_participants(
    gold: Sequence[Record], pred: Sequence[Record]
) -> list[tuple[int, int, float]]:
    """One-to-one participant matching: ``(gold_index, pred_index, name_score)`` per match.

    Weights are name scores in half points, scaled so that a role agreement only breaks ties.
    """
    scale = min(len(gold), len(pred)) + 1
    scores = [[name_score(p, g) for p in pred] for g in gold]
    weights = [
        [round(2 * s) * scale + (1 if s and _same(g.get("role"), p.get("role")) else 0)
         for s, p in zip(row, pred, strict=True)]
        for row, g in zip(scores, gold, strict=True)
    ]
    return [(gi, pi, scores[gi][pi]) for gi, pi in _assign(weights) if scores[gi][pi] > 0]


def _location(record: Record) -> tuple[str | None, str | None]:
    loc = record.get("location")
    if not isinstance(loc, Mapping):
        return None, None
    return _text(loc.get("city")), _code(loc.get("country"))


def _location_counts(gold: Record, pred: Record) -> tuple[float, float, float]:
    """(tp, pred, gold) of the location slot: city when gold has one, else country."""
    g_city, g_country = _location(gold)
    p_city, p_country = _location(pred)
    if g_city is not None:
        g_key, p_key = g_city, p_city
    elif g_country is not None:
        g_key, p_key = g_country, p_country
    else:
        g_key, p_key = None, p_city or p_country
    tp = 1.0 if g_key is not None and g_key == p_key else 0.0
    return tp, float(p_key is not None), float(g_key is not None)


def _date_counts(gold: Record, pred: Record) -> tuple[float, float, float]:
    """(tp, pred, gold) of the date slot, which exists only when gold has a date."""
    g_date, p_date = gold.get("date"), pred.get("date")
    if not isinstance(g_date, str) or not g_date.strip():
        return 0.0, 0.0, 0.0
    p_present = isinstance(p_date, str) and bool(p_date.strip())
    tp = 1.0 if p_present and str(p_date).strip() == g_date.strip() else 0.0
    return tp, float(p_present), 1.0


def _pair_slots(gold: Record, pred: Record, matches: list[tuple[int, int, float]]) -> SlotCounts:
    """Rule 3: the slot counts of one aligned pair."""
    counts = SlotCounts()
    g_parts, p_parts = _participants(gold), _participants(pred)
    name_tp = sum(score for _, _, score in matches)
    role_tp = sum(
        score for gi, pi, score in matches
        if _same(g_parts[gi].get("role"), p_parts[pi].get("role"))
    )
    counts.add("participant", name_tp, len(p_parts), len(g_parts))
    counts.add("participant_role", role_tp, len(p_parts), len(g_parts))
    for slot in ("status", "modality"):
        g_val, p_val = gold.get(slot), pred.get(slot)
        counts.add(slot, float(_same(g_val, p_val)), float(isinstance(p_val, str)),
                   float(isinstance(g_val, str)))
    counts.add("location", *_location_counts(gold, pred))
    counts.add("date", *_date_counts(gold, pred))
    return counts


def _alone_slots(record: Record, *, side: str) -> SlotCounts:
    """All slots of an unaligned record, counted on its own side (missed or spurious)."""
    counts = SlotCounts()
    n = float(len(_participants(record)))
    city, country = _location(record)
    date = record.get("date")
    present = {
        "participant": n, "participant_role": n,
        "status": float(isinstance(record.get("status"), str)),
        "modality": float(isinstance(record.get("modality"), str)),
        "location": float(city is not None or country is not None),
        "date": float(isinstance(date, str) and bool(date.strip())),
    }
    for slot, value in present.items():
        counts.add(slot, 0.0, value if side == "pred" else 0.0, value if side == "gold" else 0.0)
    return counts


def _tie_break(slots: SlotCounts) -> int:
    """Agreement on slots other than names, in half points, used only to break overlap ties."""
    s = slots.slots
    return round(2 * s["participant_role"].tp) + round(
        s["status"].tp + s["modality"].tp + s["location"].tp + s["date"].tp
    )


def align_records(
    gold: Sequence[Record], pred: Sequence[Record]
) -> tuple[list[tuple[int, int, float]], dict[tuple[int, int], SlotCounts]]:
    """Rule 2: ``(gold_index, pred_index, overlap)`` pairs, and the slot counts of every pair."""
    pair_slots: dict[tuple[int, int], SlotCounts] = {}
    overlap: dict[tuple[int, int], float] = {}
    most_people = 0
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            matches = match_participants(_participants(g), _participants(p))
            overlap[gi, pi] = sum(score for _, _, score in matches)
            pair_slots[gi, pi] = _pair_slots(g, p, matches)
            most_people = max(most_people, len(_participants(g)), len(_participants(p)))
    scale = min(len(gold), len(pred)) * (2 * most_people + 4) + 1
    weights = [
        [round(2 * overlap[gi, pi]) * scale + _tie_break(pair_slots[gi, pi])
         if overlap[gi, pi] > 0 else 0 for pi in range(len(pred))]
        for gi in range(len(gold))
    ]
    pairs = [(gi, pi, overlap[gi, pi]) for gi, pi in _assign(weights) if overlap[gi, pi] > 0]
    return pairs, pair_slots


def language_of(doc: Mapping[str, Any] | None, article_id: str) -> str | None:
    """The gold ``language``, else the id suffix (``012_ar`` is Arabic)."""
    lang = doc.get("language") if isinstance(doc, Mapping) else None
    if isinstance(lang, str) and lang.strip():
        return lang.strip()
    return article_id.rsplit("_", 1)[1] if "_" in article_id else None


def score_article(
    gold: Mapping[str, Any], pred: Mapping[str, Any] | None, *, article_id: str | None = None
) -> ArticleScore:
    """Score one article; ``pred=None`` (no prediction file) counts as an empty prediction."""
    ident = article_id or str(gold.get("id") or "")
    g_recs, p_recs = _records(gold), _records(pred)
    pairs, pair_slots = align_records(g_recs, p_recs)
    slots = SlotCounts()
    for gi, pi, _ in pairs:
        slots += pair_slots[gi, pi]
    missed = sorted(set(range(len(g_recs))) - {gi for gi, _, _ in pairs})
    spurious = sorted(set(range(len(p_recs))) - {pi for _, pi, _ in pairs})
    for gi in missed:
        slots += _alone_slots(g_recs[gi], side="gold")
    for pi in spurious:
        slots += _alone_slots(p_recs[pi], side="pred")
    return ArticleScore(
        id=ident,
        language=language_of(gold, ident),
        slots=slots,
        records=Counts(float(len(pairs)), float(len(p_recs)), float(len(g_recs))),
        aligned=pairs,
        missed=missed,
        spurious=spurious,
    )
