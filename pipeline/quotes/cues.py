"""What marks speech: the word lists in resources/quotes.json and the parse tests built on them.

Shared by every quote finder (marks, blocks, reported speech) and by speaker resolution, so a
verb counts as reporting in the same way wherever it is met.
"""

from __future__ import annotations

from ..resources import load
from ..rules import on, rule

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
NAMING = words("fragment")  # "described it as "..."", "called it "...""
EVALUATIVE = words("evaluative")  # "condemned the vote as a "farce""
FRAGMENT_VERBS = NAMING | REPORTING  # "described it as "..."" governs a quoted fragment
GERUND_VERBS = words("gerund_clause")  # "admitted not knowing"
CHARGES = {verb: frozenset(preps) for verb, preps in _DATA["charge_complements"]["table"].items()}  # "accused X of ..."
TEXT_VERBS = words("text_verbs")  # '"...," reads the statement'
SPEECH_NOUNS = words("speech_nouns")  # "a comment by X that ..."
TEXT_PREPS = words("text_preps")  # "a statement by X", "an editorial in X"
COGNITION = words("cognition")  # thinking, not saying: a weaker cue
NEEDS_PARTICLE = {verb: set(parts) for verb, parts in _DATA["needs_particle"]["table"].items()}
SPOKESPEOPLE = words("spokesperson")  # speak for a body: "Navy officials", "a ministry spokesman"
TEXTS = words("texts")  # speak for their author: "the company's statement", "her post"
SPOKESPERSON = SPOKESPEOPLE | TEXTS
GENERIC = words("generic")  # names no one: "police", "critics"
CONNECTIVES = words("connectives")
RELATIVES = words("relative_pronouns")
SOURCE_PREPS = words("source_preps")
COMPLEMENTIZERS = words("complementizers")  # "that", "whether"
SOURCE_PHRASES = tuple((phrase, phrase.split()) for phrase in sorted(words("source_phrases")))
SOURCE_FIRST = frozenset(parts[0] for _, parts in SOURCE_PHRASES)

SUBJECTS = ("nsubj", "nsubjpass")

NEGATED = rule("quotes.negated_reports_nothing", "a negated verb of saying reports nothing ('has not said why')")
EVALUATIVE_CUE = rule("quotes.evaluative_cue", "a verb of judging governs the quoted word it applies ('condemned the "
                      "vote as a \"farce\"', 'hailed the deal as \"historic\"')")
TEXT_SAYS = rule("quotes.text_reads", "a text that 'reads' says it ('\"...,\" reads a statement by the union')")


def source_phrase(tok) -> str | None:
    """The phrase introducing a source that starts at `tok` ("according to X", "in the words of X")."""
    if tok.lower_ not in SOURCE_FIRST:
        return None
    doc = tok.doc
    for phrase, parts in SOURCE_PHRASES:
        if tok.i + len(parts) <= len(doc) and all(doc[tok.i + n].lower_ == w for n, w in enumerate(parts)):
            return phrase
    return None


def source_of(tok, phrase: str):
    """The head of the source a phrase starting at `tok` names (the object of its last word)."""
    last = tok.i + len(phrase.split()) - 1
    return pobj(tok.doc[last]) if last < len(tok.doc) else None


def governs_fragment(tok) -> bool:
    """A verb that may govern a quoted word or phrase: one of saying or naming ("called it "absurd""),
    or of judging ("condemned the vote as a "farce"")."""
    return is_reporting(tok, FRAGMENT_VERBS) or on(EVALUATIVE_CUE) and is_reporting(tok, EVALUATIVE)


def is_reporting(tok, words=REPORTING) -> bool:
    """A reporting verb used as one: not negated ("have not said why"), with its particle
    where the verb needs one ("point out", "call on"); or a text that "reads" ("the statement reads")."""
    lemma = tok.lemma_.lower()
    text_verb = lemma in TEXT_VERBS and on(TEXT_SAYS) and bool(words & REPORTING)
    if tok.pos_ != "VERB" or lemma not in words and not text_verb:
        return False  # the cheap tests first: this is asked of every token
    if on(NEGATED) and any(c.dep_ == "neg" for c in tok.children):
        return False
    if text_verb:
        return any(c.dep_ in SUBJECTS and c.lemma_.lower() in TEXTS for c in tok.children)
    needed = NEEDS_PARTICLE.get(lemma)
    if needed and words is FRAGMENT_VERBS and lemma in NAMING:
        return True  # "called the plan "reckless"" names it: no particle needed
    return not needed or any(c.dep_ in ("prt", "prep") and c.lower_ in needed for c in tok.children)


def pobj(prep):
    """The object of a preposition."""
    if prep is None:
        return None
    return next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
