"""CAMEO-coded events from a parsed spaCy `Doc`: who did what to whom, where and when.

Each word of the body goes through the same steps, one module each:

1. code (`triggers`): the word and its parse looked up in the CAMEO trigger lexicon -> a root;
2. recode (`recode`): the root changed by the parse (an announced attack is a threat);
3. filter (`filters`): words in a non-event sense and acts not reported as done are dropped;
4. roles (`roles`, `resolver`): actors and targets, as canonical entity names;
5. context (`context`): location, date, attribution, casualty and arrest figures;
6. merge (`merge`): mentions of one act become one `Event`.

Every rule that changes a result has a name (`pipeline.rules`) and can be switched off; the words
and windows the rules read are in `pipeline/resources/events.json` with their sources.
"""

from __future__ import annotations

from ..document.doccache import body_start as body_start_of
from ..document.doccache import ents, sents
from ..document.records import EntityIndex, Event
from . import arguments
from .arguments import noun_supported, verb_supported
from .columns import columns
from .context import (
    assign_counts,
    attribution_of,
    date_text_of,
    fold_result_participles,
    location_of,
    one_named_person,
    sentence_text,
)
from .filters import (
    figurative,
    is_irrealis,
    natural_cause,
    quoted_commentary,
    speakers_own_words,
    time_reference,
)
from .grade import grade
from .lexicon import PEOPLE_NOUNS
from .merge import Mention, is_remention, merge_mentions, protest_target, to_event
from .recode import (
    asserted,
    defers_to_its_object,
    described_by,
    intent_frame,
    may_frame,
    obligation,
    protest_purpose,
    recode,
    suppressed,
    toll_verbs,
    yielded,
)
from .resolver import Resolver
from .roles import coded_targets, measure_target, noun_roles, subject_of, verb_roles
from .triggers import Trigger, match_trigger, may_match

__all__ = ["extract_events"]


def extract_events(doc, entities: EntityIndex, published_at: str | None = None, quotes: list | None = None) -> list[Event]:
    """One event per real-world action the doc reports, roles resolved to `entities`; `quotes`, the
    doc's quotations if already extracted (else found when needed)."""
    resolve = Resolver(doc, entities, quotes)
    groups = merge_mentions(_mentions(doc, resolve))
    for group in groups:
        protest_target(group, resolve.home)
    return [to_event(group, published_at) for group in groups]


def _mentions(doc, resolve: Resolver) -> list[Mention]:
    """Every trigger mention of a real act in the body, in text order, with roles and context."""
    # Tokens inside names (other than named wars: "the Winter War") are not triggers.
    in_name = {i for ent in ents(doc) if ent.label_ != "EVENT" for i in range(ent.start, ent.end)}
    body_start = body_start_of(doc)  # the headline is restated in the body, and parsed badly
    cols = columns(doc)
    mentions: list[Mention] = []
    for sent_index, sent in enumerate(sents(doc)):
        if sent.end_char <= body_start:
            continue
        used: set[int] = set()  # tokens already read as part of a trigger
        for i in range(sent.start, sent.end):
            if i in used or i in in_name or not _may_trigger(cols, i, body_start) or not _may_code(doc, cols, i):
                continue
            trigger = _real_trigger(doc[i], resolve)
            if trigger is None:
                continue
            used.update(t.i for t in trigger.tokens)  # claimed even if the mention is dropped below
            mention = _mention(trigger, sent, sent_index, resolve, [m.root for m in mentions])
            if mention is not None:
                mentions.append(mention)
        in_sentence = [m for m in mentions if m.sent_index == sent_index]
        if in_sentence:
            kept = fold_result_participles(in_sentence)
            if len(kept) < len(in_sentence):
                mentions = [m for m in mentions if m.sent_index != sent_index] + kept
            assign_counts(kept, sent)
            for mention in kept:
                one_named_person(mention, resolve)
    return mentions


def _may_trigger(cols, i: int, body_start: int) -> bool:
    """Modifiers are read with their head; names (but for named wars) and the headline are no triggers."""
    if cols.dep[i] in ("compound", "amod") or cols.idx[i] < body_start:
        return False
    return not (cols.pos[i] == "PROPN" and cols.ent_type[i] != "EVENT")


def _may_code(doc, cols, i: int) -> bool:
    """Whether steps 1-2 could code the word at all, from its words alone: most words cannot, and
    only these are made into spaCy Tokens and read through the parse."""
    lemma = cols.lemma[i]
    if may_frame(lemma):
        return True
    return may_match(cols.pos[i], cols.dep[i], cols.key[i], lemma)


def _real_trigger(token, resolve: Resolver) -> Trigger | None:
    """Steps 1-3 on the word alone: its code, recoded by its parse, unless no real act."""
    def is_party(t) -> bool:
        return arguments.is_party(t, resolve)

    framed = intent_frame(token, is_party)  # "vowed to fight": the threat the complement announces
    if framed is not None:
        return framed
    trigger = yielded(token) or suppressed(token) or match_trigger(token)  # "lifted the curfew", "banned the march"
    if trigger is None:
        return obligation(token, is_party)  # "X said Y must ...": a demand
    if figurative(trigger) or defers_to_its_object(trigger) or asserted(trigger):
        return None
    trigger = recode(trigger, is_party)
    if trigger.announcer is None and is_irrealis(token):
        return None  # an announced act is kept: it is the threat or promise itself
    if time_reference(token) or protest_purpose(token):
        return None
    trigger.tokens += toll_verbs(trigger) + described_by(trigger)  # "the bombing killed three", "a deal signed by X"
    return trigger


def _mention(trigger: Trigger, sent, sent_index: int, resolve: Resolver, earlier_roots: list[str]) -> Mention | None:
    """Steps 3-5 for a coded trigger: its roles and context, or None when it is no act after all."""
    token, root = trigger.head, trigger.root
    actors, targets = _roles(trigger, resolve)
    subject = subject_of(token)[0] if token.pos_ == "VERB" else None
    if natural_cause(subject) or speakers_own_words(token, root, subject):
        return None
    targets = coded_targets(token, root, actors, targets, resolve)
    # The doers grade violence; with none named, those struck stand in. A people ("Ruritanian
    # refugees", "Kurdish rebels") is not an armed state.
    cols, doc = columns(sent.doc), sent.doc
    people = {n for i in range(sent.start, sent.end) if cols.pos[i] == "NOUN" and cols.lemma[i] in PEOPLE_NOUNS
              for n in resolve.names(doc[i])}
    doers, done_to = arguments.sides(trigger)
    root = grade(trigger, doers, done_to, actors or targets, people, resolve.index, earlier_roots)
    mention = Mention(root, trigger.tokens, sent_index, sentence_text(token), actors, targets)
    mention.location = location_of(trigger.tokens, resolve)
    mention.targets = targets or measure_target(token, mention.location)
    mention.date_text = date_text_of(token, sent)
    # A length of time ("two decades of war") places an act in time, though it is no date.
    placed = bool(mention.actors or mention.targets or mention.location or date_text_of(token, sent, durations=True))
    if quoted_commentary(token, placed, resolve):
        return None
    if arguments.lacks_counterpart(root, token, mention.actors, mention.targets):
        return None  # "discussing his concern": a consultation is between two parties
    mention.anaphoric = is_remention(token, actors, targets) and root in earlier_roots  # "the attack"
    if not (noun_supported(token, placed or mention.anaphoric, resolve) if token.pos_ in ("NOUN", "PROPN")
            else verb_supported(trigger, resolve)):
        return None
    mention.attributed_to = attribution_of(token, resolve)
    sent_span = (sent.start_char, sent.end_char)
    mention.inferred = {n for n in [*mention.actors, *mention.targets] if not resolve.named_in(n, *sent_span)}
    return mention


def _roles(trigger: Trigger, resolve: Resolver) -> tuple[list[str], list[str]]:
    """Actors and targets from the parse; an announced act is the announcer's ("X said it would strike")."""
    token = trigger.head
    if token.pos_ in ("NOUN", "PROPN"):
        actors, targets = noun_roles(token, trigger.root, resolve)
        for verb in (t for t in trigger.tokens[1:] if t.pos_ == "VERB"):
            # "the raid killed two Ruritanian soldiers", "an accord signed by X and Y"
            verb_actors, verb_targets = verb_roles(verb, resolve, root=trigger.root)
            actors = actors or [a for a in verb_actors if a not in targets]
            targets = targets or [t for t in verb_targets if t not in actors]
        return actors, targets
    actors, targets = verb_roles(token, resolve, trigger.tokens[1:], trigger.root)
    if trigger.announcer is not None and trigger.announcer.i != token.i:
        speaker = subject_of(trigger.announcer)[0]
        actors = resolve.names(speaker) if speaker is not None else actors
    return actors, targets
