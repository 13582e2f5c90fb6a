"""Time and memory of the library's own work on long documents, without a model.

Issue #15 asks that time and memory grow linearly with a document's length. The model's part is
linear by construction (one call per window, windows of bounded size); this measures the rest:
the windows, grounding, the seam merge, the recall pass's choice of sentences, the repair rules
and de-duplication, on a written document (invented names, one contact per paragraph) at
several lengths, answered by a perfect reader (every contact of each window, the overlap's
included). Reported per length: windows, records, seconds, peak traced memory, and seconds
and MiB per 10,000 characters, whose flatness is the claim.

    .venv/bin/python benchmarks/long_bench.py            # 25k, 50k, 100k, 200k characters
"""

from __future__ import annotations

import argparse
import re
import time
import tracemalloc

from llm_extract.model.wire import WireOutput
from llm_extract.quality.postprocess import PostModel, post_model
from llm_extract.settings import Settings
from llm_extract.text.article import Article, readings

_CONTACT = re.compile(
    r"Minister (Alpha\d{4} Ferreira\d{4}) met Envoy (Beta\d{4} Okafor\d{4}) in Lisbon")
_FILLER = (" The two sides reviewed cooperation in ports, fisheries and shipping."
           " Officials said further rounds would follow."
           " The ministry published a short statement afterwards.")


def document(target_chars: int) -> str:
    paragraphs: list[str] = []
    size = 0
    while size < target_chars:
        i = len(paragraphs)
        paragraphs.append(f"On day {i}, Minister Alpha{i:04d} Ferreira{i:04d} met Envoy "
                          f"Beta{i:04d} Okafor{i:04d} in Lisbon.{_FILLER}")
        size += len(paragraphs[-1]) + 2
    return "\n\n".join(paragraphs)


def answer(window: str) -> WireOutput:
    return WireOutput.model_validate({"meetings": [{
        "evidence": m.group(0), "status": "held", "modality": "in_person", "date": None,
        "city": "Lisbon", "country": "PT", "topics": [],
        "participants": [
            {"name": m.group(1), "title": "Minister", "organization": None, "country": None,
             "role": "host"},
            {"name": m.group(2), "title": "Envoy", "organization": None, "country": None,
             "role": "guest"}]} for m in _CONTACT.finditer(window)]})


def run(chars: int, settings: Settings) -> dict[str, float]:
    text = document(chars)
    tracemalloc.start()
    started = time.perf_counter()
    article = Article(text, None, "en")
    spans = readings(article, settings.window_chars, settings.window_overlap_chars,
                     settings.whole_text_chars)
    first: list[tuple[object, WireOutput | str]] = [
        (w, answer(text[w.lo:w.hi])) for w in spans]

    def reread(lo: int, hi: int) -> WireOutput | str:
        return answer(text[lo:hi])

    meetings, _ = post_model(article, first, reread, PostModel(  # type: ignore[arg-type]
        recall_passes=settings.recall_passes, repairs=settings.repairs))
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    return {"chars": len(text), "windows": len(spans), "records": len(meetings),
            "seconds": seconds, "peak_mib": peak,
            "s_per_10k": seconds / len(text) * 10_000, "mib_per_10k": peak / len(text) * 10_000}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chars", type=int, nargs="+", default=[25_000, 50_000, 100_000, 200_000])
    args = parser.parse_args()
    settings = Settings()
    print("| characters | windows | records | seconds | peak MiB | s per 10k chars | "
          "MiB per 10k chars |")
    print("|---:|---:|---:|---:|---:|---:|---:|")
    for chars in args.chars:
        r = run(chars, settings)
        print(f"| {r['chars']:,.0f} | {r['windows']:.0f} | {r['records']:.0f} | "
              f"{r['seconds']:.2f} | {r['peak_mib']:.1f} | {r['s_per_10k']:.3f} | "
              f"{r['mib_per_10k']:.2f} |")


if __name__ == "__main__":
    main()
