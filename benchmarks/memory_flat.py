"""Does memory stay flat to the end of a long run? One `newsbeam run` on N distinct articles, its
resident memory sampled every few seconds, compared between the second quarter of the run (after
the model and caches have warmed up) and the last quarter.

Builds the articles from examples/articles.jsonl as benchmarks/run.py does (each copy gets
its own title, so none is a duplicate). Prints the samples, the peak, and the change from the
second to the last quarter; growth there is what would keep rising on a longer run.

Usage: python benchmarks/memory_flat.py [--articles 2000] [--every 3]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from run import ROOT
from run import make_corpus as make_input


def rss_mb(pid: int) -> int | None:
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) // 1024
    except OSError:
        return None
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--every", type=float, default=3.0, help="seconds between samples")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        source = make_input(Path(tmp), args.articles)
        run = subprocess.Popen([str(ROOT / ".venv" / "bin" / "newsbeam"), "run", "--input", str(source),
                                "--output", str(Path(tmp) / "out"), "--quiet", "--no-report"])
        started, samples = time.monotonic(), []
        while run.poll() is None:
            rss = rss_mb(run.pid)
            if rss:
                samples.append((time.monotonic() - started, rss))
            time.sleep(args.every)
    if run.returncode != 0 or len(samples) < 8:
        sys.exit(f"run failed (exit {run.returncode}) or too short to sample ({len(samples)} samples)")
    quarter = len(samples) // 4
    second = max(rss for _, rss in samples[quarter:2 * quarter])
    last = max(rss for _, rss in samples[3 * quarter:])
    print("seconds, MB:", " ".join(f"{t:.0f}:{rss}" for t, rss in samples[::max(1, len(samples) // 20)]))
    print(f"{args.articles} articles in {samples[-1][0]:.0f} s; peak {max(r for _, r in samples)} MB; "
          f"second quarter {second} MB, last quarter {last} MB ({last - second:+d} MB)")


if __name__ == "__main__":
    main()
