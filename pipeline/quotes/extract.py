"""Quotations and their speakers from a parsed spaCy `Doc`: rules over the parse and the layout.

`extract_quotes` is the entry point. Three finders, run in this order because each skips the
stretches the ones before it took, then one pass that removes overlaps and one that resolves
speakers:

1. marks.py: quotes in marks (straight, curly, single, and ``...'' as some wires write them): direct, partial and
   block quotes; a mark left open at a paragraph end runs on into the next paragraph.
2. blocks.py: unmarked block quotes after an introducing paragraph ("Lena Park writes:",
   "Omar Diallo tweeted") and tweets ("@handle: ...").
3. indirect.py: reported speech, the clause of a reporting verb ("said that ...", "urged X
   to ...") and "according to X, ...".

speakers.py then finds each quote's speaker (the cue's subject, an intro, the previous speaker)
and names.py resolves it to an article entity, through the shared reference resolver
(pipeline.references) for pronouns and titles. article.py holds the paragraphs and token
look-ups all of them share, cues.py the word lists (resources/quotes.json). Each filter and
recoder is a named rule (pipeline.rules) that `newsbeam eval --ablate` can switch off.
"""

from __future__ import annotations

from ..document.doccache import doc_text
from ..document.records import EntityIndex, Quote
from .article import Article, Candidate
from .blocks import unmarked_blocks
from .indirect import indirect_quotes
from .marks import marked_quotes
from .speakers import Speakers


def extract_quotes(doc, entities: EntityIndex) -> list[Quote]:
    """Every quotation in the doc, with its speaker resolved to one of `entities`."""
    article = Article(doc, entities)
    cands = marked_quotes(article) + unmarked_blocks(article) + indirect_quotes(article)
    cands = _drop_overlaps(cands)
    Speakers(article).resolve(cands)
    text = doc_text(doc)
    return [
        Quote(
            text=text[c.start : c.end], start=c.start, end=c.end, kind=c.kind, speaker=c.speaker,
            cue=c.cue, speaker_role=c.role, speaker_text=None if c.speaker else c.speaker_text,
        )
        for c in cands
    ]


def _drop_overlaps(cands: list[Candidate]) -> list[Candidate]:
    """Reported speech inside a quote is not a quote of its own, and a reported clause that holds
    quoted words is represented by those words (partial quotes). A quote inside another quote
    is part of it."""
    cands = sorted(cands, key=lambda c: (c.start, -c.end))
    quoted = [c for c in cands if c.kind != "indirect"]
    kept: list[Candidate] = []
    for cand in cands:
        if cand.kind != "indirect":
            if not any(o is not cand and o.start <= cand.start and cand.end <= o.end for o in quoted):
                kept.append(cand)
        elif any(o.start < cand.end and cand.start < o.end for o in quoted):
            continue
        elif any(o.start <= cand.start and cand.end <= o.end for o in kept if o.kind == "indirect"):
            continue  # sorted by start, longest first: an enclosing clause is already kept
        else:
            kept.append(cand)
    return kept
