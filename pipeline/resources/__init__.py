"""Vocabulary as data: every word list, pattern table and numeric window the extractors read.

Each file here is JSON with a `_source` note per list (a codebook, a published dictionary, a
gazetteer, or "general English" with a reason); see SOURCES.md. Third-party dictionaries are kept
unchanged under `vendor/`, each with its licence, and are converted into files here by scripts in
`tools/` at build time, never at run time.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources


@cache
def load(name: str) -> dict:
    """The parsed JSON resource `name` (e.g. "entities"), read once per process."""
    return json.loads(resources.files(__package__).joinpath(f"{name}.json").read_text("utf-8"))
