"""Word lists and token tests shared by the entity modules.

The lists live in data/entity_lexicon.json and name kinds of words (titles, organisation words,
place nouns), never particular entities. `name_key` is how names are compared everywhere: the way
the evaluation compares them.
"""

from __future__ import annotations

import re
import unicodedata

from ..resources import load

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")

LEXICON = load("entity_lexicon")
WORDS = {key: frozenset(value) for key, value in LEXICON.items() if isinstance(value, list)}
HONORIFICS, ROLES, RULERS, MODIFIERS = WORDS["honorifics"], WORDS["roles"], WORDS["rulers"], WORDS["modifiers"]
TITLE_HEADS = HONORIFICS | ROLES | RULERS  # words that make a title (modifiers only qualify them)
TITLE_WORDS = TITLE_HEADS | MODIFIERS
WEAK = WORDS["weak_labels"]  # labels the small model assigns almost at random (F1 0.3-0.5)

QUOTES = "\"'`\u2018\u2019\u201c\u201d"
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z&]{1,6}$")


def bare(word: str) -> str:
    """A word as the lists hold it: lower case, no final period ("Dr." -> "dr")."""
    return word.casefold().rstrip(".")


def name_key(text: str) -> str:
    """Compare names as the evaluation does: case, punctuation, "the" and "'s" ignored."""
    text = re.sub(r"['\u2019]s\b", "", unicodedata.normalize("NFKC", text).casefold())
    kept = "".join(" " if unicodedata.category(c) == "Pd" else c for c in text
                   if not unicodedata.category(c).startswith("P") or unicodedata.category(c) == "Pd")
    return re.sub(r"^the ", "", " ".join(kept.split()))


def is_acronym(text: str) -> bool:
    """"LNA", "U.S.", "AT&T"."""
    return bool(_ACRONYM.match(text))


def is_cap(token) -> bool:
    """Capitalised, also as a hashtag or handle ("#NoDrones", "@AguilB")."""
    return token.text[:1].isupper() or (token.text[:1] in "#@" and token.text[1:2].isupper())


def glued(doc, i: int) -> bool:
    """Token i is written without a space after token i-1 ("Young-shik")."""
    return i > 0 and doc[i - 1].whitespace_ == "" and not doc[i - 1].is_space
