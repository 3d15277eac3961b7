"""Quotations and their speakers from a parsed spaCy `Doc`: rules over the parse and the layout.

Three sources of quotes, then one pass that removes overlaps and one that resolves speakers:
1. quote marks (straight, curly, single, VOA's ``...''): direct, partial and block quotes. A mark
   left open at a paragraph end runs on into the next paragraph that opens one.
2. unmarked block quotes: paragraphs after an introducing paragraph that ends with a colon or a
   reporting verb ("Ng E-Jay writes:", "Tom Finn tweeted"), tweets ("@handle: ..."), kept going
   while the next paragraph still reads as the quoted author's words.
3. indirect speech: the clausal complement of a reporting verb ("said that ...", "urged X to
   ...") and "according to X, ...".
The speaker is the cue's subject resolved to an article entity: names, appositions, titles ("the
minister" -> the named minister), spokespeople ("U.S. officials" -> United States), pronouns
(the paragraph's last speaker, else the nearest person or organisation that fits).

spaCy's parser often runs one sentence across a paragraph break, so everything taken from the
parse (subjects, clauses) is kept inside the paragraph it starts in.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path

from .doccache import doc_text, sentence
from .records import Entity, EntityIndex, Quote

_WORDS = json.loads((Path(__file__).parent / "data" / "quote_verbs.json").read_text(encoding="utf-8"))
CLAUSE_VERBS = frozenset(_WORDS["clause"])
INFINITIVE_VERBS = frozenset(_WORDS["infinitive"])
REPORTING = CLAUSE_VERBS | INFINITIVE_VERBS
FRAGMENT_VERBS = frozenset(_WORDS["fragment"]) | REPORTING
COGNITION = frozenset(_WORDS["cognition"])
NEEDS_PARTICLE = {verb: set(parts) for verb, parts in _WORDS["needs_particle"].items()}
SPOKESPERSON = frozenset(_WORDS["spokesperson"])
GENERIC = frozenset(_WORDS["generic"])
TITLES = frozenset(_WORDS["titles"])
FIRST_PERSON = frozenset(_WORDS["first_person"])
CONNECTIVES = frozenset(_WORDS["connectives"])

SUBJECTS = ("nsubj", "nsubjpass")
MALE, FEMALE = {"he", "him", "his"}, {"she", "her", "hers"}
PERSONAL = MALE | FEMALE
IMPERSONAL = {"it", "its", "they", "them", "their"}
DASH = "\u2014"

_DOUBLE = re.compile(r"``|''|[\"\u201c\u201d\u201e]")
_SINGLE = re.compile(r"['\u2018\u2019]")
_WORD = re.compile(r"[^\W_]+(?:['\u2019.-][^\W_]+)*")
_TWEET = re.compile(r"@(\w+)\s*:\s*")
_HANDLE = re.compile(r"\(@(\w+)\)")
_DASH_LINE = re.compile(r"\s*(?:[\u2014\u2013]|--?)\s*([^,\n(]+?)\s*(?:[,(]\s*(.+?))?[\s.)]*$")
_ELLIPSIS = re.compile(r"[\s.\u2026\[\]]+")
_SMALL_WORDS = {"of", "the", "and", "for", "in", "a", "an", "on", "to", "at", "de", "la", "&"}
_OPENERS = " \t\n([{\u2014\u2013-/:\u201c\u2018"
_QUOTE_START = "\"\u201c`\u2018"


@dataclass
class _Cand:
    """A quote being built: offsets, kind, and how its speaker is to be found."""

    start: int
    end: int
    kind: str
    cue: str | None = None
    cue_token: object = None  # the reporting verb whose subject speaks
    source: object = None  # a noun-phrase head naming the speaker directly ("according to X")
    speaker: Entity | None = None
    speaker_text: str | None = None
    role: str | None = None
    resolved: bool = False
    marked: bool = False
    intro: int | None = None  # paragraph that introduces this block quote
    handle: str | None = None  # the tweet's @handle
    chain: int | None = None  # id shared by the paragraphs of one multi-paragraph quote


def extract_quotes(doc, entities: EntityIndex) -> list[Quote]:
    """Every quotation in the doc, with its speaker resolved to one of `entities`."""
    article = _Article(doc, entities)
    cands = article.marked_quotes() + article.unmarked_blocks() + article.indirect_quotes()
    cands = _drop_overlaps(cands)
    article.resolve_speakers(cands)
    return [
        Quote(
            text=doc_text(doc)[c.start : c.end], start=c.start, end=c.end, kind=c.kind, speaker=c.speaker,
            cue=c.cue, speaker_role=c.role, speaker_text=None if c.speaker else c.speaker_text,
        )
        for c in cands
    ]


# ----------------------------------------------------------------------------- quote marks


def _mark_is_open(text: str, i: int, mark: str) -> bool:
    if mark in ("\u201c", "``", "\u201e"):
        return True
    if mark in ("\u201d", "''"):
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    return before in _OPENERS and not after.isspace()


def _double_spans(text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    """(start, end, open_ended) of double-quoted stretches in one paragraph.

    A second opening mark before a close ends the first stretch there: wire copy drops the
    closing mark when a quote runs on into a new (lost) paragraph."""
    spans, open_at = [], None
    for match in _DOUBLE.finditer(text, start, end):
        if _mark_is_open(text, match.start(), match.group()):
            if open_at is not None:
                spans.append((open_at, match.start(), True))
            open_at = match.end()
        elif open_at is not None:
            spans.append((open_at, match.start(), False))
            open_at = None
    if open_at is not None:
        spans.append((open_at, end, True))
    return spans


def _single_spans(text: str, start: int, end: int, taken: list[tuple[int, int, bool]]) -> list:
    """Single-quoted stretches outside double quotes; apostrophes are neither opening nor closing."""
    spans, open_at = [], None
    for match in _SINGLE.finditer(text, start, end):
        i = match.start()
        if any(s - 1 <= i <= e for s, e, _ in taken):
            continue
        before = text[i - 1] if i > start else " "
        after = text[i + 1] if i + 1 < end else " "
        if before in _OPENERS and (after.isalnum() or after == "."):
            open_at = i + 1
        elif open_at is not None and not before.isspace() and not after.isalnum():
            spans.append((open_at, i, False))
            open_at = None
    return spans


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without surrounding blanks, commas and stray marks."""
    while start < end and (text[start].isspace() or text[start] in "\"'\u201c\u201d\u2018\u2019`,"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;:\"'\u201c\u201d\u2018\u2019`-\u2014"):
        end -= 1
    return start, end


def _name_like(text: str) -> bool:
    """A quoted name or title ("Chocolate Hills", "Rim of Fire"): every content word capitalised."""
    words = _WORD.findall(text)
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


def _is_according(tok) -> bool:
    doc = tok.doc
    return tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to"


def _is_reporting(tok, words=REPORTING) -> bool:
    """A reporting verb used as one: not negated ("have not said why"), with its particle
    where the verb needs one ("point out", "call on")."""
    lemma = tok.lemma_.lower()
    if tok.pos_ != "VERB" or lemma not in words or any(c.dep_ == "neg" for c in tok.children):
        return False
    needed = NEEDS_PARTICLE.get(lemma)
    return not needed or any(c.dep_ in ("prt", "prep") and c.lower_ in needed for c in tok.children)


# ----------------------------------------------------------------------------- the article


class _Article:
    def __init__(self, doc, index: EntityIndex):
        self.doc, self.index, self.text = doc, index, doc_text(doc)
        cut = self.text.find("\n\n")
        self.body_start = cut + 2 if cut >= 0 else 0  # headline quotes are not quotes
        self.paras = [
            (m.start(), m.end()) for m in re.finditer(r"[^\n]*\S[^\n]*", self.text) if m.start() >= self.body_start
        ]
        self.para_starts = [s for s, _ in self.paras]
        self.spans: list[tuple[int, int]] = []  # every quoted or block-quoted stretch
        self.handles: dict[str, tuple] = {}
        self.gender = self._genders()
        self.mentions = self._mentions()
        self._learn_handles()

    # ------------------------------------------------------------------ helpers

    def para_of(self, offset: int) -> int:
        """Index of the paragraph holding `offset`; -1 for the headline."""
        return bisect_right(self.para_starts, offset) - 1

    def same_para(self, a, b) -> bool:
        return self.para_of(a.idx) == self.para_of(b.idx)

    def tokens(self, start: int, end: int):
        if end <= start:
            return []
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return list(span) if span is not None else []

    def token_at(self, offset: int):
        found = self.tokens(offset, offset + 1)
        return found[0] if found else None

    def para_text(self, p: int) -> str:
        start, end = self.paras[p]
        return self.text[start:end]

    def is_intro(self, p: int) -> bool:
        """A paragraph that introduces the next one as a quote: ends with a colon or "tweeted"."""
        if p < 0:
            return False
        text = self.para_text(p).rstrip()
        if text.endswith(":"):
            return True
        last = self.tokens(*self.paras[p])
        return bool(last) and _is_reporting(last[-1], CLAUSE_VERBS)

    def inside_quote(self, offset: int) -> bool:
        return any(s <= offset < e for s, e in self.spans)

    # ------------------------------------------------------------------ marked quotes

    def marked_quotes(self) -> list[_Cand]:
        cands, chain_id, prev_open = [], 0, False
        for p, (start, end) in enumerate(self.paras):
            doubles = _double_spans(self.text, start, end)
            spans = sorted(doubles + _single_spans(self.text, start, end, doubles))
            continues = prev_open and bool(spans) and spans[0][0] <= start + 2
            if not continues:
                chain_id += 1
            prev_open = bool(spans) and spans[-1][2] and spans[-1][1] >= end
            for n, (q_start, q_end, _) in enumerate(spans):
                cand = self._marked(p, q_start, q_end, spans)
                if cand is not None:
                    if (n == 0 and continues) or (prev_open and n == len(spans) - 1):
                        cand.chain = chain_id
                    cands.append(cand)
        return cands

    def _marked(self, p: int, q_start: int, q_end: int, spans) -> _Cand | None:
        start, end = _trim(self.text, q_start, q_end)
        text = self.text[start:end]
        words = _WORD.findall(text)
        if not words:
            return None
        self.spans.append((start, end))
        if len(words) <= 6 and _name_like(text):
            return None
        cand = _Cand(start, end, "partial", marked=True)
        verb = self._governing_verb(start, end, short=len(words) < 3)
        if verb is not None:
            self._set_cue(cand, verb)
        elif len(words) < 3:
            return None  # a quoted term ("parole") that no one is said to say
        else:
            self._attribution(cand, p, q_start, q_end, spans)
        para_start, para_end = self.paras[p]
        rest = self.text[para_start:q_start] + ("" if cand.cue == DASH else self.text[q_end:para_end])
        if not _WORD.search(rest):
            cand.kind = "block"
        elif text[0].isupper() and len(words) >= 4:
            cand.kind = "direct"
        return cand

    def _governing_verb(self, start: int, end: int, short: bool):
        """The reporting verb of the quote's own sentence: the nearest one before it that is not a
        verb of thinking ("said the results were "respectable""), else one the quote hangs from
        ('"...," said KCNA'). A one- or two-word quote needs a verb that really governs it."""
        inside = self.tokens(start, end)
        if not inside:
            return None
        first = inside[0]
        before = [
            t for t in sentence(first) if t.i < first.i and t.idx >= self.paras[self.para_of(start)][0]
            and not self.inside_quote(t.idx) and _is_reporting(t, FRAGMENT_VERBS)
        ]
        roots = [t for t in inside if not start <= t.head.idx < end]
        ancestors = [
            anc for tok in roots[:1] for anc in tok.ancestors
            if not start <= anc.idx < end and self.same_para(anc, first) and _is_reporting(anc, FRAGMENT_VERBS)
        ]
        if short:
            # "passed a bill declaring the TIPNIS "intangible"": a verb modifying a noun names no speaker
            ancestors = [a for a in ancestors if a.dep_ not in ("acl", "relcl")]
            return ancestors[0] if ancestors else None
        last = inside[-1]
        after = [
            t for t in self.doc[last.i + 1 : last.i + 6]
            if self.same_para(t, last) and not self.inside_quote(t.idx) and _is_reporting(t)
        ]
        if after:
            return after[0]  # '"...", as claimed by the authorities'; '"...," she said'
        strong = [t for t in before if t.lemma_.lower() not in COGNITION]
        if strong:
            return strong[-1]
        return ancestors[0] if ancestors else (before[-1] if before else None)

    def _attribution(self, cand: _Cand, p: int, q_start: int, q_end: int, spans) -> None:
        """Cue in the words right around the quote: before it in its sentence (X said: "..."),
        after it up to the sentence end ("...," said X), or a dash line (" —Name, Role")."""
        para_start, para_end = self.paras[p]
        prev_end = max([e + 1 for s, e, _ in spans if e < q_start] + [para_start])
        next_start = min([s - 1 for s, e, _ in spans if s > q_end] + [para_end])
        after = self.text[q_end + 1 : next_start] if q_end < para_end else ""
        if after.lstrip()[:1] in ("\u2014", "\u2013", "-"):
            dash = _DASH_LINE.match(after)
            if dash:
                return self._dash(cand, q_end + 1, dash)
        cut = re.search(r"[.!?;](?=\s|$)", after)
        after_end = q_end + 1 + (cut.start() if cut else len(after))
        ends_sentence = self.text[q_start:q_end].rstrip()[-1:] in ".!?\u2026"
        if ends_sentence and re.match(r"\s*[A-Z\"\u201c]", after) and not self._short_attribution(after):
            after_end = q_end
        before_text = self.text[prev_end : max(prev_end, q_start - 1)]
        stops = list(re.finditer(r"[.!?](?=\s)", before_text))
        before_start = prev_end + (stops[-1].end() if stops else 0)
        for window in (self.tokens(q_end + 1, after_end), self.tokens(before_start, q_start - 1)[::-1]):
            for tok in window:
                if self._cue_in_window(cand, tok):
                    return

    @staticmethod
    def _short_attribution(after: str) -> bool:
        """'"...?" Smith said.' -- a name and a verb, nothing else, before the full stop."""
        clause = re.split(r"[.!?;]", after, maxsplit=1)[0]
        return len(clause.split()) <= 5 and bool(
            re.search(r"\b(said|says|added|adds|told|tells|wrote|writes|asked|asks)\b", clause)
        )

    def _cue_in_window(self, cand: _Cand, tok) -> bool:
        if _is_according(tok):
            cand.cue, cand.source = "according to", _pobj(self.doc[tok.i + 1])
            return True
        if tok.lower_ == "words" and tok.i >= 2 and tok.nbor(-1).lower_ == "the" and tok.nbor(-2).lower_ == "in":
            cand.cue = "in the words of"
            cand.source = _pobj(tok.nbor(1)) if tok.i + 1 < len(self.doc) else None
            return True
        if _is_reporting(tok):
            self._set_cue(cand, tok)
            return True
        return False

    @staticmethod
    def _set_cue(cand: _Cand, verb) -> None:
        cand.cue_token = verb
        particle = [c.text for c in verb.children if c.dep_ == "prt"]
        cand.cue = " ".join([verb.lower_, *particle])

    def _dash(self, cand: _Cand, offset: int, match) -> None:
        cand.cue, cand.resolved = DASH, True
        name_start = offset + match.start(1)
        name = match.group(1)
        cand.speaker = self.index.at(name_start, name_start + len(name)) or self.index.find(name)
        cand.speaker_text = name
        cand.role = match.group(2)

    # ------------------------------------------------------------------ unmarked blocks

    def unmarked_blocks(self) -> list[_Cand]:
        cands, p = [], 0
        while p < len(self.paras) - 1:
            if not self.is_intro(p):
                p += 1
                continue
            intro, p = p, p + 1
            tweets = bool(_TWEET.match(self.para_text(p)))
            while p < len(self.paras) and (p == intro + 1 or self._block_goes_on(p, tweets)):
                cand = self._block(p, intro)
                if cand:
                    cands.append(cand)
                p += 1
        return cands

    def _block_goes_on(self, p: int, tweets: bool) -> bool:
        """Does paragraph p still quote the author introduced above? Tweets run on while they are
        tweets; prose while it speaks in the first person, goes on with "And", "But", "Yet"...,
        asks a question, or is the "..." between two excerpts."""
        text = self.para_text(p)
        if tweets:
            return bool(_TWEET.match(text))
        if self.is_intro(p - 1) or self.is_intro(p) or text.lstrip()[:1] in _QUOTE_START + "@":
            return False
        if _ELLIPSIS.fullmatch(text):
            return True
        words = [w.lower() for w in _WORD.findall(_strip_quoted(text))]
        return bool(words) and (
            words[0] in CONNECTIVES or text.rstrip().endswith("?") or any(w in FIRST_PERSON for w in words)
        )

    def _block(self, p: int, intro: int) -> _Cand | None:
        start, end = self.paras[p]
        text = self.text[start:end]
        if text.lstrip()[:1] in _QUOTE_START or not _WORD.search(text) or _ELLIPSIS.fullmatch(text):
            return None  # marked quotes are found by marked_quotes; "..." separates excerpts
        cand = _Cand(start, end, "block", intro=intro)
        tweet = _TWEET.match(text)
        if tweet:
            cand.start, cand.handle = start + tweet.end(), tweet.group(1).lower()
        self.spans.append((cand.start, cand.end))
        return cand

    def _learn_handles(self) -> None:
        """'Aguil Lual (@AguilB)' -> the handle's owner, for tweets quoted later as '@AguilB: ...'."""
        for match in _HANDLE.finditer(self.text):
            tok = self.token_at(max(0, match.start() - 2))
            if tok is not None:
                entity, text = self.name_of(tok, [])
                if entity or text:
                    self.handles[match.group(1).lower()] = (entity, text)

    # ------------------------------------------------------------------ indirect speech

    def indirect_quotes(self) -> list[_Cand]:
        cands = []
        for tok in self.doc:
            if tok.idx < self.body_start or self.inside_quote(tok.idx):
                continue
            if _is_according(tok):
                cands += self._according_to(tok)
            elif _is_reporting(tok):
                cands += self._reported(tok)
        return cands

    def _reported(self, verb) -> list[_Cand]:
        lemma = verb.lemma_.lower()
        cands = []
        nouns = [c for c in verb.children if c.dep_ in ("dobj", "prep")]
        nouns += [g for c in nouns if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
        for child in [*verb.children, *(g for n in nouns for g in n.children)]:
            clause = child.dep_ == "ccomp" and child.head == verb and lemma in CLAUSE_VERBS
            infinitive = (
                child.dep_ in ("xcomp", "advcl", "ccomp")
                and child.i > verb.i
                and lemma in INFINITIVE_VERBS
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
            )
            if clause or infinitive or self._noun_clause(child):
                for start, end in self._clauses(child, verb):
                    cand = _Cand(start, end, "indirect")
                    self._set_cue(cand, verb)
                    cands.append(cand)
        return cands

    @staticmethod
    def _noun_clause(tok) -> bool:
        """"demanded assurances that ...", "told LA Weekly in a statement that ...": a "that" or
        "whether" clause hanging from the verb's object."""
        if tok.dep_ not in ("acl", "ccomp", "pcomp") or tok.head.dep_ not in ("dobj", "pobj"):
            return False
        return any(c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in tok.children)

    def _clauses(self, head, verb) -> list[tuple[int, int]]:
        """Offsets of the reported clause within the verb's paragraph, split where a conjunct
        has its own "that" ("said X and that Y")."""
        split = [c for c in head.children if c.dep_ == "conj" and any(g.dep_ == "mark" for g in c.children)]
        drop = {t.i for c in split for t in c.subtree}
        parts = [[t for t in head.subtree if t.i not in drop]] + [list(c.subtree) for c in split]
        return [span for part in parts if (span := self._clip(part, verb)) is not None]

    def _clip(self, part, anchor) -> tuple[int, int] | None:
        para_start, para_end = self.paras[self.para_of(anchor.idx)]
        part = [t for t in part if para_start <= t.idx < para_end]
        while part and part[0].dep_ in ("mark", "punct", "cc") and part[0].lower_ != "whether":
            part = part[1:]
        while part and part[-1].dep_ in ("punct", "cc"):
            part = part[:-1]
        if len(part) < 3:
            return None
        return _trim(self.text, part[0].idx, part[-1].idx + len(part[-1]))

    def _according_to(self, tok) -> list[_Cand]:
        """"According to X, clause" / "clause, according to X": the clause, spoken by X."""
        head = tok.head
        if head == tok or head.pos_ not in ("VERB", "AUX"):
            return []
        inner = {t.i for t in tok.subtree}
        left = [t for t in head.subtree if t.i < tok.i and t.i not in inner]
        right = [t for t in head.subtree if t.i > tok.i and t.i not in inner]
        span = self._clip(max(left, right, key=len), tok)
        if span is None:
            return []
        return [_Cand(*span, "indirect", cue="according to", source=_pobj(self.doc[tok.i + 1]))]

    # ------------------------------------------------------------------ speakers

    def resolve_speakers(self, cands: list[_Cand]) -> None:
        """Speakers in document order, so later quotes can inherit from earlier ones."""
        done: list[_Cand] = []
        for cand in cands:
            if not cand.resolved:
                self._resolve(cand, done)
            cand.resolved = True
            done.append(cand)
        self._share_chains(cands)

    def _resolve(self, cand: _Cand, done: list[_Cand]) -> None:
        according = self._according_in_sentence(cand)
        if according is not None:
            cand.source, cand.cue_token, cand.cue = according, None, "according to"
        if cand.source is not None:
            cand.speaker, cand.speaker_text = self.name_of(cand.source, done)
        elif cand.cue_token is not None:
            verb = self._as_reported(cand) or cand.cue_token
            for subject in self.subjects_of(verb):
                cand.speaker, cand.speaker_text = self.name_of(subject, done)
                cand.role = _apposition(subject, cand.speaker)
                if cand.speaker is not None:
                    break
        elif cand.intro is not None:
            self._block_speaker(cand, done)
        elif cand.kind != "partial":
            self._inherit(cand, done)

    def _as_reported(self, cand: _Cand):
        """"they believe ... fuels it, as blogger Atiaf Alwazir pointed out": the "as" source
        inside the reported words speaks for them."""
        for tok in self.tokens(cand.start, cand.end):
            if _is_reporting(tok) and any(c.dep_ == "mark" and c.lower_ == "as" for c in tok.children):
                return tok
        return None

    def _according_in_sentence(self, cand: _Cand):
        """A quote inside "According to X, ..." is X's, whoever the sentence quotes."""
        tok = self.token_at(cand.start) if cand.marked else None
        if tok is None:
            return None
        for t in sentence(tok):
            if _is_according(t) and not cand.start <= t.idx < cand.end and self.same_para(t, tok):
                return _pobj(self.doc[t.i + 1])
        return None

    def _block_speaker(self, cand: _Cand, done: list[_Cand]) -> None:
        """A block quote's speaker: the tweet's known handle, else whoever its intro names."""
        if cand.handle in self.handles:
            cand.speaker, cand.speaker_text = self.handles[cand.handle]
            return
        found = self._intro_speaker(cand.intro, done)
        if found:
            cand.speaker, cand.speaker_text, cand.cue = found
            if cand.handle and (cand.speaker or cand.speaker_text):
                self.handles[cand.handle] = (cand.speaker, cand.speaker_text)

    def _inherit(self, cand: _Cand, done: list[_Cand]) -> None:
        """A full quote with no cue of its own: an introducing paragraph's speaker, else the
        previous quote's in this paragraph, else the previous paragraph's speaker or subject."""
        p = self.para_of(cand.start)
        if self.is_intro(p - 1) and self.para_text(p).lstrip()[:1] in _QUOTE_START:
            found = self._intro_speaker(p - 1, done)
            if found:
                cand.speaker, cand.speaker_text, cand.cue = found
            return
        same = [d for d in done if self.para_of(d.start) == p and d.end <= cand.start and d.kind != "indirect"]
        if same:
            return self._copy(cand, same[-1])
        back = p - 1
        while back > 0 and any(d.kind == "block" and self.para_of(d.start) == back for d in done):
            back -= 1  # a run of block paragraphs: all by the speaker before them
        previous = [d for d in done if back <= self.para_of(d.start) < p and (d.speaker or d.speaker_text)]
        if previous:
            cand.speaker, cand.speaker_text = previous[-1].speaker, previous[-1].speaker_text
        elif back >= 0:
            cand.speaker, cand.speaker_text = self._paragraph_subject(back, done)

    @staticmethod
    def _copy(cand: _Cand, other: _Cand) -> None:
        cand.speaker, cand.speaker_text, cand.cue, cand.role = other.speaker, other.speaker_text, other.cue, other.role

    def _intro_speaker(self, p: int, done: list[_Cand]):
        """(entity, text, cue) of an introducing paragraph: the last reporting verb with a named
        subject ("as blogger Atiaf Alwazir pointed out:"), else its first named subject. A pronoun
        ("He continues:") goes back to the author of the block quotes above."""
        tokens = self.tokens(*self.paras[p])
        first_subject = next((t for t in tokens if t.dep_ in SUBJECTS), None)
        if first_subject is not None and first_subject.lower_ in PERSONAL:
            blocks = [d for d in done if d.kind == "block" and d.intro is not None and self.para_of(d.start) < p]
            if blocks and self.para_of(blocks[-1].start) >= p - 4:
                return blocks[-1].speaker, blocks[-1].speaker_text, first_subject.head.lower_
        for tok in reversed(tokens):
            if _is_according(tok):
                entity, text = self.name_of(_pobj(self.doc[tok.i + 1]), done)
                if entity or text:
                    return entity, text, "according to"
            if _is_reporting(tok):
                subject = next(iter(self.subjects_of(tok)), None)
                if subject is not None:
                    entity, text = self.name_of(subject, done)
                    if entity or text:
                        return entity, text, tok.lower_
        entity, text = self._paragraph_subject(p, done)
        return (entity, text, None) if entity or text else None

    def _paragraph_subject(self, p: int, done: list[_Cand]):
        """The first named subject of a paragraph (outside quotes)."""
        for tok in self.tokens(*self.paras[p]):
            if tok.dep_ in SUBJECTS and not self.inside_quote(tok.idx) and tok.lower_ not in IMPERSONAL:
                entity, text = self.name_of(tok, done)
                if entity or text:
                    return entity, text
        return None, None

    def _share_chains(self, cands: list[_Cand]) -> None:
        """All paragraphs of one multi-paragraph quote share the first speaker found for it."""
        chains: dict[int, list[_Cand]] = {}
        for cand in cands:
            if cand.chain is not None:
                chains.setdefault(cand.chain, []).append(cand)
        for members in chains.values():
            cued = [m for m in members if m.cue_token is not None or m.source is not None or m.cue == DASH]
            for member in members:
                if cued and member not in cued:
                    self._copy(member, cued[0])

    def subjects_of(self, verb) -> list:
        """Who does the reporting: the verb's subjects or a passive's agent, else the subject of
        the verb it hangs from ("..., saying"; "by announcing"), else a name right beside it
        ("..., added KCNA"). Only within the verb's paragraph."""
        node = verb
        for _ in range(4):
            found = [c for c in node.children if c.dep_ in SUBJECTS and self.same_para(c, verb)]
            found += [_pobj(c) for c in node.children if c.dep_ == "agent" and _pobj(c) is not None]
            if found:
                return found
            if node.dep_ == "acl" and node.head.pos_ in ("NOUN", "PROPN"):
                return [node.head]  # "a number of sources reported ...": the noun it describes
            if node.dep_ == "ROOT" or node.head == node or not self.same_para(node.head, verb):
                break
            node = node.head
        beside = self._name_beside(verb)
        return [beside] if beside is not None else []

    def _name_beside(self, verb):
        """An entity, else a proper noun, just after the verb (inverted "said KCNA") or just
        before it ("Tom Molomby, SC, said")."""
        doc = self.doc
        near = [doc[i] for i in range(verb.i + 1, min(len(doc), verb.i + 3))]
        near += [doc[i] for i in range(verb.i - 1, max(-1, verb.i - 8), -1)]
        near = [
            t for t in near
            if self.same_para(t, verb) and not self.inside_quote(t.idx) and t.ent_type_ not in ("DATE", "TIME")
        ]
        for test in (
            lambda t: self.index.at(t.idx, t.idx + len(t.text)),
            lambda t: t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG", "GPE"),
            lambda t: t.pos_ == "PROPN",
        ):
            found = next((t for t in near if test(t)), None)
            if found is not None:
                return found
        return None

    def name_of(self, tok, done: list[_Cand]) -> tuple[Entity | None, str | None]:
        """(entity, name text) of the speaker a noun-phrase head refers to."""
        if tok is None:
            return None, None
        lower, lemma = tok.lower_, tok.lemma_.lower()
        if lower in PERSONAL | IMPERSONAL:
            return self.antecedent(tok, done), None
        if lower in ("who", "which", "that") and tok.head.dep_ == "relcl":
            return self.name_of(tok.head.head, done)
        appos = [self._entity_at(c) for c in tok.children if c.dep_ == "appos"]
        people = [e for e in appos if e is not None and e.type == "PERSON"]
        entity = self._entity_at(tok)
        if people and (entity is None or entity.type != "PERSON"):
            return people[0], None  # "Malaysia's Prime Minister, Najib Razak"
        if entity is not None:
            return entity, None
        if lemma in SPOKESPERSON:
            return self._spokesperson(tok), None
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children)
        if definite and tok.tag_ == "NN" and lemma in TITLES:
            return self._by_title(tok), None  # "the minister said": a title, though ministers are many
        if lemma in GENERIC or tok.pos_ not in ("PROPN", "NOUN"):
            return None, None
        inner = self._person_inside(tok)
        if inner is not None:
            return inner, None  # "Afghan Ambassador to the United States Hamdullah Mohib"
        if tok.pos_ == "PROPN":
            name = _phrase(tok)
            return self._by_first_name(name), name
        if definite:
            return self._by_title(tok), None
        return None, None

    def _entity_at(self, tok) -> Entity | None:
        """The entity named by a head token with its compound parts ("Amnesty International UK")."""
        if tok is None:
            return None
        start, end = _phrase_span(tok)
        entity = self.index.find(self.text[start:end]) if start < tok.idx else None
        entity = entity or self.index.at(start, end)
        return entity if entity is not None and entity.type != "NORP" else None

    def _spokesperson(self, tok) -> Entity | None:
        """"U.S. officials", "a defense ministry spokesman", "spokesman for X": the body they speak for."""
        for child in tok.children:
            if child.dep_ in ("compound", "poss", "amod", "nmod"):
                if child.lemma_.lower() in GENERIC:
                    return None  # "a police spokesman": no one named
                found = self._entity_at(child) or self.index.find(_phrase(child))
                if found is not None:
                    return found
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "from", "at"):
                found = self._entity_at(_pobj(child))
                if found is not None:
                    return found
        body = " ".join(c.text for c in tok.children if c.dep_ in ("compound", "amod"))
        found = self.index.find(body) if body else None
        return found or self._by_title(tok)

    def _person_inside(self, tok) -> Entity | None:
        """A person named inside a title phrase, leaving out clauses that describe it."""
        if tok.pos_ != "PROPN":
            return None
        skip = {t.i for c in tok.children if c.dep_ in ("relcl", "acl", "poss") for t in c.subtree}
        for t in tok.subtree:
            if t.i not in skip and t is not tok and self.same_para(t, tok):
                entity = self.index.at(t.idx, t.idx + len(t.text))
                if entity is not None and entity.type == "PERSON":
                    return entity
        return None

    def _by_first_name(self, name: str) -> Entity | None:
        """'Aguil' -> 'Aguil Lual': a person the article names in full."""
        found = self.index.find(name)
        if found is not None:
            return found
        key = name.casefold() + " "
        people = [e for e in self.index.entities if e.type == "PERSON" and e.name.casefold().startswith(key)]
        return people[0] if len(people) == 1 else None

    def _by_title(self, tok) -> Entity | None:
        """"the minister" -> the latest entity introduced with that word ("Minister David Lammy")
        or named by it ("the alliance" -> "Making Decisions Alliance"); failing that, the next one
        in the same paragraph ("a spokesman ..., MAB spokesman Dr Azzam Tamimi")."""
        word = re.escape(tok.lower_)
        if tok.tag_ not in ("NN", "NNP") or tok.lower_ in GENERIC and tok.lemma_.lower() not in TITLES:
            return None
        before, after = None, None
        para = self.para_of(tok.idx)
        definite = any(c.lower_ == "the" or c.dep_ == "poss" for c in tok.children)
        for entity in self.index.entities:
            if entity.type == "NORP":
                continue
            for m in entity.mentions:
                context = self.text[max(0, m.start - 40) : m.start].lower()
                titled = re.search(rf"\b{word},?\s+((dr|mr|mrs|ms|prof|sir)\.?\s+)?$", context)
                if not (re.search(rf"\b{word}\b", m.text.lower()) or titled):
                    continue
                if m.start < tok.idx and (before is None or m.start > before[0]):
                    before = (m.start, entity)
                near = definite or self.para_of(m.start) == para
                if m.start > tok.idx and near and (after is None or m.start < after[0]):
                    after = (m.start, entity)
        found = before or after
        return found[1] if found else None

    def antecedent(self, tok, done: list[_Cand]) -> Entity | None:
        """A pronoun's referent. he/she: the paragraph's last speaker, else the nearest person of
        that gender in the sentence, the paragraph's subjects, the previous speakers, the text.
        it/they: the same with organisations and places."""
        personal = tok.lower_ in PERSONAL
        gender = "m" if tok.lower_ in MALE else "f" if tok.lower_ in FEMALE else None
        p = self.para_of(tok.idx)

        def fits(entity: Entity | None) -> bool:
            if entity is None or (entity.type == "PERSON") != personal:
                return False
            return gender is None or self.gender.get(entity.name, gender) == gender

        speakers = [d.speaker for d in done if d.start < tok.idx and d.speaker is not None]
        here = [d.speaker for d in done if d.start < tok.idx and d.speaker and self.para_of(d.start) == p]
        if here and (fits(here[-1]) or personal and here[-1].type != "PERSON"):
            return here[-1]  # the spokesman quoted just before speaks on: "He said that ..."
        earlier = [(s, e, subj) for s, e, subj in self.mentions if s < tok.idx]
        sent_start = sentence(tok).start_char
        same_sentence = [e for s, e, _ in earlier if s >= sent_start]
        paragraph = [e for s, e, subj in earlier if subj and self.para_of(s) == p]
        groups = [same_sentence, paragraph, speakers[-3:], [e for _, e, subj in earlier if subj], [e for _, e, _ in earlier]]
        if not personal:  # "it"/"they" mostly mean things or unnamed people: stay close
            groups = [
                [e for s, e, subj in earlier if subj and s >= sent_start],
                paragraph,
                [e for s, e, subj in earlier if subj and self.para_of(s) == p - 1 and e.type == "ORG"],
            ]
        for group in groups:
            for entity in reversed(group):
                if fits(entity):
                    return entity
        return None

    def _mentions(self) -> list[tuple[int, Entity, bool]]:
        """(offset, entity, is_subject) of every speaker-like entity mention, in text order."""
        result = []
        for entity in self.index.entities:
            if entity.type == "NORP":
                continue
            for m in entity.mentions:
                span = self.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                root = span.root
                subject = root.dep_ in SUBJECTS or (root.dep_ in ("compound", "poss") and root.head.dep_ in SUBJECTS)
                result.append((m.start, entity, subject))
        known = {start for start, _, _ in result}
        for tok in self.doc:  # subjects the entity extractor missed here but names elsewhere
            if tok.dep_ in SUBJECTS and tok.pos_ == "PROPN" and tok.idx not in known:
                entity = self.index.find(tok.text)
                if entity is not None and entity.type == "PERSON":
                    result.append((tok.idx, entity, True))
        return sorted(result, key=lambda item: item[0])

    def _genders(self) -> dict[str, str]:
        """A person's gender as the article's pronouns show it: the first he/his/she/her after a
        mention, before any other name, votes."""
        votes: dict[str, list[str]] = {}
        people = [(m.start, m.end, e) for e in self.index.entities if e.type == "PERSON" for m in e.mentions]
        people.sort(key=lambda item: item[0])
        for n, (_, end, entity) in enumerate(people):
            limit = people[n + 1][0] if n + 1 < len(people) else len(self.text)
            match = re.search(r"\b(he|his|him|she|her)\b", self.text[end : min(limit, end + 200)], re.IGNORECASE)
            if match:
                votes.setdefault(entity.name, []).append("m" if match.group(1).lower() in MALE else "f")
        for entity in self.index.entities:  # a stated title outweighs the pronouns
            for m in entity.mentions:
                title = re.search(r"\b(Mr|Mrs|Ms|Miss|Sir|Lord|Lady)\.?\s*$", self.text[max(0, m.start - 6) : m.start])
                if title:
                    votes.setdefault(entity.name, []).extend(["f" if title.group(1) in ("Mrs", "Ms", "Miss", "Lady") else "m"] * 3)
        return {name: max(set(v), key=v.count) for name, v in votes.items()}


# ----------------------------------------------------------------------------- small helpers


def _pobj(prep):
    if prep is None:
        return None
    for child in prep.children:
        if child.dep_ in ("pobj", "pcomp"):
            # "the White House's statement", "Gustavo Soto's post": the owner speaks
            if child.lemma_.lower() in SPOKESPERSON:
                owner = [c for c in child.children if c.dep_ == "poss"]
                if owner:
                    return owner[0]
            return child
    return None


def _phrase_span(tok) -> tuple[int, int]:
    """Offsets of a name head with the proper nouns before it and hyphenated parts around it
    ('Tom Stevenson', 'Ng E-Jay')."""
    doc, first, last = tok.doc, tok, tok

    def hyphen(t) -> bool:
        return t.text == "-" and not t.whitespace_

    while first.i > 0 and doc[first.i - 1].text.strip() and (
        doc[first.i - 1].pos_ == "PROPN" and first.pos_ == "PROPN" or hyphen(doc[first.i - 1])
        or doc[first.i - 1].dep_ == "compound" and doc[first.i - 1].head == tok
    ):
        first = doc[first.i - 1]
    while last.i + 2 < len(doc) and not last.whitespace_ and hyphen(doc[last.i + 1]):
        last = doc[last.i + 2]
    return first.idx, last.idx + len(last.text)


def _phrase(tok) -> str:
    start, end = _phrase_span(tok)
    return doc_text(tok.doc)[start:end]


def _apposition(tok, speaker: Entity | None) -> str | None:
    """A role stated beside the speaker: "Jeff Rathke, the State Department Spokesperson"."""
    for child in tok.children:
        if child.dep_ == "appos":
            text = " ".join(t.text for t in child.subtree)
            if speaker is None or speaker.name not in text:
                return text
    return None


def _strip_quoted(text: str) -> str:
    return re.sub(r"[\"\u201c][^\"\u201d]*[\"\u201d]", " ", text)


def _drop_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """Reported speech inside a quote is not a quote of its own, and a reported clause that holds
    quoted words is represented by those words (partial quotes)."""
    cands = sorted(cands, key=lambda c: (c.start, -c.end))
    quoted = [c for c in cands if c.kind != "indirect"]
    kept: list[_Cand] = []
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
