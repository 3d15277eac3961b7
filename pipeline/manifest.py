"""The run manifest: written last, it marks a complete run and reconciles the input counts."""

from __future__ import annotations

import json
from datetime import datetime, timezone

import pyarrow.parquet as pq
from apache_beam.io.filesystems import FileSystems
from apache_beam.metrics.metric import MetricsFilter

from . import __version__
from .io.read import NAMESPACE
from .layout import Layout, is_dataset, read_manifest, table_files
from .schemas import TABLES, errors_of, schema_version, validator

__all__ = ["Layout", "build_manifest", "is_dataset", "parquet_rows", "read_manifest", "table_files",
           "write_manifest"]


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


def dead_letter_levels(paths: list[str]) -> dict[str, int]:
    counts = {"input": 0, "record": 0}
    for path in paths:
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


def build_manifest(*, run_id, started, finished, layout: Layout, inputs, schemas, model, runner, result) -> dict:
    """Counts come from the files this run wrote (what a warehouse will load) and Beam's counters."""
    tables = {table: _count_rows(_run_files(layout, table)) for table in TABLES}
    levels = dead_letter_levels(_run_files(layout, "dead_letter"))
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
        "inputs": list(inputs),
        "output": layout.root,
        "run_date": layout.run_date,
        "tables": tables,
        "dead_letters": levels,
        "reconciliation": recon,
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
