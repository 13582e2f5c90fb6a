"""Turn loaded articles into what the template shows: marked-up text and record cards.

All the decisions about an article's page live here (direction, colours, which span to mark,
which slot is right or wrong) so that the template only lays things out. Records are shown as
rows: in an eval run a gold card beside the predicted card it aligns with, else one card each.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from dataclasses import dataclass, field

from markupsafe import Markup

from llm_extract.report._page import direction
from llm_extract.report.review.align import Mark, RecordPair, align_records
from llm_extract.report.review.loader import ReviewArticle
from llm_extract.report.review.spans import Highlight, markup, splits_cluster
from llm_extract.schema import Meeting, Participant, Span
from llm_extract.text.normalize import find_span, fold

__all__ = ["ArticleView", "CardView", "PersonView", "RowView", "build_article", "direction"]

PALETTE_SIZE = 8


@dataclass
class PersonView:
    """One participant as shown on a card, with the marks of its name and role slots."""

    p: Participant
    key: str | None
    name_mark: Mark | None = None
    role_mark: Mark | None = None


@dataclass
class CardView:
    """One record (gold or predicted) as a card; ``slots`` holds marks only in an eval run."""

    side: str
    number: int
    colour: int
    meeting: Meeting
    people: list[PersonView]
    evidence_key: str | None
    slots: dict[str, Mark] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


@dataclass
class RowView:
    """A line of the records grid: a gold/predicted pair, or one card alone."""

    colour: int
    verdict: str | None
    gold: CardView | None
    pred: CardView | None


@dataclass
class ArticleView:
    """Everything the template needs for one article section."""

    article: ReviewArticle
    lang: str | None
    dir: str
    body: Markup | None
    rows: list[RowView]
    statuses: list[str]
    has_error: bool
    has_mistake: bool
    marks: Counter[str]
    highlights: list[Highlight]


def _guess_lang(text: str | None) -> str | None:
    """A ``lang`` for unlabelled RTL text, so shaping and fonts are chosen for its script."""
    counts = Counter(unicodedata.bidirectional(ch) for ch in text or "")
    if counts["AL"] > counts["R"]:
        return "ar"
    return "he" if counts["R"] else None


class _Spans:
    """Collects the highlights of one article, locating strings when a span is missing."""

    def __init__(self, text: str | None, prefix: str) -> None:
        self.text = text
        self.prefix = prefix
        self.folded = fold(text) if text else None
        self.items: list[Highlight] = []

    def locate(self, value: str | None, within: tuple[int, int] | None = None
               ) -> tuple[int, int] | None:
        """Where ``value`` occurs: exactly, else after folding (harakat, spacing, hamza forms);
        inside ``within`` (the record's evidence) first, since a surname that opens the
        article is rarely the mention the record is about."""
        if not value or self.text is None or self.folded is None:
            return None
        if within is not None:
            start, end = within
            inner = _Spans(self.text[start:end], self.prefix).locate(value)
            if inner is not None:
                return inner[0] + start, inner[1] + start
        exact = self.text.find(value)
        if exact >= 0:
            return exact, exact + len(value)
        return find_span(self.folded, value)

    def add(self, key: str, span: Span | None, value: str | None, classes: str,
            notes: list[str], what: str, within: tuple[int, int] | None = None) -> str | None:
        """Add a highlight and return its key, or None (with a note) when it cannot be placed."""
        if self.text is None:
            return None
        where: tuple[int, int] | None = None
        if span is not None and span.start <= span.end <= len(self.text):
            where = (span.start, span.end)
            if value and self.text[span.start:span.end] != value:
                notes.append(f"{what}: text at the span differs from the value")
        else:
            if span is not None:
                notes.append(f"{what}: span [{span.start}, {span.end}) is outside the text")
            where = self.locate(value, within)
            if where is None:
                if value:
                    notes.append(f"{what}: not found in the text")
                return None
            if span is None and "gold" not in classes:
                notes.append(f"{what}: no span, located by search")
        if splits_cluster(self.text, *where):
            notes.append(f"{what}: span cuts a letter from its mark")
        full = f"{self.prefix}-{key}"
        self.items.append(Highlight(where[0], where[1], full, classes, value or ""))
        return full


def _card(side: str, number: int, colour: int, meeting: Meeting, spans: _Spans) -> CardView:
    gold = side == "gold"
    kind = "gold" if gold else "pred"
    card = CardView(side, number, colour, meeting, [], None)
    card.evidence_key = spans.add(
        f"{kind}{number}-ev", None if gold else meeting.evidence_span, meeting.evidence,
        f"hl hl-{kind}-ev c{colour}", card.notes, "evidence",
    )
    evidence = spans.items[-1] if card.evidence_key else None
    within = (evidence.start, evidence.end) if evidence else None
    for j, person in enumerate(meeting.participants):
        key = None
        if not gold:  # gold names are not marked: they would crowd the text
            key = spans.add(f"{kind}{number}-p{j}", person.name_span, person.name,
                            f"hl hl-name c{colour}", card.notes, f"name {person.name!r}",
                            within)
        card.people.append(PersonView(person, key))
    return card


def _apply_marks(pair: RecordPair, gold: CardView | None, pred: CardView | None) -> None:
    for card in (gold, pred):
        if card is not None:
            card.slots = dict(pair.slots)
    gold_people = {id(v.p): v for v in gold.people} if gold else {}
    pred_people = {id(v.p): v for v in pred.people} if pred else {}
    for pp in pair.participants:
        for view in (gold_people.get(id(pp.gold)), pred_people.get(id(pp.pred))):
            if view is not None:
                view.name_mark, view.role_mark = pp.name, pp.role


def _rows(article: ReviewArticle, spans: _Spans) -> tuple[list[RowView], Counter[str], bool]:
    pred = article.result.meetings if article.result else []
    if article.gold is None:
        rows = [RowView(i % PALETTE_SIZE, None, None, _card("pred", i + 1, i % PALETTE_SIZE, m,
                                                           spans)) for i, m in enumerate(pred)]
        return rows, Counter(), False
    rows = []
    marks: Counter[str] = Counter()
    mistake = False
    for n, pair in enumerate(align_records(article.gold, pred)):
        colour = n % PALETTE_SIZE
        gold = None if pair.gold is None or pair.gold_index is None else _card(
            "gold", pair.gold_index + 1, colour, pair.gold, spans)
        card = None if pair.pred is None or pair.pred_index is None else _card(
            "pred", pair.pred_index + 1, colour, pair.pred, spans)
        _apply_marks(pair, gold, card)
        verdict = "aligned" if gold and card else ("missed" if gold else "spurious")
        rows.append(RowView(colour, verdict, gold, card))
        marks.update(pair.marks)
        mistake = mistake or pair.has_mistake
    return rows, marks, mistake


def build_article(article: ReviewArticle, index: int) -> ArticleView:
    """The view of one article; ``index`` makes highlight keys unique across the page."""
    spans = _Spans(article.text, f"a{index}")
    rows, marks, mistake = _rows(article, spans)
    text_dir = direction(article.language, article.text)
    lang = article.language or (_guess_lang(article.text) if text_dir == "rtl" else None)
    body = Markup(markup(article.text, spans.items)) if article.text is not None else None
    shown = [*(article.result.meetings if article.result else []), *(article.gold or [])]
    statuses: list[str] = sorted({m.status for m in shown})
    return ArticleView(
        article=article, lang=lang, dir=text_dir, body=body, rows=rows,
        statuses=statuses or ["none"], has_error=article.error is not None,
        has_mistake=mistake, marks=marks, highlights=spans.items,
    )
