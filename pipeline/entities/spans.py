"""Token spans that may name an entity: the model's spans, repaired, and helpers to edit a span list.

The small model cuts names in two ("Abdu Rabbu" + "Mansour Hadi"), stops at a hyphen
("Bong Young" + "-shik"), runs over line breaks, parentheses and possessives ("India's Atomic
Energy Commission"), and leaves a leading acronym out ("BNP" + "Paribas"). `model_spans` undoes
these; entity_recovery.py adds the spans it missed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rules import on, rule
from .places import country_code
from .words import ENTITY_TYPES, ROLES, WORDS, bare, glued, is_acronym, is_cap

HYPHEN_TAIL = rule("entities.hyphen_tail", "the model stops at a hyphen inside a name: 'Kim Soo' + '-min' is one name")
PERSON_HALVES = rule("entities.person_halves",
                     "two adjacent spans of name words, one a PERSON, are one person: 'Ana Maria' + 'Duarte Pinto'")
NATIONAL_BRANCH = rule("entities.national_branch",
                       "a body and the country heading its phrase are its national branch: 'Oxfam Canada said'")
LEADING_ACRONYM = rule("entities.leading_acronym",
                       "an acronym the model left before an ORG starts it: 'KLM' + 'Royal Dutch Airlines'")
CUT_AT_BREAKS = rule("entities.cut_at_breaks",
                     "a line break, parenthesis, slash, quote mark or inner 'the' ends a name")
CUT_COUNTRY_POSSESSIVE = rule("entities.cut_country_possessive",
                              "'Peru's Water Authority' is two names: the country and the body")
ACRONYM_BEFORE_EVENT = rule("entities.acronym_before_event",
                            "the acronym before an event's name is the body that holds it: 'FIBA Basketball World Cup'")
TITLED_OFFICE = rule("entities.titled_office",
                     "a body named after the post that heads it is a name: 'the County Coroner's office'")


@dataclass
class Span:
    start: int  # token offsets, end exclusive
    end: int
    label: str
    person: bool = False  # found by a person cue (a title, an age...): evidence beyond the label


def overlapping(spans: list[Span], start: int, end: int) -> Span | None:
    """The first span that shares a token with [start, end)."""
    return next((s for s in spans if s.start < end and start < s.end), None)


def replace(spans: list[Span], start: int, end: int, label: str, override_person: bool = True,
            person: bool = False) -> bool:
    """Put [start, end) in as `label` when every span it overlaps lies inside it."""
    hits = [s for s in spans if s.start < end and start < s.end]
    if any(s.start < start or s.end > end or s.label == "PERSON" and not override_person for s in hits):
        return False
    for hit in hits:
        spans.remove(hit)
    spans.append(Span(start, end, label, person))
    return True


def name_tokens_ok(doc, start: int, end: int) -> bool:
    """Every token could be part of a name: capitalised, a particle ("bin", "van"), or glued on."""
    return end > start and all(is_cap(t) or t.lower_ in WORDS["name_particles"] or t.text == "-" or glued(doc, t.i)
                               for t in doc[start:end])


def model_spans(doc) -> list[Span]:
    """The model's spans, repaired: halves of one name joined, hyphenated tails kept, cut at breaks."""
    result = []
    for span in _joined_spans(doc):
        result += _cut(doc, span)
    return [s for s in result if s.start < s.end]


def _joined_spans(doc) -> list[Span]:
    spans: list[Span] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        start, end, label = ent.start, ent.end, ent.label_
        # "Bong Young" + "-shik": the model sometimes stops at a hyphen inside a name.
        while on(HYPHEN_TAIL) and end + 1 < len(doc) and doc[end].text == "-" and glued(doc, end) and glued(doc, end + 1):
            end += 2
        if on(PERSON_HALVES) and spans and spans[-1].end == start and doc[start - 1].whitespace_ == " " and "PERSON" in (
                label, spans[-1].label) and name_tokens_ok(doc, spans[-1].start, end):
            spans[-1].end, spans[-1].label = end, "PERSON"  # "Abdu Rabbu" + "Mansour Hadi"
            continue
        # "Amnesty International UK said": a body's national branch, the country heading the phrase
        # (not "told BBC News US policy": there the country qualifies the next noun)
        if on(NATIONAL_BRANCH) and spans and spans[-1].end == start and spans[-1].label == "ORG" and label == "GPE" and doc[
                start - 1].dep_ == "compound" and start <= doc[start - 1].head.i < end and doc[end - 1].dep_ != "compound":
            spans[-1].end = end
            continue
        # "BNP Paribas": the model left an acronym that starts the name outside.
        while on(LEADING_ACRONYM) and label == "ORG" and start > 0 and is_acronym(doc[start - 1].text) and doc[start - 1].ent_type_ == "" \
                and doc[start - 1].whitespace_ == " ":
            start -= 1
        spans.append(Span(start, end, label))
    return spans


def titled_office(doc, i: int) -> bool:
    """Token i is an office word after a title's possessive: "the Los Angeles Sheriff's office",
    "the District Attorney's office". A body named after the post that heads it is a name; after a
    person's possessive ("Trump's office") it is not, hence a role word before the "'s"."""
    return on(TITLED_OFFICE) and i >= 2 and doc[i].lower_ in WORDS["office_words"] and doc[i - 1].tag_ == "POS" and bare(
        doc[i - 2].text) in ROLES


def _breaks_name(token) -> bool:
    """A line break, a parenthesis, a slash, an inner "the" or a quote mark ends a name."""
    return token.is_space and "\n" in token.text or token.text in "()/" or token.text in (
        "``", "''", "\"", "\u201c", "\u201d")


def _cut(doc, span: Span) -> list[Span]:
    """One span cut where it runs past a name: "NoDrones\\n\\nTalal", "Project (KKNPP", "DiaNuke/Aam
    Janata", "India's Atomic Energy Commission" (the part before the possessive is kept if a country)."""
    start, end, label = span.start, span.end, span.label
    pieces, cut = [], start
    for i in range(start, end - 1):
        if on(CUT_AT_BREAKS) and (_breaks_name(doc[i]) or doc[i].text == "the" and i > cut):
            pieces.append(Span(cut, i, label))
            cut = i + 1
        elif on(CUT_COUNTRY_POSSESSIVE) and doc[i].tag_ == "POS" and country_code(doc[cut:i].text):
            pieces.append(Span(cut, i, "GPE"))
            cut = i + 1
    # "FIFA World Cup": the acronym before an event's name is the body that holds it.
    if on(ACRONYM_BEFORE_EVENT) and end - cut > 2 and is_acronym(doc[cut].text) and any(t.lower_ in WORDS["event_words"] for t in doc[cut + 1:end]):
        pieces.append(Span(cut, cut + 1, "ORG"))
        cut += 1
    if end < len(doc) and titled_office(doc, end):
        end += 1  # the model stops at "the Los Angeles Sheriff's"
    pieces.append(Span(cut, end, label))
    return pieces
