"""Step 3b, arguments: a coded word is an event only when its clause ties it to an occurrence.

A verb needs a political actor as its subject or object: an entity, a pronoun for a person or a
party, or a role noun of the Phoenix agents dictionary ("police", "rebels", "the minister"); a
verb coded only by its dictionary block's default needs one on each side, as PETRARCH2 codes only
source-target pairs. A noun needs an agent, an owner, a target, a place or a time, or a verb that
reports it happening ("clashes broke out", "staged a protest").
"""

from __future__ import annotations

from ..rules import on, rule
from .dictionary import match_agent
from .lexicon import (
    ACTOR_TYPES,
    AGENT_PREPS,
    GROUP_HEADS,
    LEADER_NOUNS,
    LOCATION_PREPS,
    OCCURRENCE_VERBS,
    PARTICIPATION_VERBS,
    PEOPLE_NOUNS,
    PLACE_TYPES,
    SUPPORT_VERBS,
    UNDERGO_VERBS,
    lemma_of,
)
from .roles import phrase_head, subject_of

VERB_PARTY = rule("events.verb_needs_party", "a verb is an event only with a political actor as subject or object: 'the team arrived' is none, 'rebels arrived' may be")
COUNTERPART = rule("events.consultation_needs_counterpart", "a consultation (04) is between two parties: a verb naming no counterpart and one party at most is none ('discussing his concern')")
NOUN_OCCURRENCE = rule("events.noun_needs_occurrence", "an event noun needs a party, place or time, or a verb reporting it happen: 'the threat of rain' is none")

OBJECT_DEPS = ("dobj", "dative", "attr", "oprd", "nsubjpass")
RELATIVE_PRONOUNS = ("who", "whom", "which", "that")
DESTINATION_PREPS = ("to", "from", "into", "for")
CLAUSE_DEPS = ("relcl", "acl", "advcl", "ccomp", "xcomp", "punct", "cc")


def is_party(token, resolve) -> bool:
    """A noun phrase that names a political actor: an entity (or a pronoun the reference resolver
    gives one for), or a role noun of the agents dictionary, anywhere in the phrase ("Lt. Gen. Ana
    Ruiz", "thousands of students", "Ruritanian army bulldozers"), its nested clauses left out."""
    if resolve.names(token):
        return True
    stack = [token]
    while stack:
        t = stack.pop()
        if t.pos_ == "PRON":
            if t.i != token.i and resolve.names(t):  # a pronoun counts for the party it stands for
                return True
        elif t.ent_type_ in ACTOR_TYPES and t.ent_type_ not in PLACE_TYPES or t.pos_ in ("NOUN", "PROPN") and (
                lemma_of(t) in ROLE_NOUNS or match_agent(t) is not None):
            return True
        stack += [c for c in t.children if c.dep_ not in CLAUSE_DEPS]
    return False


ROLE_NOUNS = GROUP_HEADS | PEOPLE_NOUNS | LEADER_NOUNS


def sides(trigger) -> tuple[list, list]:
    """(doer-side tokens, done-to-side tokens) of a trigger. A verb: its subject or by-agent; its
    object, passive subject and prepositional objects (of the verb and of the trigger's other
    words). A noun: its owner, modifiers and by/from phrase; its other prepositional objects."""
    token = trigger.head
    doers, done_to = [], []
    if token.pos_ in ("NOUN", "PROPN"):
        for child in token.children:
            if child.dep_ in ("poss", "compound", "amod", "nmod"):
                doers.append(child)
            elif child.dep_ == "prep":
                pobjs = [p for p in child.children if p.dep_ == "pobj"]
                if child.lower_ in LOCATION_PREPS:  # "the strikes in Tripoli": where, not whom
                    pobjs = [p for p in pobjs if p.ent_type_ not in PLACE_TYPES]
                (doers if child.lower_ in AGENT_PREPS else done_to).extend(pobjs)
        return doers, done_to
    subject, passive = subject_of(token)
    if trigger.announcer is not None and trigger.announcer.i != token.i:
        doers += [c for c in trigger.announcer.children if c.dep_ == "nsubj"]  # "X said it would strike"
    if subject is not None and subject.lower_ in RELATIVE_PRONOUNS and token.dep_ == "relcl":
        subject = token.head  # "protesters who stormed the chamber"
    if subject is not None:
        (done_to if passive else doers).append(subject)
    # a second subject the parser split off ("Lt. | Ana Ruiz resigned")
    doers += [c for c in token.children if c.dep_ == "nsubj" and c.i != getattr(subject, "i", -1)]
    for node in [token, *trigger.tokens[1:]]:
        for child in node.children:
            if child.dep_ == "agent":
                doers += [p for p in child.children if p.dep_ == "pobj"]
            elif child.dep_ in OBJECT_DEPS and child.i != getattr(subject, "i", -1):
                done_to.append(child)
            elif child.dep_ == "ccomp" and node.i == token.i:  # "demanded that X leave": X is asked
                done_to += [c for c in child.children if c.dep_ == "nsubj"]
            elif child.dep_ == "prep":
                # a place reached or stayed in ("flew to Beijing", "met in Oslo") is where, not whom
                place = child.lower_ in LOCATION_PREPS or child.lower_ in DESTINATION_PREPS
                done_to += [p for p in child.children if p.dep_ == "pobj" and not (place and p.ent_type_ in PLACE_TYPES)]
    return doers, done_to


def verb_supported(trigger, resolve) -> bool:
    """A verb trigger with a party on one side (on both when only its block's default coded it)."""
    if not on(VERB_PARTY):
        return True
    doers, done_to = sides(trigger)
    return any(is_party(t, resolve) for t in doers) or any(is_party(t, resolve) for t in done_to)


def noun_supported(token, placed: bool, resolve) -> bool:
    """A noun trigger placed by its parties, place or time, or reported as happening: the subject
    or object of a verb of occurrence, of a light verb or of one its subject undergoes ("clashes
    erupted", "staged a sit-in", "faces criticism"), what someone takes part in ("joined the
    strike"), or what "there were" ("there were protests")."""
    if not on(NOUN_OCCURRENCE) or placed:
        return True
    head = phrase_head(token)
    while head.dep_ == "conj" and head.head.i != head.i:  # "drew praise and criticism"
        head = head.head
    governor = head.head
    lemma = lemma_of(governor)
    if head.dep_ in ("nsubj", "nsubjpass", "dobj", "attr"):
        if lemma in OCCURRENCE_VERBS | SUPPORT_VERBS | UNDERGO_VERBS | PARTICIPATION_VERBS:
            return True  # "clashes erupted", "staged a sit-in", "faces criticism"
        if lemma == "be" and any(c.dep_ == "expl" for c in governor.children):
            return True  # "there were protests"
    if head.dep_ == "pobj" and governor.head.pos_ == "VERB" and lemma_of(governor.head) in PARTICIPATION_VERBS:
        return True  # "took part in a sit-in"
    # A role noun that does it or undergoes it: "police raids", "attacks on soldiers"
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and is_party(child, resolve):
            return True
        if child.dep_ == "prep" and any(is_party(p, resolve) for p in child.children if p.dep_ == "pobj"):
            return True
    return False


def lacks_counterpart(root: str, token, actors: list[str], targets: list[str]) -> bool:
    """A consultation verb (CAMEO 04: meet, visit, discuss, negotiate) that names no counterpart and
    at most one party: "discussing his concern", "attending the meeting". Two parties ("X and Y
    met") or a counterpart ("X met Y", "talks with Y") make it one."""
    return on(COUNTERPART) and root == "04" and token.pos_ == "VERB" and not targets and len(actors) < 2
