"""`newsbeam report`: a run (or a dataset root) at a glance, as one self-contained HTML file.

    data.py     DuckDB queries over the run's Parquet files (the warehouse's table names)
    charts.py   Vega-Lite specs built with Altair from the query rows
    page.py     the page: template, specs and the Vega scripts inlined (nothing fetched to view it)
"""

from __future__ import annotations

import json
import logging

from apache_beam.io.filesystems import FileSystems

REPORT = "report.html"
EVAL = "eval.json"  # `newsbeam eval --json` output saved beside a run is shown in its report

log = logging.getLogger(__name__)


def read_quality(path: str) -> dict:
    """A `newsbeam eval --json` report; ValueError when the file is not one."""
    with FileSystems.open(path) as handle:
        try:
            report = json.loads(handle.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ValueError(f"{path} is not JSON: {exc}") from None
    if not isinstance(report, dict) or not isinstance(report.get("tables"), dict):
        # A file with the wrong content (a user's mistake), not a wrong argument type.
        raise ValueError(f"{path} is not a `newsbeam eval --json` report (it has no 'tables')")  # noqa: TRY004
    return report


def build_report(output: str, eval_path: str | None = None) -> str:
    """The report's HTML for a complete run or dataset root (FileNotFoundError if it has none).
    Quality figures come from `eval_path`, else from an eval.json beside the run when present."""
    from .data import collect
    from .page import render

    if eval_path is None and FileSystems.exists(FileSystems.join(output, EVAL)):
        eval_path = FileSystems.join(output, EVAL)
    quality = read_quality(eval_path) if eval_path else None
    return render(collect(output, quality, eval_path))


def write_report(output: str, html: str | None = None, eval_path: str | None = None) -> str:
    """Writes the report (default OUTPUT/report.html) and returns where."""
    page = build_report(output, eval_path)
    target = html or FileSystems.join(output, REPORT)
    with FileSystems.create(target, mime_type="text/html") as handle:
        handle.write(page.encode("utf-8"))
    return target


def write_run_report(root: str) -> str | None:
    """For `newsbeam run`, after the manifest: the report is derived, so a failure to build it is a
    one-line warning and the run stays complete. Returns where it was written, or None."""
    try:
        return write_report(root)
    except Exception as exc:  # noqa: BLE001 - the run's tables and manifest are already written
        reason = " ".join(f"{type(exc).__name__}: {exc}".split())
        log.warning("report not written (the run is complete; `newsbeam report --output %s` retries): %s",
                    root, reason[:300])
        return None
