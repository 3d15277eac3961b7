"""Titles before names: where a title starts, where the name after it starts, and what to keep.

A title is a run of title words (resources/entities.json: honorifics, roles, rulers and the
modifiers that qualify them) such as "Acting Finance Minister", "Minister of Justice", "Ms".
It is peeled off into `Entity.title` ("Vice Admiral Ines Lund" -> "Ines Lund"), except a ruler's or
cleric's title before a single name, which names the person ("Queen Astrid", "Pope Linus").
"""

from __future__ import annotations

import re

from ..rules import on, rule
from .places import is_given_name
from .words import (
    HONORIFICS,
    MODIFIERS,
    NUMBERS,
    PERSON_NOUNS,
    RULERS,
    TITLE_HEADS,
    TITLE_WORDS,
    WORDS,
    bare,
    is_cap,
    name_key,
)

PEEL_TITLES = rule("entities.peel_titles",
                   "a title before a person's name goes to Entity.title: 'Deputy Mayor Ida Holm' -> 'Ida Holm'")
RULER_NAMES = rule("entities.ruler_names",
                   "a ruler's or cleric's title before a single name is part of it: 'Queen Astrid', 'Pope Linus'")

TITLE_IN_BODY_NAME = rule("entities.title_in_body_name",
                          "a title before a name that ends in a body's, building's or place's word belongs to that "
                          "name: 'Madame Lind Museum', 'King Olav Hospital' (no person)")
PERSON_NOUN_TITLE = rule("entities.person_noun_title",
                         "a capitalised person noun opening a sentence before a name is no part of it: "
                         "'Mathematician Ada Lind said'")

# words that end the name of a body, a building, a place or an event, not a person's
_KIND_ENDS = WORDS["org_words"] | WORDS["fac_heads"] | WORDS["loc_heads"] | WORDS["event_words"]
TITLE_NAME_MAX_WORDS = int(NUMBERS["title_name_max_words"])
_ROMAN = re.compile(r"^[IVX]+$")


def peel_title(doc, start: int, end: int) -> int:
    """Index of the first name token after a leading title ("Acting Finance Minister", "Ms")."""
    i, after = start, start
    if on(PERSON_NOUN_TITLE) and _opens_sentence(doc, start) and is_cap(doc[start]) and doc[start].lower_ in PERSON_NOUNS \
            and end - start > 1 and all(is_cap(t) for t in doc[start + 1:end]):
        i = after = start + 1  # "Mathematician Ada Lind said": a person noun capitalised by its place
    while i < end - 1:
        word = bare(doc[i].text)
        if word in TITLE_WORDS and is_cap(doc[i]):
            i += 1
            after = i if word in TITLE_HEADS else after
        elif word == "of" and i == after > start and i + 2 < end:  # "Minister of Justice Ana Lima"
            i, after = i + 2, i + 2
        elif doc[i].text == "." and i == after > start:  # "Dr ." tokenized apart
            i, after = i + 1, i + 1
        else:
            break
    return after


def _opens_sentence(doc, i: int) -> bool:
    """Token i opens a sentence, maybe after a reference mark or a quote ("[4] Poet Ada Lind ...")."""
    while i > 0 and not doc[i].is_sent_start and not any(c.isalpha() for c in doc[i - 1].text):
        i -= 1
    return doc[i].is_sent_start


def title_start(doc, start: int) -> int:
    """Start of a title written just before `start` ("Minister of Justice" + "Ana Lima")."""
    i = start
    while i > 0:
        prev = doc[i - 1]
        title_word = bare(prev.text) in TITLE_WORDS and is_cap(prev)
        # "Minister of Justice": "of" between a title head and a title word
        title_of = prev.text == "of" and i >= 2 and bare(doc[i - 2].text) in TITLE_HEADS and bare(
            doc[i].text) in TITLE_WORDS
        if not (title_word or title_of):
            break
        i -= 1
    # the title may go on inside the span: "Vice" before the span "Admiral Ines Lund"
    k = start
    while k < len(doc) and bare(doc[k].text) in TITLE_WORDS and is_cap(doc[k]):
        k += 1
    while i < start and bare(doc[i].text) not in TITLE_HEADS:  # a title starts with its head or modifier
        if bare(doc[i].text) in MODIFIERS and any(bare(t.text) in TITLE_HEADS for t in doc[i:k]):
            break
        i += 1
    return i


def split_title(doc, start: int, end: int, label: str, person: bool,
                person_words: set[str]) -> tuple[int, int, str | None, bool, str]:
    """Split the span [start, end) into title and name.

    Returns (surface start, name start, title, person, label): the surface is what the mention
    covers (the title too when the article wrote it inside the model's span; never half a title),
    a peeled title makes the mention a PERSON. A title is peeled only where a person is plausible:
    the model said PERSON, an honorific was used, or a short name holds a word of a person's name.
    """
    surface_start = start
    if not on(PEEL_TITLES):
        return surface_start, start, None, person, label
    if label == "PERSON" or person:
        start = title_start(doc, start)
    name_start = peel_title(doc, start, end)
    if name_start < end and doc[name_start].lower_ == "of":  # "Earl of Kessel" names its holder
        return surface_start, start, None, person, label
    if name_start <= start:
        return surface_start, name_start, None, person, label
    rest = doc[name_start:end]
    honorific = any(bare(t.text) in HONORIFICS for t in doc[start:name_start])
    # "Mrs Ada Park" is a person: an honorific before a given name and one more word
    surname = honorific and len(rest) == 2 and is_given_name(rest[0].text)
    if on(TITLE_IN_BODY_NAME) and bare(rest[-1].text) in _KIND_ENDS and not person and not surname:
        return surface_start, surface_start, None, person, label  # "King Olav Hospital": a building's name
    plausible = label == "PERSON" or person or honorific or (
        len(rest) <= TITLE_NAME_MAX_WORDS and any(w in person_words for w in name_key(rest.text).split()))
    if not plausible:
        return surface_start, surface_start, None, person, label
    single = len([t for t in rest if not _ROMAN.match(t.text)]) == 1  # "Queen Astrid", "Pope Linus II"
    if on(RULER_NAMES) and bare(doc[name_start - 1].text) in RULERS and single:
        surface_start = min(surface_start, name_start - 1)
        return surface_start, surface_start, None, True, label  # named by the title
    return (name_start if start < surface_start else start), name_start, doc[start:name_start].text, True, "PERSON"


def is_bare_title(name: str, label: str) -> bool:
    """Title words only ("Deputy Governor", "Minister"): nobody in particular."""
    words = name.split()
    return all(bare(w) in TITLE_WORDS for w in words) and any(bare(w) in TITLE_HEADS for w in words) and (
        len(words) > 1 or label == "PERSON")


def in_title_of(doc, span) -> bool:
    """"Justice" in "Minister of Justice": the span's words continue a title after "of"."""
    return span.start >= 2 and doc[span.start - 1].text == "of" and bare(
        doc[span.start - 2].text) in TITLE_HEADS and all(bare(t.text) in TITLE_WORDS for t in span)
