"""Token spans that may name an entity: the model's spans, repaired, and helpers to edit a span list.

The small model cuts names in two ("Abdu Rabbu" + "Mansour Hadi"), stops at a hyphen
("Bong Young" + "-shik"), runs over line breaks, parentheses and possessives ("India's Atomic
Energy Commission"), and leaves a leading acronym out ("BNP" + "Paribas"). `model_spans` undoes
these; entity_recovery.py adds the spans it missed.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..rules import on, rule
from .words import ENTITY_TYPES, WORDS, glued, is_cap

CUT_AT_BREAKS = rule("entities.cut_at_breaks",
                     "a line break, parenthesis, slash, quote mark or inner 'the' ends a name")

@dataclass
class Span:
    start: int  # token offsets, end exclusive
    end: int
    label: str
    person: bool = False  # found by a person cue (a title, an age...): evidence beyond the label


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
    """The model's spans, repaired: halves of one name joined, hyphenated tails kept, cut at breaks."""
    result = []
    for span in _joined_spans(doc):
        result += _cut(doc, span)
    return [s for s in result if s.start < s.end]


def _joined_spans(doc) -> list[Span]:
    return [Span(ent.start, ent.end, ent.label_) for ent in doc.ents if ent.label_ in ENTITY_TYPES]


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
    pieces.append(Span(cut, end, label))
    return pieces
