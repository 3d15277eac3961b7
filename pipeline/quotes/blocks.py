"""Block quotes without quote marks: the paragraphs an introducing paragraph hands over to.

An intro ends with a colon or a reporting verb ("Lena Park writes:", "Omar Diallo tweeted"). The
paragraph after it is quoted, and later ones while they still read as the author's words: tweets
("@handle: ...") while they are tweets, prose while it goes on with a connective ("And", "But",
"Yet"...). The speaker is found later (speakers.py): whoever the intro names.
"""

from __future__ import annotations

import re

from ..rules import on, rule
from .article import QUOTE_START, WORD, Article, Candidate
from .cues import CONNECTIVES

TWEET = re.compile(r"@(\w+)\s*:\s*")

TWEETS = rule("quotes.tweets", "after an intro, '@handle: ...' paragraphs are quoted tweets, and the run goes on while "
              "they are tweets")
CONNECTIVE = rule("quotes.block_connective", "an excerpt goes on in a paragraph opening with a connective ('But the "
                  "harbour ...')")


def unmarked_blocks(article: Article) -> list[Candidate]:
    """Every paragraph quoted by an intro above it."""
    cands, p = [], 0
    while p < len(article.paras) - 1:
        if not article.is_intro(p):
            p += 1
            continue
        intro, p = p, p + 1
        tweets = on(TWEETS) and bool(TWEET.match(article.para_text(p)))
        while p < len(article.paras) and (p == intro + 1 or _block_goes_on(article, p, tweets)):
            cand = _block(article, p, intro)
            if cand is not None:
                cands.append(cand)
            p += 1
    return cands


def _block_goes_on(article: Article, p: int, tweets: bool) -> bool:
    """Does paragraph p still quote the author introduced above?"""
    text = article.para_text(p)
    if tweets:
        return bool(TWEET.match(text))
    if article.is_intro(p - 1) or article.is_intro(p) or text.lstrip()[:1] in QUOTE_START + "@":
        return False
    words = WORD.findall(_strip_quoted(text))
    return on(CONNECTIVE) and bool(words) and words[0].lower() in CONNECTIVES


def _block(article: Article, p: int, intro: int) -> Candidate | None:
    """Paragraph p as a block quote; a tweet's text starts after its "@handle:"."""
    start, end = article.paras[p]
    text = article.text[start:end]
    if text.lstrip()[:1] in QUOTE_START or not WORD.search(text):
        return None  # marked quotes are found by marks.py
    cand = Candidate(start, end, "block", intro=intro)
    tweet = TWEET.match(text) if on(TWEETS) else None
    if tweet:
        cand.start = start + tweet.end()
    article.add_span(cand.start, cand.end)
    return cand


def _strip_quoted(text: str) -> str:
    """The text without its double-quoted parts: a word opening them is someone else's."""
    return re.sub(r"[\"\u201c][^\"\u201d]*[\"\u201d]", " ", text)
