"""The report page: one HTML file with the data, the chart specs and the Vega JavaScript inlined,
so it opens offline, from a mail attachment or an object store, with nothing fetched."""

from __future__ import annotations

import functools
import json
from datetime import datetime, timezone
from importlib import resources

import jinja2

from .. import __version__
from . import charts
from .data import ReportData

SAMPLE_CHARS = 280  # a sample quote is cut to this


@functools.lru_cache(maxsize=1)
def vega_bundle() -> str:
    """Vega, Vega-Lite and vega-embed as one script, from vl-convert (which ships them): the
    versions Altair writes its specs for. Built once per process (it takes a few seconds)."""
    import altair as alt
    import vl_convert

    return vl_convert.javascript_bundle(vl_version="_".join(alt.SCHEMA_VERSION.split(".")[:2]))  # "v6_4"


def _json_for_script(value) -> str:
    """JSON safe inside a <script> element: no '<', '>' or '&' that could end it early."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _number(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.3f}"
    return f"{value:,}"


def _cut(text: str | None, limit: int = SAMPLE_CHARS) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, trim_blocks=True,
                             lstrip_blocks=True)
    env.filters["num"] = _number
    env.filters["cut"] = _cut
    env.filters["script_json"] = _json_for_script
    return env


def summary_of(data: ReportData) -> dict:
    """Reconciliation over every date of a dataset (one run: its own)."""
    keys = ["inputs_read", "articles_written", "inputs_dead_lettered", "duplicates", "skipped_existing"]
    recon = {k: sum(m["reconciliation"].get(k, 0) for m in data.manifests) for k in keys}
    recon["balanced"] = all(m["reconciliation"].get("balanced", False) for m in data.manifests)
    records = sum(m.get("dead_letters", {}).get("record", 0) for m in data.manifests)
    return {"recon": recon, "record_dead_letters": records}


def build_charts(data: ReportData) -> dict[str, dict | None]:
    found = {
        "entities": charts.entities_by_type(data.entities, data.entity_types),
        "speakers": charts.quotes_by_speaker(data.speaker_kinds, data.speakers),
        "events_by_root": charts.events_by_root(data.events_by_root),
        "events_over_time": charts.events_over_time(data.dated_events, data.period),
        "casualties": charts.casualties_by_location(data.casualties),
    }
    if data.dataset:
        found.update({
            "reconciliation_by_date": charts.reconciliation_by_date(data.manifests),
            "rows_by_date": charts.rows_by_date(data.manifests),
            "events_by_run_date": charts.events_by_run_date(data.events_by_run_date),
            "entities_by_run_date": charts.entities_by_run_date(data.entities_by_run_date),
        })
    if data.quality:
        found["quality"] = charts.quality_by_article(data.quality.get("articles") or [])
    return found


def render(data: ReportData, generated: datetime | None = None) -> str:
    template = _environment().from_string(
        resources.files("pipeline.report").joinpath("report.html.j2").read_text(encoding="utf-8"))
    specs = {name: spec for name, spec in build_charts(data).items() if spec is not None}
    latest = data.manifests[-1]
    return template.render(
        data=data, latest=latest, summary=summary_of(data), specs=specs, version=__version__,
        generated=(generated or datetime.now(timezone.utc)).strftime("%Y-%m-%d %H:%M UTC"),
        type_names=charts.ENTITY_TYPES, bundle=vega_bundle() if specs else "",
        quality_rows=_quality_rows(data.quality),
    )


def _quality_rows(quality: dict | None) -> list[dict]:
    """The eval report's per-table scores, with the checks over matched items spelled out."""
    if not quality:
        return []
    rows = []
    plain = {"precision", "recall", "f1", "tp", "system", "gold", "macro_f1"}
    for name, scores in (quality.get("tables") or {}).items():
        checks = ", ".join(f"{key.replace('_', ' ')} {value:.3f}" for key, value in scores.items()
                           if key not in plain and isinstance(value, (int, float)))
        rows.append({"table": name.replace("_", " "), **{k: scores.get(k) for k in plain}, "checks": checks})
    return rows
