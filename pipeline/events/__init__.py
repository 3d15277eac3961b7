"""CAMEO-coded events: `extract_events(doc, entities, published_at, quotes) -> list[Event]`."""

from .extract import extract_events

__all__ = ["extract_events"]
