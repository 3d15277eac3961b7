"""The typing step: the type of an entity, weighed over all its mentions and where they stand.

The small model's label is a starting point only: it is often wrong for one mention and right for
another, and some labels (PRODUCT, FAC, ...: `WEAK`) are close to random. A cluster is a PERSON on
person evidence (a title or speech cue, a multi-word PERSON label); otherwise the typing rules in
`TYPING_RULES` are asked in order, each a named rule that looks at the cluster's `Evidence` and
returns a type or None; the first answer wins, and the model's label for the cluster is the default.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from ..document.records import EntityIndex
from ..rules import on, rule
from .mentions import KIND_WORD_AFTER, US_STATE_CODES, NameMention, is_state_code
from .places import country_code, is_given_name, is_place, named_place, place
from .words import ENTITY_TYPES, NUMBERS, PERSON_NOUNS, TABLES, UNTYPED, WEAK, WORDS, is_acronym, name_key

COUNTRY_IS_GPE = rule("entities.country_is_gpe", "a cluster with a country's name is a GPE: 'Chile' tagged PERSON")
ACRONYM_IS_ORG = rule("entities.acronym_is_org", "an acronym tagged PERSON, GPE, LOC or NORP is an ORG: 'the KPF'")
PARTY_MEMBERS_IS_ORG = rule("entities.party_members_is_org",
                            "a NORP of several words ending in a party's members is the party: 'Free Democrats'")
AWARD_NAMES = rule("entities.award_names",
                   "a name holding an award word, ending in 'of the Year', or 'Best' before a person noun is an award "
                   "(WORK_OF_ART), no body: 'Varga Medal', 'Coach of the Year', 'Best Supporting Actress'")
LAW_WORDS = rule("entities.law_words", "a name ending in a law word is a LAW: 'Clean Rivers Act'")
EVENT_WORDS = rule("entities.event_words", "a name holding an event word is an EVENT: 'Asian Winter Games'")
ORG_WORDS = rule("entities.org_words",
                 "a name ending in an organisation word is an ORG unless tagged GPE: 'Harbour Review' tagged LOC")
LOC_HEADS = rule("entities.loc_heads", "a name headed by a landform word is a LOC: 'Isle of Arran', 'Kola Peninsula'")
PLACE_CONTEXT_IS_GPE = rule("entities.place_context_is_gpe",
                            "a name written where a place goes is a GPE: 'the town of Oruro', 'from Tarija' (gazetteer)")
FAC_HEADS = rule("entities.fac_heads",
                 "a name headed by a building or way word is a FAC: 'Kestrel Avenue', 'Tallinn Airport', 'Terminal 9'")
REGION_SUFFIX = rule("entities.region_suffix",
                     "a gazetteer place followed by a subdivision word is a GPE: 'Kherson Oblast', 'Lori Province'")
GIVEN_NAME = rule("entities.given_name",
                  "a name of two to four words led by a given name (census, Phoenix) is a person: 'Ilse Brandt' tagged ORG")
GAZETTEER_PLACE = rule("entities.gazetteer_place",
                       "a name the gazetteer lists as a town or region is a GPE: 'Puerto Montt' tagged PERSON")
KIND_WORD_NOT_PERSON = rule("entities.kind_word_not_person",
                            "a name the model tagged PERSON that ends in an organisation, event or law word is no "
                            "person: 'Tallow Museum', 'Varga Memorial Cup'")
INSIDE_IS_PLACE = rule("entities.inside_is_place",
                       "a one-word name tagged PERSON and written after 'in'/'near' is a place: "
                       "'stayed in Varnak'")
PLATFORMS_ARE_ORGS = rule("entities.platforms_are_orgs",
                          "a well-known platform or agency, or a name ending in a web domain, is an ORG: 'Telegram', "
                          "'KestrelNews.com'")
LONE_GIVEN_NAME = rule("entities.lone_given_name",
                       "a one-word given name (census, Phoenix) the model tagged a place or a body, that the gazetteer "
                       "does not list and no mention writes where a place goes, is a person: 'Marisol and I'")
PLATFORM_AFTER_ON = rule("entities.platform_after_on",
                         "a one-word PERSON written mostly after 'on'/'via' is a platform: 'posted on Mastodon'")
FOREIGN_HEADS = rule("entities.foreign_heads",
                     "a name led by another language's word for a street, square, gate or landform is a FAC or LOC: "
                     "'Calle Varnak', 'Pointe des Ostrels', 'Meydan Tarvo'")
PART_OF_PLACE = rule("entities.part_of_place",
                     "a gazetteer place after a word naming a part of it is a place: 'Upper Varnak', 'Old Zwolle'")
LISTED_WITH_PERSONS = rule("entities.listed_with_persons",
                           "a name of two or three words, tagged ORG or GPE, listed only with persons and holding no "
                           "word of a body or a place, is a person: 'Ines Varga, Tomas Lind and Oskar Dahl'")
WEAK_LABEL_PLACE = rule("entities.weak_label_place",
                        "a one-word name with an unreliable label (WORK_OF_ART, PRODUCT, LAW, ...) written where a "
                        "place goes is a place: 'stayed at Ostrel' tagged PRODUCT")
LISTED_AGAIN = rule("entities.listed_again",
                    "a one-word name no typing rule typed takes the one type its listed neighbours ended with: "
                    "'Kazakhs and Uyghurs' (Uyghurs tagged ORG), 'Varnak, Ostrel and Tarvo' (two typed as towns "
                    "by the gazetteer)")

# The model's label mistakes that the label of listed neighbours may correct; a weak label any.
_RETYPE = {**{label: tuple(types) for label, types in TABLES["listed_retype"].items()},
           **{weak: ENTITY_TYPES for weak in WEAK}}
PLACE_MIN_POPULATION = int(NUMBERS["place_min_population"])
GIVEN_NAME_LABELS = ("ORG", "GPE", "LOC", "NORP", "FAC", UNTYPED)
# words that make a name no person's, whatever its first word: kinds of bodies, events, laws, places
_NOT_PERSON_WORDS = WORDS["org_words"] | WORDS["event_words"] | WORDS["law_words"] | WORDS["party_members"] | WORDS[
    "place_nouns"] | WORDS["loc_heads"] | WORDS["fac_heads"] | WORDS["region_suffixes"] | WORDS["polity_words"]


def is_platform(name: str) -> bool:
    """"Telegram", "Reuters", "KestrelNews.com": a listed platform or agency, or a web domain."""
    key = name_key(name)
    if key in WORDS["platforms"]:
        return True
    stem, dot, suffix = name.casefold().rpartition(".")
    return bool(dot) and " " not in name and suffix in WORDS["domain_suffixes"] and stem[:1].isalnum()


_KIND_ENDINGS = WORDS["org_words"] | WORDS["event_words"] | WORDS["law_words"]


def head_word(words: list[str]) -> str:
    """The head of a name: the word before "of" ("Isle of Arran"), else the last word that is no
    number ("Terminal 9")."""
    if "of" in words[1:]:
        return words[words.index("of") - 1]
    return next((w for w in reversed(words) if not w.isdigit()), words[-1])


def head_type(name: str) -> str | None:
    """The type a name's own head word gives: FAC ("Kestrel Avenue"), LOC ("Tarvo Desert",
    "Lake Vättern") or GPE ("Kherson Oblast"); None for one word or no such head."""
    kind = _head_kind(name)
    return kind[0] if kind and on(kind[1]) else None


@lru_cache(maxsize=4096)
def _head_kind(name: str) -> tuple[str, str] | None:
    """(type, the rule that gives it) for the name's head word."""
    words = name_key(name).split()
    if len(words) < 2:
        return None
    head = head_word(words)
    # not "Ada Hall" or "Ada Park": a given name and a surname
    surname = len(words) == 2 and head == words[1] and is_given_name(words[0])
    if head in WORDS["fac_heads"] and not surname:
        return "FAC", FAC_HEADS
    if head in WORDS["loc_heads"] and not surname or words[0] in WORDS["loc_first_words"]:
        return "LOC", LOC_HEADS
    if head == words[-1] and head in WORDS["region_suffixes"] and place(" ".join(words[:-1])):
        return "GPE", REGION_SUFFIX
    return _foreign_head(words)


def _foreign_head(words: list[str]) -> tuple[str, str] | None:
    """"Calle Varnak", "La Pointe des Ostrels": other languages put the generic word first, after
    an article at most. Not a town
    the gazetteer lists ("Monte Carlo"), nor a given name ("Isla Lind")."""
    first = words[1] if words[0] in WORDS["foreign_articles"] and len(words) > 2 else words[0]
    if is_given_name(first) or named_place(" ".join(words)):
        return None
    if first in WORDS["foreign_fac_first_words"]:
        return "FAC", FOREIGN_HEADS
    return ("LOC", FOREIGN_HEADS) if first in WORDS["foreign_loc_first_words"] else None


def given_name_evidence(m: NameMention, common_words: set[str]) -> bool:
    """The mention reads as a person's name: two to four capitalised words (particles aside), the
    first a given name the article never writes in lower case ("will", "grace"), and no word that
    names a body, an event, a law or a place ("Ada Hall" aside)."""
    words = m.words
    if not 2 <= len(words) <= 4 or m.label not in GIVEN_NAME_LABELS or not is_given_name(words[0]):
        return False
    if words[0] in common_words or any(w.isdigit() for w in words) or set(words) & _NOT_PERSON_WORDS:
        return False
    return not named_place(m.name) and not any(country_code(w) for w in words[1:])


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
    """The mention that names the cluster: the longest, first written, never a handle, nor a name
    given as another name ("also known as ...")."""
    named = [m for m in members if m.name[0] not in "@#"] or members
    named = [m for m in named if m.known_as is None] or named
    return max(named, key=lambda m: (len(m.words), len(m.name), -m.start))


def is_person(members: list[NameMention]) -> bool:
    """Person evidence: a title or speech cue; or, for a name no head word types (not "Tarvo
    Desert"), a multi-word PERSON that is no place; or a name led by a given name, when no other
    form of the name holds a word of a body or place ("Ada Lind" and "Ada Lind Museum")."""
    if any(m.person or not head_type(m.name) and m.label == "PERSON" and len(m.words) > 1 and not is_place(m.name)
           and not (on(KIND_WORD_NOT_PERSON) and m.words[-1] in _KIND_ENDINGS) for m in members):
        return True
    return on(GIVEN_NAME) and any(m.given for m in members) and not any(
        head_type(m.name) or set(m.words) & _NOT_PERSON_WORDS for m in members)


@dataclass
class Evidence:
    """What the typing rules weigh: a cluster's mentions (each with its context flags) and the facts
    about its name computed once."""
    members: list[NameMention]
    name: str  # the cluster's fullest name
    label: str  # the model's label for the cluster (`cluster_label`)
    words: list[str]  # the name's words as `name_key` compares them
    gazetteer: bool  # the name is a town or province the gazetteer lists
    has_org_word: bool  # a word of the name is an organisation word ("Council")


def entity_type(members: list[NameMention], name: str) -> str:
    """The type of the cluster `members`, named `name`."""
    if any(m.person for m in members):
        return "PERSON"  # a title or a speech cue outweighs what the name's words say
    if any(m.dateline for m in members):
        return "GPE"  # "LIMA (Reuters) -": not the acronym its capitals look like
    if sum(m.work for m in members) * 2 >= len(members) and not is_place(name) and not country_code(name):
        return "WORK_OF_ART"  # "the film Quiet Harbour", "Quiet Harbour (1998)" (mentions.py)
    if on(PLATFORMS_ARE_ORGS) and any(is_platform(m.name) for m in members):
        return "ORG"
    if on(COUNTRY_IS_GPE) and (etype := _country_members(members)):
        return etype
    if any(m.team for m in members):
        return "ORG"  # a club in a results table, though named after its town
    if etype := head_type(name):
        return etype
    if on(KIND_WORD_AFTER) and (etype := _kind_after(Evidence(members, name, cluster_label(members), name_key(
            name).split(), False, any(w in WORDS["org_words"] for w in name_key(name).split())))):
        return etype  # "the Lind avenue": before the person evidence a two-word name gives
    if is_person(members):
        return "PERSON"
    words = name_key(name).split()
    evidence = Evidence(members, name, cluster_label(members), words, is_place(name),
                        any(w in WORDS["org_words"] for w in words))
    for rule_name, decide in TYPING_RULES:
        if on(rule_name) and (etype := decide(evidence)):
            return etype
    return evidence.label


def _country_members(members: list[NameMention]) -> str | None:
    if any(country_code(m.name, codes_ok=m.label == "GPE") for m in members if m.label not in ("NORP", "ORG")):
        return "GPE"
    return None


def _gazetteer_place(e: Evidence) -> str | None:
    """A town or region the gazetteer lists, named where nothing says it is a body: written in
    several words ("Puerto Montt"), tagged as a place, or tagged PERSON/ORG but a big city's or a
    region's name (smaller towns share their names with surnames: "Lincoln")."""
    found = place(e.name)
    if not found or found[0] not in ("city", "region") or e.has_org_word or is_acronym(e.name):
        return None
    if len(e.words) > 1 or e.label in WEAK | {"GPE"} or e.label == "LOC" and found[0] == "city":
        return "GPE"
    if e.label in ("PERSON", "ORG", "NORP") and (found[2] >= PLACE_MIN_POPULATION or found[0] == "region" and len(
            e.name) > 4) and not is_given_name(e.words[0]):
        return "GPE"
    return None


def _part_of_place(e: Evidence) -> str | None:
    """"Upper Varnak", "Old Zwolle", "Greater Tarvo": a part of a place the gazetteer lists
    (its name never holds an organisation word: "Eastern Tarvo University"). A continent's part is a
    LOC ("Eastern Europe"), a country's or a town's a GPE."""
    if len(e.words) < 2 or e.words[0] not in WORDS["place_part_words"] or e.has_org_word:
        return None
    found = place(" ".join(e.words[1:]))
    return None if not found else "LOC" if found[0] == "continent" else "GPE"


def _state_code(e: Evidence) -> str | None:
    """"Varnak, KS": a US state's code written where a place goes is no body's acronym; but "the
    LCD, DC and BNP" (a list) are parties."""
    return "GPE" if is_state_code(e.name) and any(m.place and not m.conj for m in e.members) else None


def _acronym(e: Evidence) -> str | None:
    if is_acronym(e.name):
        return "ORG" if e.label in ("PERSON", "GPE", "LOC", "NORP") else e.label
    return None


def _party(e: Evidence) -> str | None:
    if e.label == "NORP" and len(e.words) > 1 and e.words[-1] in WORDS["party_members"]:
        return "ORG"
    return None


_AWARD_WORDS = {w for w in WORDS["award_words"] if " " not in w}
_AWARD_ENDINGS = tuple(" " + w for w in WORDS["award_words"] if " " in w)


def _award(e: Evidence) -> str | None:
    """"Varga Medal", "Coach of the Year", "Best Actress"; not a body named after one ("Varga Prize
    Committee")."""
    if len(e.words) < 2 or e.has_org_word:
        return None
    if set(e.words) & _AWARD_WORDS or " ".join(e.words).endswith(_AWARD_ENDINGS) or (
            e.words[0] == "best" and e.words[-1] in PERSON_NOUNS):
        return "WORK_OF_ART"
    return None


def _law(e: Evidence) -> str | None:
    return "LAW" if len(e.words) > 1 and e.words[-1] in WORDS["law_words"] else None


def _event(e: Evidence) -> str | None:
    if e.label in ("ORG", "GPE", "LOC") and len(e.words) > 1 and not e.has_org_word and set(e.words) & WORDS[
            "event_words"]:
        return "EVENT"
    return None


def _org_word(e: Evidence) -> str | None:
    """"Harbour Review" tagged LOC, "Acme Holding Company" tagged WORK_OF_ART; a GPE label stands,
    since "Union" or "Front" also end names of states and regions."""
    if e.label not in ("NORP", "GPE") and len(e.words) > 1 and e.words[-1] in WORDS["org_words"]:
        return "ORG"
    return None


def _place_context(e: Evidence) -> str | None:
    """"the town of Oruro", "from Tarija" (a gazetteer place), "Algarve" tagged WORK_OF_ART; one word
    with an unreliable label written where a place goes ("at Ostrel" tagged PRODUCT)."""
    if e.label in WEAK | {"ORG", "PERSON", "NORP"} and not e.has_org_word and (
            any(m.strong_place for m in e.members)
            or e.gazetteer and (e.label in WEAK or any(m.place for m in e.members))):
        return "GPE"
    if on(WEAK_LABEL_PLACE) and e.label in WEAK and len(e.words) == 1 and any(m.place for m in e.members):
        return "GPE"  # "studied at Ostrel" tagged WORK_OF_ART
    return None


def _inside(e: Evidence) -> str | None:
    """"a week in Varnak", "the beach near Ostrel": a one-word name the model took for a person, no
    acronym, no given name, written after "in"/"near" ("in Ada's book" is no such mention: see
    mentions.py). Not an ORG label: "in Congress", "in Scientology"."""
    if e.label == "PERSON" and len(e.words) == 1 and not is_acronym(e.name) and not e.has_org_word and \
            not is_given_name(e.words[0]) and any(m.inside for m in e.members):
        return "GPE"
    return None


def _kind_after(e: Evidence) -> str | None:
    """"the grand Lind avenue", "the Verde river": most mentions written before a lower-case way or
    landform noun; not a body's name ("the Kestrel Bank building" is the bank's), nor a people's."""
    kinds = [m.kind_after for m in e.members if m.kind_after]
    if kinds and e.label != "NORP" and not e.has_org_word and len(kinds) * 2 > len(e.members) and len(
            set(kinds)) == 1:
        return kinds[0]
    return None


def _listed_with_persons(e: Evidence) -> str | None:
    """"Varga Kessel, Tomas Lind and Ada Holm": the model tags a foreign or unusual full name ORG or
    GPE, yet its list is of people. Not a name with a kind word ("the Latin Club, Ada Lind and
    ...", "the Lind Theaters"), a number, or a place the gazetteer lists."""
    conj = [c for m in e.members for c, _ in m.conj]
    words = set(e.words) | {w.removesuffix("s") for w in e.words}  # "Paramount Theaters" too
    if e.label in ("ORG", "GPE") and 2 <= len(e.words) <= 3 and conj and set(conj) == {"PERSON"} and not (
            words & _NOT_PERSON_WORDS) and not any(w.isdigit() for w in e.words) and not place(
            e.name) and not country_code(e.name):
        return "PERSON"
    return None


def _lone_given(e: Evidence) -> str | None:
    """"Marisol and I": not a people ("Christian"), nor a thing written with "the" ("the Sun")."""
    if len(e.words) == 1 and e.label in GIVEN_NAME_LABELS and e.label != "NORP" and is_given_name(e.words[0]) and \
            not e.gazetteer and not country_code(e.name) and not is_acronym(e.name) and not any(
            m.place or m.after_on or m.det_before for m in e.members):
        return "PERSON"
    return None


def _platform(e: Evidence) -> str | None:
    if e.label == "PERSON" and len(e.words) == 1 and sum(m.after_on for m in e.members) * 2 >= len(e.members):
        return "ORG"
    return None


# In order (after a person cue, a country's name, a head word and person evidence: `entity_type`):
# what the name is (a gazetteer place), its own words, then where it stands.
TYPING_RULES: list[tuple[str, Callable[[Evidence], str | None]]] = [
    (GAZETTEER_PLACE, _gazetteer_place),
    (PART_OF_PLACE, _part_of_place),
    (LONE_GIVEN_NAME, _lone_given),
    (US_STATE_CODES, _state_code),
    (ACRONYM_IS_ORG, _acronym),
    (PARTY_MEMBERS_IS_ORG, _party),
    (AWARD_NAMES, _award),
    (LAW_WORDS, _law),
    (EVENT_WORDS, _event),
    (ORG_WORDS, _org_word),
    (PLACE_CONTEXT_IS_GPE, _place_context),
    (INSIDE_IS_PLACE, _inside),
    (LISTED_WITH_PERSONS, _listed_with_persons),
    (PLATFORM_AFTER_ON, _platform),
]


def retype_listed(entities: list, clusters: list[list[NameMention]]) -> None:
    """Lists, once every entity has its type (`LISTED_AGAIN`): names listed together are of one kind,
    and the neighbours' final types are better evidence than the model's labels. Only for a
    one-word name left at its cluster's label, never a person by a cue, and never a gazetteer
    place or country turned into something else."""
    if not on(LISTED_AGAIN):
        return
    index = EntityIndex(entities)
    changes = []
    for entity, members in zip(entities, clusters):
        if " " in entity.name or any(m.person for m in members) or entity.type != cluster_label(members):
            continue
        kinds = {other.type for m in members for offset in m.conj_at
                 if (other := index.at(offset, offset + 1)) is not None and other is not entity}
        if len(kinds) == 1 and (kind := kinds.pop()) != entity.type and kind in _RETYPE.get(entity.type, ()) and (
                kind in ("GPE", "LOC") or not named_place(entity.name)):
            changes.append((entity, kind))
    for entity, kind in changes:  # after the loop: each decision sees the first pass's types
        entity.type = kind
