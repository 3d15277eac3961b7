"""The words the event rules read: the CAMEO trigger lexicon (package data, one list of lemmas per
root) and the closed word lists the trigger, role and merge rules consult."""

from __future__ import annotations

import re
from functools import lru_cache

from ..document.doccache import sentence
from ..resources import load
from ..rules import on, rule

PAST_FORM = rule("events.past_form_lemma", "a past form the lemmatizer misreads is read as the lexicon's verb: 'staged' -> 'stage', not 'stag'")
CAPITALISED_NOUN = rule("events.capitalised_common_noun", "a sentence-initial common noun tagged as a name is still a trigger: 'Talks resumed'")

MODALS = {"will", "would", "could", "may", "might", "should", "must", "can", "shall", "'d", "'ll", "wo", "ca"}


# Reporting verbs: their own mention is a quote, but they credit the events they report.
REPORT_VERBS = {"say", "report", "claim", "write", "tell", "announce", "confirm", "reveal", "state",
                "allege", "add", "note", "tweet", "declare", "insist", "warn", "threaten", "vow"}


# Nouns whose "of"-phrase is a possibility, not an event ("the risk of conflict").
IRREALIS_NOUNS = {"chance", "risk", "threat", "fear", "possibility", "prospect", "danger", "likelihood",
                  "hope", "prevention", "spectre", "specter", "brink", "avoidance", "idea"}


GENERIC_DETS = {"any", "every"}


IRREALIS_MODIFIERS = {"possible", "potential", "future", "proposed", "planned", "any",
                      "hypothetical", "alleged"}


# Heads that name a state's or group's arm: "Haftar's forces" act for Haftar.
GROUP_HEADS = {"force", "troop", "army", "military", "soldier", "government", "police", "navy", "authority",
               "official", "regime", "administration", "ministry", "spokesman", "spokeswoman", "spokesperson",
               "officer", "diplomat", "embassy", "delegation", "warplane", "jet", "militia", "fighter",
               "coast", "guard", "agent", "representative", "envoy", "leadership", "cabinet", "court",
               "personnel", "commander", "unit", "president", "leader", "minister", "king",
               # the military, police, judicial and legislative agents of the CAMEO actor codebook
               "aircraft", "helicopter", "gunship", "tank", "warship", "marine", "paratrooper", "commando",
               "prosecutor", "judge", "intelligence", "legislator", "lawmaker"}


ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}


PLACE_TYPES = {"GPE", "LOC", "FAC"}


TARGET_PREPS = {"on", "against", "with", "to", "at", "upon", "toward", "towards", "into", "over"}


# Roots whose noun takes its target in an "of" phrase ("the arrest of X", "criticism of X").
OF_TARGET_ROOTS = {"07", "08", "09", "11", "12", "16", "17", "18"}


# Roots whose noun takes its target in a "for" phrase ("support for X", "praise for X", "aid for X").
FOR_TARGET_ROOTS = {"03", "05", "07"}


# Verbs whose subject undergoes the act their object names: "drew criticism", "faces trial".
UNDERGO_VERBS = {"draw", "face", "receive", "undergo", "attract", "earn", "suffer", "win", "get", "meet with", "incur"}


VIOLENT_ROOTS = {"17", "18", "19", "20"}

# Acts that put something to another party, which a rejection (12) rebuffs: appeals, offers, talks, demands, ultimatums.
PROPOSAL_ROOTS = {"02", "03", "04", "05", "10", "13"}


# An act announced with will/would: cooperation is an intent (03); violence, protest (CAMEO 133) and
# cutting relations, aid or talks (131, 134) are threats (13).
INTENT_ROOTS = {**dict.fromkeys((*VIOLENT_ROOTS, "14", "16"), "13"), **dict.fromkeys(("04", "05", "06", "07", "08"), "03")}


CASUALTY_ROOTS = {"18", "19", "20"}


# Nationality adjectives that do not begin with their state's name.
DEMONYMS = {"american": ("united states", "u.s.", "us", "america", "united states of america"),
            "british": ("united kingdom", "britain", "uk", "u.k."), "french": ("france",),
            "dutch": ("netherlands",), "swiss": ("switzerland",), "saudi": ("saudi arabia",),
            "emirati": ("united arab emirates", "uae"), "filipino": ("philippines",),
            "greek": ("greece",), "welsh": ("wales",), "scottish": ("scotland",), "irish": ("ireland",)}


# Nouns that only count or group event nouns: "a number of airstrikes", "a wave of arrests".
QUANTITY_NOUNS = {"number", "series", "wave", "string", "spate", "campaign", "round", "couple", "lot",
                  "dozen", "hundred", "thousand", "barrage", "volley", "flurry", "year", "month", "week", "day"}


# "the country" and "the leader" stand for the last country or person named; unowned state
# institutions ("the government", "police") for the article's own country.
COUNTRY_NOUNS = {"country", "nation"}


LEADER_NOUNS = {"leader", "president", "king", "premier", "chancellor", "dictator", "strongman", "monarch"}


STATE_NOUNS = {"government", "police", "authority", "ministry", "minister", "regime", "military", "army"}


# Nouns that name people in their own right: "Thomas' sister" is not Thomas.
PERSON_NOUNS = {"sister", "brother", "wife", "husband", "son", "daughter", "mother", "father", "parent", "child",
                "friend", "lawyer", "attorney", "solicitor", "family", "relative", "cousin", "uncle", "aunt",
                "widow", "colleague", "supporter", "critic", "rival", "opponent", "victim", "partner"}


# "a group of X", "a team of X": X acts.
COLLECTIVE_NOUNS = {"group", "team", "number", "delegation", "crowd", "band", "handful", "couple", "dozen",
                    "hundred", "thousand", "score"}


ARMED_HEADS = {"force", "troop", "army", "militia", "fighter", "rebel", "insurgent", "soldier", "military", "warlord"}


ARMED_NAME = re.compile(r"\b(?:army|armed|forces?|military|navy|air force|militia|troops|guard)\b", re.IGNORECASE)


SPEECH_ROOTS = {"01", "02", "10", "11", "12", "13"}


ORG_NOUNS = {"organization", "organisation", "company", "firm", "church", "party", "movement", "association"}


PAIR_NOUNS = {"man", "woman", "parent", "pair", "couple", "brother", "sister", "defendant", "suspect"}


FIRST_PERSON = {"i", "me", "my", "we", "us", "our"}


PERSONAL_PRONOUNS = {"he", "him", "his", "she", "her", "himself", "herself"}


# Verbs whose "for" phrase names the side supported: "offered support for Haftar's plans".
SUPPORT_FOR_VERBS = {"offer", "pledge", "promise", "express", "voice", "give", "declare", "show"}


MEET_VERBS = {"meet", "see", "consult", "talk", "visit", "discuss"}


LOCATION_PREPS = {"in", "at", "near", "across", "outside", "inside", "around", "throughout"}


BOTH_SIDES = re.compile(r"\b(?:either|both|each)\s+sides?\b|\bon\s+(?:either|both)\s+sides\b", re.IGNORECASE)


COUNT_WORDS = {"kill", "injure", "wound", "displace", "arrest", "detain", "die", "dead", "hurt", "casualty",
               "injury", "death", "toll", "leave"}


# The word lists of the lexicon file besides the per-root trigger keys.
WORD_LISTS = ("transitive_only", "real_aspect", "irrealis_heads", "violence_by_actor", "not_caused_by", "support_verbs",
              "force_posture_passive", "material_support", "retaliation", "state_nouns", "not_triggers",
              "topic_verbs", "text_nouns", "rescue_verbs", "person_words", "people_nouns", "place_measures",
              "agent_required", "labour_words", "envoy_nouns", "breach_verbs")


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """{"verb"|"noun"|"adj": {key: root}} plus the word lists, from the package data file."""
    raw = load("cameo_lexicon")
    keys = {"verb": {}, "noun": {}, "adj": {}}
    for root, entry in raw["roots"].items():
        for kind, name in (("verb", "verbs"), ("noun", "nouns"), ("adj", "adjectives")):
            for key in entry.get(name, []):
                keys[kind].setdefault(key, root)
    for name in WORD_LISTS:  # what each list is for: the file's "_notes"
        keys[name] = set(raw[name])
    return keys


def lemma_of(token) -> str:
    """The lexicon's key form of a word: its lower-cased lemma. The rule lemmatizer turns some past
    forms into another word ("staged" -> "stag"); a verb the lexicon knows without the "d" wins."""
    lemma = token.lemma_.lower()
    stem = token.lower_[:-1]
    if on(PAST_FORM) and token.tag_ in ("VBD", "VBN") and token.lower_.endswith("ed") and lemma not in _known_verbs() and stem in _known_verbs():
        return stem
    if misread_common_noun(token) and lemma not in _known_nouns() and stem in _known_nouns():
        return stem  # "Airstrikes hit ..." -> "airstrike"
    return lemma


def misread_common_noun(token) -> bool:
    """A capitalised first word the tagger calls a proper noun but nobody named ("Airstrikes hit",
    "Talks were held"): the lexicon reads it as the common noun it is."""
    if not on(CAPITALISED_NOUN) or token.pos_ != "PROPN" or token.ent_type_ or not token.is_title:
        return False
    if token.lower_ not in _known_nouns() and token.lower_[:-1] not in _known_nouns():
        return False
    before = token.doc[sentence(token).start : token.i]
    return all(t.is_space or t.is_punct for t in before)


@lru_cache(maxsize=1)
def _known_nouns() -> frozenset:
    """Every noun the lexicon names as a trigger's head word."""
    return frozenset(key.split()[-1] for key in lexicon()["noun"])


@lru_cache(maxsize=1)
def _known_verbs() -> frozenset:
    """Every verb the lexicon names: trigger verbs' first words and the verb word lists."""
    lex = lexicon()
    words = {key.split()[0] for key in lex["verb"]}
    for name in ("support_verbs", "topic_verbs", "transitive_only", "rescue_verbs", "retaliation", "material_support"):
        words |= lex[name]
    return frozenset(words)
