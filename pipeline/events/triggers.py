"""Trigger detection and coding: which words head a CAMEO lexicon entry, and the rules that recode a
matched act by its parse and parties (announced intent, backed violence, 18 vs 19, words that attack)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ..document.records import EntityIndex
from ..rules import on, rule
from .lexicon import (
    ACTOR_TYPES,
    ARMED_HEADS,
    ARMED_NAME,
    REPORT_VERBS,
    VIOLENT_ROOTS,
    lemma_of,
    lexicon,
)

if TYPE_CHECKING:
    from .merge import Mention

READY_FOR_VIOLENCE = rule("events.ready_for_violence_is_no_offer", "'ready to' + a violent act is no offer to cooperate: 'troops ready to storm the town'")
TRANSITIVE_ONLY = rule("events.transitive_only", "some verbs name a coded act only with an object: 'free the hostages', not 'free to go'")
DOCUMENT_COMPOUNDS = rule("events.document_compounds", "compounds that name a document, not an act: 'a press release'")
TEXT_FORECAST = rule("events.text_forecast_is_no_intent", "what a text 'would' do is a forecast: 'the bill would allow ...'")
REMENTION_ROOT = rule("events.remention_keeps_violence_root", "'the attacks' with no doer keep the grade of the last violence")


def match_trigger(token, lex) -> tuple[str, list] | None:
    """(root, trigger tokens) when `token` heads a lexicon entry, trying the longest keys first."""
    lemma = lemma_of(token)
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
                    candidates.append((f"{lemma} {child.lower_} {lemma_of(pobj)}", [child, pobj]))
                    for mod in pobj.children:  # "put on high alert"
                        if mod.dep_ in ("amod", "compound"):
                            candidates.append((f"{lemma} {child.lower_} {lemma_of(mod)}", [child, mod, pobj]))
            candidates.append((f"{lemma} {child.lower_}", [child]))
            for grand in child.children:  # "crack down on"
                if grand.dep_ == "prep":
                    candidates.append((f"{lemma} {child.lower_} {grand.lower_}", [child, grand]))
        elif child.dep_ in ("dobj", "attr") and kind == "verb":
            candidates.append((f"{lemma} {lemma_of(child)}", [child]))
        elif child.dep_ in ("compound", "amod", "nmod") and kind == "noun":
            candidates.append((f"{lemma_of(child)} {lemma}", [child]))
        elif child.dep_ == "xcomp" and kind in ("adj", "verb"):
            candidates.append((f"{lemma} to", []))
            candidates.append((f"{lemma} to {lemma_of(child)}", [child]))
    if on(DOCUMENT_COMPOUNDS) and kind == "noun" and any(f"{lemma_of(c)} {lemma}" in lex["not_triggers"] for c in token.children if c.dep_ == "compound"):
        return None  # "a press release" is a document
    candidates.sort(key=lambda kt: -len(kt[0].split()))
    for key, extra in candidates:
        if key in table:
            if on(READY_FOR_VIOLENCE) and kind == "adj" and any(_violent_xcomp(c, lex) for c in token.children if c.dep_ == "xcomp"):
                return None  # "battle ready to launch operations" is no offer to cooperate
            return table[key], [token, *extra]
    if lemma in table:
        if on(TRANSITIVE_ONLY) and kind == "verb" and lemma in lex["transitive_only"] and not _has_object(token):
            return None
        return table[lemma], [token]
    return None


def _violent_xcomp(verb, lex) -> bool:
    """Whether a clause complement is itself a violent trigger."""
    found = match_trigger(verb, lex)
    return found is not None and found[0] in VIOLENT_ROOTS


def _has_object(token) -> bool:
    """An object, particle, preposition or passive: what transitive-only verbs need to be an act."""
    return any(c.dep_ in ("dobj", "nsubjpass", "auxpass", "dative", "prep", "prt") for c in token.children) or (
        token.dep_ in ("acl", "relcl") and token.tag_ == "VBN"
    )


def announced(token):
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
    if on(TEXT_FORECAST) and lemma_of(subject) in lexicon()["text_nouns"]:
        return None  # "the Bill would allow euthanasia": what a text would do is a forecast, no one's intent
    if token.dep_ == "ccomp" and lemma_of(token.head) in REPORT_VERBS:
        return token.head
    return token if token.dep_ == "ROOT" else None


def labour_strike(token, tokens, lex) -> bool:
    """A bare "strike" in a sentence about work and pay ("workers began an open-ended strike over
    wages") is a labour strike; "air/drone strike" and a strike on a place are military."""
    if lemma_of(token) != "strike" or len(tokens) > 1 and token.pos_ == "NOUN":
        return False
    if any(c.dep_ == "prep" and c.lower_ in ("on", "against") for c in token.children):
        return False
    return any(lemma_of(t) in lex["labour_words"] for t in token.sent)


def backs_force(token, lex) -> bool:
    """Whether what a backing verb backs is violence or an armed force ("backed the offensive")."""
    backed = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if token.dep_ in ("acl", "relcl") and token.tag_ == "VBN":
        backed.append(token.head)  # "forces backed by Iran"
    for noun in backed:
        found = match_trigger(noun, lex) if noun.pos_ == "NOUN" else None
        if found is not None and found[0] in VIOLENT_ROOTS:
            return True
        if lemma_of(noun) in ARMED_HEADS or ARMED_NAME.search(noun.text):
            return True
    return False


def violence_root(token, parties: list[str], earlier: list[Mention], index: EntityIndex) -> str:
    """19 for a state's or armed force's violence, else 18; "the attacks" repeats the last one."""
    if any(_is_armed(name, index) for name in parties):
        return "19"
    if on(REMENTION_ROOT) and not parties and any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in token.children):
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


def is_text(subject, lex) -> bool:
    """A written work as a doer: "the magazine", "Freedom Magazine, which ..."."""
    if subject.lower_ in ("which", "that") and subject.head.dep_ == "relcl":
        subject = subject.head.head
    words = [lemma_of(subject), *(w.lower() for w in subject.ent_type_ and subject.text.split()[-1:] or [])]
    return any(w in lex["text_nouns"] for w in words)
