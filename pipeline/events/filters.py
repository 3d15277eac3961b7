"""Filters for trigger mentions that report no real act: irrealis (negated, modal, conditional,
wanted, planned), headings, figures of speech, and topic talk without a counterpart."""

from __future__ import annotations

from ..document.doccache import sentence
from ..rules import on, rule
from .lexicon import (
    ARMED_HEADS,
    COLLECTIVE_NOUNS,
    GENERIC_DETS,
    GROUP_HEADS,
    IRREALIS_MODIFIERS,
    IRREALIS_NOUNS,
    LEADER_NOUNS,
    MODALS,
    PAIR_NOUNS,
    PERSON_NOUNS,
    lemma_of,
)

NEGATION = rule("events.irrealis_negation", "a negated act did not happen: 'X did not attack Y', 'no talks were held'")
FORECAST = rule("events.warning_of_a_forecast", "warning of an outcome nobody threatens is no threat: 'economists warned prices could rise'")
MODAL = rule("events.irrealis_modal", "a modal act is not reported as done: 'X may attack Y'")
CONDITION = rule("events.irrealis_condition", "a conditional act is not done: 'if X attacks Y'")
QUESTION = rule("events.irrealis_question", "an act asked about is not reported: 'Will X attack?'")
MANDATIVE = rule("events.irrealis_mandative_clause", "an act demanded or urged in a that-clause is not done: 'X urged that Y be freed'")
NOUN_CLAUSE = rule("events.irrealis_clause_of_irrealis_noun", "a clause of a negated noun: 'no proof that anyone was arrested'")
WITHOUT = rule("events.irrealis_without", "'without' an act says it did not happen: 'released without charge'")
GENERIC = rule("events.irrealis_generic_det", "'any', 'every' name no particular act: 'in any trial'")
INFINITIVE_NOUN = rule("events.irrealis_infinitival_noun_clause", "an infinitive after a noun is a possibility: 'a plan to attack'")
GOING_TO = rule("events.irrealis_going_to", "'going to' is a plan: 'they are going to protest'")
COMPLEMENT = rule("events.irrealis_complement", "an infinitive complement or purpose clause is not done: 'X wants to meet Y'")
PARTICIPLE_MOOD = rule("events.irrealis_participle_shares_mood", "a participle after a wanted act shares its mood: 'asked to sign, agreeing to pay'")
AS_PROMISED = rule("events.reference_as_promised", "'as promised' refers to an earlier act, it reports none")
CONJUNCT = rule("events.irrealis_conjunct", "a conjoined act shares its head's mood: 'may arrest and charge him'")
NOUN_MODIFIER = rule("events.irrealis_noun_modifier", "'possible', 'planned' nouns are not done: 'a possible strike'")
OF_NOUN = rule("events.irrealis_of_noun", "an act after 'the risk of', 'fear of' is a possibility: 'the risk of war'")
WANTED_FOR = rule("events.irrealis_wanted_for_against", "an act called for or warned against is not done: 'calls for talks'")
SUBJECT_MOOD = rule("events.irrealis_subject_of_irrealis_verb", "a noun subject of an irrealis verb shares its mood: 'if the sanctions continue'")
OBJECT_MOOD = rule("events.irrealis_object_of_irrealis_verb", "a noun object of an irrealis or wanting verb shares its mood: 'wants an inquiry'")
HEADING = rule("events.heading_line", "a line with no verb and no stop is a heading: 'Arrests and protests'")


def is_irrealis(token, lex) -> bool:
    """Not a reported real act: negated, modal, conditional, wanted or planned, or a question."""
    children = list(token.children)
    if on(NEGATION) and any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in children):
        return True
    if on(NEGATION) and token.pos_ == "NOUN" and token.left_edge.lower_ == "no":  # "no tsunami warning"
        return True
    if on(FORECAST) and lemma_of(token) in ("warn", "caution", "warning") and any(_is_forecast(c) for c in children if c.dep_ == "ccomp"):
        return True
    if on(MODAL) and any(c.dep_ == "aux" and c.lower_ in MODALS for c in children):
        return True
    if on(MODAL) and token.pos_ == "ADJ" and token.dep_ in ("acomp", "conj") and is_irrealis(token.head, lex):
        return True  # "should be willing to"
    if on(CONDITION) and any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in children):
        return True
    if on(QUESTION) and sentence(token).text.rstrip().endswith("?"):
        return True
    if on(MANDATIVE) and token.dep_ == "ccomp" and token.head.pos_ == "VERB" and _demanded(token, lex):
        return True  # "demanded that the troops leave", "urged that he be freed": asked for, not done
    if on(NOUN_CLAUSE) and token.dep_ in ("acl", "ccomp") and token.head.pos_ == "NOUN" and is_irrealis(token.head, lex):
        return True  # "no evidence that any detainee was tortured"
    if on(WITHOUT) and token.dep_ in ("pcomp", "pobj") and token.head.lower_ == "without":
        return True  # "without being detained", "without trial": it did not happen
    if on(GENERIC) and token.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ in GENERIC_DETS for c in children):
        return True  # "in any trial", "every provocation": no particular act
    if on(INFINITIVE_NOUN) and token.dep_ == "acl" and token.head.pos_ == "NOUN" and lemma_of(token.head) != "order" and any(
            c.dep_ == "aux" and c.lower_ == "to" for c in children):
        return True  # "no desire to offer", "their right to be consulted" (but "in order to X" is done)
    if on(GOING_TO) and token.dep_ == "xcomp" and lemma_of(token.head) == "go" and token.head.tag_ == "VBG":
        return True  # "we are going to ask": a plan
    head = token.head
    purpose = token.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in children)
    if on(COMPLEMENT) and (token.dep_ == "xcomp" or purpose) and lemma_of(head) not in lex["real_aspect"]:
        return True
    if on(PARTICIPLE_MOOD) and token.dep_ == "advcl" and token.tag_ == "VBG" and head.dep_ == "xcomp" and is_irrealis(head, lex):
        return True  # "required to sign a contract, agreeing to work": the participle shares its head's mood
    if on(AS_PROMISED) and token.dep_ == "advcl" and token.tag_ == "VBN" and any(c.dep_ == "mark" and c.lower_ == "as" for c in children) \
            and not any(c.dep_.startswith("nsubj") for c in children):
        return True  # "as promised", "as agreed": a reference to some earlier act, not a report of one
    if on(CONJUNCT) and token.dep_ == "conj" and head is not token:
        return is_irrealis(head, lex) if head.pos_ == token.pos_ else False
    if token.pos_ in ("NOUN", "PROPN"):
        if on(NOUN_MODIFIER) and any(c.dep_ == "amod" and c.lower_ in IRREALIS_MODIFIERS for c in children):
            return True
        governor = head.head if token.dep_ == "pobj" else head
        if on(OF_NOUN) and token.dep_ == "pobj" and lemma_of(governor) in IRREALIS_NOUNS:
            return True
        if on(WANTED_FOR) and token.dep_ == "pobj" and head.lower_ in ("for", "against") and lemma_of(governor) in lex["irrealis_heads"]:
            return True
        if on(SUBJECT_MOOD) and token.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX") and is_irrealis(head, lex):
            return True  # "if the sanctions continued"
        if on(OBJECT_MOOD) and token.dep_ in ("dobj", "pobj", "attr") and governor.pos_ in ("VERB", "AUX"):  # "there should be an inquiry"
            if lemma_of(governor) in lex["irrealis_heads"] - {"order"}:
                return True
            if is_irrealis(governor, lex):
                return True
    return False


def _demanded(clause, lex) -> bool:
    """The mandative clause of an appeal or demand ("demanded that X leave")."""
    from .triggers import match_trigger  # the trigger matcher reads the lexicon this module filters

    found = match_trigger(clause.head, lex)
    return found is not None and found[0] in ("02", "10") and mandative(clause)


def mandative(clause) -> bool:
    """A that-clause saying what should be done, not what is: a bare verb ("that the troops leave"),
    should/must, or "be" + participle ("that he be freed")."""
    auxes = [a.lower_ for a in clause.children if a.dep_ in ("aux", "auxpass")]
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    # a pronoun's bare verb is more often a present tense the tagger misread ("they leave")
    bare = clause.tag_ == "VB" and not auxes and not (subject is not None and subject.tag_ == "PRP")
    return bare or any(a in ("should", "must") for a in auxes) or auxes == ["be"]


def passive(verb) -> bool:
    """A verb in the passive voice ("was saved", "were killed")."""
    return any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)


def _is_forecast(clause) -> bool:
    """A warned-of outcome that nobody threatens: "warned that prices could rise", "were expected to"."""
    return any(c.dep_ == "aux" and c.lower_ in ("could", "may", "might") for c in clause.children) or lemma_of(
        clause) in ("expect", "likely", "grow", "rise", "fall", "decline", "increase")


def in_heading(token) -> bool:
    """A line with no verb and no final stop is a heading ("Protest and arrests"): topics, not acts."""
    text, sent = sentence_text(token), sentence(token)
    start = sent.start_char + sent.text.find(text)
    line = [t for t in sent if start <= t.idx < start + len(text)]
    return on(HEADING) and not text.endswith((".", "!", "?", ":", '"', "”")) and not any(t.pos_ in ("VERB", "AUX") for t in line)


def sentence_text(token) -> str:
    """The trigger's sentence, cut at paragraph breaks the parser may have run over."""
    sent, text = sentence(token), sentence(token).text
    offset = token.idx - sent.start_char
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)].strip()


def fights_an_abstraction(token, lex) -> bool:
    """ "fighting terrorism", "battle corruption", "battling the infections": a figure of speech."""
    objects = [c for c in token.children if c.dep_ == "dobj"]
    objects += [p for c in token.children if c.dep_ == "prep" and c.lower_ == "against" for p in c.children]
    bare = lambda o: not any(c.dep_ in ("det", "nummod", "poss", "amod", "compound") for c in o.children)
    return any(o.tag_ == "NN" and not o.ent_type_ and bare(o) or lemma_of(o) in lex["not_caused_by"] for o in objects)


def rescues_a_thing(token, lex) -> bool:
    """ "saved a penalty", "the attempt was saved", "saved the economy": a rescue of one thing is no aid;
    people ("200 migrants"), parties and person words ("the boy") can be rescued."""
    if token.pos_ != "VERB" or lemma_of(token) not in lex["rescue_verbs"]:
        return False
    saved = [c for c in token.children if c.dep_ == ("nsubjpass" if passive(token) else "dobj")]
    people = lex["person_words"] | PERSON_NOUNS | PAIR_NOUNS | LEADER_NOUNS | COLLECTIVE_NOUNS
    return any(o.pos_ == "NOUN" and o.tag_ == "NN" and not o.ent_type_ and lemma_of(o) not in people for o in saved)


def place_measure(token, lex):
    """The curfew, blockade or state of emergency a trigger is or imposes/lifts ("imposed a curfew"), or None."""
    nouns = [token] if token.pos_ == "NOUN" else [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    for noun in nouns:
        lemma = lemma_of(noun)
        keys = {lemma, *(f"{lemma_of(c)} {lemma}" for c in noun.children if c.dep_ in ("amod", "compound"))}
        keys |= {f"{lemma} of {lemma_of(p)}" for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                 for p in c.children if p.dep_ == "pobj"}
        if keys & lex["place_measures"]:
            return noun
    return None


def done_by_no_one(token, lex, resolve) -> bool:
    """ "the attacks killed 227", "militants killed by drones": a harm verb whose doer is an event, a
    weapon or unstated reports a toll, not an act; a party, a people or an armed group must do it."""
    if token.pos_ != "VERB" or lemma_of(token) not in lex["agent_required"]:
        return False
    doers = ([p for a in token.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
             if passive(token) or token.dep_ == "acl" and token.tag_ == "VBN"  # "militants killed by drones"
             else [c for c in token.children if c.dep_ == "nsubj"])
    agents = lex["people_nouns"] | GROUP_HEADS | ARMED_HEADS | PERSON_NOUNS | PAIR_NOUNS | lex["person_words"]
    return not any(resolve.names(d) or lemma_of(d) in agents or d.lower_ in ("he", "she", "they") for d in doers)


def plural_subject(subject) -> bool:
    """ "the two leaders discussed", "X and Y discussed": the subject holds both sides."""
    return subject is not None and (subject.tag_ in ("NNS", "NNPS") or bool(subject.conjuncts) or subject.lower_ in ("we", "they"))
