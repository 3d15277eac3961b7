-- Example queries over a run loaded with:
--   newsbeam load --output out/example --duckdb out/news.duckdb
-- Run them with the duckdb Python package newsbeam installs (no duckdb CLI needed), from the repo root:
--   .venv/bin/python -c "import duckdb; con = duckdb.connect('out/news.duckdb', read_only=True); [con.sql(s.query).show() for s in con.extract_statements(open('examples/queries.sql').read())]"
-- or, with the DuckDB CLI installed:  duckdb -readonly out/news.duckdb < examples/queries.sql

-- 1. Who and what is in the news: entities by number of articles and mentions.
SELECT name, type, count(*) AS articles, sum(mention_count) AS mentions
FROM entities
GROUP BY name, type
ORDER BY articles DESC, mentions DESC
LIMIT 10;

-- 2. Quotes by speaker, with their kinds.
SELECT coalesce(speaker, '(unattributed)') AS speaker, count(*) AS quotes,
       count(*) FILTER (WHERE kind = 'direct') AS direct,
       count(*) FILTER (WHERE kind = 'indirect') AS indirect
FROM quotes
GROUP BY 1
ORDER BY quotes DESC
LIMIT 10;

-- 3. Events by CAMEO type, with the casualties stated.
SELECT cameo_root, event_type, count(*) AS events,
       sum(counts.killed) AS killed, sum(counts.injured) AS injured
FROM events
GROUP BY cameo_root, event_type
ORDER BY events DESC;
