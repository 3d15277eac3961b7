"""End to end: `newsbeam run` on example articles and bad inputs, then load, validate, determinism."""

import gzip
import json
import shutil

import duckdb
import pyarrow.parquet as pq
import pytest

from pipeline.cli import main
from pipeline.schemas import TABLES
from pipeline.validate import iter_jsonl, validate_run
from tests.conftest import EXAMPLES, read_example

TXT = ["000_f4d52250c8b22130.txt", "nk-quasi-state-of-war.txt", "gv-yemen-nodrones.txt"]


def make_inputs(folder):
    """3 good .txt files, a gzipped .jsonl (a duplicate, a new article, 2 bad lines), a Latin-1
    .txt (decoded as Windows-1252), an empty .txt."""
    folder.mkdir()
    for name in TXT:
        shutil.copy(EXAMPLES / "articles" / name, folder / name)
    lines = {json.loads(line)["id"]: line for line in (EXAMPLES / "articles.jsonl").read_text().splitlines()}
    jsonl = [lines["000_f4d52250c8b22130"], lines["scientology-defector-arrested"],
             '{"id": "broken", "title": "x", ', '{"id": "blank", "title": "", "text": ""}']
    with gzip.open(folder / "more.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(jsonl) + "\n")
    (folder / "latin1.txt").write_bytes("Caf\xe9 headline\n\nBody in Latin-1: caf\xe9.".encode("latin-1"))
    (folder / "empty.txt").write_text("\n\n")
    return [str(folder / "*.txt"), str(folder / "*.jsonl.gz")]


def run_cli(inputs, out, *extra):
    return main(["run", "--input", *inputs, "--output", str(out), "--quiet", *extra])


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    base = tmp_path_factory.mktemp("e2e")
    inputs = make_inputs(base / "in")
    assert run_cli(inputs, base / "out1") == 0
    assert run_cli(inputs, base / "out2", "--num-shards", "2") == 0
    return base, inputs


def rows(out, table):
    return [row for _, _, row in iter_jsonl(str(out), table)]


def test_every_table_and_the_manifest_are_written(runs):
    base, _ = runs
    out = base / "out1"
    for table in TABLES:
        assert list((out / table).glob("part-*.parquet")), table
        assert list((out / table).glob("part-*.jsonl")), table
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["model"]["name"] == "en_core_web_sm" and manifest["model"]["version"] == "3.8.0"
    assert manifest["runner"] == "FnApiRunner"


def test_inputs_reconcile_with_dead_letters_and_duplicates(runs):
    base, _ = runs
    manifest = json.loads((base / "out1" / "manifest.json").read_text())
    assert manifest["reconciliation"] == {"inputs_read": 9, "articles_written": 5, "inputs_dead_lettered": 3,
                                          "duplicates": 1, "skipped_existing": 0, "balanced": True}
    assert manifest["input_encodings"] == {"cp1252": 1, "utf-8": 8}  # 4 .txt files, 4 JSON lines
    dead = {row["source_uri"].rsplit("/", 1)[-1]: row for row in rows(base / "out1", "dead_letter")}
    assert set(dead) == {"empty.txt", "more.jsonl.gz#3", "more.jsonl.gz#4"}
    assert "malformed JSON at line 3" in dead["more.jsonl.gz#3"]["error"]
    assert "empty article" in dead["more.jsonl.gz#4"]["error"]
    assert all(row["level"] == "input" for row in dead.values())


def test_articles_come_from_both_formats(runs):
    base, _ = runs
    articles = {row["source_id"]: row for row in rows(base / "out1", "articles")}
    assert set(articles) == {"000_f4d52250c8b22130", "nk-quasi-state-of-war", "gv-yemen-nodrones",
                             "scientology-defector-arrested", "latin1"}
    assert articles["latin1"]["title"] == "Caf\u00e9 headline"
    assert articles["scientology-defector-arrested"]["published_at"] == "2010-10-09"
    assert articles["scientology-defector-arrested"]["source_uri"].endswith("more.jsonl.gz#scientology-defector-arrested")


def test_seed_article_has_haftar_as_one_person(runs):
    base, _ = runs
    seed = next(a for a in rows(base / "out1", "articles") if a["source_id"].startswith("000_"))
    people = [e for e in rows(base / "out1", "entities") if e["article_id"] == seed["article_id"]
              and e["name"] == "Khalifa Haftar"]
    assert len(people) == 1 and people[0]["type"] == "PERSON" and "Haftar" in people[0]["aliases"]
    analysed = seed["title"] + "\n\n" + seed["text"]
    for mention in people[0]["mentions"]:
        assert analysed[mention["start"]:mention["end"]] == mention["text"]


def test_parquet_and_json_lines_hold_the_same_rows(runs):
    base, _ = runs
    for table in TABLES:
        from_parquet = []
        for path in sorted((base / "out1" / table).glob("*.parquet")):
            from_parquet += pq.read_table(path).to_pylist()
        key = lambda r: json.dumps(r, sort_keys=True)
        assert sorted(from_parquet, key=key) == sorted(rows(base / "out1", table), key=key), table


def test_runs_are_deterministic_whatever_the_sharding(runs):
    base, _ = runs
    # At most 2 files per table, none empty (Beam may put a small table's rows in one shard).
    assert len(list((base / "out2" / "entities").glob("*.jsonl"))) == 2
    assert 1 <= len(list((base / "out2" / "entities").glob("*.parquet"))) <= 2
    for table in TABLES:
        first = sorted(json.dumps(r, sort_keys=True) for r in rows(base / "out1", table))
        second = sorted(json.dumps(r, sort_keys=True) for r in rows(base / "out2", table))
        assert first == second, table


def test_every_row_validates(runs):
    base, _ = runs
    report = validate_run(str(base / "out1"))
    assert {table: problems for table, (_, problems) in report.items() if problems} == {}


def test_duckdb_load_counts_rows_and_replaces_tables(runs, tmp_path, capsys):
    base, _ = runs
    database = tmp_path / "news.duckdb"
    for _ in range(2):  # loading twice replaces, never duplicates
        assert main(["load", "--output", str(base / "out1"), "--duckdb", str(database)]) == 0
    assert "articles: 5 rows" in capsys.readouterr().out
    with duckdb.connect(str(database)) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 5
        top = con.execute("SELECT name FROM entities GROUP BY name ORDER BY count(*) DESC, name LIMIT 1").fetchone()
        assert top is not None


def test_load_refuses_a_folder_without_manifest(runs, tmp_path, capsys):
    base, _ = runs
    partial = tmp_path / "partial"
    shutil.copytree(base / "out1", partial)
    (partial / "manifest.json").unlink()
    assert main(["load", "--output", str(partial), "--duckdb", str(tmp_path / "x.duckdb")]) == 2
    assert "no manifest.json" in capsys.readouterr().err


def test_non_empty_output_is_refused_unless_overwrite(runs, tmp_path, capsys):
    _, inputs = runs
    out = tmp_path / "out"
    out.mkdir()
    (out / "stale-part-00000-of-00003.parquet").write_text("old")
    assert run_cli(inputs, out) == 2
    assert "not empty" in capsys.readouterr().err


def test_missing_input_fails_fast(tmp_path, capsys):
    assert run_cli([str(tmp_path / "nothing-*.txt")], tmp_path / "out") == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "no input matches" in err


def test_overwrite_clears_stale_files(runs, tmp_path):
    _, inputs = runs
    out = tmp_path / "out"
    (out / "entities").mkdir(parents=True)
    stale = out / "entities" / "part-00000-of-00003.parquet"
    stale.write_text("old")
    assert run_cli(inputs, out, "--overwrite") == 0
    assert not stale.exists() and (out / "manifest.json").exists()


def test_missing_model_stops_with_the_package_to_install(tmp_path, capsys):
    assert run_cli([str(EXAMPLES / "articles" / TXT[0])], tmp_path / "out", "--model", "en_core_web_lg") == 2
    assert "pip install en-core-web-lg" in capsys.readouterr().err


def test_html_pages_and_warc_archives_are_inputs(tmp_path):
    fixtures = EXAMPLES.parent / "tests" / "fixtures"
    folder = tmp_path / "web"
    folder.mkdir()
    shutil.copy(fixtures / "news.warc.gz", folder)
    shutil.copy(fixtures / "nk-quasi-state-of-war.html", folder)
    (folder / "broken.warc").write_bytes(b"\x00not an archive" * 50)
    assert run_cli([str(folder / "*")], tmp_path / "out") == 0
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    # 1 HTML page + 2 HTML responses in the archive (one the same article as the page) + 1 broken archive
    assert manifest["reconciliation"] == {"inputs_read": 4, "articles_written": 2, "inputs_dead_lettered": 1,
                                          "duplicates": 1, "skipped_existing": 0, "balanced": True}
    articles = rows(tmp_path / "out", "articles")
    assert {a["source_uri"].split("#")[0].rsplit("/", 1)[-1] for a in articles} == {"news.warc.gz"}
    assert all(a["source_id"].startswith("http") for a in articles)
    [dead] = rows(tmp_path / "out", "dead_letter")
    assert dead["source_uri"].endswith("broken.warc") and "WARC" in dead["error"]


def test_canonical_entities_are_a_registered_spacy_component(nlp):
    from pipeline.components import NAME

    assert nlp.pipe_names[-1] == NAME
    title, body = read_example("000_f4d52250c8b22130.txt")
    doc = nlp(f"{title}\n\n{body}")
    [haftar] = [e for e in doc._.newsbeam_entities.entities if e.name == "Khalifa Haftar"]
    assert haftar.type == "PERSON" and "Haftar" in haftar.aliases


def test_stable_hash_is_the_json_dumps_hash():
    """Ids must not change: the shared encoder writes what json.dumps with the same options writes."""
    import hashlib

    from pipeline.ids import entity_id, stable_hash

    for parts in (("quote", "a1", 3, 9, "«Ça va», she said"), ("dead_letter", {"b": 1, "a": [None, 2.5]}),
                  ("event", "a1", "19", 4, 9, ["Ruritania"], [])):
        blob = json.dumps(parts, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        assert stable_hash(*parts) == hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]
    assert entity_id("Ilse  Brandt", "PERSON") == entity_id("ilse brandt", "PERSON") == stable_hash(
        "entity", "ilse brandt", "PERSON")
    assert entity_id("Ilse Brandt", "ORG") != entity_id("Ilse Brandt", "PERSON")
