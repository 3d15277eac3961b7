"""Shared by the baseline comparisons: newsbeam and another tool on the same parsed articles.

`compare(corpus, table, rows_for)` runs `newsbeam run` on the corpus's .txt files, then calls
`rows_for(doc)` (the other tool's rows for one table) on each article parsed exactly as newsbeam
parses it, and writes those rows as a newsbeam-style output folder, so `newsbeam eval` scores both.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT))


def compare(corpus: Path, table: str, rows_for) -> tuple[Path, Path]:
    """(newsbeam's output folder, the baseline's output folder)."""
    from pipeline.cli import main as newsbeam
    from pipeline.extract import analysed_text
    from pipeline.model import load_model
    from pipeline.validate import iter_jsonl

    work = Path(tempfile.mkdtemp(prefix=f"{table}-baseline-"))
    ours, theirs = work / "newsbeam", work / "baseline"
    files = sorted(str(p) for p in corpus.glob("*.txt"))
    assert newsbeam(["run", "--input", *files, "--output", str(ours), "--quiet"]) == 0
    nlp = load_model()
    articles = [row for _, _, row in iter_jsonl(str(ours), "articles")]
    rows = []
    for article in articles:
        doc = nlp(analysed_text(article["title"], article["text"]))
        rows += [{"article_id": article["article_id"], **row} for row in rows_for(doc)]
    for name, content in (("articles", articles), (table, rows)):
        (theirs / name).mkdir(parents=True)
        with open(theirs / name / "part-00000-of-00001.jsonl", "w", encoding="utf-8") as handle:
            handle.writelines(json.dumps(r, ensure_ascii=False) + "\n" for r in content)
    return ours, theirs


def report(gold: Path, table: str, outputs: dict[str, Path], extra: str | None = None) -> None:
    """P/R/F1 per output (and one accuracy over matches, e.g. speaker_accuracy)."""
    from pipeline.evaluate import evaluate

    header = f"{table + ' on ' + gold.name:28}{'P':>7}{'R':>7}{'F1':>7}"
    print(header + (f"{extra:>20}" if extra else ""))
    for name, out in outputs.items():
        score = evaluate(str(gold), str(out))["tables"][table]
        line = f"{name:28}{score['precision']:7.3f}{score['recall']:7.3f}{score['f1']:7.3f}"
        print(line + (f"{score.get(extra) or 0:20.3f}" if extra else ""))
