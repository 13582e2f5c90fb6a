"""The oracle: gold records given to the post-model layer as if a perfect model had written them.

"Do no harm" made measurable. For each gold article, the gold records become the model's first
answer (in the wire format the model writes), and every re-read of the recall pass is answered
with the gold records whose evidence lies in the sentence re-read — what a perfect model reading
that sentence alone would say. Grounding, the recall merge, the repair rules and
de-duplication then run exactly as on a real answer (:func:`llm_extract.quality.postprocess.
post_model`), and the result is scored against the same gold. Anything below 1.000 is a record
the layer broke: ``llm-extract eval GOLD_DIR --oracle`` shows which.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from llm_extract.errors import ConfigurationError
from llm_extract.evaluation.runner import discover_articles
from llm_extract.inputs import InputFormat, check_published, check_text, read_source
from llm_extract.model.contacts import number_sentences
from llm_extract.model.provenance import build_provenance
from llm_extract.model.wire import ContactAnswer, WireOutput
from llm_extract.quality.postprocess import PostModel, post_model
from llm_extract.quality.repair import RULE_NAMES
from llm_extract.schema import ExtractionResult
from llm_extract.settings import Settings
from llm_extract.text.article import Article, Window, readings
from llm_extract.text.normalize import find_span

__all__ = ["ORACLE_PROMPT_VERSION", "OracleExtractor", "gold_as_wire"]

ORACLE_PROMPT_VERSION = "oracle"


def _wire_meeting(record: Mapping[str, Any]) -> dict[str, Any]:
    location = record.get("location") or {}
    return {
        "evidence": record.get("evidence"),
        "status": record.get("status"),
        "modality": record.get("modality"),
        "date": record.get("date"),
        "city": location.get("city"),
        "country": location.get("country"),
        "participants": [
            {"name": p.get("name"), "title": p.get("title"),
             "organization": p.get("organization"), "country": p.get("country"),
             "role": p.get("role")}
            for p in record.get("participants") or []
        ],
        "topics": list(record.get("topics") or [])[:3],
    }


def gold_as_wire(records: Sequence[Mapping[str, Any]]) -> WireOutput:
    """Gold records in the shape the model writes (aliases have no wire field)."""
    return WireOutput.model_validate({"meetings": [_wire_meeting(r) for r in records]})


def _contacts(article: Article, records: Sequence[Mapping[str, Any]]) -> list[ContactAnswer]:
    """The contact-by-contact reading's answers, from the gold: each gold record is the
    answer of the sentence its evidence starts in (the first sentence asked about when its
    evidence is not found), found with certainty; every other sentence is found with none."""
    numbered = number_sentences(article.text, article.sentences)
    asked = numbered.asked() or [1]
    by_sentence: dict[int, list[Mapping[str, Any]]] = {n: [] for n in asked}
    for record in records:
        evidence = record.get("evidence")
        span = find_span(article.folded, evidence) if evidence else None
        home = asked[0]
        if span is not None:
            home = next((n for n in asked if numbered.spans[n - 1][0] <= span[0]
                         < numbered.spans[n - 1][1]), home)
        by_sentence[home].append(record)
    return [ContactAnswer(numbered.spans[n - 1], 1.0 if found else 0.0,
                          gold_as_wire(found) if found else None)
            for n, found in by_sentence.items()]


class OracleExtractor:
    """An extractor whose "model" answers from the gold files of one folder.

    Args:
        gold: gold documents (the parsed ``NNN.json`` files), looked up by article text.
        texts: the article text of each gold document, in the same order.
        settings: ``window_chars``, ``window_overlap_chars``, ``recall_passes``, ``repairs``
            and ``disabled_repairs`` are honoured, so a rule can be switched off on the oracle
            as on a real run.
    """

    def __init__(
        self, gold: Sequence[Mapping[str, Any]], texts: Sequence[str],
        settings: Settings | None = None,
    ) -> None:
        self.settings = settings or Settings()
        unknown = sorted(set(self.settings.disabled_repairs + self.settings.enabled_repairs)
                         - set(RULE_NAMES))
        if unknown:
            raise ConfigurationError(f"unknown repair rule(s) to disable: {', '.join(unknown)}")
        self._by_text = {text: doc for doc, text in zip(gold, texts, strict=True)}

    @classmethod
    def from_gold_dir(cls, gold_dir: Path, settings: Settings | None = None) -> OracleExtractor:
        articles = discover_articles(gold_dir)
        return cls([a.gold for a in articles],
                   [a.text_path.read_text(encoding="utf-8") for a in articles], settings)

    def extract(
        self, text: str | bytes, *, published: str | dt.date | None = None,
        language: str | None = None, prompt_version: str | None = None,
        format: InputFormat = "auto",
    ) -> ExtractionResult:
        """``prompt_version`` makes this a :class:`~llm_extract.protocols.SupportsExtract`
        and is ignored: the oracle asks no model (:data:`ORACLE_PROMPT_VERSION`). A web page
        (``format``) is read as the pipeline reads it; its main text must be a gold text."""
        s = self.settings
        text, source = read_source(text, format)
        text = check_text(text, s.max_text_chars)
        published_iso = check_published(published) or (source.page_published if source else None)
        doc = self._by_text.get(text)
        if doc is None:
            raise ConfigurationError("the oracle has no gold file for this text")
        records = list(doc.get("meetings") or [])
        article = Article(text, published_iso, language)

        def reread(lo: int, hi: int) -> WireOutput | str:
            if (lo, hi) == (0, len(text)):
                return gold_as_wire(records)
            inside = []
            for record in records:
                evidence = record.get("evidence")
                span = find_span(article.folded, evidence) if evidence else None
                if span is not None and lo <= span[0] and span[1] <= hi:
                    inside.append(record)
            return gold_as_wire(inside)

        first: list[tuple[Window, WireOutput | str]] = [
            (win, reread(win.lo, win.hi))
            for win in readings(article, s.window_chars, s.window_overlap_chars,
                             s.whole_text_chars)]
        contacts = (_contacts(article, records)
                    if s.reading == "contacts" and len(first) == 1 else None)
        meetings, flags = post_model(article, first, reread, PostModel(
            recall_passes=s.recall_passes, repairs=s.repairs,
            disabled_repairs=s.disabled_repairs, enabled_repairs=s.enabled_repairs),
            contacts=contacts)
        provenance = build_provenance(
            text, source, prompt_version=ORACLE_PROMPT_VERSION, model="gold", endpoint="gold",
            endpoint_kind="oracle", mode="none", repairs=s.repairs,
            recall_passes=s.recall_passes, attempts=0, latency_s=0.0, language=language,
            published=published_iso)
        return ExtractionResult(meetings=meetings, flags=flags, provenance=provenance)
