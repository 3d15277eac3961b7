"""Step 4, roles: a trigger's actors and targets from the dependency parse (subjects through
clauses and gerunds, objects, prepositional and nested targets), then the targets that depend on
the act's code (whom a demand, a threat, a rejection or a protest is aimed at)."""

from __future__ import annotations

from ..rules import on, rule
from .lexicon import (
    AGENT_PREPS,
    APPEAL_ROOTS,
    FOR_TARGET_ROOTS,
    FORCE_POSTURE_PASSIVE,
    GRIEVANCE_PREPS,
    IRREALIS_MARKERS,
    NESTED_PREPS,
    OF_TARGET_ROOTS,
    PLACE_MEASURES,
    PROPOSAL_ROOTS,
    QUANTITY_NOUNS,
    SOURCE_PREPS,
    TARGET_PREPS,
    TOPIC_VERBS,
    UNDERGO_VERBS,
    lemma_of,
    window,
)
from .resolver import Resolver, prep_objects
from .triggers import code_of

FORCE_POSTURE_OWNER = rule("events.force_posture_owner", "forces deployed in the passive are their owner's act: 'X troops were deployed'")
PLACE_NOT_TARGET = rule("events.reached_place_is_no_target", "a place a march goes to or a peaceful act happens at is its location, not its target: 'marched to X'")
NESTED_TARGET = rule("events.nested_target", "a named party up to three phrases below the object: 'a deal for the port with X'")
THREATENED_TARGET = rule("events.threatened_act_target", "a threat's target is the threatened act's: 'X threatened to invade Y'")
TOPIC_OBJECT = rule("events.topic_object_is_no_target", "the object of discuss/debate is a topic, not a counterpart: 'discussed the budget'")
UNDERGO = rule("events.undergo_target", "the subject of draw/face/receive undergoes the act: 'X faces trial'")
MANDATE_TARGET = rule("events.mandate_target", "a demand's target is the subject of its that-clause: 'X demanded that Y leave'")
GRIEVANCE_TARGET = rule("events.grievance_target", "a complaint is against what it is about: 'X complained to the UN about Y'")
CONDITION_TARGET = rule("events.condition_target", "a threat targets who must act to avert it: 'X threatened to strike unless Y paid'")
REJECTED_AUTHOR = rule("events.rejected_author_target", "a rejection targets the author of what is rejected: 'X rejected Y's offer'")
SOURCE_TARGET = rule("events.source_target", "for a verb with no other target, whom a thing is taken or withdrawn from: 'seized arms from X'")
MEASURE_PLACE = rule("events.measure_place_target", "a curfew or blockade targets its place: 'imposed a curfew in X'")


def subject_of(verb):
    """(subject token or None, passive?) of a verb, inherited through conjunction, xcomp, adverbial
    clauses and gerunds ("after being questioned", "a policy of sending back boats"). The voice is
    the verb's own, except that a bare conjoined participle shares its head's ("was held and charged")."""
    own = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
    if verb.dep_ == "conj" and verb.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in verb.children):
        own = own or any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.head.children)
    for step in range(window("subject_steps")):
        passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        for child in verb.children:
            if child.dep_ in ("nsubj", "nsubjpass", "csubj"):
                # An inherited subject keeps the trigger's own voice, a direct one the verb's.
                return child, passive if step == 0 else own
        if verb.dep_ in ("conj", "xcomp", "advcl", "acomp") and verb.head.i != verb.i:
            verb = verb.head
            continue
        if verb.dep_ == "pcomp" and verb.head.dep_ == "prep":
            governor = verb.head.head  # "after being questioned" -> the main verb
            if governor.pos_ in ("NOUN", "PROPN") and governor.dep_ in ("dobj", "attr"):
                governor = governor.head  # "kept up a practice of sending back" -> "kept"
            if governor.pos_ in ("VERB", "AUX"):
                verb = governor
                continue
            return None, own
        if verb.dep_ in ("acl", "relcl"):  # "a motion calling for", "rebels armed by"
            return verb.head, verb.tag_ == "VBN"
        return None, passive
    return None, False


def verb_roles(token, resolve: Resolver, extra=(), root: str | None = None) -> tuple[list[str], list[str]]:
    """Doers and those acted on for a verb trigger; `extra` are the trigger's other words, whose
    prepositions also name targets ("held talks with X", "launched raids against X"). A place a
    march goes to or a meeting is held at is where the act happens, not its target."""
    subject, passive = subject_of(token)
    actors, targets = [], []
    if passive:
        if subject is not None:
            targets = resolve.names(subject)
        for pobj in (p for a in token.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"):
            actors = resolve.names(pobj) or actors
        if on(FORCE_POSTURE_OWNER) and lemma_of(token) in FORCE_POSTURE_PASSIVE and not actors:
            actors, targets = targets, []  # "Ruritanian troops were deployed", "the army was put on alert"
        return actors, [t for t in targets if t not in actors]
    if subject is not None:
        actors = resolve.names(subject)
    for child in token.children:
        if on(TOPIC_OBJECT) and child.dep_ == "dobj" and lemma_of(token) in TOPIC_VERBS:
            # "discussed the budget": the topic, not a counterpart; "the budget with X": X is
            targets = targets or [n for p in prep_objects(child, {"with"}) for n in resolve.names(p) if n not in actors]
            continue
        if child.dep_ in ("dobj", "dative") and not targets and not child.lower_.endswith(("self", "selves")):
            if child.pos_ == "ADP":  # "gave support to the mayor"
                targets = [n for p in child.children if p.dep_ == "pobj" for n in resolve.names(p)]
            else:
                # the doer's own thing is no target: "offered its troops to X" (X is)
                targets = [t for t in resolve.names(child) if t not in actors]
                if not targets and child.dep_ == "dobj" and child.i not in {t.i for t in extra}:
                    targets = nested_target(child, resolve, root=root)  # "signed a deal for the port with X"
    for node in [token, *(t for t in extra if t.pos_ in ("NOUN", "PROPN"))]:
        if targets:
            break
        for pobj in prep_objects(node, TARGET_PREPS | ({"for"} if node is not token else set())):
            if on(PLACE_NOT_TARGET) and _reached_place(pobj, root, resolve):
                continue
            targets = [t for t in resolve.names(pobj) or nested_target(pobj, resolve, root=root) if t not in actors]
            if targets:
                break
    for noun in (t for t in extra if t.pos_ in ("NOUN", "PROPN") and not targets):
        targets = nested_target(noun, resolve, root=root)  # "fired shells at a post of X"
    if on(SOURCE_TARGET) and not targets:  # "withdrew its troops from X", "seized arms from X's militia"
        objects = [c for c in token.children if c.dep_ == "dobj"]
        for pobj in (p for node in [token, *objects] for p in prep_objects(node, SOURCE_PREPS)):
            if on(PLACE_NOT_TARGET) and _reached_place(pobj, root, resolve):
                continue
            targets = [t for t in resolve.names(pobj) if t not in actors]
            if targets:
                break
    if on(THREATENED_TARGET) and not targets:  # "threatened to invade X": the threatened act's target
        for clause in (c for c in token.children if c.dep_ == "xcomp"):
            targets = targets or verb_roles(clause, resolve)[1]
    return actors, [t for t in targets if t not in actors]


def _reached_place(pobj, root: str | None, resolve: Resolver) -> bool:
    """A named place a protest goes to or through, or a non-violent act happens at: "marched to
    X", "called off the rally at X" (a place struck, "fired at X", stays a target)."""
    names = resolve.names(pobj)
    if not names or not all(resolve.is_place(n) for n in names):
        return False
    prep = pobj.head.lower_
    return root == "14" and prep in ("to", "into", "at", "through", "toward", "towards") or (
        prep == "at" and root not in ("17", "18", "19", "20"))


def nested_target(token, resolve: Resolver, depth: int | None = None, root: str | None = None) -> list[str]:
    """A named party a few phrases below an unnamed object: "a deal for the port with X"."""
    if not on(NESTED_TARGET):
        return []
    depth = window("nested_target_depth") if depth is None else depth
    for pobj in prep_objects(token, TARGET_PREPS | NESTED_PREPS):
        if on(PLACE_NOT_TARGET) and _reached_place(pobj, root, resolve):
            continue
        names = resolve.names(pobj) or (nested_target(pobj, resolve, depth - 1, root) if depth > 1 else [])
        if names:
            return names
    return []


def phrase_head(token):
    """The noun a trigger stands in for in its clause: "a wave of arrests followed" -> "wave"."""
    if token.dep_ == "pobj" and token.head.lower_ == "of" and lemma_of(token.head.head) in QUANTITY_NOUNS:
        return token.head.head
    return token


def noun_authors(token, resolve: Resolver, root: str | None = None) -> list[str]:
    """The doers a noun names itself: owners and modifiers ("X's offer", "a Ruritanian proposal"), by/from phrases."""
    actors = []
    for child in token.children:
        if child.dep_ in ("poss", "compound", "amod", "nmod") and not actors:
            actors = resolve.names(child, depth=1)
    for pobj in prep_objects(token, AGENT_PREPS):
        names = resolve.names(pobj)
        if not (on(PLACE_NOT_TARGET) and root == "14" and names and all(resolve.is_place(n) for n in names)):
            actors = actors or names  # "a march from X" starts there; "an offer from X" is X's
    return actors


def noun_roles(token, root: str, resolve: Resolver) -> tuple[list[str], list[str]]:
    """Doers and those acted on for a noun trigger: owners, by/of/for phrases, the governing verb."""
    actors, targets = noun_authors(token, resolve, root), []
    preps = TARGET_PREPS | ({"of"} if root in OF_TARGET_ROOTS else set()) | ({"for"} if root in FOR_TARGET_ROOTS else set())
    for pobj in prep_objects(token, preps):
        if on(PLACE_NOT_TARGET) and _reached_place(pobj, root, resolve):
            continue
        targets = resolve.names(pobj) or nested_target(pobj, resolve, root=root)
        if targets:
            break
    token = phrase_head(token)
    first = token
    while first.dep_ == "conj" and first.head.i != first.i:  # "drew praise ... and criticism"
        first = first.head
    if on(UNDERGO) and not targets and first.dep_ == "dobj" and lemma_of(first.head) in UNDERGO_VERBS:
        targets = verb_roles(first.head, resolve)[0]  # "the mayor has drawn criticism", "faces trial"
    return actors, [t for t in targets if t not in actors]


def coded_targets(token, root: str, actors: list[str], targets: list[str], resolve: Resolver) -> list[str]:
    """Targets that depend on the act's code: whom a demand, complaint, threat, rejection or protest is aimed at."""
    verb = token.pos_ == "VERB"
    if on(MANDATE_TARGET) and root in APPEAL_ROOTS and not targets and verb:
        targets = _mandated(token, resolve)  # "demanded that X ..."
    if on(GRIEVANCE_TARGET) and root == "11" and verb:
        targets = _grievance(token, resolve) or targets  # "complained to the UN about X"
    if on(CONDITION_TARGET) and root == "13" and not targets and verb:
        targets = _condition(token, resolve)  # "... unless X pays"
    if on(REJECTED_AUTHOR) and root == "12" and not targets and verb:
        targets = _rejected_authors(token, resolve)  # "rejected X's offer"
    return [t for t in targets if t not in actors]


def _mandated(token, resolve: Resolver) -> list[str]:
    """The active subject of a demand's that-clause ("demanded that X cancel the sale"); a passive
    one ("that X be freed") is acted on, not asked. Or the doer of the act demanded: "demanded an
    apology from X", "demanded X's resignation"."""
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        for subject in (c for c in clause.children if c.dep_ == "nsubj"):
            return resolve.names(subject)
    for obj in (c for c in token.children if c.dep_ == "dobj" and c.pos_ == "NOUN"):
        found = noun_authors(obj, resolve)
        if found:
            return found
    return []


def _condition(token, resolve: Resolver) -> list[str]:
    """The party that must act to avert a threat: the subject of its if/unless clause."""
    clauses = [token, *(c for c in token.children if c.dep_ == "xcomp")]
    for clause in (c for node in clauses for c in node.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ in IRREALIS_MARKERS for m in clause.children):
            for subject in (c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")):
                return resolve.names(subject)
    return []


def _grievance(token, resolve: Resolver) -> list[str]:
    """Whom a complaint or protest is about, over the one it is addressed to ("complained to the UN
    about raids by X" -> X): the party or author named after over/about/against."""
    for pobj in prep_objects(token, GRIEVANCE_PREPS):
        names = resolve.names(pobj) or noun_authors(pobj, resolve)
        if names:
            return names
    return []


def _rejected_authors(token, resolve: Resolver) -> list[str]:
    """The author of what a rejection rebuffs: a proposal, offer, call, demand or claim."""
    for obj in (c for c in token.children if c.dep_ == "dobj" and c.pos_ == "NOUN"):
        root = code_of(obj)
        if root is None or root in PROPOSAL_ROOTS:  # an act of its own ("X's attack") is no one's offer
            return noun_authors(obj, resolve)
    return []


def measure_target(token, location: str | None) -> list[str]:
    """The place a curfew, blockade or state of emergency is imposed on or lifted from, when the
    clause names no target ("imposed a curfew in X")."""
    if not on(MEASURE_PLACE) or location is None:
        return []
    nouns = [token] if token.pos_ == "NOUN" else [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    for noun in nouns:
        lemma = lemma_of(noun)
        keys = {lemma, *(f"{lemma_of(c)} {lemma}" for c in noun.children if c.dep_ in ("amod", "compound"))}
        keys |= {f"{lemma} of {lemma_of(p)}" for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj"}
        if keys & PLACE_MEASURES:
            return [location]
    return []
