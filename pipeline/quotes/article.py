"""The article as the quote finders see it, and the `Candidate` record a quote is built in.

`Article` holds the body's paragraphs (quotes in the headline are not quotes), token look-ups by
character offset, and every stretch already found quoted: the finders run in a fixed order
(marks, blocks, reported speech) and later ones skip what earlier ones took. spaCy's parser often
runs one sentence across a paragraph break, so parse-based look-ups stay inside one paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..document.doccache import body_start, doc_text
from ..document.records import Entity, EntityIndex
from ..references import References
from .cues import CLAUSE_VERBS, is_reporting

WORD = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*")
QUOTE_START = "\"\u201c`\u2018"  # a paragraph opening with one of these is a marked quote


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding blanks, commas and stray marks."""
    while start < end and (text[start].isspace() or text[start] in "\"'\u201c\u201d\u2018\u2019`,"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:\"'\u201c\u201d\u2018\u2019`-\u2014"):
        end -= 1
    return start, end


@dataclass
class Candidate:
    """A quote being built: offsets, kind, and how its speaker is to be found."""

    start: int
    end: int
    kind: str  # direct | partial | block | indirect
    cue: str | None = None
    cue_token: object = None  # the reporting verb whose subject speaks
    source: object = None  # a noun-phrase head naming the speaker directly ("according to X")
    speaker: Entity | None = None
    speaker_text: str | None = None
    role: str | None = None
    marked: bool = False  # inside quote marks
    intro: int | None = None  # paragraph that introduces this block quote
    handle: str | None = None  # the account that posted it ("@handle: ..."), without the @

    def set_cue(self, verb) -> None:
        """The reporting verb whose subject speaks; the cue is the verb with its particle."""
        self.cue_token = verb
        particle = [c.text for c in verb.children if c.dep_ == "prt"]
        self.cue = " ".join([verb.lower_, *particle])

    def copy_speaker(self, other: Candidate) -> None:
        self.speaker, self.speaker_text, self.cue, self.role = other.speaker, other.speaker_text, other.cue, other.role


class Article:
    def __init__(self, doc, index: EntityIndex):
        self.doc, self.index, self.text = doc, index, doc_text(doc)
        self.body_start = body_start(doc)
        self.refs = References.of(doc, index)  # pronouns, titles; also the paragraphs
        self.paras = self.refs.paras
        self.spans: list[tuple[int, int]] = []  # every quoted or block-quoted stretch found so far
        self._quoted = bytearray(len(self.text))  # the same, per character: asked once per token

    def add_span(self, start: int, end: int) -> None:
        """Record a quoted or block-quoted stretch."""
        self.spans.append((start, end))
        first, last = max(start, 0), min(end, len(self._quoted))
        if last > first:
            self._quoted[first:last] = b"\x01" * (last - first)

    def para_of(self, offset: int) -> int:
        """Index of the paragraph holding `offset`; -1 for the headline."""
        return self.refs.para_of(offset)

    def same_para(self, a, b) -> bool:
        return self.para_of(a.idx) == self.para_of(b.idx)

    def para_text(self, p: int) -> str:
        start, end = self.paras[p]
        return self.text[start:end]

    def _span(self, start: int, end: int):
        """The Span of the tokens overlapping [start, end), or None."""
        return self.doc.char_span(start, end, alignment_mode="expand") if end > start else None

    def tokens(self, start: int, end: int) -> list:
        """The tokens overlapping [start, end)."""
        span = self._span(start, end)
        return list(span) if span is not None else []

    def last_token(self, start: int, end: int):
        """The last token overlapping [start, end), or None (one Token, not one per word)."""
        span = self._span(start, end)
        return span[-1] if span else None

    def token_at(self, offset: int):
        found = self.tokens(offset, offset + 1)
        return found[0] if found else None

    def inside_quote(self, offset: int) -> bool:
        return 0 <= offset < len(self._quoted) and bool(self._quoted[offset])

    def is_intro(self, p: int) -> bool:
        """A paragraph that introduces the next one as a quote: ends with a colon or "tweeted"."""
        if p < 0:
            return False
        if self.para_text(p).rstrip().endswith(":"):
            return True
        last = self.last_token(*self.paras[p])
        return last is not None and is_reporting(last, CLAUSE_VERBS)
