"""Step 5, context: where, when, on whose word and with what toll: a mention's sentence, location,
date text, attribution and casualty/arrest counts."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from ..document.doccache import doc_text, sentence, sentence_ents
from ..rules import on, rule
from .columns import columns
from .counts import extract_counts, has_counts
from .dates import is_duration
from .lexicon import (
    CASUALTY_ROOTS,
    COUNT_WORDS,
    LOCATION_PREPS,
    ONE_PERSON_VERBS,
    PLACE_TYPES,
    REPORT_VERBS,
    RESULT_PARTICIPLES,
    lemma_of,
    window,
)
from .resolver import Resolver, prep_objects
from .roles import phrase_head

if TYPE_CHECKING:
    from .merge import Mention

ONE_NAMED_PERSON = rule("events.one_named_person_count", "one named person killed, injured or arrested is a figure of 1: 'Ana Ruiz was detained'")
RESULT_PARTICIPLE = rule("events.result_participle", "'shelled the town, killing 20': the participle is the act's toll, not a second act")
DURATION = rule("events.duration_is_no_date", "a length of time is no date: 'talks lasted for six hours' (date_text is not scored by any yardstick)")


def sentence_text(token) -> str:
    """The trigger's sentence, cut at paragraph breaks the parser may have run over."""
    sent = sentence(token)
    text = span_text(sent)
    offset = token.idx - sent.start_char
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    return text[start : end if end >= 0 else len(text)].strip()


def span_text(span) -> str:
    """`span.text`, cut from the Doc's text instead of joined from its tokens."""
    return doc_text(span.doc)[span.start_char : span.end_char]


def location_of(tokens: list, resolve: Resolver) -> str | None:
    """The place named after "in"/"at"/"near" a trigger word ("imposed a curfew in X"), the verb the
    trigger is the object or subject of ("a protest was held in X"), or the trigger's object
    ("bombed a market in X")."""
    token = phrase_head(tokens[0])
    nodes = [token, *tokens[1:]] + ([token.head] if token.dep_ in ("dobj", "nsubj", "pobj") else [])
    nodes += [c for c in tokens[0].children if c.dep_ in ("dobj", "nsubjpass") and c.i not in {t.i for t in tokens}]
    for node in nodes:
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
        for _ in range(window("date_steps")):
            if node.i in anchors:
                text = re.sub(r"^(?:on|in|the)\s+", "", ent.text.strip(), flags=re.IGNORECASE)
                text = re.split(r"['\u2019]s\b", text)[0].strip()
                if on(DURATION) and not durations and is_duration(text):
                    break  # "for six hours", "in 18 months": no point in time
                # a bare small number is an age or a count ("Ana Ruiz, 34,"), not a date
                return text if re.search(r"[A-Za-z]|\d{4}", text) else None
            if node.head.i == node.i or (node.pos_ == "VERB" and node.i != ent.root.i):
                break
            node = node.head
    return None


def attribution_of(token, resolve: Resolver) -> str | None:
    """Who the narration credits: "Reuters reported that ...", "according to X"."""
    node = token
    for _ in range(window("attribution_steps")):
        if node.dep_ == "ccomp" and lemma_of(node.head) in REPORT_VERBS:
            subject = next((c for c in node.head.children if c.dep_ == "nsubj"), None)
            names = resolve.names(subject) if subject is not None else []
            return names[0] if names else None
        if node.head.i == node.i:
            break
        node = node.head
    doc, sent = token.doc, sentence(token)
    lower = columns(doc).lower
    for i in range(sent.start, sent.end):
        if lower[i] == "according" and i + 1 < len(doc) and lower[i + 1] == "to":
            for pobj in (c for c in doc[i + 1].children if c.dep_ == "pobj"):
                names = resolve.names(pobj)
                if names:
                    return names[0]
    return None


def assign_counts(mentions: list[Mention], sent) -> None:
    """Casualties go to the sentence's violent event nearest the figure, arrests to its coercion."""
    counts = extract_counts(span_text(sent))
    if not has_counts(counts):
        return
    lemma = columns(sent.doc).lemma
    anchors = [i for i in range(sent.start, sent.end) if lemma[i] in COUNT_WORDS] or [sent.start]
    for keys, roots in ((("killed", "injured", "displaced"), CASUALTY_ROOTS), (("arrested",), {"17"})):
        if all(counts[k] is None for k in keys):
            continue
        eligible = [m for m in mentions if m.root in roots]
        target = min(eligible, key=lambda m: min(abs(m.head.i - a) for a in anchors), default=None)
        if target is not None:
            for key in keys:
                target.counts[key] = counts[key]


def fold_result_participles(mentions: list[Mention]) -> list[Mention]:
    """Drops a casualty participle that states the result of a violent act in its sentence
    ("rebels shelled the town, killing 20"): the figure is that act's, and is assigned to it."""
    if not on(RESULT_PARTICIPLE):
        return mentions
    heads = {t.i for m in mentions if m.root in CASUALTY_ROOTS for t in m.tokens}
    return [m for m in mentions if not (
        m.root in CASUALTY_ROOTS and m.head.tag_ == "VBG" and m.head.dep_ in ("advcl", "conj", "xcomp")
        and lemma_of(m.head) in RESULT_PARTICIPLES and m.head.head.i in heads and m.head.head.i != m.head.i)]


def one_named_person(mention: Mention, resolve: Resolver) -> None:
    """A figure of one where the act is done to one named person and the sentence states no figure:
    "Ana Ruiz was detained", "gunmen killed Omar Diallo" (the gold convention)."""
    token = mention.head
    key = ONE_PERSON_VERBS.get(lemma_of(token))
    if not on(ONE_NAMED_PERSON) or key is None or token.pos_ != "VERB" or mention.counts[key] is not None:
        return
    if (key == "arrested") != (mention.root == "17") or (key != "arrested" and mention.root not in CASUALTY_ROOTS):
        return
    done_to = [c for c in token.children if c.dep_ in ("nsubjpass", "dobj")]
    if len(done_to) != 1 or done_to[0].conjuncts or any(c.dep_ == "nummod" for c in done_to[0].children):
        return
    names = resolve.names(done_to[0])
    entity = resolve.index.find(names[0]) if len(names) == 1 else None
    if entity is not None and entity.type == "PERSON":
        mention.counts[key] = 1
