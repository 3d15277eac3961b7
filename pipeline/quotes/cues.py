"""What marks speech: the word lists in data/quote_verbs.json and the parse tests built on them.

Shared by every quote finder (marks, blocks, reported speech) and by speaker resolution, so a
verb counts as reporting in the same way wherever it is met.
"""

from __future__ import annotations

from ..resources import load

_WORDS = load("quote_verbs")
CLAUSE_VERBS = frozenset(_WORDS["clause"])  # "said that ..."
INFINITIVE_VERBS = frozenset(_WORDS["infinitive"])  # "urged X to ..."
REPORTING = CLAUSE_VERBS | INFINITIVE_VERBS
FRAGMENT_VERBS = frozenset(_WORDS["fragment"]) | REPORTING  # "described it as "..."" governs a quoted fragment
COGNITION = frozenset(_WORDS["cognition"])  # thinking, not saying: a weaker cue
NEEDS_PARTICLE = {verb: set(parts) for verb, parts in _WORDS["needs_particle"].items()}
SPOKESPEOPLE = frozenset(_WORDS["spokesperson"])  # speak for a body: "U.S. officials", "a ministry spokesman"
TEXTS = frozenset(_WORDS["texts"])  # speak for their author: "a Home Office statement", "Soto's post"
SPOKESPERSON = SPOKESPEOPLE | TEXTS
GENERIC = frozenset(_WORDS["generic"])  # names no one: "police", "critics"
TITLES = frozenset(_WORDS["titles"])  # "the minister" may name one person the article introduced
FIRST_PERSON = frozenset(_WORDS["first_person"])
CONNECTIVES = frozenset(_WORDS["connectives"])

SUBJECTS = ("nsubj", "nsubjpass")
MALE, FEMALE = {"he", "him", "his"}, {"she", "her", "hers"}
PERSONAL = MALE | FEMALE
IMPERSONAL = {"it", "its", "they", "them", "their"}
DASH = "\u2014"  # the cue of a dash line ("\u2014Name, Role") under a quote


def is_according(tok) -> bool:
    """The "according" of "according to"."""
    doc = tok.doc
    return tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"


def is_reporting(tok, words=REPORTING) -> bool:
    """A reporting verb used as one: not negated ("have not said why"), with its particle
    where the verb needs one ("point out", "call on"). A word with a subject of its own is a
    verb whatever its tag ("residents of the valley claim that ...")."""
    lemma = tok.lemma_.lower()
    verb = tok.pos_ == "VERB" or tok.pos_ == "NOUN" and any(c.dep_ in SUBJECTS for c in tok.children)
    if not verb or lemma not in words or any(c.dep_ == "neg" for c in tok.children):
        return False
    needed = NEEDS_PARTICLE.get(lemma)
    return not needed or any(c.dep_ in ("prt", "prep") and c.lower_ in needed for c in tok.children)


def pobj(prep):
    """The object of a preposition; for "the White House's statement", "Gustavo Soto's post",
    "the ministry's spokesman" the owner, who is the one speaking."""
    if prep is None:
        return None
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            if child.lemma_.lower() in SPOKESPERSON:
                owner = [c for c in child.children if c.dep_ == "poss"]
                if owner:
                    return owner[0]
            return child
    return None
