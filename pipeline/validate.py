"""`newsbeam validate`: every JSON Lines row of a complete run against `schemas/`, Parquet row
counts against JSON Lines, and the files against the manifest (row counts, no shard missing)."""

from __future__ import annotations

import json

from apache_beam.io.filesystems import FileSystems

from .manifest import check_files, parquet_rows, read_manifest, table_files
from .schemas import TABLES, errors_of, load_schemas, validator


def iter_jsonl(output: str, table: str):
    """(file, line number, row) for every JSON Lines row of a table."""
    for path in table_files(output, table, ".jsonl"):
        with FileSystems.open(path) as handle:
            for number, line in enumerate(handle.read().decode("utf-8").splitlines(), start=1):
                if line.strip():
                    yield path, number, json.loads(line)


def validate_run(output: str) -> dict[str, tuple[int, list[str]]]:
    """Per table: (rows, problems). The manifest itself is checked too, and the files against it."""
    schemas = load_schemas()
    report = {}
    manifest_problems = errors_of(validator(schemas["manifest"]), read_manifest(output)) + check_files(output)
    report["manifest"] = (1, manifest_problems)
    for table in TABLES:
        check = validator(schemas[table])
        rows, problems = 0, []
        for path, number, row in iter_jsonl(output, table):
            rows += 1
            problems += [f"{path}:{number}: {p}" for p in errors_of(check, row)]
        in_parquet = parquet_rows(output, table)
        if in_parquet != rows:
            problems.append(f"{table}: {rows} JSON Lines rows but {in_parquet} Parquet rows")
        report[table] = (rows, problems)
    return report
