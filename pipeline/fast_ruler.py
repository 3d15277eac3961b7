"""The model's own `attribute_ruler`, matched by index: the same patterns, the same spaCy code
setting the attributes, a fraction of the matching time (the whole parse about 15% less).

The English model's attribute_ruler maps each fine tag to its coarse POS and morphology and fixes
some words ("gonna", auxiliaries, "that" as a conjunction). It holds about 180 one- and two-token
patterns, and spaCy's rule Matcher evaluates every IN/NOT_IN/REGEX predicate of them on every
token: about 15% of the whole model's parse.

`IndexedRuler` reads the ruler's patterns when the model loads and files each one under a value
its first token must have (its LOWER, TAG or DEP, or each value of an IN list), so a token is
tested only against the patterns that can start on it. It hands its matches, ordered as the
ruler orders them, to the ruler's own `set_annotations`: the tokens get the ruler's attributes.
A pattern it cannot read (operators, other predicates, extension attributes) leaves the ruler
as it is. tests/test_fast_ruler.py checks the matches against the ruler's on every token.
"""

from __future__ import annotations

import re

from spacy.attrs import IDS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

NAME = "newsbeam_indexed_ruler"
RULER = "attribute_ruler"
# Attributes a pattern may test, read for all tokens in one `Doc.to_array`. Flags are 0 or 1.
STRINGS = ("ORTH", "LOWER", "NORM", "TAG", "POS", "DEP", "LEMMA", "SHAPE")
FLAGS = ("IS_SPACE", "IS_PUNCT", "IS_ALPHA", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "LIKE_NUM")
SEEN_LIMIT = 50_000  # distinct (word, tag, dependency, ...) rows kept: about 20 MB at most
# Which attribute of a first token files its pattern, most selective first.
INDEX_ORDER = ("ORTH", "LOWER", "NORM", "TAG", "DEP", "POS", "LEMMA", "SHAPE", *FLAGS)


class Unsupported(ValueError):
    """A pattern this matcher cannot read; the ruler then stays in the pipeline."""


def _value(attr: str, value) -> int:
    if attr in FLAGS:
        if not isinstance(value, bool):
            raise Unsupported(f"{attr} takes true or false, not {value!r}")
        return int(value)
    if not isinstance(value, str):
        raise Unsupported(f"{attr} compared with {value!r}")
    return get_string_id(value)


def _test(attr: str, spec):
    """(column, kind, operand) for one attribute of one pattern token."""
    attr = {"TEXT": "ORTH"}.get(attr.upper(), attr.upper())
    if attr not in STRINGS and attr not in FLAGS:
        raise Unsupported(f"attribute {attr}")
    if not isinstance(spec, dict):
        return attr, "eq", _value(attr, spec)
    if len(spec) != 1:
        raise Unsupported(f"{attr}: {spec!r}")
    (op, operand), = spec.items()
    if op in ("IN", "NOT_IN"):
        return attr, op, frozenset(_value(attr, v) for v in operand)
    if op == "REGEX" and attr in STRINGS:
        return attr, op, re.compile(operand)
    raise Unsupported(f"{attr}: {op}")


class IndexedRuler:
    """Finds the attribute ruler's matches; call it on a Doc after the parser (as the ruler runs)."""

    def __init__(self, ruler):
        self.ruler = ruler
        groups = [(attr_id, ruler.vocab.strings.add(str(attr_id)),
                   [[_token(spec) for spec in pattern] for pattern in group["patterns"]])
                  for attr_id, group in enumerate(ruler.patterns)]
        used = {attr for _, _, patterns in groups for pattern in patterns for token in pattern
                for attr, _, _ in token}
        # One column per attribute the patterns test; tests then name columns by position.
        self.columns = sorted(used, key=INDEX_ORDER.index)
        if not self.columns:
            raise Unsupported("no pattern tests an attribute")
        self.ids = [IDS[attr] for attr in self.columns]
        at = {attr: i for i, attr in enumerate(self.columns)}
        self.index: list[dict[int, list]] = [{} for _ in self.columns]
        self.anywhere: list = []  # patterns whose first token has no value to file them under
        self._seen: dict[tuple, tuple] = {}
        for attr_id, match_id, patterns in groups:
            for pattern in patterns:
                if not pattern:
                    raise Unsupported("an empty pattern")
                entry = (attr_id, match_id, [tuple((at[attr], kind, operand) for attr, kind, operand in token)
                                             for token in pattern])
                filed = _keys(pattern[0])
                if filed is None:
                    self.anywhere.append(entry)
                else:
                    attr, values = filed
                    for value in values:
                        self.index[at[attr]].setdefault(value, []).append(entry)

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """(attr_id, match_id, start, end) for each match, sorted as `AttributeRuler.match` sorts."""
        if not len(doc):
            return []
        rows = [tuple(row) for row in doc.to_array(self.ids).reshape(len(doc), -1).tolist()]
        found = []
        for start, row in enumerate(rows):
            known = self._seen.get(row)
            if known is None:
                known = self._first(row, doc.vocab.strings)
            ones, longer = known
            found.extend((attr_id, match_id, start, start + 1) for attr_id, match_id in ones)
            for attr_id, match_id, rest in longer:
                end = start + 1 + len(rest)
                if end <= len(rows) and all(_passes(rows[start + 1 + i], tests, doc.vocab.strings)
                                            for i, tests in enumerate(rest)):
                    found.append((attr_id, match_id, start, end))
        return sorted(set(found))

    def _first(self, row: tuple, strings) -> tuple:
        """For one token's attribute values: the one-token patterns it matches, and the longer
        patterns whose first token it matches. Tokens repeat ("the" as a determiner), so this is
        kept; the table is emptied when it grows past `SEEN_LIMIT` rows."""
        candidates = list(self.anywhere)
        for filed, value in zip(self.index, row):
            candidates.extend(filed.get(value, ()))
        ones, longer = set(), []
        for attr_id, match_id, tokens in candidates:
            if _passes(row, tokens[0], strings):
                if len(tokens) == 1:
                    ones.add((attr_id, match_id))
                else:
                    longer.append((attr_id, match_id, tokens[1:]))
        if len(self._seen) >= SEEN_LIMIT:
            self._seen.clear()
        known = self._seen[row] = (tuple(ones), tuple(longer))
        return known

    def __call__(self, doc: Doc) -> Doc:
        self.ruler.set_annotations(doc, self.match(doc))
        return doc


def _token(spec) -> tuple:
    if not isinstance(spec, dict) or "OP" in spec or "_" in spec:
        raise Unsupported(f"pattern token {spec!r}")
    return tuple(_test(attr, value) for attr, value in spec.items())


def _keys(tests) -> tuple[str, list[int]] | None:
    """The attribute and values a first token is filed under: one literal, or each value of an
    IN list; None when it has neither (then it is tried on every token)."""
    for wanted in ("eq", "IN"):
        for attr in INDEX_ORDER:
            for column, kind, operand in tests:
                if column == attr and kind == wanted:
                    return attr, [operand] if kind == "eq" else list(operand)
    return None


def _passes(row: tuple, tests, strings) -> bool:
    for column, kind, operand in tests:
        value = row[column]
        if kind == "eq":
            if value != operand:
                return False
        elif kind == "IN":
            if value not in operand:
                return False
        elif kind == "NOT_IN":
            if value in operand:
                return False
        elif not operand.search(strings[value] if value else ""):
            return False
    return True


@Language.factory(NAME, assigns=["token.tag", "token.pos", "token.morph", "token.lemma", "token.dep"])
def make_indexed_ruler(nlp: Language, name: str):
    return IndexedRuler(nlp.get_pipe(RULER))


def use_indexed_ruler(nlp: Language) -> bool:
    """Put an `IndexedRuler` in the attribute ruler's place; the ruler stays in the pipeline,
    disabled, holding the patterns and attribute values the index uses. False, with the pipeline
    unchanged, when the model has no ruler or one of its patterns is of a kind the index does not
    read."""
    if RULER not in nlp.pipe_names:
        return False
    try:
        nlp.add_pipe(NAME, after=RULER)
    except Unsupported:
        return False
    nlp.disable_pipe(RULER)
    return True
