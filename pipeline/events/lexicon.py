"""The events extractor's vocabulary, read from `pipeline/resources/events.json`, where every list
and number says its source; word lists other packages own are imported from them (reporting
verbs from quotes). No words are listed here; `lemma_of` is the form in
which every list and trigger key is looked up."""

from __future__ import annotations

from functools import cache

from ..quotes.cues import REPORTING
from ..resources import load

_DATA = load("events")


def _words(name: str) -> frozenset[str]:
    return frozenset(_DATA["words"][name]["words"])


def window(name: str) -> int:
    """A numeric window of the extractor (steps walked in the parse)."""
    return _DATA["numbers"][name]["value"]


ROOTS = tuple(key for key in _DATA["triggers"] if key.isdigit())
VERB_GROUPS = ("not_in_dictionary", "no_default", "no_pattern", "codebook_sense")  # why the hand lexicon has the key
DICTIONARY_VERBS = frozenset(_DATA["triggers"]["dictionary_verbs"]["words"])


@cache
def trigger_keys() -> dict[str, dict[str, str]]:
    """{"verb"|"noun"|"adj": {key: root}}: the hand lexicon, keys as its `_keys` note says."""
    keys: dict[str, dict[str, str]] = {"verb": {}, "noun": {}, "adj": {}}
    for root in ROOTS:
        entry = _DATA["triggers"][root]
        for group in VERB_GROUPS:
            for key in entry.get(group, []):
                keys["verb"].setdefault(key, root)
        for kind, name in (("noun", "nouns"), ("adj", "adjectives")):
            for key in entry.get(name, []):
                keys[kind].setdefault(key, root)
    return keys


# CAMEO root groups
CASUALTY_ROOTS = _words("casualty_codes")
SPEECH_ROOTS = _words("speech_codes")
KEPT_STATEMENT_CODES = _words("kept_statement_codes")
PROPOSAL_ROOTS = _words("proposal_codes")
APPEAL_ROOTS = _words("appeal_codes")
OF_TARGET_ROOTS = _words("of_target_codes")
FOR_TARGET_ROOTS = _words("for_target_codes")
# an announced act: cooperation is intent (03), force, protest and cuts are threats (13)
INTENT_ROOTS = {**dict.fromkeys(_words("threat_intent_codes"), "13"), **dict.fromkeys(_words("cooperation_intent_codes"), "03")}

# coding and recoding
INTENT_AUX = _words("intent_auxiliaries")
ENVOY_NOUNS = _words("envoy_nouns")
ARMED_WORDS = _words("armed_words")
INTENT_HEADS = _words("intent_heads")
OBLIGATION_AUX = _words("obligation_auxiliaries")
COOPERATIVE_ROOTS = _words("cooperation_intent_codes")

# violence grading
MASS_VIOLENCE_WORDS = _words("mass_violence_words")
UNCONVENTIONAL_WORDS = _words("unconventional_words")
CONVENTIONAL_WORDS = _words("conventional_words")
CYBER_WORDS = _words("cyber_words")
REPRESSED_NOUNS = _words("repressed_nouns")
REPRESSION_ACTS = _words("repression_acts")
POLICE_COERCION = _words("police_coercion_acts")
SUPPRESSION_VERBS = _words("suppression_verbs")
PROTESTER_NOUNS = _words("protester_nouns")
PROPERTY_NOUNS = _words("property_nouns")
DESTRUCTION_VERBS = _words("destruction_verbs")

# filters
REAL_ASPECT = _words("real_aspect")
IRREALIS_HEADS = _words("irrealis_heads")
IRREALIS_MARKERS = _words("irrealis_markers")
TIME_REFERENCE_PREPS = _words("time_reference_prepositions")
TIME_REFERENCE_NOUNS = _words("time_reference_nouns")
PLAN_NOUNS = _words("plan_nouns")
ALLEGATION_WORDS = _words("allegation_words")
WARNING_WORDS = _words("warning_words")
FORECAST_WORDS = _words("forecast_words")
FORECAST_MODALS = _words("forecast_modals")
NATURAL_CAUSES = _words("natural_causes")
BACKGROUND_NOUNS = _words("state_nouns")
DEFINITE = _words("definite_determiners")
GENERIC_EVENT_NOUNS = _words("generic_event_nouns")

# roles
SUPPORT_VERBS = _words("support_verbs")
OCCURRENCE_VERBS = _words("occurrence_verbs")
PARTICIPATION_VERBS = _words("participation_verbs")
FORCE_POSTURE_PASSIVE = _words("force_posture_passive")
TOPIC_VERBS = _words("topic_verbs")
UNDERGO_VERBS = _words("undergo_verbs")
TARGET_PREPS = _words("target_prepositions")
NESTED_PREPS = _words("nested_prepositions")
GRIEVANCE_PREPS = _words("grievance_prepositions")
AGENT_PREPS = _words("agent_prepositions")
SOURCE_PREPS = _words("source_prepositions")
LOCATION_PREPS = _words("location_prepositions")
PLACE_MEASURES = _words("place_measures")
QUANTITY_NOUNS = _words("quantity_nouns")

# resolving noun phrases to entities
GROUP_HEADS = _words("state_arms")
COLLECTIVE_NOUNS = _words("collective_nouns")
PEOPLE_NOUNS = _words("people_nouns")
COUNTRY_NOUNS = _words("country_nouns")
LEADER_NOUNS = _words("leader_nouns")
STATE_NOUNS = _words("state_nouns_home")  # unowned, they are the article's country
ORG_NOUNS = _words("organisation_nouns")
PAIR_NOUNS = _words("pair_nouns")
FIRST_PERSON = _words("first_person")
PERSONAL_PRONOUNS = _words("personal_pronouns")
ACTOR_TYPES = _words("actor_types")
PLACE_TYPES = _words("place_types")
DEMONYMS = {word: tuple(names) for word, names in _DATA["maps"]["demonyms"]["map"].items()}
PERSON_NOUNS = _words("relation_nouns")  # someone other than their owner: "the mayor's sister"

# context
ONE_PERSON_VERBS = dict(_DATA["maps"]["one_person_verbs"]["map"])  # lemma -> count key
RESULT_PARTICIPLES = _words("result_participles")
REPORT_VERBS = REPORTING  # their own mention is a quote, but they credit the events they report
ENVOY_REMOVAL_VERBS = _words("envoy_removal_verbs")
TERRITORY_NOUNS = _words("territory_nouns")
SEIZURE_VERBS = _words("seizure_verbs")
TRAVEL_VERBS = _words("travel_verbs")
REMOVAL_VERBS = _words("removal_verbs")
SANCTION_NOUNS = _words("sanction_nouns")
ACCEDE_VERBS = _words("accede_verbs")
DEMAND_NOUNS = _words("demand_nouns")


@cache
def statement_block_verbs() -> frozenset[str]:
    """The verbs of CAMEO.2.0's statement blocks ("say", "reiterate", "declare", "stress")."""
    blocks = _words("statement_blocks")
    verbs = load("cameo_verbs")["verbs"]
    return frozenset(lemma for lemma, entries in verbs.items() if any(e["block"] in blocks for e in entries))


@cache
def statement_verbs() -> frozenset[str]:
    """Verbs that report what a party says: the quotes package's reporting verbs and the verbs of
    CAMEO.2.0's statement blocks."""
    return REPORT_VERBS | statement_block_verbs()
COUNT_WORDS = _words("count_words")


def lemma_of(token) -> str:
    """The key form of a word: its lower-cased lemma."""
    return token.lemma_.lower()
