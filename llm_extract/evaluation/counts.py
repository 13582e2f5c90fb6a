"""Plain count containers of the evaluation, their corpus sums, and how they become P/R/F1.

Partial credit enters as a fractional true positive: a half-matched name adds 0.5 to ``tp`` while
its predicted and gold slots still count 1 each in ``pred`` and ``gold``. So precision is
``tp / pred`` and recall ``tp / gold`` with the same fractional ``tp``; the missing half is
both a false positive and a false negative (``fp = pred - tp``, ``fn = gold - tp``).

Zero denominators: when nothing was predicted and nothing was expected, precision, recall and
F1 are 1.0 (a correct "nothing here"); otherwise an empty side gives 0.0, never a division error.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

__all__ = [
    "SLOTS",
    "ArticleScore",
    "CorpusScore",
    "Counts",
    "EmptyArticles",
    "LanguageScore",
    "SlotCounts",
    "score_corpus",
]

# The slot kinds of rule 3, in report order; the headline is the micro sum over all of them.
SLOTS: tuple[str, ...] = (
    "participant", "participant_role", "status", "modality", "location", "date",
)


@dataclass
class Counts:
    """True positives (possibly fractional) against predicted and gold slot counts."""

    tp: float = 0.0
    pred: float = 0.0
    gold: float = 0.0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.pred + other.pred, self.gold + other.gold)

    @property
    def precision(self) -> float:
        if self.pred == 0:
            return 1.0 if self.gold == 0 else 0.0
        return self.tp / self.pred

    @property
    def recall(self) -> float:
        if self.gold == 0:
            return 1.0 if self.pred == 0 else 0.0
        return self.tp / self.gold

    @property
    def f1(self) -> float:
        if self.pred == 0 and self.gold == 0:
            return 1.0
        p, r = self.precision, self.recall
        return 0.0 if p + r == 0 else 2 * p * r / (p + r)

    def to_dict(self) -> dict[str, float]:
        """JSON-ready counts with the derived figures (rounded for reading, not for summing)."""
        return {
            "tp": self.tp, "pred": self.pred, "gold": self.gold,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Counts:
        return cls(float(data["tp"]), float(data["pred"]), float(data["gold"]))


def _empty_slots() -> dict[str, Counts]:
    return {slot: Counts() for slot in SLOTS}


@dataclass
class SlotCounts:
    """Counts per slot kind; ``micro`` is their sum, the headline figure."""

    slots: dict[str, Counts] = field(default_factory=_empty_slots)

    def add(self, slot: str, tp: float, pred: float, gold: float) -> None:
        c = self.slots[slot]
        c.tp += tp
        c.pred += pred
        c.gold += gold

    def __iadd__(self, other: SlotCounts) -> SlotCounts:
        for slot, c in other.slots.items():
            self.add(slot, c.tp, c.pred, c.gold)
        return self

    @property
    def micro(self) -> Counts:
        total = Counts()
        for c in self.slots.values():
            total = total + c
        return total

    def to_dict(self) -> dict[str, dict[str, float]]:
        return {slot: c.to_dict() for slot, c in self.slots.items()}


@dataclass
class ArticleScore:
    """One article scored: slot counts, record counts and the alignment that produced them.

    ``aligned`` holds ``(gold_index, pred_index, participant_overlap)``; ``missed`` and
    ``spurious`` are the indices of unaligned gold and predicted records.
    """

    id: str
    language: str | None
    slots: SlotCounts
    records: Counts
    aligned: list[tuple[int, int, float]] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)
    spurious: list[int] = field(default_factory=list)

    @property
    def gold_records(self) -> int:
        return int(self.records.gold)

    @property
    def pred_records(self) -> int:
        return int(self.records.pred)


@dataclass
class LanguageScore:
    """The figures of one language's articles."""

    articles: int = 0
    slots: SlotCounts = field(default_factory=SlotCounts)
    records: Counts = field(default_factory=Counts)


@dataclass
class EmptyArticles:
    """Articles whose gold has no record, and the records predicted on them anyway."""

    articles: int = 0
    with_false_records: int = 0
    false_records: int = 0


@dataclass
class CorpusScore:
    """Micro sums over all articles, with per-language and gold-empty breakdowns."""

    articles: list[ArticleScore] = field(default_factory=list)
    slots: SlotCounts = field(default_factory=SlotCounts)
    records: Counts = field(default_factory=Counts)
    languages: dict[str, LanguageScore] = field(default_factory=dict)
    empty: EmptyArticles = field(default_factory=EmptyArticles)

    @property
    def micro(self) -> Counts:
        """The headline: micro P/R/F1 over all slots of all articles."""
        return self.slots.micro


def score_corpus(articles: Iterable[ArticleScore]) -> CorpusScore:
    """Sum article scores into the corpus figures."""
    corpus = CorpusScore()
    for art in articles:
        corpus.articles.append(art)
        corpus.slots += art.slots
        corpus.records = corpus.records + art.records
        lang = corpus.languages.setdefault(art.language or "unknown", LanguageScore())
        lang.articles += 1
        lang.slots += art.slots
        lang.records = lang.records + art.records
        if art.gold_records == 0:
            corpus.empty.articles += 1
            corpus.empty.false_records += art.pred_records
            corpus.empty.with_false_records += int(art.pred_records > 0)
    return corpus
