"""The run manifest: written last, it marks a complete run and reconciles the input counts."""

from __future__ import annotations

import json
import re
from datetime import datetime, timezone

import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics.metric import MetricsFilter

from . import __version__
from .io.formats import DAMAGED
from .io.read import ENCODING_COUNTER, NAMESPACE
from .layout import Layout, complete_dates, is_dataset, read_manifest, table_files
from .schemas import TABLES, errors_of, schema_version, validator

__all__ = ["Layout", "build_manifest", "check_files", "is_dataset", "parquet_rows", "read_manifest",
           "table_files", "write_manifest"]
_SHARD = re.compile(r"-(\d{5})-of-(\d{5})\.[a-z]+$")


def _run_files(layout: Layout, table: str) -> list[str]:
    return sorted(m.path for m in FileSystems.match([layout.table_prefix(table) + "-*.parquet"])[0].metadata_list)


def parquet_rows(output: str, table: str) -> int:
    """Rows of a table in every complete run under `output`, from the Parquet footers."""
    return _count_rows(table_files(output, table, ".parquet"))


def _count_rows(paths: list[str]) -> int:
    total = 0
    for path in paths:
        with FileSystems.open(path) as handle:
            total += pq.ParquetFile(handle).metadata.num_rows
    return total


def dead_letter_levels(paths: list[str]) -> tuple[dict[str, int], list[dict]]:
    """Dead letters per level, and the damaged inputs among them (file and reason)."""
    counts, damaged = {"input": 0, "record": 0}, []
    for path in paths:
        with FileSystems.open(path) as handle:
            # ParquetFile, not read_table: that one imports pyarrow.dataset (~0.1 s of every run)
            rows = pq.ParquetFile(handle).read(columns=["level", "source_uri", "error"]).to_pylist()
        for row in rows:
            counts[row["level"]] += 1
            if row["error"].startswith(DAMAGED):
                damaged.append({"source_uri": row["source_uri"], "error": row["error"]})
    return counts, sorted(damaged, key=lambda d: d["source_uri"])


def counters(result) -> dict[str, int]:
    """newsbeam's Beam counters (committed values where the runner reports them)."""
    found = {}
    for counter in result.metrics().query(MetricsFilter().with_namespace(NAMESPACE))["counters"]:
        value = counter.committed if counter.committed is not None else counter.attempted
        found[counter.key.metric.name] = found.get(counter.key.metric.name, 0) + (value or 0)
    return found


def build_manifest(*, run_id, started, finished, layout: Layout, inputs, schemas, model, runner, result,
                   written: Layout | None = None, rules_off=()) -> dict:
    """Counts come from the files this run wrote (what a warehouse will load; in `written`, the
    staging folder, when they are not in `layout` yet) and Beam's counters."""
    written = written or layout
    tables = {table: _count_rows(_run_files(written, table)) for table in TABLES}
    levels, damaged = dead_letter_levels(_run_files(written, "dead_letter"))
    metrics = counters(result)
    recon = {
        "inputs_read": metrics.get("inputs_read", 0),
        "articles_written": tables["articles"],
        "inputs_dead_lettered": levels["input"],
        "duplicates": metrics.get("duplicates", 0),
        "skipped_existing": metrics.get("skipped_existing", 0),
    }
    recon["balanced"] = recon["inputs_read"] == (
        recon["articles_written"] + recon["inputs_dead_lettered"] + recon["duplicates"] + recon["skipped_existing"])
    return {
        "run_id": run_id,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": finished.isoformat(timespec="seconds"),
        "duration_seconds": round((finished - started).total_seconds(), 3),
        "pipeline_version": __version__,
        "schema_version": schema_version(schemas),
        "model": model,
        "runner": runner,
        "rules_off": sorted(rules_off),
        "inputs": list(inputs),
        "output": layout.root,
        "run_date": layout.run_date,
        "tables": tables,
        "dead_letters": levels,
        "reconciliation": recon,
        "damaged_inputs": damaged,
        "input_encodings": {name.removeprefix(ENCODING_COUNTER): count for name, count in sorted(metrics.items())
                            if name.startswith(ENCODING_COUNTER) and count},
        "problems": [],
    }


def write_manifest(layout: Layout, manifest: dict, schema: dict) -> str:
    problems = errors_of(validator(schema), manifest)
    if problems:
        raise ValueError(f"manifest violates schemas/manifest.json: {problems}")
    with FileSystems.create(layout.manifest_path) as handle:
        handle.write((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return layout.manifest_path


def utc_now() -> datetime:
    return datetime.now(timezone.utc)


def check_files(root: str, suffixes: tuple[str, ...] = (".parquet", ".jsonl")) -> list[str]:
    """Where the files of a complete run (or of every complete date of a dataset) disagree with
    its manifest: a shard missing from a numbered set (of each format in `suffixes`), or Parquet
    row counts that differ from the manifest's. Empty when they agree; raises FileNotFoundError
    when there is no complete run."""
    if is_dataset(root):
        runs = [(Layout(root, date), f"run_date={date}") for date in complete_dates(root)]
    else:
        read_manifest(root)
        runs = [(Layout(root), root)]
    problems = []
    for layout, name in runs:
        with FileSystems.open(layout.manifest_path) as handle:
            expected = json.loads(handle.read().decode("utf-8")).get("tables")
        if not isinstance(expected, dict):
            problems.append(f"{name}: the manifest has no table counts (not written by newsbeam run)")
            expected = {}
        for table in TABLES:
            for suffix in suffixes:
                files = sorted(m.path for m in FileSystems.match(
                    [layout.table_prefix(table) + f"-*{suffix}"])[0].metadata_list)
                problems += [f"{name}: {table}: {gap}" for gap in shard_gaps(files, suffix)]
            try:
                rows = _count_rows(_run_files(layout, table))
            except Exception as exc:  # noqa: BLE001 - pyarrow raises several kinds for a damaged file
                problems.append(f"{name}: {table}: a Parquet file cannot be read ({' '.join(str(exc).split())})")
                continue
            if table in expected and rows != expected[table]:
                problems.append(f"{name}: {table} has {rows} rows in its Parquet files but the manifest "
                                f"says {expected.get(table)}")
    return problems


def shard_gaps(files: list[str], suffix: str) -> list[str]:
    """What is missing from a set of part-NNNNN-of-MMMMM files (all M of them must be there)."""
    if not files:
        return [f"no {suffix} files"]
    shards = [_SHARD.search(path) for path in files]
    if not all(shards):
        return [f"{suffix} files not named part-NNNNN-of-MMMMM"]
    totals = {int(m.group(2)) for m in shards}
    if len(totals) > 1:
        return [f"{suffix} files from different runs (of {', '.join(map(str, sorted(totals)))} shards)"]
    missing = sorted(set(range(totals.pop())) - {int(m.group(1)) for m in shards})
    if missing:
        numbers = ", ".join(str(i) for i in missing)
        return [f"{suffix} shard{'s' if len(missing) > 1 else ''} {numbers} of {int(shards[0].group(2))} missing"]
    return []
