"""Throughput: newsgraph extraction vs bare ``nlp.pipe`` with the same model, same corpus.

Both sides get the same raw article texts. The bare side runs the full spaCy pipeline and
keeps the Docs; newsgraph normalises the text, checks the language, runs the same pipeline
plus its own components and builds the public ``Document`` for each article. Every figure is
measured in one run, alternating the two sides over several rounds and keeping the best of
each, so the ratio depends neither on the machine nor on passing background load.

Usage:
    python bench/throughput.py [--limit 400] [--processes 1 2] [--rounds 2] [--breakdown]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def load_corpus(limit: int) -> tuple[str, list[str]]:
    """Return (corpus name, texts): BBC News full text when present, else fixtures repeated."""
    data = Path(os.environ.get("NEWSGRAPH_DATA", REPO.parent / "shared" / "data"))
    bbc = data / "bbc_news_fulltext" / "bbc"
    if bbc.is_dir():
        files = sorted(bbc.glob("*/*.txt"))
        texts = [f.read_bytes().decode("utf-8", errors="replace") for f in files]
        # interleave topics so any prefix mixes politics, business, sport...
        by_topic: dict[str, list[str]] = {}
        for f, t in zip(files, texts, strict=True):
            by_topic.setdefault(f.parent.name, []).append(t)
        mixed = [t for group in zip(*by_topic.values(), strict=False) for t in group]
        return "bbc_news_fulltext", mixed[:limit]
    fixtures = REPO / "tests" / "fixtures" / "articles.jsonl"
    records = [json.loads(line) for line in fixtures.read_text(encoding="utf-8").splitlines()]
    base = [f"{r['title']}\n\n{r['text']}" for r in records]
    return "fixtures (repeated)", [base[i % len(base)] for i in range(limit)]


def peak_rss_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its finished children, in MB."""
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    child_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return self_kb / 1024, child_kb / 1024


def timed(run: Callable[[], int]) -> tuple[float, int]:
    """Run and return (seconds, articles processed)."""
    started = time.perf_counter()
    count = run()
    return time.perf_counter() - started, count


def component_breakdown(nlp: Any, texts: list[str]) -> dict[str, float]:
    """Seconds spent in each pipeline component (one process), plus reading and converting."""
    from newsgraph.ingest.readers import make_article
    from newsgraph.model.convert import doc_to_document
    from newsgraph.process import make_doc
    from newsgraph.settings import get_settings

    settings = get_settings()
    seconds: dict[str, float] = {"read+normalise+language": 0.0, "tokenizer": 0.0}
    docs = []
    for text in texts:
        t0 = time.perf_counter()
        article = make_article(text, source="bench", settings=settings)
        t1 = time.perf_counter()
        docs.append(make_doc(nlp, article))
        seconds["read+normalise+language"] += t1 - t0
        seconds["tokenizer"] += time.perf_counter() - t1
    for name, proc in nlp.pipeline:
        t0 = time.perf_counter()
        if hasattr(proc, "pipe"):
            docs = list(proc.pipe(docs, batch_size=64))
        else:
            docs = [proc(d) for d in docs]
        seconds[name] = time.perf_counter() - t0
    t0 = time.perf_counter()
    for doc in docs:
        doc_to_document(doc)
    seconds["convert"] = time.perf_counter() - t0
    return seconds


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=400, help="articles (at least 300)")
    parser.add_argument("--processes", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument(
        "--rounds", type=int, default=2, help="alternating rounds; the best of each side counts"
    )
    parser.add_argument("--breakdown", action="store_true", help="time each component")
    parser.add_argument("--json", dest="json_out", help="also write results as JSON here")
    args = parser.parse_args(argv)

    import spacy

    from newsgraph.ingest.readers import RawArticle, make_article
    from newsgraph.pipeline import load
    from newsgraph.process import extract_many
    from newsgraph.settings import MODEL_ALIASES, get_settings

    settings = get_settings()
    corpus, texts = load_corpus(args.limit)
    chars = sum(len(t) for t in texts)
    bare = spacy.load(MODEL_ALIASES.get(settings.model, settings.model))
    nlp = load(settings.model)
    # warm both pipelines so neither pays first-call costs inside the timing
    list(bare.pipe(texts[:8]))
    list(nlp.pipe(texts[:8]))

    def run_bare(n: int) -> int:
        return sum(1 for _ in bare.pipe(texts, n_process=n, batch_size=args.batch_size))

    def run_newsgraph(n: int) -> int:
        def articles() -> Iterator[RawArticle]:
            for text in texts:
                yield make_article(text, source="bench", settings=settings)

        return sum(
            1 for _ in extract_many(articles(), nlp=nlp, n_process=n, batch_size=args.batch_size)
        )

    print(f"corpus: {corpus}, {len(texts)} articles, {chars / len(texts):,.0f} chars/article")
    print(f"model: {settings.model}; components: {', '.join(nlp.pipe_names)}")
    print(f"{'processes':>9} {'bare art/s':>11} {'newsgraph art/s':>16} {'ratio':>6}")
    rows: list[dict[str, Any]] = []
    for n in args.processes:
        bare_rates, ng_rates = [], []
        for _ in range(args.rounds):  # alternate, so background load hits both sides alike
            bare_s, bare_n = timed(lambda n=n: run_bare(n))
            ng_s, ng_n = timed(lambda n=n: run_newsgraph(n))
            bare_rates.append(bare_n / bare_s)
            ng_rates.append(ng_n / ng_s)
        row = {
            "processes": n,
            "bare_articles_per_s": max(bare_rates),
            "newsgraph_articles_per_s": max(ng_rates),
            "ratio": max(ng_rates) / max(bare_rates),
        }
        rows.append(row)
        print(
            f"{n:>9} {row['bare_articles_per_s']:>11.1f} "
            f"{row['newsgraph_articles_per_s']:>16.1f} {row['ratio']:>6.2f}"
        )
    own, children = peak_rss_mb()
    print(f"peak RSS: {own:,.0f} MB (main process), {children:,.0f} MB (largest worker)")
    result: dict[str, Any] = {
        "corpus": corpus,
        "articles": len(texts),
        "rows": rows,
        "peak_rss_mb": own,
        "peak_child_rss_mb": children,
    }
    if args.breakdown:
        seconds = component_breakdown(nlp, texts)
        total = sum(seconds.values())
        print("\nwhere the time goes (1 process):")
        for name, value in seconds.items():
            print(f"  {name:<26} {value:7.2f} s  {100 * value / total:5.1f}%")
        result["breakdown_s"] = seconds
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(result, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
