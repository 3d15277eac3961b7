"""The run manifest: written last, it marks a complete run and reconciles the input counts."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics.metric import MetricsFilter

from . import __version__
from .io.read import NAMESPACE
from .schemas import TABLES, errors_of, schema_version, validator

MANIFEST = "manifest.json"


def table_files(output: str, table: str, suffix: str) -> list[str]:
    pattern = FileSystems.join(output, table, f"part-*{suffix}")
    return sorted(m.path for m in FileSystems.match([pattern])[0].metadata_list)


def parquet_rows(output: str, table: str) -> int:
    """Rows written to a table, from the Parquet footers (what a warehouse will load)."""
    total = 0
    for path in table_files(output, table, ".parquet"):
        with FileSystems.open(path) as handle:
            total += pq.ParquetFile(handle).metadata.num_rows
    return total


def dead_letter_levels(output: str) -> dict[str, int]:
    counts = {"input": 0, "record": 0}
    for path in table_files(output, "dead_letter", ".parquet"):
        with FileSystems.open(path) as handle:
            for level in pq.read_table(handle, columns=["level"]).column("level").to_pylist():
                counts[level] += 1
    return counts


def counters(result) -> dict[str, int]:
    """newsbeam's Beam counters (committed values where the runner reports them)."""
    found = {}
    for counter in result.metrics().query(MetricsFilter().with_namespace(NAMESPACE))["counters"]:
        value = counter.committed if counter.committed is not None else counter.attempted
        found[counter.key.metric.name] = found.get(counter.key.metric.name, 0) + (value or 0)
    return found


def build_manifest(*, run_id, started, finished, output, inputs, schemas, model, runner, result) -> dict:
    tables = {table: parquet_rows(output, table) for table in TABLES}
    levels = dead_letter_levels(output)
    metrics = counters(result)
    recon = {
        "inputs_read": metrics.get("inputs_read", 0),
        "articles_written": tables["articles"],
        "inputs_dead_lettered": levels["input"],
        "duplicates": metrics.get("duplicates", 0),
    }
    recon["balanced"] = recon["inputs_read"] == (
        recon["articles_written"] + recon["inputs_dead_lettered"] + recon["duplicates"])
    return {
        "run_id": run_id,
        "started_at": started.isoformat(timespec="seconds"),
        "finished_at": finished.isoformat(timespec="seconds"),
        "duration_seconds": round((finished - started).total_seconds(), 3),
        "pipeline_version": __version__,
        "schema_version": schema_version(schemas),
        "model": model,
        "runner": runner,
        "inputs": list(inputs),
        "output": output,
        "tables": tables,
        "dead_letters": levels,
        "reconciliation": recon,
    }


def write_manifest(output: str, manifest: dict, schema: dict) -> str:
    problems = errors_of(validator(schema), manifest)
    if problems:
        raise ValueError(f"manifest violates schemas/manifest.json: {problems}")
    path = FileSystems.join(output, MANIFEST)
    with FileSystems.create(path) as handle:
        handle.write((json.dumps(manifest, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    return path


def read_manifest(output: str) -> dict:
    """The manifest of a complete run; FileNotFoundError when the folder holds no complete run."""
    path = FileSystems.join(output, MANIFEST)
    if not FileSystems.exists(path):
        raise FileNotFoundError(f"{output} has no {MANIFEST}: not a complete newsbeam run")
    with FileSystems.open(path) as handle:
        return json.loads(handle.read().decode("utf-8"))


def utc_now() -> datetime:
    return datetime.now(timezone.utc)
