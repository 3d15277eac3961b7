"""newsbeam against the spaCy model's own speed: one run measures everything issue 17 asks for and
writes benchmarks/results.json.

Corpora of N and 10 x N articles are built by repeating examples/articles.jsonl with a distinct
marker in each title (article ids derive from content, so plain copies would be dropped as
duplicates). In CPU seconds and wall seconds:

  1. raw `nlp.pipe` of the same model on the same texts (the limit), as its package loads it;
  2. parse + extraction + validation in-process (the job's own DoFns, called directly), measured
     batch by batch alternately with (1) in one process so machine load hits both alike:
     `pipeline_vs_raw_model` = throughput of (2) / throughput of (1);
  3. the whole `newsbeam run` (in-process runner): `run_vs_raw_model`;
  4. two `multi_processing` workers against one at 10 x N: `two_worker_speedup` (wall time);
  5. peak resident memory of the run at N and 10 x N: `memory_growth_10x`;
  6. CPU seconds of a one-article `newsbeam run`: `startup_cpu_s` (best of 3);
  7. CPU seconds per stage (read, parse, each extractor, validate, write) over N articles.

It records the commit, the CPU count and the load average before each measurement; figures are
`trustworthy` only if the one-minute load was under 1 before every one. There are no timing
assertions anywhere: the figures are for people to read and compare.

    .venv/bin/python benchmarks/run.py            # N = 100, 12-14 minutes on an idle 2-core machine
    .venv/bin/python benchmarks/run.py --quick    # N = 10, a development check (not written to results.json)
    .venv/bin/python benchmarks/run.py --scale 10000   # the 10,000-article run (not in CI), scale.json
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "articles.jsonl"
BATCH_CHARS = 100_000  # the job's default --batch-chars


# ---------------------------------------------------------------- corpora and machine state

def make_corpus(folder: Path, count: int) -> Path:
    """`count` distinct articles: the examples repeated, each title carrying its copy number."""
    seeds = [json.loads(line) for line in SEEDS.read_text(encoding="utf-8").splitlines() if line.strip()]
    path = folder / f"articles-{count}.jsonl"
    with path.open("w", encoding="utf-8") as handle:
        for i in range(count):
            article = dict(seeds[i % len(seeds)])
            article["id"] = f"{article['id']}-{i}"
            article["title"] = f"{article['title']} [copy {i}]"
            handle.write(json.dumps(article, ensure_ascii=False) + "\n")
    return path


def load1() -> float:
    return os.getloadavg()[0]


def settled(limit: float = 0.9, wait_s: float = 120.0) -> float:
    """The one-minute load once it is under `limit` (a measurement just finished raises it to about
    1 by itself), waiting at most `wait_s`; a busy machine is recorded, not waited out forever.
    The limit is below the trustworthiness bar of 1: a load read as 0.996 was recorded as 1.0."""
    deadline = time.monotonic() + wait_s
    while load1() >= limit and time.monotonic() < deadline:
        time.sleep(2)
    return load1()


def commit() -> str:
    def git(*args):
        return subprocess.run(["git", *args], cwd=ROOT, capture_output=True, text=True, check=False).stdout.strip()

    head = git("rev-parse", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--untracked-files=no", "--", "pipeline", "schemas", "pyproject.toml")
    return head + ("-dirty" if dirty else "")


# ---------------------------------------------------------------- child processes

def _proc_tree_sample(root_pid: int) -> dict[int, tuple[float, int]]:
    """pid -> (CPU seconds, resident MB) for `root_pid` and its descendants, read from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    stats, children = {}, {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        pid, ppid = int(entry), int(fields[1])
        children.setdefault(ppid, []).append(pid)
        stats[pid] = ((int(fields[11]) + int(fields[12])) / tick, int(fields[21]) * os.sysconf("SC_PAGE_SIZE") >> 20)
    found, todo = {}, [root_pid]
    while todo:
        pid = todo.pop()
        if pid in stats:
            found[pid] = stats[pid]
        todo += children.get(pid, [])
    return found


def measured(command: list[str], every: float = 0.5) -> dict:
    """Runs `command`; its wall and CPU seconds (the process and all its descendants) and peaks.

    CPU comes from wait4 (the process and the children it waited for) or, if larger, from the
    last /proc sample of every descendant (workers a runner never waits for still count)."""
    load = settled()
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    seen: dict[int, tuple[float, int]] = {}
    peak_total = 0
    done = threading.Event()

    def sample():
        nonlocal peak_total
        while not done.wait(every):
            now = _proc_tree_sample(child.pid)
            for pid, (cpu, rss) in now.items():
                old_cpu, old_rss = seen.get(pid, (0.0, 0))
                seen[pid] = (max(cpu, old_cpu), max(rss, old_rss))
            peak_total = max(peak_total, sum(rss for _, rss in now.values()))

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    out, err = child.communicate()
    wall = time.perf_counter() - started
    done.set()
    sampler.join()
    # communicate() has reaped the child: its own rusage is in RUSAGE_CHILDREN's growth.
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])}... failed ({child.returncode}): {err[-2000:]}")
    return {"wall_s": wall, "load_before": load, "stdout": out, "seen": seen, "peak_tree_mb": peak_total,
            "pid": child.pid}


def _children_usage() -> tuple[float, int]:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss >> 10


def newsbeam_run(source: Path, out: Path, extra: list[str] = ()) -> dict:
    """One `newsbeam run` (as `python -m pipeline.run`): wall, CPU, peak memory, manifest check."""
    before_cpu, _ = _children_usage()
    result = measured([sys.executable, "-m", "pipeline.run", "--input", str(source), "--output", str(out),
                       "--overwrite", "--quiet", "--no-report", *extra])
    after_cpu, _ = _children_usage()
    tree_cpu = sum(cpu for cpu, _ in result["seen"].values())
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    recon = manifest["reconciliation"]
    return {
        "wall_s": round(result["wall_s"], 2),
        # wait4 covers the launcher and the workers it reaped; sampling covers workers it did not
        "cpu_s": round(max(after_cpu - before_cpu, tree_cpu), 2),
        "peak_process_mb": max((rss for _, rss in result["seen"].values()), default=0),
        "peak_total_mb": result["peak_tree_mb"],
        "processes": len(result["seen"]),
        # CPU seconds of the launcher, then of each process it started that used any
        "process_cpu_s": [round(cpu, 1) for pid, (cpu, _) in sorted(result["seen"].items(),
                                                                   key=lambda kv: kv[0] != result["pid"])
                          if cpu >= 0.1 or pid == result["pid"]],
        "articles_written": recon["articles_written"],
        "balanced": recon["balanced"],
        "load_before": round(result["load_before"], 2),
    }


def child_measure(kind: str, source: Path, articles: int) -> dict:
    """A measurement done inside a fresh Python process (this script with --measure)."""
    result = measured([sys.executable, __file__, "--measure", kind, "--input", str(source),
                       "--articles", str(articles)])
    figures = json.loads(result["stdout"].strip().splitlines()[-1])
    figures["load_before"] = round(result["load_before"], 2)
    return figures


# ---------------------------------------------------------------- in-process measurements

def read_articles(source: Path) -> list[dict]:
    """Articles as the job reads them (the job's own reading DoFn, called directly)."""
    from apache_beam.pvalue import TaggedOutput

    from pipeline.io.read import ReadFileFn

    return [item for item in ReadFileFn().process(str(source)) if not isinstance(item, TaggedOutput)]


def batches(articles: list[dict], budget: int = BATCH_CHARS):
    """Batches as the job forms them: articles are added until their text reaches `budget` characters."""
    batch, size = [], 0
    for article in articles:
        batch.append(article)
        size += max(1, len(article["text"]))
        if size >= budget:
            yield batch
            batch, size = [], 0
    if batch:
        yield batch


def raw_model():
    """The installed model exactly as its package loads it, without newsbeam's components."""
    import importlib

    from pipeline.model import DEFAULT_MODEL, resolve_model

    return importlib.import_module(resolve_model(DEFAULT_MODEL)).load()


def job_fns():
    """The job's analysing and validating DoFns, set up as a worker sets them up."""
    from pipeline.schemas import load_schemas
    from pipeline.transforms import AnalyzeBatchFn, ValidateRowsFn

    schemas = load_schemas()
    analyse, validate = AnalyzeBatchFn("en_core_web_sm", schemas["articles"]), ValidateRowsFn(schemas)
    analyse.setup()
    validate.setup()
    return analyse, validate


def run_job_fns(analyse, validate, batch) -> int:
    """The rows of a batch, as the job's Extract and CheckSchema steps produce them."""
    from apache_beam.pvalue import TaggedOutput

    rows = 0
    for item in analyse.process(batch):
        if isinstance(item, TaggedOutput):  # a row already checked (the article)
            rows += 1
            continue
        for _ in validate.process(item):
            rows += 1
    return rows


def measure_alternating(source: Path, first: int) -> dict:
    """(1) and (2), batch by batch in turns, CPU and wall per side; figures at `first` articles too.

    Over the first `first` articles a third side is timed: the model as the job runs it, without
    extraction (its attribute ruler matched by index, `pipeline/fast_ruler.py`). Against it,
    (2) shows newsbeam's own cost; against (1), it shows what the indexed ruler saves."""
    from pipeline.components import NAME
    from pipeline.extract import analysed_text

    articles = read_articles(source)
    nlp = raw_model()
    analyse, validate = job_fns()
    as_run = analyse._model.nlp
    warm = articles[:1]  # lazy loading on the first document is start-up, not throughput
    list(nlp.pipe([analysed_text(a["title"], a["text"]) for a in warm]))
    run_job_fns(analyse, validate, warm)
    totals = {"raw": [0.0, 0.0], "pipeline": [0.0, 0.0], "as_run": [0.0, 0.0]}
    at_first, done, rows = None, 0, 0
    for number, batch in enumerate(batches(articles)):
        texts = [analysed_text(a["title"], a["text"]) for a in batch]
        sides = ["raw", "pipeline"] + (["as_run"] if at_first is None else [])
        shift = number % len(sides)  # rotate who goes first
        for side in sides[shift:] + sides[:shift]:
            cpu, wall = time.process_time(), time.perf_counter()
            if side == "pipeline":
                rows += run_job_fns(analyse, validate, batch)
            else:
                model = nlp if side == "raw" else as_run
                with model.memory_zone(), model.select_pipes(disable=[NAME] if side == "as_run" else []):
                    for _ in model.pipe(texts):
                        pass
            totals[side][0] += time.process_time() - cpu
            totals[side][1] += time.perf_counter() - wall
        done += len(batch)
        if at_first is None and done >= first:
            at_first = {side: list(values) for side, values in totals.items()} | {"articles": done}
    words = sum(len(a["text"].split()) for a in articles)

    def side(values, count):
        cpu, wall = values
        return {"cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "articles_per_cpu_s": round(count / cpu, 2)}

    raw_n, pipeline_n, as_run_n = (at_first[s][0] for s in ("raw", "pipeline", "as_run"))
    return {
        "articles": len(articles), "words": words, "rows": rows,
        "raw_model": side(totals["raw"], len(articles)),
        "pipeline": side(totals["pipeline"], len(articles)),
        "pipeline_vs_raw_model": round(totals["raw"][0] / totals["pipeline"][0], 3),
        "at_N": {"articles": at_first["articles"],
                 "pipeline_vs_raw_model": round(raw_n / pipeline_n, 3),
                 "model_as_run": side(at_first["as_run"], at_first["articles"]),
                 "model_as_run_vs_raw_model": round(raw_n / as_run_n, 3),
                 "pipeline_vs_model_as_run": round(as_run_n / pipeline_n, 3)},
    }


def measure_stages(source: Path) -> dict:
    """CPU seconds of each stage over the corpus: read, the model's parse, each newsbeam component
    and extractor, building rows, validation, writing Parquet and JSON Lines."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    from pipeline import extract
    from pipeline.io.write import PARQUET_CODEC, to_json_line
    from pipeline.model import load_model
    from pipeline.schemas import arrow_schema, load_schemas
    from pipeline.transforms import ValidateRowsFn

    spent: dict[str, float] = {}

    def add(stage, since):
        spent[stage] = spent.get(stage, 0.0) + time.process_time() - since

    started = time.process_time()
    articles = read_articles(source)
    add("read", started)
    nlp = load_model()
    model_parts = set(raw_model().pipe_names)
    # Every extractor analyze_doc calls (functions it imports from newsbeam's packages) is timed.
    wrapped = {}
    for name, function in vars(extract).items():
        module = getattr(function, "__module__", "") or ""
        if callable(function) and module.startswith("pipeline.") and module not in ("pipeline.extract", "pipeline.ids") \
                and not isinstance(function, type):
            wrapped[name] = function

            def timed(*args, _name=name, _function=function, **kwargs):
                since = time.process_time()
                try:
                    return _function(*args, **kwargs)
                finally:
                    add(_stage_name(_name), since)

            setattr(extract, name, timed)
    extractors = {_stage_name(name) for name in wrapped}
    warm = nlp(extract.analysed_text(articles[0]["title"], articles[0]["text"]))
    extract.analyze_doc(warm, articles[0])
    spent = {"read": spent["read"]}
    rows: dict[str, list] = {}
    for batch in batches(articles):
        since = time.process_time()
        docs = list(nlp.tokenizer.pipe(extract.analysed_text(a["title"], a["text"]) for a in batch))
        add("parse", since)
        for name, proc in nlp.pipeline:
            since = time.process_time()
            docs = list(proc.pipe(docs)) if hasattr(proc, "pipe") else [proc(doc) for doc in docs]
            add("parse" if name in model_parts else _stage_name(name), since)
        for article, doc in zip(batch, docs):
            inner = sum(spent.get(stage, 0.0) for stage in extractors)
            since = time.process_time()
            tables = extract.analyze_doc(doc, article)
            outer = time.process_time() - since
            # building row dicts: analyze_doc's time less the extractors it called
            spent["rows"] = spent.get("rows", 0.0) + outer - (sum(spent.get(s, 0.0) for s in extractors) - inner)
            rows.setdefault("articles", []).append(article)
            for table, found in tables.items():
                rows.setdefault(table, []).extend(found)
    schemas = load_schemas()
    validate = ValidateRowsFn(schemas)
    validate.setup()
    since = time.process_time()
    valid = {table: [] for table in rows}
    for table, found in rows.items():
        for row in found:
            for _, checked in validate.process((table, row)):
                valid[table].append(checked)
    add("validate", since)
    since = time.process_time()
    with tempfile.TemporaryDirectory() as out:
        for table, found in valid.items():
            order = list(schemas[table]["properties"])
            ordered = [{k: r.get(k) for k in order} for r in found]
            pq.write_table(pa.Table.from_pylist(ordered, schema=arrow_schema(schemas[table])),
                           f"{out}/{table}.parquet", compression=PARQUET_CODEC)
            with open(f"{out}/{table}.jsonl", "w", encoding="utf-8") as handle:
                handle.writelines(to_json_line(r) + "\n" for r in ordered)
    add("write", since)
    total = sum(spent.values())
    return {"articles": len(articles), "total_cpu_s": round(total, 2),
            "stages": {k: {"cpu_s": round(v, 3), "share": round(v / total, 3)}
                       for k, v in sorted(spent.items(), key=lambda kv: -kv[1])}}


def _stage_name(name: str) -> str:
    name = name.removeprefix("newsbeam_").removeprefix("extract_")
    return "entities" if name == "canonical_entities" else name


# ---------------------------------------------------------------- the whole benchmark

def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=None, help="N (default 100; 10 with --quick)")
    parser.add_argument("--quick", action="store_true", help="N = 10: a development check, not saved")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--output", type=Path, default=None, help="default benchmarks/results.json")
    parser.add_argument("--only", nargs="+", default=None,
                        choices=("inprocess", "stages", "startup", "runs", "workers"), help="a subset, for development (not written to results.json unless --output)")
    parser.add_argument("--scale", type=int, default=None, metavar="ARTICLES",
                        help="only the scale run: one `newsbeam run` over this many articles (not in CI)")
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--input", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT))
    if args.measure:  # inside a child process
        figures = (measure_alternating(args.input, args.articles) if args.measure == "inprocess"
                   else measure_stages(args.input))
        print(json.dumps(figures))
        return 0
    if args.scale:
        return scale(args.scale, args.workers, args.output or ROOT / "benchmarks" / "scale.json")

    n = args.articles or (10 if args.quick else 100)
    wanted = set(args.only or ("inprocess", "stages", "startup", "runs", "workers"))
    results = {
        "commit": commit(), "date": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "machine": {"cpu_count": os.cpu_count(), "python": platform.python_version(),
                    "platform": platform.platform(terse=True)},
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "articles": {"N": n, "10xN": 10 * n},
    }
    with tempfile.TemporaryDirectory(prefix="newsbeam-bench-") as tmp:
        work = Path(tmp)
        small, large = make_corpus(work, n), make_corpus(work, 10 * n)
        one = make_corpus(work, 1)
        loads = {}
        if "startup" in wanted:
            rounds = [newsbeam_run(one, work / "one") for _ in range(3)]
            loads["startup"] = max(r["load_before"] for r in rounds)
            results["startup_cpu_s"] = min(r["cpu_s"] for r in rounds)
            results["startup_rounds_cpu_s"] = [r["cpu_s"] for r in rounds]
            _say(f"start-up, one-article run: {results['startup_cpu_s']:.2f} s CPU (best of 3)")
        if "inprocess" in wanted:
            figures = child_measure("inprocess", large, n)
            loads["inprocess"] = figures.pop("load_before")
            results["inprocess_10xN"] = figures
            results["pipeline_vs_raw_model"] = figures["pipeline_vs_raw_model"]
            # how much of that is the model run faster, and what newsbeam itself costs (at N)
            for key in ("model_as_run_vs_raw_model", "pipeline_vs_model_as_run"):
                results[key] = figures["at_N"][key]
            _say(f"raw nlp.pipe {figures['raw_model']['articles_per_cpu_s']} articles/CPU-s; parse+extraction+"
                 f"validation {figures['pipeline']['articles_per_cpu_s']}: pipeline_vs_raw_model "
                 f"{figures['pipeline_vs_raw_model']} (at N: {figures['at_N']['pipeline_vs_raw_model']}; the model "
                 f"as the job runs it, against raw: {figures['at_N']['model_as_run_vs_raw_model']}; the "
                 f"pipeline against it: {figures['at_N']['pipeline_vs_model_as_run']})")
        if "stages" in wanted:
            figures = child_measure("stages", small, n)
            loads["stages"] = figures.pop("load_before")
            results["stages_N"] = figures
            _say("stages (CPU s): " + ", ".join(f"{k} {v['cpu_s']:.2f}" for k, v in figures["stages"].items()))
        if "runs" in wanted or "workers" in wanted:
            runs = {}
            if "runs" in wanted:
                runs["N"] = newsbeam_run(small, work / "n")
            runs["10xN"] = newsbeam_run(large, work / "10n")
            if "workers" in wanted:
                runs[f"10xN_{args.workers}_workers"] = newsbeam_run(
                    large, work / "10n-w", ["--direct_running_mode", "multi_processing",
                                            "--direct_num_workers", str(args.workers)])
            for name, run in runs.items():
                loads[f"run_{name}"] = run["load_before"]
                _say(f"newsbeam run {name}: {run['wall_s']:.1f} s wall, {run['cpu_s']:.1f} s CPU, "
                     f"{run['articles_written'] / run['cpu_s']:.2f} articles/CPU-s, peak {run['peak_process_mb']} MB "
                     f"({run['processes']} processes)")
            results["runs"] = runs
            raw = results.get("inprocess_10xN", {}).get("raw_model")
            if raw:
                results["run_vs_raw_model"] = round(raw["cpu_s"] / runs["10xN"]["cpu_s"], 3)
            if "N" in runs:
                results["memory_growth_10x"] = round(runs["10xN"]["peak_process_mb"] / runs["N"]["peak_process_mb"], 3)
            if "workers" in wanted:
                many = runs[f"10xN_{args.workers}_workers"]
                results["two_worker_speedup"] = round(runs["10xN"]["wall_s"] / many["wall_s"], 3)
                # On a loaded machine wall time says little: what an idle one would give if the
                # launcher's and the busiest worker's CPU seconds ran one after the other.
                launcher, *workers = many["process_cpu_s"]
                results["two_worker_speedup_cpu_bound"] = round(
                    runs["10xN"]["cpu_s"] / (launcher + max(workers, default=0)), 3)
    results["load_before"] = loads
    results["trustworthy"] = bool(loads) and all(load < 1 for load in loads.values())
    summary = {k: results.get(k) for k in ("pipeline_vs_raw_model", "model_as_run_vs_raw_model",
                                            "pipeline_vs_model_as_run", "run_vs_raw_model", "two_worker_speedup",
                                            "two_worker_speedup_cpu_bound", "memory_growth_10x", "startup_cpu_s",
                                            "trustworthy")}
    _say(json.dumps(summary))
    if (args.quick or args.only) and not args.output:
        return 0  # a development check or a subset: results.json holds full runs only
    target = args.output or ROOT / "benchmarks" / "results.json"
    target.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    _say(f"written to {target}")
    return 0


def scale(count: int, workers: int, target: Path) -> int:
    """The documented scale run: articles/s, peak memory, and that the manifest reconciles."""
    measured_commit, started = commit(), time.strftime("%Y-%m-%dT%H:%M:%S%z")  # the code that runs, not HEAD at the end
    with tempfile.TemporaryDirectory(prefix="newsbeam-scale-") as tmp:
        source = make_corpus(Path(tmp), count)
        extra = ["--direct_running_mode", "multi_processing", "--direct_num_workers", str(workers)] if workers > 1 else []
        run = newsbeam_run(source, Path(tmp) / "out", extra)
    figures = {"commit": measured_commit, "date": started, "cpu_count": os.cpu_count(),
               "articles": count, "workers": workers, **run,
               "articles_per_s": round(run["articles_written"] / run["wall_s"], 2),
               "reconciles": run["balanced"] and run["articles_written"] == count}
    _say(json.dumps(figures))
    target.write_text(json.dumps(figures, indent=1) + "\n", encoding="utf-8")
    return 0 if figures["reconciles"] else 1


def _say(line: str) -> None:
    print(line, flush=True)


if __name__ == "__main__":
    sys.exit(main())
