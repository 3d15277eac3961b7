"""The indexed attribute ruler finds exactly the matches of the model's own attribute_ruler."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG

from pipeline import fast_ruler
from pipeline.fast_ruler import RULER, IndexedRuler, use_indexed_ruler

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
# Invented sentences for the ruler's special cases: contractions and clipped forms, auxiliaries,
# "that" and "if" as conjunctions, "there" as an expletive, pronoun cases, blank lines.
SENTENCES = [
    "I'm gonna see them tomorrow, y'all, and she ain't nothin' like him.",
    "There is a bridge over the river, and there were two boats.",
    "Whether that is true, we don't know; if it did, they would have said so.",
    "Give it to me.  She has had enough, and he does too.\n\nThe next line.",
    "They wanna go, but I gotta stay.  \n\n   \n",
    "",
    "   ",
]


@pytest.fixture(scope="module")
def unruled(nlp):
    """Parses up to the ruler (tags and dependencies set), and the model's ruler."""
    ruler = nlp.get_pipe(RULER)
    later = [name for name in nlp.pipe_names if nlp.pipe_names.index(name) > nlp.pipe_names.index("parser")]

    def parse(texts):
        with nlp.select_pipes(disable=later):
            return list(nlp.pipe(texts))

    return parse, ruler


def _example_texts(count=3):
    lines = (EXAMPLES / "articles.jsonl").read_text(encoding="utf-8").splitlines()[:count]
    return [json.loads(line)["text"] for line in lines]


def test_matches_are_the_rulers_own(unruled):
    parse, ruler = unruled
    indexed = IndexedRuler(ruler)
    docs = parse(SENTENCES + _example_texts())
    assert sum(len(doc) for doc in docs) > 1000
    for doc in docs:
        assert indexed.match(doc) == sorted(set(ruler.match(doc)))


def test_a_full_table_of_seen_tokens_changes_nothing(unruled, monkeypatch):
    parse, ruler = unruled
    monkeypatch.setattr(fast_ruler, "SEEN_LIMIT", 5)
    indexed = IndexedRuler(ruler)
    for doc in parse(SENTENCES):
        assert indexed.match(doc) == sorted(set(ruler.match(doc)))
    assert len(indexed._seen) <= 5


def test_the_job_model_tags_as_the_package_model(nlp):
    """load_model puts the indexed ruler in the ruler's place; every token attribute the ruler and
    the lemmatizer set comes out as from the model its package loads (with the same paragraph
    breaks, which steer the parser)."""
    import importlib

    from pipeline.components import PARAGRAPHS
    from pipeline.model import resolve_model

    assert fast_ruler.NAME in nlp.pipe_names and RULER in nlp.disabled
    package = importlib.import_module(resolve_model("en_core_web_sm")).load()
    package.add_pipe(PARAGRAPHS, before="parser")
    texts = SENTENCES + _example_texts(5)
    for ours, theirs in zip(nlp.pipe(texts), package.pipe(texts)):
        assert ours.to_array([TAG, POS, MORPH, LEMMA, DEP]).tolist() == \
            theirs.to_array([TAG, POS, MORPH, LEMMA, DEP]).tolist()
        assert [str(t.morph) for t in ours] == [str(t.morph) for t in theirs]


def _blank_with_ruler(patterns):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe(RULER)
    for pattern, attrs in patterns:
        ruler.add([pattern], attrs)
    return nlp


def test_reads_literals_sets_and_regular_expressions_on_other_attributes():
    nlp = _blank_with_ruler([
        ([{"ORTH": "pm"}, {"IS_PUNCT": True}], {"LEMMA": "afternoon"}),
        ([{"LOWER": {"IN": ["colour", "color"]}}], {"LEMMA": "colour"}),
        ([{"LOWER": {"REGEX": "^re"}, "IS_TITLE": False}], {"NORM": "re-word"}),
        ([{"IS_DIGIT": True}, {"LOWER": {"NOT_IN": ["am", "pm"]}}], {"LEMMA": "number"}),
    ])
    indexed = IndexedRuler(nlp.get_pipe(RULER))
    doc = nlp.make_doc("Ms. Ode said the colour of the Color red was 12 bright at 3 pm, renamed Rename.")
    found = indexed.match(doc)
    assert found == sorted(set(nlp.get_pipe(RULER).match(doc)))
    # pm+",", colour, Color, "red", "renamed" (not "Rename"), 12+"bright" (not 3+"pm")
    assert [(attr_id, start, end) for attr_id, _, start, end in found] == [
        (0, 14, 16), (1, 4, 5), (1, 7, 8), (2, 8, 9), (2, 16, 17), (3, 10, 12)]


@pytest.mark.parametrize("pattern", [
    [{"LOWER": "a", "OP": "+"}],          # an operator
    [{"LENGTH": {">=": 3}}],              # a comparison
    [{"_": {"flag": True}}],              # an extension attribute
    [{"MORPH": {"IS_SUPERSET": ["Number=Sing"]}}],
])
def test_a_pattern_it_cannot_read_leaves_the_ruler_in_place(pattern):
    nlp = _blank_with_ruler([([{"LOWER": "b"}], {"LEMMA": "bee"}), (pattern, {"LEMMA": "x"})])
    assert use_indexed_ruler(nlp) is False
    assert nlp.pipe_names == [RULER] and not nlp.disabled


def test_takes_the_rulers_place():
    nlp = _blank_with_ruler([([{"LOWER": "b"}], {"LEMMA": "bee"})])
    assert use_indexed_ruler(nlp) is True
    assert nlp.pipe_names == [fast_ruler.NAME] and nlp.disabled == [RULER]
    assert [t.lemma_ for t in nlp("a b c")] == ["", "bee", ""]
