"""The report's charts: Vega-Lite specs built with Altair from query rows (data inlined).

Each function takes the rows of one query (see data.py) and returns a spec dict, or None when
there is nothing to draw (the page then shows an empty state instead).
"""

from __future__ import annotations

import altair as alt

FONT = "Inter, system-ui, -apple-system, 'Segoe UI', Roboto, Helvetica, Arial, sans-serif"
INK, MUTED, GRID = "#1f2937", "#6b7280", "#eef0f3"
CONFIG = {
    "font": FONT,
    "view": {"stroke": None},
    "background": "transparent",
    "axis": {"labelColor": "#374151", "titleColor": MUTED, "gridColor": GRID, "domainColor": "#d1d5db",
             "tickColor": "#d1d5db", "labelFontSize": 11, "titleFontSize": 11, "titleFontWeight": 500,
             "labelLimit": 220},
    "legend": {"labelColor": "#374151", "titleColor": MUTED, "labelFontSize": 11, "titleFontSize": 11,
               "titleFontWeight": 500, "orient": "bottom", "direction": "horizontal"},
    "header": {"labelFontSize": 12, "labelColor": INK, "titleFontSize": 12},
    "title": {"fontSize": 13, "fontWeight": 600, "anchor": "start", "color": INK, "subtitleColor": MUTED,
              "subtitleFontSize": 11, "offset": 8},
    "concat": {"spacing": 28},
    "bar": {"cornerRadiusEnd": 2},
}

# CAMEO's four classes of event roots (QuadClass, as in the CAMEO codebook and GDELT):
# 01-05 verbal cooperation, 06-09 material cooperation, 10-14 verbal conflict, 15-20 material conflict.
QUAD_CLASSES = ["Verbal cooperation", "Material cooperation", "Verbal conflict", "Material conflict"]
QUAD_COLOURS = ["#8ec5e8", "#2b7bba", "#f4a261", "#c8423b"]
ENTITY_TYPES = {
    "PERSON": "People", "ORG": "Organisations", "GPE": "Countries, cities, states",
    "NORP": "Nationalities, religious and political groups", "LOC": "Other places", "FAC": "Buildings and facilities",
    "EVENT": "Named events", "LAW": "Laws", "PRODUCT": "Products", "WORK_OF_ART": "Works of art",
}
TYPE_COLOURS = ["#2b7bba", "#7a5195", "#2a9d8f", "#e07a5f", "#8d99ae", "#bc5090", "#ffa600", "#588157",
                "#6d597a", "#b56576"]
KINDS = ["direct", "partial", "block", "indirect"]
KIND_COLOURS = ["#2b7bba", "#8ec5e8", "#7a5195", "#c9c3dc"]
MEASURES = ["killed", "injured", "displaced", "arrested"]
MEASURE_COLOURS = ["#c8423b", "#f4a261", "#2a9d8f", "#6d597a"]


def quad_class(root: str) -> str:
    code = int(root)
    return QUAD_CLASSES[0 if code <= 5 else 1 if code <= 9 else 2 if code <= 14 else 3]


def root_label(root: str, event_type: str | None) -> str:
    return f"{root} {(event_type or '').capitalize()}".strip()


def _spec(chart) -> dict:
    spec = chart.to_dict()
    spec["config"] = CONFIG
    return spec


def count_axis(top, **extra) -> dict:
    """Axis and scale of whole counts: ticks on integers (never 0.5), the bars within the ticks."""
    top = int(top or 0)
    if top > 16:
        return {"axis": alt.Axis(tickMinStep=1, format=",d", **extra)}
    step = 1 if top <= 8 else 2
    end = max(1, -(-top // step) * step)
    return {"axis": alt.Axis(values=list(range(0, end + 1, step)), format="d", **extra),
            "scale": alt.Scale(domain=[0, end], nice=False)}


def date_axis(dates: int) -> alt.Axis:
    return alt.Axis(labelAngle=-40 if dates > 6 else 0)


def date_width(dates: int) -> int:
    """Room for the date labels: level when few, slanted and closer when many."""
    return max(220, 72 * dates) if dates <= 6 else min(720, 26 * dates)


def _cell_text(field: str, values: list[dict]):
    """Heat-map labels: white on the darker half of the colour scale."""
    top = max((v[field] for v in values), default=0)
    return alt.condition(f"datum.{field} > {top / 2}", alt.value("white"), alt.value(INK))


def _bar_height(n: int) -> int:
    return max(40, 20 * n)


def entities_by_type(rows: list[dict], types: list[dict]) -> dict | None:
    """Top entities of each type: bars count the articles naming them, labels the mentions; one small
    chart per type."""
    if not rows:
        return None
    charts = []
    for i, entry in enumerate(types):
        kind = entry["type"]
        values = [r for r in rows if r["type"] == kind]
        label = ENTITY_TYPES.get(kind, kind)
        values = [{**v, "label": f"{v['mentions']} mention{'s' if v['mentions'] != 1 else ''}"} for v in values]
        base = alt.Chart(alt.Data(values=values), title=alt.Title(
            label, subtitle=f"{entry['names']} distinct name{'s' if entry['names'] != 1 else ''}")).encode(
            y=alt.Y("name:N", sort=[v["name"] for v in values], title=None, axis=alt.Axis(labelLimit=150)),
            x=alt.X("articles:Q", title="articles", **count_axis(max(v["articles"] for v in values))),
            tooltip=[alt.Tooltip("name:N", title="name"), alt.Tooltip("type:N"),
                     alt.Tooltip("articles:Q", title="articles"), alt.Tooltip("mentions:Q", title="mentions")],
        )
        bars = base.mark_bar(color=TYPE_COLOURS[i % len(TYPE_COLOURS)])
        text = base.mark_text(align="left", dx=4, fontSize=10, color=MUTED).encode(text="label:N")
        chart = (bars + text).properties(width=150, height=_bar_height(len(values)))
        charts.append(chart)
    return _spec(alt.concat(*charts, columns=3))


def quotes_by_speaker(kind_rows: list[dict], speakers: list[dict]) -> dict | None:
    """Most-quoted speakers, bars split by kind of quotation."""
    if not kind_rows:
        return None
    order = [s["speaker"] for s in speakers]
    chart = alt.Chart(alt.Data(values=kind_rows)).mark_bar().encode(
        y=alt.Y("speaker:N", sort=order, title=None),
        x=alt.X("sum(quotes):Q", title="quotes", **count_axis(max((s["quotes"] for s in speakers), default=0))),
        color=alt.Color("kind:N", title="kind", scale=alt.Scale(domain=KINDS, range=KIND_COLOURS)),
        order=alt.Order("kind_order:Q"),
        tooltip=[alt.Tooltip("speaker:N"), alt.Tooltip("kind:N"), alt.Tooltip("quotes:Q")],
    ).transform_calculate(kind_order=f"indexof({KINDS!r}, datum.kind)").properties(
        width="container", height=_bar_height(len(order)))
    return _spec(chart)


def events_by_root(rows: list[dict]) -> dict | None:
    """Events per CAMEO root, coloured by the root's class."""
    if not rows:
        return None
    values = [{**r, "root": root_label(r["cameo_root"], r["event_type"]), "class": quad_class(r["cameo_root"])}
              for r in rows]
    chart = alt.Chart(alt.Data(values=values)).mark_bar().encode(
        y=alt.Y("root:N", sort=[v["root"] for v in values], title=None),
        x=alt.X("events:Q", title="events", **count_axis(max(v["events"] for v in values))),
        color=alt.Color("class:N", title=None, scale=alt.Scale(domain=QUAD_CLASSES, range=QUAD_COLOURS),
                        legend=alt.Legend(columns=2)),
        tooltip=[alt.Tooltip("root:N", title="CAMEO root"), alt.Tooltip("class:N", title="class"),
                 alt.Tooltip("events:Q")],
    ).properties(width="container", height=_bar_height(len(values)))
    return _spec(chart)


def period_label(period: str, unit: str) -> str:
    return period[:4] if unit == "year" else period[:7] if unit == "month" else period[:10]


def events_over_time(rows: list[dict], unit: str) -> dict | None:
    """Events with a resolved date: CAMEO root by period, as a heat map."""
    if not rows:
        return None
    values = [{**r, "root": root_label(r["cameo_root"], r["event_type"]), "when": period_label(r["period"], unit)}
              for r in rows]
    roots = sorted({v["root"] for v in values})
    base = alt.Chart(alt.Data(values=values)).encode(
        x=alt.X("when:O", title=unit, sort="ascending", axis=alt.Axis(labelAngle=-40 if unit == "day" else 0)),
        y=alt.Y("root:N", sort=roots, title=None),
        tooltip=[alt.Tooltip("when:O", title=unit), alt.Tooltip("root:N", title="CAMEO root"),
                 alt.Tooltip("events:Q")],
    )
    cells = base.mark_rect(cornerRadius=2).encode(
        color=alt.Color("events:Q", title="events", scale=alt.Scale(scheme="oranges", domainMin=0),
                        legend=None))
    labels = base.mark_text(fontSize=10).encode(text=alt.Text("events:Q"), color=_cell_text("events", values))
    periods = len({v["when"] for v in values})
    return _spec((cells + labels).properties(width=max(160, min(720, 44 * periods)), height=_bar_height(len(roots))))


def casualties_by_location(rows: list[dict]) -> dict | None:
    """Stated casualty figures summed by place: one chart per figure, each on its own scale."""
    values = [{"location": r["location"], "measure": m, "people": r[m]}
              for r in rows for m in MEASURES if r.get(m) is not None]
    if not values:
        return None
    order = [r["location"] for r in rows]
    charts = []
    for measure, colour in zip(MEASURES, MEASURE_COLOURS):
        subset = [v for v in values if v["measure"] == measure]
        if not subset:
            continue
        base = alt.Chart(alt.Data(values=subset), title=measure.capitalize()).encode(
            y=alt.Y("location:N", sort=order, title=None),
            x=alt.X("people:Q", title="people", axis=alt.Axis(format=",d", tickMinStep=1, tickCount=4)),
            tooltip=[alt.Tooltip("location:N"), alt.Tooltip("measure:N"), alt.Tooltip("people:Q", format=",")],
        )
        bars = base.mark_bar(color=colour)
        text = base.mark_text(align="left", dx=3, fontSize=10, color=INK).encode(text=alt.Text("people:Q", format=","))
        charts.append((bars + text).properties(width=300, height=_bar_height(len(order))))
    return _spec(alt.concat(*charts, columns=2))


def reconciliation_by_date(manifests: list[dict]) -> dict | None:
    """Dataset roots: what became of each date's inputs."""
    parts = [("articles_written", "written"), ("inputs_dead_lettered", "dead-lettered"),
             ("duplicates", "duplicates"), ("skipped_existing", "already in the dataset")]
    values = [{"run_date": m["run_date"], "outcome": label, "inputs": m["reconciliation"].get(key, 0), "i": i}
              for m in manifests for i, (key, label) in enumerate(parts)]
    if not values:
        return None
    chart = alt.Chart(alt.Data(values=values), title="Inputs by run date").mark_bar().encode(
        x=alt.X("run_date:O", title="run date", axis=date_axis(len(manifests))),
        y=alt.Y("inputs:Q", title="inputs", **count_axis(max(m["reconciliation"].get("inputs_read", 0) for m in manifests))),
        color=alt.Color("outcome:N", title=None, scale=alt.Scale(
            domain=[p[1] for p in parts], range=["#2b7bba", "#c8423b", "#f4a261", "#8d99ae"])),
        order=alt.Order("i:Q"),
        tooltip=[alt.Tooltip("run_date:O", title="run date"), alt.Tooltip("outcome:N"), alt.Tooltip("inputs:Q")],
    ).properties(width=date_width(len(manifests)), height=200)
    return _spec(chart)


def rows_by_date(manifests: list[dict]) -> dict | None:
    """Dataset roots: rows written per table on each date."""
    tables = ["entities", "quotes", "events"]
    values = [{"run_date": m["run_date"], "table": t, "rows": m["tables"].get(t, 0)} for m in manifests for t in tables]
    if not values:
        return None
    chart = alt.Chart(alt.Data(values=values), title="Rows written by run date").mark_line(point=True).encode(
        x=alt.X("run_date:O", title="run date", axis=date_axis(len(manifests))),
        y=alt.Y("rows:Q", title="rows", axis=alt.Axis(format="d")),
        color=alt.Color("table:N", title=None, scale=alt.Scale(domain=tables, range=["#2b7bba", "#7a5195", "#c8423b"])),
        tooltip=[alt.Tooltip("run_date:O", title="run date"), alt.Tooltip("table:N"), alt.Tooltip("rows:Q")],
    ).properties(width=date_width(len(manifests)), height=200)
    return _spec(chart)


def events_by_run_date(rows: list[dict]) -> dict | None:
    """Dataset roots: events of each date's articles by CAMEO class."""
    if not rows:
        return None
    values = [{**r, "class": quad_class(r["cameo_root"]), "root": root_label(r["cameo_root"], r["event_type"])}
              for r in rows]
    dates = sorted({v["run_date"] for v in values})
    chart = alt.Chart(alt.Data(values=values), title="Events by run date").mark_bar().encode(
        x=alt.X("run_date:O", title="run date", axis=date_axis(len(dates))),
        y=alt.Y("sum(events):Q", title="events", axis=alt.Axis(format="d")),
        color=alt.Color("class:N", title=None, scale=alt.Scale(domain=QUAD_CLASSES, range=QUAD_COLOURS),
                        legend=alt.Legend(columns=2)),
        tooltip=[alt.Tooltip("run_date:O", title="run date"), alt.Tooltip("root:N", title="CAMEO root"),
                 alt.Tooltip("events:Q")],
    ).properties(width=date_width(len(dates)), height=200)
    return _spec(chart)


def entities_by_run_date(rows: list[dict]) -> dict | None:
    """Dataset roots: the most-named entities, articles naming them on each date."""
    if not rows:
        return None
    dates = sorted({r["run_date"] for r in rows})
    base = alt.Chart(alt.Data(values=rows), title="Who is in the news, by run date").encode(
        x=alt.X("run_date:O", title="run date", axis=date_axis(len(dates))),
        y=alt.Y("name:N", title=None, sort=alt.EncodingSortField("articles", op="sum", order="descending")),
        tooltip=[alt.Tooltip("name:N"), alt.Tooltip("type:N"), alt.Tooltip("run_date:O", title="run date"),
                 alt.Tooltip("articles:Q")],
    )
    cells = base.mark_rect(cornerRadius=2).encode(color=alt.Color(
        "articles:Q", title="articles", scale=alt.Scale(scheme="blues", domainMin=0), legend=None))
    labels = base.mark_text(fontSize=10).encode(text="articles:Q", color=_cell_text("articles", rows))
    names = len({r["name"] for r in rows})
    return _spec((cells + labels).properties(width=date_width(len(dates)), height=_bar_height(names)))


def quality_by_article(articles: list[dict]) -> dict | None:
    """`newsbeam eval`: F1 per gold article and table, worst articles first."""
    measures = ["entities", "quotes", "events"]
    values = [{"doc": str(a.get("doc")), "table": m, "f1": a[m]} for a in articles for m in measures
              if isinstance(a.get(m), (int, float))]
    if not values:
        return None
    worst = sorted({v["doc"] for v in values},
                   key=lambda d: min(v["f1"] for v in values if v["doc"] == d))
    base = alt.Chart(alt.Data(values=values)).encode(
        x=alt.X("table:N", sort=measures, title=None, axis=alt.Axis(orient="top", labelAngle=0)),
        y=alt.Y("doc:N", sort=worst, title=None),
        tooltip=[alt.Tooltip("doc:N", title="article"), alt.Tooltip("table:N"), alt.Tooltip("f1:Q", format=".3f")],
    )
    cells = base.mark_rect(cornerRadius=2).encode(color=alt.Color(
        "f1:Q", title="F1", scale=alt.Scale(scheme="redyellowgreen", domain=[0, 1])))
    labels = base.mark_text(fontSize=10).encode(  # white on the dark ends of the scale
        text=alt.Text("f1:Q", format=".2f"),
        color=alt.condition("datum.f1 >= 0.85 || datum.f1 <= 0.15", alt.value("white"), alt.value(INK)))
    return _spec((cells + labels).properties(width=240, height=_bar_height(len(worst))))
