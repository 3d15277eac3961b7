"""What marks speech: the word lists in resources/quotes.json and the parse tests built on them.

Shared by every quote finder (marks, blocks, reported speech) and by speaker resolution, so a
verb counts as reporting in the same way wherever it is met.
"""

from __future__ import annotations

from ..resources import load

_DATA = load("quotes")


def words(key: str) -> frozenset[str]:
    """A word list of resources/quotes.json."""
    return frozenset(_DATA[key]["words"])


def number(key: str) -> int:
    """A window or threshold of resources/quotes.json."""
    return _DATA[key]["value"]


CLAUSE_VERBS = words("clause")  # "said that ..."
INFINITIVE_VERBS = words("infinitive")  # "urged X to ..."
REPORTING = CLAUSE_VERBS | INFINITIVE_VERBS
FRAGMENT_VERBS = words("fragment") | REPORTING  # "described it as "..."" governs a quoted fragment
COGNITION = words("cognition")  # thinking, not saying: a weaker cue
NEEDS_PARTICLE = {verb: set(parts) for verb, parts in _DATA["needs_particle"]["table"].items()}
SPOKESPEOPLE = words("spokesperson")  # speak for a body: "Navy officials", "a ministry spokesman"
TEXTS = words("texts")  # speak for their author: "the company's statement", "her post"
SPOKESPERSON = SPOKESPEOPLE | TEXTS
GENERIC = words("generic")  # names no one: "police", "critics"
FIRST_PERSON = words("first_person")
CONNECTIVES = words("connectives")
RELATIVES = words("relative_pronouns")
SOURCE_PREPS = words("source_preps")
SOURCE_PHRASES = tuple(sorted(words("source_phrases")))

SUBJECTS = ("nsubj", "nsubjpass")
DASH = "\u2014"  # the cue of a dash line ("\u2014Name, Role") under a quote


def source_phrase(tok) -> str | None:
    """The phrase introducing a source that starts at `tok` ("according to X", "in the words of X")."""
    doc = tok.doc
    for phrase in SOURCE_PHRASES:
        parts = phrase.split()
        if tok.i + len(parts) <= len(doc) and all(doc[tok.i + n].lower_ == w for n, w in enumerate(parts)):
            return phrase
    return None


def source_of(tok, phrase: str):
    """The head of the source a phrase starting at `tok` names (the object of its last word)."""
    last = tok.i + len(phrase.split()) - 1
    return pobj(tok.doc[last]) if last < len(tok.doc) else None


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
    """The object of a preposition; for "the council's statement", "Ana Ruiz's post", "the
    ministry's spokesman" the owner, who is the one speaking."""
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
