"""A Doc's token attributes as plain lists, read from spaCy once per Doc.

Making a spaCy `Token` and reading its string attributes costs more than most rules that read
them; the extractor scans every word of the body, so it reads these lists and makes Tokens only
for the few words that can be triggers. Each list holds what the Token attribute named beside it
gives.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy
from spacy.attrs import DEP, ENT_TYPE, HEAD, IDX, LEMMA, LOWER, POS, TAG
from spacy.parts_of_speech import NAMES as POS_NAMES

_COLUMNS = "newsbeam_events_columns"


class Columns(NamedTuple):
    head: list  # token.head.i
    dep: list  # token.dep_
    pos: list  # token.pos_
    tag: list  # token.tag_
    ent_type: list  # token.ent_type_
    idx: list  # token.idx
    lower: list  # token.lower_
    lemma: list  # lemma_of(token): token.lemma_.lower()
    raw: tuple  # the spaCy string hashes of (lower, lemma, dep, tag) per token, for other tables


_TEXT: dict[int, str] = {}  # spaCy string hash -> string, shared by all docs (hashes are stable)
_LOWERED: dict[int, str] = {}  # spaCy string hash -> its string lower-cased


def texts(hashes: list, strings, lower: bool = False) -> list[str]:
    """The strings of spaCy string hashes (lower-cased with `lower`), memoised across docs."""
    table = _LOWERED if lower else _TEXT
    try:
        return list(map(table.__getitem__, hashes))
    except KeyError:  # words not seen before in this process
        for h in set(hashes).difference(table):
            table[h] = strings[h].lower() if lower else strings[h]
        return list(map(table.__getitem__, hashes))


def columns(doc) -> Columns:
    """The Doc's columns, built on first use and kept in `doc.user_data`."""
    found = doc.user_data.get(_COLUMNS)
    if found is not None:
        return found
    strings = doc.vocab.strings
    n = len(doc)
    array = doc.to_array([HEAD, DEP, LOWER, LEMMA, POS, TAG, ENT_TYPE, IDX])
    heads = (array[:, 0].astype("int64") + numpy.arange(n)).tolist()  # relative offsets, stored unsigned
    _, deps, lowers, lemmas, pos, tags, ents, idx = array.T.tolist() if n else ([],) * 8
    found = doc.user_data[_COLUMNS] = Columns(
        head=heads,
        dep=texts(deps, strings),
        pos=list(map(POS_NAMES.__getitem__, pos)),
        tag=texts(tags, strings),
        ent_type=texts(ents, strings),
        idx=idx,
        lower=texts(lowers, strings),
        lemma=texts(lemmas, strings, lower=True),
        raw=(lowers, lemmas, deps, tags),
    )
    return found


def lowered(h: int, strings) -> str:
    """The string of hash `h` lower-cased (memoised across docs)."""
    out = _LOWERED.get(h)
    if out is None:
        out = _LOWERED[h] = strings[h].lower()
    return out
