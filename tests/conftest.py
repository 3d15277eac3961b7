"""Shared fixtures: the spaCy model loads once per test session; example articles from examples/."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
SEED = EXAMPLES / "articles" / "000_f4d52250c8b22130.txt"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def nlp():
    from pipeline.model import load_model

    return load_model()


def read_example(name: str) -> tuple[str, str]:
    """(title, body) of an example article in the headline-first .txt format."""
    from pipeline.io.formats import split_txt_article

    return split_txt_article((EXAMPLES / "articles" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def example_doc(nlp):
    """Parse an example article as the pipeline does: doc over title + blank line + body."""
    cache = {}

    def parse(name: str):
        if name not in cache:
            title, body = read_example(name)
            cache[name] = nlp(f"{title}\n\n{body}")
        return cache[name]

    return parse
