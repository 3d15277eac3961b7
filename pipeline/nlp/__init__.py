"""Pure extraction: spaCy model loading and extractors from a `Doc` to plain records (no Beam)."""
