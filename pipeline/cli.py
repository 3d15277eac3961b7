"""The `newsbeam` command: run, load, schema, validate, eval, report.

`run` follows the Beam examples' convention: newsbeam's own flags are parsed here, every other
flag (`--runner`, `--direct_num_workers`, Dataflow/Flink/Spark options) goes to Beam untouched.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from .errors import EXIT_USAGE, UsageError


class _QuietKnownNoise(logging.Filter):
    """Drops warnings Beam logs at import time about optional cloud clients we do not use."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "apitools not found" not in record.getMessage()


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="newsbeam", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="extract entities, quotes and events from articles")
    run.add_argument("--input", nargs="+", action="extend", required=True, metavar="GLOB",
                     help="files or globs (.txt, .jsonl, .html, .warc; optionally .gz) on any Beam filesystem")
    where = run.add_mutually_exclusive_group(required=True)
    where.add_argument("--output", metavar="DIR", help="output folder (one folder per table)")
    where.add_argument("--dataset", metavar="ROOT",
                       help="dataset root for daily runs: writes ROOT/<table>/run_date=DATE/ (needs --run-date)")
    run.add_argument("--run-date", metavar="YYYY-MM-DD", type=_iso_date,
                     help="the partition a --dataset run writes; re-running a date replaces it")
    run.add_argument("--skip-existing", action="store_true",
                     help="with --dataset: skip articles already in an earlier date's partition")
    run.add_argument("--overwrite", action="store_true", help="clear a non-empty output folder first")
    run.add_argument("--model", default=None, help="spaCy pipeline name (default en_core_web_sm)")
    run.add_argument("--num-shards", type=int, default=0, help="files per table (0: the runner decides)")
    run.add_argument("--batch-chars", type=int, default=100_000,
                     help="largest nlp.pipe batch, in characters of article text")
    run.add_argument("--quiet", action="store_true", help="print no run summary")
    run.add_argument("--rules-off", nargs="+", default=[], metavar="RULE",
                     help="extraction rules (or rule prefixes) to turn off; `newsbeam eval --list-rules` lists them")
    run.add_argument("--no-report", action="store_true", help="write no report.html after the manifest")

    load = commands.add_parser("load", help="upsert a run's tables into DuckDB or PostgreSQL")
    load.add_argument("--output", required=True, metavar="DIR",
                      help="a complete run's output folder, or a dataset root (every complete date)")
    target = load.add_mutually_exclusive_group(required=True)
    target.add_argument("--duckdb", metavar="FILE", help="DuckDB database file (created if missing)")
    target.add_argument("--postgres", metavar="URL", help="PostgreSQL URL, e.g. postgresql://user@host/db")
    load.add_argument("--run-date", metavar="YYYY-MM-DD", type=_iso_date,
                      help="tag a plain run's rows with this run_date (needed to load it into tables"
                           " created from a dataset root)")

    schema = commands.add_parser("schema", help="print a table's schema as warehouse DDL")
    schema.add_argument("table", help="articles, entities, quotes, events or dead_letter")
    schema.add_argument("--format", required=True, choices=("bigquery", "postgres", "duckdb", "arrow"))
    schema.add_argument("--partitioned", action="store_true",
                        help="add the run_date column of a --dataset root")

    validate = commands.add_parser("validate", help="check every row of a run against schemas/")
    validate.add_argument("--output", required=True, metavar="DIR")

    evaluate = commands.add_parser("eval", help="score a run, or every yardstick of a suite, against gold annotations")
    evaluate.add_argument("--gold", metavar="FILE", help="gold JSON Lines (with --output)")
    evaluate.add_argument("--output", metavar="DIR", help="a run's output folder (with --gold)")
    evaluate.add_argument("--suite", metavar="DIR",
                          help="score every yardstick (gold file and its articles) found under DIR, side by side")
    evaluate.add_argument("--ablate", nargs="+", default=[], metavar="RULE",
                          help="with --suite: also score with each rule (or rule prefix) off, and show the change")
    evaluate.add_argument("--baseline", metavar="FILE",
                          help="with --suite: a JSON report of an earlier --suite --json run, to show the change")
    evaluate.add_argument("--cache", metavar="DIR", help="where --suite keeps parsed yardsticks"
                          " (default ~/.cache/newsbeam/parses)")
    evaluate.add_argument("--list-rules", action="store_true", help="print the named rules and exit")
    evaluate.add_argument("--json", action="store_true", help="print the report as JSON")

    report = commands.add_parser("report", help="write a run's HTML report (summary, dead letters, charts)")
    report.add_argument("--output", required=True, metavar="DIR",
                        help="a complete run's output folder, or a dataset root (every complete date)")
    report.add_argument("--html", metavar="FILE", help="where to write it (default DIR/report.html)")
    report.add_argument("--eval", metavar="FILE",
                        help="`newsbeam eval --json` output to show beside the run (default DIR/eval.json if present)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args, beam_args = parser.parse_known_args(argv)
    if args.command != "run" and beam_args:
        parser.error(f"unrecognized arguments: {' '.join(beam_args)}")
    if args.command == "run" and bool(args.dataset) != bool(args.run_date):
        parser.error("--dataset and --run-date go together")
    if args.command == "run" and args.skip_existing and not args.dataset:
        parser.error("--skip-existing needs --dataset")
    _configure_logging()
    try:
        if args.command == "run":
            from .launch import command_run

            return command_run(args, beam_args)
        if args.command == "load":
            return command_load(args)
        if args.command == "validate":
            return command_validate(args)
        if args.command == "schema":
            return command_schema(args)
        if args.command == "report":
            return command_report(args)
        return command_eval(args)
    except UsageError as exc:
        print(f"newsbeam {args.command}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE


def _configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(_QuietKnownNoise())
    # Worker processes print their own warnings; the copies relayed through the job service repeat them.
    logging.getLogger("apache_beam.runners.portability.local_job_service").setLevel(logging.ERROR)


def _iso_date(value: str) -> str:
    from datetime import date

    try:
        return date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date (YYYY-MM-DD)") from None


def command_load(args) -> int:
    from .warehouse.ddl import LoadRefused

    try:
        if args.duckdb:
            from .warehouse.duckdb import load_duckdb

            counts, where = load_duckdb(args.output, args.duckdb, args.run_date), args.duckdb
        else:
            import psycopg

            from .warehouse.postgres import load_postgres

            try:
                counts, where = load_postgres(args.output, args.postgres, args.run_date), "PostgreSQL"
            except psycopg.OperationalError as exc:
                raise UsageError(f"cannot load into PostgreSQL: {' '.join(str(exc).split())}") from None
    except (FileNotFoundError, LoadRefused) as exc:
        raise UsageError(str(exc)) from None
    for table, count in counts.items():
        print(f"{table}: {count} rows")
    dated = f", as run_date {args.run_date}" if args.run_date else ""
    print(f"loaded into {where} (rows are upserted on each table's key{dated})")
    return 0


def command_schema(args) -> int:
    from .schemas import load_schemas
    from .warehouse.ddl import render_schema

    try:
        print(render_schema(args.table, args.format, load_schemas(), partitioned=args.partitioned))
    except ValueError as exc:
        raise UsageError(str(exc)) from None
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
    from pathlib import Path

    from . import rules

    if args.list_rules:
        for name, why in rules.declared().items():
            print(f"{name:<44} {why}")
        return 0
    if args.ablate and (bad := rules.unknown(args.ablate)):
        raise UsageError(f"no such rule: {', '.join(bad)} (`newsbeam eval --list-rules` lists them)")
    if args.suite:
        from .suite import default_cache, format_suite, run_suite

        try:
            baseline = json.loads(Path(args.baseline).read_text(encoding="utf-8")) if args.baseline else None
            result = run_suite(args.suite, args.ablate, cache=Path(args.cache) if args.cache else default_cache())
        except (FileNotFoundError, json.JSONDecodeError) as exc:
            raise UsageError(str(exc)) from None
        print(json.dumps(result, indent=1) if args.json else format_suite(result, baseline))
        return 0
    if not (args.gold and args.output):
        raise UsageError("give --gold FILE and --output DIR (one run), or --suite DIR (every yardstick)")
    from .evaluate import evaluate, format_report

    try:
        report = evaluate(args.gold, args.output)
    except FileNotFoundError as exc:
        raise UsageError(str(exc)) from None
    print(json.dumps(report, indent=2) if args.json else format_report(report))
    return 0


def command_report(args) -> int:
    from .report import write_report

    try:
        where = write_report(args.output, args.html, args.eval)
    except (FileNotFoundError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    print(f"report written to {where}")
    return 0


def entry() -> None:
    """Console entry point. Once the manifest is written and the summary printed, leave without
    interpreter teardown: Beam's gRPC threads have been seen to abort the process there
    ("terminate called without an active exception"), turning a finished run into exit 134."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:  # output piped into `head` and the like: not an error
        code = 0
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    entry()
