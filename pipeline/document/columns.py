"""A Doc's token attributes as plain lists, read from spaCy once per Doc and shared by the extractors.

Every `doc[i]` and every step of `for tok in doc` makes a new spaCy `Token`, and reading its string
attributes costs more than most rules that read them. The whole-document scans (entity recovery,
the reference resolver, the quote finders) read these lists instead and make Tokens only for the
few words that can be what they look for. Each list holds what the Token attribute named beside it
gives; the Doc must not change after the first call (extraction never edits it).
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.attrs import (
    DEP,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_LOWER,
    IS_PUNCT,
    IS_SPACE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SPACY,
    TAG,
)
from spacy.parts_of_speech import NAMES as POS_NAMES

_COLUMNS = "newsbeam_columns"
_CHILDREN = "newsbeam_children"
_ATTRS = [ORTH, LOWER, SPACY, IDX, TAG, POS, DEP, HEAD, ENT_TYPE, LEMMA, IS_SPACE, IS_LOWER, IS_ALPHA, IS_PUNCT]
_STRINGS: dict[int, str] = {}  # spaCy string hash -> string, shared by all docs (hashes are stable)


class Columns(NamedTuple):
    text: list  # token.text
    lower: list  # token.lower_
    ws: list  # token.whitespace_ (" " or "")
    idx: list  # token.idx
    tag: list  # token.tag_
    pos: list  # token.pos_
    dep: list  # token.dep_
    head: list  # token.head.i
    ent_type: list  # token.ent_type_
    lemma: list  # token.lemma_
    is_space: list  # token.is_space
    is_lower: list  # token.is_lower
    is_alpha: list  # token.is_alpha
    is_punct: list  # token.is_punct


def children(doc) -> dict[int, list[int]]:
    """Token i -> the indices of its children in order (`token.children`), built once per Doc."""
    found = doc.user_data.get(_CHILDREN)
    if found is None:
        found = doc.user_data[_CHILDREN] = {}
        for i, head in enumerate(columns(doc).head):
            if head != i:
                found.setdefault(head, []).append(i)
    return found


def _texts(hashes: list, strings) -> list[str]:
    try:
        return list(map(_STRINGS.__getitem__, hashes))
    except KeyError:  # strings not seen before in this process
        for h in set(hashes).difference(_STRINGS):
            _STRINGS[h] = strings[h]
        return list(map(_STRINGS.__getitem__, hashes))


def columns(doc) -> Columns:
    """The Doc's columns, built on first use and kept in `doc.user_data`."""
    found = doc.user_data.get(_COLUMNS)
    if found is not None:
        return found
    n = len(doc)
    if not n:
        found = Columns(*([] for _ in Columns._fields))
    else:
        strings = doc.vocab.strings
        orth, lower, spacy, idx, tag, pos, dep, head, ent, lemma, space, is_lower, alpha, punct = (
            doc.to_array(_ATTRS).T.tolist())
        found = Columns(
            text=_texts(orth, strings),
            lower=_texts(lower, strings),
            ws=[" " if s else "" for s in spacy],
            idx=idx,
            tag=_texts(tag, strings),
            pos=list(map(POS_NAMES.__getitem__, pos)),
            dep=_texts(dep, strings),
            # HEAD is stored as an offset from the token, unsigned in the array
            head=[i + (h if h < 2**63 else h - 2**64) for i, h in enumerate(head)],
            ent_type=_texts(ent, strings),
            lemma=_texts(lemma, strings),
            is_space=[bool(s) for s in space],
            is_lower=[bool(s) for s in is_lower],
            is_alpha=[bool(s) for s in alpha],
            is_punct=[bool(s) for s in punct],
        )
    doc.user_data[_COLUMNS] = found
    return found
