"""newsbeam's canonical entities as a registered spaCy pipeline component.

`nlp.add_pipe("newsbeam_entities")` after the parser and NER makes every Doc carry its canonical
entities in `doc._.newsbeam_entities` (an `EntityIndex`), so any spaCy pipeline can reuse them;
`load_model` adds it, and the extractors then read what the pipeline computed.
"""

from __future__ import annotations

import numpy as np
from spacy.attrs import IS_SPACE
from spacy.language import Language
from spacy.tokens import Doc

from .document.records import EntityIndex
from .entities.extract import extract_entities

NAME = "newsbeam_entities"
PARAGRAPHS = "newsbeam_paragraphs"
if not Doc.has_extension(NAME):
    Doc.set_extension(NAME, default=None)


@Language.component(NAME, requires=["doc.ents", "token.dep", "doc.sents"], assigns=[f"doc._.{NAME}"])
def newsbeam_entities(doc: Doc) -> Doc:
    doc._.newsbeam_entities = extract_entities(doc)
    return doc


@Language.component(PARAGRAPHS, assigns=["token.is_sent_start"])
def newsbeam_paragraphs(doc: Doc) -> Doc:
    """A blank line ends a sentence. The parser respects preset starts; without them it may join
    an unpunctuated headline, or a caption, to the next paragraph's first sentence."""
    # Only whitespace tokens can be blank lines: found in one array read, not a Token per word.
    for i in np.flatnonzero(doc.to_array(IS_SPACE)[1:]) + 1:
        token = doc[int(i)]
        if token.text.count("\n") >= 2:
            token.is_sent_start = True
    return doc


def canonical_entities(doc: Doc) -> EntityIndex:
    """The Doc's canonical entities: as the component set them, else computed now."""
    found = doc._.newsbeam_entities
    return found if found is not None else extract_entities(doc)
