"""The `newsbeam` command: run, load, schema, validate, eval, report.

`run` follows the Beam examples' convention: newsbeam's own flags are parsed here, every other
flag (`--runner`, `--direct_num_workers`, Dataflow/Flink/Spark options) goes to Beam untouched.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from .errors import EXIT_FAILED, EXIT_INTERRUPTED, EXIT_USAGE, CheckFailed, UsageError
from .io import DEFAULT_MAX_ARTICLE_CHARS


class _QuietKnownNoise(logging.Filter):
    """Drops warnings Beam logs at import time about optional cloud clients we do not use, and
    the traceback it logs for a Ctrl-C that lands in a running step (the run reports the
    interrupt itself, in one line)."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], KeyboardInterrupt):
            return False
        return "apitools not found" not in record.getMessage()


class _Parser(argparse.ArgumentParser):
    """Argument errors as one line (the usage is one --help away), exit status 2."""

    def error(self, message: str):
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="newsbeam", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)

    # No abbreviations: a prefix of a newsbeam flag could be meant for Beam (--num for --num_workers).
    run = commands.add_parser("run", help="extract entities, quotes and events from articles", allow_abbrev=False)
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
    run.add_argument("--overwrite", action="store_true",
                     help="replace the newsbeam output in --output (refused for a folder holding anything else)")
    run.add_argument("--model", default=None, help="spaCy pipeline name (default en_core_web_sm)")
    run.add_argument("--num-shards", type=_count(0), default=0,
                     help="at most this many files per table; empty ones are not kept (0: the runner decides)")
    run.add_argument("--batch-chars", type=_count(1), default=100_000,
                     help="largest nlp.pipe batch, in characters of article text")
    run.add_argument("--max-article-chars", type=_count(1), default=DEFAULT_MAX_ARTICLE_CHARS,
                     help="longer articles are dead letters (default %(default)s; memory grows with length)")
    run.add_argument("--max-dead-letter-ratio", type=_ratio, default=None, metavar="RATIO",
                     help="exit 1 when more than this share of inputs (0 to 1) is dead-lettered (default: off)")
    run.add_argument("--progress-every", type=_seconds, default=30.0, metavar="SECONDS",
                     help="a progress line this often while articles are analysed (default 30; 0: none)")
    run.add_argument("--quiet", action="store_true", help="print no progress lines and no run summary")
    run.add_argument("--rules-off", nargs="+", default=[], metavar="RULE",
                     help="extraction rules (or rule prefixes) to turn off; `newsbeam eval --list-rules` lists them")
    run.add_argument("--no-report", action="store_true", help="write no report.html after the manifest")
    parser.run_options = [option for action in run._actions for option in action.option_strings
                          if option.startswith("--")]

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
    if args.command == "run":
        unknown = unknown_run_flags(beam_args, parser.run_options)
        if unknown:
            print(f"newsbeam run: error: {unknown} (see newsbeam run --help)", file=sys.stderr)
            return EXIT_USAGE
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
        print(f"newsbeam {args.command}: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except CheckFailed as exc:
        print(f"newsbeam {args.command}: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt as exc:
        print(f"newsbeam {args.command}: interrupted" + (f" {exc}" if str(exc) else ""), file=sys.stderr)
        return EXIT_INTERRUPTED


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())


def unknown_run_flags(beam_args: list[str], ours: list[str]) -> str | None:
    """Why `run` refuses the arguments neither newsbeam nor Beam knows (None: all are Beam's).

    Beam's own parser decides what is Beam's; it would only log the rest as "unparseable" and run
    on, so a mistyped newsbeam flag would silently take its default.
    """
    import difflib

    from apache_beam.options.pipeline_options import PipelineOptions

    discarded = []

    class Catch(logging.Handler):
        def emit(self, record):
            if record.getMessage().startswith("Discarding unparseable args") and record.args:
                discarded.extend(record.args[0])

    logger = logging.getLogger("apache_beam.options.pipeline_options")
    catch, propagate = Catch(), logger.propagate
    logger.addHandler(catch)
    logger.propagate = False
    try:
        options = PipelineOptions(beam_args)
        known = options.get_all_options()
        if not discarded:  # should Beam ever stop logging them, unknown --flags still show here
            extra = set(options.get_all_options(retain_unknown_options=True)) - set(known)
            discarded = [f"--{name}" for name in sorted(extra)]
    finally:
        logger.removeHandler(catch)
        logger.propagate = propagate
    if not discarded:
        return None
    hints = []
    for token in discarded:
        flag = token.split("=", 1)[0]
        close = difflib.get_close_matches(flag.replace("_", "-"), ours, n=1, cutoff=0.75)
        if flag.startswith("-") and close:
            hints.append(f"did you mean {close[0]}?")
    return (f"unrecognized arguments: {' '.join(discarded)} (neither a newsbeam nor a Beam option"
            + (f"; {' '.join(hints)}" if hints else "") + ")")


def _configure_logging() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(_QuietKnownNoise())
    # Worker processes print their own warnings; the copies relayed through the job service repeat them.
    logging.getLogger("apache_beam.runners.portability.local_job_service").setLevel(logging.ERROR)


def _count(least: int):
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or number < least:
            raise argparse.ArgumentTypeError(f"{value!r} is not a whole number of at least {least}")
        return number

    return parse


def _float_within(low: float, high: float, meaning: str):
    """An argparse type: a number from `low` to `high`, else an error naming what it should be."""
    def parse(value: str) -> float:
        try:
            number = float(value)
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise argparse.ArgumentTypeError(f"{value!r} is not {meaning}")
        return number

    return parse


_ratio = _float_within(0, 1, "a ratio between 0 and 1 (0.05 is 5%)")
_seconds = _float_within(0, float("inf"), "a number of seconds")


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
            import duckdb

            from .warehouse.duckdb import load_duckdb

            try:
                counts, where = load_duckdb(args.output, args.duckdb, args.run_date), args.duckdb
            except duckdb.IOException as exc:  # a locked, unreadable or unwritable database file
                raise UsageError(f"cannot load into {args.duckdb}: {_one_line(exc)}") from None
        else:
            try:
                import psycopg
            except ImportError:
                raise UsageError("loading into PostgreSQL needs psycopg: pip install 'psycopg[binary]'") from None

            from .warehouse.postgres import load_postgres

            try:
                counts, where = load_postgres(args.output, args.postgres, args.run_date), "PostgreSQL"
            except psycopg.OperationalError as exc:
                raise UsageError(f"cannot load into PostgreSQL: {_one_line(exc)}") from None
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
    from .manifest import read_manifest

    damaged = read_manifest(args.output).get("damaged_inputs") or []
    if damaged:  # reported by the run; the rows that were read are valid all the same
        print(f"damaged inputs: {len(damaged)} (listed in the manifest; their readable part was kept)")
    if bad:
        raise CheckFailed(f"{bad} problem{'s' if bad > 1 else ''} in {args.output} (listed above)")
    return 0


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
    from .manifest import read_manifest

    try:
        read_manifest(args.output)
        report = evaluate(args.gold, args.output)
    except FileNotFoundError as exc:
        raise UsageError(str(exc) if "newsbeam run" in str(exc) else
                         f"no such file: {exc.filename or exc}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise UsageError(f"{args.gold} is not JSON Lines: {_one_line(exc)}") from None
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
