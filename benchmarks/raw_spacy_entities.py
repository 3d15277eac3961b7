"""Entities: newsbeam beside raw spaCy NER (one row per distinct span text and label).

Shows what canonicalisation adds over the model alone, on the same articles and gold, scored by
`newsbeam eval`. Usage: python benchmarks/raw_spacy_entities.py [--corpus DIR] [--gold FILE]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from baseline import SHARED, compare, report


def raw_entities(doc) -> list[dict]:
    from pipeline.entities.extract import ENTITY_TYPES

    spans = dict.fromkeys((e.text, e.label_) for e in doc.ents if e.label_ in ENTITY_TYPES)
    return [{"name": name, "type": label, "aliases": []} for name, label in spans]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--gold", type=Path, default=SHARED / "gold" / "dev.jsonl")
    args = parser.parse_args(argv)
    ours, raw = compare(args.corpus, "entities", raw_entities)
    report(args.gold, "entities", {"newsbeam": ours, "raw spaCy en_core_web_sm": raw})
    return 0


if __name__ == "__main__":
    sys.exit(main())
