"""Where, when, on whose word and with what toll: an event mention's location, date text,
attribution and casualty/arrest counts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..document.doccache import sentence, sentence_ents
from ..rules import on, rule
from .counts import extract_counts, has_counts
from .lexicon import (
    BOTH_SIDES,
    CASUALTY_ROOTS,
    COUNT_WORDS,
    LOCATION_PREPS,
    PLACE_TYPES,
    REPORT_VERBS,
    lemma_of,
)
from .resolver import Resolver, prep_objects
from .roles import phrase_head

if TYPE_CHECKING:
    from .merge import Mention


BOTH_SIDES_RULE = rule("events.both_sides_counts", "figures given for 'both sides' belong to every side's violence told around them")
DURATION_RULE = rule("events.duration_is_no_date", "a length of time is no date: 'talks lasted for six hours'")
ACCORDING_TO = rule("events.attribution_according_to", "'according to X' credits X with the sentence's events")

DURATION = re.compile(
    r"^(?:(?:about|around|nearly|almost|over|more than|less than|some|at least|(?:the )?(?:last|past|next))\s+)?"
    r"(?:(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|several|many|few|a few|\d+)\s+"
    r"(?:(?:more|full|long)\s+)?(?:second|minute|hour|day|week|month|year|decade|century)s?"
    r"|(?:seconds|minutes|hours|days|weeks|months|years|decades|centuries))$", re.IGNORECASE)


def location_of(token, resolve: Resolver) -> str | None:
    """The place named after "in"/"at"/"near" the trigger or the verb it is the object or subject of."""
    token = phrase_head(token)
    for node in (token, token.head if token.dep_ in ("dobj", "nsubj", "pobj") else None):
        if node is None:
            continue
        for pobj in prep_objects(node, LOCATION_PREPS):
            entity = resolve.entity(pobj)
            if entity is not None and entity.type in PLACE_TYPES:
                return entity.name
    return None


def date_text_of(token, sent, durations: bool = False) -> str | None:
    """A DATE entity of the sentence attached to the trigger's clause (not to another verb); a
    length of time only with `durations`."""
    anchors = {token.i}
    token = phrase_head(token)
    anchors.add(token.i)
    if token.dep_ in ("dobj", "nsubj", "nsubjpass", "pobj") and token.head.pos_ in ("VERB", "ADP"):
        anchors.add(token.head.i)
        if token.head.pos_ == "ADP":
            anchors.add(token.head.head.i)
    for ent in sentence_ents(sent):
        if ent.label_ != "DATE":
            continue
        node = ent.root
        for _ in range(4):
            if node.i in anchors:
                text = re.sub(r"^(?:on|in|the)\s+", "", ent.text.strip(), flags=re.IGNORECASE)
                text = re.split(r"['\u2019]s\b", text)[0].strip()
                # A bare small number is an age or a count ("Montalvo, 19,"), not a date; a length of
                # time ("in 40 months", "for eight hours", "three years of fighting") is no point in time.
                if on(DURATION_RULE) and DURATION.match(text) and not durations:
                    break
                return text if re.search(r"[A-Za-z]|\d{4}", text) else None
            if node.head is node or (node.pos_ == "VERB" and node is not ent.root):
                break
            node = node.head
    return None


def attribution_of(token, resolve: Resolver) -> str | None:
    """Who the narration credits: "The Wall Street Journal has reported that ...", "according to X"."""
    node = token
    for _ in range(6):
        if node.dep_ == "ccomp" and lemma_of(node.head) in REPORT_VERBS:
            subject = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
            names = resolve.names(subject) if subject is not None else []
            return names[0] if names else None
        if node.head is node:
            break
        node = node.head
    for tok in sentence(token) if on(ACCORDING_TO) else ():
        if tok.lower_ == "according" and tok.nbor(1).lower_ == "to" if tok.i + 1 < len(tok.doc) else False:
            for pobj in (c for c in tok.nbor(1).children if c.dep_ == "pobj"):
                names = resolve.names(pobj)
                if names:
                    return names[0]
    return None


def assign_counts(mentions: list[Mention], sent) -> None:
    """Casualties go to the sentence's violent event nearest the figure, arrests to its coercion."""
    counts = extract_counts(sent.text)
    if not has_counts(counts):
        return
    anchors = [t.i for t in sent if lemma_of(t) in COUNT_WORDS] or [sent.start]
    for keys, roots in ((("killed", "injured", "displaced"), CASUALTY_ROOTS), (("arrested",), {"17"})):
        if all(counts[k] is None for k in keys):
            continue
        eligible = [m for m in mentions if m.root in roots]
        target = min(eligible, key=lambda m: min(abs(m.head.i - a) for a in anchors), default=None)
        if target is not None:
            for key in keys:
                target.counts[key] = counts[key]


def both_sides_counts(sent) -> dict | None:
    """The figures of a sentence that gives them for "either side" / "both sides", else None."""
    return extract_counts(sent.text) if on(BOTH_SIDES_RULE) and BOTH_SIDES.search(sent.text) else None


def spread_both_sides(mentions: list[Mention], both_sides: list[tuple[int, dict]]) -> None:
    """ "No injuries were reported from either side": every side's act of the exchange, told in the
    sentences around the figure, has those casualties."""
    for sent_index, counts in both_sides:
        for m in mentions:
            if m.root in CASUALTY_ROOTS and abs(m.sent_index - sent_index) <= 1 and not has_counts(m.counts):
                for key in ("killed", "injured", "displaced"):
                    m.counts[key] = counts[key]
