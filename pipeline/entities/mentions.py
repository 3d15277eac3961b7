"""One written name: the cleaned text of a span, its peeled title, and the evidence around it.

`make_mention` turns a token span into a `NameMention`: edge punctuation, "the", possessives and
trailing lower-case words dropped, a title peeled off (titles.py). `read_context` then notes the
evidence around it: where it stands ("in X", "the town of X", "X district", "on X") and the names it
is listed with. The typing step (types.py) weighs that evidence over all mentions of one entity.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document.columns import columns
from ..rules import on, rule
from .places import is_place
from .spans import Span
from .titles import split_title
from .words import QUOTES, ROLES, RULERS, TITLE_HEADS, WORDS, bare, glued_at, name_key

COMMA_PLACE_NAMES = rule("entities.comma_place_names",
                          "'X, <place>' makes X a place only when X is one word or a gazetteer place: "
                          "not a team listed before a town")
POST_NOMINALS = rule("entities.post_nominals",
                     "honours and degrees after a person's name are no part of it: 'Ada Lind FRS', 'Ida Holm "
                     "DBE, PhD'")
LANDFORM_OF = rule("entities.landform_of",
                   "a name after a lower-case landform word and 'of' is a place: 'the desert of Varna', 'the "
                   "coast of Ostrel'")
KIND_WORD_AFTER = rule("entities.kind_word_after",
                       "a name written before a lower-case way or landform noun names a facility or a location: "
                       "'the Lind avenue', 'the Verde river'")
WORK_TITLES = rule("entities.work_titles",
                   "a title after a work noun or before a year in parentheses names a work, no body or person: "
                   "'the film Quiet Harbour', 'Quiet Harbour (1998)'")
EDITORIAL_BRACKETS = rule("entities.editorial_brackets",
                          "square brackets inside a name are an editor's insertion, not a boundary: '[Ada] Lind'")
TRAILING_TITLE = rule("entities.trailing_title",
                      "a person's name of three words or more does not end in a title word: 'the Ada Lind Justice "
                      "Act' names Ada Lind")
TRAILING_ROLE = rule("entities.trailing_role",
                     "a role word ending a non-person name is dropped: 'Transport Ministry Spokesperson' -> the ministry")
LISTED_BEFORE_KIND = rule("entities.listed_before_kind",
                          "the first of two names before a plural place or kind noun is of that kind too: "
                          "'the Varnak and Ostrel districts', 'Tarvo and Kessel lakes'")
KNOWN_AS = rule("entities.known_as",
                "a name given, right after another name and a comma, as its other name is that name's: 'Ada "
                "Lind (born 1950), better known as Ada Varga, is ...', 'Tarvo, known by its old name Varnak'")
US_STATE_CODES = rule("entities.us_state_codes",
                      "a town followed by a comma and a US state's code is a place, and so is the code: "
                      "'Varnak, OK'")

_ENDINGS = "|".join(sorted(w.capitalize() for w in WORDS["abbreviations"]))
_ABBREVIATION = re.compile(rf"(?:^|[\s-])(?:[A-Za-z]\.)+$|\b(?:{_ENDINGS})\.$")
# quote marks inside a name go (the single quote stays: it doubles as an apostrophe)
_INNER = "".join(sorted({c for mark in WORDS["double_quote_marks"] for c in mark} - {"'"}))
_ORDINAL = re.compile(r"^\d+(?:st|nd|rd|th)$")  # "23rd Street", "1st Congress"
_YEAR = re.compile(r"^1\d{3}$|^20\d{2}$")
_INNER_QUOTES = re.compile(f"[{re.escape(_INNER)}]+")
_BRACKETS = re.compile(r"[\[\]]+")


@dataclass
class NameMention:
    start: int  # surface offsets (with the title when the article writes it in the span)
    end: int
    text: str
    name: str  # without a peeled title
    label: str
    title: str | None = None
    person: bool = False  # evidence beyond the model's label that this is a person
    ruler: bool = False
    headline: bool = False
    place: bool = False  # written where a place goes: "in X", "the town of X", "X, <place>"
    strong_place: bool = False
    conj: list[tuple] = field(default_factory=list)  # (label, one word?) of entities listed with it
    conj_at: list[int] = field(default_factory=list)  # where those entities are (character offsets)
    known_as: int | None = None  # "X, also known as <this>": where X's last word is (character offset)
    after_on: bool = False  # "on X", "via X": a platform rather than a person
    inside: bool = False  # "in X", "near X": where a place goes, seldom a person or a body
    det_before: bool = False  # "the Grand Prix": a thing, not a person
    work: bool = False  # the title of a creative work: "the film X", "X (1998)"
    kind_after: str | None = None  # "FAC"/"LOC": a lower-case way or landform word after it ("the Lind avenue")
    dateline: bool = False  # the place of a wire story's dateline ("LIMA 2001-05-02")
    team: bool = False  # a name in a line of sports results
    owner: int | None = None  # a handle's: the character offset of the person's name it follows
    given: bool = False  # led by a given name, and nothing in it names a body or a place (types.py)
    _key: tuple = ("", "", [])

    @property
    def key(self) -> str:
        if self._key[0] != self.name:  # cached: clustering compares keys many times
            self._key = (self.name, name_key(self.name), name_key(self.name).split())
        return self._key[1]

    @property
    def words(self) -> list[str]:
        self.key  # noqa: B018 -- refreshes the cache
        return self._key[2]


# ----------------------------------------------------------------------------- from span to mention


def make_mention(doc, text: str, span: Span, person_words: set[str], headline_end: int) -> NameMention | None:
    """The mention a span writes, or None when nothing name-like is left after cleaning.
    `person_words`: words of the names the model (or a cue) called a person, for titles."""
    cols = columns(doc)
    words, idx = cols.text, cols.idx
    start, end = _trim(cols, span.start, span.end)
    if start >= end:
        return None
    label = span.label
    if on(POST_NOMINALS) and (label == "PERSON" or span.person):
        while end - start > 1 and (bare(words[end - 1]) in WORDS["post_nominals"] or _edge_junk(cols, end - 1)) \
                and not cols.is_lower[end - 1]:
            end -= 1  # "Ada Lind FRS", "Ada Lind, DBE"
    if on(TRAILING_TITLE) and label == "PERSON" and not span.person and end - start > 2 and bare(
            words[end - 1]) in TITLE_HEADS and not cols.is_lower[end - 1]:
        end -= 1  # "the Ada Lind Justice Act": a person's name ends before a title word, not with it
    if on(TRAILING_ROLE) and label != "PERSON" and end - start > 1 and bare(words[end - 1]) in ROLES:
        end -= 1  # "Transport Ministry Spokesperson": the body the spokesperson speaks for
    surface_start, name_start, title, person, label = split_title(doc, start, end, label, span.person, person_words)
    text_end = idx[end - 1] + len(words[end - 1])
    surface, s_start = _char_clean(text[idx[surface_start]:text_end], idx[surface_start])
    name, _ = _char_clean(text[idx[name_start]:text_end], idx[name_start])
    name = " ".join(_INNER_QUOTES.sub(" ", name).split())  # 'the "Blue Lagoon" Resort' 
    if on(EDITORIAL_BRACKETS):
        name = " ".join(_BRACKETS.sub(" ", name).split())  # "[Ada] Lind": the editor's insertion is part of the name
    if not name or not any(c.isupper() for c in name) and not (span.person and name.startswith("@")):
        return None
    return NameMention(s_start, s_start + len(surface), surface, name, label, title=title, person=person,
                       ruler=title is None and bare(words[name_start]) in RULERS,
                       headline=s_start < headline_end, dateline=span.dateline, team=span.team,
                       owner=None if span.owner is None else idx[span.owner])


def _edge_junk(cols, i: int) -> bool:
    """Token i (of the Doc's columns) is punctuation, a blank, a possessive or a mark."""
    word = cols.text[i]
    return cols.is_punct[i] or cols.is_space[i] or cols.tag[i] == "POS" or word in QUOTES or not any(
        c.isalnum() for c in word)


def _particle_or_cap(cols, i: int) -> bool:
    word = cols.text[i]
    return not cols.is_lower[i] or cols.lower[i] in WORDS["name_particles"] or bool(_ORDINAL.match(word)) or \
        word[:1] == "@"  # a handle


def _trim(cols, start: int, end: int) -> tuple[int, int]:
    """Drop edge punctuation, articles, possessives and lower-case words (not name particles)."""
    while start < end and (_edge_junk(cols, start) or cols.tag[start] == "DT" or not _particle_or_cap(cols, start)):
        start += 1
    while end > start:
        if _edge_junk(cols, end - 1) or not _particle_or_cap(cols, end - 1) and not glued_at(cols, end - 1):
            end -= 1
        else:
            break
    return start, end


def _char_clean(text: str, start: int) -> tuple[str, int]:
    """Edges the tokenizer leaves inside tokens: '#', quotes, "’s", a final '.' (not of "E.U.", "Inc.")."""
    lead = len(text) - len(text.lstrip("#([" + QUOTES + " "))
    text, start = text[lead:], start + lead
    while True:
        before = text
        if len(text) > 2:
            text = re.sub(r"['\u2019]s?$", "", text)
        if text.endswith(".") and not _ABBREVIATION.search(text):
            text = text[:-1]
        text = text.rstrip(",;:!?)]" + QUOTES + " \n\t-\u2013\u2014")
        if text == before:
            return text, start


# ----------------------------------------------------------------------------- context


def read_context(doc, span: Span, label_at: dict[int, str], m: NameMention) -> None:
    """Note where the mention stands: after a locative word, in a list, after "on"."""
    cols = columns(doc)
    _words_before(cols, span.start, label_at, m)
    _words_after(cols, span.end, label_at, m)
    # the model's span may hold the article itself ("the Grand Prix" as one span)
    m.det_before = cols.tag[span.start] == "DT" or span.start > 0 and cols.tag[span.start - 1] == "DT"
    _listed_with(doc, span, label_at, m)
    # (a person's name before a year is a citation: "Lind (2004)")
    m.work = on(WORK_TITLES) and (_year_after(cols, span.end) and m.label != "PERSON" or _work_noun_before(cols, span.start))
    if on(KNOWN_AS):
        m.known_as = _known_as(doc, cols, span.start)


def _known_as(doc, cols, start: int) -> int | None:
    """"Ada Lind (born 1950), better known as Ada Varga, ...", "Tarvo, known by its old name
    Varnak": the clause right after a name (and its parenthesis), past a comma, gives it another name
    (not "the hangar, known as Hangar Nine": no name before it). Where the first name ends."""
    k = start - 1
    while k > 0 and cols.lower[k] != "known" and start - k <= 5 and not cols.is_punct[k]:
        k -= 1  # back over "as", "by her pseudonym", "the"
    if k < 2 or cols.lower[k] != "known" or not (cols.lower[start - 1] in ("as", "the") or cols.lower[
            start - 1] in WORDS["other_name_nouns"]):
        return None
    j = k - 1
    while j > 0 and cols.pos[j] == "ADV":  # "also", "better", "commonly"
        j -= 1
    if cols.text[j] != ",":  # not "the town of Varnak (known as the Old Harbour)": which is?
        return None
    j -= 1
    if cols.text[j] == ")":  # the name's own parenthesis: "(born 1950)"
        depth = 0
        while j > 0 and not (cols.text[j] == "(" and depth == 1):
            depth += (cols.text[j] == ")") - (cols.text[j] == "(")
            j -= 1
        j -= 1
    return cols.idx[j] if j >= 0 and cols.pos[j] == "PROPN" else None


def _year_after(cols, end: int) -> bool:
    """"X (1998)": a year alone in parentheses after a title dates a work (a person's dates are a
    span, "(1920-1990)", or born: "(born 1970)")."""
    text = cols.text
    return end + 2 < len(text) and text[end] == "(" and _YEAR.match(text[end + 1]) is not None and text[end + 2] == ")"


def _work_noun_before(cols, start: int) -> bool:
    """"the period drama X", "her novel X": a lower-case work noun right before the title."""
    return start > 0 and cols.is_lower[start - 1] and cols.pos[start - 1] == "NOUN" and cols.lemma[start - 1] in WORDS[
        "work_nouns"]


def _words_before(cols, start: int, label_at: dict[int, str], m: NameMention) -> None:
    """Context read from the Doc's columns (pipeline.document.columns), as are the two below."""
    if start == 0:
        return
    prev = cols.lower[start - 1]
    m.place = prev in WORDS["locative_preps"]
    m.after_on = prev in WORDS["platform_preps"]
    # (not "in Ada's book": the possessor of a thing in which)
    m.inside = prev in WORDS["inside_preps"] and "POS" not in cols.tag[start:start + 4]
    if cols.text[start - 1] == "," and (label_at.get(start - 2) == "GPE" or is_place(m.name) and _placed(
            cols, start - 2, label_at)):
        m.place = True  # "from Tavira, Algarve": a town, then the region it is in
    if prev == "of" and start > 1 and (cols.lemma[start - 2].lower() in WORDS["place_nouns"] or on(
            LANDFORM_OF) and cols.is_lower[start - 2] and cols.lemma[start - 2] in WORDS["loc_heads"]):
        m.place = m.strong_place = True  # "the town of Oruro", "the region of Kakheti", "the desert of Varna"


def is_state_code(word: str) -> bool:
    """"OK", "NJ": a US state's code, in capitals, also with the periods of news style ("N.J.", "D.C.")."""
    if len(word) == 4 and word[1::2] == "..":
        word = word[::2]
    return len(word) == 2 and word.isupper() and word.lower() in WORDS["us_state_codes"]


def _placed(cols, i: int, label_at: dict[int, str]) -> bool:
    """The name ending at token i is written where a place goes ("from Tavira"), whatever its label."""
    if i not in label_at:
        return False
    while i > 0 and label_at.get(i - 1) == label_at[i]:
        i -= 1
    return i > 0 and cols.lower[i - 1] in WORDS["locative_preps"]


def _words_after(cols, end: int, label_at: dict[int, str], m: NameMention) -> None:
    text, n = cols.text, len(cols.text)
    # "Tavira, Algarve": a place followed by the larger place it is in.
    if end + 1 < n and text[end] == "," and (
            label_at.get(end + 1) == "GPE" or is_place(text[end + 1]) and end + 1 in label_at or on(
            US_STATE_CODES) and is_state_code(text[end + 1])):
        m.place = True
        # a town's name is short or listed: not "the Harbour City Pirates, Tartu ..." (a team in a list)
        m.strong_place = m.strong_place or not on(COMMA_PLACE_NAMES) or len(m.words) == 1 or is_place(m.name)
    _kind_noun(cols, end, m)
    if on(LISTED_BEFORE_KIND) and end + 2 < n and cols.lower[end] == "and" and not cols.is_lower[end + 1]:
        # "the Varnak and Ostrel districts", "Tarvo and Kessel lakes": a plural kind noun after
        # the pair is said of both names
        after = end + 1
        while after < n and not cols.is_lower[after] and cols.is_alpha[after]:
            after += 1
        if after < n and cols.tag[after] == "NNS":
            _kind_noun(cols, after, m)


def _kind_noun(cols, i: int, m: NameMention) -> None:
    """A lower-case place or kind noun at token i, said of the name: "X district", "the Lind avenue"."""
    if i >= len(cols.text) or not cols.is_lower[i]:
        return
    # "X district", "X town"; not "capital": before it stands a country's adjective ("the Chilean capital")
    lemma = cols.lemma[i]
    if lemma in WORDS["place_nouns"] and lemma not in WORDS["not_after_a_place"]:
        m.place = m.strong_place = True
    elif on(KIND_WORD_AFTER) and cols.pos[i] == "NOUN":
        # "the grand Lind avenue", "the Salt and Verde rivers": the name of a way or a landform
        m.kind_after = "FAC" if lemma in WORDS["fac_heads"] else "LOC" if lemma in WORDS["loc_heads"] else None


def _listed_with(doc, span: Span, label_at: dict[int, str], m: NameMention) -> None:
    """Entities listed together are usually of one kind: "Kazakhs and Uyghurs"."""
    start, end = span.start, span.end
    for tok in doc[start:end]:
        for other in [tok.head, *tok.children] if tok.dep_ == "conj" or any(
                c.dep_ == "conj" for c in tok.children) else []:
            if (other.dep_ == "conj" or tok.dep_ == "conj") and not start <= other.i < end and other.i in label_at:
                m.conj.append((label_at[other.i], other.i - 1 not in label_at and other.i + 1 not in label_at))
                m.conj_at.append(other.idx)

