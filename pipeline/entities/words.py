"""The entity package's vocabulary and numeric windows, and the token tests built on them.

Everything comes from pipeline/resources/entities.json, where each list, table and number names its
source. The lists name kinds of words (titles, organisation words, place nouns), never particular
entities. The other extractors import the person vocabulary from here (imports run one way:
entities, then quotes, then events): `PERSON_NOUNS`, `HONORIFICS`, `ROLES`, `RULERS`, `TITLE_WORDS`,
or `WORDS[<list name>]`. `name_key` is how names are compared everywhere: the way the evaluation
compares them.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from ..document.columns import columns
from ..resources import load

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")

LEXICON = load("entities")
WORDS: dict[str, frozenset[str]] = {name: frozenset(entry["words"]) for name, entry in LEXICON["lists"].items()}
TABLES: dict[str, dict] = {name: entry["map"] for name, entry in LEXICON["tables"].items()}
NUMBERS: dict[str, float] = {name: entry["value"] for name, entry in LEXICON["numbers"].items()}

HONORIFICS, ROLES, RULERS, MODIFIERS = WORDS["honorifics"], WORDS["roles"], WORDS["rulers"], WORDS["modifiers"]
TITLE_HEADS = HONORIFICS | ROLES | RULERS  # words that make a title (modifiers only qualify them)
TITLE_WORDS = TITLE_HEADS | MODIFIERS
PERSON_NOUNS = WORDS["person_nouns"]
UNTYPED = ""  # the label of a name the model did not tag at all (recovery.py: untyped chains)
# labels the small model gets wrong more often than right, and no label at all: any type may apply
WEAK = WORDS["weak_labels"] | {UNTYPED}

QUOTES = "".join(mark for mark in WORDS["quote_marks"] if len(mark) == 1)  # for str.strip
_CAPITALS = "newsbeam_capitals"
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z&]{1,6}$")


def bare(word: str) -> str:
    """A word as the lists hold it: lower case, no final period ("Dr." -> "dr")."""
    return word.casefold().rstrip(".")


@lru_cache(maxsize=65536)  # names recur across mentions and clustering passes
def name_key(text: str) -> str:
    """Compare names as the evaluation does: case, punctuation, "the" and "'s" ignored."""
    text = re.sub(r"['\u2019]s\b", "", unicodedata.normalize("NFKC", text).casefold())
    kept = "".join(" " if unicodedata.category(c) == "Pd" else c for c in text
                   if not unicodedata.category(c).startswith("P") or unicodedata.category(c) == "Pd")
    return re.sub(r"^the ", "", " ".join(kept.split()))


def is_acronym(text: str) -> bool:
    """"NRB", "E.U.", "P&O"."""
    return bool(_ACRONYM.match(text))


def is_cap(token) -> bool:
    """Capitalised, also as a hashtag or handle ("#SaveTheDunes", "@RitaO")."""
    return cap(token.text)


def cap(text: str) -> bool:
    """`is_cap` of a token's text."""
    return text[:1].isupper() or (text[:1] in "#@" and text[1:2].isupper())


def capitals(doc) -> list[bool]:
    """`is_cap` of every token of the Doc, computed once (kept in `doc.user_data`)."""
    found = doc.user_data.get(_CAPITALS)
    if found is None:
        found = doc.user_data[_CAPITALS] = list(map(cap, columns(doc).text))
    return found


def glued(doc, i: int) -> bool:
    """Token i is written without a space after token i-1 ("Soo-min")."""
    return i > 0 and doc[i - 1].whitespace_ == "" and not doc[i - 1].is_space


def glued_at(cols, i: int) -> bool:
    """`glued` read from the Doc's columns (pipeline.document.columns)."""
    return i > 0 and cols.ws[i - 1] == "" and not cols.is_space[i - 1]
