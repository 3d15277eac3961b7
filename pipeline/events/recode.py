"""Step 2, recoding: a coded trigger's root changed by its parse and its parties, as the CAMEO
codebook distinguishes acts that share words (an announced attack is a threat; expelling envoys
cuts relations; the same violence is 19 from a state's forces and 18 from anyone else)."""

from __future__ import annotations

from itertools import pairwise

from ..document.records import EntityIndex
from ..rules import on, rule
from .lexicon import (
    ACTOR_TYPES,
    ARMED_WORDS,
    DEFINITE,
    ENVOY_NOUNS,
    INTENT_AUX,
    INTENT_ROOTS,
    IRREALIS_MARKERS,
    REPORT_VERBS,
    VIOLENCE_BY_DOER,
    lemma_of,
)
from .triggers import Trigger

EXPELLED_ENVOYS = rule("events.expelled_envoys_cut_relations", "expelling diplomats or monitors cuts relations (166), not coercion: 'X expelled two envoys'")
ANNOUNCED = rule("events.announced_act_is_threat_or_intent", "an act announced with will/would is a threat (13) or intent (03): 'X said it would strike'")
REMENTION_ROOT = rule("events.remention_keeps_violence_root", "'the attack' with no doer of its own keeps the grade of the violence before it: 'X shelled Y. The attack ...'")
GRADED = rule("events.violence_graded_by_doer", "a state's or armed force's violence is 19, anyone else's 18 (CAMEO)")


def recode(trigger: Trigger) -> Trigger:
    """The trigger with the root its parse gives it; an announced act also records its announcer."""
    token = trigger.head
    if on(EXPELLED_ENVOYS) and trigger.root == "17" and lemma_of(token) == "expel" and any(
            c.dep_ in ("dobj", "nsubjpass") and lemma_of(c) in ENVOY_NOUNS for c in token.children):
        trigger.root = "16"  # "expelled two envoys", "monitors were expelled": relations cut
    if on(ANNOUNCED) and token.pos_ == "VERB" and trigger.root in INTENT_ROOTS:
        announcer = announced(token)
        if announcer is not None:
            trigger.root = INTENT_ROOTS[trigger.root]
            trigger.tokens = [token, *(c for c in token.children if c.dep_ == "aux"), *trigger.tokens[1:]]
            trigger.announcer = announcer
    return trigger


def announced(token):
    """The reporting verb (or the verb itself) when an act is announced as intent: "said it would
    strike", "the council will send aid"; None for other mentions."""
    if not any(c.dep_ == "aux" and c.lower_ in INTENT_AUX for c in token.children):
        return None
    if any(c.dep_ == "neg" or c.dep_ == "mark" and c.lower_ in IRREALIS_MARKERS for c in token.children):
        return None  # "would not", "if it would": no promise
    subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
    # Only a party (or a pronoun for one) can threaten or promise: "prices will fall" cannot.
    if subject is None or not (subject.pos_ == "PRON" or subject.ent_type_ in ACTOR_TYPES):
        return None
    if token.dep_ == "ccomp" and lemma_of(token.head) in REPORT_VERBS:
        return token.head
    return token if token.dep_ == "ROOT" else None


def graded_violence(trigger: Trigger, parties: list[str], index: EntityIndex, earlier_roots: list[str]) -> str:
    """19 for violence by a state or an armed force, else 18 (CAMEO grades the same words by their
    doers; with no doer named, those struck stand in); "the attack" with no party re-mentions the
    violence before it and keeps its grade."""
    token = trigger.head
    if not on(GRADED) or trigger.root not in ("18", "19") or lemma_of(token) not in VIOLENCE_BY_DOER:
        return trigger.root
    if any(_is_armed(name, index) for name in parties):
        return "19"
    if on(REMENTION_ROOT) and not parties and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children):
        before = [root for root in earlier_roots if root in ("18", "19")]
        if before:
            return before[-1]
    return "18"


def _is_armed(name: str, index: EntityIndex) -> bool:
    entity = index.find(name)
    if entity is not None and entity.type in ("GPE", "NORP"):
        return True
    words = name.casefold().split()
    return any(w in ARMED_WORDS for w in words) or any(" ".join(p) in ARMED_WORDS for p in pairwise(words))
