"""Coreference with coreferee and the packaged LitBank-trained model (invented sentences only)."""

from __future__ import annotations

import logging

import pytest

from pipeline.references.coref import COMPONENT, add_coreference, antecedent_spans, antecedents

# coreferee compares tokens with .similarity(); the small model has no vectors, as coreferee expects.
pytestmark = pytest.mark.filterwarnings(r"ignore:\[W007\]:UserWarning")

TWO_PEOPLE = (
    "Maria Lopez opened a bakery in Riverton in 2015. She said the first year was hard. "
    "Tom Becker, a baker from the next town, joined her two years later. He said his ovens had been too small."
)
COMPANY = "Nordvik Bank cut its interest rate on Monday. It said inflation had slowed in every region."
# A plural-looking name ("Mills") does not agree with "It", and the model then chains "It" to the date.
DATE_ONLY = "Harbor Mills reported higher profits on Tuesday. It said demand for flour had grown."
GROUP = "The farmers blocked the main road for three days. They demanded lower fuel prices."


@pytest.fixture(scope="module")
def coref_nlp():
    pytest.importorskip("coreferee")  # only these tests need it; the guards below run without it
    from pipeline.model import load_model

    nlp = load_model()
    assert add_coreference(nlp)
    return nlp


def resolved(nlp, text: str, **kwargs) -> dict[str, str]:
    """Anaphor text (with its token index, as pronouns repeat) -> text of its antecedent's phrase."""
    doc = nlp(text)
    return {f"{doc[i].text}@{i}": doc.text[s:e] for i, (s, e) in antecedent_spans(doc, **kwargs).items()}


def by_word(found: dict[str, str]) -> dict[str, set[str]]:
    words: dict[str, set[str]] = {}
    for key, target in found.items():
        words.setdefault(key.split("@")[0], set()).add(target)
    return words


def test_add_coreference_is_last_and_added_once(coref_nlp):
    assert coref_nlp.pipe_names[-1] == COMPONENT
    assert add_coreference(coref_nlp)
    assert coref_nlp.pipe_names.count(COMPONENT) == 1


def test_pronouns_of_two_people_of_different_gender_across_sentences(coref_nlp):
    words = by_word(resolved(coref_nlp, TWO_PEOPLE))
    assert words["She"] == {"Maria Lopez"}
    assert words["her"] == {"Maria Lopez"}
    assert words["He"] == {"Tom Becker"}
    assert words["his"] == {"Tom Becker"}


def test_it_and_its_refer_to_the_organisation(coref_nlp):
    words = by_word(resolved(coref_nlp, COMPANY))
    assert words["It"] == {"Nordvik Bank"}
    assert words["its"] == {"Nordvik Bank"}


def test_a_date_is_never_an_antecedent(coref_nlp):
    doc = coref_nlp(DATE_ONLY)
    assert all(doc[j].ent_type_ != "DATE" for j in antecedents(doc).values())
    assert "Tuesday" not in resolved(coref_nlp, DATE_ONLY).values()


def test_they_refers_to_a_group_named_by_a_common_noun(coref_nlp):
    assert by_word(resolved(coref_nlp, GROUP))["They"] == {"The farmers"}


def test_named_keeps_only_chains_that_end_in_a_name(coref_nlp):
    assert resolved(coref_nlp, GROUP, named=True) == {}
    assert by_word(resolved(coref_nlp, COMPANY, named=True))["It"] == {"Nordvik Bank"}


def test_antecedents_are_token_indexes_of_the_named_head(coref_nlp):
    doc = coref_nlp(TWO_PEOPLE)
    she = next(t.i for t in doc if t.text == "She")
    assert doc[antecedents(doc)[she]].text == "Lopez"


def test_no_chains_without_the_component(nlp):
    doc = nlp(TWO_PEOPLE)
    assert antecedents(doc) == {}
    assert antecedent_spans(doc) == {}


def test_missing_model_leaves_the_pipeline_unchanged(tmp_path):
    from pipeline.model import load_model

    nlp = load_model()
    before = list(nlp.pipe_names)
    assert add_coreference(nlp, model_dir=tmp_path) is False
    assert nlp.pipe_names == before


def test_pipeline_without_parser_is_refused():
    import spacy

    blank = spacy.blank("en")
    assert add_coreference(blank) is False
    assert blank.pipe_names == []


def test_a_failing_document_keeps_its_text_and_has_no_chains(coref_nlp, monkeypatch, caplog):
    component = coref_nlp.get_pipe(COMPONENT)

    def fail(doc):
        raise ValueError("invented failure")

    monkeypatch.setattr(component.annotator, "annotate", fail)
    with caplog.at_level(logging.WARNING, logger="pipeline.references.coref"):
        doc = coref_nlp(COMPANY)
    assert doc.text == COMPANY
    assert antecedents(doc) == {}
    assert "coreference failed" in caplog.text


def test_a_window_links_a_pronoun_over_the_sentences_before_it(nlp):
    pytest.importorskip("coreferee")
    from pipeline.references.coref import Window

    if not Window.available():
        pytest.skip("no coreference model")
    doc = nlp(TWO_PEOPLE)
    window = Window(doc, sentences=4)
    she = next(t for t in doc if t.text == "She")
    he = next(t for t in doc if t.text == "He")
    assert doc[window.antecedent(she)].text == "Lopez"
    assert doc[window.antecedent(he)].text == "Becker"
    assert window.antecedent(doc[0]) is None  # "Maria" refers to no one before it


def test_a_window_without_context_vectors_resolves_nothing_and_says_so(nlp, caplog):
    pytest.importorskip("coreferee")
    from spacy.tokens import DocBin

    from pipeline.references.coref import Window

    if not Window.available():
        pytest.skip("no coreference model")
    stored = next(DocBin(docs=[nlp(TWO_PEOPLE)]).get_docs(nlp.vocab))  # a DocBin keeps no tensor
    she = next(t for t in stored if t.text == "She")
    with caplog.at_level(logging.WARNING):
        assert Window(stored, sentences=4).antecedent(she) is None
    assert "coreference failed" in caplog.text


def test_first_names_of_one_sex_come_from_coreferees_lists():
    pytest.importorskip("coreferee")
    from pipeline.references.coref import first_name_gender

    assert (first_name_gender("Karl"), first_name_gender("Greta")) == ("m", "f")
    assert first_name_gender("Andrea") is None  # in both lists
    assert first_name_gender("Xqzt") is None
