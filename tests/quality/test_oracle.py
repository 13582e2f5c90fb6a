"""Do no harm: the gold records, given as the model's answer, come out of the post-model layer
unchanged — headline F1 1.000 on every dev article, and on every article of the check sets
beside it (``dev2``, ``sentences``) but the few named below with why.

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
    broken = _imperfect(dev_set, Settings(window_chars=window_chars, whole_text_chars=0))
    assert broken == {}


# The check sets' articles whose gold the layer still changes, each with why; a rule must not
# be tuned on these sets, so they are named here rather than fixed with a cue read off them.
# The test fails when another article breaks, and when one of these comes out whole again.
KNOWN_HARM: dict[str, dict[str, str]] = {
    "dev2": {
        "002_es": "two records identical in every field (meetings 'with Italy and Portugal', "
                  "the states unnamed): the duplicate rule merges them",
        "006_fr": "a visit and the reception 'qu'il recevra ensuite' as one held record: the "
                  "future word makes it planned (the set's README lists it as a doubt)",
        "012_es": "'sostiene una reunión ... en la casa de la transición' (his own house): "
                  "no_host_met_with reads 'reunión' with no word of receiving as no host; the "
                  "rule stays on, it helped on dev2 and sentences (BENCHMARKS.md#repair-rules)",
        "014_zh": "two one-party records of one sentence, one with a place and one without: "
                  "merged as one contact",
    },
    "sentences": {
        "027_en": "'met ... at their political headquarters in Qatar': no_host_met_with makes "
                  "the hosts participants (it stays on, as for dev2's 012_es)",
        "034_en": "'Sheikh Sharif': Sheikh is taken for a title and removed",
        "085_en": "a meeting 'at the organization headquarters' (the IMF's, Washington): the "
                  "article names neither the city nor its state, so the city is taken for a "
                  "copy and dropped; no_host_met_with makes host and guest participants",
    },
}


def _check_set(dev_set: Path, name: str) -> Path:
    path = dev_set.parent / name  # beside the dev set: ../shared/eval/dev2
    if not (path.is_dir() and any(path.glob("*.json"))):
        pytest.skip(f"no {name} set at {path}")
    return path


@pytest.mark.parametrize("name", sorted(KNOWN_HARM))
def test_gold_records_of_the_check_sets_survive_the_post_model_layer(
    dev_set: Path, name: str
) -> None:
    broken = _imperfect(_check_set(dev_set, name), Settings())
    assert sorted(broken) == sorted(KNOWN_HARM[name]), broken


@pytest.mark.parametrize("name", ["dev", *sorted(KNOWN_HARM)])
def test_gold_records_survive_the_contact_by_contact_reading(dev_set: Path, name: str) -> None:
    """Each gold record given as the answer of the sentence its evidence is in: the sentences'
    records, merged, come out as the whole reading's do (the same known harms, no other)."""
    path = dev_set if name == "dev" else _check_set(dev_set, name)
    broken = _imperfect(path, Settings(reading="contacts"))
    assert sorted(broken) == sorted(KNOWN_HARM.get(name, {})), broken


def test_the_dev_set_splits_into_two_halves_of_every_language(dev_set: Path) -> None:
    ids = [a.id for a in discover_articles(dev_set)]
    halves = {i: half_of(i) for i in ids}
    assert abs(sum(h == "tune" for h in halves.values()) - len(ids) / 2) <= 1
    for lang in {i.split("_")[1] for i in ids if sum(j.endswith(i[-3:]) for j in ids) > 1}:
        assert {halves[i] for i in ids if i.endswith("_" + lang)} == {"tune", "check"}, lang


def test_gold_records_of_a_long_document_survive_reading_in_overlapping_windows(
    dev_set: Path
) -> None:
    """Issue #15: the undated dev articles of a language joined into one document (gold: the
    union of theirs) and read in the default overlapping windows: every gold record comes out
    unchanged, none twice."""
    from llm_extract.quality.postprocess import PostModel  # noqa: F401  (the layer under test)

    by_language: dict[str, list[tuple[str, dict[str, object]]]] = {}
    for art in discover_articles(dev_set):
        if art.published is None and art.language:
            by_language.setdefault(art.language, []).append(
                (art.text_path.read_text(encoding="utf-8").strip(), art.gold))
    settings = Settings()
    assert settings.window_chars and settings.whole_text_chars  # the defaults under test
    checked = 0
    for language, parts in by_language.items():
        if len(parts) < 3:
            continue
        text = "\n\n".join(t for t, _ in parts) + "\n"
        if len(text) <= settings.whole_text_chars:
            continue
        gold = {"id": f"doc_{language}", "language": language, "published": None,
                "meetings": [m for _, g in parts for m in g["meetings"]]}  # type: ignore[union-attr]
        result = OracleExtractor([gold], [text], settings).extract(text, language=language)
        score = score_article(gold, result.model_dump(mode="json"), article_id=gold["id"])
        assert not score.missed and not score.spurious, (language, score.missed, score.spurious)
        assert score.slots.micro.f1 == 1.0, language
        checked += 1
    assert checked >= 2  # Arabic and English at least
