"""Canonical entities of one article: `extract_entities(doc) -> EntityIndex`."""

from .extract import ENTITY_TYPES, country_code, extract_entities, name_key

__all__ = ["ENTITY_TYPES", "country_code", "extract_entities", "name_key"]
