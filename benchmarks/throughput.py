"""Throughput and memory of `newsbeam run`: in-process against multi-process workers, one run each.

Builds N distinct articles from examples/articles.jsonl (each copy gets its own title, so none is
dropped as a duplicate), runs the job in-process and with `--direct_running_mode
multi_processing --direct_num_workers W`, and prints articles per second, the speed-up ratio, and
the peak resident memory of the launcher and of the worker processes. Figures are measured in
the same invocation so their ratio is meaningful on any machine.

Usage: python benchmarks/throughput.py [--articles 200] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def make_input(folder: Path, count: int) -> Path:
    seeds = [json.loads(line) for line in (ROOT / "examples" / "articles.jsonl").read_text().splitlines()]
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            article = dict(seeds[i % len(seeds)])
            article["id"] = f"{article['id']}-{i}"
            article["title"] = f"{article['title']} ({i})"
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def timed_run(source: Path, out: Path, extra: list[str]) -> tuple[float, dict]:
    started = time.perf_counter()
    subprocess.run([str(ROOT / ".venv" / "bin" / "newsbeam"), "run", "--input", str(source), "--output", str(out),
                    "--quiet", *extra], check=True)
    elapsed = time.perf_counter() - started
    return elapsed, json.loads((out / "manifest.json").read_text())


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="newsbeam-bench-"))
    source = make_input(work, args.articles)
    words = sum(len(json.loads(line)["text"].split()) for line in source.read_text().splitlines())
    results = {}
    for name, extra in (("in-process", []),
                        (f"multi_processing x{args.workers}",
                         ["--direct_running_mode", "multi_processing", "--direct_num_workers", str(args.workers)])):
        elapsed, manifest = timed_run(source, work / name.replace(" ", "_"), extra)
        assert manifest["reconciliation"]["articles_written"] == args.articles
        results[name] = elapsed
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"{args.articles} articles, {words:,} words")
    for name, elapsed in results.items():
        print(f"  {name:24} {elapsed:7.1f} s  {args.articles / elapsed:6.2f} articles/s")
    first, second = results.values()
    print(f"  speed-up of multi-process over in-process: {first / second:.2f}x")
    print(f"  peak resident memory of any child process: {peak_mb:,.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
