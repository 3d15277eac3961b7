"""One article's `Doc` to rows of the entities, quotes and events tables (plain dicts)."""

from __future__ import annotations

from .components import canonical_entities
from .document.records import COUNT_KEYS, Entity
from .events.extract import extract_events
from .ids import entity_id, stable_hash
from .quotes.extract import extract_quotes

CAMEO_ROOTS = {
    "01": "MAKE PUBLIC STATEMENT", "02": "APPEAL", "03": "EXPRESS INTENT TO COOPERATE",
    "04": "CONSULT", "05": "ENGAGE IN DIPLOMATIC COOPERATION", "06": "ENGAGE IN MATERIAL COOPERATION",
    "07": "PROVIDE AID", "08": "YIELD", "09": "INVESTIGATE", "10": "DEMAND", "11": "DISAPPROVE",
    "12": "REJECT", "13": "THREATEN", "14": "PROTEST", "15": "EXHIBIT FORCE POSTURE",
    "16": "REDUCE RELATIONS", "17": "COERCE", "18": "ASSAULT", "19": "FIGHT",
    "20": "USE UNCONVENTIONAL MASS VIOLENCE",
}


def analysed_text(title: str, text: str) -> str:
    """The string every offset indexes (the contract's offsets convention)."""
    return f"{title}\n\n{text}"


def analyze_doc(doc, article: dict) -> dict[str, list[dict]]:
    """Rows for each extraction table from the article's parsed `Doc`."""
    aid = article["article_id"]
    index = canonical_entities(doc)
    quotes = extract_quotes(doc, index)
    events = extract_events(doc, index, article.get("published_at"), quotes)
    return {
        "entities": [entity_row(aid, e) for e in index.entities],
        "quotes": [quote_row(aid, q) for q in quotes],
        "events": [event_row(aid, e) for e in events],
    }


def entity_row(aid: str, entity: Entity) -> dict:
    return {
        "article_id": aid,
        "entity_id": entity_id(entity.name, entity.type),
        "name": entity.name,
        "type": entity.type,
        "title": entity.title,
        "aliases": entity.aliases,
        "mention_count": len(entity.mentions),
        "mentions": [{"start": m.start, "end": m.end, "text": m.text} for m in entity.mentions],
        "country_code": entity.country_code,
    }


def quote_row(aid: str, quote) -> dict:
    speaker = quote.speaker
    return {
        "article_id": aid,
        "quote_id": stable_hash("quote", aid, quote.start, quote.end, quote.text),
        "text": quote.text,
        "start": quote.start,
        "end": quote.end,
        "kind": quote.kind,
        "speaker": speaker.name if speaker else quote.speaker_text,
        "speaker_entity_id": entity_id(speaker.name, speaker.type) if speaker else None,
        "speaker_role": quote.speaker_role,
        "cue": quote.cue,
    }


def event_row(aid: str, event) -> dict:
    return {
        "article_id": aid,
        "event_id": stable_hash(
            "event", aid, event.cameo_root, event.trigger_start, event.trigger_end, event.actors, event.targets
        ),
        "cameo_root": event.cameo_root,
        "event_type": CAMEO_ROOTS[event.cameo_root],
        "trigger": event.trigger,
        "trigger_start": event.trigger_start,
        "trigger_end": event.trigger_end,
        "sentence": event.sentence,
        "mention_sentences": list(event.mention_sentences),
        "actors": list(event.actors),
        "targets": list(event.targets),
        "location": event.location,
        "date_text": event.date_text,
        "date": event.date,
        "counts": {k: event.counts.get(k) for k in COUNT_KEYS},
        "attributed_to": event.attributed_to,
    }
