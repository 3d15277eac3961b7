"""The events extractor's view of a Doc's columns (`pipeline/document/columns.py`, read from spaCy
once per Doc and shared by all extractors): lemmas, word forms, dependency labels and tags
lower-cased once per Doc, as the trigger tables and the dictionary key them.

The extractor scans every word of the body, so it reads these lists and makes spaCy Tokens only
for the few words that can be triggers.
"""

from __future__ import annotations

from typing import NamedTuple

from ..document.columns import columns as doc_columns

_COLUMNS = "newsbeam_events_columns"
_LOWERED: dict[str, str] = {}  # string -> lower-cased, shared by all docs


def lowered(strings: list[str]) -> list[str]:
    """Each string lower-cased, memoised across docs (most words recur)."""
    try:
        return list(map(_LOWERED.__getitem__, strings))
    except KeyError:  # words not seen before in this process
        for s in set(strings).difference(_LOWERED):
            _LOWERED[s] = s.lower()
        return list(map(_LOWERED.__getitem__, strings))


class Columns(NamedTuple):
    head: list  # token.head.i
    dep: list  # token.dep_
    pos: list  # token.pos_
    tag: list  # token.tag_
    ent_type: list  # token.ent_type_
    idx: list  # token.idx
    lower: list  # token.lower_
    lemma: list  # lemma_of(token): token.lemma_.lower()
    key: list  # token.lower_.lower(): the form the word tables key
    dep_lower: list  # token.dep_.lower()
    tag_lower: list  # token.tag_.lower()


def columns(doc) -> Columns:
    """The Doc's events columns, built on first use and kept in `doc.user_data`."""
    found = doc.user_data.get(_COLUMNS)
    if found is None:
        base = doc_columns(doc)
        found = doc.user_data[_COLUMNS] = Columns(
            head=base.head, dep=base.dep, pos=base.pos, tag=base.tag, ent_type=base.ent_type, idx=base.idx,
            lower=base.lower, lemma=lowered(base.lemma), key=lowered(base.lower), dep_lower=lowered(base.dep),
            tag_lower=lowered(base.tag))
    return found
