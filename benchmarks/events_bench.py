"""Events (issue 16): how well records are clustered into events, and what fusing costs.

1. Clustering quality on the gold records of our own multi-outlet corpus
   (``benchmarks/events_corpus``: gold.jsonl, clusters.json): pairwise precision/recall/F1
   (every pair of mentions put together) and B³ (per mention, the overlap of its predicted and
   gold clusters). With ``--batch OUT.jsonl`` (an ``llm-extract batch`` run over
   ``events_corpus/articles.jsonl``), the extracted records are clustered instead: each is
   given the gold event of the gold record of its article that shares most names with it, and
   extracted records matching none are singletons of their own (counted against precision).
2. Fusing 10,000 synthetic records (reports of synthetic contacts with title, surname-only and
   decoy variants): wall time, peak traced Python memory and the process's maximum RSS, plus the
   time to write every export.

    python benchmarks/events_bench.py                      # gold records + 10,000 synthetic
    python benchmarks/events_bench.py --batch runs/events_corpus.jsonl --synthetic 0
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterable, Mapping
from pathlib import Path

from llm_extract.events import (
    EventSet,
    Mention,
    ReadStats,
    read_mentions,
    save_events,
    update_events,
)
from llm_extract.events.store import FORMAT
from llm_extract.schema import Location, Meeting, Participant
from llm_extract.text.normalize import name_tokens

CORPUS = Path(__file__).resolve().parent / "events_corpus"


def pairwise(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """Precision, recall, F1 over pairs of mentions clustered together."""
    def pairs(assign: Mapping[str, str]) -> set[tuple[str, str]]:
        groups: dict[str, list[str]] = {}
        for m, c in assign.items():
            groups.setdefault(c, []).append(m)
        return {tuple(sorted(p)) for g in groups.values()  # type: ignore[misc]
                for p in itertools.combinations(g, 2)}
    p, g = pairs(pred), pairs(gold)
    precision = len(p & g) / len(p) if p else 1.0
    recall = len(p & g) / len(g) if g else 1.0
    return precision, recall, _f1(precision, recall)


def b_cubed(pred: Mapping[str, str], gold: Mapping[str, str]) -> tuple[float, float, float]:
    """B³ precision, recall, F1 (Bagga & Baldwin), averaged over the mentions of ``pred``."""
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for m, c in pred.items():
        by_pred.setdefault(c, set()).add(m)
    for m, c in gold.items():
        by_gold.setdefault(c, set()).add(m)
    ps, rs = [], []
    for m in pred:
        mine, truth = by_pred[pred[m]], by_gold.get(gold.get(m, f"none:{m}"), {m})
        both = len(mine & truth)
        ps.append(both / len(mine))
        rs.append(both / len(truth))
    precision, recall = sum(ps) / len(ps), sum(rs) / len(rs)
    return precision, recall, _f1(precision, recall)


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def _assignments(events: EventSet) -> dict[str, str]:
    return {m.id: e.id for e in events.events.values() for m in e.mentions}


def _names(meeting: Meeting) -> set[str]:
    out: set[str] = set()
    for p in meeting.participants:
        for form in [p.name or "", *p.aliases]:
            out |= name_tokens(form)
    return out


def _align_extracted(extracted: list[Mention], gold_records: list[Mention],
                     gold: Mapping[str, str]) -> dict[str, str]:
    """Each extracted mention -> the gold event of its article's best-matching gold record."""
    by_article: dict[str, list[Mention]] = {}
    for g in gold_records:
        by_article.setdefault(g.article_id, []).append(g)
    truth: dict[str, str] = {}
    for m in extracted:
        best = max(by_article.get(m.article_id, []), default=None,
                   key=lambda g: len(_names(g.meeting) & _names(m.meeting)))
        if best is not None and _names(best.meeting) & _names(m.meeting):
            truth[m.id] = gold[best.id]
        else:
            truth[m.id] = f"spurious:{m.id}"
    return truth


_NOISE = {"aliases dropped": 0.5, "date dropped": 0.2, "medium unknown": 0.15,
          "surname only": 0.15, "title glued on": 0.15, "place dropped": 0.15}


def _perturbed(mention: Mention, rng: random.Random) -> Mention:
    """A copy of a gold mention with the slips a small model makes, at the rates of _NOISE."""
    data = mention.meeting.model_dump()
    if rng.random() < _NOISE["date dropped"]:
        data["date"] = None
    if rng.random() < _NOISE["medium unknown"]:
        data["modality"] = "unknown"
    if rng.random() < _NOISE["place dropped"]:
        data["location"] = None
    for person in data["participants"]:
        if rng.random() < _NOISE["aliases dropped"]:
            person["aliases"] = []
        name = person["name"]
        if name and len(name.split()) > 1 and rng.random() < _NOISE["surname only"]:
            person["name"] = name.split()[-1]
        elif name and person["title"] and rng.random() < _NOISE["title glued on"]:
            person["name"] = f"{person['title']} {name}" if name.isascii() else name
    return Mention(mention.article_id, mention.index, Meeting.model_validate(data),
                   outlet=mention.outlet, published=mention.published,
                   language=mention.language)


def robustness(seeds: int) -> dict[str, object]:
    """Clustering of the gold records with model-like slips, averaged over ``seeds`` draws."""
    gold = {m: e for e, ms in json.loads((CORPUS / "clusters.json").read_text()).items()
            for m in ms}
    records = list(read_mentions(CORPUS / "gold.jsonl"))
    pair, b3 = [], []
    for seed in range(seeds):
        rng = random.Random(seed)
        events = EventSet()
        events.add(_perturbed(m, rng) for m in records)
        pred = _assignments(events)
        pair.append(pairwise(pred, gold))
        b3.append(b_cubed(pred, gold))

    def mean(rows: list[tuple[float, float, float]]) -> tuple[float, ...]:
        return tuple(sum(r[i] for r in rows) / len(rows) for i in range(3))
    return {"draws": seeds, "slips (probability each)": ", ".join(
                f"{k} {v:.2f}" for k, v in _NOISE.items()),
            "pairwise P/R/F1 (mean)": mean(pair), "B3 P/R/F1 (mean)": mean(b3),
            "worst pairwise F1": min(r[2] for r in pair)}


def quality(batch: Path | None) -> dict[str, object]:
    gold = {m: e for e, ms in json.loads((CORPUS / "clusters.json").read_text()).items()
            for m in ms}
    gold_records = list(read_mentions(CORPUS / "gold.jsonl"))
    stats = ReadStats()
    mentions = list(read_mentions(batch, stats)) if batch else gold_records
    truth = _align_extracted(mentions, gold_records, gold) if batch else gold
    events = EventSet()
    events.add(mentions)
    pred = _assignments(events)
    pp, pr, pf = pairwise(pred, truth)
    bp, br, bf = b_cubed(pred, truth)
    return {"input": str(batch) if batch else "gold records", "mentions": len(pred),
            "articles": len({m.article_id for m in mentions}),
            "gold events": len(set(gold.values())), "predicted events": len(events.events),
            "pairwise P/R/F1": (pp, pr, pf), "B3 P/R/F1": (bp, br, bf),
            "skipped lines": stats.skipped, "error lines": stats.errors}


# --- synthetic records -----------------------------------------------------------------------

_COUNTRIES = ["IQ", "IR", "TR", "SA", "JO", "EG", "FR", "DE", "RU", "US", "CN", "MA", "ES", "QA"]
_FIRST = ["Adel", "Karim", "Laila", "Omar", "Nadia", "Hassan", "Sami", "Rania", "Yusuf", "Mona",
          "Tariq", "Huda", "Jamal", "Salma", "Ziad", "Dina", "Fares", "Reem", "Walid", "Nour"]
_LAST = ["Haddad", "Mansour", "Khalil", "Nasser", "Saleh", "Darwish", "Aziz", "Hamdan", "Bakr",
         "Sabri", "Qasim", "Rashid", "Fakhoury", "Najjar", "Tamimi", "Zayed", "Badawi", "Harb"]
_TITLES = ["Foreign Minister", "President", "Prime Minister", "Ambassador", "Defence Minister"]
_CITIES = {"IQ": "Baghdad", "IR": "Tehran", "TR": "Ankara", "SA": "Riyadh", "JO": "Amman",
           "EG": "Cairo", "FR": "Paris", "DE": "Berlin", "RU": "Moscow", "US": "Washington",
           "CN": "Beijing", "MA": "Rabat", "ES": "Madrid", "QA": "Doha"}


_SYLLABLES = ["ba", "ka", "da", "fa", "ha", "ja", "la", "ma", "na", "ra", "sa", "ta", "za",
              "bi", "ki", "di", "mi", "ni", "ri", "si", "to", "mo", "ro", "ku", "nu"]


def _surnames(rng: random.Random, count: int) -> list[str]:
    """``count`` distinct invented surnames (three syllables: 15,625 possible)."""
    pool = {"".join(rng.choice(_SYLLABLES) for _ in range(3)).capitalize() for _ in
            range(count * 4)}
    return rng.sample(sorted(pool), count)


def synthetic(n_records: int, per_country: int = 12, shared_surnames: bool = False,
              seed: int = 16) -> tuple[list[Mention], dict[str, str]]:
    """``n_records`` mentions of synthetic contacts (1-4 reports each) and their gold events,
    between ``per_country`` people of each of 14 states. A third of the renderings are the
    surname alone, a third carry a title. Surnames are distinct within a state unless
    ``shared_surnames`` (then drawn from 18, so most are shared: a stress test)."""
    rng = random.Random(seed)
    people: list[tuple[str, str, str]] = []
    for c in _COUNTRIES:
        if shared_surnames:
            names = [f"{f} {last}" for f, last in itertools.product(_FIRST, _LAST)]
            chosen = rng.sample(names, per_country)
        else:
            chosen = [f"{rng.choice(_FIRST)} {last}" for last in _surnames(rng, per_country)]
        people += [(name, c, rng.choice(_TITLES)) for name in chosen]
    mentions: list[Mention] = []
    gold: dict[str, str] = {}
    contact = 0
    while len(mentions) < n_records:
        contact += 1
        a, b = rng.sample(people, 2)
        while a[1] == b[1]:
            b = rng.choice(people)
        day = 739_000 + rng.randrange(365)
        modality = rng.choice(["in_person", "in_person", "phone", "video"])
        place = Location(city=_CITIES[a[1]], country=a[1]) if modality == "in_person" else None
        for report in range(rng.randint(1, 4)):
            def person(p: tuple[str, str, str], role: str) -> Participant:
                form = rng.choice([p[0], f"{p[2]} {p[0]}", p[0].split()[-1]])
                return Participant(name=form, country=p[1], title=p[2], role=role)
            roles = ("host", "guest") if modality == "in_person" else ("participant",) * 2
            date = None if rng.random() < 0.2 else _iso(day)
            published = _iso(day + rng.randint(0, 1))
            meeting = Meeting(status="held", modality=modality, date=date, location=place,
                              participants=[person(a, roles[0]), person(b, roles[1])])
            m = Mention(f"s{contact}-{report}", 0, meeting, outlet=f"outlet{report}",
                        published=published, language="en")
            mentions.append(m)
            gold[m.id] = f"c{contact}"
    return mentions[:n_records], gold


def _iso(ordinal: int) -> str:
    import datetime as dt
    return dt.date.fromordinal(ordinal).isoformat()


def _fuse(mentions: Iterable[Mention]) -> EventSet:
    events = EventSet()
    events.add(mentions)
    return events


def speed(n_records: int, per_country: int, shared: bool) -> dict[str, object]:
    mentions, gold = synthetic(n_records, per_country, shared)
    start = time.perf_counter()
    events = _fuse(mentions)
    fuse_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        save_events(Path(tmp), events, {"format": FORMAT, "window_days": 1, "batches": []})
        export_s = time.perf_counter() - start
        # Incremental: 1,000 more records (another day's batch) into the saved folder.
        batch = Path(tmp) / "next.jsonl"
        more, _ = synthetic(1000, per_country, shared, seed=17)
        batch.write_text("".join(json.dumps(
            {"id": f"next-{m.article_id}", "published": m.published,
             "meetings": [m.meeting.model_dump(mode="json")]}) + "\n" for m in more))
        start = time.perf_counter()
        update_events([batch], Path(tmp))
        incremental_s = time.perf_counter() - start
    pred = _assignments(events)
    # Memory, traced in a second run: the records alone, then the peak while fusing them.
    tracemalloc.start()
    mentions, _ = synthetic(n_records, per_country, shared)
    records, _ = tracemalloc.get_traced_memory()
    tracemalloc.reset_peak()
    _fuse(mentions)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"records": n_records, "people": 14 * per_country, "events": len(events.events),
            "gold contacts": len(set(gold.values())), "actors": len(events.registry.actors),
            "fuse seconds": fuse_s, "records/s": n_records / fuse_s,
            "write all exports, seconds": export_s,
            "add 1,000 records to the saved folder, seconds": incremental_s,
            "records in memory, MiB (traced)": records / 2**20,
            "peak while fusing, MiB (traced, records included)": peak / 2**20,
            "process max RSS so far, MiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            / 1024,
            "synthetic pairwise P/R/F1": pairwise(pred, gold),
            "synthetic B3 P/R/F1": b_cubed(pred, gold)}


def _show(title: str, result: Mapping[str, object]) -> None:
    print(f"## {title}")
    for key, value in result.items():
        if isinstance(value, tuple):
            value = " / ".join(f"{v:.3f}" for v in value)
        elif isinstance(value, float):
            value = f"{value:.3f}"
        print(f"- {key}: {value}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--batch", type=Path, help="batch output of events_corpus/articles.jsonl")
    parser.add_argument("--synthetic", type=int, default=10_000, help="records to fuse (0: skip)")
    parser.add_argument("--people-per-country", type=int, nargs="+", default=[12, 200],
                        help="synthetic people per state, one run each (default 12 200)")
    parser.add_argument("--noisy", type=int, default=50, metavar="DRAWS",
                        help="cluster the gold records with model-like slips, averaged over "
                        "DRAWS random draws (default 50; 0: skip)")
    parser.add_argument("--write-synthetic", type=Path, metavar="FILE.jsonl",
                        help="only write the synthetic records (first --people-per-country) "
                        "as gold-form JSONL, to time `llm-extract events` on them")
    parser.add_argument("--shared-surnames", action="store_true",
                        help="also run the stress test of surnames shared within a state")
    args = parser.parse_args(argv)
    if args.write_synthetic:
        mentions, _ = synthetic(args.synthetic, args.people_per_country[0])
        args.write_synthetic.write_text("".join(json.dumps(
            {"id": m.article_id, "published": m.published, "outlet": m.outlet,
             "language": m.language, "meetings": [m.meeting.model_dump(mode="json")]},
            ensure_ascii=False) + "\n" for m in mentions), encoding="utf-8")
        return 0
    _show("Clustering quality", quality(args.batch))
    if args.noisy:
        _show("Gold records with model-like slips", robustness(args.noisy))
    for per_country in args.people_per_country if args.synthetic else []:
        _show(f"Fusing synthetic records ({per_country} people per state)",
              speed(args.synthetic, per_country, False))
    if args.synthetic and args.shared_surnames:
        _show("Stress: surnames shared within a state (12 people per state)",
              speed(args.synthetic, 12, True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
