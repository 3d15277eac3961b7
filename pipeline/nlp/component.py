"""newsbeam's canonical entities as a registered spaCy pipeline component.

`nlp.add_pipe("newsbeam_entities")` after the parser and NER makes every Doc carry its canonical
entities in `doc._.newsbeam_entities` (an `EntityIndex`), so any spaCy pipeline can reuse them;
`load_model` adds it, and the extractors then read what the pipeline computed.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from .entities import extract_entities
from .records import EntityIndex

NAME = "newsbeam_entities"
if not Doc.has_extension(NAME):
    Doc.set_extension(NAME, default=None)


@Language.component(NAME, requires=["doc.ents", "token.dep", "doc.sents"], assigns=[f"doc._.{NAME}"])
def newsbeam_entities(doc: Doc) -> Doc:
    doc._.newsbeam_entities = extract_entities(doc)
    return doc


def canonical_entities(doc: Doc) -> EntityIndex:
    """The Doc's canonical entities: as the component set them, else computed now."""
    found = doc._.newsbeam_entities
    return found if found is not None else extract_entities(doc)
