"""Evidence grounding: a quote is the article's own exactly, or nearly word for word; never a
paraphrase, a stitched quote or a short quote with a wrong word."""

from __future__ import annotations

import pytest

from llm_extract.text.grounding import ground_evidence
from llm_extract.text.normalize import fold

TEXT = ("Ana Ribeiro received Kofi Mensah in Lisbon on Monday. Later she met the Dutch envoy.\n"
        "الرئيس عون استقبل الرئيس الحريري في قصر بعبدا صباح اليوم.")


def _quote(q: str) -> str | None:
    span = ground_evidence(fold(TEXT), q)
    return None if span is None else TEXT[span[0]:span[1]]


def test_an_exact_quote_is_found_as_written() -> None:
    assert _quote("Kofi Mensah in Lisbon") == "Kofi Mensah in Lisbon"


@pytest.mark.parametrize(("quote", "passage"), [
    # one word changed in a long Arabic quote ("رئيس" for "الرئيس")
    ("الرئيس عون استقبل رئيس الحريري في قصر بعبدا صباح اليوم",
     "الرئيس عون استقبل الرئيس الحريري في قصر بعبدا صباح اليوم"),
    # a word dropped
    ("Ana Ribeiro received Kofi Mensah in Lisbon Monday",
     "Ana Ribeiro received Kofi Mensah in Lisbon on Monday"),
], ids=["changed-word-ar", "dropped-word-en"])
def test_a_nearly_verbatim_quote_is_the_passage_it_copies(quote: str, passage: str) -> None:
    assert _quote(quote) == passage


@pytest.mark.parametrize("quote", [
    "Ribeiro and Mensah held talks in Lisbon about fisheries",  # a paraphrase
    "Ana Ribeiro received Kofi Mensah Later she met the Dutch envoy",  # stitched
    "Ana Ribeiro received the Ghanaian Kofi Mensah in Lisbon on Monday",  # two words added
    "Ribeiro receved Mensah",  # short: exact or nothing
], ids=["paraphrase", "stitched", "two-added", "short-misspelt"])
def test_what_the_article_does_not_say_word_for_word_is_not_found(quote: str) -> None:
    assert _quote(quote) is None
