"""The type of an entity, weighed over all its mentions and where they stand.

The small model's label is a starting point only: it is often wrong for one mention and right for
another, and some labels (PRODUCT, FAC, ...: `WEAK`) are close to random. A cluster's type comes
from, in order: person evidence, a country's name, the role the name plays ("leader of X", "Mike
Powell of X"), the words of the name ("... Bill", "... Island", "... Society"), the gazetteer and
place contexts, and the type of the names it is listed with.
"""

from __future__ import annotations

from ..rules import on, rule
from .mentions import NameMention
from .places import country_code, is_place
from .words import ENTITY_TYPES, WEAK, WORDS, is_acronym, name_key

COUNTRY_IS_GPE = rule("entities.country_is_gpe", "a cluster with a country's name is a GPE: 'Chile' tagged PERSON")
LED_BODY_IS_ORG = rule("entities.led_body_is_org",
                       "'chair of the Upper Wye Anglers': a LOC-tagged name a person leads is an ORG")
ACRONYM_IS_ORG = rule("entities.acronym_is_org", "an acronym tagged PERSON, GPE, LOC or NORP is an ORG: 'the KPF'")
PARTY_MEMBERS_IS_ORG = rule("entities.party_members_is_org",
                            "a NORP of several words ending in a party's members is the party: 'Free Democrats'")
LAW_WORDS = rule("entities.law_words", "a name ending in a law word is a LAW: 'Clean Rivers Act'")
EVENT_WORDS = rule("entities.event_words", "a name holding an event word is an EVENT: 'Asian Winter Games'")
LOC_HEADS = rule("entities.loc_heads", "a name headed by a landform word is a LOC: 'Isle of Arran', 'Kola Peninsula'")
PLACE_CONTEXT_IS_GPE = rule("entities.place_context_is_gpe",
                            "a name written where a place goes is a GPE: 'the town of Oruro', 'from Tarija' (gazetteer)")
LISTED_TYPE = rule("entities.listed_type",
                   "a one-word name listed with names of one other type takes it: 'Kazakhs and Uyghurs'")
PLATFORM_AFTER_ON = rule("entities.platform_after_on",
                         "a one-word PERSON written mostly after 'on'/'via' is a platform: 'posted on Mastodon'")

# The model's label mistakes that the labels of listed neighbours may correct.
_RETYPE = {"ORG": ("NORP", "GPE"), "PERSON": ("ORG", "GPE", "NORP"), **{w: ENTITY_TYPES for w in WEAK}}


def cluster_label(members: list[NameMention]) -> str:
    """The model's label for a cluster: its fullest mention's, unless most mentions say otherwise;
    the unreliable labels (PRODUCT, FAC, ...) only when nothing else was said."""
    pool = [m for m in members if m.label not in WEAK] or members
    labels = [m.label for m in pool]
    longest = max(pool, key=lambda m: (len(m.words), len(m.name)))
    if len(longest.words) > 1 or labels.count(longest.label) * 2 >= len(labels):
        return longest.label
    return max(dict.fromkeys(labels), key=labels.count)


def fullest(members: list[NameMention]) -> NameMention:
    """The mention that names the cluster: the longest, first written, never a handle."""
    named = [m for m in members if m.name[0] not in "@#"] or members
    return max(named, key=lambda m: (len(m.words), len(m.name), -m.start))


def is_person(members: list[NameMention]) -> bool:
    """Person evidence: a title or person cue, or a multi-word PERSON that is no place."""
    return any(m.person or m.label == "PERSON" and len(m.words) > 1 and not is_place(m.name) for m in members)


def entity_type(members: list[NameMention], name: str) -> str:
    """The type of the cluster `members`, named `name`."""
    if is_person(members):
        return "PERSON"
    if on(COUNTRY_IS_GPE) and any(country_code(m.name, codes_ok=m.label == "GPE") for m in members
                                  if m.label not in ("NORP", "ORG")):
        return "GPE"
    label = cluster_label(members)
    words = name_key(name).split()
    gazetteer = is_place(name)
    return _type_by_role(members, label, words, gazetteer) or _type_by_words(name, label, words, gazetteer) or \
        _type_by_neighbours(members, label, words, gazetteer)


def _type_by_role(members: list[NameMention], label: str, words: list[str], gazetteer: bool) -> str | None:
    if on(LED_BODY_IS_ORG) and label == "LOC" and any(m.of_role for m in members) and not gazetteer and words[-1] not in WORDS["loc_heads"]:
        return "ORG"  # "joint leader of the South Shropshire Hunt": people lead bodies, not regions
    return None


def _type_by_words(name: str, label: str, words: list[str], gazetteer: bool) -> str | None:
    """What the name's own words say: an acronym, "... Democrats", "... Bill", "... Cup", "... Society"."""
    if on(ACRONYM_IS_ORG) and is_acronym(name):
        return "ORG" if label in ("PERSON", "GPE", "LOC", "NORP") else label  # "AQAP", "LCD"
    if on(PARTY_MEMBERS_IS_ORG) and label == "NORP" and len(words) > 1 and words[-1] in WORDS["party_members"]:
        return "ORG"  # "Liberal Democrats": a party
    if on(LAW_WORDS) and words[-1] in WORDS["law_words"] and len(words) > 1:
        return "LAW"  # "Prevention of Terrorism Bill"
    has_org_word = any(w in WORDS["org_words"] for w in words)
    if on(EVENT_WORDS) and label in ("ORG", "GPE", "LOC") and len(words) > 1 and not has_org_word and set(
            words) & WORDS["event_words"]:
        return "EVENT"  # "FIFA World Cup", "General Election of 2011"
    # The head of "X of Y" is X: "Pacific Rim of Fire" is a rim.
    head = words[words.index("of") - 1] if "of" in words[1:] else words[-1]
    if on(LOC_HEADS) and len(words) > 1 and head in WORDS["loc_heads"] and label != "PERSON":
        return "LOC"  # "Bohol Island", "Chocolate Hills"
    return None


def _type_by_neighbours(members: list[NameMention], label: str, words: list[str], gazetteer: bool) -> str:
    """Where the mentions stand: place contexts, the names listed with them, "on X"; else the label."""
    has_org_word = any(w in WORDS["org_words"] for w in words)
    if on(PLACE_CONTEXT_IS_GPE) and label in WEAK | {"ORG", "PERSON", "NORP"} and not has_org_word and (
            any(m.strong_place for m in members)
            or gazetteer and (label in WEAK or any(m.place for m in members))):
        return "GPE"  # "the town of Yeoncheon", "from Herat", "Gloucestershire" tagged WORK_OF_ART
    # a one-word neighbour only may make a name a group of people ("Liberal Democrats and Respect")
    conj = [c for m in members for c, single in m.conj if single or c != "NORP"]
    if on(LISTED_TYPE) and len(words) == 1 and conj and len(set(conj)) == 1 and conj[0] in _RETYPE.get(label, ()) and (
            len(members) <= 3 or any(m.label == conj[0] for m in members)):
        return conj[0]  # "Bangladeshis and Rohingya", "Age Concern, Mencap and ..."
    if on(PLATFORM_AFTER_ON) and label == "PERSON" and len(words) == 1 and sum(m.after_on for m in members) * 2 >= len(members):
        return "ORG"  # "on Twitter"
    return label

