"""Per-Doc look-ups computed once: spaCy rebuilds them on every access.

`Doc.text` joins every token each time it is read, `Token.sent` walks `doc.sents` from the start,
and `Span.ents` scans every entity of the doc; called per mention, they made long articles
quadratic. They, and `doc.ents` and `doc.sents` (a new Span per item on every read), are kept in
`doc.user_data`.
"""

from __future__ import annotations

from .columns import columns

_SENTENCES = "newsbeam_sentence_index"
_SENT_ENTS = "newsbeam_sentence_ents"
_TEXT = "newsbeam_text"
_ENTS = "newsbeam_ents"
_SENTS = "newsbeam_sents"


def doc_text(doc) -> str:
    """`doc.text`, built once."""
    text = doc.user_data.get(_TEXT)
    if text is None:  # as `Doc.text` joins it, from the columns (no Token made)
        cols = columns(doc)
        text = doc.user_data[_TEXT] = "".join(map(str.__add__, cols.text, cols.ws))
    return text


def span_text(doc, start: int, end: int) -> str:
    """`doc[start:end].text` without making the Span."""
    if end <= start:
        return ""
    cols = columns(doc)
    return doc_text(doc)[cols.idx[start]:cols.idx[end - 1] + len(cols.text[end - 1])]


def ents(doc) -> tuple:
    """`doc.ents`, made once (each read makes a Span per entity)."""
    found = doc.user_data.get(_ENTS)
    if found is None:
        found = doc.user_data[_ENTS] = tuple(doc.ents)
    return found


def sents(doc) -> list:
    """`list(doc.sents)`, made once (each pass makes a Span per sentence)."""
    found = doc.user_data.get(_SENTS)
    if found is None:
        found = doc.user_data[_SENTS] = list(doc.sents)
    return found


def sentence(token):
    """The sentence `Span` that holds `token` (as `token.sent`, without the scan)."""
    doc = token.doc
    index = doc.user_data.get(_SENTENCES)
    if index is None:
        index = [None] * len(doc)
        for sent in sents(doc):
            for i in range(sent.start, sent.end):
                index[i] = sent
        doc.user_data[_SENTENCES] = index
    return index[token.i]


def sentence_start(doc, i: int) -> int:
    """The index of the first token of token i's sentence (`doc[i].sent.start`)."""
    index = doc.user_data.get(_SENTENCES)
    return sentence(doc[i]).start if index is None else index[i].start


def sentence_ents(sent) -> list:
    """`sent.ents` (the doc's entities inside the sentence), grouped once per doc."""
    doc = sent.doc
    groups = doc.user_data.get(_SENT_ENTS)
    if groups is None:
        groups = {}
        for ent in ents(doc):
            home = sentence(doc[ent.start])
            if ent.end <= home.end:
                groups.setdefault(home.start, []).append(ent)
        doc.user_data[_SENT_ENTS] = groups
    return [e for e in groups.get(sent.start, []) if e.start >= sent.start and e.end <= sent.end]


def body_start(doc) -> int:
    """Offset of the body's first character. The analysed text is the title, a blank line, then
    the body (the output contract's offsets convention); with no blank line it is all body."""
    cut = doc_text(doc).find("\n\n")
    return cut + 2 if cut >= 0 else 0
