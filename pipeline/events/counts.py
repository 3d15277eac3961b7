"""Casualty and arrest figures stated in a sentence: killed, injured, displaced, arrested.

Pure text functions (no model), so they are testable and fast. A figure is taken as stated:
"more than 1,000" is 1000, "an estimated 227" is 227, "no one was hurt" is 0.
"""

from __future__ import annotations

import re

from ..document.records import COUNT_KEYS

_UNITS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19,
}
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_SCALES = {"dozen": 12, "hundred": 100, "thousand": 1000, "million": 1_000_000}
_NUMBER_WORD = "|".join(sorted([*_UNITS, *_TENS, *_SCALES], key=len, reverse=True))

# One number as written: digits with separators ("16,000", "1.5 million") or number words
# ("twenty-three", "two hundred"). "a"/"an" count only before a scale word ("a thousand").
NUMBER = (
    r"(?:\d[\d,]*(?:\.\d+)?(?:\s+(?:million|thousand|hundred))?"
    rf"|(?:(?:{_NUMBER_WORD})(?:[\s-]+(?:and\s+)?(?:{_NUMBER_WORD}))*))"
)
# Hedges before a figure; the figure is used as stated.
_HEDGE = (
    r"(?:(?:an?\s+)?(?:estimated|reported|total\s+of|further|additional)\s+|at\s+least\s+|more\s+than\s+"
    r"|over\s+|nearly\s+|almost\s+|about\s+|around\s+|approximately\s+|roughly\s+|some\s+|up\s+to\s+"
    r"|as\s+many\s+as\s+|close\s+to\s+|fewer\s+than\s+|less\s+than\s+|another\s+)*"
)
_PEOPLE = (
    r"(?:[\w-]+\s+){0,3}?(?:people|persons|civilians|militants|soldiers|protesters|protestors|fighters"
    r"|troops|children|women|men|police(?:men)?|officers|demonstrators|residents|villagers|activists"
    r"|students|workers|refugees|migrants|others|members|rebels|insurgents|supporters|journalists"
    r"|passengers|individuals|families)"
)

# One person, named by a singular noun: "a soldier was killed", "police arrested a man" is one.
_PERSON = (
    r"(?:person|civilian|soldier|man|woman|child|boy|girl|baby|officer|policeman|policewoman|journalist"
    r"|prisoner|detainee|student|protester|protestor|demonstrator|worker|resident|villager|activist|farmer"
    r"|teenager|militant|fighter|rebel|passenger|pilot|guard|driver|teacher|doctor|nurse|member|suspect"
    r"|priest|tourist|migrant|refugee)"
)

_VERBS = {
    "killed": r"kill(?:ed|ing|s)?|dead|died|deaths?|massacred|slain|shot\s+dead|lost\s+their\s+lives",
    "injured": r"injur(?:ed|ing|ies|y|es)|wound(?:ed|ing|s)?|hurt",
    "displaced": r"displac(?:ed|ing|ement)|homeless|forced\s+(?:from|to\s+flee)|fled|uprooted",
    "arrested": r"arrest(?:ed|ing|s)?|detain(?:ed|ing|s)?|held\s+in\s+custody|taken\s+into\s+custody"
                r"|rounded\s+up|jailed|apprehended",
}


def parse_number(text: str) -> int | None:
    """An integer from digits or English number words: "1,000" -> 1000, "twenty-three" -> 23,
    "two hundred" -> 200, "1.5 million" -> 1500000, "a dozen" -> 12."""
    text = text.strip().casefold().replace(",", "")
    match = re.fullmatch(r"(\d+(?:\.\d+)?)(?:\s+(million|thousand|hundred))?", text)
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
        # "killed an estimated 227 people", "injuring more than 1,000", "arrested approximately 200"
        re.compile(rf"\b(?:{verb})\s+{_HEDGE}{fig}\b(?!\s*(?:%|percent|per\s+cent|years?|days?|hours?|km|miles))",
                   re.IGNORECASE),
        # "at least 16,000 displaced", "11 militants were killed", "200 people have been arrested"
        re.compile(rf"\b{_HEDGE}{fig}\s+(?:{_PEOPLE}\s+)?(?:(?:were|was|have\s+been|had\s+been|are|been|"
                   rf"got|reportedly|reported)\s+)*(?:{verb})\b", re.IGNORECASE),
        # "leaving at least 16,000 (people) displaced", "left 30 dead"
        re.compile(rf"\b(?:leaving|left|leave|leaves)\s+{_HEDGE}{fig}\s+(?:{_PEOPLE}\s+)?(?:{verb})\b", re.IGNORECASE),
        # "a death toll of 30", "the number of injured rose to 40"
        re.compile(rf"\b(?:{verb})\s+(?:toll|count|number)\s+(?:\w+\s+){{0,3}}?(?:of|to|at)\s+{_HEDGE}{fig}\b",
                   re.IGNORECASE),
    ]


_COMPILED = {key: _patterns(verb) for key, verb in _VERBS.items()}
_ONE = {
    key: [
        re.compile(rf"\b(?:a|an|one)\s+(?:[\w-]+\s+){{0,3}}?{_PERSON}\s+(?:(?:was|has\s+been|had\s+been|"
                   rf"reportedly)\s+)*(?:{verb})\b", re.IGNORECASE),
        re.compile(rf"\b(?:{verb})\s+(?:a|an|one)\s+(?:[\w-]+\s+){{0,2}}?{_PERSON}\b", re.IGNORECASE),
    ]
    for key, verb in _VERBS.items() if key != "displaced"
}
# "toll" alone means deaths.
_COMPILED["killed"].append(re.compile(rf"\b(?:death\s+)?toll\s+(?:\w+\s+){{0,3}}?(?:of|to|at)\s+{_HEDGE}"
                                      rf"(?P<n>{NUMBER})\b", re.IGNORECASE))

# Stated absence: "no one was hurt", "no injuries were reported", "there were no casualties".
_NONE = {
    "killed": re.compile(r"\bno\s+(?:one|body|people)\s+(?:was\s+|were\s+)?(?:killed|died)\b|\bnobody\s+"
                         r"(?:was\s+)?killed\b|\bno\s+(?:\w+\s+or\s+)?(?:deaths|fatalities|casualties)\b", re.IGNORECASE),
    "injured": re.compile(r"\bno\s+(?:one|body|people)\s+(?:was\s+|were\s+)?(?:hurt|injured|wounded)\b|\bnobody\s+"
                          r"(?:was\s+)?(?:hurt|injured)\b|\bno\s+(?:injuries|casualties)\b|\bno\s+\w+\s+or\s+"
                          r"injuries\b|\bwithout\s+(?:any\s+)?injur", re.IGNORECASE),
    "arrested": re.compile(r"\bno\s+(?:one|body)\s+(?:was\s+|has\s+been\s+)?(?:arrested|detained)\b|\bno\s+arrests\b",
                           re.IGNORECASE),
}


def extract_counts(sentence: str) -> dict:
    """The figures a sentence states, as {killed, injured, displaced, arrested}: int or None."""
    counts = dict.fromkeys(COUNT_KEYS)
    for key in COUNT_KEYS:
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
