"""Step 2, recoding: a coded trigger's root changed by its parse and its parties, as the CAMEO
codebook distinguishes acts that share words: an act announced or promised is an intent (03) or a
threat (13), one refused is a rejection (12), an obligation laid on another is a demand (10);
expelling envoys cuts relations (166); violence is graded by the kind of force (`grade`)."""

from __future__ import annotations

from functools import cache

from ..rules import on, rule
from .lexicon import (
    ACCEDE_VERBS,
    COOPERATIVE_ROOTS,
    COUNT_WORDS,
    DEMAND_NOUNS,
    ENVOY_NOUNS,
    ENVOY_REMOVAL_VERBS,
    INTENT_AUX,
    INTENT_HEADS,
    INTENT_ROOTS,
    IRREALIS_MARKERS,
    OBLIGATION_AUX,
    OCCURRENCE_VERBS,
    REMOVAL_VERBS,
    SANCTION_NOUNS,
    SEIZURE_VERBS,
    SUPPORT_VERBS,
    SUPPRESSION_VERBS,
    TERRITORY_NOUNS,
    TRAVEL_VERBS,
    lemma_of,
    statement_verbs,
)
from .triggers import Trigger, event_noun, match_trigger

VIOLENT = ("18", "19", "20")

EXPELLED_ENVOYS = rule("events.expelled_envoys_cut_relations", "expelling or withdrawing diplomats or monitors cuts relations (166): 'X expelled two envoys'")
LIGHT_VERB = rule("events.light_verb_in_trigger", "the verb that carries an event noun is part of its words and mood: 'staged a protest', 'will impose a curfew'")
YIELD_FRAME = rule("events.eased_sanction_or_acceded_demand", "lifting or easing a sanction, or acceding to a demand, is yielding (08): 'X lifted the curfew', 'X accepted Y's demands'")
ASSERTION = rule("events.asserted_not_demanded", "insisting that something is so asserts, it demands nothing: 'X insisted that the bill would not change the law'")
SUPPRESSED = rule("events.suppressed_protest_is_coercion", "preventing, banning or dispersing a protest is coercion (17): 'police prevented the march'")
TERRITORY = rule("events.seized_territory_is_fighting", "seizing a town, base or territory is occupying it (192), not an arrest: 'rebels captured the town'")
ANNOUNCED = rule("events.announced_act_is_threat_or_intent", "an act announced with will/would is a threat (13, also when conditioned 'unless') or intent (03): 'X said it would strike'")
INTENT_FRAME = rule("events.intent_frame", "an act a party vows, plans or is ready to do is a threat (13) or intent (03): 'X vowed to fight', 'X is prepared to talk'")
REFUSAL = rule("events.announced_refusal_is_rejection", "a cooperative act a party says it will not do is a rejection (12): 'X said it would not meet the demands'")
DESCRIBED = rule("events.clause_describing_an_event_noun", "a participle or relative clause telling an event noun's act is that act: 'an accord signed by X', 'talks that were held in Y'")
PURPOSE_OF_PROTEST = rule("events.protest_purpose_is_the_protest", "what a protest is held to demand or denounce is its aim, not another act: 'marched to demand reforms'")
TOLL = rule("events.toll_joins_its_act", "a verb telling what a violent act did is that act: 'the bombing killed three', 'airstrikes hit the port, wounding two'")
REPORTED_OBLIGATION = rule("events.reported_obligation_is_demand", "a party saying another must act demands it (10): 'X said Y must free the men'")


def recode(trigger: Trigger, is_party) -> Trigger:
    """The trigger with the root its parse gives it; an announced act also records its announcer.
    `is_party(token)` tells whether a noun phrase names a political actor."""
    token = trigger.head
    if on(EXPELLED_ENVOYS) and lemma_of(token) in ENVOY_REMOVAL_VERBS and any(
            c.dep_ in ("dobj", "nsubjpass") and lemma_of(c) in ENVOY_NOUNS for c in token.children):
        trigger.root = "16"  # "expelled two envoys", "withdrew its monitors": relations cut
    if on(TERRITORY) and trigger.root == "17" and lemma_of(token) in SEIZURE_VERBS and any(
            c.dep_ in ("dobj", "nsubjpass") and _territory(c) for c in token.children):
        trigger.root, trigger.graded = "19", True  # "troops captured the town": occupying territory (192), not an arrest
    carrier = light_verb(token)
    if trigger.root in INTENT_ROOTS or trigger.root in COOPERATIVE_ROOTS:
        _intent(trigger, carrier or token, is_party)
    if carrier is not None and all(t.i != carrier.i for t in trigger.tokens):
        trigger.tokens.append(carrier)  # "staged a protest", "announced a suspension of flights"
    return trigger


def light_verb(noun):
    """The verb that carries an event noun as its object ("staged a protest", "announced a
    suspension", "mounted an invasion"), or None."""
    if not on(LIGHT_VERB) or noun.pos_ not in ("NOUN", "PROPN"):
        return None
    if noun.dep_ == "pobj" and noun.head.lower_ in ("on", "for") and lemma_of(noun.head.head) in TRAVEL_VERBS:
        return noun.head.head  # "arrived on a visit", "returned to Geneva for talks"
    if noun.dep_ not in ("dobj", "attr"):
        return None
    verb = noun.head
    lemma = lemma_of(verb)
    return verb if verb.pos_ == "VERB" and (lemma in SUPPORT_VERBS or lemma in statement_verbs()) else None


def defers_to_its_object(trigger: Trigger) -> bool:
    """A light verb the lexicon or a block default codes, whose object is an event noun: the noun
    codes the act ("undertook a mediation mission" is the mediation)."""
    verb = trigger.head
    return (on(LIGHT_VERB) and trigger.source in ("lexicon", "default") and lemma_of(verb) in SUPPORT_VERBS
            and any(c.dep_ == "dobj" and event_noun(c) for c in verb.children))


def asserted(trigger: Trigger) -> bool:
    """A demand verb whose content is a statement of fact, not an act asked for: "insisted that the
    tax was fair", "insists on the merits of the plan"."""
    verb = trigger.head
    if not on(ASSERTION) or trigger.root != "10" or verb.pos_ != "VERB" or trigger.source == "pattern":
        return False
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if clauses:  # "that X leave" (subjunctive) or "must" asks; "that X would not", "that X was" asserts
        return all(c.tag_ in ("VBD", "VBZ") or any(a.dep_ == "aux" and a.lower_ in INTENT_AUX for a in c.children)
                   for c in clauses)
    objects = [p for c in verb.children if c.dep_ == "prep" and c.lower_ in ("on", "upon") for p in c.children if p.dep_ == "pobj"]
    return bool(objects) and not any(event_noun(o) or o.tag_ == "VBG" for o in objects)


def may_frame(lemma: str) -> bool:
    """False only where `intent_frame`, `yielded`, `suppressed` and `obligation` surely find nothing,
    read from the word's lemma alone (`lemma_of`)."""
    return lemma in _frame_words()


@cache
def _frame_words() -> frozenset[str]:
    return INTENT_HEADS | REMOVAL_VERBS | ACCEDE_VERBS | SUPPRESSION_VERBS | statement_verbs()


def suppressed(verb) -> Trigger | None:
    """Preventing, banning or dispersing a protest is coercion (17): "police broke up the rally"."""
    if not on(SUPPRESSED) or verb.pos_ != "VERB" or lemma_of(verb) not in SUPPRESSION_VERBS:
        return None
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        found = match_trigger(obj) if obj.pos_ in ("NOUN", "PROPN") else None
        if found is not None and found.root == "14":
            return Trigger("17", [verb, *found.tokens], source="frame")
    return None


def yielded(verb) -> Trigger | None:
    """Easing a sanction or acceding to a demand is yielding (08): "lifted the curfew", "shortened
    the curfew", "accepted the rebels' demands"."""
    if not on(YIELD_FRAME) or verb.pos_ != "VERB":
        return None
    lemma = lemma_of(verb)
    if lemma not in REMOVAL_VERBS and lemma not in ACCEDE_VERBS:
        return None
    for obj in (c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")):
        keys = {lemma_of(obj), *(f"{lemma_of(m)} {lemma_of(obj)}" for m in obj.children if m.dep_ in ("compound", "amod"))}
        if lemma in REMOVAL_VERBS and keys & SANCTION_NOUNS or lemma in ACCEDE_VERBS and keys & DEMAND_NOUNS:
            return Trigger("08", [verb, obj], source="frame")
    return None


def _territory(noun) -> bool:
    """A place: a named one or a word for a town, base or territory ("part of a stronghold")."""
    nouns = [noun, *(p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj")]
    return any(n.ent_type_ in ("GPE", "LOC", "FAC") or lemma_of(n) in TERRITORY_NOUNS for n in nouns)


def _intent(trigger: Trigger, token, is_party) -> None:
    """Recode an act announced with will/would ("said it would strike", "will impose a curfew": the
    verb `token` that carries it) as the intent or threat it is; refused cooperation as a rejection."""
    words, announcer = intent_words(token, is_party)
    if announcer is None:
        return
    negated = any(c.dep_ == "neg" for c in token.children)
    if negated:
        if not (on(REFUSAL) and trigger.root in COOPERATIVE_ROOTS):
            return
        root = "12"
    elif _unless(token):
        root = "13"
    else:
        root = INTENT_ROOTS.get(trigger.root, trigger.root)
    trigger.root = root
    trigger.tokens = [trigger.head, *dict.fromkeys([*words, *trigger.tokens[1:]])]
    trigger.announcer = announcer


def intent_words(token, is_party) -> tuple[list, object]:
    """(the words that announce `token` as intended, the announcing verb), or ([], None): "said it
    would strike" -> ([said, would], said); "will send aid" -> ([will], send)."""
    aux = [c for c in token.children if c.dep_ == "aux" and c.lower_ in INTENT_AUX]
    if not aux or not on(ANNOUNCED):
        return [], None
    if any(c.dep_ == "mark" and c.lower_ in IRREALIS_MARKERS for c in token.children):
        return [], None  # "if it would": no promise
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "expl")), None)
    reported = token.dep_ == "ccomp" and lemma_of(token.head) in statement_verbs()
    attributed = reported and token.head.i > token.i  # "X will attack Y, officials said"
    reported = reported and not attributed
    speaker = next((c for c in token.head.children if c.dep_ == "nsubj"), None) if reported else None
    # Only a party (or a pronoun for one) can threaten or promise: "prices will fall" cannot; "X
    # said it would ...": "it" is X.
    if subject is None or not (is_party(subject) or subject.pos_ == "PRON" and speaker is not None and is_party(speaker)):
        return [], None
    if reported:
        return [token.head, *aux], token.head
    main = attributed or token.dep_ == "ROOT" or token.dep_ == "conj" and token.head.dep_ == "ROOT"
    return (aux, token) if main else ([], None)


def intent_frame(word, is_party) -> Trigger | None:
    """An act a party vows, plans, agrees or is ready to do, coded at the intent word: "vowed to
    fight" is a threat (13), "is prepared to talk" an intent (03), "agreed not to extend" a
    rejection of nothing (no event). The trigger's head is the complement's verb (its roles are
    the act's), its words run from the intent word (and the verb that reports it) to the act."""
    if not on(INTENT_FRAME) or lemma_of(word) not in INTENT_HEADS:
        return None
    clause = next((c for c in word.children if c.pos_ in ("VERB", "AUX") and (
        c.dep_ == "xcomp" or c.dep_ == "advcl" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        or c.dep_ == "ccomp" and any(a.dep_ == "aux" and a.lower_ in INTENT_AUX | {"should"} for a in c.children))), None)
    if clause is None or any(c.dep_ == "neg" for c in clause.children):
        return None
    act = match_trigger(clause)
    if act is None or act.root not in INTENT_ROOTS:
        return None
    # "X is prepared to ...": the copula's subject; "said it is ready to ...": and its reporting verb
    verb = word.head if word.pos_ == "ADJ" and word.dep_ in ("acomp", "amod") else word
    if any(c.dep_ == "aux" and c.tag_ == "MD" and c.lower_ not in INTENT_AUX for c in verb.children):
        return None  # "must be ready to": an obligation, not an intent
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None and verb.dep_ in ("conj", "xcomp"):
        subject = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
    if subject is None or not is_party(subject):
        return None
    words = [word, *(c for c in clause.children if c.dep_ == "aux")]
    if verb.dep_ == "ccomp" and lemma_of(verb.head) in statement_verbs() and verb.head.i < word.i:
        words.append(verb.head)  # "said it is ready to", not "... ready to talk, officials said"  # "said it is ready to", not "... ready to talk, officials said"
    root = "13" if _unless(clause) else INTENT_ROOTS[act.root]
    return Trigger(root, [clause, *words, *act.tokens[1:]], announcer=word, source="frame")


def _unless(token) -> bool:
    """ "... unless Y pays": a condition laid on another party."""
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ == "unless" for m in c.children)
               for c in token.children)


def obligation(token, is_party) -> Trigger | None:
    """A reporting verb whose clause lays an obligation on a party: "X said Y must free the men" is
    X's demand (10) on Y; its words are the verb, the modal and the clause's verb."""
    if not on(REPORTED_OBLIGATION) or lemma_of(token) not in statement_verbs():
        return None
    for clause in (c for c in token.children if c.dep_ == "ccomp"):
        modal = next((c for c in clause.children if c.dep_ == "aux" and c.lower_ in OBLIGATION_AUX), None)
        if modal is None and lemma_of(clause) in OBLIGATION_AUX:  # "Y has to leave"
            modal = clause
        if modal is None or any(c.dep_ == "neg" for c in clause.children):
            continue
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None and subject.dep_ == "nsubj" and is_party(subject) and subject.lower_ not in ("we", "i"):
            return Trigger("10", [token, modal, clause], source="frame")
    return None


def toll_verbs(trigger: Trigger) -> list:
    """The verbs that tell what a violent act named by a noun did ("the bombing killed three,
    wounding two"): the noun's verb and the verbs joined to it, when violent or a casualty verb."""
    noun = trigger.head
    if not on(TOLL) or trigger.root not in VIOLENT or noun.pos_ not in ("NOUN", "PROPN") or noun.dep_ != "nsubj":
        return []
    verbs, stack = [], [noun.head]
    while stack:
        verb = stack.pop()
        if verb.pos_ != "VERB" or not (lemma_of(verb) in COUNT_WORDS or (code := match_trigger(verb)) is not None and code.root in VIOLENT):
            continue
        verbs.append(verb)
        stack += [c for c in verb.children if c.dep_ in ("conj", "advcl") and c.pos_ == "VERB"]
    return verbs


def described_by(trigger: Trigger) -> list:
    """Verbs of participle or relative clauses that tell an event noun's act ("an accord signed by
    X", "clashes that erupted in Y"): coded with the noun's root, or a light or occurrence verb."""
    if not on(DESCRIBED):
        return []
    found = []
    nouns = [t for t in trigger.tokens if t.pos_ in ("NOUN", "PROPN")]  # "fired rounds aimed at X"
    for clause in (c for noun in nouns for c in noun.children if c.dep_ in ("acl", "relcl") and c.pos_ == "VERB"):
        lemma = lemma_of(clause)
        code = match_trigger(clause)
        same = code is not None and (code.root == trigger.root or {code.root, trigger.root} <= set(VIOLENT))
        if same or code is None and lemma in SUPPORT_VERBS | OCCURRENCE_VERBS:
            found.append(clause)
    return found


def protest_purpose(token) -> bool:
    """A demand, appeal or complaint that is the aim of a protest ("marched to demand reforms",
    "a hunger strike to protest the ruling", "rallied, demanding his release")."""
    if not on(PURPOSE_OF_PROTEST) or token.pos_ != "VERB" or token.dep_ not in ("advcl", "xcomp", "acl"):
        return False
    head = token.head
    if head.pos_ == "VERB":
        carried = [c for c in head.children if c.dep_ == "dobj"]  # "began a hunger strike to demand"
        return any((t := match_trigger(n)) is not None and t.root == "14" for n in [head, *carried])
    return (t := match_trigger(head)) is not None and t.root == "14"
