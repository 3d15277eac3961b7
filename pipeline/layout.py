"""Where a run's files go: a plain output folder, or one date's partition of a dataset.

    plain:    OUT/<table>/part-*              OUT/manifest.json
    dataset:  ROOT/<table>/run_date=D/part-*  ROOT/_manifests/run_date=D.json   (Hive style)

A run writes its tables into a staging folder first (OUT/_newsbeam_tmp/<run>/, a plain layout of
its own) and moves them into place when the job has finished; the manifest comes last. Readers
(load, validate, eval) see only complete runs: in a dataset, the dates with a manifest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from apache_beam.io.filesystems import FileSystems

MANIFEST = "manifest.json"
MANIFESTS = "_manifests"
STAGING = "_newsbeam_tmp"  # leading underscore: Hive, Spark and DuckDB globs leave it out


@dataclass(frozen=True)
class Layout:
    root: str
    run_date: str | None = None  # set for a dataset partition

    def table_dir(self, table: str) -> str:
        if self.run_date:
            return FileSystems.join(self.root, table, f"run_date={self.run_date}")
        return FileSystems.join(self.root, table)

    def table_prefix(self, table: str) -> str:
        return FileSystems.join(self.table_dir(table), "part")

    @property
    def manifest_path(self) -> str:
        if self.run_date:
            return FileSystems.join(self.root, MANIFESTS, f"run_date={self.run_date}.json")
        return FileSystems.join(self.root, MANIFEST)

    @property
    def staging_root(self) -> str:
        """Where runs stage their tables before they are moved into this layout."""
        return FileSystems.join(self.root, STAGING)

    def staging_name(self, run_id: str) -> str:
        return f"run_date={self.run_date}-{run_id}" if self.run_date else run_id

    def staging(self, run_id: str) -> Layout:
        """The plain layout run `run_id` writes into before its tables are moved here."""
        return Layout(FileSystems.join(self.staging_root, self.staging_name(run_id)))


def _match(pattern: str) -> list[str]:
    return sorted(m.path for m in FileSystems.match([pattern])[0].metadata_list)


def is_dataset(root: str) -> bool:
    """A dataset root holds per-date manifests under _manifests/."""
    return bool(_match(FileSystems.join(root, MANIFESTS, "run_date=*.json")))


def complete_dates(root: str) -> list[str]:
    """Run dates of a dataset whose manifest was written (complete runs), oldest first."""
    names = [p.rsplit("/", 1)[-1] for p in _match(FileSystems.join(root, MANIFESTS, "run_date=*.json"))]
    return sorted(n.removeprefix("run_date=").removesuffix(".json") for n in names)


def read_manifest(root: str) -> dict:
    """The manifest of a complete run (for a dataset: the latest date's, with `run_dates` listed);
    FileNotFoundError when the folder holds no complete run."""
    if is_dataset(root):
        dates = complete_dates(root)
        manifest = _read_json(Layout(root, dates[-1]).manifest_path)
        return {**manifest, "run_dates": dates}
    path = Layout(root).manifest_path
    if not FileSystems.exists(path):
        raise FileNotFoundError(f"{root} has no {MANIFEST}: not a complete newsbeam run")
    return _read_json(path)


def _read_json(path: str) -> dict:
    with FileSystems.open(path) as handle:
        return json.loads(handle.read().decode("utf-8"))


def table_files(root: str, table: str, suffix: str) -> list[str]:
    """A table's part files of every complete run under `root`."""
    if is_dataset(root):
        return [path for date in complete_dates(root)
                for path in _match(Layout(root, date).table_prefix(table) + f"-*{suffix}")]
    return _match(Layout(root).table_prefix(table) + f"-*{suffix}")


def existing_article_ids(layout: Layout) -> frozenset[str]:
    """article_ids in the dataset's other complete dates (what --skip-existing leaves out)."""
    import pyarrow.parquet as pq

    if not is_dataset(layout.root):
        return frozenset()
    ids = set()
    for date in complete_dates(layout.root):
        if date == layout.run_date:
            continue
        for path in _match(Layout(layout.root, date).table_prefix("articles") + "-*.parquet"):
            with FileSystems.open(path) as handle:
                ids.update(pq.read_table(handle, columns=["article_id"]).column("article_id").to_pylist())
    return frozenset(ids)
