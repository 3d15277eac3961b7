"""Entity errors by class on a yardstick (dev gold, GUM, ...), read at run time from ../shared.

Prints, per class, counts and examples: a right name with a wrong type (gold type -> system type),
spurious rows (no gold form), missed gold entities, and names split over several rows. It reuses the
suite's discovery, parse cache and scorer, so the counts agree with `newsbeam eval --suite`.

Usage: python benchmarks/entity_errors.py [--suite DIR] [--stick gum_entities] [--genre voyage]
       [--show N] [--class wrong_type|spurious|missed|split] [--off RULE ...]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"


def analyse(stick, docs, genre: str | None) -> dict[str, list]:
    from pipeline.components import canonical_entities
    from pipeline.evaluate import entity_forms, norm_name, scorable_entities, unscored_types

    skip = unscored_types(stick.golds)
    errors: dict[str, list] = {"wrong_type": [], "spurious": [], "missed": [], "split": []}
    doc_iter = iter(docs)
    for gold, article in zip(stick.golds, stick.articles):
        if article is None:
            continue
        doc = next(doc_iter)
        if genre and gold.get("genre") != genre:
            continue
        index = canonical_entities(doc)
        rows = [{"name": e.name, "type": e.type, "aliases": []} for e in index.entities]
        rows = scorable_entities(gold, rows, skip)
        golds = gold.get("entities") or []
        name = gold["doc"]
        used: set[int] = set()
        for g in golds:
            forms = entity_forms(g)
            types = {t.upper() for t in g.get("types_accepted") or [g["type"]]}
            hits = [i for i, r in enumerate(rows) if norm_name(r["name"]) in forms]
            typed = [i for i in hits if rows[i]["type"] in types]
            if typed:
                used.add(typed[0])
                if len(hits) > 1:
                    errors["split"].append((name, g["name"], [rows[i]["name"] for i in hits]))
            elif hits:
                used.update(hits)
                errors["wrong_type"].append((name, g["name"], rows[hits[0]]["name"], g["type"], rows[hits[0]]["type"]))
            else:
                # a system row sharing a word with a gold form: a boundary error rather than a miss
                words = {w for f in forms for w in f.split()}
                near = [r["name"] for r in rows if set(norm_name(r["name"]).split()) & words]
                errors["missed"].append((name, g["name"], "~" + "/".join(near[:2]) if near else "", g["type"]))
        for i, r in enumerate(rows):
            if i not in used:
                errors["spurious"].append((name, r["name"], r["type"]))
    return errors


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--suite", type=Path, default=SHARED)
    parser.add_argument("--stick", default="gum_entities")
    parser.add_argument("--genre")
    parser.add_argument("--show", type=int, default=40)
    parser.add_argument("--class", dest="only")
    parser.add_argument("--off", nargs="*", default=[], help="rules (or prefixes) to switch off")
    args = parser.parse_args(argv)

    from pipeline import rules
    from pipeline.extract import analysed_text
    from pipeline.model import DEFAULT_MODEL, load_model
    from pipeline.suite import default_cache, discover, parsed_docs

    stick = next(s for s in discover(args.suite) if s.name == args.stick)
    nlp = load_model(DEFAULT_MODEL)
    docs = parsed_docs(nlp, [analysed_text(a["title"], a["text"]) for a in stick.articles if a is not None],
                       default_cache())
    with rules.turned_off(rules.expand(args.off)):
        errors = analyse(stick, docs, args.genre)
    for kind, items in errors.items():
        if args.only and kind != args.only:
            continue
        print(f"== {kind}: {len(items)}")
        if kind == "wrong_type":
            print("   ", Counter(f"{g}->{s}" for *_, g, s in items).most_common(12))
        elif kind in ("spurious", "missed"):
            print("   ", Counter(t for *_, t in items).most_common())
        for item in items[: args.show]:
            print("   ", " | ".join(str(x) for x in item))
    return 0


if __name__ == "__main__":
    sys.exit(main())
