"""Build long, many-meeting documents from dev articles, to measure what one answer misses.

On articles the project never saw, record recall fell hardest where an article reports three or
more meetings: a 1.5B model asked for all of them lists one or two and stops. The dev set has
few such articles, so this builds them: the articles of one language and one half (TUNE or
CHECK, ``llm_extract.evaluation.splits``) joined in id order, several to a document, the gold
being the union of their records. A document's id keeps its half (a number that is a multiple
of 4 is TUNE), so ``llm-extract eval --split`` works on them as on the dev set.

The texts are read from the dev folder at run time and written to a run folder (never
committed: they belong to their publishers).

    python benchmarks/investigations/multi_docs.py ../shared/eval/dev runs/multi
    llm-extract eval runs/multi --run-dir runs/multi-eval
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from llm_extract.evaluation.runner import discover_articles
from llm_extract.evaluation.splits import half_of


def build(dev: Path, out: Path, per_doc: int) -> list[str]:
    """Write the documents into ``out``; return their ids."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    articles = {a.id: a for a in discover_articles(dev)}
    for article_id, article in articles.items():
        language = article.language or "xx"
        groups[(half_of(article_id), language)].append(article_id)
    out.mkdir(parents=True, exist_ok=True)
    numbers = {"tune": 200, "check": 202}
    written = []
    for (half, language), ids in sorted(groups.items()):
        if len(ids) < 2:
            continue  # one article is no many-meeting document
        chunks = [ids[i:i + per_doc] for i in range(0, len(ids), per_doc)]
        if len(chunks) > 1 and len(chunks[-1]) < 2:
            last = chunks.pop()
            chunks[-1] += last
        for chunk in chunks:
            doc_id = f"{numbers[half]:03d}_{language}"
            numbers[half] += 4
            texts = [articles[i].text_path.read_text(encoding="utf-8").strip() for i in chunk]
            meetings = [m for i in chunk for m in articles[i].gold.get("meetings") or []]
            first = articles[chunk[0]].gold
            (out / f"{doc_id}.txt").write_text("\n\n".join(texts) + "\n", encoding="utf-8")
            gold = {"id": doc_id, "language": language, "published": first.get("published"),
                    "sources": chunk, "meetings": meetings}
            (out / f"{doc_id}.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1),
                                                encoding="utf-8")
            written.append(doc_id)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--per-doc", type=int, default=4)
    args = parser.parse_args()
    for doc_id in build(args.dev, args.out, args.per_doc):
        print(doc_id)


if __name__ == "__main__":
    main()
