"""Build long documents from dev articles, to measure reading in windows against reading alone.

Issue #15: a text longer than the model reads well is split into overlapping windows, each
extracted, and the records merged. To measure what that costs, the dev articles are joined into
documents of several articles each (one language per document where the dev set has enough
articles of it; the few articles of the other languages make mixed documents), the gold being
the union of their records. Beside them, the same articles are written one by one with the same
information (no publication date: a document joins articles of different dates), so that the
two runs differ only in how the text is read.

Each document keeps its half (``llm_extract.evaluation.splits``: an id whose number is a
multiple of 4 is TUNE) and holds articles of that half only, so that choices made on TUNE
documents are reported on CHECK documents. With ``--rounds 2`` a second round joins the same
articles in another grouping (reversed order, other neighbours), which makes more documents.

The texts are read from the dev folder at run time and written to a run folder (never committed:
they belong to their publishers).

    python benchmarks/investigations/long_docs.py ../shared/eval/dev runs/longdocs
    llm-extract eval runs/longdocs/docs --run-dir runs/longdocs-docs-eval
    llm-extract eval runs/longdocs/single --run-dir runs/longdocs-single-eval
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from llm_extract.evaluation.runner import discover_articles
from llm_extract.evaluation.splits import half_of

_SEPARATE_LANGUAGES = ("ar", "en")  # enough dev articles for documents of their own


def _groups(ids: list[str], low: int, high: int) -> list[list[str]]:
    """``ids`` cut into consecutive groups of ``low`` to ``high`` articles (the last group
    takes a remainder too small to stand alone)."""
    n_groups = max(1, round(len(ids) / ((low + high) / 2)))
    size, extra = divmod(len(ids), n_groups)
    out, start = [], 0
    for g in range(n_groups):
        stop = start + size + (1 if g < extra else 0)
        out.append(ids[start:stop])
        start = stop
    return out


def build(dev: Path, out: Path, rounds: int = 1, low: int = 5, high: int = 8) -> list[str]:
    """Write ``out/docs`` and ``out/single``; return the document ids."""
    articles = {a.id: a for a in discover_articles(dev)}
    by_half: dict[tuple[str, str], list[str]] = defaultdict(list)
    for article_id in sorted(articles):
        language = articles[article_id].language or "xx"
        key = language if language in _SEPARATE_LANGUAGES else "mixed"
        by_half[(half_of(article_id), key)].append(article_id)
    docs, single = out / "docs", out / "single"
    docs.mkdir(parents=True, exist_ok=True)
    single.mkdir(parents=True, exist_ok=True)
    numbers = {"tune": 300, "check": 302}
    written = []
    for round_ in range(rounds):
        for (half, key), ids in sorted(by_half.items()):
            order = ids if round_ % 2 == 0 else ids[::-1]
            for group in _groups(order, low, high):
                doc_id = f"{numbers[half]:03d}_{key}"
                numbers[half] += 4
                texts = [articles[i].text_path.read_text(encoding="utf-8").strip() for i in group]
                gold = {"id": doc_id, "language": None if key == "mixed" else key,
                        "published": None, "sources": group,
                        "meetings": [m for i in group
                                     for m in articles[i].gold.get("meetings") or []]}
                (docs / f"{doc_id}.txt").write_text("\n\n".join(texts) + "\n", encoding="utf-8")
                (docs / f"{doc_id}.json").write_text(
                    json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
                written.append(doc_id)
    for article_id, article in articles.items():
        gold = {**article.gold, "published": None}
        (single / f"{article_id}.txt").write_text(
            article.text_path.read_text(encoding="utf-8"), encoding="utf-8")
        (single / f"{article_id}.json").write_text(
            json.dumps(gold, ensure_ascii=False, indent=1), encoding="utf-8")
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--rounds", type=int, default=1)
    args = parser.parse_args()
    for doc_id in build(args.dev, args.out, args.rounds):
        print(doc_id)


if __name__ == "__main__":
    main()
