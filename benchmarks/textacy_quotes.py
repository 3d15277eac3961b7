"""Quotes: newsbeam beside textacy's `direct_quotations` on the same articles and gold.

textacy (a dev dependency only, never used by the pipeline) is run on the same parsed text as
newsbeam (`title + "\\n\\n" + body`, en_core_web_sm); its quotes are written as a newsbeam-style
`quotes` table and both outputs are scored by `newsbeam eval`. textacy's speaker is the text of
its speaker tokens, resolved to our canonical entity name where one covers it (so textacy is not
penalised for our naming), else kept as written.

Usage: python benchmarks/textacy_quotes.py [--corpus DIR] [--gold FILE]
(defaults: ../shared/corpus/*.txt and ../shared/gold/dev.jsonl)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from baseline import SHARED, compare, report

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
    args = parser.parse_args(argv)
    from pipeline.entities.extract import extract_entities

    ours, theirs = compare(args.corpus, "quotes", lambda doc: textacy_quotes(doc, extract_entities(doc)))
    report(args.gold, "quotes", {"newsbeam": ours, "textacy direct_quotations": theirs}, "speaker_accuracy")
    return 0


if __name__ == "__main__":
    sys.exit(main())
