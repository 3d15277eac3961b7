"""Frozen outputs of the example articles (examples/articles). These tests only say that an output
changed; the extractor tests (test_<package>.py) say what is right on invented sentences. When a
change is intended, update the frozen figures here in the same commit, with the suite figures.

Each package has its own section below.
"""

from __future__ import annotations

from collections import Counter

import pytest

# ============================================================================= quotes

# article -> ({kind: count}, speakers resolved to entities)
QUOTES = {
    "000_f4d52250c8b22130.txt": ({"block": 1, "direct": 4, "indirect": 1, "partial": 2},
                                 ["Mike Pompeo", "Patrick Shanahan", "Patrick Wintour", "Tom Stevenson", "White House"]),
    "gv-bolivia-tipnis-road.txt": ({"block": 2, "indirect": 3, "partial": 1}, ["Evo Morales", "Gustavo Soto"]),
    "gv-india-kudankulam-crackdown.txt": ({"block": 3, "direct": 1, "indirect": 5, "partial": 1},
                                          ["Jayalalithaa", "Kracktivist", "S. P. Udayakumar"]),
    "gv-yemen-nodrones.txt": ({"block": 12, "indirect": 2},
                              ["Atiaf Alwazir", "Benjamin Wiacek", "Mai Saleh", "Sana2 Al-Yemen", "Shams", "Talal",
                               "Tom Finn"]),
    "nk-expels-bbc-journalists.txt": ({"block": 2, "direct": 1, "indirect": 11},
                                      ["BBC", "Bruce Bennett", "Defense Ministry", "Kim Jong Un"]),
    "nk-quasi-state-of-war.txt": ({"direct": 4, "indirect": 2, "partial": 1},
                                  ["Korean Central News Agency", "North Korea", "South Korea", "Yonhap"]),
    "philippines-bohol-earthquake.txt": ({"block": 2, "indirect": 3}, ["Sian Maynard"]),
    "scientology-defector-arrested.txt": ({"direct": 2, "indirect": 9, "partial": 4},
                                          ["Daniel Montalvo", "Mark Rathbun", "Scientology", "Steve Whitmore",
                                           "Tom Devocht"]),
    "world-cup-2018-day-five.txt": ({"direct": 3}, ["Harry Kane", "Hernan Dario Gomez", "Nabil Maaloul"]),
}


@pytest.mark.parametrize("name", sorted(QUOTES))
def test_quotes_of_the_example_articles(example_doc, name):
    from pipeline.components import canonical_entities
    from pipeline.quotes.extract import extract_quotes

    doc = example_doc(name)
    quotes = extract_quotes(doc, canonical_entities(doc))
    kinds, speakers = QUOTES[name]
    assert dict(Counter(q.kind for q in quotes)) == kinds
    assert sorted({q.speaker.name for q in quotes if q.speaker}) == speakers
    assert all(q.text == doc.text[q.start : q.end] for q in quotes)
