"""Vocabulary as data: every word list, pattern table and numeric window the extractors read.

Each file here is JSON with a `_source` note per list (a codebook, a published dictionary, a
gazetteer, or "general English" with a reason); see SOURCES.md. Third-party dictionaries are kept
unchanged under `vendor/`, each with its licence, and are converted into files here by scripts in
`convert_petrarch.py` here at build time, never at run time. Large files are stored gzipped
(`name.json.gz`); `load` reads either form.
"""

from __future__ import annotations

import gzip
import json
from functools import cache
from importlib import resources


@cache
def load(name: str) -> dict:
    """The parsed JSON resource `name` (e.g. "entities"), read once per process, from
    `name.json` or else its gzipped form `name.json.gz`."""
    folder = resources.files(__package__)
    plain = folder.joinpath(f"{name}.json")
    if plain.is_file():
        return json.loads(plain.read_text("utf-8"))
    return json.loads(gzip.decompress(folder.joinpath(f"{name}.json.gz").read_bytes()).decode("utf-8"))
