"""CAMEO-coded events from a parsed spaCy `Doc`: who did what to whom, where and when.

Triggers are verb, noun and adjective lemmas looked up in a lexicon per CAMEO root
(`data/cameo_lexicon.json`), read through the dependency parse so that particles, objects and
compounds choose the code ("call on" 02, "phone call" 04, "hunger strike" 14). Irrealis mentions
are dropped (negated, modal, wanted, planned, feared), a violent act announced with "would"/"will"
in reported speech is a threat (13), and repeated mentions of one event are merged.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from .counts import extract_counts, has_counts
from .dates import resolve_date
from .doccache import doc_text, sentence
from .records import COUNT_KEYS, EntityIndex, Event

MODALS = {"will", "would", "could", "may", "might", "should", "must", "can", "shall", "'d", "'ll", "wo", "ca"}
NEGATIONS = {"not", "n't", "never", "no"}
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
               "personnel", "commander", "unit", "president", "leader", "minister", "king"}
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
INTENT_ROOTS = {**dict.fromkeys(VIOLENT_ROOTS, "13"), **dict.fromkeys(("04", "05", "06", "07", "08"), "03")}
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


@lru_cache(maxsize=1)
def lexicon() -> dict:
    """{"verb"|"noun"|"adj": {key: root}} plus the word lists, from the package data file."""
    raw = json.loads(resources.files(__package__).joinpath("data/cameo_lexicon.json").read_text("utf-8"))
    keys = {"verb": {}, "noun": {}, "adj": {}}
    for root, entry in raw["roots"].items():
        for kind, name in (("verb", "verbs"), ("noun", "nouns"), ("adj", "adjectives")):
            for key in entry.get(name, []):
                keys[kind].setdefault(key, root)
    keys["transitive_only"] = set(raw["transitive_only"])
    keys["real_aspect"] = set(raw["real_aspect"])
    keys["irrealis_heads"] = set(raw["irrealis_heads"])
    keys["violence_by_actor"] = set(raw["violence_by_actor"])
    keys["not_caused_by"] = set(raw["not_caused_by"])
    keys["support_verbs"] = set(raw["support_verbs"])
    keys["force_posture_passive"] = set(raw["force_posture_passive"])
    keys["material_support"] = set(raw["material_support"])
    keys["retaliation"] = set(raw["retaliation"])
    for name in ("state_nouns", "not_triggers", "topic_verbs", "text_nouns"):
        keys[name] = set(raw[name])
    return keys


@dataclass
class _Mention:
    root: str
    tokens: list  # the trigger's tokens (head first)
    sent_index: int
    sentence: str
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    location: str | None = None
    date_text: str | None = None
    attributed_to: str | None = None
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS))
    anaphoric: bool = False  # "the attacks": a mention of an event named before

    @property
    def head(self):
        return self.tokens[0]

    @property
    def lemma(self) -> str:
        return self.head.lemma_.lower()


# ----------------------------------------------------------------------------- triggers


def _lemma(token) -> str:
    return token.lemma_.lower()


def _match(token, lex) -> tuple[str, list] | None:
    """(root, trigger tokens) when `token` heads a lexicon entry, trying the longest keys first."""
    lemma = _lemma(token)
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ != "aux"):
        table, kind = lex["verb"], "verb"
    elif token.pos_ in ("NOUN", "PROPN"):
        table, kind = lex["noun"], "noun"
    elif token.pos_ == "ADJ":
        table, kind = lex["adj"], "adj"
    else:
        return None
    candidates = []
    for child in token.children:
        if child.dep_ in ("prt", "prep", "agent"):
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    candidates.append((f"{lemma} {child.lower_} {_lemma(pobj)}", [child, pobj]))
                    for mod in pobj.children:  # "put on high alert"
                        if mod.dep_ in ("amod", "compound"):
                            candidates.append((f"{lemma} {child.lower_} {_lemma(mod)}", [child, mod, pobj]))
            candidates.append((f"{lemma} {child.lower_}", [child]))
            for grand in child.children:  # "crack down on"
                if grand.dep_ == "prep":
                    candidates.append((f"{lemma} {child.lower_} {grand.lower_}", [child, grand]))
        elif child.dep_ in ("dobj", "attr") and kind == "verb":
            candidates.append((f"{lemma} {_lemma(child)}", [child]))
        elif child.dep_ in ("compound", "amod", "nmod") and kind == "noun":
            candidates.append((f"{_lemma(child)} {lemma}", [child]))
        elif child.dep_ == "xcomp" and kind in ("adj", "verb"):
            candidates.append((f"{lemma} to", []))
            candidates.append((f"{lemma} to {_lemma(child)}", [child]))
    if kind == "noun" and any(f"{_lemma(c)} {lemma}" in lex["not_triggers"] for c in token.children if c.dep_ == "compound"):
        return None  # "a press release" is a document
    candidates.sort(key=lambda kt: -len(kt[0].split()))
    for key, extra in candidates:
        if key in table:
            if kind == "adj" and any(_violent_xcomp(c, lex) for c in token.children if c.dep_ == "xcomp"):
                return None  # "battle ready to launch operations" is no offer to cooperate
            return table[key], [token, *extra]
    if lemma in table:
        if kind == "verb" and lemma in lex["transitive_only"] and not _has_object(token):
            return None
        return table[lemma], [token]
    return None


def _violent_xcomp(verb, lex) -> bool:
    found = _match(verb, lex)
    return found is not None and found[0] in VIOLENT_ROOTS


def _has_object(token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass", "auxpass", "dative", "prep", "prt") for c in token.children) or (
        token.dep_ in ("acl", "relcl") and token.tag_ == "VBN"
    )


def _is_irrealis(token, lex) -> bool:
    """Not a reported real act: negated, modal, conditional, wanted or planned, or a question."""
    children = list(token.children)
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in children):
        return True
    if token.pos_ == "NOUN" and token.left_edge.lower_ == "no":  # "no tsunami warning"
        return True
    if _lemma(token) in ("warn", "caution", "warning") and any(_is_forecast(c) for c in children if c.dep_ == "ccomp"):
        return True
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in children):
        return True
    if token.pos_ == "ADJ" and token.dep_ in ("acomp", "conj") and _is_irrealis(token.head, lex):
        return True  # "should be willing to"
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in children):
        return True
    if sentence(token).text.rstrip().endswith("?"):
        return True
    if token.dep_ in ("acl", "ccomp") and token.head.pos_ == "NOUN" and _is_irrealis(token.head, lex):
        return True  # "no evidence that any detainee was tortured"
    if token.dep_ in ("pcomp", "pobj") and token.head.lower_ == "without":
        return True  # "without being detained", "without trial": it did not happen
    if token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in GENERIC_DETS for c in children):
        return True  # "in any trial", "every provocation": no particular act
    if token.dep_ == "acl" and token.head.pos_ == "NOUN" and _lemma(token.head) != "order" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in children):
        return True  # "no desire to offer", "their right to be consulted" (but "in order to X" is done)
    if token.dep_ == "xcomp" and _lemma(token.head) == "go" and token.head.tag_ == "VBG":
        return True  # "we are going to ask": a plan
    head = token.head
    purpose = token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
    if (token.dep_ == "xcomp" or purpose) and _lemma(head) not in lex["real_aspect"]:
        return True
    if token.dep_ == "conj" and head is not token:
        return _is_irrealis(head, lex) if head.pos_ == token.pos_ else False
    if token.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "amod" and c.lower_ in IRREALIS_MODIFIERS for c in children):
            return True
        governor = head.head if token.dep_ == "pobj" else head
        if token.dep_ == "pobj" and _lemma(governor) in IRREALIS_NOUNS:
            return True
        if token.dep_ == "pobj" and head.lower_ in ("for", "against") and _lemma(governor) in lex["irrealis_heads"]:
            return True
        if token.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and _is_irrealis(head, lex):
            return True  # "if the sanctions continued"
        if token.dep_ in ("dobj", "pobj", "attr") and governor.pos_ in ("VERB", "AUX"):  # "there should be an inquiry"
            if _lemma(governor) in lex["irrealis_heads"] - {"order"}:
                return True
            if _is_irrealis(governor, lex):
                return True
    return False


def _is_forecast(clause) -> bool:
    """A warned-of outcome that nobody threatens: "warned that prices could rise", "were expected to"."""
    return any(c.dep_ == "aux" and c.lower_ in ("could", "may", "might") for c in clause.children) or _lemma(
        clause) in ("expect", "likely", "grow", "rise", "fall", "decline", "increase")


def _announced(token):
    """The reporting verb (or the verb itself) when an act is announced as intent: "said it would
    attack", "Finland will give Tanzania a grant"; None for other mentions."""
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "wo") for c in token.children):
        return None
    if any(c.dep_ == "neg" or c.dep_ == "mark" and c.lower_ in ("if", "unless") for c in token.children):
        return None
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    # Only a named party (or a pronoun for one) can threaten or promise: "hunts would meet" cannot.
    if subject is None or not (subject.pos_ == "PRON" or subject.ent_type_ in ACTOR_TYPES):
        return None
    if token.dep_ == "ccomp" and _lemma(token.head) in REPORT_VERBS:
        return token.head
    return token if token.dep_ == "ROOT" else None


# ----------------------------------------------------------------------------- roles


class _Resolver:
    """Canonical entity names for the tokens heading noun phrases."""

    def __init__(self, doc, index: EntityIndex):
        self.doc, self.index = doc, index
        self.mentions = sorted((m.start, e) for e in index.entities for m in e.mentions)
        self._quotes = None
        self._lists: list | None = None
        self.persons = [(start, e.name) for start, e in self.mentions if e.type == "PERSON"]
        counts: dict[str, int] = {}
        for _, e in self.mentions:
            if e.type == "GPE" and _country_code(e.name):
                counts[e.name] = counts.get(e.name, 0) + 1
        # The article's own country: the country it names most (first named on a tie).
        self.home = max(counts, key=lambda name: counts[name]) if counts else None

    def last(self, before: int, test) -> str | None:
        """The latest entity mentioned before offset `before` that passes `test`."""
        found = None
        for start, entity in self.mentions:
            if start >= before:
                break
            if test(entity):
                found = entity.name
        return found

    def entity(self, token):
        entity = self.index.at(token.idx, token.idx + len(token.text))
        return entity if entity is not None and entity.type in ACTOR_TYPES else None

    def state_of(self, nationality) -> str:
        """The article's GPE for a nationality adjective ("North Korean" -> "North Korea"), else itself."""
        word = nationality.name.casefold()
        for entity in self.index.entities:
            name = entity.name.casefold()
            if entity.type == "GPE" and (len(name) > 3 and word.startswith(name[:-1]) or name in DEMONYMS.get(word, ())):
                return entity.name
        return nationality.name

    def names(self, token, depth: int = 0) -> list[str]:
        """Names for `token` and its conjuncts ("Sudan and South Sudan")."""
        result = []
        for head in [token, *token.conjuncts]:
            for name in self._one(head, depth):
                if name not in result:
                    result.append(name)
        return result

    def speaker_at(self, offset: int) -> str | None:
        """The speaker of the quotation around `offset` (quotes are found once, on demand)."""
        if self._quotes is None:
            from .quotes import extract_quotes  # read-only use of the quotes extractor

            self._quotes = [(q.start, q.end, q.speaker.name) for q in extract_quotes(self.doc, self.index)
                            if q.speaker is not None and q.kind != "indirect"]
        return next((name for start, end, name in self._quotes if start <= offset < end), None)

    def person_list_before(self, offset: int) -> list[str]:
        """The last two or more persons named together ("A and his wife B") before `offset`."""
        if self._lists is None:
            self._lists = []
            for tok in self.doc:
                if tok.conjuncts and tok.dep_ != "conj":
                    found = [n for n in self.names(tok) if (e := self.index.find(n)) is not None and e.type == "PERSON"]
                    if len(found) >= 2:
                        self._lists.append((tok.idx, found))
        before = [names for start, names in self._lists if start < offset]
        return before[-1] if before else []

    def _one(self, token, depth: int) -> list[str]:
        if token.pos_ == "PRON" and token.lower_ in FIRST_PERSON:
            speaker = self.speaker_at(token.idx)  # "I", "we" inside a quotation: its speaker
            return [speaker] if speaker else []
        if token.pos_ == "PRON":
            if token.lower_ in ("who", "which", "that", "whom") and token.head.dep_ == "relcl":
                return self._one(token.head.head, depth)
            if token.lower_ in PERSONAL_PRONOUNS:
                before = [name for start, name in self.persons if start < token.idx]
                return before[-1:] if before else []
            if token.lower_ == "its":  # "for its latest nuclear test": the last state or organisation
                found = self.last(token.idx, lambda e: e.type in ("GPE", "ORG"))
                return [found] if found else []
            return []
        entity = self.entity(token) or self._by_form(token)
        if entity is None and token.pos_ == "NOUN":
            if any(c.dep_ == "amod" and c.lower_ == "former" for c in token.children):
                return []  # "former members of X" no longer act for X
            included = [n for p in _prep_objects(token, {"including"}) for n in self.names(p, depth)]
            if included:
                return included  # "defectors including A and B": the named members
        if entity is not None:
            if entity.type == "NORP" and depth > 0:  # "North Korean troops", "American airstrikes": the state
                return [self.state_of(entity)]
            return [entity.name]
        if token.pos_ in ("NOUN", "PROPN") and not _owned(token):
            lemma = token.lower_ if token.pos_ == "PROPN" else _lemma(token)
            if lemma in COUNTRY_NOUNS and _definite(token):  # "the country": the last country named
                found = self.last(token.idx, lambda e: e.type == "GPE" and _country_code(e.name))
                return [found or self.home] if found or self.home else []
            if lemma in LEADER_NOUNS and _definite(token):  # "the leader": the last person named before
                found = self.last(sentence(token).start_char, lambda e: e.type == "PERSON")
                return [found] if found else []
            if lemma in ORG_NOUNS and _definite(token) and not any(c.pos_ == "PROPN" for c in token.children):
                found = self.last(token.idx, lambda e: e.type == "ORG")  # "the organization": the last one named
                if found:
                    return [found]
            if lemma in PAIR_NOUNS and _definite(token) and (token.tag_ == "NNS" or lemma in ("pair", "couple")):
                return self.person_list_before(token.idx)  # "the parents", "the pair": the persons named together
            if lemma in STATE_NOUNS and self.home:  # "the government", "police": the article's country
                return [self.home]
        if token.pos_ == "NOUN" and _lemma(token) in COLLECTIVE_NOUNS:  # "a group of BBC reporters"
            for pobj in _prep_objects(token, {"of"}):
                return self._one(pobj, depth)
            for child in token.children:  # "the Afghan team": the nationality, not its state
                entity = self.entity(child) if child.dep_ == "amod" else None
                if entity is not None and entity.type == "NORP":
                    return [entity.name]
        for child in token.children:  # "Yemen's president, Abdu Rabbu Mansour Hadi"
            if child.dep_ == "appos" and self.entity(child):
                return [self.entity(child).name]
        if depth == 0 and token.pos_ == "NOUN" and _lemma(token) not in PERSON_NOUNS:
            # "Haftar's forces", "the U.N. Security Council resolution": the named owner acts;
            # an adjective names the owner only for a state's arms ("Indonesian navy").
            deps = ("poss", "compound", "amod", "nmod") if _lemma(token) in GROUP_HEADS else ("poss", "compound", "nmod")
            for child in token.children:
                if child.dep_ in deps:
                    found = self._one(child, depth + 1)
                    if found:
                        return found
                if child.dep_ == "prep" and child.lower_ == "of" and _lemma(token) in GROUP_HEADS:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self._one(pobj, depth + 1)
                            if found:
                                return found
        return []

    def is_place(self, name: str) -> bool:
        entity = self.index.find(name)
        return entity is not None and entity.type in PLACE_TYPES

    def _by_form(self, token):
        """A proper noun the entity index missed at this spot, looked up by its written form."""
        if token.pos_ != "PROPN" and not (token.pos_ == "NOUN" and token.text[:1].isupper()):
            return None
        words = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < token.i]
        span = token.doc[words[0].i : token.i + 1] if words else token.doc[token.i : token.i + 1]
        for text in (span.text, token.text):
            entity = self.index.find(text)
            if entity is not None and entity.type in ACTOR_TYPES:
                return entity
        return None


def _country_code(name: str) -> str | None:
    try:
        from .entities import country_code
    except ImportError:  # pragma: no cover - the entities module owns the country table
        return None
    return country_code(name, codes_ok=True)


def _owned(token) -> bool:
    """A noun with an owner or a name in its phrase ("Bolivia's government", "the Lesotho police")."""
    return any(c.dep_ in ("poss", "compound", "nmod") or (c.dep_ == "amod" and c.ent_type_) for c in token.children) or any(
        c.dep_ == "prep" and c.lower_ in ("of", "from", "in") for c in token.children
    )


def _definite(token) -> bool:
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)


def _subject(verb):
    """(subject token or None, passive?) of a verb, inherited through conjunction, xcomp, adverbial
    clauses and gerunds ("after being captured", "a policy of turning away boats"). The voice is
    the verb's own, except that a bare conjoined participle shares its head's ("was arrested and charged")."""
    own = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        own = own or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children)
    for step in range(5):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                # An inherited subject keeps the trigger's own voice, a direct one the verb's.
                return child, passive if step == 0 else own
        if verb.dep_ in ("conj", "xcomp", "advcl", "acomp") and verb.head is not verb:
            verb = verb.head
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            governor = verb.head.head  # "after being captured" -> the main verb
            if governor.pos_ in ("NOUN", "PROPN") and governor.dep_ in ("dobj", "attr"):
                governor = governor.head  # "maintained a policy of turning away" -> "maintained"
            if governor.pos_ in ("VERB", "AUX"):
                verb = governor
                continue
            return None, own
        head = verb.head
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and head.dep_ == "dobj" and _lemma(head) in lexicon()["text_nouns"]:
            verb = head.head  # "issued a statement condemning X": a text's words are its author's
            continue
        if verb.dep_ in ("acl", "relcl"):  # "a resolution calling for", "forces backed by"
            return verb.head, verb.tag_ == "VBN"
        return None, passive
    return None, False


def _prep_objects(token, preps):
    for child in token.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield pobj
                elif pobj.dep_ == "prep" and pobj.lower_ in preps:  # "crack down on"
                    yield from (p for p in pobj.children if p.dep_ == "pobj")


def _verb_roles(token, resolve: _Resolver, extra=()) -> tuple[list[str], list[str]]:
    """Doers and those acted on for a verb trigger; `extra` are the trigger's other words, whose
    prepositions also name targets ("invited a debate with X", "launched campaigns against X")."""
    subject, passive = _subject(token)
    actors, targets = [], []
    if passive:
        if subject is not None:
            targets = resolve.names(subject)
        for agent in (c for c in token.children if c.dep_ == "agent"):
            for pobj in (p for p in agent.children if p.dep_ == "pobj"):
                actors = resolve.names(pobj) or actors
        if not actors:  # "was returned to the organization by Montalvo": "by" attached to the object
            for pobj in _prep_objects(token, TARGET_PREPS):
                actors = actors or [n for p in _prep_objects(pobj, {"by"}) for n in resolve.names(p)]
        if not targets:  # "the property was returned to the organization"
            targets = [n for pobj in _prep_objects(token, {"to"}) for n in resolve.names(pobj)]
        if _lemma(token) in lexicon()["force_posture_passive"] and not actors:
            actors, targets = targets, []  # "troops were deployed", "the military was placed on alert"
    else:
        if subject is not None:
            actors = resolve.names(subject)
        for child in token.children:
            if child.dep_ == "dobj" and _lemma(token) in lexicon()["topic_verbs"]:
                continue  # "discussed Libya": the topic, not a counterpart
            if child.dep_ in ("dobj", "dative") and not targets and not child.lower_.endswith(("self", "selves")):
                if child.pos_ == "ADP":  # "give approval to the leader"
                    targets = [n for p in child.children if p.dep_ == "pobj" for n in resolve.names(p)]
                else:
                    targets = resolve.names(child)
                    if not targets and child.dep_ == "dobj" and child.i not in {t.i for t in extra}:
                        targets = _nested_target(child, resolve)  # "urged an audience that included X"
        preps = TARGET_PREPS | ({"for"} if _lemma(token) in SUPPORT_FOR_VERBS else set())
        for node in [token, *(t for t in extra if t.pos_ in ("NOUN", "PROPN"))]:
            if targets:
                break
            for pobj in _prep_objects(node, preps | ({"for"} if node is not token else set())):
                targets = resolve.names(pobj) or _nested_target(pobj, resolve)
                if targets:
                    break
        for noun in (t for t in extra if t.pos_ in ("NOUN", "PROPN") and not targets):
            targets = _nested_target(noun, resolve)  # "fired rounds aimed at a loudspeaker in X"
        if not targets:  # "attacked defectors from the organization including A and B"
            targets = [n for c in token.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
                       for q in _prep_objects(p, {"including"}) for n in resolve.names(q)]
        if not targets:  # "threatened to attack Ukraine": the threatened act's target
            for clause in (c for c in token.children if c.dep_ == "xcomp"):
                targets = targets or _verb_roles(clause, resolve)[1]
        if targets and all(resolve.is_place(t) for t in targets):
            # "visited Saudi Arabia to meet with King Salman": those met, not the place
            for clause in (c for c in token.children if c.dep_ in ("advcl", "xcomp") and _lemma(c) in MEET_VERBS):
                met = _verb_roles(clause, resolve)[1]
                if met and not any(resolve.is_place(t) for t in met):
                    targets = met
    return actors, [t for t in targets if t not in actors]


def _nested_target(token, resolve: _Resolver, depth: int = 3) -> list[str]:
    """A named party up to three phrases down: "the contract for the road with OAS"."""
    if any(c.dep_ == "amod" and c.lower_ == "former" for c in token.children):
        return []  # "former members of X" no longer stand for X
    # Below an unnamed object its place stands for it: "a loudspeaker in South Korea".
    preps = TARGET_PREPS | {"of", "for", "between"} | ({"in"} if token.pos_ == "NOUN" and token.dep_ == "pobj" else set())
    for pobj in _prep_objects(token, preps):
        names = resolve.names(pobj) or (_nested_target(pobj, resolve, depth - 1) if depth > 1 else [])
        if names:
            return names
    for clause in (c for c in token.children if c.dep_ in ("acl", "relcl")):
        # "rounds aimed at a loudspeaker in South Korea", "an audience that included the premier of X"
        for node in [clause, *(c for c in clause.children if c.dep_ == "dobj")]:
            names = (resolve.names(node) if node is not clause else []) or (
                _nested_target(node, resolve, depth - 1) if depth > 1 else [])
            if names:
                return names
    return []


def _phrase_head(token):
    """The noun a trigger stands in for in its clause: "a number of airstrikes hit" -> "number"."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and _lemma(token.head.head) in QUANTITY_NOUNS:
        return token.head.head
    return token


def _noun_roles(token, root: str, resolve: _Resolver, lex) -> tuple[list[str], list[str]]:
    actors, targets = [], []
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and not actors:
            actors = resolve.names(child, depth=1)
    for pobj in _prep_objects(token, {"by", "from"}):
        actors = actors or resolve.names(pobj)
    preps = TARGET_PREPS | ({"of"} if root in OF_TARGET_ROOTS else set()) | ({"for"} if root in FOR_TARGET_ROOTS else set())
    for pobj in _prep_objects(token, preps):
        targets = resolve.names(pobj) or _nested_target(pobj, resolve)
        if targets:
            break
    for clause in (c for c in token.children if c.dep_ in ("relcl", "acl")):  # "a conversation Trump had with Haftar"
        if clause.dep_ == "acl" and clause.tag_ == "VBN":  # "an agreement signed by the presidents of A and B"
            if not actors:
                actors = [n for a in clause.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
                          for n in resolve.names(p)]
            continue
        if clause.dep_ == "relcl" and not actors:
            actors = _verb_roles(clause, resolve)[0]
        if clause.dep_ == "relcl" and not targets:
            targets = [t for p in _prep_objects(clause, {"with", "to"}) for t in resolve.names(p)]
    token = _phrase_head(token)
    head = token.head
    if not actors and token.dep_ in ("dobj", "attr") and _lemma(head) in lex["support_verbs"]:
        actors = _verb_roles(head, resolve)[0]  # "Haftar launched an offensive"
    first = token
    while first.dep_ == "conj" and first.head is not first:  # "drew praise ... and criticism"
        first = first.head
    if not targets and first.dep_ == "dobj" and _lemma(first.head) in UNDERGO_VERBS:
        targets = _verb_roles(first.head, resolve)[0]  # "the President has drawn criticism", "faces trial"
    if not targets and token.dep_ == "nsubj" and head.pos_ == "VERB":
        targets = [t for c in head.children if c.dep_ == "dobj" for t in resolve.names(c)]  # "strikes hit Tripoli"
    if not targets and token.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB":
        for pobj in _prep_objects(head, TARGET_PREPS - {"with"}):  # "criticisms are leveled at X"
            targets = resolve.names(pobj) or _nested_target(pobj, resolve)
            if targets:
                break
    return actors, [t for t in targets if t not in actors]


def _location(token, resolve: _Resolver) -> str | None:
    token = _phrase_head(token)
    for node in (token, token.head if token.dep_ in ("dobj", "nsubj", "pobj") else None):
        if node is None:
            continue
        for pobj in _prep_objects(node, LOCATION_PREPS):
            entity = resolve.entity(pobj)
            if entity is not None and entity.type in PLACE_TYPES:
                return entity.name
    return None


def _date_text(token, sent) -> str | None:
    """A DATE entity of the sentence attached to the trigger's clause (not to another verb)."""
    anchors = {token.i}
    token = _phrase_head(token)
    anchors.add(token.i)
    if token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and token.head.pos_ in ("VERB", "ADP"):
        anchors.add(token.head.i)
        if token.head.pos_ == "ADP":
            anchors.add(token.head.head.i)
    for ent in sent.ents:
        if ent.label_ != "DATE":
            continue
        node = ent.root
        for _ in range(4):
            if node.i in anchors:
                text = re.sub(r"^(?:on|in|the)\s+", "", ent.text.strip(), flags=re.IGNORECASE)
                text = re.split(r"['\u2019]s\b", text)[0].strip()
                # A bare small number is an age or a count ("Montalvo, 19,"), not a date.
                return text if re.search(r"[A-Za-z]|\d{4}", text) else None
            if node.head is node or (node.pos_ == "VERB" and node is not ent.root):
                break
            node = node.head
    return None


def _attribution(token, resolve: _Resolver) -> str | None:
    """Who the narration credits: "The Wall Street Journal has reported that ...", "according to X"."""
    node = token
    for _ in range(6):
        if node.dep_ == "ccomp" and _lemma(node.head) in REPORT_VERBS:
            subject = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
            names = resolve.names(subject) if subject is not None else []
            return names[0] if names else None
        if node.head is node:
            break
        node = node.head
    for tok in sentence(token):
        if tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(tok.doc) else False:
            for pobj in (c for c in tok.nbor(1).children if c.dep_ == "pobj"):
                names = resolve.names(pobj)
                if names:
                    return names[0]
    return None


# ----------------------------------------------------------------------------- merging


def _compatible(a: list[str], b: list[str]) -> bool:
    return not a or not b or set(a) <= set(b) or set(b) <= set(a)


def _related(a: str, b: str) -> bool:
    return a.endswith(b) or b.endswith(a)


def _same_event(group: list[_Mention], other: _Mention) -> bool:
    """Same CAMEO root, same parties (or unstated), same occasion (no conflicting date)."""
    if group[0].root != other.root:
        return False
    actors = [a for m in group for a in m.actors]
    targets = [t for m in group for t in m.targets]
    if not (_compatible(actors, other.actors) and _compatible(targets, other.targets)):
        return False
    same_sentence = [m for m in group if m.sent_index == other.sent_index]
    if same_sentence:  # "airstrikes, including strikes by drones": one act; "the war ... airstrikes": two
        # A later word that names no party restates the act; two named words must be related words.
        return not (other.actors or other.targets) or any(
            _related(m.lemma, other.lemma) for m in same_sentence)
    dates = {m.date_text.casefold() for m in group if m.date_text}
    if other.date_text and dates and other.date_text.casefold() not in dates:
        return False
    if other.anaphoric or any(m.lemma == other.lemma for m in group):
        return True
    if other.sent_index - group[-1].sent_index > 3:
        return False  # other words for the same act follow closely; a later one is another act
    # Different words for one act need the same named parties, and no date on one side only.
    named = bool(other.actors or other.targets) and (set(actors), set(targets)) == (
        set(other.actors), set(other.targets))
    return named and bool(dates) == bool(other.date_text)


def _merge(mentions: list[_Mention]) -> list[list[_Mention]]:
    groups: list[list[_Mention]] = []
    for mention in mentions:
        for group in reversed(groups):
            if _same_event(group, mention):
                group.append(mention)
                break
        else:
            groups.append([mention])
    return groups


def _to_event(group: list[_Mention], published_at: str | None) -> Event:
    primary = next((m for m in group if m.actors or m.targets), group[0])
    first_with = lambda attr: next((getattr(m, attr) for m in [primary, *group] if getattr(m, attr)), None)
    counts = next((m.counts for m in [primary, *group] if has_counts(m.counts)), dict.fromkeys(COUNT_KEYS))
    start = min(t.idx for t in primary.tokens)
    end = max(t.idx + len(t.text) for t in primary.tokens)
    date_text = first_with("date_text")
    sentences = []
    for m in group:
        if m.sentence != primary.sentence and m.sentence not in sentences:
            sentences.append(m.sentence)
    return Event(
        cameo_root=primary.root,
        trigger=doc_text(primary.head.doc)[start:end],
        trigger_start=start,
        trigger_end=end,
        sentence=primary.sentence,
        actors=list(primary.actors),
        targets=list(primary.targets),
        location=first_with("location"),
        date_text=date_text,
        date=resolve_date(date_text, published_at),
        counts=dict(counts),
        attributed_to=first_with("attributed_to"),
        mention_sentences=sentences,
    )


# ----------------------------------------------------------------------------- entry point


def _mentions(doc, index: EntityIndex) -> list[_Mention]:
    lex = lexicon()
    resolve = _Resolver(doc, index)
    # Tokens inside names (other than named wars: "the Korean War") are not triggers.
    in_name = {t.i for ent in doc.ents if ent.label_ != "EVENT" for t in ent}
    body_start = doc_text(doc).find("\n\n")  # the headline is restated in the body, and parsed badly
    mentions: list[_Mention] = []
    both_sides: list[tuple[int, dict]] = []
    for sent_index, sent in enumerate(doc.sents):
        if sent.end_char <= body_start:
            continue
        used: set[int] = set()
        for token in sent:
            if token.i in used or token.i in in_name or token.dep_ in ("compound", "amod") or token.idx < body_start:
                continue
            if token.pos_ == "PROPN" and token.ent_type_ != "EVENT":
                continue
            found = _match(token, lex)
            if found is None or _in_heading(token):
                continue
            root, tokens = found
            if root == "05" and _lemma(token) in lex["material_support"] and _backs_force(token, lex):
                root = "07"  # "strikes backed by the UAE": military support is material aid
            if root in ("18", "19") and _fights_an_abstraction(token, lex):
                continue
            if token.dep_ == "acl" and token.head.pos_ == "NOUN" and (_match(token.head, lex) or ("",))[0] == root:
                continue  # "negotiations mediated by X", "an agreement signed by X": one mention, the noun's
            # An announced act is a threat (violent) or an intent to cooperate (04-08).
            threat_by = _announced(token) if token.pos_ == "VERB" and root in INTENT_ROOTS else None
            if threat_by is not None:
                root = INTENT_ROOTS[root]
                tokens = [token, *(c for c in token.children if c.dep_ == "aux"), *tokens[1:]]
            elif _is_irrealis(token, lex):
                continue
            used.update(t.i for t in tokens)
            if token.pos_ in ("NOUN", "PROPN"):
                actors, targets = _noun_roles(token, root, resolve, lex)
            else:
                actors, targets = _verb_roles(token, resolve, tokens[1:])
                if threat_by is not None and threat_by is not token:
                    speaker = _subject(threat_by)[0]
                    actors = resolve.names(speaker) if speaker is not None else actors
            subject = _subject(token)[0] if token.pos_ == "VERB" else None
            if not actors and subject is not None and subject.lower_ == "they" and not _subject(token)[1]:
                # "They ... have asked": the subject of the last clause event just before
                before = [m for m in mentions if m.actors and m.head.pos_ == "VERB" and 0 < sent_index - m.sent_index <= 2]
                actors = list(before[-1].actors) if before else []
                targets = [t for t in targets if t not in actors]
            if subject is not None and _lemma(subject) in lex["not_caused_by"]:
                continue  # an earthquake or accident, not an act
            if root in SPEECH_ROOTS and subject is not None and subject.lower_ in FIRST_PERSON and token.tag_ in ("VB", "VBP"):
                continue  # "We urge ...", "makes me reject": the speaker's own words are a quote, not a narrated act
            if root == "14":  # "launched a campaign on X to express condemnation of Y": Y is the target
                targets = _purpose_target(token, resolve, lex) or targets
            if root in ("18", "19") and subject is not None and _is_text(subject, lex):
                root = "11"  # "an article which attacked X": words, not violence
            if _lemma(token) in lex["topic_verbs"] and not targets and not _plural_subject(subject):
                continue  # "discussing his concern": talk about a topic with no counterpart is no consultation
            if _lemma(token) in lex["violence_by_actor"] and root in ("18", "19"):
                root = _violence_root(token, actors + targets, mentions, index)
            mention = _Mention(root, tokens, sent_index, _sentence_text(token), actors, targets)
            mention.location = _location(token, resolve)
            if root in VIOLENT_ROOTS and not mention.targets and _lemma(token) in lex["retaliation"]:
                # "X retaliated": against the doers of the last violence by others
                others = [m for m in mentions if m.root in VIOLENT_ROOTS and m.actors and set(m.actors) - set(actors)]
                mention.targets = [a for a in others[-1].actors if a not in actors] if others else []
            if root in VIOLENT_ROOTS and not mention.targets and mention.location and _country_code(mention.location):
                mention.targets = [mention.location]  # "the 11 September attacks in the United States"
            if root == "07" and not mention.targets:  # "strikes backed by X": X aids whoever struck
                mention.targets = [a for a in _backed_doers(token, mentions, lex) if a not in mention.actors]
            if root not in VIOLENT_ROOTS | {"13", "15"}:  # "called off the event at X": X is where, not whom
                mention.targets = [t for t in mention.targets if not _only_a_place(t, sent, resolve)]
            mention.date_text = _date_text(token, sent)
            if _lemma(token) in lex["state_nouns"] and token.pos_ == "NOUN" and not (
                    mention.actors or mention.targets or mention.date_text or mention.location):
                continue  # "a source of conflict", "battle ready": a state of affairs with no party, time or place
            mention.attributed_to = _attribution(token, resolve)
            mention.anaphoric = token.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this", "that") for c in token.children
            ) and not (actors or targets)
            mentions.append(mention)
        _assign_counts([m for m in mentions if m.sent_index == sent_index], sent)
        if BOTH_SIDES.search(sent.text):
            both_sides.append((sent_index, extract_counts(sent.text)))
    # "No injuries were reported from either side": every side's act of the exchange, told in the
    # sentences around the figure, has those casualties.
    for sent_index, counts in both_sides:
        for m in mentions:
            if m.root in CASUALTY_ROOTS and abs(m.sent_index - sent_index) <= 1 and not has_counts(m.counts):
                for key in ("killed", "injured", "displaced"):
                    m.counts[key] = counts[key]
    return mentions


def _in_heading(token) -> bool:
    """A line with no verb and no final stop is a heading ("Protest and arrests"): topics, not acts."""
    text, sent = _sentence_text(token), sentence(token)
    start = sent.start_char + sent.text.find(text)
    line = [t for t in sent if start <= t.idx < start + len(text)]
    return not text.endswith((".", "!", "?", ":", '"', "”")) and not any(t.pos_ in ("VERB", "AUX") for t in line)


def _sentence_text(token) -> str:
    """The trigger's sentence, cut at paragraph breaks the parser may have run over."""
    sent, text = sentence(token), sentence(token).text
    offset = token.idx - sent.start_char
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)].strip()


def _purpose_target(token, resolve: _Resolver, lex) -> list[str]:
    """The target of a disapproval or protest named in a protest's purpose clause ("to express ...")."""
    verb = token if token.pos_ == "VERB" else token.head
    for clause in (c for c in verb.children if c.dep_ in ("advcl", "xcomp", "acl") and any(a.lower_ == "to" for a in c.children)):
        for node in [clause, *(c for c in clause.children if c.dep_ == "dobj")]:
            found = _match(node, lex)
            if found is not None and found[0] in ("11", "12", "14"):
                roles = _noun_roles(node, found[0], resolve, lex) if node.pos_ == "NOUN" else _verb_roles(node, resolve)
                if roles[1]:
                    return roles[1]
    return []


def _backed_doers(token, mentions: list[_Mention], lex) -> list[str]:
    """The doers of the violence a backing act backs: its own mention, else the last attack with a doer."""
    node = token if token.pos_ == "VERB" else token.head.head if token.dep_ == "pobj" else token.head
    for noun in (c for c in node.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"):
        found = _match(noun, lex)
        if found is not None and found[0] in VIOLENT_ROOTS:
            own = [m for m in mentions if m.head.i == noun.i and m.actors]
            earlier = [m for m in mentions if m.root in VIOLENT_ROOTS and m.actors]
            return list((own or earlier)[-1].actors) if own or earlier else []
    return []


def _only_a_place(name: str, sent, resolve: _Resolver) -> bool:
    """A place named in the sentence only after "at"/"in" ("the event at X"): a location."""
    if not resolve.is_place(name):
        return False
    spots = [t for t in sent if t.dep_ == "pobj" and (e := resolve.entity(t)) is not None and e.name == name]
    return bool(spots) and all(t.head.lower_ in ("at", "in") for t in spots)


def _is_text(subject, lex) -> bool:
    """A written work as a doer: "the magazine", "Freedom Magazine, which ..."."""
    if subject.lower_ in ("which", "that") and subject.head.dep_ == "relcl":
        subject = subject.head.head
    words = [_lemma(subject), *(w.lower() for w in subject.ent_type_ and subject.text.split()[-1:] or [])]
    return any(w in lex["text_nouns"] for w in words)


def _plural_subject(subject) -> bool:
    """ "the two leaders discussed", "X and Y discussed": the subject holds both sides."""
    return subject is not None and (subject.tag_ in ("NNS", "NNPS") or bool(subject.conjuncts) or subject.lower_ in ("we", "they"))


def _backs_force(token, lex) -> bool:
    """Whether what a backing verb backs is violence or an armed force ("backed the offensive")."""
    backed = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if token.dep_ in ("acl", "relcl") and token.tag_ == "VBN":
        backed.append(token.head)  # "forces backed by Iran"
    for noun in backed:
        found = _match(noun, lex) if noun.pos_ == "NOUN" else None
        if found is not None and found[0] in VIOLENT_ROOTS:
            return True
        if _lemma(noun) in ARMED_HEADS or ARMED_NAME.search(noun.text):
            return True
    return False


def _fights_an_abstraction(token, lex) -> bool:
    """ "fighting terrorism", "battle corruption", "battling the infections": a figure of speech."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "against" for p in c.children]
    bare = lambda o: not any(c.dep_ in ("det", "nummod", "poss", "amod", "compound") for c in o.children)
    return any(o.tag_ == "NN" and not o.ent_type_ and bare(o) or _lemma(o) in lex["not_caused_by"] for o in objects)


def _violence_root(token, parties: list[str], earlier: list[_Mention], index: EntityIndex) -> str:
    """19 for a state's or armed force's violence, else 18; "the attacks" repeats the last one."""
    if any(_is_armed(name, index) for name in parties):
        return "19"
    if not parties and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in token.children):
        previous = [m.root for m in earlier if m.root in ("18", "19")]
        if previous:
            return previous[-1]
    return "18"


def _is_armed(name: str, index: EntityIndex) -> bool:
    """A state or an armed force: the doers of CAMEO 19 (military force)."""
    entity = index.find(name)
    if entity is not None and entity.type in ("GPE", "NORP"):
        return True
    return bool(ARMED_NAME.search(name))


BOTH_SIDES = re.compile(r"\b(?:either|both|each)\s+sides?\b|\bon\s+(?:either|both)\s+sides\b", re.IGNORECASE)
COUNT_WORDS = {"kill", "injure", "wound", "displace", "arrest", "detain", "die", "dead", "hurt", "casualty",
               "injury", "death", "toll", "leave"}


def _assign_counts(mentions: list[_Mention], sent) -> None:
    """Casualties go to the sentence's violent event nearest the figure, arrests to its coercion."""
    counts = extract_counts(sent.text)
    if not has_counts(counts):
        return
    anchors = [t.i for t in sent if _lemma(t) in COUNT_WORDS] or [sent.start]
    for keys, roots in ((("killed", "injured", "displaced"), CASUALTY_ROOTS), (("arrested",), {"17"})):
        if all(counts[k] is None for k in keys):
            continue
        eligible = [m for m in mentions if m.root in roots]
        target = min(eligible, key=lambda m: min(abs(m.head.i - a) for a in anchors), default=None)
        if target is not None:
            for key in keys:
                target.counts[key] = counts[key]


def _protest_target(group: list[_Mention], home: str | None) -> None:
    """A protest that names no target is, by the ACLED/GDELT convention, against the state where it
    happens (the article's country); one held in favour of something has none."""
    if group[0].root != "14" or any(m.targets for m in group):
        return
    if any(w.lower_ in ("favor", "favour", "support") and w.head.lower_ == "in" for m in group for w in m.head.subtree):
        return
    place = next((m.location for m in group if m.location and _country_code(m.location)), None) or home
    if place and not any(place in m.actors for m in group):
        group[0].targets = [place]


def extract_events(doc, entities: EntityIndex, published_at: str | None = None) -> list[Event]:
    """One event per real-world action the doc reports, roles resolved to `entities`."""
    groups = _merge(_mentions(doc, entities))
    home = _Resolver(doc, entities).home
    for group in groups:
        _protest_target(group, home)
    return [_to_event(group, published_at) for group in groups]
