"""The events extractor's vocabulary, read from `pipeline/resources/events.json`, where every list
and number says its source; word lists other packages own are imported from them (reporting
verbs from quotes). No words are listed here; `lemma_of` is the form in
which every list and trigger key is looked up."""

from __future__ import annotations

from functools import cache

from ..quotes.cues import REPORTING
from ..resources import load
from ..rules import on, rule

PAST_FORM = rule("events.past_form_lemma", "a past form the lemmatizer misreads is read as the lexicon's verb: 'staged' -> 'stage', not 'stag'")

_DATA = load("events")


def _words(name: str) -> frozenset[str]:
    return frozenset(_DATA["words"][name]["words"])


def window(name: str) -> int:
    """A numeric window of the extractor (steps walked in the parse)."""
    return _DATA["numbers"][name]["value"]


ROOTS = tuple(key for key in _DATA["triggers"] if not key.startswith("_"))


@cache
def trigger_keys() -> dict[str, dict[str, str]]:
    """{"verb"|"noun"|"adj": {key: root}}: the CAMEO trigger lexicon, keys as its `_keys` note says."""
    keys: dict[str, dict[str, str]] = {"verb": {}, "noun": {}, "adj": {}}
    for root in ROOTS:
        entry = _DATA["triggers"][root]
        for kind, name in (("verb", "verbs"), ("noun", "nouns"), ("adj", "adjectives")):
            for key in entry.get(name, []):
                keys[kind].setdefault(key, root)
    return keys


# CAMEO root groups
CASUALTY_ROOTS = _words("casualty_codes")
SPEECH_ROOTS = _words("speech_codes")
PROPOSAL_ROOTS = _words("proposal_codes")
APPEAL_ROOTS = _words("appeal_codes")
OF_TARGET_ROOTS = _words("of_target_codes")
FOR_TARGET_ROOTS = _words("for_target_codes")
# an announced act: cooperation is intent (03), force, protest and cuts are threats (13)
INTENT_ROOTS = {**dict.fromkeys(_words("threat_intent_codes"), "13"), **dict.fromkeys(_words("cooperation_intent_codes"), "03")}

# coding and recoding
INTENT_AUX = _words("intent_auxiliaries")
ENVOY_NOUNS = _words("envoy_nouns")
VIOLENCE_BY_DOER = _words("violence_by_doer")
ARMED_WORDS = _words("armed_words")

# filters
REAL_ASPECT = _words("real_aspect")
IRREALIS_HEADS = _words("irrealis_heads")
IRREALIS_MARKERS = _words("irrealis_markers")
WARNING_WORDS = _words("warning_words")
FORECAST_WORDS = _words("forecast_words")
FORECAST_MODALS = _words("forecast_modals")
NATURAL_CAUSES = _words("natural_causes")
BACKGROUND_NOUNS = _words("state_nouns")
DEFINITE = _words("definite_determiners")

# roles
SUPPORT_VERBS = _words("support_verbs")
FORCE_POSTURE_PASSIVE = _words("force_posture_passive")
TOPIC_VERBS = _words("topic_verbs")
UNDERGO_VERBS = _words("undergo_verbs")
TARGET_PREPS = _words("target_prepositions")
NESTED_PREPS = _words("nested_prepositions")
GRIEVANCE_PREPS = _words("grievance_prepositions")
AGENT_PREPS = _words("agent_prepositions")
LOCATION_PREPS = _words("location_prepositions")
PLACE_MEASURES = _words("place_measures")
QUANTITY_NOUNS = _words("quantity_nouns")

# resolving noun phrases to entities
GROUP_HEADS = _words("state_arms")
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
REPORT_VERBS = REPORTING  # their own mention is a quote, but they credit the events they report
COUNT_WORDS = _words("count_words")


def lemma_of(token) -> str:
    """The key form of a word: its lower-cased lemma. The rule lemmatizer turns some past forms
    into another word ("staged" -> "stag"); a trigger verb the lexicon knows without the "d" wins."""
    lemma = token.lemma_.lower()
    if on(PAST_FORM) and token.tag_ in ("VBD", "VBN") and token.lower_.endswith("ed"):
        stem = token.lower_[:-1]
        if lemma not in _verbs() and stem in _verbs():
            return stem
    return lemma


@cache
def _verbs() -> frozenset[str]:
    """The first words of the trigger lexicon's verb keys."""
    return frozenset(key.split()[0] for key in trigger_keys()["verb"])
