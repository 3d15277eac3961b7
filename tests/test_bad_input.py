"""Bad input, unsafe outputs and exit codes: every case of "nothing lost, nothing destroyed".

Every fixture is generated here, with invented text. One run (`mixed`) reads a folder holding
every kind of bad input next to good ones; each test then checks its own files in that run: the
good records written, the bad ones dead-lettered with a clear reason, the counts reconciled, and
nothing outside the output folder changed. Cases that need a run of their own (exit codes,
--overwrite, kills, Ctrl-C) have one, kept as small as possible.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import time
import zlib
from pathlib import Path

import pytest

from pipeline.cli import main
from pipeline.schemas import TABLES
from pipeline.validate import iter_jsonl
from tests.conftest import ROOT

MAX_CHARS = 20_000


def body(topic: str, sentences: int = 4) -> str:
    """Invented news prose, distinct per topic."""
    return " ".join(f"The {topic} committee of Northvale met on Tuesday and approved measure {i} "
                    f"after a long debate about the {topic} budget." for i in range(sentences))


def jsonl(*rows: dict) -> str:
    return "".join(json.dumps(row) + "\n" for row in rows)


def page(title: str, topic: str) -> bytes:
    paragraphs = "".join(f"<p>{body(topic, 2)} Paragraph {i} adds a little more.</p>" for i in range(3))
    return (f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>{paragraphs}"
            "</article></body></html>").encode()


def warc(pages: list[tuple[str, bytes]]) -> tuple[bytes, list[int]]:
    """A gzipped WARC of HTML responses, and the offset where each record ends."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer, ends = io.BytesIO(), []
    writer = WARCWriter(buffer, gzip=True)
    for uri, html in pages:
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(html), http_headers=http))
        ends.append(buffer.tell())
    return buffer.getvalue(), ends


def complete_lines(cut_gzip: bytes) -> int:
    """How many whole lines the readable part of a truncated gzip file holds."""
    return zlib.decompressobj(31).decompress(cut_gzip).count(b"\n")


def snapshot(root: Path, outputs: list[Path]) -> dict[str, str]:
    """Every file under `root` except under `outputs`, with a hash of its bytes."""
    found = {}
    for path in sorted(root.rglob("*")):
        if path.is_file() and not any(out == path or out in path.parents for out in outputs):
            found[str(path.relative_to(root))] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def make_inputs(folder: Path) -> dict:
    """The bad-input folder; returns what the tests expect of it."""
    folder.mkdir(parents=True)
    expect = {}
    # A .jsonl.gz cut at 60%: the whole lines before the cut are articles, the rest one dead letter.
    lines = jsonl(*({"id": f"cut-{i}", "title": f"Harbour report {i}", "text": body(f"harbour {i}")}
                    for i in range(40)))
    whole = gzip.compress(lines.encode())
    cut = whole[: int(len(whole) * 0.6)]
    (folder / "cut.jsonl.gz").write_bytes(cut)
    expect["cut.jsonl.gz"] = complete_lines(cut)
    # A gzip stream corrupted in the middle (bytes overwritten) rather than cut.
    corrupt = bytearray(gzip.compress(jsonl(*({"id": f"bad-{i}", "title": f"Orchard note {i}",
                                                "text": body(f"orchard {i}")} for i in range(30))).encode()))
    corrupt[len(corrupt) // 2: len(corrupt) // 2 + 40] = b"\xff" * 40
    (folder / "corrupt.jsonl.gz").write_bytes(bytes(corrupt))
    # A .txt.gz and an .html.gz cut in half: no article from either, one dead letter each.
    text = gzip.compress(f"Ferry timetable changes\n\n{body('ferry', 40)}".encode())
    (folder / "cut.txt.gz").write_bytes(text[: len(text) // 2])
    (folder / "whole.txt.gz").write_bytes(gzip.compress(f"Library hours extended\n\n{body('library')}".encode()))
    html = gzip.compress(page("Bridge repairs begin", "bridge"))
    (folder / "cut.html.gz").write_bytes(html[: len(html) // 2])
    # A .warc.gz cut inside its third record: the first two are articles.
    data, ends = warc([(f"http://example.org/{t}", page(f"The {t} plan", t)) for t in ("tram", "canal", "market")])
    (folder / "cut.warc.gz").write_bytes(data[: ends[1] + (ends[2] - ends[1]) // 2])
    # Lone surrogates, NULs, dates in every form, an oversized article, a Windows-1252 line.
    odd = [
        {"id": "surrogate", "title": "Bakery \ud800 opens", "text": body("bakery")},
        {"id": "nul\u0000id", "title": "Stadium\u0000 lights", "text": body("stadium") + "\u0000"},
        {"id": "rfc2822", "title": "Feed item", "text": body("feed"), "published_at": "Wed, 01 May 2024 10:00:00 +0200"},
        {"id": "epoch", "title": "Epoch item", "text": body("epoch"), "published_at": 1714557600},
        {"id": "epoch-ms", "title": "Epoch ms item", "text": body("millis"), "published_at": "1714557600000"},
        {"id": "bad-month", "title": "Bad month", "text": body("month"), "published_at": "2024-13-45"},
        {"id": "bad-day", "title": "Bad day", "text": body("leap"), "published_at": "2023-02-29"},
        {"id": "huge", "title": "Very long report", "text": body("archive", 300)},
    ]
    encoded = "".join(json.dumps(row, ensure_ascii=True) + "\n" for row in odd).encode()
    cp1252 = json.dumps({"id": "cp1252", "title": "Caf\u00e9 owners\u2019 vote", "text": body("cafe")},
                        ensure_ascii=False) + "\n"
    (folder / "odd.jsonl").write_bytes(encoded + cp1252.encode("cp1252"))
    # Encodings of whole files.
    (folder / "utf16.txt").write_bytes(f"Museum w\u00f6rkshop\n\n{body('museum')}".encode("utf-16"))
    (folder / "utf16.jsonl").write_bytes(jsonl({"id": "u16-a", "title": "Zoo \u2019news\u2019", "text": body("zoo")},
                                               {"id": "u16-b", "title": "Park news", "text": body("park")})
                                         .encode("utf-16"))
    (folder / "cp1252.txt").write_bytes(f"R\u00e9sum\u00e9 of the mayor\u2019s week\n\n{body('mayor')}".encode("cp1252"))
    (folder / "nul.txt").write_bytes(f"Pool reopens\n\n{body('pool')}".encode().replace(b"Tuesday", b"Tues\x00day"))
    (folder / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    # Not inputs: unknown extensions and a folder.
    (folder / "notes.md").write_text("# Notes\n\nNot an article.\n")
    (folder / "data.csv").write_text("a,b\n1,2\n")
    (folder / ".DS_Store").write_bytes(b"\x00\x00\x00\x01Bud1")
    (folder / "sub").mkdir()
    (folder / "sub" / "inner.txt").write_text(f"Inner headline\n\n{body('inner')}")
    return expect


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    base = tmp_path_factory.mktemp("bad")
    folder = base / "in"
    expect = make_inputs(folder)
    out = base / "out"
    before = snapshot(base, [out])
    progress = []

    class Keep(logging.Handler):
        def emit(self, record):
            progress.append(record.getMessage())

    keep = Keep()
    logging.getLogger("newsbeam.progress").addHandler(keep)
    try:
        code = main(["run", "--input", str(folder / "*"), str(folder / ".DS_Store"), str(folder / "sub"),
                     "--output", str(out), "--max-article-chars", str(MAX_CHARS), "--num-shards", "3",
                     "--progress-every", "0.001"])
    finally:
        logging.getLogger("newsbeam.progress").removeHandler(keep)
    manifest = json.loads((out / "manifest.json").read_text())
    return {"base": base, "in": folder, "out": out, "code": code, "before": before, "expect": expect,
            "manifest": manifest, "progress": progress,
            "articles": [r for _, _, r in iter_jsonl(str(out), "articles")],
            "dead": [r for _, _, r in iter_jsonl(str(out), "dead_letter")]}


def from_file(rows: list[dict], name: str) -> list[dict]:
    return [r for r in rows if r["source_uri"].split("#")[0].rsplit("/", 1)[-1] == name]


def reconciled_and_untouched(run: dict) -> None:
    """The checks every case shares: the run succeeded, its counts reconcile (inputs read =
    articles + input dead letters + duplicates), and nothing outside its output changed."""
    assert run["code"] == 0
    recon = run["manifest"]["reconciliation"]
    assert recon["balanced"] and recon["articles_written"] == len(run["articles"])
    assert recon["inputs_dead_lettered"] == len([d for d in run["dead"] if d["level"] == "input"])
    assert recon["inputs_read"] == recon["articles_written"] + recon["inputs_dead_lettered"] + recon["duplicates"]
    assert snapshot(run["base"], [run["out"]]) == run["before"]
    assert not (run["out"] / "_newsbeam_tmp").exists()


def test_truncated_jsonl_gz_keeps_the_lines_before_the_damage(mixed):
    articles = from_file(mixed["articles"], "cut.jsonl.gz")
    assert len(articles) == mixed["expect"]["cut.jsonl.gz"] > 0
    [dead] = from_file(mixed["dead"], "cut.jsonl.gz")
    assert dead["stage"] == "read" and dead["level"] == "input"
    assert dead["error"].startswith("damaged input: the gzip stream ends before its end marker")
    assert "bytes of decompressed data" in dead["error"]
    assert f"in line {len(articles) + 1}" in dead["error"] and "the rest of the file is lost" in dead["error"]
    reconciled_and_untouched(mixed)


def test_corrupt_gzip_is_damage_too(mixed):
    dead = from_file(mixed["dead"], "corrupt.jsonl.gz")
    [damage] = [d for d in dead if d["error"].startswith("damaged input:")]
    assert "corrupt gzip data" in damage["error"] and damage["source_uri"].endswith("corrupt.jsonl.gz")
    # Lines before the corruption are articles; garbled ones decoded before the check failed are
    # dead letters of their own.
    articles = from_file(mixed["articles"], "corrupt.jsonl.gz")
    assert articles and all(a["source_id"].startswith("bad-") for a in articles)
    assert all(d["stage"] in ("read", "parse") for d in dead)
    reconciled_and_untouched(mixed)


@pytest.mark.parametrize("name", ["cut.txt.gz", "cut.html.gz"])
def test_a_single_article_file_cut_short_is_not_taken_for_a_complete_one(mixed, name):
    assert from_file(mixed["articles"], name) == []
    [dead] = from_file(mixed["dead"], name)
    assert dead["stage"] == "read" and dead["error"].startswith("damaged input:")
    assert "no article is taken from a partial file" in dead["error"]
    [whole] = from_file(mixed["articles"], "whole.txt.gz")  # the positive twin: an intact .txt.gz
    assert whole["title"] == "Library hours extended"
    reconciled_and_untouched(mixed)


def test_truncated_warc_gz_keeps_the_records_before_the_damage(mixed):
    articles = from_file(mixed["articles"], "cut.warc.gz")
    assert sorted(a["source_id"] for a in articles) == ["http://example.org/canal", "http://example.org/tram"]
    [dead] = from_file(mixed["dead"], "cut.warc.gz")
    assert dead["error"].startswith("damaged input:") and "in WARC record 3" in dead["error"]
    reconciled_and_untouched(mixed)


def test_the_manifest_names_every_damaged_input_and_validate_accepts_the_run(mixed, capsys):
    damaged = {Path(d["source_uri"]).name for d in mixed["manifest"]["damaged_inputs"]}
    assert damaged == {"cut.jsonl.gz", "corrupt.jsonl.gz", "cut.txt.gz", "cut.html.gz", "cut.warc.gz"}
    assert all(d["error"].startswith("damaged input:") for d in mixed["manifest"]["damaged_inputs"])
    assert main(["validate", "--output", str(mixed["out"])]) == 0  # damage alone fails nothing
    assert "damaged inputs: 5" in capsys.readouterr().out
    reconciled_and_untouched(mixed)


def test_lone_surrogates_and_nuls_are_repaired_the_same_in_every_format(mixed):
    odd = {a["source_id"]: a for a in from_file(mixed["articles"], "odd.jsonl")}
    assert odd["surrogate"]["title"] == "Bakery \ufffd opens"
    assert "nulid" in odd and odd["nulid"]["title"] == "Stadium lights"
    assert "\x00" not in odd["nulid"]["text"] and odd["nulid"]["source_uri"].endswith("#nulid")
    [pool] = from_file(mixed["articles"], "nul.txt")
    assert "\x00" not in pool["text"] and "Tuesday" in pool["text"]
    for row in mixed["articles"] + mixed["dead"]:
        assert "\x00" not in json.dumps(row, ensure_ascii=False).replace("\\u0000", "\x00")
    reconciled_and_untouched(mixed)


def test_rfc_2822_and_epoch_dates_are_read_and_impossible_dates_rejected(mixed):
    odd = {a["source_id"]: a for a in from_file(mixed["articles"], "odd.jsonl")}
    assert odd["rfc2822"]["published_at"] == "2024-05-01T10:00:00+02:00"
    assert odd["epoch"]["published_at"] == odd["epoch-ms"]["published_at"] == "2024-05-01T10:00:00Z"
    dead = {d["source_uri"].rsplit("#", 1)[-1]: d for d in from_file(mixed["dead"], "odd.jsonl")}
    for line in (6, 7):  # 2024-13-45 and 2023-02-29 are dead letters, not stored
        assert dead[str(line)]["stage"] == "parse" and "is not a real date" in dead[str(line)]["error"]
    assert {"bad-month", "bad-day"}.isdisjoint(odd)
    reconciled_and_untouched(mixed)


def test_an_oversized_article_is_a_dead_letter_with_the_limit_named(mixed):
    dead = [d for d in from_file(mixed["dead"], "odd.jsonl") if "characters long" in d["error"]]
    assert len(dead) == 1 and dead[0]["stage"] == "parse"
    assert f"over the limit of {MAX_CHARS:,} (--max-article-chars)" in dead[0]["error"]
    assert "max_length" not in dead[0]["error"]
    assert "huge" not in {a["source_id"] for a in mixed["articles"]}
    reconciled_and_untouched(mixed)


def test_utf16_and_windows_1252_inputs_are_decoded_and_recorded(mixed):
    [museum] = from_file(mixed["articles"], "utf16.txt")
    assert museum["title"] == "Museum w\u00f6rkshop"
    assert sorted(a["title"] for a in from_file(mixed["articles"], "utf16.jsonl")) == ["Park news", "Zoo \u2019news\u2019"]
    [mayor] = from_file(mixed["articles"], "cp1252.txt")
    assert mayor["title"] == "R\u00e9sum\u00e9 of the mayor\u2019s week"
    cafe = {a["source_id"]: a for a in from_file(mixed["articles"], "odd.jsonl")}["cp1252"]
    assert cafe["title"] == "Caf\u00e9 owners\u2019 vote"
    assert mixed["manifest"]["input_encodings"]["utf-16"] == 3
    assert mixed["manifest"]["input_encodings"]["cp1252"] == 2
    [binary] = from_file(mixed["dead"], "binary.txt")
    assert binary["stage"] == "read" and "not text in a known encoding" in binary["error"]
    reconciled_and_untouched(mixed)


def test_unknown_extensions_and_a_folder_are_input_dead_letters(mixed):
    for name, reason in [("notes.md", "unsupported extension .md"), ("data.csv", "unsupported extension .csv"),
                         (".DS_Store", "unsupported extension"), ("sub", "is a folder, not a file")]:
        [dead] = from_file(mixed["dead"], name)
        assert dead["stage"] == "read" and dead["level"] == "input" and reason in dead["error"], name
    assert from_file(mixed["articles"], "inner.txt") == []  # a folder is not read through
    reconciled_and_untouched(mixed)


def test_num_shards_leaves_no_empty_file(mixed):
    import pyarrow.parquet as pq

    for table in TABLES:
        rows = mixed["manifest"]["tables"][table]
        for suffix in (".parquet", ".jsonl"):
            files = sorted((mixed["out"] / table).glob(f"part-*{suffix}"))
            assert [f.name for f in files] == [f"part-{i:05d}-of-{len(files):05d}{suffix}" for i in range(len(files))]
            assert 1 <= len(files) <= 3
            if suffix == ".parquet":
                sizes = [pq.ParquetFile(f).metadata.num_rows for f in files]
            else:
                sizes = [len(f.read_text().splitlines()) for f in files]
            assert sum(sizes) == rows, table
            # An empty table keeps one (empty) file, so readers still find its schema.
            assert all(sizes) if rows else len(files) == 1, (table, suffix, sizes)
    assert mixed["manifest"]["tables"]["entities"] and mixed["manifest"]["tables"]["quotes"] == 0
    reconciled_and_untouched(mixed)


def test_progress_lines_give_done_rate_elapsed_and_time_left(mixed):
    import re

    line = re.compile(r"(\d[\d,]*) of (\d[\d,]*) articles analysed \(\d+%\), [\d.]+ articles/s, "
                      r"\d+:\d\d:\d\d elapsed(, about \d+:\d\d:\d\d left)?")
    lines = [line.fullmatch(text) for text in mixed["progress"]]
    assert lines and all(lines), mixed["progress"]
    analysed = mixed["manifest"]["reconciliation"]["articles_written"] + len(
        [d for d in mixed["dead"] if d["level"] == "input" and d["stage"] in ("extract", "validate")])
    assert {int(m.group(2).replace(",", "")) for m in lines} == {analysed}
    assert int(lines[-1].group(1).replace(",", "")) == analysed and any(m.group(3) for m in lines)
    reconciled_and_untouched(mixed)


# ---- the load and validate commands reconcile with the manifest --------------------------------

def test_load_and_validate_refuse_a_run_whose_files_disagree_with_its_manifest(mixed, tmp_path, capsys):
    broken = tmp_path / "broken"
    shutil.copytree(mixed["out"], broken)
    for path in (broken / "entities").glob("*.parquet"):
        path.unlink()  # the entities table lost its Parquet files
    assert main(["load", "--output", str(broken), "--duckdb", str(tmp_path / "x.duckdb")]) == 1
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "does not match its manifest" in err and "entities: no .parquet files" in err
    assert "nothing was loaded" in err and not (tmp_path / "x.duckdb").exists()
    assert main(["validate", "--output", str(broken)]) == 1
    out, err = capsys.readouterr()
    assert f"entities has 0 rows in its Parquet files but the manifest says {mixed['manifest']['tables']['entities']}" in out
    assert err.strip().endswith("(listed above)")
    # a numbered shard missing from a set, and a manifest edited after the run
    shutil.rmtree(broken)
    shutil.copytree(mixed["out"], broken)
    shards = sorted((broken / "events").glob("*.jsonl"))
    assert len(shards) > 1, "the run should spread events over several JSON Lines shards"
    shards[1].unlink()
    manifest = json.loads((broken / "manifest.json").read_text())
    written = manifest["tables"]["articles"]
    manifest["tables"]["articles"] = written + 1
    (broken / "manifest.json").write_text(json.dumps(manifest))
    assert main(["validate", "--output", str(broken)]) == 1
    out = capsys.readouterr().out
    assert f"articles has {written} rows in its Parquet files but the manifest says {written + 1}" in out
    assert f"events: .jsonl shard 1 of {len(shards)} missing" in out
    # the positive twin: the untouched run loads
    assert main(["load", "--output", str(mixed["out"]), "--duckdb", str(tmp_path / "ok.duckdb")]) == 0


def test_a_nul_loads_into_duckdb_and_postgresql_alike(mixed, tmp_path):
    from tests.test_warehouse import postgres_url

    url = postgres_url()  # skips without a server (fails in CI, which has one)
    import psycopg

    schema = f"nul_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        conn.execute(f'CREATE SCHEMA "{schema}"')
    scoped = url + ("&" if "?" in url else "?") + f"options=-csearch_path%3D{schema}"
    try:
        assert main(["load", "--output", str(mixed["out"]), "--postgres", scoped]) == 0
        assert main(["load", "--output", str(mixed["out"]), "--duckdb", str(tmp_path / "n.duckdb")]) == 0
        sql = "SELECT source_id, title, text FROM articles WHERE source_id = 'nulid'"
        with psycopg.connect(scoped) as conn:
            from_pg = conn.execute(sql).fetchall()
            dead_pg = conn.execute("SELECT count(*) FROM dead_letter").fetchone()[0]
        import duckdb

        with duckdb.connect(str(tmp_path / "n.duckdb")) as con:
            from_duck = con.execute(sql).fetchall()
            dead_duck = con.execute("SELECT count(*) FROM dead_letter").fetchone()[0]
        assert from_pg == from_duck and from_pg[0][1] == "Stadium lights"
        assert dead_pg == dead_duck == len(mixed["dead"])
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f'DROP SCHEMA "{schema}" CASCADE')


# ---- exit codes -------------------------------------------------------------------------------

def one_good_two_bad(folder: Path) -> list[str]:
    folder.mkdir(parents=True)
    (folder / "good.txt").write_text(f"Rail depot expands\n\n{body('rail')}")
    (folder / "notes.md").write_text("notes")
    (folder / "table.csv").write_text("a,b")
    return [str(folder / "*")]


def test_dead_letters_over_the_ratio_fail_the_run_and_quiet_prints_nothing_else(tmp_path, capsys, caplog):
    caplog.set_level(logging.INFO, logger="newsbeam.progress")
    inputs = one_good_two_bad(tmp_path / "in")
    before = snapshot(tmp_path, [tmp_path / "out"])
    code = main(["run", "--input", *inputs, "--output", str(tmp_path / "out"),
                 "--quiet", "--max-dead-letter-ratio", "0.5", "--progress-every", "0.001"])
    out, err = capsys.readouterr()
    assert code == 1 and out == ""
    assert err.count("\n") == 1 and "2 of 3 inputs dead-lettered (66.7%), over --max-dead-letter-ratio 0.5" in err
    assert not [r for r in caplog.records if r.name == "newsbeam.progress"]  # --quiet: no progress
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["reconciliation"]["articles_written"] == 1 and manifest["reconciliation"]["balanced"]
    assert manifest["problems"] and "max-dead-letter-ratio" in manifest["problems"][0]
    assert snapshot(tmp_path, [tmp_path / "out"]) == before


def test_run_problems_pass_a_run_under_the_ratio():
    from pipeline.launch import run_problems

    recon = {"inputs_read": 3, "articles_written": 1, "inputs_dead_lettered": 2, "duplicates": 0,
             "skipped_existing": 0, "balanced": True}
    assert run_problems({"reconciliation": recon}, 0.7) == []
    assert run_problems({"reconciliation": recon}, None) == []
    assert run_problems({"reconciliation": recon}, 0.5) != []
    assert run_problems({"reconciliation": {**recon, "articles_written": 0, "inputs_dead_lettered": 3}}, None)


def test_a_run_that_writes_no_article_exits_1(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "readme.md").write_text("not an article")
    code = main(["run", "--input", str(folder), str(folder / "readme.md"), "--output", str(tmp_path / "out"),
                 "--quiet"])
    err = capsys.readouterr().err
    assert code == 1 and "no article was written (2 inputs read, 2 dead-lettered)" in err
    dead = [r for _, _, r in iter_jsonl(str(tmp_path / "out"), "dead_letter")]
    assert sorted(d["stage"] for d in dead) == ["read", "read"]


def test_skip_existing_with_nothing_new_exits_0_and_says_so(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(f"Tram line opens\n\n{body('tram')}")
    root = str(tmp_path / "ds")
    args = ["run", "--input", str(folder / "*.txt"), "--dataset", root, "--quiet"]
    assert main([*args, "--run-date", "2024-05-01"]) == 0
    assert main([*args, "--run-date", "2024-05-02", "--skip-existing"]) == 0
    err = capsys.readouterr().err
    assert "nothing new: all 1 articles read are already in the dataset" in err


# ---- outputs are never destroyed by accident --------------------------------------------------

@pytest.fixture
def previous(mixed, tmp_path):
    """A copy of a complete newsbeam output, to be overwritten."""
    out = tmp_path / "previous"
    shutil.copytree(mixed["out"], out)
    return out


def refused(args: list[str], capsys, *words: str) -> None:
    assert main(args) == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err
    for word in words:
        assert word in err, err


def test_overwrite_refuses_a_folder_holding_other_files(mixed, previous, capsys):
    (previous / "notes.txt").write_text("my notes")
    before = snapshot(previous.parent, [])
    refused(["run", "--input", str(mixed["in"] / "whole.txt.gz"), "--output", str(previous), "--overwrite"],
            capsys, "not a newsbeam output (notes.txt)")
    assert snapshot(previous.parent, []) == before


def test_overwrite_refuses_a_folder_holding_the_inputs(previous, capsys):
    (previous / "input.txt").write_text(f"Input headline\n\n{body('input')}")
    before = snapshot(previous.parent, [])
    refused(["run", "--input", str(previous / "input.txt"), "--output", str(previous), "--overwrite"],
            capsys, "is inside", "keep inputs and output apart")
    assert snapshot(previous.parent, []) == before


@pytest.mark.parametrize("where", ["cwd", "home", "root", "above-cwd"])
def test_overwrite_refuses_special_folders(mixed, tmp_path, monkeypatch, capsys, where):
    home, work = tmp_path / "home", tmp_path / "home" / "work"
    work.mkdir(parents=True)
    (work / "mine.txt").write_text("keep me")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.chdir(work)
    target = {"cwd": ".", "home": str(home), "root": "/", "above-cwd": str(tmp_path)}[where]
    reason = {"cwd": "the working folder", "home": "folder above the working folder", "root": "file system root",
              "above-cwd": "a folder above the working folder"}[where]
    before = snapshot(tmp_path, [])
    refused(["run", "--input", str(mixed["in"] / "whole.txt.gz"), "--output", target, "--overwrite"],
            capsys, "refusing to --overwrite", reason)
    assert snapshot(tmp_path, []) == before


def test_overwrite_refuses_a_home_folder(mixed, tmp_path, monkeypatch, capsys):
    home = tmp_path / "home"
    home.mkdir()
    (home / ".profile").write_text("export X=1")
    monkeypatch.setenv("HOME", str(home))
    refused(["run", "--input", str(mixed["in"] / "whole.txt.gz"), "--output", str(home), "--overwrite"],
            capsys, "it is a home folder")
    assert (home / ".profile").exists()


def test_overwrite_replaces_a_newsbeam_output_but_a_failed_run_keeps_it(mixed, previous, tmp_path, capsys):
    old = json.loads((previous / "manifest.json").read_text())
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a.md").write_text("not an article")
    assert main(["run", "--input", str(bad / "a.md"), "--output", str(previous), "--overwrite", "--quiet"]) == 1
    err = capsys.readouterr().err
    assert f"the previous output in {previous} is kept" in err
    assert json.loads((previous / "manifest.json").read_text()) == old  # untouched
    assert main(["validate", "--output", str(previous)]) == 0
    [staged] = (previous / "_newsbeam_tmp").iterdir()  # the failed run, complete, for a look
    assert json.loads((staged / "manifest.json").read_text())["problems"]
    # The positive twin: a good run replaces it (and the files derived from the old run), and the
    # staging area is gone.
    (previous / "eval.json").write_text('{"tables": {}}')
    assert main(["run", "--input", str(mixed["in"] / "whole.txt.gz"), "--output", str(previous), "--overwrite",
                 "--quiet"]) == 0
    new = json.loads((previous / "manifest.json").read_text())
    assert new["run_id"] != old["run_id"] and new["reconciliation"]["articles_written"] == 1
    assert sorted(p.name for p in previous.iterdir()) == sorted([*TABLES, "manifest.json", "report.html"])
    assert new["run_id"] in (previous / "report.html").read_text()


# ---- a killed or interrupted run leaves nothing that looks complete ---------------------------

KILLER = """
import os, signal, sys
from apache_beam.io.filesystems import FileSystems
phase, at = sys.argv[1], int(sys.argv[2])
real, calls = FileSystems.rename, []
def rename(sources, destinations, *args, **kwargs):
    beam = any("beam-temp" in s for s in sources)
    if (phase == "write") == beam:
        calls.append(sources)
        if len(calls) == at:
            os.kill(os.getpid(), signal.SIGKILL)
    return real(sources, destinations, *args, **kwargs)
FileSystems.rename = rename
from pipeline.cli import main
sys.exit(main(["run", *sys.argv[3:]]))
"""


def newsbeam_process(*args: str, code: str | None = None) -> subprocess.Popen:
    command = [sys.executable, "-c", code, *args] if code else [sys.executable, "-m", "pipeline.cli", *args]
    return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("phase, at", [("write", 1), ("publish", 4)])
def test_a_run_killed_while_writing_leaves_no_complete_looking_output(mixed, previous, tmp_path, capsys, phase, at):
    old = json.loads((previous / "manifest.json").read_text())
    run = newsbeam_process(phase, str(at), "--input", str(mixed["in"] / "utf16.jsonl"), "--output", str(previous),
                           "--overwrite", "--quiet", code=KILLER)
    run.communicate(timeout=600)
    assert run.returncode == -signal.SIGKILL
    if phase == "write":  # killed while Beam wrote the staged tables: the previous output stands
        assert json.loads((previous / "manifest.json").read_text()) == old
        assert main(["validate", "--output", str(previous)]) == 0
    else:  # killed halfway through moving tables into place: no manifest, so readers refuse it
        assert not (previous / "manifest.json").exists()
        assert main(["load", "--output", str(previous), "--duckdb", str(tmp_path / "k.duckdb")]) == 2
        assert "no manifest.json" in capsys.readouterr().err
    assert list((previous / "_newsbeam_tmp").iterdir())  # the killed run's leftovers, recognisably ours
    # --overwrite accepts what the killed run left and writes a complete output.
    assert main(["run", "--input", str(mixed["in"] / "utf16.jsonl"), "--output", str(previous), "--overwrite",
                 "--quiet"]) == 0
    assert main(["validate", "--output", str(previous)]) == 0
    assert json.loads((previous / "manifest.json").read_text())["reconciliation"]["articles_written"] == 2
    assert not (previous / "_newsbeam_tmp").exists()


def test_ctrl_c_is_one_line_and_leaves_no_staging(mixed, tmp_path):
    out = tmp_path / "out"
    run = newsbeam_process("run", "--input", str(mixed["in"] / "utf16.jsonl"), "--output", str(out), "--quiet")
    deadline = time.monotonic() + 300
    while not (out / "_newsbeam_tmp").exists() and time.monotonic() < deadline and run.poll() is None:
        time.sleep(0.05)
    time.sleep(0.5)
    run.send_signal(signal.SIGINT)
    _, err = run.communicate(timeout=300)
    assert run.returncode == 130, err
    assert "Traceback" not in err and err.strip().splitlines()[-1] == "newsbeam run: interrupted before this run published anything"
    assert not (out / "manifest.json").exists() and not (out / "_newsbeam_tmp").exists()


# ---- user errors are one line -----------------------------------------------------------------

def one_line_error(args: list[str], capsys, code: int = 2) -> str:
    assert main(args) == code
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "Traceback" not in err, err
    return err


def test_user_errors_are_one_line(mixed, tmp_path, capsys):
    missing = str(tmp_path / "missing")
    assert "no manifest.json" in one_line_error(["load", "--output", missing, "--duckdb", str(tmp_path / "d")], capsys)
    assert "no manifest.json" in one_line_error(["validate", "--output", missing], capsys)
    assert "no manifest.json" in one_line_error(["eval", "--gold", "g.jsonl", "--output", missing], capsys)
    assert "missing.jsonl" in one_line_error(["eval", "--gold", str(tmp_path / "missing.jsonl"),
                                              "--output", str(mixed["out"])], capsys)
    with pytest.raises(SystemExit) as exit_:
        main(["run", "--input", "x.txt", "--output", missing, "--batch-chars", "0"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and "--batch-chars: '0' is not a whole number of at least 1" in err


def test_a_locked_duckdb_file_is_a_one_line_error(mixed, tmp_path, capsys):
    database = tmp_path / "locked.duckdb"
    hold = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('locked', flush=True); time.sleep(120)"
    holder = subprocess.Popen([sys.executable, "-c", hold, str(database)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        err = one_line_error(["load", "--output", str(mixed["out"]), "--duckdb", str(database)], capsys)
        assert f"cannot load into {database}" in err and "lock" in err
    finally:
        holder.kill()
        holder.wait()


def test_unknown_newsbeam_flags_are_refused_and_beam_flags_pass(capsys):
    from pipeline.cli import build_parser, unknown_run_flags

    err = one_line_error(["run", "--input", "x.txt", "--output", "o", "--bach-chars", "5"], capsys)
    assert "unrecognized arguments: --bach-chars 5" in err and "did you mean --batch-chars?" in err
    ours = build_parser().run_options
    assert unknown_run_flags(["--batch_chars=5"], ours).endswith("did you mean --batch-chars?)")
    assert unknown_run_flags(["--runner", "FnApiRunner", "--direct_num_workers=2", "--direct_running_mode",
                              "multi_processing", "--experiments", "a", "--experiments", "b"], ours) is None
    assert "stray" in unknown_run_flags(["--runner", "FnApiRunner", "stray"], ours)
