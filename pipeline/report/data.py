"""What the report shows, queried with DuckDB over a run's Parquet files.

The tables are exposed as views named like the warehouse tables (articles, entities, quotes,
events, dead_letter), each with a `run_date` column (NULL for a plain run), so every query below
runs unchanged on a database filled by `newsbeam load`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from apache_beam.io.filesystems import FileSystems

from ..layout import Layout, complete_dates, is_dataset
from ..warehouse.ddl import PARTITION_COLUMN, quote, run_files

TOP_PER_TYPE = 8  # entities shown per type
TOP_SPEAKERS = 12
TOP_LOCATIONS = 12
REASON_CHARS = 140  # a dead-letter reason is cut to this for grouping

# Queries: plain SQL over the warehouse table names; `run_date` is the dataset partition.
ENTITIES_BY_TYPE = """
WITH ranked AS (
  SELECT type, name, count(DISTINCT article_id) AS articles, sum(mention_count) AS mentions,
         row_number() OVER (PARTITION BY type
                            ORDER BY count(DISTINCT article_id) DESC, sum(mention_count) DESC, name) AS rank
  FROM entities GROUP BY type, name)
SELECT type, name, articles, mentions, rank FROM ranked WHERE rank <= ? ORDER BY type, rank
"""
ENTITY_TYPES = "SELECT type, count(DISTINCT name) AS names FROM entities GROUP BY type ORDER BY names DESC, type"
TOP_SPEAKERS_SQL = """
WITH speakers AS (
  SELECT speaker, count(*) AS quotes, count(DISTINCT article_id) AS articles, max(speaker_role) AS role
  FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker
  ORDER BY quotes DESC, articles DESC, speaker LIMIT ?),
samples AS (
  -- A sample per speaker: the longest quote under 300 characters, direct ones first.
  SELECT q.speaker, q.text, a.title,
         row_number() OVER (PARTITION BY q.speaker
                            ORDER BY length(q.text) <= 300 DESC, q.kind = 'direct' DESC, length(q.text) DESC,
                                     q.quote_id) AS pick
  FROM quotes q JOIN articles a ON a.article_id = q.article_id
  WHERE q.speaker IN (SELECT speaker FROM speakers))
SELECT s.speaker, s.quotes, s.articles, s.role, x.text AS sample, x.title AS sample_title
FROM speakers s LEFT JOIN samples x ON x.speaker = s.speaker AND x.pick = 1
ORDER BY s.quotes DESC, s.articles DESC, s.speaker
"""
QUOTES_BY_SPEAKER_KIND = """
SELECT speaker, kind, count(*) AS quotes FROM quotes
WHERE speaker IN (SELECT speaker FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker
                  ORDER BY count(*) DESC, count(DISTINCT article_id) DESC, speaker LIMIT ?)
GROUP BY speaker, kind
"""
QUOTE_TOTALS = """
SELECT count(*) AS quotes, count(speaker) AS attributed, count(DISTINCT speaker) AS speakers FROM quotes
"""
EVENTS_BY_ROOT = """
SELECT cameo_root, max(event_type) AS event_type, count(*) AS events FROM events
GROUP BY cameo_root ORDER BY cameo_root
"""
# try_cast: a date the schema accepts but a warehouse cannot cast counts as unresolved.
DATED_EVENTS = """
SELECT cameo_root, max(event_type) AS event_type, CAST(CAST(date_trunc(?, try_cast("date" AS DATE)) AS DATE) AS VARCHAR) AS period,
       count(*) AS events
FROM events WHERE try_cast("date" AS DATE) IS NOT NULL GROUP BY cameo_root, period ORDER BY period, cameo_root
"""
EVENT_DATE_SPAN = """
SELECT count(*) AS events, count(try_cast("date" AS DATE)) AS dated,
       CAST(min(try_cast("date" AS DATE)) AS VARCHAR) AS first, CAST(max(try_cast("date" AS DATE)) AS VARCHAR) AS last
FROM events
"""
CASUALTIES = """
SELECT coalesce(location, '(no place stated)') AS location, count(*) AS events,
       sum(counts.killed) AS killed, sum(counts.injured) AS injured,
       sum(counts.displaced) AS displaced, sum(counts.arrested) AS arrested
FROM events
WHERE counts.killed IS NOT NULL OR counts.injured IS NOT NULL OR counts.displaced IS NOT NULL
   OR counts.arrested IS NOT NULL
GROUP BY 1
ORDER BY coalesce(sum(counts.killed), 0) + coalesce(sum(counts.injured), 0) DESC,
         coalesce(sum(counts.displaced), 0) + coalesce(sum(counts.arrested), 0) DESC, location
LIMIT ?
"""
# A reason is the error with its particulars (numbers, quoted values) blanked, so that
# "malformed JSON at line 3" and "... at line 9" fall into one group.
DEAD_LETTERS_BY_REASON = """
SELECT stage, level, reason, count(*) AS rows, min(source_uri) AS example, max("table") AS "table"
FROM (SELECT stage, level, source_uri, "table",
             left(regexp_replace(regexp_replace(error, '''[^'']*''|"[^"]*"', '…', 'g'), '[0-9]+', 'N', 'g'), ?)
               AS reason
      FROM dead_letter)
GROUP BY stage, level, reason ORDER BY rows DESC, stage, reason
"""
DEAD_LETTER_SAMPLES = """
SELECT stage, level, run_date, source_uri, error, left(payload, 600) AS payload FROM dead_letter
ORDER BY run_date DESC, stage, source_uri, error LIMIT ?
"""
ARTICLE_SOURCES = """
SELECT coalesce(source, '(no source)') AS source, count(*) AS articles, sum(word_count) AS words,
       CAST(min(try_cast(left(published_at, 10) AS DATE)) AS VARCHAR) AS first_published,
       CAST(max(try_cast(left(published_at, 10) AS DATE)) AS VARCHAR) AS last_published
FROM articles GROUP BY 1 ORDER BY articles DESC, source LIMIT 15
"""
# Dataset roots only: trends over run dates.
EVENTS_BY_RUN_DATE = """
SELECT run_date, cameo_root, max(event_type) AS event_type, count(*) AS events FROM events
GROUP BY run_date, cameo_root ORDER BY run_date, cameo_root
"""
ENTITIES_BY_RUN_DATE = """
SELECT run_date, name, type, count(DISTINCT article_id) AS articles FROM entities
WHERE (name, type) IN (SELECT name, type FROM entities GROUP BY name, type
                       ORDER BY count(DISTINCT article_id) DESC, sum(mention_count) DESC, name LIMIT ?)
GROUP BY run_date, name, type ORDER BY run_date, name
"""


@dataclass
class ReportData:
    root: str
    dataset: bool
    manifests: list[dict]  # one per complete run date (one for a plain run), oldest first
    totals: dict[str, int]  # rows per table as read
    entity_types: list[dict] = field(default_factory=list)
    entities: list[dict] = field(default_factory=list)
    speakers: list[dict] = field(default_factory=list)
    speaker_kinds: list[dict] = field(default_factory=list)
    quote_totals: dict = field(default_factory=dict)
    events_by_root: list[dict] = field(default_factory=list)
    event_span: dict = field(default_factory=dict)
    dated_events: list[dict] = field(default_factory=list)
    period: str = "month"
    casualties: list[dict] = field(default_factory=list)
    dead_reasons: list[dict] = field(default_factory=list)
    dead_samples: list[dict] = field(default_factory=list)
    sources: list[dict] = field(default_factory=list)
    events_by_run_date: list[dict] = field(default_factory=list)
    entities_by_run_date: list[dict] = field(default_factory=list)
    quality: dict | None = None
    quality_source: str | None = None


def _rows(con, sql: str, params=()) -> list[dict]:
    cursor = con.execute(sql, list(params))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _literal_list(paths: list[str]) -> str:
    return "[" + ", ".join("'" + p.replace("'", "''") + "'" for p in paths) + "]"


def connect(root: str):
    """A DuckDB connection with one view per table over the Parquet files of every complete run
    under `root` (FileNotFoundError without a manifest). A dataset's articles come from the latest
    date that holds them, as `newsbeam load` keeps them."""
    import duckdb

    dataset, files = run_files(root)
    con = duckdb.connect()
    for table, paths in files.items():
        if dataset:
            # VARCHAR, not DATE: a bare DATE type name would bind to the events' "date" column.
            source = (f"SELECT * REPLACE (CAST({quote(PARTITION_COLUMN)} AS VARCHAR) AS {quote(PARTITION_COLUMN)}) "
                      f"FROM read_parquet({_literal_list(paths)}, hive_partitioning = true,"
                      f" hive_types = {{'{PARTITION_COLUMN}': 'VARCHAR'}})")
        else:
            source = (f"SELECT *, CAST(NULL AS VARCHAR) AS {quote(PARTITION_COLUMN)} "
                      f"FROM read_parquet({_literal_list(paths)}, hive_partitioning = false)")
        con.execute(f"CREATE VIEW {quote('raw_' + table)} AS {source}")
    latest = "SELECT article_id, max(run_date) AS run_date FROM raw_articles GROUP BY article_id"
    for table in files:
        if table == "dead_letter" or not dataset:  # dead letters are a log: every date's are kept
            con.execute(f"CREATE VIEW {quote(table)} AS SELECT * FROM {quote('raw_' + table)}")
        else:
            con.execute(f"CREATE VIEW {quote(table)} AS SELECT t.* FROM {quote('raw_' + table)} t "
                        f"JOIN ({latest}) l ON l.article_id = t.article_id "
                        f"AND l.run_date IS NOT DISTINCT FROM t.run_date")
    return con, dataset


def read_manifests(root: str) -> list[dict]:
    """The manifest of each complete run under `root`, oldest first; a dataset's carry their date."""
    dates = complete_dates(root) if is_dataset(root) else [None]
    manifests = []
    for date in dates:
        with FileSystems.open(Layout(root, date).manifest_path) as handle:
            manifest = json.loads(handle.read().decode("utf-8"))
        manifests.append({**manifest, "run_date": date or manifest.get("run_date")})
    return manifests


def period_for(first: str | None, last: str | None) -> str:
    """The date_trunc unit that keeps the time axis readable: days over a few weeks, months over a
    few years, else years."""
    from datetime import date

    if not first or not last:
        return "month"
    days = (date.fromisoformat(last) - date.fromisoformat(first)).days
    return "day" if days <= 45 else "month" if days <= 4 * 366 else "year"


def collect(root: str, quality: dict | None = None, quality_source: str | None = None) -> ReportData:
    """Everything the page shows; ValueError, with DuckDB's reason on one line, when the run's
    files cannot be queried (a damaged Parquet file, say)."""
    import duckdb

    try:
        return _collect(root, quality, quality_source)
    except duckdb.Error as exc:
        raise ValueError(f"cannot query the run in {root}: {' '.join(str(exc).split())}") from None


def _collect(root: str, quality: dict | None, quality_source: str | None) -> ReportData:
    con, dataset = connect(root)
    try:
        totals = {t: con.execute(f"SELECT count(*) FROM {quote(t)}").fetchone()[0]
                  for t in ("articles", "entities", "quotes", "events", "dead_letter")}
        data = ReportData(root=root, dataset=dataset, manifests=read_manifests(root), totals=totals,
                          quality=quality, quality_source=quality_source)
        data.entity_types = _rows(con, ENTITY_TYPES)
        data.entities = _rows(con, ENTITIES_BY_TYPE, [TOP_PER_TYPE])
        data.speakers = _rows(con, TOP_SPEAKERS_SQL, [TOP_SPEAKERS])
        data.speaker_kinds = _rows(con, QUOTES_BY_SPEAKER_KIND, [TOP_SPEAKERS])
        data.quote_totals = _rows(con, QUOTE_TOTALS)[0]
        data.events_by_root = _rows(con, EVENTS_BY_ROOT)
        data.event_span = _rows(con, EVENT_DATE_SPAN)[0]
        data.period = period_for(data.event_span["first"], data.event_span["last"])
        data.dated_events = _rows(con, DATED_EVENTS, [data.period])
        data.casualties = _rows(con, CASUALTIES, [TOP_LOCATIONS])
        data.dead_reasons = _rows(con, DEAD_LETTERS_BY_REASON, [REASON_CHARS])
        data.dead_samples = _rows(con, DEAD_LETTER_SAMPLES, [20])
        data.sources = _rows(con, ARTICLE_SOURCES)
        if dataset:
            data.events_by_run_date = _rows(con, EVENTS_BY_RUN_DATE)
            data.entities_by_run_date = _rows(con, ENTITIES_BY_RUN_DATE, [12])
        return data
    finally:
        con.close()
