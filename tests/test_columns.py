"""The Doc's token columns and cached look-ups must say what spaCy's own Token and Span attributes say."""

from pipeline.document.columns import children, columns
from pipeline.document.doccache import doc_text, sentence_start, span_text
from pipeline.entities.words import capitals, is_cap

TEXT = ("Harbour Board chair Dr. Ilse Brandt said on Tuesday that the new ferry, named \"Gull\", "
        "would sail twice a day.\n\n@ferrywatch: so-called #QuietWaters  again!  Mr Okafor-Lind (born 1970) agreed.")


def test_columns_match_token_attributes(nlp):
    doc = nlp(TEXT)
    cols = columns(doc)
    for tok in doc:
        i = tok.i
        assert (cols.text[i], cols.lower[i], cols.ws[i], cols.idx[i]) == (tok.text, tok.lower_, tok.whitespace_, tok.idx)
        assert (cols.tag[i], cols.pos[i], cols.dep[i], cols.head[i]) == (tok.tag_, tok.pos_, tok.dep_, tok.head.i)
        assert (cols.ent_type[i], cols.lemma[i]) == (tok.ent_type_, tok.lemma_)
        assert (cols.is_space[i], cols.is_lower[i], cols.is_alpha[i], cols.is_punct[i]) == (
            tok.is_space, tok.is_lower, tok.is_alpha, tok.is_punct)
        assert children(doc).get(i, []) == [c.i for c in tok.children]
        assert sentence_start(doc, i) == tok.sent.start
    assert capitals(doc) == [is_cap(t) for t in doc]
    assert columns(doc) is cols  # built once per Doc


def test_text_and_span_text_match_spacy(nlp):
    doc = nlp(TEXT)
    assert doc_text(doc) == doc.text
    for start in range(0, len(doc), 3):
        for end in (start, start + 1, start + 4):
            assert span_text(doc, start, min(end, len(doc))) == doc[start:min(end, len(doc))].text


def test_empty_doc_has_empty_columns(nlp):
    doc = nlp("")
    assert columns(doc).text == [] and doc_text(doc) == ""
    doc = nlp("Ferries sail.")
    assert columns(doc).text == ["Ferries", "sail", "."]  # the positive twin


def test_indefinite_filter_reads_children_as_spacy_does(nlp):
    from pipeline.entities.filters import _indefinite

    doc = nlp("A Land Rover Defender and an Airbus A320 passed the Harbour Board, which met a Ruritanian envoy.")
    spans = [*doc.ents, *(doc[i:i + 1] for i in range(len(doc)))]
    for span in spans:  # the column reading against Token.children and Token.lower_
        head = span.root
        expected = any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)
        if not (head.dep_ == "appos" and head.head.tag_ == "NNP"):
            assert _indefinite(span) == expected, span.text
    assert any(_indefinite(span) for span in spans)  # the positive twin: "a Land Rover Defender" is found


def test_paragraph_component_marks_blank_lines_only(nlp):
    doc = nlp("Ferry Board Meets\n\nThe board met on Tuesday.\nIt agreed.\n\n\nA new ferry sails.")
    starts = {t.i for t in doc if t.is_sent_start}
    for token in doc[1:]:
        if token.is_space and token.text.count("\n") >= 2:
            assert token.i in starts  # a blank line ends a sentence
    assert nlp("").text == ""  # an empty doc passes through
