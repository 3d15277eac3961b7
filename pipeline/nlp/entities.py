"""Canonical entities of one article from a parsed spaCy `Doc`.

First version (the entities issue deepens it): clean each NER span, group identical names, and
merge a surname into the full person name used in the article, whatever label the model gave it.
"""

from __future__ import annotations

import re
from collections import Counter

from .records import Entity, EntityIndex, Mention

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")
_POSSESSIVE = re.compile(r"(?:['\u2019]s?|['\u2019])$")
_LEADING = re.compile(r"^(?:the|The|THE)\s+")
_TRAILING = re.compile(r"[\s.,;:!?\"'\u2018\u2019\u201c\u201d()\[\]\-\u2014\u2013]+$")
_LEADING_PUNCT = re.compile(r"^[\s\"'\u2018\u2019\u201c\u201d(\[\-\u2014\u2013]+")


def clean_span(text: str, start: int) -> tuple[str, int, int]:
    """Strip a leading article, quotes, possessive and trailing punctuation; return new offsets."""
    end = start + len(text)
    for pattern, at_start in ((_LEADING_PUNCT, True), (_LEADING, True)):
        match = pattern.match(text)
        if match:
            start += match.end()
            text = text[match.end():]
    while True:
        before = text
        for pattern in (_TRAILING, _POSSESSIVE):
            match = pattern.search(text)
            if match and match.start() > 0:
                text = text[: match.start()]
        if text == before:
            break
    return text, start, start + len(text)


def _key(name: str) -> str:
    return " ".join(name.casefold().split())


def extract_entities(doc) -> EntityIndex:
    """Group the doc's named entities into canonical entities (one per real-world thing)."""
    groups: dict[str, list[tuple[Mention, str]]] = {}
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        text, start, end = clean_span(ent.text, ent.start_char)
        if not text or not any(ch.isalpha() for ch in text):
            continue
        groups.setdefault(_key(text), []).append((Mention(start, end, text), ent.label_))

    # Merge a one-word group into a longer group whose last word it is, when the longer one is
    # a person ("Haftar" -> "Khalifa Haftar", even where the model tagged "Haftar" ORG).
    persons = [k for k, ms in groups.items() if " " in k and any(label == "PERSON" for _, label in ms)]
    for key in list(groups):
        if " " in key:
            continue
        owners = [p for p in persons if p.split()[-1] == key]
        if len(owners) == 1:
            groups[owners[0]].extend(groups.pop(key))

    entities = []
    for members in groups.values():
        members.sort(key=lambda ml: ml[0].start)
        labels = Counter(label for _, label in members)
        has_full_person = any(label == "PERSON" and " " in m.text for m, label in members)
        etype = "PERSON" if has_full_person else labels.most_common(1)[0][0]
        name = max((m.text for m, _ in members), key=lambda t: (len(t.split()), len(t)))
        entities.append(Entity(name=name, type=etype, mentions=[m for m, _ in members]))
    entities.sort(key=lambda e: e.mentions[0].start)
    return EntityIndex(entities)
