"""Actors and targets of a trigger from the dependency parse: subjects through clauses and gerunds,
objects, prepositional and nested targets, and the targets of protests, backing and places."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..rules import on, rule
from .lexicon import (
    FOR_TARGET_ROOTS,
    MEET_VERBS,
    OF_TARGET_ROOTS,
    PROPOSAL_ROOTS,
    QUANTITY_NOUNS,
    SUPPORT_FOR_VERBS,
    TARGET_PREPS,
    UNDERGO_VERBS,
    VIOLENT_ROOTS,
    lemma_of,
    lexicon,
)
from .resolver import FORMER, Resolver, prep_objects
from .triggers import match_trigger

if TYPE_CHECKING:
    from .merge import Mention

TOPIC_OBJECT = rule("events.topic_object_is_no_target", "the object of discuss/debate is a topic, not a counterpart: 'discussed the budget'")
TEXT_AUTHOR = rule("events.text_author_is_subject", "a text's words are its author's: 'X issued a statement condemning Y'")
AGENT_ON_OBJECT = rule("events.agent_on_object", "a 'by' phrase the parser hangs on the object names the doer: 'was handed to X by Y'")
PASSIVE_TO = rule("events.passive_to_target", "a passive act's 'to' phrase names its target when it has no subject: 'aid was sent to X'")
FORCE_POSTURE_OWNER = rule("events.force_posture_owner", "forces deployed in the passive are their owner's act: 'X troops were deployed'")
OWN_OBJECT = rule("events.own_object_is_no_target", "an object that is the doer's own names no target: 'X offered its troops to Y'")
NESTED_TARGET = rule("events.nested_target", "a named party up to three phrases below the object: 'a deal for the port with X'")
SUPPORT_FOR = rule("events.support_for_target", "verbs of support name the side supported after 'for': 'X pledged support for Y'")
INCLUDING = rule("events.including_targets", "targets listed after 'including': 'arrested activists, including X and Y'")
THREATENED_TARGET = rule("events.threatened_act_target", "a threat's target is the threatened act's: 'X threatened to invade Y'")
MET_OVER_PLACE = rule("events.met_over_place", "a visit's target is who was met, not the place: 'X travelled to Y to meet Z'")
UNNAMED_IN_PLACE = rule("events.unnamed_object_place", "an unnamed object stands for its place: 'shelled a post in X'")
CLAUSE_TARGET = rule("events.clause_nested_target", "a named party inside a clause on the object: 'hit a convoy that carried X'")
PARTICIPLE_AGENT = rule("events.participle_agent_actor", "a noun's participle 'by' phrase names its doers: 'a pact signed by X and Y'")
RELATIVE_ROLES = rule("events.relative_clause_roles", "a noun's relative clause names its doer and counterpart: 'the call X made to Y'")
BETWEEN = rule("events.between_both_sides", "both sides of 'talks/clashes between A and B' act")
SUPPORT_VERB_ACTOR = rule("events.support_verb_actor", "an event noun's light verb names its doer: 'X launched an offensive'")
UNDERGO = rule("events.undergo_target", "the subject of draw/face/receive undergoes the act: 'X faces trial'")
SUBJECT_NOUN_OBJECT = rule("events.subject_noun_object_target", "an event noun subject targets its verb's object: 'strikes hit X'")
SUBJECT_NOUN_PREP = rule("events.subject_noun_prep_target", "an event noun subject targets its verb's prepositional object: 'protests erupted against X'")


def subject_of(verb):
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
        if on(TEXT_AUTHOR) and verb.dep_ == "acl" and verb.tag_ == "VBG" and head.dep_ == "dobj" and lemma_of(head) in lexicon()["text_nouns"]:
            verb = head.head  # "issued a statement condemning X": a text's words are its author's
            continue
        if verb.dep_ in ("acl", "relcl"):  # "a resolution calling for", "forces backed by"
            return verb.head, verb.tag_ == "VBN"
        return None, passive
    return None, False


def verb_roles(token, resolve: Resolver, extra=()) -> tuple[list[str], list[str]]:
    """Doers and those acted on for a verb trigger; `extra` are the trigger's other words, whose
    prepositions also name targets ("invited a debate with X", "launched campaigns against X")."""
    subject, passive = subject_of(token)
    actors, targets = [], []
    if passive:
        if subject is not None:
            targets = resolve.names(subject)
        for agent in (c for c in token.children if c.dep_ == "agent"):
            for pobj in (p for p in agent.children if p.dep_ == "pobj"):
                actors = resolve.names(pobj) or actors
        if on(AGENT_ON_OBJECT) and not actors:  # "was returned to the organization by Montalvo": "by" attached to the object
            for pobj in prep_objects(token, TARGET_PREPS):
                actors = actors or [n for p in prep_objects(pobj, {"by"}) for n in resolve.names(p)]
        if on(PASSIVE_TO) and not targets:  # "the property was returned to the organization"
            targets = [n for pobj in prep_objects(token, {"to"}) for n in resolve.names(pobj)]
        if on(FORCE_POSTURE_OWNER) and lemma_of(token) in lexicon()["force_posture_passive"] and not actors:
            actors, targets = targets, []  # "troops were deployed", "the military was placed on alert"
    else:
        if subject is not None:
            actors = resolve.names(subject)
        for child in token.children:
            if on(TOPIC_OBJECT) and child.dep_ == "dobj" and lemma_of(token) in lexicon()["topic_verbs"]:
                continue  # "discussed Libya": the topic, not a counterpart
            if child.dep_ in ("dobj", "dative") and not targets and not child.lower_.endswith(("self", "selves")):
                if child.pos_ == "ADP":  # "give approval to the leader"
                    targets = [n for p in child.children if p.dep_ == "pobj" for n in resolve.names(p)]
                else:
                    # "offered its troops to X": an object that is the doer's own names no one acted on
                    targets = [n for n in resolve.names(child) if n not in actors or not on(OWN_OBJECT)]
                    if on(NESTED_TARGET) and not targets and child.dep_ == "dobj" and child.i not in {t.i for t in extra}:
                        targets = nested_target(child, resolve)  # "urged an audience that included X"
        preps = TARGET_PREPS | ({"for"} if on(SUPPORT_FOR) and lemma_of(token) in SUPPORT_FOR_VERBS else set())
        for node in [token, *(t for t in extra if t.pos_ in ("NOUN", "PROPN"))]:
            if targets:
                break
            for pobj in prep_objects(node, preps | ({"for"} if node is not token else set())):
                targets = resolve.names(pobj) or (nested_target(pobj, resolve) if on(NESTED_TARGET) else [])
                if targets:
                    break
        for noun in (t for t in extra if on(NESTED_TARGET) and t.pos_ in ("NOUN", "PROPN") and not targets):
            targets = nested_target(noun, resolve)  # "fired rounds aimed at a loudspeaker in X"
        if on(INCLUDING) and not targets:  # "attacked defectors from the organization including A and B"
            targets = [n for c in token.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pobj"
                       for q in prep_objects(p, {"including"}) for n in resolve.names(q)]
        if on(THREATENED_TARGET) and not targets:  # "threatened to attack Ukraine": the threatened act's target
            for clause in (c for c in token.children if c.dep_ == "xcomp"):
                targets = targets or verb_roles(clause, resolve)[1]
        if on(MET_OVER_PLACE) and targets and all(resolve.is_place(t) for t in targets):
            # "visited Saudi Arabia to meet with King Salman": those met, not the place
            for clause in (c for c in token.children if c.dep_ in ("advcl", "xcomp") and lemma_of(c) in MEET_VERBS):
                met = verb_roles(clause, resolve)[1]
                if met and not any(resolve.is_place(t) for t in met):
                    targets = met
    return actors, [t for t in targets if t not in actors]


def nested_target(token, resolve: Resolver, depth: int = 3) -> list[str]:
    """A named party up to three phrases down: "the contract for the road with OAS"."""
    if on(FORMER) and any(c.dep_ == "amod" and c.lower_ == "former" for c in token.children):
        return []  # "former members of X" no longer stand for X
    # Below an unnamed object its place stands for it: "a loudspeaker in South Korea".
    preps = TARGET_PREPS | {"of", "for", "between"} | ({"in"} if on(UNNAMED_IN_PLACE) and token.pos_ == "NOUN" and token.dep_ == "pobj" else set())
    for pobj in prep_objects(token, preps):
        names = resolve.names(pobj) or (nested_target(pobj, resolve, depth - 1) if depth > 1 else [])
        if names:
            return names
    for clause in (c for c in token.children if on(CLAUSE_TARGET) and c.dep_ in ("acl", "relcl")):
        # "rounds aimed at a loudspeaker in South Korea", "an audience that included the premier of X"
        for node in [clause, *(c for c in clause.children if c.dep_ == "dobj")]:
            names = (resolve.names(node) if node is not clause else []) or (
                nested_target(node, resolve, depth - 1) if depth > 1 else [])
            if names:
                return names
    return []


def phrase_head(token):
    """The noun a trigger stands in for in its clause: "a number of airstrikes hit" -> "number"."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and lemma_of(token.head.head) in QUANTITY_NOUNS:
        return token.head.head
    return token


def noun_authors(token, resolve: Resolver) -> list[str]:
    """The doers a noun names itself: owners and modifiers ("Iran's offer", "an Indian proposal"), by/from phrases."""
    actors = []
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and not actors:
            actors = resolve.names(child, depth=1)
    for pobj in prep_objects(token, {"by", "from"}):
        actors = actors or resolve.names(pobj)
    return actors


def noun_roles(token, root: str, resolve: Resolver, lex) -> tuple[list[str], list[str]]:
    """Doers and those acted on for a noun trigger: owners, by/of/for phrases, clauses, the governing verb."""
    actors, targets = noun_authors(token, resolve), []
    preps = TARGET_PREPS | ({"of"} if root in OF_TARGET_ROOTS else set()) | ({"for"} if root in FOR_TARGET_ROOTS else set())
    for pobj in prep_objects(token, preps):
        targets = resolve.names(pobj) or (nested_target(pobj, resolve) if on(NESTED_TARGET) else [])
        if targets:
            break
    for clause in (c for c in token.children if c.dep_ in ("relcl", "acl")):  # "a conversation Trump had with Haftar"
        if clause.dep_ == "acl" and clause.tag_ == "VBN":  # "an agreement signed by the presidents of A and B"
            if on(PARTICIPLE_AGENT) and not actors:
                actors = [n for a in clause.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"
                          for n in resolve.names(p)]
            continue
        if on(RELATIVE_ROLES) and clause.dep_ == "relcl" and not actors:
            actors = verb_roles(clause, resolve)[0]
        if on(RELATIVE_ROLES) and clause.dep_ == "relcl" and not targets:
            targets = [t for p in prep_objects(clause, {"with", "to"}) for t in resolve.names(p)]
    if on(BETWEEN) and not actors:  # "clashes between A and B", "talks were held between A and B": both sides act
        holders = [token] + ([token.head] if token.dep_ in ("nsubjpass", "dobj") and lemma_of(token.head) in lex["support_verbs"] else [])
        actors = [n for node in holders for p in prep_objects(node, {"between"}) for n in resolve.names(p)]
    token = phrase_head(token)
    head = token.head
    if on(SUPPORT_VERB_ACTOR) and not actors and token.dep_ in ("dobj", "attr") and lemma_of(head) in lex["support_verbs"]:
        actors = verb_roles(head, resolve)[0]  # "Haftar launched an offensive"
    first = token
    while first.dep_ == "conj" and first.head is not first:  # "drew praise ... and criticism"
        first = first.head
    if on(UNDERGO) and not targets and first.dep_ == "dobj" and lemma_of(first.head) in UNDERGO_VERBS:
        targets = verb_roles(first.head, resolve)[0]  # "the President has drawn criticism", "faces trial"
    if on(SUBJECT_NOUN_OBJECT) and not targets and token.dep_ == "nsubj" and head.pos_ == "VERB":
        targets = [t for c in head.children if c.dep_ == "dobj" for t in resolve.names(c)]  # "strikes hit Tripoli"
    if on(SUBJECT_NOUN_PREP) and not targets and token.dep_ in ("nsubj", "nsubjpass") and head.pos_ == "VERB":
        for pobj in prep_objects(head, TARGET_PREPS - {"with"}):  # "criticisms are leveled at X"
            targets = resolve.names(pobj) or (nested_target(pobj, resolve) if on(NESTED_TARGET) else [])
            if targets:
                break
    return actors, [t for t in targets if t not in actors]


def mandated_target(token, resolve: Resolver) -> list[str]:
    """The party a demand or appeal is made of: the active subject of its mandative that-clause
    ("demanded that the US cancel the sale"); a passive one ("that X be freed") is acted on, not asked."""
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        for subject in (c for c in clause.children if c.dep_ == "nsubj"):
            return resolve.names(subject)
    return []


def condition_target(token, resolve: Resolver) -> list[str]:
    """Whom a threat is aimed at when it names none: the party that must act to avert it ("threatened
    to strike unless Israel rescinded", "... if the United States goes ahead")."""
    clauses = [token, *(c for c in token.children if c.dep_ == "xcomp")]
    for clause in (c for node in clauses for c in node.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in ("if", "unless") for m in clause.children):
            for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                return resolve.names(subject)
    return []


def grievance_target(token, resolve: Resolver) -> list[str]:
    """Whom a complaint or protest is about, over the one it is addressed to ("complained to the UN
    over Israeli air raids" -> the raids' doers): the party or author named after over/about/against."""
    for pobj in prep_objects(token, {"over", "about", "against"}):
        names = resolve.names(pobj) or noun_authors(pobj, resolve)
        if names:
            return names
    return []


def protested_party(token, resolve: Resolver, lex) -> list[str]:
    """Whom a protest is against: the party named after against/over the protest noun, the verb that
    stages it, or its "in protest" phrase ("staged rallies against X", "a hunger strike in protest
    against violations by X" -> X)."""
    nodes = [token]
    if token.dep_ in ("dobj", "attr") and lemma_of(token.head) in lex["support_verbs"]:
        nodes.append(token.head)  # "staged rallies ... against X"
    for verb in [n for n in nodes if n.pos_ == "VERB"]:
        nodes += [p for p in prep_objects(verb, {"in"}) if lemma_of(p) == "protest"]
    for node in nodes:
        found = grievance_target(node, resolve)
        if found:
            return found
    return []


def rejected_authors(token, resolve: Resolver, lex) -> list[str]:
    """Whom a rejection rebuffs: the author of what is rejected, a proposal, offer, call, demand or
    claim ("rejected an Indian proposal", "dismissed an appeal from X", "rejected Kim's assertion")."""
    for obj in (c for c in token.children if c.dep_ == "dobj" and c.pos_ == "NOUN"):
        found = match_trigger(obj, lex)
        if found is None or found[0] in PROPOSAL_ROOTS:  # an act of its own ("X's attack") is no one's offer
            return noun_authors(obj, resolve)
    return []


def purpose_target(token, resolve: Resolver, lex) -> list[str]:
    """The target of a disapproval or protest named in a protest's purpose clause ("to express ...")."""
    verb = token if token.pos_ == "VERB" else token.head
    for clause in (c for c in verb.children if c.dep_ in ("advcl", "xcomp", "acl") and any(a.lower_ == "to" for a in c.children)):
        for node in [clause, *(c for c in clause.children if c.dep_ == "dobj")]:
            found = match_trigger(node, lex)
            if found is not None and found[0] in ("11", "12", "14"):
                roles = noun_roles(node, found[0], resolve, lex) if node.pos_ == "NOUN" else verb_roles(node, resolve)
                if roles[1]:
                    return roles[1]
    return []


def backed_doers(token, mentions: list[Mention], lex) -> list[str]:
    """The doers of the violence a backing act backs: its own mention, else the last attack with a doer."""
    node = token if token.pos_ == "VERB" else token.head.head if token.dep_ == "pobj" else token.head
    for noun in (c for c in node.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"):
        found = match_trigger(noun, lex)
        if found is not None and found[0] in VIOLENT_ROOTS:
            own = [m for m in mentions if m.head.i == noun.i and m.actors]
            earlier = [m for m in mentions if m.root in VIOLENT_ROOTS and m.actors]
            return list((own or earlier)[-1].actors) if own or earlier else []
    return []


def only_a_place(name: str, sent, resolve: Resolver) -> bool:
    """A place named in the sentence only after "at"/"in" ("the event at X"): a location."""
    if not resolve.is_place(name):
        return False
    spots = [t for t in sent if t.dep_ == "pobj" and (e := resolve.entity(t)) is not None and e.name == name]
    return bool(spots) and all(t.head.lower_ in ("at", "in") for t in spots)
