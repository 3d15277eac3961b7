"""Quotations and their speakers: `extract_quotes(doc, entities) -> list[Quote]`."""

from .extract import extract_quotes

__all__ = ["extract_quotes"]
