"""Daily runs into a partitioned dataset: one Hive-style partition per run date."""

import json
import shutil
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.layout import complete_dates, read_manifest, table_files
from pipeline.validate import iter_jsonl, validate_run
from tests.conftest import EXAMPLES

DAY1 = ["000_f4d52250c8b22130.txt", "nk-quasi-state-of-war.txt"]
DAY2 = ["nk-quasi-state-of-war.txt", "gv-yemen-nodrones.txt"]


def inputs(folder, names):
    folder.mkdir(parents=True, exist_ok=True)
    for name in names:
        shutil.copy(EXAMPLES / "articles" / name, folder / name)
    return str(folder / "*.txt")


def daily(root, date, glob, *extra):
    return main(["run", "--input", glob, "--dataset", str(root), "--run-date", date, "--quiet", *extra])


@pytest.fixture(scope="module")
def dataset(tmp_path_factory):
    base = tmp_path_factory.mktemp("dataset")
    root = base / "ds"
    assert daily(root, "2024-05-01", inputs(base / "d1", DAY1)) == 0
    assert daily(root, "2024-05-02", inputs(base / "d2", DAY2), "--skip-existing") == 0
    return base, root


def test_partitions_and_manifests_are_hive_style(dataset):
    _, root = dataset
    assert (root / "articles" / "run_date=2024-05-01").is_dir()
    assert list((root / "entities" / "run_date=2024-05-02").glob("part-*.parquet"))
    assert complete_dates(str(root)) == ["2024-05-01", "2024-05-02"]
    manifest = json.loads((root / "_manifests" / "run_date=2024-05-02.json").read_text())
    assert manifest["run_date"] == "2024-05-02"


def test_skip_existing_leaves_out_articles_of_earlier_dates(dataset):
    _, root = dataset
    manifest = json.loads((root / "_manifests" / "run_date=2024-05-02.json").read_text())
    recon = manifest["reconciliation"]
    assert recon["inputs_read"] == 2 and recon["skipped_existing"] == 1 and recon["articles_written"] == 1
    assert recon["balanced"]
    day2 = [json.loads(line)["source_id"] for path in table_files(str(root), "articles", ".jsonl")
            if "run_date=2024-05-02" in path for line in Path(path).read_text().splitlines()]
    assert day2 == ["gv-yemen-nodrones"]


def test_rerunning_a_date_replaces_only_that_partition(dataset, tmp_path):
    base, root = dataset
    copy = tmp_path / "ds"
    shutil.copytree(root, copy)
    before = (copy / "articles" / "run_date=2024-05-02").iterdir()
    before = sorted(p.name for p in before)
    assert daily(copy, "2024-05-01", inputs(base / "d1b", DAY1[:1])) == 0
    assert sorted(p.name for p in (copy / "articles" / "run_date=2024-05-02").iterdir()) == before
    ids = [row["source_id"] for _, _, row in iter_jsonl(str(copy), "articles")]
    assert sorted(ids) == ["000_f4d52250c8b22130", "gv-yemen-nodrones"]


def test_readers_see_complete_dates_only(dataset, tmp_path):
    _, root = dataset
    copy = tmp_path / "ds"
    shutil.copytree(root, copy)
    (copy / "_manifests" / "run_date=2024-05-02.json").unlink()  # as if that run had stopped halfway
    assert complete_dates(str(copy)) == ["2024-05-01"]
    assert all("2024-05-02" not in p for p in table_files(str(copy), "entities", ".parquet"))
    assert read_manifest(str(copy))["run_dates"] == ["2024-05-01"]
    assert {t: p for t, (_, p) in validate_run(str(copy)).items() if p} == {}


def test_dataset_flags_go_together(tmp_path, capsys):
    with pytest.raises(SystemExit):
        main(["run", "--input", "x", "--dataset", str(tmp_path)])
    with pytest.raises(SystemExit):
        main(["run", "--input", "x", "--output", str(tmp_path), "--skip-existing"])
    assert "--run-date" in capsys.readouterr().err
