"""What coreference costs: model size, load time, and parse time per paragraph with and without it.

Paragraphs (40+ words) are taken round-robin from the GUM benchmark articles (CC BY; read here at
run time, never copied), so every genre is represented. Each paragraph is parsed on its own, as
the pipeline would parse a short article; the best of --rounds runs is kept.

Usage: python benchmarks/coref_speed.py [--articles ../shared/benchmarks/gum_entities/articles.jsonl]
                                        [--paragraphs 100] [--rounds 3]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time
from itertools import zip_longest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
GUM = ROOT.parent / "shared" / "benchmarks" / "gum_entities" / "articles.jsonl"


def paragraphs(path: Path, count: int, min_words: int = 40) -> list[str]:
    articles = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    per_article = [[p for p in a["text"].split("\n\n") if len(p.split()) >= min_words] for a in articles]
    mixed = [p for row in zip_longest(*per_article) for p in row if p]
    return mixed[:count]


def timed(nlp, texts: list[str], rounds: int) -> tuple[float, float]:
    """Best wall and CPU seconds over `rounds`; CPU time is the steadier figure on a shared machine."""
    wall = cpu = float("inf")
    for _ in range(rounds):
        started, started_cpu = time.perf_counter(), time.process_time()
        for text in texts:
            nlp(text)
        wall = min(wall, time.perf_counter() - started)
        cpu = min(cpu, time.process_time() - started_cpu)
    return wall, cpu


def main() -> None:
    from pipeline.model import load_model
    from pipeline.references.coref import COMPONENT, MODEL_DIR, add_coreference, antecedents

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=GUM)
    parser.add_argument("--paragraphs", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if not args.articles.is_file():
        sys.exit(f"no articles at {args.articles}")
    texts = paragraphs(args.articles, args.paragraphs)
    words = sum(len(t.split()) for t in texts)

    nlp = load_model()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # peak MB so far (Linux: KiB)
    started = time.perf_counter()
    if not add_coreference(nlp):
        sys.exit("coreferee or the packaged model is missing")
    load_s = time.perf_counter() - started
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    size = sum(f.stat().st_size for f in MODEL_DIR.iterdir() if f.is_file())

    with nlp.select_pipes(disable=[COMPONENT]):
        nlp(texts[0])  # warm-up
        without = timed(nlp, texts, args.rounds)
    with_coref = timed(nlp, texts, args.rounds)
    docs = [nlp(t) for t in texts]
    pronouns = sum(1 for d in docs for t in d if t.pos_ == "PRON" and t.morph.get("Person") == ["3"])
    linked = sum(1 for d in docs for i in antecedents(d) if d[i].pos_ == "PRON")

    n = len(texts)
    print(f"paragraphs {n}, words {words} ({words / n:.0f} per paragraph)")
    print(
        f"model files {size / 1e6:.1f} MB; add_coreference {load_s:.2f} s, peak RSS {rss_before:.0f} -> {rss_after:.0f} MB"
    )
    for label, (wall, cpu) in (("without", without), ("with", with_coref)):
        print(
            f"parse {label:<7} coreference: {wall / n * 1000:6.1f} ms wall, {cpu / n * 1000:6.1f} ms CPU per paragraph"
        )
    print(
        f"coreference adds {(with_coref[0] - without[0]) / n * 1000:.1f} ms wall, "
        f"{(with_coref[1] - without[1]) / n * 1000:.1f} ms CPU per paragraph (x{with_coref[1] / without[1]:.1f} CPU)"
    )
    print(f"third-person pronouns {pronouns}, linked to a noun or name {linked}")


if __name__ == "__main__":
    main()
