"""`newsbeam eval --suite DIR [--ablate RULE ...]`: every yardstick under DIR, scored side by side.

A yardstick is a gold file (JSON Lines whose lines carry `doc` and an `entities`, `quotes` or `events`
list) with its articles: inline in the gold line (`text`, as in the PLOVER sentences), a JSON Lines
file beside it whose lines carry that `id` (as in the GUM benchmark), or a file named `doc` anywhere
under DIR (as in the dev corpus). Articles become rows exactly as `newsbeam run` reads them.

Each yardstick is parsed once: the Docs are kept in a DocBin under the cache folder, keyed by the
model and the texts, so a later evaluation, or an ablation (the same yardsticks with some rules
off, see `pipeline.rules`), re-runs only the extractors.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from .evaluate import read_golds, score_golds
from .io.formats import BadInput, jsonl_article, make_article, txt_article

SKIP_DIRS = {"raw", "vendor", ".git", "__pycache__"}
MAX_GOLD_BYTES = 50_000_000


@dataclass
class Yardstick:
    name: str
    gold_path: Path
    golds: list[dict]
    articles: list[dict | None] = field(default_factory=list)  # per gold line; None when not found

    @property
    def lists(self) -> set[str]:
        return {name for g in self.golds for name in (g.get("annotated") or ("entities", "quotes", "events"))}

    @property
    def exhaustive_events(self) -> bool:
        """False where only some events of each text are annotated (then only recall means anything)."""
        return all(g.get("events_exhaustive", True) for g in self.golds)


def _is_gold(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8") as handle:
            first = next((line for line in handle if line.strip()), "")
        row = json.loads(first)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(row, dict) and "doc" in row and any(isinstance(row.get(k), list)
                                                          for k in ("entities", "quotes", "events"))


def _name(gold_path: Path) -> str:
    """The gold file's name, or its folder's for a generic "gold.jsonl" or one named after it."""
    folder = gold_path.parent.name
    return folder if gold_path.stem == "gold" or gold_path.stem.startswith(folder) else gold_path.stem


def discover(root: Path) -> list[Yardstick]:
    """Every yardstick under `root`, in path order."""
    root = Path(root)
    if not root.is_dir():
        raise FileNotFoundError(f"suite folder {root} does not exist")
    files: list[Path] = []
    for folder, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if d not in SKIP_DIRS)
        files += [Path(folder) / n for n in sorted(names)]
    by_name: dict[str, Path] = {}
    for path in files:
        by_name.setdefault(path.name, path)
    golds = [p for p in files if p.suffix == ".jsonl" and p.stat().st_size < MAX_GOLD_BYTES and _is_gold(p)]
    found = []
    for gold_path in golds:
        stick = Yardstick(_name(gold_path), gold_path, read_golds(gold_path))
        siblings = _sibling_articles(gold_path, {g["doc"] for g in stick.golds})
        for gold in stick.golds:
            stick.articles.append(_article(gold, siblings, by_name))
        found.append(stick)
    return sorted(found, key=lambda s: s.name)


def _sibling_articles(gold_path: Path, docs: set[str]) -> dict[str, dict]:
    """Articles in JSON Lines files beside the gold whose `id` is one of the gold's docs."""
    found: dict[str, dict] = {}
    for path in sorted(gold_path.parent.glob("*.jsonl")):
        if path == gold_path:
            continue
        with path.open(encoding="utf-8") as handle:
            for line_no, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    ident = json.loads(line).get("id")
                except (json.JSONDecodeError, AttributeError):
                    continue
                if ident in docs and ident not in found:
                    found[ident] = jsonl_article(line, str(path), line_no)
    return found


def _article(gold: dict, siblings: dict[str, dict], by_name: dict[str, Path]) -> dict | None:
    doc = gold["doc"]
    try:
        if isinstance(gold.get("text"), str):
            return make_article(gold.get("title") or "", gold["text"], source_id=doc, source_uri=f"#{doc}",
                                published_at=gold.get("published_at"))
        if doc in siblings:
            return siblings[doc]
        path = by_name.get(doc)
        if path is not None and path.suffix == ".txt":
            return txt_article(path.read_bytes(), str(path))
    except BadInput:
        return None
    return None


# ----------------------------------------------------------------------------- parsing, once

def default_cache() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "newsbeam" / "parses"


def parsed_docs(nlp, texts: list[str], cache: Path | None) -> list:
    """Docs of `texts` through `nlp` (without newsbeam's own components), from the cache if there."""
    from spacy.tokens import DocBin

    from .components import NAME

    key = hashlib.sha256(json.dumps([nlp.meta.get("name"), nlp.meta.get("version"), nlp.pipe_names, texts])
                         .encode("utf-8")).hexdigest()[:24]
    path = cache / f"{key}.spacy" if cache else None
    if path is not None and path.is_file():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    with nlp.select_pipes(disable=[NAME]):
        docs = list(nlp.pipe(texts, batch_size=16))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        bin_ = DocBin(store_user_data=False)
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(path)
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))  # the same Docs a later run reads
    return docs


# ----------------------------------------------------------------------------- scoring

def measures(stick: Yardstick, report: dict) -> dict[str, float]:
    """The figures that matter for this yardstick, flat: "entities F1", "events recall", ..."""
    tables, out = report["tables"], {}
    if "entities" in tables:
        e = tables["entities"]
        out.update({"entities P": e["precision"], "entities R": e["recall"], "entities F1": e["f1"]})
    if "quotes" in tables:
        q = tables["quotes"]
        out.update({"quotes F1": q["f1"], "speaker accuracy": q.get("speaker_accuracy")})
        out.update({f"speaker accuracy: {kind}": c["accuracy"]
                    for kind, c in report.get("speaker_accuracy_by_class", {}).items()})
    if "events" in tables:
        ev = tables["events"]
        if stick.exhaustive_events:
            out.update({"events P": ev["precision"], "events R": ev["recall"], "events F1": ev["f1"]})
        else:
            out["events recall"] = ev["recall"]
        out.update({"actor accuracy": ev.get("actor_accuracy"), "target accuracy": ev.get("target_accuracy"),
                    "counts exact": ev.get("counts_exact")})
    genres = sorted({g.get("genre") for g in stick.golds if g.get("genre")})
    if len(genres) > 1 and "entities" in tables:
        for genre in genres:
            part = report["by_genre"][genre]
            out[f"entities F1 ({genre})"] = part["tables"]["entities"]["f1"]
    return {k: v for k, v in out.items() if v is not None}


def score_yardstick(stick: Yardstick, docs: list, extract) -> dict:
    """Extract rows from each parsed article and score them; also per genre where gold lines have one."""
    rows = {}
    doc_iter = iter(docs)
    started = time.process_time()
    for index, article in enumerate(stick.articles):
        if article is None:
            continue
        rows[index] = extract(next(doc_iter), article)
    cpu = time.process_time() - started
    position = {id(g): i for i, g in enumerate(stick.golds)}
    def text_of(gold):
        article = stick.articles[position[id(gold)]]
        return article["text"] if article else None

    report = score_golds(stick.golds, lambda g: rows.get(position[id(g)]), text_of)
    genres = {g.get("genre") for g in stick.golds if g.get("genre")}
    if len(genres) > 1:
        report["by_genre"] = {genre: score_golds([g for g in stick.golds if g.get("genre") == genre],
                                                 lambda g: rows.get(position[id(g)]), text_of) for genre in genres}
    report["extraction_cpu_ms_per_article"] = round(1000 * cpu / max(len(rows), 1), 2)
    return report


def run_suite(root, ablate: list[str] | None = None, model_name: str | None = None,
              cache: Path | None = None) -> dict:
    """{"yardsticks": [...], "configs": ["all rules", "-rule", ...], "figures": {config: {stick: {measure: value}}}}"""
    from . import rules
    from .extract import analysed_text, analyze_doc
    from .model import DEFAULT_MODEL, load_model

    sticks = discover(Path(root))
    if not sticks:
        raise FileNotFoundError(f"no gold files (JSON Lines with 'doc' and annotations) under {root}")
    nlp = load_model(model_name or DEFAULT_MODEL)
    # one-off costs (lazy imports, dictionaries) are paid before timing, as a worker pays them once
    warm = "Police in Lima arrested two men on Monday, the mayor said. \"We will talk to Chile,\" she said."
    analyze_doc(nlp(analysed_text("A warm-up", warm)), {"article_id": "warm-up", "published_at": "2026-01-05"})
    parsed = {}
    for stick in sticks:
        texts = [analysed_text(a["title"], a["text"]) for a in stick.articles if a is not None]
        parsed[stick.name] = texts
    configs = [("all rules", frozenset())] + [(f"-{name}", rules.expand([name])) for name in ablate or []]
    figures: dict[str, dict[str, dict]] = {}
    reports: dict[str, dict] = {}
    cpu: dict[str, float] = {}
    for label, off in configs:
        figures[label] = {}
        with rules.turned_off(off):
            for stick in sticks:
                # fresh Docs per configuration: extractors may cache per-Doc results
                docs = parsed_docs(nlp, parsed[stick.name], cache)
                report = score_yardstick(stick, docs, analyze_doc)
                figures[label][stick.name] = measures(stick, report)
                if not off:
                    reports[stick.name] = report
                    cpu[stick.name] = report["extraction_cpu_ms_per_article"]
    return {
        "yardsticks": [{"name": s.name, "gold": str(s.gold_path), "articles": sum(a is not None for a in s.articles),
                        "gold_lines": len(s.golds)} for s in sticks],
        "configs": [label for label, _ in configs],
        "figures": figures,
        "reports": reports,
        "extraction_cpu_ms_per_article": cpu,
    }


def format_suite(result: dict, baseline: dict | None = None) -> str:
    """One table: a row per yardstick and measure, a column per configuration (ablations as deltas)."""
    configs = result["configs"]
    base = result["figures"][configs[0]]
    before = baseline["figures"][baseline["configs"][0]] if baseline else None
    header = f"{'yardstick':<18}{'measure':<28}{configs[0]:>10}"
    if before is not None:
        header += f"{'before':>10}{'change':>9}"
    header += "".join(f"{c[:24]:>26}" for c in configs[1:])
    lines = [header]
    for stick in result["yardsticks"]:
        name = stick["name"]
        for measure, value in base.get(name, {}).items():
            line = f"{name:<18}{measure:<28}{value:>10.3f}"
            if before is not None:
                old = before.get(name, {}).get(measure)
                line += f"{old:>10.3f}{value - old:>+9.3f}" if old is not None else f"{'-':>10}{'':>9}"
            for config in configs[1:]:
                other = result["figures"][config].get(name, {}).get(measure)
                line += f"{other - value:>+26.3f}" if other is not None else f"{'-':>26}"
            lines.append(line)
    counts = ", ".join(f"{s['name']} {s['articles']}/{s['gold_lines']}" for s in result["yardsticks"])
    lines.append(f"articles scored per yardstick: {counts}")
    cpu = ", ".join(f"{name} {ms:.1f}" for name, ms in result.get("extraction_cpu_ms_per_article", {}).items())
    lines.append(f"extraction CPU, ms per article (parse excluded, one run): {cpu}")
    if len(configs) > 1:
        lines.append("ablation columns: the change when that rule is off (negative: the rule pays)")
    return "\n".join(lines)
