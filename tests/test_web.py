"""Web inputs without Beam: an HTML page, and the HTML responses of a WARC archive, to articles.

The fixtures are built from examples/articles/: tests/fixtures/nk-quasi-state-of-war.html wraps one
article in a news page with navigation, comments and footer; tests/fixtures/news.warc.gz is written
by `build_news_warc` below (`python -m tests.test_web` rewrites it).
"""

from __future__ import annotations

import gzip
import html
import io
import json
from collections import Counter
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from pipeline.io.formats import BadInput, split_txt_article, txt_article
from pipeline.io.web import decode_html, html_article, is_html_type, warc_articles
from tests.conftest import EXAMPLES

FIXTURES = Path(__file__).resolve().parent / "fixtures"
PAGE = FIXTURES / "nk-quasi-state-of-war.html"
WARC = FIXTURES / "news.warc.gz"
NK_TXT = EXAMPLES / "articles" / "nk-quasi-state-of-war.txt"
BBC_TXT = EXAMPLES / "articles" / "nk-expels-bbc-journalists.txt"
NK_URI = "https://news.example.org/world/2015/08/21/north-korea-quasi-state-of-war?utm_source=feed"
CANONICAL = "https://news.example.org/world/2015/08/21/north-korea-quasi-state-of-war"
BBC_URI = "http://press.example.net/asia/nk-expels-bbc"
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
BOILERPLATE = ("cookies", "Subscribe", "Business", "Home", "Share on", "Staff Reporter", "Related stories",
               "Koreas exchange", "Comments", "Reader1", "worrying escalation", "newsletter",
               "All rights reserved", "Terms of use", "dataLayer")


def txt(path: Path) -> dict:
    return txt_article(path.read_bytes(), str(path))


def simple_page(path: Path) -> str:
    """A plain page for a headline-first example article: no meta tags, a menu and a footer."""
    title, body = split_txt_article(path.read_text(encoding="utf-8"))
    paras = "".join(f"<p>{html.escape(p.strip(), quote=False)}</p>\n" for p in body.split("\n\n"))
    return (f"<!DOCTYPE html>\n<html><head><title>{html.escape(title)}</title></head><body>\n"
            '<ul class="menu"><li><a href="/">Front page</a></li><li><a href="/asia">Asia</a></li></ul>\n'
            f'<div id="content"><h1>{html.escape(title)}</h1>\n{paras}</div>\n'
            '<div id="footer">Press Example Network. Contact the newsroom.</div>\n</body></html>\n')


class Warc:
    """A WARC written in memory with fixed record ids and dates, so it is the same on every run."""

    def __init__(self, compress: bool = True):
        self.out = io.BytesIO()
        self.writer = WARCWriter(self.out, gzip=compress)
        self.count = 0

    def _headers(self) -> dict:
        self.count += 1
        return {"WARC-Date": f"2015-08-21T10:00:{self.count:02d}Z",
                "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{self.count:012d}>"}

    def warcinfo(self) -> Warc:
        record = self.writer.create_warcinfo_record("news.warc.gz", {"software": "newsbeam tests"})
        for name, value in self._headers().items():
            record.rec_headers.replace_header(name, value)
        self.writer.write_record(record)
        return self

    def request(self, uri: str) -> Warc:
        host, _, target = uri.split("//", 1)[1].partition("/")
        http = StatusAndHeaders(f"GET /{target} HTTP/1.1", [("Host", host)], is_http_request=True)
        self.writer.write_record(self.writer.create_warc_record(
            uri, "request", payload=io.BytesIO(b""), http_headers=http, warc_headers_dict=self._headers()))
        return self

    def response(self, uri: str, body: bytes, content_type: str = "text/html; charset=utf-8",
                 status: str = "200 OK", headers=()) -> Warc:
        http = StatusAndHeaders(status, [("Content-Type", content_type), *headers], protocol="HTTP/1.1")
        self.writer.write_record(self.writer.create_warc_record(
            uri, "response", payload=io.BytesIO(body), http_headers=http, warc_headers_dict=self._headers()))
        return self

    def data(self) -> bytes:
        return self.out.getvalue()


def build_news_warc(compress: bool = True) -> bytes:
    """warcinfo; request + HTML response (the fixture page); request + image response; an HTML
    response gzip-encoded over HTTP in windows-1252, declared in the HTTP header only."""
    bbc = gzip.compress(simple_page(BBC_TXT).encode("cp1252"), mtime=0)
    return (Warc(compress).warcinfo()
            .request(NK_URI).response(NK_URI, PAGE.read_bytes())
            .request("https://news.example.org/static/logo.png")
            .response("https://news.example.org/static/logo.png", PNG, "image/png")
            .response(BBC_URI, bbc, "text/html; charset=windows-1252", headers=[("Content-Encoding", "gzip")])
            .data())


def read_warc(data, path="crawl/news.warc.gz", skipped=None) -> list[tuple[str, dict | BadInput]]:
    return list(warc_articles(data, path, skipped))


# --- HTML pages -------------------------------------------------------------------------------------


def test_html_article_takes_title_body_date_url_and_site():
    article = html_article(PAGE.read_bytes(), "pages/nk-quasi-state-of-war.html")
    assert article["title"] == "North Korea puts military in 'quasi-state of war'"
    assert article["text"].startswith("According to Yonhap news agency")
    assert article["text"].endswith("Both countries have put their militaries on high levels of alert.")
    assert article["text"].count("\n\n") == 5  # six paragraphs, separated by blank lines
    assert article["published_at"] == "2015-08-21"  # article:published_time, not the modified date
    assert article["url"] == CANONICAL
    assert article["source"] == "Harbour Daily News"
    assert article["source_id"] == "nk-quasi-state-of-war"
    assert article["source_uri"] == "pages/nk-quasi-state-of-war.html"
    assert article["language"] == "en" and article["extra"] is None


def test_html_boilerplate_stays_out_of_the_text():
    text = html_article(PAGE.read_bytes(), "p.html")["text"]
    assert [word for word in BOILERPLATE if word in text] == []
    assert "quasi-state of war" not in text.split("\n\n")[0][:60]  # the headline is not repeated


def test_html_page_gets_the_same_article_id_as_the_txt_file():
    from_html = html_article(PAGE.read_bytes(), "p.html")
    from_txt = txt(NK_TXT)
    assert (from_html["title"], from_html["text"]) == (from_txt["title"], from_txt["text"])
    assert from_html["article_id"] == from_txt["article_id"]
    assert from_html["word_count"] == from_txt["word_count"]


@pytest.mark.parametrize("path", ["a/page.html", "a/page.htm", "a/page.html.gz", "gs://b/page.xhtml"])
def test_html_source_id_is_the_file_name_without_extensions(path):
    assert html_article(PAGE.read_bytes(), path)["source_id"] == "page"


def test_page_without_metadata_takes_title_from_the_page_and_leaves_date_and_url_empty():
    article = html_article(simple_page(BBC_TXT).encode("utf-8"), "bbc.html")
    expected = txt(BBC_TXT)
    assert article["title"] == expected["title"] == "North Korea Expels BBC Journalists"
    assert article["text"] == expected["text"]
    assert "Front page" not in article["text"] and "newsroom" not in article["text"]
    assert article["published_at"] is None and article["url"] is None


def test_declared_charset_decodes_the_page():
    page = simple_page(BBC_TXT).replace("<head>", '<head><meta charset="windows-1252">')
    article = html_article(page.encode("cp1252"), "bbc.html")
    assert "The BBC\u2019s Tokyo correspondent" in article["text"]
    assert article["article_id"] == txt(BBC_TXT)["article_id"]


def test_http_charset_wins_over_the_page_and_undeclared_bytes_fall_back_to_windows_1252():
    page = '<html><head><meta charset="utf-8"></head><body>caf\u00e9 \u2019</body></html>'.encode("cp1252")
    assert "caf\u00e9 \u2019" in decode_html(page, "text/html; charset=windows-1252")
    undeclared = "<html><body>na\u00efve caf\u00e9</body></html>".encode("latin-1")
    assert "na\u00efve caf\u00e9" in decode_html(undeclared)
    assert "\u00e9t\u00e9" in decode_html("<p>\u00e9t\u00e9</p>".encode())  # UTF-8 without a declaration


def test_paragraphs_come_from_blocks_and_line_breaks_stay_inside_them():
    filler = "This sentence is here so that the page has enough words to be an article. " * 3
    page = (f"<html><head><title>Block test</title></head><body><article><h1>Block test</h1>"
            f"<p>First line<br>second line</p><h2>A subheading</h2><ul><li>Item one</li><li>Item two</li></ul>"
            f"<blockquote><p>Quoted words.</p></blockquote><p>{filler}</p></article></body></html>")
    article = html_article(page.encode(), "b.html")
    assert article["text"].split("\n\n") == ["First line\nsecond line", "A subheading", "Item one", "Item two",
                                            "Quoted words.", filler.strip()]


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty HTML page"),
    (b"  \n", "empty HTML page"),
    (b'{"id": 1, "title": "JSON, not HTML"}', "not an HTML document"),
    (PNG, "not an HTML document"),
    (b"<html><head><title>Video</title></head><body><nav><a href='/'>Home</a></nav></body></html>",
     "no article text found in HTML"),
    (b"<html><head><title>Gallery</title></head><body><article><p>Watch the video.</p></article></body></html>",
     "no article text found in HTML"),
])
def test_page_without_article_text_is_bad_input(data, reason):
    with pytest.raises(BadInput, match=reason) as err:
        html_article(data, "x.html")
    assert err.value.stage == "parse"


def test_is_html_type():
    assert is_html_type("text/html; charset=UTF-8") and is_html_type("application/xhtml+xml")
    assert not any(is_html_type(t) for t in (None, "", "image/png", "application/json", "text/plain"))


# --- WARC archives ----------------------------------------------------------------------------------


def test_warc_reads_html_responses_only():
    skipped = Counter()
    results = read_warc(WARC.read_bytes(), skipped=skipped)
    assert [where for where, _ in results] == [f"crawl/news.warc.gz#{NK_URI}", f"crawl/news.warc.gz#{BBC_URI}"]
    assert all(isinstance(article, dict) for _, article in results)
    assert skipped == Counter({"warcinfo": 1, "request": 2, "non-html": 1})


def test_warc_article_provenance():
    (where, nk), (_, bbc) = read_warc(WARC.read_bytes())
    assert nk["source_id"] == NK_URI and nk["source_uri"] == where
    assert nk["url"] == CANONICAL  # the page's canonical URL over the fetched one
    assert bbc["url"] == BBC_URI  # no canonical link: the URL it was fetched from
    assert nk["published_at"] == "2015-08-21" and nk["source"] == "Harbour Daily News"
    assert json.loads(nk["extra"]) == {"fetched_at": "2015-08-21T10:00:03Z",
                                       "warc_record_id": "<urn:uuid:00000000-0000-4000-8000-000000000003>"}


def test_warc_articles_match_the_txt_versions():
    # The second response is gzip-encoded over HTTP and windows-1252 declared in the HTTP header only.
    (_, nk), (_, bbc) = read_warc(WARC.read_bytes())
    assert nk["article_id"] == txt(NK_TXT)["article_id"]
    assert bbc["article_id"] == txt(BBC_TXT)["article_id"]


def test_warc_compressed_uncompressed_streamed_read_the_same():
    # Beam's FileSystems.open gunzips .warc.gz files: the reader then sees a plain WARC.
    expected = read_warc(WARC.read_bytes())
    assert read_warc(gzip.decompress(WARC.read_bytes())) == expected
    assert read_warc(build_news_warc(compress=False)) == expected
    assert read_warc(io.BytesIO(WARC.read_bytes())) == expected
    assert read_warc(build_news_warc()) == expected  # the committed fixture is what the builder writes


def test_bad_record_is_one_bad_input_and_reading_goes_on():
    data = (Warc().response("http://x/1", PAGE.read_bytes())
            .response("http://x/empty", b"")
            .response("http://x/json", b'{"not": "html"}', "text/html")
            .response("http://x/menu", b"<html><body><nav><a href='/'>Home</a></nav></body></html>")
            .response("http://x/2", simple_page(BBC_TXT).encode()).data())
    results = read_warc(data, "c.warc")
    assert [where for where, _ in results] == [f"c.warc#http://x/{n}" for n in ("1", "empty", "json", "menu", "2")]
    kinds = [type(r).__name__ if isinstance(r, BadInput) else "article" for _, r in results]
    assert kinds == ["article", "BadInput", "BadInput", "BadInput", "article"]
    assert [str(r) for _, r in results[1:4]] == [
        "empty HTML page", """not an HTML document: it starts '{"not": "html"}'""",
        "no article text found in HTML: only 1 words of main text (at least 20 expected)"]


def test_redirects_errors_and_other_records_are_skipped_not_inputs():
    skipped = Counter()
    data = (Warc().response("http://x/old", b"<html><body>Moved</body></html>", status="301 Moved Permanently",
                            headers=[("Location", "http://x/new")])
            .response("http://x/gone", simple_page(BBC_TXT).encode(), status="404 Not Found")
            .response("http://x/robots.txt", b"User-agent: *\nDisallow:\n", "text/plain")
            .response("http://x/api", b'{"a": 1}', "application/json")
            .response("http://x/new", PAGE.read_bytes()).data())
    results = read_warc(data, "c.warc", skipped)
    assert [where for where, _ in results] == ["c.warc#http://x/new"]
    assert skipped == Counter({"http 301": 1, "http 404": 1, "non-html": 2})


@pytest.mark.parametrize("compress", [True, False])
def test_archive_cut_off_raises_after_the_records_before_the_damage(compress):
    whole = build_news_warc(compress)
    cut = whole[: len(whole) - 200]  # inside the last (BBC) response
    results = []
    with pytest.raises(BadInput, match="WARC archive (cut off|unreadable)") as err:
        results.extend(warc_articles(cut, "c.warc"))
    assert err.value.stage == "read"
    assert [where for where, _ in results] == [f"c.warc#{NK_URI}"]


def test_garbage_between_records_raises_after_the_good_ones():
    first = Warc().response("http://x/1", PAGE.read_bytes()).data()
    data = first + b"this is not a WARC record\r\n" * 3 + Warc().response("http://x/2", PAGE.read_bytes()).data()
    results = []
    with pytest.raises(BadInput, match="WARC archive unreadable after record 1") as err:
        results.extend(warc_articles(data, "c.warc.gz"))
    assert err.value.stage == "read" and len(results) == 1


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty WARC archive"),
    (PAGE.read_bytes(), "not a readable WARC archive"),
    (gzip.compress(b"hello, world\n" * 10), "not a readable WARC archive"),
])
def test_file_that_is_not_a_warc_raises(data, reason):
    with pytest.raises(BadInput, match=reason) as err:
        read_warc(data)
    assert err.value.stage == "read"


if __name__ == "__main__":
    WARC.write_bytes(build_news_warc())
    print(f"wrote {WARC} ({WARC.stat().st_size} bytes)")
