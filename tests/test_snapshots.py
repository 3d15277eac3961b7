"""Frozen outputs of the example articles (examples/articles/), one section per extractor.

These tests pin what the pipeline gives on real articles, so that a change shows up; they are not
evidence that a rule generalises (the extractor tests use invented sentences for that). When an
extractor improves, update the frozen values here with the reason in the commit message.
"""

from collections import Counter

import pytest

from pipeline.entities.extract import extract_entities
from pipeline.events import extract_events

# ----------------------------------------------------------------------------- events


@pytest.fixture(scope="module")
def article_events(example_doc):
    def run(name, published_at):
        doc = example_doc(name)
        return extract_events(doc, extract_entities(doc), published_at)

    return run


def _by_trigger(found, trigger):
    return next(e for e in found if e.trigger == trigger)


def test_events_seed_article(article_events):
    found = article_events("000_f4d52250c8b22130.txt", "2019-04-21")
    call = _by_trigger(found, "phone call")
    assert (call.cameo_root, call.actors, call.targets) == ("04", ["Donald Trump"], ["Khalifa Haftar"])
    assert len([e for e in found if e.cameo_root == "04" and "call" in e.trigger]) == 1
    visit = _by_trigger(found, "visited")
    assert (visit.actors, visit.date) == (["Khalifa Haftar"], "2019-03-27")
    appeal = _by_trigger(found, "calling for")
    assert (appeal.cameo_root, appeal.date_text, appeal.date) == ("02", "last Thursday", "2019-04-18")
    tolls = [e.counts for e in found if e.counts["killed"] is not None]
    assert tolls == [{"killed": 227, "injured": 1000, "displaced": 16000, "arrested": None}]
    assert not [e for e in found if "said" in e.trigger or "told" in e.trigger]


def test_events_seed_article_without_publication_date(article_events):
    found = article_events("000_f4d52250c8b22130.txt", None)
    assert any(e.date_text for e in found) and all(e.date is None for e in found)


def test_events_exchange_of_fire_article(article_events):
    found = article_events("nk-quasi-state-of-war.txt", "2015-08-21")
    fired = _by_trigger(found, "fired artillery rounds")
    assert (fired.cameo_root, fired.actors, fired.date) == ("19", ["North Korea"], "2015-08-20")
    assert (fired.counts["killed"], fired.counts["injured"]) == (0, 0)
    threat = _by_trigger(found, "would attack")
    assert (threat.cameo_root, threat.actors) == ("13", ["North Korea"])
    assert _by_trigger(found, "evacuated").cameo_root == "07"


def test_events_arrest_article(article_events):
    found = article_events("scientology-defector-arrested.txt", "2010-10-09")
    arrest = _by_trigger(found, "arrested")
    assert (arrest.cameo_root, arrest.targets) == ("17", ["Daniel Montalvo"])
    released = _by_trigger(found, "released")
    assert (released.cameo_root, released.targets, released.date) == ("08", ["Daniel Montalvo"], "2010-10-07")


def test_events_earthquake_article_codes_only_the_rescue(article_events):
    found = article_events("philippines-bohol-earthquake.txt", "2013-10-15")
    assert [e.cameo_root for e in found] == ["07"]


# ----------------------------------------------------------------------------- quotes

# article -> ({kind: count}, speakers resolved to entities)
QUOTES = {
    "000_f4d52250c8b22130.txt": ({"block": 1, "direct": 4, "indirect": 1, "partial": 2},
                                 ["Mike Pompeo", "Patrick Shanahan", "Patrick Wintour", "Tom Stevenson", "White House"]),
    "gv-bolivia-tipnis-road.txt": ({"block": 2, "indirect": 3, "partial": 1}, ["Evo Morales", "Gustavo Soto"]),
    "gv-india-kudankulam-crackdown.txt": ({"block": 3, "direct": 1, "indirect": 5, "partial": 1},
                                          ["Jayalalithaa", "Kracktivist", "S. P. Udayakumar"]),
    "gv-yemen-nodrones.txt": ({"block": 12, "indirect": 2},
                              ["Atiaf Alwazir", "Benjamin Wiacek", "Mai Saleh", "Sana2 Al-Yemen", "Shams", "Talal",
                               "Tom Finn"]),
    "nk-expels-bbc-journalists.txt": ({"block": 2, "direct": 1, "indirect": 11},
                                      ["BBC", "Bruce Bennett", "Defense Ministry", "Kim Jong Un"]),
    "nk-quasi-state-of-war.txt": ({"direct": 4, "indirect": 2, "partial": 1},
                                  ["Korean Central News Agency", "North Korea", "South Korea", "Yonhap"]),
    "philippines-bohol-earthquake.txt": ({"block": 2, "indirect": 3}, ["Sian Maynard"]),
    "scientology-defector-arrested.txt": ({"direct": 2, "indirect": 9, "partial": 4},
                                          ["Daniel Montalvo", "Mark Rathbun", "Scientology", "Steve Whitmore",
                                           "Tom Devocht"]),
    "world-cup-2018-day-five.txt": ({"direct": 3}, ["Harry Kane", "Hernan Dario Gomez", "Nabil Maaloul"]),
}


@pytest.mark.parametrize("name", sorted(QUOTES))
def test_quotes_of_the_example_articles(example_doc, name):
    from pipeline.components import canonical_entities
    from pipeline.quotes.extract import extract_quotes

    doc = example_doc(name)
    quotes = extract_quotes(doc, canonical_entities(doc))
    kinds, speakers = QUOTES[name]
    assert dict(Counter(q.kind for q in quotes)) == kinds
    assert sorted({q.speaker.name for q in quotes if q.speaker}) == speakers
    assert all(q.text == doc.text[q.start : q.end] for q in quotes)
