"""Readers' pure parsing: each input format to an article, bad input to a clear reason."""

import json

import pytest

from pipeline.io.formats import BadInput, jsonl_article, split_txt_article, txt_article
from tests.conftest import SEED


def test_txt_article_takes_headline_then_body():
    article = txt_article(SEED.read_bytes(), "examples/articles/000_f4d52250c8b22130.txt")
    assert article["title"].startswith("Trump's Call to Libyan National Army Leader")
    assert article["text"].startswith("A phone call from President Donald Trump")
    assert article["source_id"] == "000_f4d52250c8b22130"
    assert article["source_uri"] == "examples/articles/000_f4d52250c8b22130.txt"
    assert article["published_at"] is None and article["language"] == "en"
    assert 400 < article["word_count"] < 600


def test_same_article_from_txt_and_jsonl_has_the_same_id():
    title, body = split_txt_article(SEED.read_text(encoding="utf-8"))
    line = json.dumps({"id": "seed", "title": title, "text": body, "published_at": "2019-04-21"})
    from_json = jsonl_article(line, "a.jsonl", 1)
    assert from_json["article_id"] == txt_article(SEED.read_bytes(), "x.txt")["article_id"]
    assert from_json["source_uri"] == "a.jsonl#seed"
    assert from_json["published_at"] == "2019-04-21"


def test_jsonl_keeps_extra_fields_and_metadata():
    line = json.dumps({"id": 7, "title": "T", "text": "Body.", "source": "VOA", "url": "http://x",
                       "license": "public domain", "tags": ["a"]})
    article = jsonl_article(line, "f.jsonl", 3)
    assert article["source_id"] == "7" and article["source"] == "VOA" and article["url"] == "http://x"
    assert json.loads(article["extra"]) == {"license": "public domain", "tags": ["a"]}


def test_jsonl_line_without_id_is_named_by_line():
    article = jsonl_article(json.dumps({"title": "T", "text": "Body."}), "f.jsonl", 5)
    assert article["source_uri"] == "f.jsonl#5"


@pytest.mark.parametrize("line, reason", [
    ('{"title": "T", "text": ', "malformed JSON at line 2"),
    ('["a list"]', "not an object"),
    ('{"title": "", "text": "  "}', "empty article"),
    ('{"title": "Only a headline"}', "no body"),
    ('{"title": "T", "text": "x", "published_at": "last Tuesday"}', "not an ISO date"),
    ('{"title": 5, "text": "x"}', "must be a string"),
])
def test_bad_json_lines_give_reasons(line, reason):
    with pytest.raises(BadInput, match=reason):
        jsonl_article(line, "f.jsonl", 2)


def test_binary_text_file_is_refused_with_the_byte():
    with pytest.raises(BadInput, match="not text in a known encoding .* byte 0x89 at offset 0"):
        txt_article(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "bad.txt")


def test_windows_1252_text_file_is_decoded():
    article = txt_article("Caf\u00e9 headline\n\nThe mayor\u2019s plan.".encode("cp1252"), "old.txt")
    assert article["title"] == "Caf\u00e9 headline" and article["text"] == "The mayor\u2019s plan."


def test_empty_text_file_is_refused():
    with pytest.raises(BadInput, match="empty article"):
        txt_article(b"\n\n  \n", "empty.txt")
