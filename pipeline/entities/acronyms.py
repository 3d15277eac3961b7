"""Acronym definitions, "Long Form Name (ACR)": the long form is one name and the acronym its alias.

The small model often cuts such a long form ("the Brazilian-supported Initiative for the Integration
of Regional Infrastructure in South America (IIRSA)" -> "Integration of Regional Infrastructure" +
"South America") and leaves the acronym untagged. After Schwartz & Hearst (2003, "A simple algorithm
for identifying abbreviation definitions in biomedical text"): the long form is a run of words right
before the parenthesis, starting with a word whose initial is the acronym's first letter, at most
min(len + 5, 2 * len) words long, whose letters spell the acronym in order. Adapted to names: only
capitalised words and function words ("of", "the", "against") may be in it, letters should be word
initials, and of the candidates the one that needs the fewest exceptions wins, then the shortest.
"""

from __future__ import annotations

from functools import lru_cache

from ..rules import on, rule
from .spans import Span, overlapping, replace
from .words import QUOTES, WORDS, is_acronym, is_cap

LONG_FORMS = rule("entities.acronym_long_forms",
                  "'Agency for Rural Water Supply (ARWS)': the run of words the acronym spells is one name")

# Exceptions a long form may need: a capitalised word with no letter in the acronym, or a letter
# taken from inside a word after its initial ("Kudankulam" -> "KK"). More than one is mostly chance.
_MAX_MISFITS = 1
_INF = 99
_PLACES_AND_PEOPLE = ("GPE", "LOC", "PERSON")  # inside a longer name, only part of it ("... in South America")


def define_acronyms(doc, spans: list[Span]) -> None:
    """Make each defined long form one span (spans nested in it go) and tag its untagged acronym
    with the long form's label, so that the acronym links to it (see entities.py). Both ways round:
    "Long Form (ACR)" and "ACR (Long Form)"."""
    if not on(LONG_FORMS):
        return
    for i in range(1, len(doc) - 1):
        if not is_acronym(doc[i].text):
            continue
        if doc[i - 1].text == "(" and doc[i + 1].text in (")", ";", ","):
            end = i - 1
            while end > 0 and (doc[end - 1].text in QUOTES or doc[end - 1].is_space and "\n" not in doc[end - 1].text):
                end -= 1  # "'People's Movement Against Nuclear Energy' (PMANE)"
            _make_long_form(doc, spans, long_form_start(doc, end, doc[i].text), end, doc[i])
            named = overlapping(spans, end - 1, end)
            if named is not None and end <= named.end < i and not overlapping(spans, i, i + 1):
                spans.append(Span(i, i + 1, named.label))
        elif doc[i + 1].text == "(":
            close = next((j for j in range(i + 3, min(i + 20, len(doc))) if doc[j].text == ")"), None)
            start = long_form_start(doc, close, doc[i].text) if close else None
            if start == i + 2 and _make_long_form(doc, spans, start, close, doc[i]) and not overlapping(spans, i, i + 1):
                spans.append(Span(i, i + 1, overlapping(spans, start, close).label))  # "the AERB (Atomic Energy ...)"


def _make_long_form(doc, spans: list[Span], start: int | None, end: int, acronym) -> bool:
    return start is not None and _fits(doc, spans, start, end) and replace(
        spans, start, end, _label(spans, start, end, acronym))


def long_form_start(doc, end: int, acronym: str) -> int | None:
    """Token index where the long form of `acronym` ending before token `end` starts, or None."""
    letters = "".join(c for c in acronym.lower() if c.isalnum())
    words: list[tuple[int, str, bool]] = []  # (token index, lower-case word, capitalised content word?)
    k = end
    while k > 0 and len(words) < min(len(letters) + 5, 2 * len(letters)):
        tok = doc[k - 1]
        if tok.tag_ == "POS" or tok.text in ("-", "&") or tok.text in QUOTES:
            k -= 1  # "People's", "Al-Qaeda", "R&D": glue inside a name
            continue
        function = tok.lower_ in WORDS["function_words"]
        if not (function or is_cap(tok) and any(c.isalpha() for c in tok.text)):
            break  # a lower-case word, a number or punctuation ends the name
        words.insert(0, (k - 1, "".join(c for c in tok.lower_ if c.isalnum()), not function))
        k -= 1
    best: tuple[int, int] | None = None  # (misfits, -start)
    for n in range(len(words) - 1, -1, -1):  # shortest first: ties keep the shorter
        index, word, content = words[n]
        if content and word[:1] == letters[0]:
            misfits = _misfits(letters, tuple((w, c) for _, w, c in words[n:]))
            if misfits <= _MAX_MISFITS and (best is None or misfits < best[0]):
                best = (misfits, index)
    return best[1] if best is not None else None


@lru_cache(maxsize=1024)
def _misfits(letters: str, words: tuple[tuple[str, bool], ...]) -> int:
    """Fewest exceptions with which `words` spell `letters` in order, each letter the initial of a
    word or (an exception) a later letter of a word whose initial is used; a capitalised word that
    gives no letter is an exception, a function word may give its initial or nothing."""
    if not words:
        return 0 if not letters else _INF
    (word, content), rest = words[0], words[1:]
    best = _misfits(letters, rest) + content  # the word gives no letter
    if letters and word[:1] == letters[0]:
        best = min(best, _misfits(letters[1:], rest))
        # further letters from inside the word, in order, one exception each
        taken, pos = 1, 0
        while taken < len(letters) and (pos := word.find(letters[taken], pos + 1)) > 0:
            taken += 1
            best = min(best, _misfits(letters[taken:], rest) + taken - 1)
    return best


def _fits(doc, spans: list[Span], start: int, end: int) -> bool:
    """Not "a Public Interest Litigation (PIL)" (a kind of thing, not a name), and no span runs
    across the long form's edges (the model saw another name there); a span that only adds a
    leading "the" or quote marks is trimmed to the long form."""
    if start > 0 and doc[start - 1].lower_ in ("a", "an"):
        return False
    for s in spans:
        if s.start < start < s.end or s.start < end < s.end:
            if not all(t.tag_ == "DT" or t.text in QUOTES for t in [*doc[s.start:start], *doc[end:s.end]]):
                return False
            s.start, s.end = max(s.start, start), min(s.end, end)
    return True


def _label(spans: list[Span], start: int, end: int, acronym) -> str:
    """The label of the largest span inside the long form, unless that is only a place or person
    within it; else what the model called the acronym; else ORG."""
    inside = [s for s in spans if start <= s.start and s.end <= end]
    if inside:
        largest = max(inside, key=lambda s: s.end - s.start)
        if largest.end - largest.start == end - start or largest.label not in _PLACES_AND_PEOPLE:
            return largest.label
    return acronym.ent_type_ if acronym.ent_type_ in ("ORG", "GPE", "NORP", "FAC") else "ORG"
