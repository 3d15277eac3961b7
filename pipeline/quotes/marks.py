"""Quotes inside quote marks: pairing the marks, and finding the cue that attributes each quote.

Marks are straight and curly double quotes, ``...'' (as some wires write them) and ''...'' (as some
archives do). A stretch left open at a paragraph's end (wire copy drops the closing mark when a
quote runs on into the next paragraph) ends with its paragraph; the next paragraph's quote finds
its speaker on its own.

A quote is a "block" when it is its paragraph's only words, "direct" when it is a capitalised run
of four words or more, else "partial". Quoted names ("Blue Harbour") and one- or two-word terms
no one is said to say are not quotes, but still count as quoted (no reported speech inside them).
"""

from __future__ import annotations

import re

from ..document.doccache import sentence
from ..rules import on, rule
from .article import WORD, Article, Candidate, trim
from .cues import COGNITION, governs_fragment, is_reporting, number, source_of, source_phrase, words

_DOUBLE = re.compile(r"``|''|[\"\u201c\u201d\u201e]")
SHORT_ATTRIBUTION_WORDS = number("short_attribution_words")  # '"...?" Ruiz replied.'
CUE_AFTER_TOKENS = number("cue_after_tokens")  # '"...," the port's manager said'
NAME_MAX_WORDS = number("name_max_words")  # a quoted name ("Ministry of Health") is short
DIRECT_MIN_WORDS = number("direct_min_words")  # fewer words are a fragment ("partial"), however capitalised
FRAGMENT_MIN_WORDS = number("fragment_min_words")  # a one- or two-word quote needs a verb that governs it
SMALL_WORDS = words("small_words")  # lower-case inside names
QUOTED_NAME = rule("quotes.quoted_name", "a short capitalised run in marks is a name or title, not speech "
                   "('the \"Blue Harbour\" festival')")
TERM_NEEDS_VERB = rule("quotes.term_needs_verb", "a one- or two-word quoted term is a quote only where a verb of saying "
                       "governs it ('called the plan \"reckless\"' but not 'the so-called \"safe zone\"')")
SHORT_TRAILER = rule("quotes.short_trailing_attribution", "a quote that ends its sentence takes its cue from the next "
                     "sentence only when that is a short '\"...?\" Ruiz asked.'")
TWO_APOSTROPHES = rule("quotes.two_apostrophes_open", "two apostrophes open a quote as a straight double mark does "
                       "(before a word, after a space), as some archives write ''...'' for both marks")
DASH_BYLINE = rule("quotes.dash_byline", "a quote followed by a dash and a name is that person's ('\"...\" \u2014Ana "
                   "Ruiz, economist')")
_DASH_LINE = re.compile(r"\s*[\u2014\u2013\u2015]\s*|\s+-{1,2}\s*")  # the dash that opens a byline
_OPENERS = " \t\n([{\u2014\u2013-/:\u201c\u2018"  # what may stand before an opening straight mark


def marked_quotes(article: Article) -> list[Candidate]:
    """Every marked quote in the body, with its cue where one is found."""
    cands = []
    for p, (start, end) in enumerate(article.paras):
        spans = _double_spans(article.text, start, end)
        for q_start, q_end in spans:
            cand = _marked(article, p, q_start, q_end, spans)
            if cand is not None:
                cands.append(cand)
    return cands


# ----------------------------------------------------------------------------- pairing the marks


def _mark_is_open(text: str, i: int, mark: str) -> bool:
    if mark in ("\u201c", "``", "\u201e"):
        return True
    if mark == "\u201d" or mark == "''" and not on(TWO_APOSTROPHES):
        return False
    before = text[i - 1] if i > 0 else " "
    after = text[i + len(mark)] if i + len(mark) < len(text) else " "
    return before in _OPENERS and not after.isspace()


def _double_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """(start, end) of double-quoted stretches in one paragraph; one left open ends the paragraph.

    A second opening mark before a close ends the first stretch there: wire copy drops the
    closing mark when a quote runs on into a new (lost) paragraph."""
    spans, open_at = [], None
    for match in _DOUBLE.finditer(text, start, end):
        if _mark_is_open(text, match.start(), match.group()):
            if open_at is not None:
                spans.append((open_at, match.start()))
            open_at = match.end()
        elif open_at is not None:
            spans.append((open_at, match.start()))
            open_at = None
    if open_at is not None:
        spans.append((open_at, end))
    return spans


def _name_like(text: str) -> bool:
    """A quoted name or title ("Blue Harbour", "Gate of the Winds"): every content word capitalised."""
    words = WORD.findall(text)
    content = [w for w in words if w.lower() not in SMALL_WORDS]
    return bool(content) and all(w[0].isupper() or w[0].isdigit() for w in content)


# ----------------------------------------------------------------------------- one quote


def _marked(article: Article, p: int, q_start: int, q_end: int, spans) -> Candidate | None:
    """The quote between the marks at q_start and q_end of paragraph p, if it is one."""
    text_all = article.text
    start, end = trim(text_all, q_start, q_end)
    text = text_all[start:end]
    words = WORD.findall(text)
    if not words:
        return None
    article.add_span(start, end)
    if on(QUOTED_NAME) and len(words) <= NAME_MAX_WORDS and _name_like(text):
        return None
    cand = Candidate(start, end, "partial", marked=True)
    short = on(TERM_NEEDS_VERB) and len(words) < FRAGMENT_MIN_WORDS
    verb = _governing_verb(article, start, end, short=short)
    if verb is not None:
        cand.set_cue(verb)
    elif short:
        return None  # a quoted term ("parole") that no one is said to say
    else:
        _attribution(article, cand, p, q_start, q_end, spans)
    para_start, para_end = article.paras[p]
    rest = text_all[para_start:q_start] + text_all[q_end:para_end]
    if not WORD.search(rest):
        cand.kind = "block"
    elif text[0].isupper() and len(words) >= DIRECT_MIN_WORDS:
        cand.kind = "direct"
    return cand


def _governing_verb(article: Article, start: int, end: int, short: bool):
    """The reporting verb of the quote's own sentence: one just after it ('"...," she said'),
    else the nearest one before it ("said the harvest was "fair""), else one the quote hangs
    from. A one- or two-word quote needs a verb that really governs it."""
    inside = article.tokens(start, end)
    if not inside:
        return None
    ancestors = _reporting_ancestors(article, inside, start, end)
    if short:
        # "signed an order declaring the lake "protected"": a verb modifying a noun names no speaker
        ancestors = [a for a in ancestors if a.dep_ not in ("acl", "relcl")]
        return ancestors[0] if ancestors else None
    after = _reporting_after(article, inside[-1])
    if after:
        return after[0]  # '"...", as the agency put it'; '"...," she said'
    before = _reporting_before(article, inside[0], start)
    if before:
        return before[-1]
    return ancestors[0] if ancestors else None


def _reporting_ancestors(article: Article, inside: list, start: int, end: int) -> list:
    """Reporting verbs outside the quote that its first root token hangs from, nearest first."""
    roots = [t for t in inside if not start <= t.head.idx < end]
    return [
        anc for tok in roots[:1] for anc in tok.ancestors
        if not start <= anc.idx < end and article.same_para(anc, inside[0]) and governs_fragment(anc)
    ]


def _reporting_after(article: Article, last) -> list:
    """Reporting verbs just after the quote, outside quotes."""
    return [
        t for t in article.doc[last.i + 1 : last.i + 1 + CUE_AFTER_TOKENS]
        if article.same_para(t, last) and not article.inside_quote(t.idx) and is_reporting(t)
    ]


def _reporting_before(article: Article, first, start: int) -> list:
    """Reporting (or describing) verbs before the quote in its sentence and paragraph."""
    para_start = article.paras[article.para_of(start)][0]
    return [
        t for t in sentence(first)
        if t.i < first.i and t.idx >= para_start and not article.inside_quote(t.idx) and governs_fragment(t)
    ]


# ----------------------------------------------------------------------------- cues around it


def _attribution(article: Article, cand: Candidate, p: int, q_start: int, q_end: int, spans) -> None:
    """Cue in the words right around the quote: after it up to the sentence end ("...," said X),
    before it in its sentence (X said: "..."), or a dash line (" —Name, Role")."""
    text = article.text
    para_start, para_end = article.paras[p]
    prev_end = max([e + 1 for s, e in spans if e < q_start] + [para_start])
    next_start = min([s - 1 for s, e in spans if s > q_end] + [para_end])
    after = text[q_end + 1 : next_start] if q_end < para_end else ""
    after_end = _after_window_end(article, q_start, q_end, after)
    before_start = _before_window_start(text, prev_end, q_start)
    byline = _DASH_LINE.match(after) if on(DASH_BYLINE) else None
    if byline:
        name = next((t for t in article.tokens(q_end + 1 + byline.end(), next_start) if t.pos_ == "PROPN"), None)
        while name is not None and name.dep_ == "compound" and name.head.pos_ == "PROPN" and name.head.i > name.i:
            name = name.head  # the name's last word, which names.py widens to the whole name
        if name is not None:
            cand.source = name
            return
    for window in (article.tokens(q_end + 1, after_end), article.tokens(before_start, q_start - 1)[::-1]):
        for tok in window:
            if _cue_in_window(article, cand, tok):
                return


def _after_window_end(article: Article, q_start: int, q_end: int, after: str) -> int:
    """Where the words after the quote stop attributing it: at the sentence end, or at once when
    the quote ends a sentence and another begins, unless that one is a short '"...?" Ruiz asked.'"""
    ends_sentence = article.text[q_start:q_end].rstrip()[-1:] in ".!?\u2026"
    cut = re.search(r"[.!?;](?=\s|$)", after)
    clause_end = q_end + 1 + (cut.start() if cut else len(after))
    if on(SHORT_TRAILER) and ends_sentence and re.match(r"\s*[A-Z\"\u201c]", after) and not _short_attribution(article, q_end + 1, clause_end):
        return q_end
    return clause_end


def _before_window_start(text: str, prev_end: int, q_start: int) -> int:
    """The start of the quote's sentence, no further back than the end of the previous quote."""
    before_text = text[prev_end : max(prev_end, q_start - 1)]
    stops = list(re.finditer(r"[.!?](?=\s)", before_text))
    return prev_end + (stops[-1].end() if stops else 0)


def _short_attribution(article: Article, start: int, end: int) -> bool:
    """'"...?" Ruiz asked.' -- a name and a verb of saying (not thinking), nothing else."""
    tokens = [t for t in article.tokens(start, end) if not t.is_punct]
    return len(tokens) <= SHORT_ATTRIBUTION_WORDS and any(
        is_reporting(t) and t.lemma_.lower() not in COGNITION for t in tokens
    )


def _cue_in_window(article: Article, cand: Candidate, tok) -> bool:
    """Take `tok` as the cue if it is one: "according to X", "in the words of X", a reporting verb."""
    phrase = source_phrase(tok)
    if phrase is not None:
        cand.cue, cand.source = phrase, source_of(tok, phrase)
        return True
    if is_reporting(tok):
        cand.set_cue(tok)
        return True
    return False

