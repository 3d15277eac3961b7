"""Token spans that may name an entity: the model's spans cut where they run past a name, and
helpers to edit a span list. recovery.py adds the spans the model missed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document.doccache import ents
from ..rules import on, rule
from .places import country_code, named_place, place
from .words import ENTITY_TYPES, RULERS, TITLE_WORDS, WORDS, glued, is_acronym, is_cap

HYPHEN_TAIL = rule("entities.hyphen_tail", "the model stops at a hyphen inside a name: 'Kim Soo' + '-min' is one name")
HYPHEN_COMPOUND = rule("entities.hyphen_compound",
                       "a capitalised word glued on by a hyphen, directly or through a particle, continues a name: "
                       "'Bourg' + '-la-Reine', 'Basse' + '-Terre' (not 'Paris-Oslo', nor a people's 'Afro-Cuban')")
CUT_AT_BREAKS = rule("entities.cut_at_breaks",
                     "a line break, parenthesis, slash, double quote or inner 'the' ends a name: 'Oslo\\n\\nThe'")
QUOTED_NICKNAME = rule("entities.quoted_nickname",
                       "a word in double quotes inside a person's name is a nickname, no name of its own: "
                       "'Tomas \"Tom\" Varga'")


CHAMBER_CAUCUS = rule("entities.chamber_caucus",
                      "a body's name right before a party's members is one group: 'Senate Democrats', 'Tarvo "
                      "Council Greens'")
AT_JOINS_NAMES = rule("entities.at_joins_names",
                      "'at' between two names in one span separates them: 'Ulvik Museum at Tarvo University'")
COMMA_JOINS_NAMES = rule("entities.comma_joins_names",
                         "a comma inside a span separates two names: 'Varna Bay, Cape Orlov'")
OF_THE_NAMES = rule("entities.of_the_names",
                    "'the' after 'of'/'for' inside a span is part of the name: 'Society of the Harbour Pilots'")
NO_HEADING_WORD = rule("entities.no_heading_word",
                       "a one-word line is a heading, not a name: 'Overview\\n\\nTartu is ...' (a gazetteer place stays)")


NAME_START = rule("entities.name_start",
                  "an untagged proper noun the span's words are compounded with belongs to the name: 'Vilko' + "
                  "'Sarunaitis', 'Ode' + 'Lindqvist'")


ORG_TAIL = rule("entities.org_tail",
                "the model stops an organisation's name before 'of', 'for' or 'and' and more capitalised words "
                "of it: 'Tarvo Academy' + 'of Dramatic Art', 'Society for Rivers' + 'and Lakes'")


PLACE_POSSESSOR = rule("entities.place_possessor",
                       "a place's possessive opening a span is no part of the name after it: 'Tarvo’s Water "
                       "Board', 'Varnak’s Ada Lind' (the model glues them when the apostrophe is curly)")
ACRONYM_BEFORE_KIND = rule("entities.acronym_before_kind",
                           "an acronym opening a name headed by 'a'/'an' names the body; the rest is a kind of thing: "
                           "'a UNESCO World Heritage Site' -> UNESCO")


ORDINAL_TITLE = rule("entities.ordinal_title",
                     "an ordinal before a title makes it a peerage, no name, and the name after its 'of' a place: "
                     "'Ada Lind, 3rd Baroness of Tarvoch' -> Tarvoch (GPE)")


ADJACENT_PERSONS = rule("entities.adjacent_persons",
                        "two person spans the model wrote side by side, nothing between, are one name: 'Ada Maria' "
                        "+ 'Lind Berg'")


_ORDINAL = re.compile(r"\d+(st|nd|rd|th)")


@dataclass
class Span:
    start: int  # token offsets, end exclusive
    end: int
    label: str
    person: bool = False  # found by a person cue (a title, a speech verb): evidence beyond the label
    dateline: bool = False  # the place of a wire story's dateline ("LIMA (Reuters) -")
    team: bool = False  # a name in a line of sports results ("Tartu 2 Narva 1")
    owner: int | None = None  # a handle's: the first token of the name it follows ("Rita Ojo (@rita_o)")


def overlapping(spans: list[Span], start: int, end: int) -> Span | None:
    """The first span that shares a token with [start, end)."""
    return next((s for s in spans if s.start < end and start < s.end), None)


def replace(spans: list[Span], start: int, end: int, label: str, override_person: bool = True) -> bool:
    """Put [start, end) in as `label` when every span it overlaps lies inside it."""
    hits = [s for s in spans if s.start < end and start < s.end]
    if any(s.start < start or s.end > end or s.label == "PERSON" and not override_person for s in hits):
        return False
    for hit in hits:
        spans.remove(hit)
    spans.append(Span(start, end, label))
    return True


def name_tokens_ok(doc, start: int, end: int) -> bool:
    """Every token could be part of a name: capitalised, a particle ("bin", "van"), or glued on."""
    return end > start and all(is_cap(t) or t.lower_ in WORDS["name_particles"] or t.text == "-" or glued(doc, t.i)
                               for t in doc[start:end])


def model_spans(doc) -> list[Span]:
    """The model's entity spans of the types we keep, each cut where it runs past a name."""
    result = []
    place_at = None  # where the place of a peerage title just cut off starts ("1st Earl" + "of Tarvo")
    for ent in ents(doc):
        if ent.label_ in ENTITY_TYPES:
            end = ent.end
            # "Kim Soo" + "-min": the model sometimes stops at a hyphen inside a person's name; a lower-case
            # syllable after it is part of the name (a capitalised one starts a compound: "Afro-Cuban").
            while on(HYPHEN_TAIL) and end + 1 < len(doc) and doc[end].text == "-" and glued(doc, end) \
                    and glued(doc, end + 1) and doc[end + 1].is_lower and ent.label_ == "PERSON":
                end += 2
            if on(HYPHEN_COMPOUND) and ent.label_ != "NORP":
                end = _hyphen_compound(doc, end)
            start = ent.start
            # "Vilko" + "Sarunaitis": the model sometimes leaves out a first name it does not know; a
            # capitalised proper noun compounded onto the span, in no entity of its own, starts the name.
            while on(NAME_START) and start > 0 and _leads_name(doc[start - 1], start, end):
                start -= 1
            while on(NAME_START) and end < len(doc) and _ends_name(doc, start, end):
                end += 1  # "Ode" + "Lindqvist": the head the span's last word is compounded onto
            label = "GPE" if ent.start == place_at else ent.label_
            if on(ORDINAL_TITLE) and (of := _ordinal_title(doc, start, end)) is not None:
                if of + 1 >= end:  # the place is the next span: "1st Earl" + "of" + "Tarvo"
                    place_at = of + 1
                    continue
                start, label = of + 1, "GPE"
            if on(ORG_TAIL) and label == "ORG":
                end = _org_tail(doc, start, end)
            if on(ADJACENT_PERSONS) and result and label == "PERSON" and _abuts(doc, result[-1], start):
                start = result.pop().start  # "Ada Maria" + "Lind Berg": one name cut in two
            elif on(CHAMBER_CAUCUS) and result and _caucus(doc, result[-1], start, end, label):
                start, label = result.pop().start, "ORG"  # "Senate" + "Democrats": the chamber's caucus
            result += _pieces(doc, Span(start, end, label))
    return [s for s in result if s.start < s.end and not (on(NO_HEADING_WORD) and _heading(doc, s))]


def _ordinal_title(doc, start: int, end: int) -> int | None:
    """The offset of "of" in "3rd Baroness of Tarvoch" (in the span or right after it): an ordinal
    and a hereditary title; None for any other span, or a title with no "of" ("14th Dalai Lama")."""
    if end - start < 2 or not _ORDINAL.fullmatch(doc[start].lower_) or doc[start + 1].lower_ not in RULERS:
        return None
    return next((i for i in range(start + 2, min(end + 1, len(doc))) if doc[i].lower_ == "of"), None)


def _hyphen_compound(doc, end: int) -> int:
    """The end of a name that goes on after `end` through a hyphen: past lower-case particles
    ("-la-", "-en-") to a capitalised word in no span of the model's ("Bourg-la-Reine", "Basse-Terre").
    Not a word that names a place of its own: "the Paris-Oslo flight" joins two names."""
    i = end
    while i + 1 < len(doc) and doc[i].text == "-" and glued(doc, i) and glued(doc, i + 1):
        word = doc[i + 1]
        if word.is_lower and word.lower_ in WORDS["hyphen_particles"]:
            i += 2
        elif is_cap(word) and not word.ent_type_ and not named_place(word.text):
            return i + 2
        else:
            break
    return end


def _pieces(doc, span: Span) -> list[Span]:
    """The names one model span holds: split off a place's possessive, cut at breaks, an acronym
    split off a kind of thing."""
    spans = _place_possessor(doc, span) if on(PLACE_POSSESSOR) else [span]
    spans = [piece for s in spans for piece in _cut(doc, s)]
    return [piece for s in spans for piece in (_acronym_before_kind(doc, s) if on(ACRONYM_BEFORE_KIND) else [s])]


def _caucus(doc, before: Span, start: int, end: int, label: str) -> bool:
    """An ORG span right before a one-word NORP span of a party's members: "Senate Democrats"."""
    return before.label == "ORG" and before.end == start and label == "NORP" and end - start == 1 and \
        doc[start].lower_ in WORDS["party_members"] and "\n" not in doc[start - 1].whitespace_


def _abuts(doc, before: Span, start: int) -> bool:
    """A PERSON span ends right where the next starts, on one line, its last word no handle or capitals."""
    last = doc[before.end - 1]
    return before.label == "PERSON" and before.end == start and "\n" not in last.whitespace_ and is_cap(
        last) and is_cap(doc[start]) and last.text[:1] not in "@#" and not last.is_upper


def _leads_name(token, start: int, end: int) -> bool:
    return token.tag_ == "NNP" and is_cap(token) and not token.is_upper and not token.ent_type_ and token.dep_ in (
        "compound", "flat") and \
        start <= token.head.i < end and token.lower_ not in TITLE_WORDS and not token.is_sent_start


# words that follow a name without being part of it: a role ("NASA Administrator"), a body's kind
_NOT_NAME_ENDS = WORDS["org_words"] | WORDS["person_nouns"] | WORDS["honorifics"] | WORDS["roles"] | WORDS["rulers"] | \
    WORDS["modifiers"]


def _ends_name(doc, start: int, end: int) -> bool:
    token = doc[end]
    return token.tag_ == "NNP" and is_cap(token) and not token.is_upper and not token.ent_type_ and doc[
        end - 1].dep_ in ("compound", "flat") and doc[end - 1].head.i == end and token.lower_ not in _NOT_NAME_ENDS


_ORG_CONNECTORS = WORDS["name_inner_preps"] | {"and", "&"}


def _org_tail(doc, start: int, end: int) -> int:
    """The end of an ORG span [start, end) with the capitalised words after its 'of'/'for' (when it
    ends in an organisation word) or its 'and' (when it holds 'of'/'for', or the words after end in
    an organisation word), words in no entity of their own. The model's span may hold the
    connecting word already ("the Tarvo Centre for Rivers and")."""
    last = end if end < len(doc) and doc[end].lower_ in _ORG_CONNECTORS else end - 1
    if last <= start or doc[last].lower_ not in _ORG_CONNECTORS or "\n" in doc[last - 1].whitespace_:
        return end
    tail = last + 1
    while tail < len(doc) and is_cap(doc[tail]) and (tail < end or not doc[tail].ent_type_) and \
            doc[tail].lower_ not in TITLE_WORDS:
        tail += 1
        if "\n" in doc[tail - 1].whitespace_:
            break
    if tail <= max(end, last + 1) or place(doc[last + 1:tail].text):  # "Tarvo Church of Varnak": a place
        return end
    if doc[last].lower_ in WORDS["name_inner_preps"]:
        return tail if doc[last - 1].lower_ in WORDS["org_words"] else end
    inner = any(t.lower_ in WORDS["name_inner_preps"] for t in doc[start:last])
    return tail if inner or doc[tail - 1].lower_ in WORDS["org_words"] else end


def _place_possessor(doc, span: Span) -> list[Span]:
    """"Chile’s National Water Board": a country or gazetteer place and its possessive, then a
    capitalised name, are two names (not "People's Republic" or "King's College": no place owns them)."""
    for i in range(span.start + 1, span.end - 1):
        if doc[i].tag_ == "POS":
            owner = doc[span.start:i].text
            if (country_code(owner) or place(owner)) and is_cap(doc[i + 1]):
                return [Span(span.start, i, "GPE"), Span(i + 1, span.end, span.label)]
            break
    return [span]


def _acronym_before_kind(doc, span: Span) -> list[Span]:
    """"a UNESCO World Heritage Site", "an EU Commission proposal": the acronym after the article is
    the body's name (ORG); the words after it, still headed by the article, a kind of thing."""
    first = doc[span.start]
    if span.end - span.start < 2 or span.start == 0 or doc[span.start - 1].lower_ not in WORDS["indefinite_articles"] \
            or not (is_acronym(first.text) and first.text.isalpha()):
        return [span]
    return [Span(span.start, span.start + 1, "ORG"), Span(span.start + 1, span.end, span.label)]


def _breaks_name(token) -> bool:
    return _line_break(token) or token.text in "()/" or token.text in WORDS["double_quote_marks"]


def _line_break(token) -> bool:
    return token.is_space and "\n" in token.text


def _heading(doc, piece: Span) -> bool:
    """A piece that is one word on a line of its own, and no gazetteer place ("Kenya" as a heading)."""
    return piece.end - piece.start == 1 and piece.end < len(doc) and (
        _line_break(doc[piece.end]) or "\n" in doc[piece.start].whitespace_) and (
        piece.start == 0 or _line_break(doc[piece.start - 1]) or "\n" in doc[piece.start - 1].whitespace_) and not place(
        doc[piece.start].text)


def _joins_two_names(doc, start: int, i: int) -> bool:
    """Token i, inside a span that starts at `start`, sits between two names: an inner "the" (not
    "Society of the Harbour Pilots"), a comma or "at" between capitalised words ("Varna Bay, Cape
    Orlov", "the University of Tarvo at Ostrel")."""
    word = doc[i].text
    if word == "the":
        return not _of_the(doc, start, i)
    if word == ",":
        return on(COMMA_JOINS_NAMES) and is_cap(doc[i + 1])
    return word == "at" and on(AT_JOINS_NAMES) and is_cap(doc[i - 1]) and is_cap(doc[i + 1])


def _of_the(doc, start: int, i: int) -> bool:
    """"the" at i is inside an "X of the Y" name ("Society of the Harbour Pilots"), not after a
    title ("Chair of the Rail Board": the board is the name)."""
    return on(OF_THE_NAMES) and doc[i - 1].lower_ in WORDS["name_inner_preps"] and not (
        i - 1 - start == 1 and doc[start].lower_ in TITLE_WORDS)


def _cut(doc, span: Span) -> list[Span]:
    """One span cut at a line break ("Oslo\\n\\nThe mayor"), a parenthesis ("Port Authority (PA"), a
    slash ("Greenpeace/Oxfam"), a double quote or an inner "the"."""
    if not on(CUT_AT_BREAKS):
        return [span]
    pieces, cut = [], span.start
    for i in range(span.start, span.end - 1):
        if _breaks_name(doc[i]) or i > cut and _joins_two_names(doc, cut, i):
            pieces.append(Span(cut, i, span.label))
            cut = i + 1
    pieces.append(Span(cut, span.end, span.label))
    if on(QUOTED_NICKNAME) and span.label == "PERSON":
        return [p for p in pieces if not _quoted_inside(doc, span, p)]
    return pieces


def _quoted_inside(doc, span: Span, piece: Span) -> bool:
    """"Tomas "Tom" Varga": the piece is quoted on both sides within the span."""
    return span.start < piece.start and piece.end < span.end and \
        doc[piece.start - 1].text in WORDS["double_quote_marks"] and doc[piece.end].text in WORDS["double_quote_marks"]
