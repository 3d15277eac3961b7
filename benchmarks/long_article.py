"""How extraction time grows with article length: one article made of the example articles
repeated 1, 4 and 16 times, parsed once each, then timed through `analyze_doc` (entities, quotes,
events). Near-constant seconds per 1,000 words means linear growth; a rising figure, a rule that
scans the whole document per mention.

Usage: python benchmarks/long_article.py [--repeats 1 4 16]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def main() -> None:
    from pipeline.extract import analysed_text, analyze_doc
    from pipeline.model import load_model

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, nargs="+", default=[1, 4, 16])
    args = parser.parse_args()
    seeds = [json.loads(line) for line in (ROOT / "examples" / "articles.jsonl").read_text().splitlines() if line.strip()]
    body = "\n\n".join(f"{a['title']}\n\n{a['text']}" for a in seeds)
    nlp = load_model()
    nlp.max_length = 10_000_000
    print(f"{'repeats':>8} {'words':>8} {'parse s':>8} {'extract s':>10} {'extract s / 1k words':>22}")
    for repeats in args.repeats:
        text = analysed_text("One long article", "\n\n".join([body] * repeats))
        words = len(text.split())
        started = time.perf_counter()
        with nlp.select_pipes(disable=["newsbeam_entities"]):  # entities are timed with the rest
            doc = nlp(text)
        parsed = time.perf_counter()
        analyze_doc(doc, {"article_id": "long", "published_at": None})
        done = time.perf_counter()
        print(f"{repeats:>8} {words:>8} {parsed - started:>8.1f} {done - parsed:>10.1f} {(done - parsed) / words * 1000:>22.3f}")


if __name__ == "__main__":
    main()
