"""Step 3, filters: coded triggers that report no real act. `figurative` (a word in a non-event
sense) and `is_irrealis` (an act not reported as done) read the trigger's parse alone; the others
need its roles or context and are asked by the extractor once those are known."""

from __future__ import annotations

from ..rules import on, rule
from .lexicon import (
    ALLEGATION_WORDS,
    DEFINITE,
    FIRST_PERSON,
    FORECAST_MODALS,
    FORECAST_WORDS,
    IRREALIS_HEADS,
    IRREALIS_MARKERS,
    NATURAL_CAUSES,
    PLAN_NOUNS,
    REAL_ASPECT,
    SPEECH_ROOTS,
    TIME_REFERENCE_NOUNS,
    TIME_REFERENCE_PREPS,
    WARNING_WORDS,
    lemma_of,
)

NEGATION = rule("events.irrealis_negation", "a negated act did not happen: 'X did not attack Y', 'no talks were held'")
FORECAST = rule("events.warning_of_a_forecast", "warning of an outcome nobody threatens is no threat: 'economists warned prices could rise'")
MODAL = rule("events.irrealis_modal", "a modal act is not reported as done: 'X may attack Y'")
CONDITION = rule("events.irrealis_condition", "a conditional act is not done: 'if X attacks Y'")
NOUN_CLAUSE = rule("events.irrealis_clause_of_irrealis_noun", "a clause of a negated noun: 'no proof that anyone was arrested'")
COMPLEMENT = rule("events.irrealis_complement", "an infinitive complement or purpose clause is not done: 'X wants to meet Y'")
SUBJECT_MOOD = rule("events.irrealis_subject_of_irrealis_verb", "a noun subject of an irrealis verb shares its mood: 'if the sanctions continue'")
OBJECT_MOOD = rule("events.irrealis_object_of_irrealis_verb", "a noun object of an irrealis or wanting verb shares its mood: 'wants an inquiry'")
FIGURATIVE = rule("events.fight_against_an_abstraction", "fighting a bare abstraction or an illness is a figure of speech: 'the mayor vowed to fight poverty'")
NATURAL_CAUSE = rule("events.natural_cause_is_no_act", "acts done by a natural force or accident have no CAMEO code: 'a flood destroyed ...'")
OWN_WORDS = rule("events.speakers_own_words", "a first-person speech act in the present is a quote: 'We urge calm'")
SHARED_MOOD = rule("events.irrealis_shared_by_coordination", "a verb joined to an irrealis one, without a subject of its own, shares its mood: 'hopes to oust X and seize Y'")
ALLEGED = rule("events.alleged_or_grounds_is_no_act", "an act named as alleged or as the grounds of a charge is not told as done: 'accused of ordering', 'arrested for spying'")
PURPOSE = rule("events.irrealis_purpose_or_plan", "an act a plan or purpose names has not happened: 'in order to expel them', 'proposals for reducing tensions'")
TIME_REFERENCE = rule("events.time_reference_is_no_event", "an episode used only to date or span something else is no event: 'since the 2012 coup', 'after years of fighting'")
QUOTED = rule("events.quoted_commentary", "a quoted act with no party, time or place is commentary: '\"sanctions never work\"'")


def is_irrealis(token) -> bool:
    """Not reported as a real act: negated, modal, conditional, wanted or planned."""
    children = list(token.children)
    if on(NEGATION) and (any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in children)
                         or token.pos_ == "NOUN" and token.left_edge.lower_ == "no"):  # "no border talks"
        return True
    if on(FORECAST) and lemma_of(token) in WARNING_WORDS and any(_is_forecast(c) for c in children if c.dep_ == "ccomp"):
        return True
    if on(MODAL) and (any(c.dep_ == "aux" and c.tag_ == "MD" for c in children)
                      or token.pos_ == "ADJ" and token.dep_ in ("acomp", "conj") and is_irrealis(token.head)):
        return True  # "may strike", "should be willing to"
    if on(CONDITION) and any(c.dep_ == "mark" and c.lower_ in IRREALIS_MARKERS for c in children):
        return True
    if on(NOUN_CLAUSE) and token.dep_ in ("acl", "ccomp") and token.head.pos_ == "NOUN" and is_irrealis(token.head):
        return True  # "no sign that anyone was hurt"
    head = token.head
    if on(PURPOSE) and _planned(token):
        return True
    if on(ALLEGED) and token.pos_ == "VERB" and (
            token.dep_ == "pcomp" and head.lower_ in ("of", "with", "for") and lemma_of(head.head) in ALLEGATION_WORDS
            or token.dep_ in ("acl", "ccomp") and head.pos_ == "NOUN" and lemma_of(head) in ALLEGATION_WORDS):
        return True  # "accused of ordering", "arrested for spying", "the pretext that X fired"
    purpose = token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
    if on(COMPLEMENT) and (token.dep_ == "xcomp" or purpose) and lemma_of(head) not in REAL_ASPECT:
        return True  # "hopes to meet", "sailed north to join the fleet"
    if on(SHARED_MOOD) and token.pos_ in ("VERB", "AUX") and token.head.i != token.i and (
            token.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in children)
            or token.dep_ == "pcomp" and head.head.pos_ in ("VERB", "AUX")):
        governor = head if token.dep_ == "conj" else head.head
        if is_irrealis(governor):  # "tries to oust X and take Y", "should consider before voting"
            return True
    if token.pos_ in ("NOUN", "PROPN"):
        while token.dep_ == "conj" and token.head.pos_ in ("NOUN", "PROPN"):  # "could impose curfews or bans"
            token = token.head
        head = token.head
        governor = head.head if token.dep_ == "pobj" else head
        if on(SUBJECT_MOOD) and token.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and is_irrealis(head):
            return True  # "if the sanctions continue"
        if on(OBJECT_MOOD) and token.dep_ in ("dobj", "pobj", "attr") and governor.pos_ in ("VERB", "AUX") and (
                lemma_of(governor) in IRREALIS_HEADS - {"order"} or is_irrealis(governor)):
            return True  # "wants an inquiry", "there may be talks"
    return False


def _planned(token) -> bool:
    """A verb that a plan, proposal or purpose names: "in order to expel", "a plan to strike",
    "proposals for reducing tensions"."""
    head = token.head
    if token.dep_ in ("acl", "relcl") and token.pos_ == "VERB" and lemma_of(head) in PLAN_NOUNS and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in token.children):
        return True  # "in order to withdraw", "a plan to strike"
    return token.dep_ == "pcomp" and head.dep_ == "prep" and lemma_of(head.head) in PLAN_NOUNS


def time_reference(token) -> bool:
    """An event noun used only to date or span something else: a named (definite) episode after
    since/after/before ("since the 2012 coup", "after Ruritania's invasion"), or a span ("in the
    wake of riots", "three years of fighting"). "After a march reached the city" tells a new one."""
    if not on(TIME_REFERENCE) or token.pos_ not in ("NOUN", "PROPN") or token.dep_ != "pobj":
        return False
    prep = token.head
    if prep.lower_ == "of" and lemma_of(prep.head) in TIME_REFERENCE_NOUNS:
        return True
    named = token.pos_ == "PROPN" or any(
        c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in DEFINITE or c.dep_ in ("compound", "nummod") and c.ent_type_
        for c in token.children)
    return prep.lower_ in TIME_REFERENCE_PREPS and named


def _is_forecast(clause) -> bool:
    """A warned-of outcome that nobody threatens: "warned that costs could rise", "is likely to"."""
    return any(c.dep_ == "aux" and c.lower_ in FORECAST_MODALS for c in clause.children) or lemma_of(clause) in FORECAST_WORDS


def figurative(trigger) -> bool:
    """ "fighting poverty", "battled an illness": violence against a bare abstraction or an illness."""
    return on(FIGURATIVE) and trigger.root in ("18", "19") and _abstract_object(trigger.head, trigger.tokens)


def _abstract_object(token, trigger_tokens) -> bool:
    """An object (or "against" phrase) that is a bare common noun or an illness; an object that is
    part of the trigger ("opened fire", "took hostages") is no such object."""
    own = {t.i for t in trigger_tokens}
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "against" for p in c.children]

    def bare(o) -> bool:
        return not any(c.dep_ in ("det", "nummod", "poss", "amod", "compound") for c in o.children)

    return any(o.i not in own and (o.tag_ == "NN" and not o.ent_type_ and bare(o) or lemma_of(o) in NATURAL_CAUSES)
               for o in objects)


def natural_cause(subject) -> bool:
    """The doer is a natural force or an accident ("the flood destroyed ...")."""
    return on(NATURAL_CAUSE) and subject is not None and lemma_of(subject) in NATURAL_CAUSES


def speakers_own_words(token, root: str, subject) -> bool:
    """ "We demand ...", "I reject ...": the speaker's own present-tense words are a quote, not a narrated act."""
    return (on(OWN_WORDS) and root in SPEECH_ROOTS and subject is not None and subject.lower_ in FIRST_PERSON
            and token.tag_ in ("VB", "VBP"))


def quoted_commentary(token, placed: bool, resolve) -> bool:
    """An act in a quotation's own words with no party, time or place, or told as a habit or a
    general truth (present tense, a gerund: "we are prosecuted for", "cutting costs"), is the
    speaker's commentary, not a particular act that happened."""
    if not on(QUOTED) or not resolve.quoted(token.idx):
        return False
    general = token.pos_ == "VERB" and (token.tag_ in ("VBZ", "VBP", "VBG") and not any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in ("VBD", "VBN", "MD") for c in token.children)
        or token.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.tag_ in ("VBZ", "VBP") for c in token.children))
    return not placed or general
