"""Per-Doc look-ups computed once: spaCy rebuilds them on every access.

`Doc.text` joins every token each time it is read, and `Token.sent` walks `doc.sents` from the
start; called per mention, they were the extractors' largest cost. Both are kept in `doc.user_data`.
"""

from __future__ import annotations

_SENTENCES = "newsbeam_sentence_index"
_TEXT = "newsbeam_text"


def doc_text(doc) -> str:
    """`doc.text`, built once."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def sentence(token):
    """The sentence `Span` that holds `token` (as `token.sent`, without the scan)."""
    doc = token.doc
    index = doc.user_data.get(_SENTENCES)
    if index is None:
        index = [None] * len(doc)
        for sent in doc.sents:
            for i in range(sent.start, sent.end):
                index[i] = sent
        doc.user_data[_SENTENCES] = index
    return index[token.i]
