"""Quality on every gold set side by side, from saved answers: no model is called.

The sets are where choices are made (``dev``) and where they are checked (``dev2``,
``sentences``, and any other folder of gold JSON). Each run folder must have been made with
repairs off (``LLM_EXTRACT_REPAIRS=false``, as ``benchmarks/variant_run.sh ... ``): its
predictions are the model's answers after grounding and the recall merge, and each
configuration re-applies the repair rules to them (some switched off, the recall pass cut to
its first N re-reads), so every configuration reads the very same answers.

    python benchmarks/quality_sets.py --set dev=runs/variants/new_dev \\
        --set dev2=runs/variants/new_dev2 --set sentences=runs/variants/new_sentences \\
        [--run LABEL:SET=RUN_DIR ...] [--final LABEL:SET=RUN_DIR ...] \\
        [--config NAME=RULES[@N][^LABEL] ...] [--ablate]

A configuration ``NAME=RULES@N`` switches off the comma-separated rules and keeps the records
of the first N re-reads (``@N`` may be left out; ``-`` for no rule); a rule that is off by
default is named with a ``+`` to switch it on (``+no_lone_unknown``). ``^LABEL`` reads the
answers of another run (``--run``, repairs off) or takes the predictions of a run as they are
(``--final``: repairs already applied, by another version of the code for instance). The first
configuration is the reference (it needs a run on every set; a later one may have runs on some
sets only): every other one is compared with it article by article (paired), with a 95%
bootstrap interval over the set's articles for the change in headline F1, so that a change
smaller than the noise is called that. ``--ablate`` adds a row per rule (the reference with
that rule off) and the oracle's score with it.
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rescore_with_repairs import _limit_recall

from llm_extract.evaluation.counts import ArticleScore, Counts, score_corpus
from llm_extract.evaluation.oracle import OracleExtractor
from llm_extract.evaluation.runner import GoldArticle, discover_articles
from llm_extract.evaluation.scorer import score_article
from llm_extract.quality.repair import OFF_BY_DEFAULT, RULE_NAMES, repair
from llm_extract.schema import ExtractionResult
from llm_extract.settings import Settings
from llm_extract.text.article import Article

GOLD_ROOT = Path(__file__).resolve().parent.parent.parent / "shared" / "eval"
BOOTSTRAP_DRAWS = 2000
# Upper edges of the confidence bins of the reliability figure (a record's confidence.record).
RELIABILITY_BINS = (0.2, 0.4, 0.5, 0.6, 0.8, 1.0)
KINDS = ("several per article", "one named party", "planned/postponed/cancelled",
         "phone/video")


@dataclass(frozen=True)
class Config:
    name: str
    disabled: tuple[str, ...]
    recall_limit: int | None
    source: str = ""  # "" = the --set runs; else a --run or --final label
    enabled: tuple[str, ...] = ()


def parse_config(text: str) -> Config:
    name, _, rest = text.partition("=")
    rest, _, source = rest.partition("^")
    rules, _, limit = rest.partition("@")
    names = [r for r in rules.split(",") if r and r != "-"]
    disabled = tuple(r for r in names if not r.startswith("+"))
    enabled = tuple(r[1:] for r in names if r.startswith("+"))
    unknown = set(disabled + enabled) - set(RULE_NAMES)
    if unknown:
        raise SystemExit(f"unknown rule(s): {', '.join(sorted(unknown))}")
    return Config(name, disabled, int(limit) if limit else None, source, enabled)


def _prediction(
    result: ExtractionResult | None, art: GoldArticle, cfg: Config, final: bool = False
) -> dict[str, Any] | None:
    if result is None:
        return None
    if final:
        return {"meetings": [m.model_dump(mode="json") for m in result.meetings]}
    if cfg.recall_limit is not None:
        result = _limit_recall(result, cfg.recall_limit)
    text = art.text_path.read_text(encoding="utf-8")
    meetings, _ = repair(result.meetings, Article(text, art.published, art.language),
                         disabled=cfg.disabled, enabled=cfg.enabled)
    return {"meetings": [m.model_dump(mode="json") for m in meetings]}


def load_run(run_dir: Path, articles: Sequence[GoldArticle], *, final: bool = False
             ) -> dict[str, ExtractionResult | None]:
    out: dict[str, ExtractionResult | None] = {}
    for art in articles:
        path = run_dir / "predictions" / f"{art.id}.json"
        if not path.is_file():
            out[art.id] = None
            continue
        result = ExtractionResult.model_validate_json(path.read_text(encoding="utf-8"))
        if result.provenance.repairs != final:
            raise SystemExit(f"{path}: made with repairs {'off' if final else 'on'}; "
                             f"{'--final' if final else 'this'} needs them "
                             f"{'on' if final else 'off'}")
        out[art.id] = result
    return out


@dataclass
class Scored:
    """One configuration on one set: the article scores and the predictions behind them."""

    scores: list[ArticleScore]
    preds: list[dict[str, Any] | None]


def score_config(articles: Sequence[GoldArticle], saved: dict[str, ExtractionResult | None],
                 cfg: Config, final: bool = False) -> Scored:
    preds = [_prediction(saved[a.id], a, cfg, final) for a in articles]
    return Scored([score_article(a.gold, p, article_id=a.id) for a, p in zip(articles, preds,
                                                                              strict=True)],
                  preds)


def _kinds(gold: dict[str, Any]) -> list[set[str]]:
    records = gold.get("meetings") or []
    out = []
    for r in records:
        kinds = set()
        if len(records) >= 2:
            kinds.add(KINDS[0])
        if len(r.get("participants") or []) == 1:
            kinds.add(KINDS[1])
        if r.get("status") in ("planned", "postponed", "cancelled"):
            kinds.add(KINDS[2])
        if r.get("modality") in ("phone", "video"):
            kinds.add(KINDS[3])
        out.append(kinds)
    return out


def figures(articles: Sequence[GoldArticle], scored: Scored) -> dict[str, Any]:
    corpus = score_corpus(scored.scores)
    found = {k: 0 for k in KINDS}
    total = {k: 0 for k in KINDS}
    dates_given = dates_right = 0
    for art, score, pred in zip(articles, scored.scores, scored.preds, strict=True):
        kinds = _kinds(art.gold)
        aligned = {gi for gi, _, _ in score.aligned}
        for gi, ks in enumerate(kinds):
            for k in ks:
                total[k] += 1
                found[k] += gi in aligned
        p_recs = (pred or {}).get("meetings") or []
        g_recs = art.gold.get("meetings") or []
        pairs = {pi: gi for gi, pi, _ in score.aligned}
        for pi, p in enumerate(p_recs):
            if p.get("date"):
                dates_given += 1
                gi = pairs.get(pi)
                dates_right += gi is not None and g_recs[gi].get("date") == p["date"]
    slots = corpus.slots.to_dict()
    bins = [[0, 0] for _ in RELIABILITY_BINS]  # per bin: records with a confidence, matched
    for score, pred in zip(scored.scores, scored.preds, strict=True):
        matched = {pi for _, pi, _ in score.aligned}
        for pi, p in enumerate((pred or {}).get("meetings") or []):
            conf = (p.get("confidence") or {}).get("record")
            if conf is None:
                continue
            b = next(i for i, hi in enumerate(RELIABILITY_BINS) if conf <= hi)
            bins[b][0] += 1
            bins[b][1] += pi in matched
    return {
        "reliability": [(hi, n, m) for hi, (n, m) in zip(RELIABILITY_BINS, bins, strict=True)],
        "headline": corpus.micro, "records": corpus.records,
        "slots": {k: v["f1"] for k, v in slots.items()},
        "empty": (corpus.empty.with_false_records, corpus.empty.articles),
        "kinds": {k: (found[k], total[k]) for k in KINDS},
        "dates": (dates_right, dates_given),
        "languages": {lang: ls.slots.micro.f1 for lang, ls in sorted(corpus.languages.items())},
    }


def _micro(scores: Sequence[ArticleScore], idx: Sequence[int]) -> float:
    c = Counts(0.0, 0.0, 0.0)
    for i in idx:
        c = c + scores[i].slots.micro
    return c.f1


def paired_interval(a: Sequence[ArticleScore], b: Sequence[ArticleScore],
                    seed: int = 7) -> tuple[float, float, float, int, int]:
    """The change in headline F1 from ``a`` to ``b``, its 95% bootstrap interval over
    articles, and on how many articles ``b`` scores higher / lower."""
    n = len(a)
    rng = random.Random(seed)
    whole = list(range(n))
    delta = _micro(b, whole) - _micro(a, whole)
    draws = []
    for _ in range(BOOTSTRAP_DRAWS):
        idx = [rng.randrange(n) for _ in range(n)]
        draws.append(_micro(b, idx) - _micro(a, idx))
    draws.sort()
    lo, hi = draws[int(0.025 * BOOTSTRAP_DRAWS)], draws[int(0.975 * BOOTSTRAP_DRAWS) - 1]
    up = sum(y.slots.micro.f1 > x.slots.micro.f1 + 1e-9 for x, y in zip(a, b, strict=True))
    down = sum(y.slots.micro.f1 < x.slots.micro.f1 - 1e-9 for x, y in zip(a, b, strict=True))
    return delta, lo, hi, up, down


def oracle_f1(gold_dir: Path, articles: Sequence[GoldArticle], disabled: tuple[str, ...],
              enabled: tuple[str, ...] = ()) -> float:
    oracle = OracleExtractor.from_gold_dir(
        gold_dir, Settings(disabled_repairs=disabled, enabled_repairs=enabled))
    scores = []
    for art in articles:
        result = oracle.extract(art.text_path.read_text(encoding="utf-8"),
                                published=art.published, language=art.language)
        scores.append(score_article(art.gold, result.model_dump(mode="json"), article_id=art.id))
    return score_corpus(scores).micro.f1


def _pct(pair: tuple[int, int]) -> str:
    return f"{pair[0]}/{pair[1]}" + (f" ({pair[0] / pair[1]:.2f})" if pair[1] else "")


Sources = dict[str, dict[str, tuple[Path, bool]]]  # label -> set -> (run dir, final)


def main(sets: dict[str, Path], configs: list[Config], ablate: bool,
         sources: Sources | None = None) -> None:
    sources = {"": {k: (v, False) for k, v in sets.items()}, **(sources or {})}
    print("| set | configuration | headline P / R / F1 | record P / R / F1 | "
          "Δ F1 vs first [95% CI] (up/down) | false records on negatives | date precision |")
    print("|---|---|---|---|---|---|---|")
    details: list[str] = []
    ablation: dict[str, dict[str, str]] = {}
    for set_name, run_dir in sets.items():
        gold_dir = GOLD_ROOT / set_name
        articles = discover_articles(gold_dir)
        saved = load_run(run_dir, articles)
        ref: Scored | None = None
        for cfg in configs:
            if cfg.source not in sources:
                raise SystemExit(f"{cfg.name}: no run {cfg.source!r}")
            if set_name not in sources[cfg.source]:
                continue  # a configuration measured on some sets only
            src_dir, final = sources[cfg.source][set_name]
            answers = saved if not cfg.source else load_run(src_dir, articles, final=final)
            scored = score_config(articles, answers, cfg, final)
            fig = figures(articles, scored)
            h, r = fig["headline"], fig["records"]
            if ref is None:
                ref, delta = scored, "—"
            else:
                d, lo, hi, up, down = paired_interval(ref.scores, scored.scores)
                delta = f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}] ({up}/{down})"
            e = fig["empty"]
            print(f"| {set_name} | {cfg.name} | {h.precision:.3f} / {h.recall:.3f} / {h.f1:.3f} "
                  f"| {r.precision:.3f} / {r.recall:.3f} / {r.f1:.3f} | {delta} | "
                  f"{e[0]} of {e[1]} | {_pct(fig['dates'])} |")
            slots = " · ".join(f"{k} {v:.3f}" for k, v in fig["slots"].items())
            kinds = " · ".join(f"{k} {_pct(v)}" for k, v in fig["kinds"].items() if v[1])
            langs = " · ".join(f"{k} {v:.3f}" for k, v in fig["languages"].items())
            rel = " · ".join(f"≤{hi}: {m}/{n}" for hi, n, m in fig["reliability"] if n)
            details.append(f"- **{set_name}, {cfg.name}** — slots F1: {slots}. Recall by kind: "
                           f"{kinds}. By language: {langs}."
                           + (f" Reliability (records by confidence, matched to gold / "
                              f"given): {rel}." if rel else ""))
        if ablate:
            assert ref is not None
            base_cfg = configs[0]
            base = score_corpus(ref.scores).micro.f1
            base_oracle = oracle_f1(gold_dir, articles, base_cfg.disabled, base_cfg.enabled)
            row = ablation.setdefault("(reference)", {})
            row[set_name] = f"{base:.3f} / {base_oracle:.3f}"
            base_answers = (saved if not base_cfg.source
                            else load_run(sources[base_cfg.source][set_name][0], articles))
            for rule in RULE_NAMES:
                if rule in base_cfg.disabled:
                    continue
                if rule in OFF_BY_DEFAULT and rule not in base_cfg.enabled:
                    cfg = Config(f"+{rule}", base_cfg.disabled, base_cfg.recall_limit,
                                 base_cfg.source, (*base_cfg.enabled, rule))
                else:
                    cfg = Config(rule, (*base_cfg.disabled, rule), base_cfg.recall_limit,
                                 base_cfg.source, base_cfg.enabled)
                scored = score_config(articles, base_answers, cfg)
                d, lo, hi, _, _ = paired_interval(ref.scores, scored.scores)
                o = oracle_f1(gold_dir, articles, cfg.disabled, cfg.enabled) - base_oracle
                ablation.setdefault(cfg.name, {})[set_name] = (
                    f"{d:+.3f} [{lo:+.3f}, {hi:+.3f}] / {o:+.3f}")
    print()
    print("\n".join(details))
    if ablate:
        names = list(sets)
        print("\nEach rule off alone (`+rule`: a rule that is off by default, on alone), "
              "against the reference: change in headline F1 [95% CI] / change in the oracle's "
              "F1.\n")
        print("| rule off | " + " | ".join(names) + " |")
        print("|---|" + "---|" * len(names))
        for rule, cells in ablation.items():
            print(f"| `{rule}` | " + " | ".join(cells.get(n, "") for n in names) + " |")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", action="append", required=True, metavar="NAME=RUN_DIR",
                        help="a gold set under ../shared/eval and its run (repairs off)")
    parser.add_argument("--config", action="append", metavar="NAME=RULES[@N]",
                        help="a configuration; the first is the reference (default: all rules)")
    parser.add_argument("--run", action="append", default=[], metavar="LABEL:SET=RUN_DIR",
                        help="another run's answers (repairs off), for configurations ^LABEL")
    parser.add_argument("--final", action="append", default=[], metavar="LABEL:SET=RUN_DIR",
                        help="a run's predictions as they are (repairs on), for ^LABEL")
    parser.add_argument("--ablate", action="store_true", help="a row per rule switched off")
    args = parser.parse_args()
    sets = {}
    for item in args.set:
        name, _, path = item.partition("=")
        sets[name] = Path(path)
    sources: Sources = {}
    for items, final in ((args.run, False), (args.final, True)):
        for item in items:
            label, _, rest = item.partition(":")
            name, _, path = rest.partition("=")
            sources.setdefault(label, {})[name] = (Path(path), final)
    configs = [parse_config(c) for c in (args.config or ["all rules=-"])]
    main(sets, configs, args.ablate, sources)
