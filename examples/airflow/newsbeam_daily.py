"""Airflow DAG: every day, run newsbeam on that day's articles, then load the dataset.

    run_pipeline (BeamRunPythonPipelineOperator)  >>  load_warehouse (BashOperator: newsbeam load)

A run writes one partition, DATASET/<table>/run_date={{ ds }}/, and its manifest, so a retry or a
backfill of a date replaces that date only. Needs Airflow 3 and `pip install 'newsbeam[airflow]'`
(the Beam provider, plus the Google provider, without which its operators refuse to construct).
Copy this file into the dags folder.

Settings, read when a task runs: the Airflow Variable `newsbeam_<name>`, else the environment
variable NEWSBEAM_<NAME> of the DAG processor, else the default. `{ds}` in any of them stands for
the run's logical date (YYYY-MM-DD).

    name     default                      meaning
    input    /srv/newsbeam/inbox/{ds}/*   one glob: the day's .txt/.jsonl files (.gz too)
    dataset  /srv/newsbeam/dataset        dataset root (a local path, or gs://... with Beam's extras)
    duckdb   /srv/newsbeam/news.duckdb    the DuckDB file that load fills
    runner   FnApiRunner                  Beam runner; FnApiRunner is the DirectRunner's local engine

Environment only: NEWSBEAM_PYTHON (an interpreter that has newsbeam, default Airflow's own),
NEWSBEAM_SKIP_EXISTING=1 (skip articles already in an earlier date), NEWSBEAM_POSTGRES (a URL:
load into PostgreSQL instead of DuckDB; only the load task's shell reads it, so it never shows in
rendered templates).
"""

from __future__ import annotations

import json
import os
import sys
from datetime import datetime, timedelta

from airflow.providers.apache.beam.operators.beam import BeamRunPythonPipelineOperator
from airflow.providers.standard.operators.bash import BashOperator
from airflow.sdk import DAG


def setting(name: str, default: str) -> str:
    """A template: Variable newsbeam_<name>, else $NEWSBEAM_<NAME>, else `default`; {ds} -> the date."""
    fallback = os.environ.get(f"NEWSBEAM_{name.upper()}", default)
    lookup = f"var.value.get('newsbeam_{name}', {json.dumps(fallback)})"
    return "{{ " + lookup + " | replace('{ds}', ds) }}"


PYTHON = os.environ.get("NEWSBEAM_PYTHON", sys.executable)
DATASET = setting("dataset", "/srv/newsbeam/dataset")

# `newsbeam load` of the same interpreter; values arrive through the environment, so no quoting.
LOAD = """
if [ -n "$NEWSBEAM_POSTGRES" ]; then target=(--postgres "$NEWSBEAM_POSTGRES"); else target=(--duckdb "$DUCKDB"); fi
"$NEWSBEAM_PYTHON" -m pipeline.cli load --output "$DATASET" "${target[@]}"
"""

with DAG(
    dag_id="newsbeam_daily",
    description="newsbeam: the day's articles into the dataset, then into the warehouse",
    schedule="@daily",
    start_date=datetime(2024, 1, 1),
    catchup=False,
    max_active_runs=1,  # --skip-existing looks at earlier dates: run them in order
    default_args={"retries": 1, "retry_delay": timedelta(minutes=10)},
    tags=["newsbeam"],
) as dag:
    run_pipeline = BeamRunPythonPipelineOperator(
        task_id="run_pipeline",
        # `python -m pipeline.run` takes the flags of `newsbeam run`; no path to the file needed.
        py_file="pipeline.run",
        py_options=["-m"],
        py_interpreter=PYTHON,
        runner=setting("runner", "FnApiRunner"),
        # Beam's own options (e.g. "direct_num_workers": 2, "direct_running_mode": "multi_processing")
        # can go in here too.
        pipeline_options={
            "input": setting("input", "/srv/newsbeam/inbox/{ds}/*"),
            "dataset": DATASET,
            "run-date": "{{ ds }}",
            "skip-existing": os.environ.get("NEWSBEAM_SKIP_EXISTING") == "1",
        },
    )

    load_warehouse = BashOperator(
        task_id="load_warehouse",
        bash_command=LOAD,
        env={"NEWSBEAM_PYTHON": PYTHON, "DATASET": DATASET, "DUCKDB": setting("duckdb", "/srv/newsbeam/news.duckdb")},
        append_env=True,
    )

    run_pipeline >> load_warehouse
