"""`newsbeam report`: DuckDB queries over a run's Parquet files, the self-contained page, the
`run` hook, and the page drawn in a real headless browser.

Runs are built row by row from invented articles (fast, every case controlled); one test runs the
real pipeline to check `run` writes the report. The browser test needs Debian's chromium and the
playwright package (dev extra); without them it skips, unless NEWSBEAM_REQUIRE_BROWSER is set (as
in CI), where a skip would hide an untested page and fails instead.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import struct
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.report import build_report, write_report
from pipeline.report.data import collect, period_for
from pipeline.schemas import TABLES, arrow_schema, errors_of, load_schemas, validator

SCHEMAS = load_schemas()


def hid(*parts) -> str:
    return hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()[:16]


def article(key: str, title: str, published: str | None = "2024-03-02", source: str = "Harbour Courier") -> dict:
    return {"article_id": hid("a", key), "source_id": key, "source_uri": f"file:///news/{key}.txt",
            "title": title, "text": "Invented body text for a report test.", "published_at": published,
            "language": "en", "word_count": 7, "source": source, "url": None, "extra": None}


def entity(key: str, name: str, kind: str, mentions: int = 1) -> dict:
    return {"article_id": hid("a", key), "entity_id": hid("e", name, kind), "name": name, "type": kind,
            "title": None, "aliases": [], "mention_count": mentions,
            "mentions": [{"start": i, "end": i + 1, "text": name} for i in range(mentions)], "country_code": None}


def quote(key: str, text: str, speaker: str | None, kind: str = "direct") -> dict:
    return {"article_id": hid("a", key), "quote_id": hid("q", key, text), "text": text, "start": 0,
            "end": len(text), "kind": kind, "speaker": speaker, "speaker_entity_id": None,
            "speaker_role": "harbour master" if speaker == "Lena Ortiz" else None, "cue": "said"}


def event(key: str, root: str, kind: str, *, date=None, location=None, killed=None, injured=None,
          displaced=None, arrested=None) -> dict:
    return {"article_id": hid("a", key), "event_id": hid("ev", key, root, date, location), "cameo_root": root,
            "event_type": kind, "trigger": "x", "trigger_start": 0, "trigger_end": 1,
            "sentence": "An invented sentence.", "mention_sentences": [], "actors": [], "targets": [],
            "location": location, "date_text": None, "date": date,
            "counts": {"killed": killed, "injured": injured, "displaced": displaced, "arrested": arrested},
            "attributed_to": None}


def dead(source: str, error: str, stage: str = "parse") -> dict:
    return {"dead_letter_id": hid("d", source, error), "level": "input", "source_uri": source, "stage": stage,
            "error": error, "payload": '{"id": "x", ', "table": None, "article_id": None}


def write_run(folder: Path, rows: dict[str, list[dict]], run_date: str | None = None, skipped: int = 0) -> Path:
    """A complete run laid out as `run --output` (or, with run_date, `run --dataset`) writes it:
    one Parquet part per table and a manifest that validates against schemas/manifest.json."""
    for table in TABLES:
        for row in rows.get(table, []):
            assert not errors_of(validator(SCHEMAS[table]), row), table
        where = folder / table / (f"run_date={run_date}" if run_date else "")
        where.mkdir(parents=True, exist_ok=True)
        table_rows = pa.Table.from_pylist(rows.get(table, []), schema=arrow_schema(SCHEMAS[table]))
        pq.write_table(table_rows, where / "part-00000-of-00001.parquet")
    counts = {t: len(rows.get(t, [])) for t in TABLES}
    dead_inputs = sum(1 for r in rows.get("dead_letter", []) if r["level"] == "input")
    recon = {"inputs_read": counts["articles"] + dead_inputs + skipped, "articles_written": counts["articles"],
             "inputs_dead_lettered": dead_inputs, "duplicates": 0, "skipped_existing": skipped, "balanced": True}
    manifest = {"run_id": f"20240302T060000Z-{hid(folder, run_date)[:8]}", "started_at": "2024-03-02T06:00:00+00:00",
                "finished_at": "2024-03-02T06:00:12+00:00", "duration_seconds": 12.0, "pipeline_version": "0.1.0",
                "schema_version": "0123456789ab", "model": {"name": "en_core_web_sm", "version": "3.8.0"},
                "runner": "FnApiRunner", "inputs": ["news/*.txt"], "output": str(folder), "run_date": run_date,
                "tables": counts, "dead_letters": {"input": dead_inputs, "record": 0}, "reconciliation": recon}
    assert not errors_of(validator(SCHEMAS["manifest"]), manifest)
    path = folder / "_manifests" / f"run_date={run_date}.json" if run_date else folder / "manifest.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(manifest))
    return folder


def harbour_rows() -> dict[str, list[dict]]:
    """Three invented articles about a storm in a made-up port, and two bad input lines."""
    return {
        "articles": [article("storm", "Storm closes Port Vella"), article("relief", "Relief reaches Port Vella"),
                     article("vote", "Council votes on sea wall", published=None, source="Valley Gazette")],
        "entities": [entity("storm", "Lena Ortiz", "PERSON", 4), entity("relief", "Lena Ortiz", "PERSON", 2),
                     entity("vote", "Tomas Brandt", "PERSON", 3), entity("storm", "Port Vella", "GPE", 5),
                     entity("relief", "Port Vella", "GPE", 1), entity("relief", "Northern Relief Agency", "ORG")],
        "quotes": [quote("storm", "The pier will stay shut until the swell drops.", "Lena Ortiz"),
                   quote("relief", "Every family on the quay has a dry bed tonight, she said", "Lena Ortiz",
                         "indirect"),
                   quote("vote", "We cannot wait for another winter like this one.", "Tomas Brandt"),
                   quote("vote", "Nobody signed up for </script><script>alert(1)</script> this", None)],
        "events": [event("storm", "19", "FIGHT", date="2024-03-01", location="Port Vella", killed=2, injured=9),
                   event("relief", "07", "PROVIDE AID", date="2024-03-02", location="Port Vella", displaced=40),
                   event("relief", "04", "CONSULT", date="2024-03-02"),
                   event("vote", "14", "PROTEST", location="Dunmore", arrested=3)],
        "dead_letter": [dead("news/feed.jsonl#3", "malformed JSON at line 3, column 9: Expecting value"),
                        dead("news/feed.jsonl#9", "malformed JSON at line 9, column 2: Expecting value"),
                        dead("news/blank.txt", "empty article: no title and no text")],
    }


@pytest.fixture
def harbour(tmp_path) -> Path:
    return write_run(tmp_path / "harbour", harbour_rows())


def test_queries_read_what_the_tables_hold(harbour):
    data = collect(str(harbour))
    assert data.totals == {"articles": 3, "entities": 6, "quotes": 4, "events": 4, "dead_letter": 3}
    people = [(e["name"], e["articles"], e["mentions"]) for e in data.entities if e["type"] == "PERSON"]
    assert people == [("Lena Ortiz", 2, 6), ("Tomas Brandt", 1, 3)]
    speakers = {s["speaker"]: s for s in data.speakers}
    assert list(speakers) == ["Lena Ortiz", "Tomas Brandt"]  # the unattributed quote has no bar
    assert speakers["Lena Ortiz"]["quotes"] == 2 and speakers["Lena Ortiz"]["role"] == "harbour master"
    # The sample prefers a direct quote, and names the article it comes from.
    assert speakers["Lena Ortiz"]["sample"].startswith("The pier will stay shut")
    assert speakers["Lena Ortiz"]["sample_title"] == "Storm closes Port Vella"
    assert data.quote_totals == {"quotes": 4, "attributed": 3, "speakers": 2}
    assert [(r["cameo_root"], r["events"]) for r in data.events_by_root] == [("04", 1), ("07", 1), ("14", 1), ("19", 1)]


def test_events_over_time_use_resolved_dates_only(harbour):
    data = collect(str(harbour))
    assert data.event_span == {"events": 4, "dated": 3, "first": "2024-03-01", "last": "2024-03-02"}
    assert data.period == "day"
    assert {(r["period"], r["cameo_root"], r["events"]) for r in data.dated_events} == {
        ("2024-03-01", "19", 1), ("2024-03-02", "04", 1), ("2024-03-02", "07", 1)}


def test_casualties_are_summed_by_location(harbour):
    rows = {r["location"]: r for r in collect(str(harbour)).casualties}
    assert set(rows) == {"Port Vella", "Dunmore"}  # the consultation states no figure
    assert (rows["Port Vella"]["events"], rows["Port Vella"]["killed"], rows["Port Vella"]["injured"],
            rows["Port Vella"]["displaced"], rows["Port Vella"]["arrested"]) == (2, 2, 9, 40, None)
    assert rows["Dunmore"]["arrested"] == 3


def test_dead_letters_group_by_stage_and_reason(harbour):
    groups = {(g["stage"], g["reason"]): g["rows"] for g in collect(str(harbour)).dead_reasons}
    assert groups == {("parse", "malformed JSON at line N, column N: Expecting value"): 2,
                      ("parse", "empty article: no title and no text"): 1}


def test_period_fits_the_span_of_dates():
    assert period_for("2024-03-01", "2024-03-20") == "day"
    assert period_for("2022-01-01", "2024-03-20") == "month"
    assert period_for("2001-01-01", "2024-03-20") == "year"
    assert period_for(None, None) == "month"


def specs_of(page: str) -> dict:
    found = re.search(r'<script type="application/json" id="chart-specs">(.*?)</script>', page, re.DOTALL)
    return json.loads(found.group(1))


def test_page_is_one_self_contained_file(harbour):
    page = build_report(str(harbour))
    markup = re.sub(r"<script>.*?</script>", "", page, flags=re.DOTALL)  # the inlined scripts' own code aside
    assert not re.search(r"<(script|img|iframe)[^>]+src=|<link[^>]+href=", markup)  # nothing fetched
    specs = specs_of(page)
    assert set(specs) == {"entities", "speakers", "events_by_root", "events_over_time", "casualties"}
    for name, spec in specs.items():
        assert '"url"' not in json.dumps(spec), name  # data inlined, never loaded
    assert "Lena Ortiz" in json.dumps(specs["entities"])
    assert "vegaEmbed" in page and len(page) > 300_000  # the Vega scripts are in the page
    for shown in ("3</b> written", "3</b> dead-lettered", "Storm closes Port Vella", "harbour master",
                  "malformed JSON at line N, column N: Expecting value", "Dunmore", "balanced"):
        assert shown in page, shown


def test_text_from_the_data_cannot_break_the_page(harbour):
    page = build_report(str(harbour))
    assert "<script>alert(1)" not in page
    assert page.count("</script>") == page.count("<script")


def test_an_empty_run_shows_empty_states(tmp_path):
    root = write_run(tmp_path / "quiet", {"articles": [article("calm", "A calm day at the harbour")]})
    page = build_report(str(root))
    assert "chart-specs" not in page and 'data-chart="' not in page and "vegaEmbed" not in page
    for message in ("No dead letters", "No entities were found", "No quotes were found",
                    "No events were found", "No event states a number of people"):
        assert message in page, message


def test_a_dataset_root_shows_trends_over_run_dates(tmp_path):
    root = tmp_path / "ds"
    day1 = {"articles": [article("storm", "Storm closes Port Vella")],
            "entities": [entity("storm", "Port Vella", "GPE", 2)],
            "events": [event("storm", "19", "FIGHT", location="Port Vella", killed=2)]}
    # Day 2 re-processed the storm article (its rows now come from day 2) and added one.
    day2 = {"articles": [article("storm", "Storm closes Port Vella"), article("vote", "Council votes on sea wall")],
            "entities": [entity("storm", "Port Vella", "GPE", 2), entity("vote", "Port Vella", "GPE", 1)],
            "events": [event("storm", "19", "FIGHT", location="Port Vella", killed=2),
                       event("vote", "14", "PROTEST", location="Dunmore")],
            "dead_letter": [dead("news/d2.jsonl#4", "line 4 is a JSON list, not an object")]}
    write_run(root, day1, "2024-03-01")
    write_run(root, day2, "2024-03-02")
    data = collect(str(root))
    assert data.dataset and [m["run_date"] for m in data.manifests] == ["2024-03-01", "2024-03-02"]
    assert data.totals["articles"] == 2  # an article in two dates is counted once, from the latest
    assert data.casualties[0]["killed"] == 2
    assert {(r["run_date"], r["cameo_root"]) for r in data.events_by_run_date} == {("2024-03-02", "19"),
                                                                                   ("2024-03-02", "14")}
    page = build_report(str(root))
    assert {"reconciliation_by_date", "rows_by_date", "events_by_run_date", "entities_by_run_date"} <= set(
        specs_of(page))
    assert "2024-03-01" in page and "Run dates" in page


def eval_report() -> dict:
    return {"tables": {"entities": {"precision": 0.9, "recall": 0.8, "f1": 0.8471, "tp": 8, "system": 9,
                                    "gold": 10, "macro_f1": 0.85},
                       "quotes": {"precision": 1.0, "recall": 0.5, "f1": 0.6667, "tp": 1, "system": 1, "gold": 2,
                                  "speaker": 1.0, "macro_f1": 0.6667}},
            "articles": [{"doc": "storm.txt", "entities": 0.8471, "quotes": 0.6667}], "missing_articles": []}


def test_quality_figures_beside_the_run_are_shown(harbour, tmp_path):
    assert "Extraction quality" not in build_report(str(harbour))
    (harbour / "eval.json").write_text(json.dumps(eval_report()))
    page = build_report(str(harbour))
    assert "Extraction quality" in page and "0.847" in page and "speaker 1.000" in page
    assert "quality" in specs_of(page)
    elsewhere = tmp_path / "scores.json"
    elsewhere.write_text(json.dumps({**eval_report(), "missing_articles": ["gone.txt"]}))
    assert "gone.txt" in build_report(str(harbour), str(elsewhere))


def test_report_command_writes_the_file_and_refuses_bad_input(harbour, tmp_path, capsys):
    target = tmp_path / "pages" / "harbour.html"
    assert main(["report", "--output", str(harbour), "--html", str(target)]) == 0
    assert target.read_text().startswith("<!DOCTYPE html>") and str(target) in capsys.readouterr().out
    assert main(["report", "--output", str(tmp_path / "nothing")]) == 2
    assert "not a complete newsbeam run" in capsys.readouterr().err
    bad = tmp_path / "bad.json"
    bad.write_text('{"f1": 1}')
    assert main(["report", "--output", str(harbour), "--eval", str(bad)]) == 2
    err = capsys.readouterr().err.strip()
    assert "not a `newsbeam eval --json` report" in err and "\n" not in err


def test_a_damaged_parquet_file_is_a_one_line_error(harbour, capsys):
    part = harbour / "quotes" / "part-00000-of-00001.parquet"
    part.write_bytes(part.read_bytes()[:40])
    assert main(["report", "--output", str(harbour)]) == 2
    err = capsys.readouterr().err.strip()
    assert err.startswith("newsbeam report: error: cannot query the run in") and "\n" not in err
    assert not (harbour / "report.html").exists()


INVENTED = "Harbour Master Lena Ortiz closed the pier in Port Vella on Monday. \"The swell is too high,\" Ortiz said.\n"


@pytest.fixture(scope="module")
def one_article(tmp_path_factory):
    folder = tmp_path_factory.mktemp("report-input")
    (folder / "storm.txt").write_text("Storm shuts Port Vella pier\n\n" + INVENTED, encoding="utf-8")
    return str(folder / "storm.txt")


def test_run_writes_the_report_after_the_manifest(one_article, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["run", "--input", one_article, "--output", str(out)]) == 0
    assert f"report: {out / 'report.html'}" in capsys.readouterr().out
    page = (out / "report.html").read_text()
    assert "Lena Ortiz" in page and json.loads((out / "manifest.json").read_text())["run_id"] in page
    assert main(["run", "--input", one_article, "--output", str(tmp_path / "bare"), "--quiet", "--no-report"]) == 0
    assert (tmp_path / "bare" / "manifest.json").exists() and not (tmp_path / "bare" / "report.html").exists()


def test_a_report_that_fails_leaves_the_run_complete(one_article, tmp_path, monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("invented failure\nover two lines")

    monkeypatch.setattr("pipeline.report.data.collect", broken)
    out = tmp_path / "out"
    assert main(["run", "--input", one_article, "--output", str(out), "--quiet"]) == 0
    assert (out / "manifest.json").exists() and not (out / "report.html").exists()
    warnings = [r.getMessage() for r in caplog.records if r.name == "pipeline.report"]
    assert len(warnings) == 1 and "\n" not in warnings[0]
    assert "report not written" in warnings[0] and "invented failure over two lines" in warnings[0]


# --- the page in a real browser ------------------------------------------------------------------

CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"]
DRAWN = """() => Array.from(document.querySelectorAll('[data-chart]')).map(el => {
  const svg = el.querySelector('svg'); const box = svg ? svg.getBoundingClientRect() : {width: 0, height: 0};
  return {name: el.dataset.chart, width: box.width, height: box.height,
          marks: svg ? svg.querySelectorAll('g.role-mark path').length : 0,
          text: svg ? svg.textContent : ''};
})"""


def chromium() -> str:
    """Debian's chromium and the playwright client, or a skip (a failure where CI requires them)."""
    path = shutil.which("chromium") or "/usr/bin/chromium"
    reason = None
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        reason = "the browser test needs playwright: pip install -e '.[dev]'"
    if not os.path.exists(path):
        reason = "the browser test needs Debian's chromium: apt-get install chromium"
    if reason:
        if os.environ.get("NEWSBEAM_REQUIRE_BROWSER"):
            pytest.fail(f"NEWSBEAM_REQUIRE_BROWSER is set but cannot run: {reason}")
        pytest.skip(reason)
    return path


def png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def open_in_browser(page_path: Path, shot: Path, profile: Path) -> tuple[list[dict], list[str], list[str]]:
    from playwright.sync_api import sync_playwright

    problems, requests = [], []
    with sync_playwright() as driver:
        browser = driver.chromium.launch_persistent_context(
            str(profile), executable_path=chromium(), headless=True, args=CHROMIUM_FLAGS,
            viewport={"width": 1280, "height": 900})
        try:
            page = browser.new_page()
            page.on("console", lambda m: problems.append(f"{m.type}: {m.text}") if m.type in ("error", "warning")
                    else None)
            page.on("pageerror", lambda e: problems.append(f"page error: {e}"))
            page.on("request", lambda r: requests.append(r.url))
            page.goto(page_path.as_uri())
            page.wait_for_selector("body[data-charts=drawn]", timeout=30_000)
            page.screenshot(path=str(shot), full_page=True)
            charts = page.evaluate(DRAWN)
        finally:
            browser.close()
    return charts, problems, requests


def test_the_report_draws_its_charts_in_headless_chromium(harbour, tmp_path):
    chromium()
    page_path = Path(write_report(str(harbour)))
    shot = tmp_path / "report.png"
    charts, problems, requests = open_in_browser(page_path, shot, tmp_path / "profile")
    assert problems == []
    assert [url for url in requests if not url.startswith("file://")] == []  # nothing fetched
    drawn = {c["name"]: c for c in charts}
    assert set(drawn) == {"entities", "speakers", "events_by_root", "events_over_time", "casualties"}
    for name, chart in drawn.items():
        assert chart["width"] > 100 and chart["height"] > 40 and chart["marks"] > 0, (name, chart)
    assert "Lena Ortiz" in drawn["entities"]["text"] and "Tomas Brandt" in drawn["speakers"]["text"]
    assert "19 Fight" in drawn["events_by_root"]["text"] and "Port Vella" in drawn["casualties"]["text"]
    width, height = png_size(shot)
    assert width >= 1280 and height > 1500


def test_a_dataset_report_draws_its_trend_charts_in_headless_chromium(tmp_path):
    chromium()
    root = tmp_path / "ds"
    for day, keys in (("2024-03-01", ["storm"]), ("2024-03-02", ["relief", "vote"])):
        rows = harbour_rows()
        ids = {hid("a", k) for k in keys}
        write_run(root, {t: [r for r in rows[t] if r.get("article_id") in ids] for t in TABLES if t != "dead_letter"},
                  day)
    (root / "eval.json").write_text(json.dumps(eval_report()))
    charts, problems, _ = open_in_browser(Path(write_report(str(root))), tmp_path / "ds.png", tmp_path / "profile")
    assert problems == []
    drawn = {c["name"]: c for c in charts}
    for name in ("reconciliation_by_date", "rows_by_date", "events_by_run_date", "entities_by_run_date"):
        assert drawn[name]["marks"] > 0 and "2024-03-02" in drawn[name]["text"], name
    assert drawn["quality"]["marks"] == 2 and "storm.txt" in drawn["quality"]["text"]  # one article, two tables
