"""Score the events extractor on the PLOVER gold-standard records (CAMEO manual examples).

Reads ../shared/benchmarks/plover_gsr_cameo/ at run time (the data is CC BY-SA evaluation data
and is not copied into this repository). Each sentence is fed as a one-sentence article. As the
benchmark's README recommends, only recall is meaningful (one coded event per sentence):

- recall: a gold event is found when a system event of the sentence has the same CAMEO root and
  the gold trigger occurs in the system trigger or sentence (one-to-one, as in `newsbeam eval`);
- root accuracy: of the gold events whose trigger overlaps a system trigger, the share coded
  with the gold root;
- actor / target accuracy over found events: the same set of names (case, punctuation, a
  leading "the" and possessives ignored), and a lenient variant where every gold name shares a
  word with a system name (our names are canonical entity names, PLOVER's are text spans);
- counts: exact killed/injured figures on the events that state them.

Usage: python benchmarks/plover_cameo.py [--data PATH] [--show-misses N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "plover_gsr_cameo" / "plover_gsr_cameo_events.jsonl"


def words(text) -> list[str]:
    return re.findall(r"\w+", str(text or "").casefold())


def contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i : i + n] == needle for i in range(len(haystack) - n + 1))


def norm_name(name: str) -> str:
    text = re.sub(r"['\u2019]s?\b", "", str(name).casefold())
    return " ".join(w for i, w in enumerate(words(text)) if not (i == 0 and w == "the"))


def same_set(system: list[str], gold: list[str]) -> bool:
    return {norm_name(n) for n in system} - {""} == {norm_name(n) for n in gold} - {""}


def lenient(system: list[str], gold: list[str]) -> bool:
    if not gold or not system:
        return not gold and not system
    system_words = [set(words(n)) for n in system]
    return all(any(set(words(g)) & s for s in system_words) for g in gold)


def match(gold_events: list[dict], rows: list) -> dict[int, int]:
    """Greedy one-to-one matching (trigger matches first), enough for one event per sentence."""
    taken, pairs = set(), {}
    for g, event in enumerate(gold_events):
        trigger = words(event["trigger"])
        ranked = [i for i, r in enumerate(rows) if r.cameo_root == event["cameo_root"] and contains(words(r.trigger), trigger)]
        ranked += [i for i, r in enumerate(rows) if r.cameo_root == event["cameo_root"] and i not in ranked
                   and len(r.sentence) <= 400 and contains(words(r.sentence), trigger)]
        free = [i for i in ranked if i not in taken]
        if free:
            pairs[g] = free[0]
            taken.add(free[0])
    return pairs


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show-misses", type=int, default=0, help="print this many missed events")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"benchmark data not found: {args.data}", file=sys.stderr)
        return 2

    from pipeline.entities.extract import extract_entities
    from pipeline.events.extract import extract_events
    from pipeline.model import load_model

    records = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    nlp = load_model()
    tally = Counter()
    by_root = {}
    misses = []
    started = time.perf_counter()
    # A one-sentence article: empty title, so the analysed text is "\n\n" + sentence.
    for record, doc in zip(records, nlp.pipe("\n\n" + r["text"] for r in records)):
        rows = extract_events(doc, extract_entities(doc), None)
        gold = record["events"]
        pairs = match(gold, rows)
        for g, event in enumerate(gold):
            root = event["cameo_root"]
            per = by_root.setdefault(root, Counter())
            per["gold"] += 1
            tally["gold"] += 1
            trigger = words(event["trigger"])
            overlapping = [r for r in rows if set(words(r.trigger)) & set(trigger)]
            if overlapping:
                tally["root_checked"] += 1
                tally["root_right"] += any(r.cameo_root == root for r in overlapping)
            if g not in pairs:
                misses.append((root, event["trigger"], record["text"], [(r.cameo_root, r.trigger) for r in rows]))
                continue
            row = rows[pairs[g]]
            tally["found"] += 1
            per["found"] += 1
            for role in ("actors", "targets"):
                tally[f"{role}_strict"] += same_set(getattr(row, role), event[role] or [])
                tally[f"{role}_lenient"] += lenient(getattr(row, role), event[role] or [])
            stated = {k: v for k, v in (event.get("counts") or {}).items() if v is not None}
            if stated:
                tally["counts_checked"] += 1
                tally["counts_right"] += all(row.counts.get(k) == v for k, v in stated.items())
    elapsed = time.perf_counter() - started

    found = tally["found"] or 1
    print(f"PLOVER/CAMEO benchmark: {len(records)} sentences, {tally['gold']} gold events ({elapsed:.1f}s)")
    print(f"  event recall        {tally['found'] / tally['gold']:.3f}  ({tally['found']}/{tally['gold']})")
    print(f"  root accuracy       {tally['root_right'] / max(tally['root_checked'], 1):.3f}  "
          f"({tally['root_right']}/{tally['root_checked']} gold triggers the system also marked)")
    for role in ("actors", "targets"):
        print(f"  {role:<8} accuracy   strict {tally[f'{role}_strict'] / found:.3f}   "
              f"lenient {tally[f'{role}_lenient'] / found:.3f}  (n={tally['found']})")
    print(f"  counts exact        {tally['counts_right']}/{tally['counts_checked']}")
    print("  recall by root      " + "  ".join(
        f"{root}:{c['found']}/{c['gold']}" for root, c in sorted(by_root.items())))
    for root, trigger, text, got in misses[: args.show_misses]:
        print(f"  MISS {root} {trigger!r} got={got} | {text[:160]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
