"""Quotes: newsbeam beside textacy's `direct_quotations` on the same articles and gold.

textacy (a dev dependency only, never used by the pipeline) is run on the same parsed text as
newsbeam (`title + "\\n\\n" + body`, en_core_web_sm); its quotes are written as a newsbeam-style
`quotes` table and both outputs are scored by `newsbeam eval`. textacy's speaker is the text of
its speaker tokens, resolved to our canonical entity name where one covers it (so textacy is not
penalised for our naming), else kept as written.

Usage: python benchmarks/textacy_quotes.py [--corpus DIR] [--gold FILE] [--work DIR]
(defaults: ../shared/corpus/*.txt and ../shared/gold/dev.jsonl)
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019`"


def textacy_quotes(doc, index) -> list[dict]:
    """textacy's direct quotations as quotes rows (an odd number of quote marks raises in
    textacy: such an article gets no quotes, as a user of textacy would see)."""
    from textacy.extract.triples import direct_quotations

    try:
        found = list(direct_quotations(doc))
    except ValueError:
        return []
    rows = []
    for quote in found:
        text = quote.content.text.strip(QUOTE_MARKS + " ")
        speaker = None
        if quote.speaker:
            start, end = quote.speaker[0].idx, quote.speaker[-1].idx + len(quote.speaker[-1])
            entity = index.at(start, end)
            speaker = entity.name if entity else " ".join(t.text for t in quote.speaker)
        rows.append({"text": text, "speaker": speaker, "cue": " ".join(t.text for t in quote.cue)})
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "corpus")
    parser.add_argument("--gold", type=Path, default=SHARED / "gold" / "dev.jsonl")
    parser.add_argument("--work", type=Path, default=None, help="where to keep both outputs")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    from pipeline.cli import main as newsbeam
    from pipeline.evaluate import evaluate
    from pipeline.nlp.analyze import analysed_text
    from pipeline.nlp.entities import extract_entities
    from pipeline.nlp.model import load_model
    from pipeline.validate import iter_jsonl

    work = args.work or Path(tempfile.mkdtemp(prefix="textacy-bench-"))
    ours = work / "newsbeam"
    files = sorted(str(p) for p in args.corpus.glob("*.txt"))
    assert newsbeam(["run", "--input", *files, "--output", str(ours), "--quiet", "--overwrite"]) == 0

    theirs = work / "textacy"
    for table in ("articles", "quotes"):
        (theirs / table).mkdir(parents=True, exist_ok=True)
    nlp = load_model()
    articles = [row for _, _, row in iter_jsonl(str(ours), "articles")]
    quotes = []
    for article in articles:
        doc = nlp(analysed_text(article["title"], article["text"]))
        for row in textacy_quotes(doc, extract_entities(doc)):
            quotes.append({"article_id": article["article_id"], **row})
    for table, rows in (("articles", articles), ("quotes", quotes)):
        with open(theirs / table / "part-00000-of-00001.jsonl", "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)

    print(f"{'quotes on ' + args.gold.name:28}{'P':>7}{'R':>7}{'F1':>7}{'speaker acc.':>14}")
    for name, out in (("newsbeam", ours), ("textacy direct_quotations", theirs)):
        score = evaluate(str(args.gold), str(out))["tables"]["quotes"]
        print(f"{name:28}{score['precision']:7.3f}{score['recall']:7.3f}{score['f1']:7.3f}"
              f"{score.get('speaker_accuracy') or 0:14.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
