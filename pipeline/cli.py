"""The `newsbeam` command: run, load, validate, eval.

`run` follows the Beam examples' convention: newsbeam's own flags are parsed here, every other
flag (`--runner`, `--direct_num_workers`, Dataflow/Flink/Spark options) goes to Beam untouched.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
import uuid

EXIT_USAGE = 2


class _QuietKnownNoise(logging.Filter):
    """Drops warnings Beam logs at import time about optional cloud clients we do not use."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "apitools not found" not in record.getMessage()


class UsageError(Exception):
    """A problem the user can fix (missing input, unwritable output, no model): exit status 2."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="newsbeam", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="extract entities, quotes and events from articles")
    run.add_argument("--input", nargs="+", required=True, metavar="GLOB",
                     help="files or globs (.txt, .jsonl, optionally .gz) on any Beam filesystem")
    run.add_argument("--output", required=True, metavar="DIR", help="output folder (one folder per table)")
    run.add_argument("--overwrite", action="store_true", help="clear a non-empty output folder first")
    run.add_argument("--model", default=None, help="spaCy pipeline name (default en_core_web_sm)")
    run.add_argument("--num-shards", type=int, default=0, help="files per table (0: the runner decides)")
    run.add_argument("--batch-chars", type=int, default=100_000,
                     help="largest nlp.pipe batch, in characters of article text")
    run.add_argument("--quiet", action="store_true", help="print no run summary")

    load = commands.add_parser("load", help="load a run's Parquet tables into DuckDB")
    load.add_argument("--output", required=True, metavar="DIR", help="a complete run's output folder")
    load.add_argument("--duckdb", required=True, metavar="FILE", help="DuckDB database file")

    validate = commands.add_parser("validate", help="check every row of a run against schemas/")
    validate.add_argument("--output", required=True, metavar="DIR")

    evaluate = commands.add_parser("eval", help="score a run against gold annotations")
    evaluate.add_argument("--gold", required=True, metavar="FILE", help="gold JSON Lines")
    evaluate.add_argument("--output", required=True, metavar="DIR", help="a run's output folder")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")

    args, beam_args = parser.parse_known_args(argv)
    if args.command != "run" and beam_args:
        parser.error(f"unrecognized arguments: {' '.join(beam_args)}")
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(_QuietKnownNoise())
    try:
        if args.command == "run":
            return command_run(args, beam_args)
        if args.command == "load":
            return command_load(args)
        if args.command == "validate":
            return command_validate(args)
        return command_eval(args)
    except UsageError as exc:
        print(f"newsbeam {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def prepare_output(output: str, overwrite: bool) -> None:
    """Refuse a non-empty folder (stale shards of an earlier run would mix in) unless --overwrite."""
    from apache_beam.io.filesystems import FileSystems

    existing = [m.path for m in FileSystems.match([FileSystems.join(output, "**")])[0].metadata_list]
    if existing and not overwrite:
        raise UsageError(f"output {output} is not empty; pass --overwrite to replace it")
    if existing:
        FileSystems.delete([output])
    probe = FileSystems.join(output, f".newsbeam-write-check-{uuid.uuid4().hex}")
    try:
        FileSystems.create(probe).close()
        FileSystems.delete([probe])
    except Exception as exc:  # noqa: BLE001 - any failure here means we cannot write results
        raise UsageError(f"cannot write to output {output}: {exc}") from None


def command_run(args, beam_args) -> int:
    from .io.read import expand_inputs
    from .manifest import build_manifest, utc_now, write_manifest
    from .nlp.model import DEFAULT_MODEL, ModelNotInstalled, model_info, resolve_model
    from .run import RunConfig, pipeline_options, run
    from .schemas import load_schemas

    model_name = args.model or DEFAULT_MODEL
    try:
        resolve_model(model_name)
        paths = expand_inputs(args.input)
    except (ModelNotInstalled, FileNotFoundError) as exc:
        raise UsageError(str(exc)) from None
    prepare_output(args.output, args.overwrite)
    schemas = load_schemas()
    options = pipeline_options(beam_args)
    runner = options.get_all_options()["runner"]
    started = utc_now()
    config = RunConfig(paths, args.output, schemas, model_name, args.num_shards, args.batch_chars)
    result, _ = run(config, options)
    model = model_info(model_name)
    manifest = build_manifest(run_id=f"{started:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}", started=started,
                              finished=utc_now(), output=args.output, inputs=args.input,
                              schemas=schemas, model=model, runner=str(runner), result=result)
    write_manifest(args.output, manifest, schemas["manifest"])
    if not args.quiet:
        print(summary(manifest))
    return 0 if manifest["reconciliation"]["balanced"] else 1


def summary(manifest: dict) -> str:
    recon, tables = manifest["reconciliation"], manifest["tables"]
    lines = [
        (f"newsbeam run {manifest['run_id']} finished in {manifest['duration_seconds']:.1f} s "
         f"on {manifest['runner']}"),
        f"  inputs read: {recon['inputs_read']}  ->  articles {recon['articles_written']}, "
        f"dead-lettered {recon['inputs_dead_lettered']}, duplicates {recon['duplicates']}"
        + ("" if recon["balanced"] else "  (DOES NOT BALANCE)"),
        "  rows: " + ", ".join(f"{name} {count}" for name, count in tables.items()),
        (f"  dead letters: {manifest['dead_letters']['input']} inputs, "
         f"{manifest['dead_letters']['record']} records"),
        f"  output: {manifest['output']}",
    ]
    return "\n".join(lines)


def command_load(args) -> int:
    from .warehouse.duckdb import load_run

    try:
        counts = load_run(args.output, args.duckdb)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    for table, count in counts.items():
        print(f"{table}: {count} rows")
    print(f"loaded into {args.duckdb}")
    return 0


def command_validate(args) -> int:
    from .validate import validate_run

    try:
        report = validate_run(args.output)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    bad = 0
    for table, (rows, problems) in report.items():
        print(f"{table}: {rows} rows, {len(problems)} invalid")
        for problem in problems[:5]:
            print(f"  {problem}")
        bad += len(problems)
    return 1 if bad else 0


def command_eval(args) -> int:
    import json

    from .evaluate import evaluate, format_report

    report = evaluate(args.gold, args.output)
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


def entry() -> None:
    """Console entry point. Once the manifest is written and the summary printed, leave without
    interpreter teardown: Beam's gRPC threads have been seen to abort the process there
    ("terminate called without an active exception"), turning a finished run into exit 134."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
