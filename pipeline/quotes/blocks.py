"""Block quotes without quote marks: the paragraphs an introducing paragraph hands over to.

An intro ends with a colon or a reporting verb ("Lena Park writes:", "Omar Diallo tweeted"). The
paragraph after it is quoted, and later ones while they still read as the author's words: tweets
("@handle: ...") while they are tweets, prose while it goes on with a connective ("And", "But",
"Yet"...) or in the first person ("We knew ..."), across an elision ("[...]"). A post on a line of
its own ("@handle: ...") is quoted whether introduced or not. The speaker is found later
(speakers.py): whoever the intro names, or the post's account.
"""

from __future__ import annotations

import re

from ..rules import on, rule
from .article import QUOTE_START, WORD, Article, Candidate
from .cues import CONNECTIVES, words

FIRST_PERSON_WORDS = words("first_person")  # lower case; "I" is matched as written
ELISIONS = words("elisions")

TWEET = re.compile(r"@(\w+)\s*:\s*")

TWEETS = rule("quotes.tweets", "after an intro, '@handle: ...' paragraphs are quoted tweets, and the run goes on while "
              "they are tweets")
FIRST_PERSON = rule("quotes.block_first_person", "an excerpt goes on in a paragraph that speaks in the first person: "
                    "narration is in the third ('We knew the risks ...')")
ELLIPSIS = rule("quotes.block_ellipsis", "a paragraph that is only an ellipsis ('[...]') marks words left out of an "
                "excerpt, which goes on after it")
HANDLE_LINE = rule("quotes.handle_line", "a paragraph '@handle: ...' is a post quoted on a line of its own, "
                   "introduced or not")
CONNECTIVE = rule("quotes.block_connective", "an excerpt goes on in a paragraph opening with a connective ('But the "
                  "harbour ...')")


def unmarked_blocks(article: Article) -> list[Candidate]:
    """Every paragraph quoted by an intro above it, and every post quoted on a line of its own."""
    cands, p = [], 0
    while p < len(article.paras):
        if not article.is_intro(p) or p == len(article.paras) - 1:
            if on(HANDLE_LINE) and TWEET.match(article.para_text(p)) and not article.inside_quote(article.paras[p][0]):
                cand = _block(article, p, None)
                if cand is not None:
                    cands.append(cand)
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
    if on(ELLIPSIS) and text.strip() in ELISIONS:
        return True  # "[...]": the excerpt skips some words and goes on
    words = WORD.findall(_strip_quoted(text))
    if on(CONNECTIVE) and bool(words) and words[0].lower() in CONNECTIVES:
        return True
    return on(FIRST_PERSON) and any(w == "I" or w.lower() in FIRST_PERSON_WORDS for w in words)


def _block(article: Article, p: int, intro: int) -> Candidate | None:
    """Paragraph p as a block quote; a tweet's text starts after its "@handle:"."""
    start, end = article.paras[p]
    text = article.text[start:end]
    if text.lstrip()[:1] in QUOTE_START or not WORD.search(text):
        return None  # marked quotes are found by marks.py
    cand = Candidate(start, end, "block", intro=intro)
    tweet = TWEET.match(text) if on(TWEETS) or on(HANDLE_LINE) else None
    if tweet:
        cand.start, cand.handle = start + tweet.end(), tweet.group(1)
    article.add_span(cand.start, cand.end)
    return cand


def _strip_quoted(text: str) -> str:
    """The text without its double-quoted parts: a word opening them is someone else's."""
    return re.sub(r"[\"\u201c][^\"\u201d]*[\"\u201d]", " ", text)
