"""Quotations and their speakers from a parsed spaCy `Doc` (placeholder; see the quotes issue)."""

from __future__ import annotations

from .records import EntityIndex, Quote


def extract_quotes(doc, entities: EntityIndex) -> list[Quote]:
    """Every quotation in the doc, with its speaker resolved to one of `entities`."""
    return []
