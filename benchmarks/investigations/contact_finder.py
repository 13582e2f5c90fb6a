"""Can the model tell the sentences that report a contact? The find question's discrimination.

The contact-by-contact reading (``llm_extract/model/contacts.py``) asks of every sentence
"Does sentence [n] report a contact?" and keeps the yes/no probabilities. This script asks
that question of every sentence of a gold set (through any OpenAI-compatible endpoint, e.g.
the answer cache of ``benchmarks/start_model.sh``) and reports how well the probability parts
the sentences a gold record quotes from the others: the AUC, and at each threshold how many
of each would be asked for their records.

    PYTHONPATH=. .venv/bin/python benchmarks/investigations/contact_finder.py dev \\
        --base-url http://127.0.0.1:8091/v1 --model qwen --out runs/finder_dev.json

Findings: BENCHMARKS.md#contact-by-contact-reading.
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import statistics
from pathlib import Path
from typing import Any

import openai

from llm_extract.evaluation.runner import discover_articles
from llm_extract.model.contacts import contact_messages, find_options, number_sentences, p_contact
from llm_extract.text.article import Article
from llm_extract.text.normalize import find_span

GOLD_ROOT = Path(__file__).resolve().parents[3] / "shared" / "eval"
THRESHOLDS = (0.2, 0.3, 0.35, 0.4, 0.45, 0.5)


def questions(set_name: str) -> list[tuple[str, int, bool, list[Any]]]:
    """(article id, sentence number, a gold record quotes it, the find messages) per sentence."""
    out = []
    for art in discover_articles(GOLD_ROOT / set_name):
        article = Article(art.text_path.read_text(encoding="utf-8"), art.published, art.language)
        numbered = number_sentences(article.text, article.sentences)
        starts = [span[0] for m in art.gold.get("meetings") or []
                  if (span := find_span(article.folded, m.get("evidence") or ""))]
        for n in numbered.asked():
            lo, hi = numbered.spans[n - 1]
            out.append((art.id, n, any(lo <= s < hi for s in starts),
                        contact_messages(numbered, article.published, "find", n)))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("set", help="a gold set under ../shared/eval (dev: where choices are made)")
    parser.add_argument("--base-url", default="http://127.0.0.1:8091/v1")
    parser.add_argument("--model", default="qwen")
    parser.add_argument("--kind", default="llama.cpp", help="endpoint kind (grammar or not)")
    parser.add_argument("--out", type=Path, help="write every sentence's probability here")
    args = parser.parse_args()
    client = openai.OpenAI(base_url=args.base_url, api_key="sk-no-key-required",
                           max_retries=0, timeout=900)
    jobs = questions(args.set)

    def ask(job: tuple[str, int, bool, list[Any]]) -> tuple[str, int, bool, float | None]:
        response = client.chat.completions.create(model=args.model, messages=job[3],
                                                  **find_options(args.kind))
        return job[0], job[1], job[2], p_contact(response)

    with cf.ThreadPoolExecutor(2) as pool:
        results = list(pool.map(ask, jobs))
    if args.out:
        args.out.write_text(json.dumps(results), encoding="utf-8")
    pos = [p for *_, gold, p in results if gold and p is not None]
    neg = [p for *_, gold, p in results if not gold and p is not None]
    auc = sum((x > y) + 0.5 * (x == y) for x in pos for y in neg) / max(len(pos) * len(neg), 1)
    print(f"{args.set}: {len(pos)} sentences a gold record quotes (median p "
          f"{statistics.median(pos):.3f}), {len(neg)} others (median {statistics.median(neg):.3f});"
          f" AUC {auc:.3f}")
    for t in THRESHOLDS:
        print(f"  p >= {t}: {sum(p >= t for p in pos)}/{len(pos)} quoted sentences, "
              f"{sum(p >= t for p in neg)}/{len(neg)} others")


if __name__ == "__main__":
    main()
