"""Do no harm: the gold records, given as the model's answer, come out of the post-model layer
unchanged — headline F1 1.000 on every dev article.

The dev articles are read at run time from the ``dev_set`` fixture (nothing of them is copied
here). The oracle answers the recall pass's re-reads with the gold records of the re-read
sentence, so the recall merge is exercised too; every repair rule is on, as in the default.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from llm_extract.evaluation.oracle import OracleExtractor
from llm_extract.evaluation.runner import discover_articles
from llm_extract.evaluation.scorer import score_article
from llm_extract.evaluation.splits import half_of
from llm_extract.settings import Settings


def _imperfect(dev_set: Path, settings: Settings) -> dict[str, str]:
    articles = discover_articles(dev_set)
    oracle = OracleExtractor.from_gold_dir(dev_set, settings)
    broken: dict[str, str] = {}
    for art in articles:
        result = oracle.extract(art.text_path.read_text(encoding="utf-8"),
                                published=art.published, language=art.language)
        score = score_article(art.gold, result.model_dump(mode="json"), article_id=art.id)
        micro = score.slots.micro
        f1 = micro.f1 if micro.gold or micro.pred else 1.0
        if score.missed or score.spurious or f1 < 1.0:
            changes = [f"{f.kind} {f.path}: {f.detail}" for f in result.flags]
            broken[art.id] = f"F1 {f1}; missed {score.missed}, spurious {score.spurious}; {changes}"
    return broken


# The default, and the article read in windows of paragraphs (each window answered with the
# gold records it reports), which most dev articles need at 400 characters.
@pytest.mark.parametrize("window_chars", [0, 400, 800], ids=["whole", "windows-400",
                                                          "windows-800"])
def test_gold_records_survive_the_whole_post_model_layer(
    dev_set: Path, window_chars: int
) -> None:
    broken = _imperfect(dev_set, Settings(window_chars=window_chars))
    assert broken == {}


def test_the_dev_set_splits_into_two_halves_of_every_language(dev_set: Path) -> None:
    ids = [a.id for a in discover_articles(dev_set)]
    halves = {i: half_of(i) for i in ids}
    assert abs(sum(h == "tune" for h in halves.values()) - len(ids) / 2) <= 1
    for lang in {i.split("_")[1] for i in ids if sum(j.endswith(i[-3:]) for j in ids) > 1}:
        assert {halves[i] for i in ids if i.endswith("_" + lang)} == {"tune", "check"}, lang
