"""Casualty and arrest figures stated in a sentence: killed, injured, displaced, arrested.

Pure text functions (no model), so they are testable and fast. A figure is taken as stated:
"more than 2,000" is 2000, "an estimated 300" is 300, "no one was hurt" is 0. The words are in
`events.json` ("counts").
"""

from __future__ import annotations

import re

from ..document.records import COUNT_KEYS
from ..entities.words import WORDS
from ..resources import load

_DATA = load("events")["counts"]
_NUMBERS = _DATA["number_words"]
_UNITS, _TENS, _SCALES = _NUMBERS["units"], _NUMBERS["tens"], _NUMBERS["scales"]
_WINDOWS = _DATA["windows"]


def _any(words) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace."""
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in sorted(words, key=len, reverse=True))


_NUMBER_WORD = _any([*_UNITS, *_TENS, *_SCALES])
_SCALE_WORDS = _any(w for w in _SCALES if _SCALES[w] >= 100)
# One number as written: digits with thousands separators ("9,500", "2.5 million"; the comma in
# "Ana Ruiz, 31, was held" ends the age, it separates no thousands) or number words
# ("twenty-three", "two hundred"). "a"/"an" count only before a scale word ("a thousand").
NUMBER = (
    rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:\s+(?:{_SCALE_WORDS}))?"
    rf"|(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?:{_NUMBER_WORD}))*))"
)
_HEDGE = rf"(?:(?:{_any(_DATA['hedges']['words'])})\s+)*"  # the figure after a hedge is used as stated
_PEOPLE = rf"(?:[\w-]+\s+){{0,{_WINDOWS['people_modifiers']}}}?(?:{_any(_DATA['people']['words'])})"
_PERSON = rf"(?:{_any({*_DATA['person']['words'], *WORDS['person_nouns']})})"  # "a soldier was killed" is one
_AUX = rf"(?:{_any(_DATA['auxiliaries']['words'])})"
_NOT_PEOPLE = _any(_DATA["not_people"]["words"])
_LEAVE = _any(_DATA["leave_verbs"]["words"])
_TALLY = _any(_DATA["tally_nouns"]["words"])
_TALLY_WORDS = _WINDOWS["tally_words"]
_FIGURES = {key: _DATA["figures"][key] for key in COUNT_KEYS}
_VERBS = {key: _any(figure["forms"]) for key, figure in _FIGURES.items()}


def parse_number(text: str) -> int | None:
    """An integer from digits or English number words: "1,000" -> 1000, "twenty-three" -> 23,
    "two hundred" -> 200, "1.5 million" -> 1500000, "a dozen" -> 12."""
    text = text.strip().casefold().replace(",", "")
    match = re.fullmatch(rf"(\d+(?:\.\d+)?)(?:\s+({_SCALE_WORDS}))?", text)
    if match:
        value = float(match.group(1)) * _SCALES.get(match.group(2), 1)
        return int(value)
    total, current, seen = 0, 0, False
    for word in re.split(r"[\s-]+", text):
        if word == "and":
            continue
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word in _SCALES:
            scale = _SCALES[word]
            if scale < 1000:  # "two hundred", "a dozen": multiplies the words before it
                current = max(current, 1) * scale
            else:
                total += max(current, 1) * scale
                current = 0
        else:
            return None
        seen = True
    return total + current if seen else None


def _patterns(verb: str) -> list[re.Pattern]:
    fig = rf"(?P<n>{NUMBER})"
    return [
        # "killed an estimated 300 people", "injuring more than 2,000", "detained roughly 50"
        re.compile(rf"\b(?:{verb})\s+{_HEDGE}{fig}\b(?!\s*(?:{_NOT_PEOPLE})\b)(?!\s*%)", re.IGNORECASE),
        # "at least 9,000 displaced", "11 soldiers were killed", "200 people have been arrested"
        re.compile(rf"\b{_HEDGE}{fig}\s+(?:{_PEOPLE}\s+)?(?:{_AUX}\s+)*(?:{verb})\b", re.IGNORECASE),
        # "leaving some 5,000 (people) homeless", "left 30 dead"
        re.compile(rf"\b(?:{_LEAVE})\s+{_HEDGE}{fig}\s+(?:{_PEOPLE}\s+)?(?:{verb})\b", re.IGNORECASE),
        # "a death toll of 30", "the number of injured rose to 40"
        re.compile(rf"\b(?:{verb})\s+(?:{_TALLY})\s+(?:\w+\s+){{0,{_TALLY_WORDS}}}?(?:of|to|at)\s+{_HEDGE}{fig}\b",
                   re.IGNORECASE),
    ]


def _one_person(verb: str) -> list[re.Pattern]:
    before, after = _WINDOWS["person_modifiers_before"], _WINDOWS["person_modifiers_after"]
    return [
        re.compile(rf"\b(?:a|an|one)\s+(?:[\w-]+\s+){{0,{before}}}?{_PERSON}\s+(?:{_AUX}\s+)*(?:{verb})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{verb})\s+(?:a|an|one)\s+(?:[\w-]+\s+){{0,{after}}}?{_PERSON}\b", re.IGNORECASE),
    ]


def _none(figure: dict) -> re.Pattern | None:
    """Stated absence: "no one was hurt", "no injuries were reported", "there were no casualties"."""
    parts = []
    if figure["none_forms"]:
        parts.append(rf"\b(?:{_any(_DATA['nobody']['words'])})\s+(?:{_AUX}\s+)?(?:{_any(figure['none_forms'])})\b")
    if figure["none_nouns"]:
        nouns = _any(figure["none_nouns"])
        parts.append(rf"\bno\s+(?:\w+\s+or\s+)?(?:{nouns})\b|\bwithout\s+(?:any\s+)?(?:{nouns})\b")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


_COMPILED = {key: _patterns(verb) for key, verb in _VERBS.items()}
_ONE = {key: _one_person(verb) for key, verb in _VERBS.items() if key != "displaced"}
# "toll" alone means deaths.
_TOLL = "toll"
_COMPILED["killed"].append(re.compile(rf"\b(?:death\s+)?{_TOLL}\s+(?:\w+\s+){{0,{_TALLY_WORDS}}}?(?:of|to|at)\s+{_HEDGE}"
                                      rf"(?P<n>{NUMBER})\b", re.IGNORECASE))
_NONE = {key: _none(figure) for key, figure in _FIGURES.items()}


class _Keywords:
    """The first word of each phrase, as the patterns spell it: every pattern of a figure holds one
    of its phrases, so a sentence without any of their first words needs no pattern run. Matched
    as case-insensitive substrings (like the patterns, without word bounds): an alternation regex
    of ~60 words cost 50 us a sentence, these `in` tests a tenth of it."""

    def __init__(self, words):
        found = {w.split()[0].lower() for w in words}
        # "kill" covers "killed": a word holding another keyword adds nothing
        self.words = tuple(sorted(w for w in found if not any(o != w and o in w for o in found)))

    def search(self, sentence: str) -> bool:
        lowered = sentence.lower()
        return any(w in lowered for w in self.words)


_KEYWORDS = {key: _Keywords([*figure["forms"], *figure["none_forms"], *figure["none_nouns"], *([_TOLL] if key == "killed" else [])])
             for key, figure in _FIGURES.items()}
_ANY_KEYWORD = _Keywords([w for k in _KEYWORDS.values() for w in k.words])


def extract_counts(sentence: str) -> dict:
    """The figures a sentence states, as {killed, injured, displaced, arrested}: int or None."""
    counts = dict.fromkeys(COUNT_KEYS)
    if not _ANY_KEYWORD.search(sentence):  # most sentences state no figure
        return counts
    for key in COUNT_KEYS:
        if not _KEYWORDS[key].search(sentence):
            continue
        none = _NONE.get(key)
        if none and none.search(sentence):
            counts[key] = 0
            continue
        for pattern in _COMPILED[key]:
            for match in pattern.finditer(sentence):
                value = parse_number(match.group("n"))
                # "a"/"an" alone are articles ("killed a soldier" is one, but "an estimated" is a hedge).
                if value is not None and match.group("n").strip().casefold() not in ("a", "an", "no"):
                    counts[key] = value
                    break
            if counts[key] is not None:
                break
        if counts[key] is None and any(p.search(sentence) for p in _ONE.get(key, ())):
            counts[key] = 1
    return counts


def has_counts(counts: dict) -> bool:
    return any(value is not None for value in counts.values())
