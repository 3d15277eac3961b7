"""The newsbeam Beam job: builds and runs it; reads like the data-flow diagram in the README.

    inputs -> ReadArticles -> DropDuplicates -> AnalyzeArticles -> ValidateRows -> WriteTables
                  \\-> dead letters (unreadable input) ----------------/
"""

from __future__ import annotations

import os
from dataclasses import dataclass

import apache_beam as beam
from apache_beam.metrics import Metrics
from apache_beam.options.pipeline_options import PipelineOptions, StandardOptions

from .io.read import DEAD, DEFAULT_MAX_ARTICLE_CHARS, NAMESPACE, DropDuplicates, ReadArticles
from .io.write import WriteTables
from .layout import Layout
from .transforms import AnalyzeArticles, ValidateRows

# Beam >= 2.68's DirectRunner first tries Prism, a binary it downloads; offline that fails noisily.
# With no --runner we start the engine the DirectRunner falls back to (the FnApiRunner) directly.
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
    # extraction rules turned off for this run (--rules-off), full names
    rules_off: frozenset[str] = frozenset()
    max_article_chars: int = DEFAULT_MAX_ARTICLE_CHARS
    progress_seconds: float = 0  # 0: no progress lines


def pipeline_options(beam_args: list[str]) -> PipelineOptions:
    """Beam's own options, untouched, with the offline-safe local runner when none is named and
    SDK workers (separate processes in multi_processing mode) logging warnings only."""
    if not any(arg.startswith("--default_sdk_harness_log_level") for arg in beam_args):
        beam_args = [*beam_args, "--default_sdk_harness_log_level=WARNING"]
    options = PipelineOptions(beam_args)
    standard = options.view_as(StandardOptions)
    if not standard.runner:
        standard.runner = DEFAULT_RUNNER
    return options


def worker_count(options: PipelineOptions) -> int | None:
    """How many processes share the work on the local engine (None on other runners: unknown)."""
    from apache_beam.options.pipeline_options import DirectOptions

    if options.view_as(StandardOptions).runner != DEFAULT_RUNNER:
        return None
    direct = options.view_as(DirectOptions)
    if direct.direct_running_mode in ("multi_processing", "multi_threading"):
        return direct.direct_num_workers or os.cpu_count() or 1
    return 1


def make_runner(options: PipelineOptions):
    """The runner object for the default local engine, else None (Beam resolves --runner).

    Built as the DirectRunner builds it, with the pipeline options in its provision info, so SDK
    worker processes (multi_processing mode) receive the options too (log level, custom options).
    """
    if options.view_as(StandardOptions).runner != DEFAULT_RUNNER:
        return None
    from apache_beam.portability.api import beam_provision_api_pb2
    from apache_beam.runners.portability.fn_api_runner import fn_runner
    from apache_beam.runners.portability.portable_runner import JobServiceHandle

    encoded = JobServiceHandle.encode_pipeline_options(options.get_all_options())
    info = fn_runner.ExtendedProvisionInfo(beam_provision_api_pb2.ProvisionInfo(pipeline_options=encoded))
    return fn_runner.FnApiRunner(provision_info=info)


def build(pipeline: beam.Pipeline, config: RunConfig) -> None:
    """Adds the whole job to `pipeline`."""
    read = pipeline | "ReadArticles" >> ReadArticles(config.paths, config.max_article_chars)
    articles = read.articles | "DropDuplicates" >> DropDuplicates()
    if config.skip_ids:
        articles = articles | "SkipExisting" >> beam.Filter(_is_new, config.skip_ids)
    analysed = (
        articles
        | "AnalyzeArticles" >> AnalyzeArticles(
            config.model_name, config.schemas["articles"], config.batch_chars, config.rules_off,
            max_chars=config.max_article_chars, progress_seconds=config.progress_seconds,
            workers=worker_count(pipeline.options))
    )
    # Rows are checked and written in the stage that extracts them: a Flatten with the read
    # stage's dead letters before that would make the local engine hold every row of the run in
    # memory until extraction ends. So the read stage writes its own dead letters. Article rows
    # were checked in Extract and skip ValidateRows.
    checked = analysed.rows | "ValidateRows" >> ValidateRows(config.schemas)
    articles_out = analysed.articles | "TagArticles" >> beam.Map(lambda row: ("articles", row))
    unreadable = (
        read[DEAD]
        | "TagUnreadable" >> beam.Map(lambda row: (DEAD, row))
        | "ValidateUnreadable" >> ValidateRows(config.schemas)
    )
    _ = (articles_out, checked, unreadable) | "WriteTables" >> WriteTables(
        config.layout, config.schemas, config.num_shards)


_skipped = Metrics.counter(NAMESPACE, "skipped_existing")


def _is_new(article: dict, known: frozenset) -> bool:
    if article["article_id"] in known:
        _skipped.inc()
        return False
    return True


def run(config: RunConfig, options: PipelineOptions):
    """Runs the job to completion; returns its PipelineResult (for the counters)."""
    pipeline = beam.Pipeline(runner=make_runner(options), options=options)
    build(pipeline, config)
    result = pipeline.run()
    result.wait_until_finish()
    return result
