"""The article value: sentences and windows computed once, offsets into the original text."""

from __future__ import annotations

import itertools

from llm_extract.text.article import Article, readings, windows
from llm_extract.text.language import detect_language

_PARAS = [
    "Ana Ribeiro, the Portuguese Foreign Minister, received her Ghanaian counterpart Kofi "
    "Mensah in Lisbon on Monday.",
    "The two discussed trade and a new direct flight between the capitals.",
    "Later, Ribeiro spoke by phone with the Dutch Foreign Minister, Pieter de Vries.",
]


def test_sentences_are_spans_of_the_original_text() -> None:
    text = "\n".join(_PARAS)
    article = Article(text)
    assert [text[lo:hi] for lo, hi in article.sentences] == [p.rstrip(".") for p in _PARAS]


def test_a_short_article_is_one_window_and_a_long_one_whole_paragraphs() -> None:
    text = "\n\n".join(_PARAS)
    assert windows(Article(text), 0) == ((0, len(text)),)
    assert windows(Article(text), len(text)) == ((0, len(text)),)
    spans = windows(Article(text), 200)
    assert len(spans) == 2
    assert [text[lo:hi] for lo, hi in spans] == [
        _PARAS[0] + "\n\n" + _PARAS[1], _PARAS[2]]  # paragraphs gathered, never cut


def test_a_paragraph_longer_than_a_window_is_cut_at_sentence_ends() -> None:
    text = " ".join(_PARAS)  # one paragraph
    spans = windows(Article(text), 120)
    assert len(spans) == 3
    assert all(text[lo:hi].endswith(("Monday", "capitals", "Vries")) for lo, hi in spans)


def test_the_language_is_detected_when_not_given() -> None:
    assert detect_language(" ".join(_PARAS)) == "en"
    assert detect_language("استقبل وزير الخارجية العراقي نظيره الأردني في بغداد اليوم") == "ar"
    assert detect_language("Le ministre a reçu son homologue ghanéen à Lisbonne lundi.") == "fr"
    assert detect_language("Hi") is None  # too short to tell: every cue table is used


def test_overlapping_readings_partition_the_text_by_their_cores() -> None:
    paragraphs = [f"Paragraph {i} says that minister {i} met envoy {i}. It was brief." for i in
                  range(60)]
    text = "\n".join(paragraphs)  # one section: a long report's paragraphs
    article = Article(text)
    spans = readings(article, 500, overlap_chars=120)
    assert len(spans) > 5
    assert spans[0].lo == spans[0].core == 0 and spans[-1].hi == len(text)
    starts = {lo for lo, _ in article.sentences}
    for before, after in itertools.pairwise(spans):
        assert before.hi <= after.core  # cores do not overlap ...
        assert not text[before.hi:after.core].strip()  # ... and leave nothing unread
        assert after.lo in starts and after.core - after.lo <= 120  # whole sentences of context
        assert before.core <= after.lo < after.core
        assert after.hi - after.core <= 500
    assert readings(article, 500, overlap_chars=0) == tuple(
        (lo, hi, lo) for lo, hi in windows(article, 500))
    assert readings(article, 0, overlap_chars=120) == ((0, len(text), 0),)


def test_a_text_short_enough_is_read_whole() -> None:
    text = "\n\n".join(_PARAS)
    assert readings(Article(text), 100, overlap_chars=50, whole_chars=len(text)) == (
        (0, len(text), 0),)
    assert len(readings(Article(text), 100, overlap_chars=50, whole_chars=len(text) - 1)) > 1
