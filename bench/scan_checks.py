"""Run the checks over real news corpora and list every check raised, for reading by hand.

The checks issue asks for at most one false alarm per 500 articles. This prints the number of
articles scanned, the checks by kind and severity, and each check with the sentences it points
at, so that each one can be judged; `--out` writes the same as JSON.

Usage:
    python bench/scan_checks.py [--limit N] [--processes 2] [--out checks.json]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def corpus(data: Path) -> Iterator[tuple[str, str, str | None, str]]:
    """(id, title, published, text) of every BBC and VOA article."""
    for path in sorted((data / "bbc_news_fulltext" / "bbc").glob("*/*.txt")):
        lines = path.read_bytes().decode("utf-8", errors="replace").split("\n", 1)
        yield f"bbc/{path.parent.name}/{path.stem}", lines[0].strip(), None, lines[-1]
    voa = data / "voa"
    for path in sorted(voa.glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            yield (
                f"voa/{record['id']}",
                record.get("title") or "",
                record.get("published"),
                record["text"],
            )


def main(argv: list[str] | None = None) -> int:
    """Scan, print the summary and every check."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--processes", type=int, default=1)
    parser.add_argument("--out")
    args = parser.parse_args(argv)

    from newsgraph.errors import InputError
    from newsgraph.ingest.readers import Failure, RawArticle, make_article
    from newsgraph.process import extract_many
    from newsgraph.settings import get_settings

    settings = get_settings()
    data = Path(os.environ.get("NEWSGRAPH_DATA", REPO.parent / "shared" / "data"))
    items: list[RawArticle | Failure] = []
    ids = []
    for number, (doc_id, title, published, text) in enumerate(corpus(data)):
        if args.limit is not None and number >= args.limit:
            break
        try:
            items.append(
                make_article(
                    text, source=doc_id, settings=settings, title=title, published=published
                )
            )
        except InputError as error:
            items.append(Failure(doc_id, error.reason))
        ids.append(doc_id)
    found = []
    kinds: Counter[tuple[str, str]] = Counter()
    scanned = 0
    for result in extract_many(items, n_process=args.processes):
        if isinstance(result, Failure):
            continue
        scanned += 1
        for check in result.checks:
            kinds[(check.kind, check.severity.value)] += 1
            sentences = []
            for span in check.evidence:
                start = result.text.rfind("\n", 0, span.start) + 1
                end = result.text.find("\n", span.end)
                sentences.append(result.text[start : end if end >= 0 else None])
            found.append(
                {
                    "article": result.document.source,
                    "kind": check.kind,
                    "severity": check.severity.value,
                    "message": check.message,
                    "values": check.values,
                    "context": list(dict.fromkeys(sentences)),
                }
            )
    print(f"articles scanned: {scanned}")
    for (kind, severity), count in sorted(kinds.items()):
        print(f"  {kind} ({severity}): {count}")
    for check in found:
        print(f"\n[{check['severity']}] {check['article']} {check['kind']}: {check['message']}")
        for sentence in check["context"]:
            print(f"    > {sentence[:400]}")
    if args.out:
        Path(args.out).write_text(json.dumps(found, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
