"""CAMEO-coded events from a parsed spaCy `Doc` (placeholder; see the events issue)."""

from __future__ import annotations

from .records import EntityIndex, Event


def extract_events(doc, entities: EntityIndex, published_at: str | None = None) -> list[Event]:
    """One event per real-world action the doc reports, roles resolved to `entities`."""
    return []
