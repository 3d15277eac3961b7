"""The events extractor's shortcuts give what the slow way gives: token columns read once per Doc,
the word pre-filter that skips most tokens, the keyword gate of the count regexes."""

import re

import pytest

from pipeline.entities.extract import extract_entities
from pipeline.events import counts
from pipeline.events.columns import columns
from pipeline.events.dictionary import _left_edge, _parse
from pipeline.events.extract import _may_code, _real_trigger
from pipeline.events.resolver import Resolver

TEXTS = [
    "Ruritanian troops shelled the port of Belmar on Sunday, killing four fishermen, officials said.",
    "The rebels vowed to fight on, and the interior minister said the strikers must return to work.",
    "Police broke up the march and arrested 12 students; the council later lifted the curfew.",
    "Talks between Osterlich and Ruritania resumed in Vienna after a two-week pause.",
    "She said the government would impose sanctions unless the hostages were freed by Friday.",
    "Hundreds of nurses began a hunger strike to protest the closure of the clinic.",
    "Officials accused the militia of ordering the bombing, which wounded 30 people.",
]


@pytest.fixture(scope="module")
def docs(nlp):
    return [nlp("\n\n" + text) for text in TEXTS]


def test_columns_hold_what_the_tokens_say(docs):
    for doc in docs:
        cols = columns(doc)
        assert cols.head == [t.head.i for t in doc]
        assert cols.dep == [t.dep_ for t in doc] and cols.pos == [t.pos_ for t in doc]
        assert cols.tag == [t.tag_ for t in doc] and cols.ent_type == [t.ent_type_ for t in doc]
        assert cols.idx == [t.idx for t in doc] and cols.lower == [t.lower_ for t in doc]
        assert cols.lemma == [t.lemma_.lower() for t in doc]


def test_dictionary_parse_edge_is_the_subtree_edge(docs):
    for doc in docs:
        parse = _parse(doc)
        assert [_left_edge(parse, t.i) for t in doc] == [t.left_edge.i for t in doc]
        assert [list(c) for c in parse.children] == [[c.i for c in t.children] for t in doc]


def test_word_prefilter_keeps_every_trigger(docs):
    triggers = skipped = 0
    for doc in docs:
        resolve = Resolver(doc, extract_entities(doc))
        cols = columns(doc)
        for token in doc:
            may = _may_code(doc, cols, token.i)
            if _real_trigger(token, resolve) is not None:
                triggers += 1
                assert may, token.text
            skipped += not may
    assert triggers >= len(TEXTS)  # the test sees real triggers
    assert skipped > sum(map(len, docs)) / 2  # and most words are skipped


SENTENCES = [
    "At least 40 people were killed and 120 injured when the dam burst.",
    "No one was hurt in the blast.",
    "The death toll rose to 61 by Sunday.",
    "Troops detained roughly 75 striking miners.",
    "The storm left 3,000 people homeless.",
    "A soldier was KILLED and two were Wounded.",
    "There were no casualties.",
    "Prices rose by 40 percent in a year.",
    "The council met on Tuesday to discuss the budget.",
]


def test_count_keywords_gate_no_figure(monkeypatch):
    gated = [counts.extract_counts(s) for s in SENTENCES]
    everything = re.compile("")
    monkeypatch.setattr(counts, "_ANY_KEYWORD", everything)
    monkeypatch.setattr(counts, "_KEYWORDS", dict.fromkeys(counts._KEYWORDS, everything))
    assert gated == [counts.extract_counts(s) for s in SENTENCES]
    assert gated[0]["killed"] == 40 and gated[1]["injured"] == 0 and gated[5]["killed"] == 1
    assert all(v is None for v in gated[-1].values())
