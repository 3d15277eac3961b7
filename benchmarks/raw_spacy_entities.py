"""Entities: newsbeam beside raw spaCy NER (one row per distinct span text and label).

Shows what canonicalisation adds over the model alone, on the same articles and gold, scored by
`newsbeam eval`. Usage: python benchmarks/raw_spacy_entities.py [--corpus DIR] [--gold FILE]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--gold", type=Path, default=SHARED / "gold" / "dev.jsonl")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from pipeline.cli import main as newsbeam
    from pipeline.evaluate import evaluate
    from pipeline.nlp.analyze import analysed_text
    from pipeline.nlp.entities import ENTITY_TYPES
    from pipeline.nlp.model import load_model
    from pipeline.validate import iter_jsonl

    work = Path(tempfile.mkdtemp(prefix="raw-spacy-bench-"))
    ours = work / "newsbeam"
    files = sorted(str(p) for p in args.corpus.glob("*.txt"))
    assert newsbeam(["run", "--input", *files, "--output", str(ours), "--quiet"]) == 0
    raw = work / "raw"
    for table in ("articles", "entities"):
        (raw / table).mkdir(parents=True)
    nlp = load_model()
    articles = [row for _, _, row in iter_jsonl(str(ours), "articles")]
    entities = []
    for article in articles:
        doc = nlp(analysed_text(article["title"], article["text"]))
        spans = dict.fromkeys((e.text, e.label_) for e in doc.ents if e.label_ in ENTITY_TYPES)
        entities += [{"article_id": article["article_id"], "name": n, "type": t, "aliases": []} for n, t in spans]
    for table, rows in (("articles", articles), ("entities", entities)):
        with open(raw / table / "part-00000-of-00001.jsonl", "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    print(f"{'entities on ' + args.gold.name:28}{'P':>7}{'R':>7}{'F1':>7}")
    for name, out in (("newsbeam", ours), ("raw spaCy en_core_web_sm", raw)):
        score = evaluate(str(args.gold), str(out))["tables"]["entities"]
        print(f"{name:28}{score['precision']:7.3f}{score['recall']:7.3f}{score['f1']:7.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
