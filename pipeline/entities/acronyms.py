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

from .words import QUOTES, WORDS, is_cap

# Exceptions a long form may need: a capitalised word with no letter in the acronym, or a letter
# taken from inside a word after its initial ("Kudankulam" -> "KK"). More than one is mostly chance.
_MAX_MISFITS = 1
_INF = 99


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
