"""Each repair rule's effect on the dev set's score, on TUNE and CHECK, over saved answers.

No model is called. The run must have been made with repairs off (``LLM_EXTRACT_REPAIRS=false``)
so that its predictions are the model's answers after grounding and the recall merge; each row
re-applies the repair rules with one rule switched off and scores the result, on the two fixed
halves of the dev set (``llm_extract.evaluation.splits``). The oracle columns do the same to the
gold records themselves (``llm-extract eval --oracle``): a rule whose removal raises the oracle
score breaks correct answers.

    python benchmarks/ablate_repairs.py RUN_DIR GOLD_DIR [--markdown]

A row reads: headline micro F1 with every rule on, then for each rule the change when it alone
is off (negative = the rule helps; positive = the rule costs).
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from llm_extract.evaluation.counts import ArticleScore, score_corpus
from llm_extract.evaluation.oracle import OracleExtractor
from llm_extract.evaluation.runner import GoldArticle, discover_articles
from llm_extract.evaluation.scorer import score_article
from llm_extract.evaluation.splits import HALVES, half_of
from llm_extract.quality.repair import RULE_NAMES, repair
from llm_extract.schema import ExtractionResult
from llm_extract.settings import Settings
from llm_extract.text.article import Article


def _load(
    run_dir: Path, articles: Sequence[GoldArticle], *, judged: bool = True
) -> dict[str, ExtractionResult | None]:
    out: dict[str, ExtractionResult | None] = {}
    for art in articles:
        path = run_dir / "predictions" / f"{art.id}.json"
        if not path.is_file():
            out[art.id] = None
            continue
        result = ExtractionResult.model_validate_json(path.read_text(encoding="utf-8"))
        if result.provenance.repairs:
            raise SystemExit(f"{path}: made with repairs on; the ablation needs them off")
        if not judged:  # as if made with the judge off: the judge-based rules see nothing
            result = result.model_copy(update={"meetings": [
                m.model_copy(update={"confidence": None}) for m in result.meetings]})
        out[art.id] = result
    return out


def _model_scores(
    articles: Sequence[GoldArticle], saved: dict[str, ExtractionResult | None],
    disabled: tuple[str, ...], repairs: bool = True,
) -> list[ArticleScore]:
    scores = []
    for art in articles:
        result = saved[art.id]
        pred: dict[str, Any] | None = None
        if result is not None:
            meetings = result.meetings
            if repairs:
                text = art.text_path.read_text(encoding="utf-8")
                meetings, _ = repair(meetings, Article(text, art.published, art.language),
                                     disabled=disabled)
            pred = {"meetings": [m.model_dump(mode="json") for m in meetings]}
        scores.append(score_article(art.gold, pred, article_id=art.id))
    return scores


def _oracle_scores(
    gold_dir: Path, articles: Sequence[GoldArticle], disabled: tuple[str, ...]
) -> list[ArticleScore]:
    oracle = OracleExtractor.from_gold_dir(gold_dir, Settings(disabled_repairs=disabled))
    scores = []
    for art in articles:
        result = oracle.extract(art.text_path.read_text(encoding="utf-8"),
                                published=art.published, language=art.language)
        scores.append(score_article(art.gold, result.model_dump(mode="json"), article_id=art.id))
    return scores


def _f1_by_half(scores: list[ArticleScore]) -> dict[str, float]:
    out: dict[str, float] = {
        h: score_corpus(s for s in scores if half_of(s.id) == h).micro.f1 for h in HALVES}
    out["all"] = score_corpus(scores).micro.f1
    return out


def main(run_dir: Path | None, gold_dir: Path, markdown: bool, judged: bool = True) -> None:
    articles = discover_articles(gold_dir)
    saved = _load(run_dir, articles, judged=judged) if run_dir else None
    rows: list[tuple[str, dict[str, float] | None, dict[str, float]]] = []
    for name in ("(all rules on)", *RULE_NAMES):
        disabled = () if name.startswith("(") else (name,)
        model = _f1_by_half(_model_scores(articles, saved, disabled)) if saved else None
        oracle = _f1_by_half(_oracle_scores(gold_dir, articles, disabled))
        rows.append((name, model, oracle))
    if saved:
        rows.append(("(no repairs)", _f1_by_half(_model_scores(articles, saved, (), False)),
                     _f1_by_half(_oracle_scores(gold_dir, articles, RULE_NAMES))))
    base_model, base_oracle = rows[0][1], rows[0][2]

    def cell(value: float, base: float, first: bool) -> str:
        return f"{value:.3f}" if first else f"{value - base:+.3f}"

    header = ["rule off", "TUNE", "CHECK", "all", "oracle TUNE", "oracle CHECK", "oracle all"]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for i, (name, model, oracle) in enumerate(rows):
        cells = [f"`{name}`" if i and not name.startswith("(") else name]
        for half in ("tune", "check", "all"):
            cells.append(cell(model[half], base_model[half], i == 0)
                         if model and base_model else "–")
        for half in ("tune", "check", "all"):
            cells.append(cell(oracle[half], base_oracle[half], i == 0))
        lines.append("| " + " | ".join(cells) + " |")
    if markdown:
        print("\n".join(lines))
    else:
        print(json.dumps([{"rule": n, "model": m, "oracle": o} for n, m, o in rows], indent=2))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("run_dir", type=Path, nargs="?",
                        help="a run made with repairs off (omit for the oracle columns alone)")
    parser.add_argument("gold_dir", type=Path)
    parser.add_argument("--markdown", action="store_true", help="a table for BENCHMARKS.md")
    parser.add_argument("--no-judge", action="store_true",
                        help="ignore the saved confidences (the run as if the judge were off)")
    parser.add_argument("--judge-sure", type=float,
                        help="try another threshold for the judge-based rules (repair.JUDGE_SURE)")
    args = parser.parse_args()
    if args.judge_sure is not None:
        # The judge-based rules read the threshold in their own module (quality.rules.judge).
        import llm_extract.quality.rules.judge as judge_rules

        judge_rules.JUDGE_SURE = args.judge_sure
    main(args.run_dir, args.gold_dir, args.markdown, judged=not args.no_judge)
