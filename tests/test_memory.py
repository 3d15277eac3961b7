"""What one article leaves behind once its rows are out: nothing, or memory grows with the corpus."""

import gc
import weakref

from pipeline.components import canonical_entities
from pipeline.extract import analysed_text, analyze_doc
from pipeline.references.resolve import References

# Invented text: a named person, a pronoun and a quote, so the reference resolver is built.
TITLE = "Harbour board delays the ferry contract"
TEXT = ("Mara Velden, the chair of the Eastport Harbour Board, said on Tuesday that the board would "
        "delay the ferry contract. \"We need another month,\" she said. The board met in Eastport.\n\n"
        "She added that the union had asked for talks.")


def _article():
    return {"article_id": "a1", "title": TITLE, "text": TEXT, "published_at": None}


def test_a_parsed_article_is_freed_once_its_rows_are_made(nlp):
    doc = nlp(analysed_text(TITLE, TEXT))
    tables = analyze_doc(doc, _article())
    assert tables["entities"] and tables["quotes"]
    gone = weakref.ref(doc)
    del doc
    gc.collect()
    assert gone() is None  # no module-level cache keeps the Doc (or its resolver) alive


def test_the_resolver_is_shared_while_its_article_lives(nlp):
    doc = nlp(analysed_text(TITLE, TEXT))
    index = canonical_entities(doc)
    first = References.of(doc, index)
    assert References.of(doc, index) is first  # quotes and events share one resolver per article
    assert References.of(doc, canonical_entities(nlp(analysed_text(TITLE, TEXT)))) is not first


def test_a_worker_hides_its_model_from_the_garbage_collector_once_loaded():
    from pipeline.schemas import load_schemas
    from pipeline.transforms import AnalyzeBatchFn

    gc.unfreeze()
    assert gc.get_freeze_count() == 0
    fn = AnalyzeBatchFn("en_core_web_sm", load_schemas()["articles"])
    try:
        fn.setup()
        # the model's objects (hundreds of thousands) sit in the permanent generation
        assert gc.get_freeze_count() > 100_000
    finally:
        gc.unfreeze()
