"""The model loads once per worker process on any runner, and the real job on a standalone Apache
Flink cluster (`pytest -m flink`, deselected by default) gives the local run's rows.

The Flink test sets itself up (tests/flink_cluster.py: Beam's job server jar through Maven, Flink
from the PyPI wheels, both cached). If that cannot be had it skips, unless NEWSBEAM_REQUIRE_FLINK
is set (as in CI), where a skip would hide an untested runner and fails instead.
"""

from __future__ import annotations

import json
import os

import apache_beam as beam
import pytest
from apache_beam.metrics import Metrics
from apache_beam.metrics.metric import MetricsFilter

from pipeline import job
from pipeline.cli import main
from pipeline.ids import article_id
from pipeline.manifest import counters
from pipeline.schemas import TABLES, load_schemas
from pipeline.transforms import AnalyzeBatchFn
from pipeline.validate import iter_jsonl
from tests.conftest import EXAMPLES


def _invented_articles(n: int) -> list[dict]:
    articles = []
    for i in range(n):
        title = f"Harbour board meets, session {i}"
        text = f"Mara Quill said on Monday that the harbour board of Norvik would meet again in session {i}."
        articles.append({"article_id": article_id(title, text), "source_id": "test", "source_uri": f"t{i}.txt",
                         "title": title, "text": text, "published_at": None, "language": "en",
                         "word_count": len(text.split()), "source": None, "url": None, "extra": None})
    return articles


def _loads_and_bundles(*beam_args: str, models: int = 1) -> tuple[int, int]:
    """model_loads and bundles for `models` separately built analysis steps over 8 articles."""

    class BundleCountingFn(AnalyzeBatchFn):
        """Also counts the bundles it starts. Defined here so it travels to worker processes by
        value (they cannot import test modules)."""

        def start_bundle(self):
            super().start_bundle()
            Metrics.counter("test", "bundles").inc()

    options = job.pipeline_options(list(beam_args))
    pipeline = beam.Pipeline(runner=job.make_runner(options), options=options)
    batches = (pipeline
               | beam.Create(_invented_articles(8))
               | beam.BatchElements(min_batch_size=1, max_batch_size=2))
    for n in range(models):
        _ = batches | f"Analyze{n}" >> beam.ParDo(BundleCountingFn("en_core_web_sm", load_schemas()["articles"]))
    result = pipeline.run()
    result.wait_until_finish()
    found = {"model_loads": 0, "bundles": 0}
    for counter in result.metrics().query(MetricsFilter())["counters"]:  # summed over steps
        if counter.key.metric.name in found:
            found[counter.key.metric.name] += counter.committed
    return found["model_loads"], found["bundles"]


def test_two_worker_threads_of_one_process_share_one_model_load():
    loads, bundles = _loads_and_bundles("--direct_running_mode", "multi_threading", "--direct_num_workers", "2")
    assert bundles >= 2
    assert loads == 1


def test_each_separately_built_step_loads_its_own_model():
    # The counter counts real loads: two steps (two Shared keys) in one process load twice.
    loads, bundles = _loads_and_bundles(models=2)
    assert bundles >= 2
    assert loads == 2


def _table_rows(out) -> dict[str, list[str]]:
    return {t: sorted(json.dumps(r, sort_keys=True) for _, _, r in iter_jsonl(str(out), t)) for t in TABLES}


def _manifest(out) -> dict:
    return json.loads((out / "manifest.json").read_text())


@pytest.fixture
def flink_setup():
    """(job server jar, Flink home, Flink minor version), fetched into the cache on first use."""
    import apache_beam

    from tests.flink_cluster import Unavailable, distribution, flink_version, job_server_jar

    flink = flink_version()
    try:
        return job_server_jar(apache_beam.__version__, flink), distribution(flink), flink
    except Unavailable as exc:
        if os.environ.get("NEWSBEAM_REQUIRE_FLINK"):
            pytest.fail(f"NEWSBEAM_REQUIRE_FLINK is set but: {exc}")
        pytest.skip(str(exc))


@pytest.mark.flink
def test_the_job_on_a_standalone_flink_cluster_gives_the_local_rows(flink_setup, tmp_path, monkeypatch):
    from tests.flink_cluster import Cluster

    jar, home, flink = flink_setup
    results = []
    run = job.run
    monkeypatch.setattr(job, "run", lambda config, options: results.append(run(config, options)) or results[-1])
    common = ["run", "--input", str(EXAMPLES / "articles.jsonl"), "--quiet"]

    assert main([*common, "--output", str(tmp_path / "local")]) == 0
    with Cluster(home, tmp_path / "cluster") as cluster:
        assert main([*common, "--output", str(tmp_path / "flink"), "--runner", "FlinkRunner",
                     f"--flink_master={cluster.master}", f"--flink_version={flink}",
                     f"--flink_job_server_jar={jar}", "--parallelism=2",
                     "--environment_type=LOOPBACK"]) == 0
        finished = cluster.overview()["jobs-finished"]
    assert finished == 1  # the standalone cluster ran it, not an embedded one

    local, flink_rows = _table_rows(tmp_path / "local"), _table_rows(tmp_path / "flink")
    assert local == flink_rows
    assert len(local["articles"]) > 0 and len(local["entities"]) > 0
    manifests = [_manifest(tmp_path / "local"), _manifest(tmp_path / "flink")]
    assert manifests[1]["runner"] == "FlinkRunner"
    assert manifests[1]["reconciliation"]["balanced"]
    assert manifests[0]["tables"] == manifests[1]["tables"]
    assert manifests[0]["reconciliation"] == manifests[1]["reconciliation"]
    # LOOPBACK runs every SDK worker inside this one process: one load for both task slots.
    assert counters(results[1])["model_loads"] == 1
