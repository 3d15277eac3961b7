"""CAMEO-coded events from a parsed spaCy `Doc`: who did what to whom, where and when.

Triggers are verb, noun and adjective lemmas looked up in a lexicon per CAMEO root
(`data/cameo_lexicon.json`), read through the dependency parse so that particles, objects and
compounds choose the code ("call on" 02, "phone call" 04, "hunger strike" 14). Irrealis mentions
are dropped (negated, modal, wanted, planned, feared), a violent act announced with "would"/"will"
in reported speech is a threat (13), and repeated mentions of one event are merged.

This module is the entry point (`extract_events`) and walks the sentences; the rules live in:

- `event_lexicon`: the trigger lexicon and the word lists the rules read;
- `event_triggers`: lexicon matching and recoding of matched acts;
- `event_filters`: mentions that report no real act (irrealis, headings, figures of speech);
- `event_resolver`: noun phrases to canonical entity names;
- `event_roles`: actors and targets from the parse;
- `event_context`: location, date, attribution and counts;
- `event_merge`: mentions merged into `Event` records.
"""

from __future__ import annotations

from ..document.doccache import body_start as body_start_of
from ..document.records import EntityIndex, Event
from ..rules import on, rule
from .context import (
    assign_counts,
    attribution_of,
    both_sides_counts,
    date_text_of,
    location_of,
    spread_both_sides,
)
from .filters import (
    done_by_no_one,
    fights_an_abstraction,
    in_heading,
    is_irrealis,
    mandative,
    place_measure,
    plural_subject,
    rescues_a_thing,
    sentence_text,
)
from .lexicon import (
    FIRST_PERSON,
    INTENT_ROOTS,
    SPEECH_ROOTS,
    VIOLENT_ROOTS,
    lemma_of,
    lexicon,
    misread_common_noun,
)
from .merge import Mention, merge_mentions, protest_target, to_event
from .resolver import Resolver, country_code_of
from .roles import (
    backed_doers,
    condition_target,
    grievance_target,
    mandated_target,
    noun_roles,
    only_a_place,
    protested_party,
    purpose_target,
    rejected_authors,
    subject_of,
    verb_roles,
)
from .triggers import announced, backs_force, is_text, labour_strike, match_trigger, violence_root

__all__ = ["extract_events", "lexicon"]

BACKED_FORCE = rule("events.backing_force_is_aid", "backing violence or an armed force is material aid (07), not endorsement: 'the raid was backed by X'")
EXPELLED_ENVOYS = rule("events.expelled_envoys_cut_relations", "expelling diplomats or monitors cuts relations (166), not coercion: 'X expelled two envoys'")
LABOUR_STRIKE = rule("events.labour_strike_is_protest", "a bare 'strike' among words of work and pay is a labour strike (14): 'nurses began a strike over pay'")
FIGURATIVE_FIGHT = rule("events.fight_against_an_abstraction", "fighting a bare abstraction is a figure of speech: 'the mayor vowed to fight poverty'")
RESCUED_THING = rule("events.rescue_of_a_thing_is_no_aid", "saving a thing is no aid: 'the keeper saved a penalty'")
LIFTED_MEASURE = rule("events.lifted_measure_is_no_new_act", "the measure a yielding verb ends is not imposed anew: 'X lifted the ban'")
BREACH = rule("events.breached_agreement_is_no_cooperation", "breaking an agreement is no new cooperation: 'X violated the truce'")
INSIST_CLAIM = rule("events.insisting_a_claim_is_no_demand", "'insist' with a factual clause is a claim: 'she insisted the vote was fair'")
PARTICIPLE_OF_NOUN = rule("events.participle_of_its_noun_is_one_mention", "a participle of a same-code noun adds no act: 'a treaty signed by X'")
ANNOUNCED = rule("events.announced_act_is_threat_or_intent", "an act announced with will/would is a threat (13) or intent (03): 'X said it would strike'")
THEY_CONTINUES = rule("events.they_continues_last_clause", "a bare 'they' continues the last clause's actors: 'X met Y. They agreed to ...'")
NATURAL_CAUSE = rule("events.natural_cause_is_no_act", "acts done by a natural force or accident have no CAMEO code: 'a flood destroyed ...'")
TOLL = rule("events.toll_is_no_act", "a harm verb whose doer is an event or weapon counts victims: 'the blasts killed nine'")
OWN_WORDS = rule("events.speakers_own_words", "a first-person speech act in the present is a quote: 'We urge calm'")
MANDATE_TARGET = rule("events.mandate_target", "a demand's target is the subject of its mandative clause: 'X demanded that Y leave'")
GRIEVANCE_TARGET = rule("events.grievance_target", "a complaint is against what it is about: 'X complained to the UN about Y'")
CONDITION_TARGET = rule("events.condition_target", "a threat targets who must act to avert it: 'X threatened to strike unless Y paid'")
REJECTED_AUTHOR = rule("events.rejected_author_target", "a rejection targets the author of what is rejected: 'X rejected Y's offer'")
PROTEST_TARGET = rule("events.protest_target_phrase", "a protest's target from its against/over or purpose phrase: 'rallied against Y'")
TEXT_ATTACK = rule("events.text_attack_is_criticism", "a written work that 'attacks' disapproves (11): 'an editorial attacked the mayor'")
TOPIC_TALK = rule("events.topic_talk_is_no_consultation", "discussing a topic with no counterpart is no consultation: 'he discussed the budget'")
VIOLENCE_BY_DOER = rule("events.violence_graded_by_doer", "a state's or armed force's violence is 19, anyone else's 18 (CAMEO)")
IDEA = rule("events.disapproval_of_an_idea", "disapproving an idea with no party is no event: 'she condemned racism'")
STATE_NOUN = rule("events.background_state_noun", "'war', 'conflict' with no party, time or place is background: 'a source of conflict'")
QUOTED = rule("events.quoted_commentary", "a quoted act with no party, time or place is commentary: '\"sanctions never work\"'")
REMENTION = rule("events.definite_remention", "'the attack' with no party of its own repeats an act named before")
RETALIATION = rule("events.retaliation_target", "retaliation targets the last doer of violence: 'X shelled Y. Y retaliated.'")
COUNTRY_TARGET = rule("events.violence_country_target", "violence in a named country with no target targets it: 'bombings in Ruritania'")
BACKED_DOERS = rule("events.backed_doers_target", "backing violence aids whoever did it: 'the raid by X was backed by Y'")
PLACE_NOT_TARGET = rule("events.place_is_no_target", "a place named only after at/in is where, not whom: 'cancelled the fair at X'")
MEASURE_PLACE = rule("events.measure_place_target", "a curfew or blockade targets its place: 'imposed a curfew in X'")


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
    lex = lexicon()
    index = resolve.index
    # Tokens inside names (other than named wars: "the Korean War") are not triggers.
    in_name = {t.i for ent in doc.ents if ent.label_ != "EVENT" for t in ent}
    body_start = body_start_of(doc)  # the headline is restated in the body, and parsed badly
    mentions: list[Mention] = []
    both_sides: list[tuple[int, dict]] = []
    for sent_index, sent in enumerate(doc.sents):
        if sent.end_char <= body_start:
            continue
        used: set[int] = set()  # tokens already read as part of a trigger
        for token in sent:
            if token.i in used or token.i in in_name or not _may_trigger(token, body_start):
                continue
            coded = _coded_trigger(token, lex)
            if coded is None:
                continue
            used.update(t.i for t in coded[1])  # claimed even if the mention is dropped below
            mention = _mention(token, coded, sent, sent_index, mentions, resolve, index, lex)
            if mention is not None:
                mentions.append(mention)
        assign_counts([m for m in mentions if m.sent_index == sent_index], sent)
        counts = both_sides_counts(sent)
        if counts is not None:
            both_sides.append((sent_index, counts))
    spread_both_sides(mentions, both_sides)
    return mentions


def _may_trigger(token, body_start: int) -> bool:
    """Modifiers are read with their head; names (but for named wars) and the headline are no triggers."""
    if token.dep_ in ("compound", "amod") or token.idx < body_start:
        return False
    return not (token.pos_ == "PROPN" and token.ent_type_ != "EVENT" and not misread_common_noun(token))


def _coded_trigger(token, lex) -> tuple[str, list, object] | None:
    """(root, trigger tokens, the announcer of an intent or None) for a trigger of a real act."""
    found = match_trigger(token, lex)
    if found is None or in_heading(token):
        return None
    root, tokens = found
    if on(BACKED_FORCE) and root == "05" and lemma_of(token) in lex["material_support"] and backs_force(token, lex):
        root = "07"  # "strikes backed by the UAE": military support is material aid
    if on(EXPELLED_ENVOYS) and root == "17" and lemma_of(token) == "expel" and any(
            c.dep_ in ("dobj", "nsubjpass") and lemma_of(c) in lex["envoy_nouns"] for c in token.children):
        root = "16"  # "expelled two diplomats", "inspectors were expelled": relations cut
    if on(LABOUR_STRIKE) and root == "19" and labour_strike(token, tokens, lex):
        root = "14"  # "workers stopped work on the first day of an open-ended strike"
    if on(FIGURATIVE_FIGHT) and root in ("18", "19") and fights_an_abstraction(token, lex):
        return None
    if on(RESCUED_THING) and root == "07" and rescues_a_thing(token, lex):
        return None
    if on(LIFTED_MEASURE) and token.pos_ == "NOUN" and token.dep_ == "dobj" and _root_of(token.head, lex) == "08":
        return None  # "lifted the curfew", "eased sanctions": the measure yields; it is not imposed anew
    if on(BREACH) and token.pos_ == "NOUN" and root in ("03", "04", "05", "06") and (
            token.dep_ == "dobj" and lemma_of(token.head) in lex["breach_verbs"]
            or token.dep_ == "pobj" and lemma_of(token.head.head) in lex["breach_verbs"]
            or any(c.dep_ == "amod" and lemma_of(c) in lex["breach_verbs"] for c in token.children)):
        return None  # "has broken agreements", "reneged on its commitment": no new cooperation
    if on(INSIST_CLAIM) and lemma_of(token) == "insist" and any(c.dep_ == "ccomp" and not mandative(c) for c in token.children):
        return None  # "insist the bill would not change the law": a claim, not a demand
    if on(PARTICIPLE_OF_NOUN) and token.dep_ == "acl" and token.head.pos_ == "NOUN" and _root_of(token.head, lex) == root:
        return None  # "negotiations mediated by X", "an agreement signed by X": one mention, the noun's
    # An announced act is a threat (violent) or an intent to cooperate (04-08).
    threat_by = announced(token) if on(ANNOUNCED) and token.pos_ == "VERB" and root in INTENT_ROOTS else None
    if threat_by is not None:
        root = INTENT_ROOTS[root]
        tokens = [token, *(c for c in token.children if c.dep_ == "aux"), *tokens[1:]]
    elif is_irrealis(token, lex):
        return None
    return root, tokens, threat_by


def _mention(token, coded, sent, sent_index: int, mentions: list[Mention], resolve: Resolver,
             index: EntityIndex, lex) -> Mention | None:
    """The mention of a coded trigger with its roles and context, or None when it is no act."""
    root, tokens, threat_by = coded
    actors, targets = _roles(token, root, tokens, threat_by, resolve, lex)
    subject = subject_of(token)[0] if token.pos_ == "VERB" else None
    if on(THEY_CONTINUES) and not actors and subject is not None and subject.lower_ == "they" and not subject_of(token)[1]:
        actors = _last_clause_actors(mentions, sent_index)  # "They ... have asked"
        targets = [t for t in targets if t not in actors]
    if on(NATURAL_CAUSE) and subject is not None and lemma_of(subject) in lex["not_caused_by"]:
        return None
    if on(TOLL) and done_by_no_one(token, lex, resolve):
        return None  # an earthquake or accident, or a toll ("the attacks killed 227"), not an act
    if on(OWN_WORDS) and root in SPEECH_ROOTS and subject is not None and subject.lower_ in FIRST_PERSON and token.tag_ in ("VB", "VBP"):
        return None  # "We urge ...", "makes me reject": the speaker's own words are a quote, not a narrated act
    if on(MANDATE_TARGET) and root in ("02", "10") and not targets and token.pos_ == "VERB":
        targets = [t for t in mandated_target(token, resolve) if t not in actors]  # "demanded that X ..."
    if on(GRIEVANCE_TARGET) and root == "11" and token.pos_ == "VERB":
        targets = [t for t in grievance_target(token, resolve) if t not in actors] or targets
    if on(CONDITION_TARGET) and root == "13" and not targets and token.pos_ == "VERB":
        targets = [t for t in condition_target(token, resolve) if t not in actors]  # "... unless X rescinds"
    if on(REJECTED_AUTHOR) and root == "12" and not targets and token.pos_ == "VERB":
        targets = [t for t in rejected_authors(token, resolve, lex) if t not in actors]  # "rejected X's offer"
    if on(PROTEST_TARGET) and root == "14":  # "launched a campaign on X to express condemnation of Y": Y is the target
        targets = purpose_target(token, resolve, lex) or protested_party(token, resolve, lex) or targets
    if on(TEXT_ATTACK) and root in ("18", "19") and subject is not None and is_text(subject, lex):
        root = "11"  # "an article which attacked X": words, not violence
    if on(TOPIC_TALK) and lemma_of(token) in lex["topic_verbs"] and not targets and not plural_subject(subject):
        return None  # "discussing his concern": talk about a topic with no counterpart is no consultation
    if on(VIOLENCE_BY_DOER) and lemma_of(token) in lex["violence_by_actor"] and root in ("18", "19"):
        # The doers decide (guerrillas wounding soldiers assault them); with no doer named, those
        # struck stand in. "Burundian militiamen", "Afghan civilians" name a people, not an armed state.
        people = {n for t in sent if t.pos_ == "NOUN" and lemma_of(t) in lex["people_nouns"] for n in resolve.names(t)}
        root = violence_root(token, [p for p in actors or targets if p not in people], mentions, index)
    mention = Mention(root, tokens, sent_index, sentence_text(token), actors, targets)
    mention.location = location_of(token, resolve)
    _default_targets(mention, token, sent, mentions, resolve, lex)
    if on(IDEA) and root == "11" and token.pos_ == "VERB" and not mention.targets and fights_an_abstraction(token, lex):
        return None  # "condemn terrorism", "characterized homeopathy as": disapproval of an idea, with no party
    mention.date_text = date_text_of(token, sent)
    # A length of time ("two decades of conflict") places an act in time, though it is no date.
    placed = bool(mention.actors or mention.targets or mention.location or date_text_of(token, sent, durations=True))
    if on(STATE_NOUN) and lemma_of(token) in lex["state_nouns"] and token.pos_ == "NOUN" and not placed:
        return None  # "a source of conflict", "battle ready": a state of affairs with no party, time or place
    if on(QUOTED) and not placed and resolve.quoted(token.idx):
        return None  # a quotation's act with no party, time or place is the speaker's commentary ("threats", "air strikes create extremism")
    mention.attributed_to = attribution_of(token, resolve)
    # "the attacks" with no party of its own repeats an act named before
    mention.anaphoric = on(REMENTION) and token.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("the", "these", "those", "this", "that") for c in token.children
    ) and not (actors or targets)
    return mention


def _root_of(token, lex) -> str | None:
    """The CAMEO root `token` would trigger, if any."""
    found = match_trigger(token, lex)
    return found[0] if found is not None else None


def _roles(token, root: str, tokens: list, threat_by, resolve: Resolver, lex) -> tuple[list[str], list[str]]:
    """Actors and targets from the parse; an announced act is the announcer's ("X said it would attack")."""
    if token.pos_ in ("NOUN", "PROPN"):
        return noun_roles(token, root, resolve, lex)
    actors, targets = verb_roles(token, resolve, tokens[1:])
    if threat_by is not None and threat_by is not token:
        speaker = subject_of(threat_by)[0]
        actors = resolve.names(speaker) if speaker is not None else actors
    return actors, targets


def _last_clause_actors(mentions: list[Mention], sent_index: int) -> list[str]:
    """A bare "they" continues the subject of the last clause event in the two sentences before."""
    before = [m for m in mentions if m.actors and m.head.pos_ == "VERB" and 0 < sent_index - m.sent_index <= 2]
    return list(before[-1].actors) if before else []


def _default_targets(mention: Mention, token, sent, mentions: list[Mention], resolve: Resolver, lex) -> None:
    """Targets the clause leaves unnamed, from the act's kind and the events before; places are no targets."""
    root, actors = mention.root, mention.actors
    if on(RETALIATION) and root in VIOLENT_ROOTS and not mention.targets and lemma_of(token) in lex["retaliation"]:
        # "X retaliated": against the doers of the last violence by others
        others = [m for m in mentions if m.root in VIOLENT_ROOTS and m.actors and set(m.actors) - set(actors)]
        mention.targets = [a for a in others[-1].actors if a not in actors] if others else []
    if on(COUNTRY_TARGET) and root in VIOLENT_ROOTS and not mention.targets and mention.location and country_code_of(mention.location):
        mention.targets = [mention.location]  # "the 11 September attacks in the United States"
    if on(BACKED_DOERS) and root == "07" and not mention.targets:  # "strikes backed by X": X aids whoever struck
        mention.targets = [a for a in backed_doers(token, mentions, lex) if a not in mention.actors]
    if on(PLACE_NOT_TARGET) and root not in VIOLENT_ROOTS | {"13", "15"}:  # "called off the event at X": X is where, not whom
        mention.targets = [t for t in mention.targets if not only_a_place(t, sent, resolve)]
    if on(MEASURE_PLACE) and not mention.targets and mention.location and place_measure(token, lex) is not None:
        mention.targets = [mention.location]  # "imposed a curfew in X", "lifted the siege of X": X bears it
