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
from .records import COUNT_KEYS, EntityIndex, Event

MODALS = {"will", "would", "could", "may", "might", "should", "must", "can", "shall", "'d", "'ll", "wo", "ca"}
NEGATIONS = {"not", "n't", "never", "no"}
# Reporting verbs: their own mention is a quote, but they credit the events they report.
REPORT_VERBS = {"say", "report", "claim", "write", "tell", "announce", "confirm", "reveal", "state",
                "allege", "add", "note", "tweet", "declare", "insist", "warn", "threaten", "vow"}
# Nouns whose "of"-phrase is a possibility, not an event ("the risk of conflict").
IRREALIS_NOUNS = {"chance", "risk", "threat", "fear", "possibility", "prospect", "danger", "likelihood",
                  "hope", "prevention", "spectre", "specter", "brink", "avoidance", "idea"}
IRREALIS_MODIFIERS = {"possible", "potential", "future", "proposed", "planned", "new", "further", "any",
                      "hypothetical", "alleged"}
# Heads that name a state's or group's arm: "Haftar's forces" act for Haftar.
GROUP_HEADS = {"force", "troop", "army", "military", "soldier", "government", "police", "navy", "authority",
               "official", "regime", "administration", "ministry", "spokesman", "spokeswoman", "spokesperson",
               "officer", "diplomat", "embassy", "delegation", "warplane", "jet", "militia", "fighter",
               "coast", "guard", "agent", "representative", "envoy", "leadership", "cabinet", "court"}
ACTOR_TYPES = {"PERSON", "ORG", "GPE", "NORP", "LOC", "FAC"}
PLACE_TYPES = {"GPE", "LOC", "FAC"}
TARGET_PREPS = {"on", "against", "with", "to", "at", "upon", "toward", "towards", "into", "over"}
# Roots whose noun takes its target in an "of" phrase ("the arrest of X", "criticism of X").
OF_TARGET_ROOTS = {"07", "08", "09", "11", "12", "16", "17", "18"}
VIOLENT_ROOTS = {"17", "18", "19", "20"}
CASUALTY_ROOTS = {"18", "19", "20"}
PERSONAL_PRONOUNS = {"he", "him", "his", "she", "her", "himself", "herself"}
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
    candidates.sort(key=lambda kt: -len(kt[0].split()))
    for key, extra in candidates:
        if key in table:
            return table[key], [token, *extra]
    if lemma in table:
        if kind == "verb" and lemma in lex["transitive_only"] and not _has_object(token):
            return None
        return table[lemma], [token]
    return None


def _has_object(token) -> bool:
    return any(c.dep_ in ("dobj", "nsubjpass", "auxpass", "dative", "prep", "prt") for c in token.children) or (
        token.dep_ in ("acl", "relcl") and token.tag_ == "VBN"
    )


def _is_irrealis(token, lex) -> bool:
    """Not a reported real act: negated, modal, conditional, wanted or planned, or a question."""
    children = list(token.children)
    if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in children):
        return True
    if any(c.dep_ == "aux" and c.lower_ in MODALS for c in children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in children):
        return True
    if token.sent.text.rstrip().endswith("?"):
        return True
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
        if token.dep_ in ("dobj", "pobj") and governor.pos_ == "VERB":
            if _lemma(governor) in lex["irrealis_heads"] - {"order"}:
                return True
            if any(c.dep_ in ("neg", "aux") and c.lower_ in MODALS | NEGATIONS for c in governor.children):
                return True
    return False


def _threat_speaker(token):
    """The reporting verb when a violent act is announced as intent ("said it would attack")."""
    if not any(c.dep_ == "aux" and c.lower_ in ("will", "would", "'ll", "wo") for c in token.children):
        return None
    if any(c.dep_ == "neg" for c in token.children):
        return None
    if token.dep_ == "ccomp" and _lemma(token.head) in REPORT_VERBS:
        return token.head
    return None


# ----------------------------------------------------------------------------- roles


class _Resolver:
    """Canonical entity names for the tokens heading noun phrases."""

    def __init__(self, doc, index: EntityIndex):
        self.doc, self.index = doc, index
        self.persons = sorted(
            (m.start, e.name) for e in index.entities if e.type == "PERSON" for m in e.mentions
        )

    def entity(self, token):
        entity = self.index.at(token.idx, token.idx + len(token.text))
        return entity if entity is not None and entity.type in ACTOR_TYPES else None

    def names(self, token, depth: int = 0) -> list[str]:
        """Names for `token` and its conjuncts ("Sudan and South Sudan")."""
        result = []
        for head in [token, *token.conjuncts]:
            for name in self._one(head, depth):
                if name not in result:
                    result.append(name)
        return result

    def _one(self, token, depth: int) -> list[str]:
        if token.pos_ == "PRON":
            if token.lower_ in ("who", "which", "that") and token.head.dep_ == "relcl":
                return self._one(token.head.head, depth)
            if token.lower_ in PERSONAL_PRONOUNS:
                before = [name for start, name in self.persons if start < token.idx]
                return before[-1:] if before else []
            return []
        entity = self.entity(token)
        if entity is not None:
            return [entity.name]
        for child in token.children:  # "Yemen's president, Abdu Rabbu Mansour Hadi"
            if child.dep_ == "appos" and self.entity(child):
                return [self.entity(child).name]
        if depth == 0 and _lemma(token) in GROUP_HEADS:
            for child in token.children:
                if child.dep_ in ("poss", "compound", "amod", "nmod"):
                    found = self._one(child, depth + 1)
                    if found:
                        return found
                if child.dep_ == "prep" and child.lower_ == "of":
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self._one(pobj, depth + 1)
                            if found:
                                return found
        return []


def _subject(verb):
    """(subject token or None, passive?) of a verb, inherited through conjunction and xcomp."""
    for _ in range(4):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return child, passive
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
            verb = verb.head
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


def _verb_roles(token, resolve: _Resolver) -> tuple[list[str], list[str]]:
    subject, passive = _subject(token)
    actors, targets = [], []
    if passive:
        if subject is not None:
            targets = resolve.names(subject)
        for agent in (c for c in token.children if c.dep_ == "agent"):
            for pobj in (p for p in agent.children if p.dep_ == "pobj"):
                actors = resolve.names(pobj)
    else:
        if subject is not None:
            actors = resolve.names(subject)
        for child in token.children:
            if child.dep_ in ("dobj", "dative") and not targets:
                targets = resolve.names(child)
        if not targets:
            for pobj in _prep_objects(token, TARGET_PREPS):
                targets = resolve.names(pobj)
                if targets:
                    break
    return actors, [t for t in targets if t not in actors]


def _noun_roles(token, root: str, resolve: _Resolver) -> tuple[list[str], list[str]]:
    actors, targets = [], []
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and not actors:
            actors = resolve.names(child, depth=1)
    for pobj in _prep_objects(token, {"by", "from"}):
        actors = actors or resolve.names(pobj)
    preps = TARGET_PREPS | ({"of"} if root in OF_TARGET_ROOTS else set())
    for pobj in _prep_objects(token, preps):
        targets = resolve.names(pobj)
        if targets:
            break
    head = token.head
    if not actors and token.dep_ in ("dobj", "attr") and head.pos_ == "VERB":
        actors = _verb_roles(head, resolve)[0]  # "Haftar launched an offensive"
    if not targets and token.dep_ == "nsubj" and head.pos_ == "VERB":
        targets = [t for c in head.children if c.dep_ == "dobj" for t in resolve.names(c)]  # "strikes hit Tripoli"
    return actors, [t for t in targets if t not in actors]


def _location(token, resolve: _Resolver) -> str | None:
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
                return re.split(r"['\u2019]s\b", text)[0].strip() or None
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
    for tok in token.sent:
        if tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(tok.doc) else False:
            for pobj in (c for c in tok.nbor(1).children if c.dep_ == "pobj"):
                names = resolve.names(pobj)
                if names:
                    return names[0]
    return None


# ----------------------------------------------------------------------------- merging


def _compatible(a: list[str], b: list[str]) -> bool:
    return not a or not b or set(a) <= set(b) or set(b) <= set(a)


def _same_event(first: _Mention, other: _Mention) -> bool:
    """Same CAMEO root, same parties (or unstated), same occasion (no conflicting date)."""
    if first.root != other.root:
        return False
    if first.sent_index == other.sent_index:
        return True
    if first.date_text and other.date_text and first.date_text.casefold() != other.date_text.casefold():
        return False
    if not (_compatible(first.actors, other.actors) and _compatible(first.targets, other.targets)):
        return False
    named = bool(first.actors or first.targets) and bool(other.actors or other.targets)
    return first.lemma == other.lemma or other.anaphoric or (named and (first.actors, first.targets) == (
        other.actors, other.targets))


def _merge(mentions: list[_Mention]) -> list[list[_Mention]]:
    groups: list[list[_Mention]] = []
    for mention in mentions:
        for group in reversed(groups):
            if any(_same_event(m, mention) for m in group):
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
        trigger=primary.head.doc.text[start:end],
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
    in_name = {t.i for ent in doc.ents if ent.label_ not in ("EVENT", "DATE", "TIME", "CARDINAL") for t in ent}
    mentions: list[_Mention] = []
    for sent_index, sent in enumerate(doc.sents):
        sentence = sent.text.strip()
        used: set[int] = set()
        for token in sent:
            if token.i in used or token.i in in_name or token.dep_ == "compound":
                continue
            found = _match(token, lex)
            if found is None:
                continue
            root, tokens = found
            threat_by = _threat_speaker(token) if root in VIOLENT_ROOTS else None
            if threat_by is not None:
                root, tokens = "13", [token, *(c for c in token.children if c.dep_ == "aux"), *tokens[1:]]
            elif _is_irrealis(token, lex):
                continue
            used.update(t.i for t in tokens)
            if token.pos_ in ("NOUN", "PROPN"):
                actors, targets = _noun_roles(token, root, resolve)
            else:
                actors, targets = _verb_roles(token, resolve)
                if threat_by is not None:
                    speaker = _subject(threat_by)[0]
                    actors = resolve.names(speaker) if speaker is not None else actors
            mention = _Mention(root, tokens, sent_index, sentence, actors, targets)
            mention.location = _location(token, resolve)
            mention.date_text = _date_text(token, sent)
            mention.attributed_to = _attribution(token, resolve)
            mention.anaphoric = token.pos_ == "NOUN" and any(
                c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this", "that") for c in token.children
            ) and not (actors or targets)
            mentions.append(mention)
        _assign_counts([m for m in mentions if m.sent_index == sent_index], sentence)
    return mentions


def _assign_counts(mentions: list[_Mention], sentence: str) -> None:
    """Casualties go to the sentence's first violent event, arrests to its first coercion."""
    counts = extract_counts(sentence)
    if not has_counts(counts):
        return
    for keys, roots in ((("killed", "injured", "displaced"), CASUALTY_ROOTS), (("arrested",), {"17"})):
        if all(counts[k] is None for k in keys):
            continue
        target = next((m for m in mentions if m.root in roots), None)
        if target is not None:
            for key in keys:
                target.counts[key] = counts[key]


def extract_events(doc, entities: EntityIndex, published_at: str | None = None) -> list[Event]:
    """One event per real-world action the doc reports, roles resolved to `entities`."""
    return [_to_event(group, published_at) for group in _merge(_mentions(doc, entities))]
