"""Builds and runs the newsbeam pipeline; reads like the data-flow diagram in the README.

    inputs -> ReadArticles -> DropDuplicates -> AnalyzeArticles -> ValidateRows -> WriteTables
                  \\-> dead letters (unreadable input) ----------------/
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from .io.read import DEAD, NAMESPACE, DropDuplicates, ReadArticles
from .io.write import WriteTables
from .layout import Layout
from .schemas import TABLES
from .transforms import AnalyzeArticles, ValidateRows

# Beam >= 2.68's DirectRunner first tries Prism, a binary it downloads; offline that fails noisily.
# The DirectRunner's own portable engine runs everything we need, so it is the local default.
DEFAULT_RUNNER = "FnApiRunner"


@dataclass
class RunConfig:
    paths: list[str]
    layout: Layout
    schemas: dict[str, dict]
    model_name: str
    num_shards: int = 0
    batch_chars: int = 100_000
    # article_ids already in earlier partitions of a dataset (--skip-existing)
    skip_ids: frozenset[str] = frozenset()


def pipeline_options(beam_args: list[str]) -> PipelineOptions:
    """Beam's own options, untouched, with the offline-safe local runner when none is named."""
    options = PipelineOptions(beam_args)
    standard = options.view_as(StandardOptions)
    if not standard.runner:
        standard.runner = DEFAULT_RUNNER
    return options


def build(pipeline: beam.Pipeline, config: RunConfig) -> None:
    """Adds the whole job to `pipeline`."""
    read = pipeline | "ReadArticles" >> ReadArticles(config.paths)
    articles = read.articles | "DropDuplicates" >> DropDuplicates()
    if config.skip_ids:
        articles = articles | "SkipExisting" >> beam.Filter(_is_new, config.skip_ids)
    analysed = (
        articles
        | "AnalyzeArticles" >> AnalyzeArticles(config.model_name, config.schemas["articles"], config.batch_chars)
    )
    unreadable = read[DEAD] | "TagUnreadable" >> beam.Map(lambda row: (DEAD, row))
    rows = (
        (analysed, unreadable)
        | "AllRows" >> beam.Flatten()
        | "ValidateRows" >> ValidateRows(config.schemas, TABLES)
    )
    tables = {name: rows[name] for name in TABLES}
    _ = tables | "WriteTables" >> WriteTables(config.layout, config.schemas, config.num_shards)


_skipped = Metrics.counter(NAMESPACE, "skipped_existing")


def _is_new(article: dict, known: frozenset) -> bool:
    if article["article_id"] in known:
        _skipped.inc()
        return False
    return True


def run(config: RunConfig, options: PipelineOptions):
    """Runs the job to completion; returns (PipelineResult, seconds)."""
    started = time.monotonic()
    pipeline = beam.Pipeline(options=options)
    build(pipeline, config)
    result = pipeline.run()
    result.wait_until_finish()
    return result, time.monotonic() - started


if __name__ == "__main__":
    # `python -m pipeline.run --input ... --output ...`: the same job as `newsbeam run`, for tools
    # that launch a Beam pipeline as a Python module (Airflow's BeamRunPythonPipelineOperator).
    import sys

    from .cli import entry

    sys.argv.insert(1, "run")
    entry()
