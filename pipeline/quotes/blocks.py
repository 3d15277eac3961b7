"""Block quotes without quote marks: the paragraphs an introducing paragraph hands over to.

An intro ends with a colon or a reporting verb ("Ng E-Jay writes:", "Tom Finn tweeted"). The
paragraph after it is quoted, and later ones while they still read as the author's words: tweets
("@handle: ...") while they are tweets, prose while it speaks in the first person, goes on with a
connective ("And", "But", "Yet"...), asks a question, carries on with someone the excerpt itself
introduced, or is the "..." between two excerpts. The speaker is found later (quote_speakers):
the tweet's handle, else whoever the intro names.
"""

from __future__ import annotations

import re

from .article import QUOTE_START, WORD, Article, Candidate
from .cues import CONNECTIVES, FIRST_PERSON, SUBJECTS

TWEET = re.compile(r"@(\w+)\s*:\s*")
_ELLIPSIS = re.compile(r"[\s.\u2026\[\]]+")


def unmarked_blocks(article: Article) -> list[Candidate]:
    """Every paragraph quoted by an intro above it."""
    cands, p = [], 0
    while p < len(article.paras) - 1:
        if not article.is_intro(p):
            p += 1
            continue
        intro, p = p, p + 1
        tweets = bool(TWEET.match(article.para_text(p)))
        while p < len(article.paras) and (p == intro + 1 or _block_goes_on(article, p, intro, tweets)):
            cand = _block(article, p, intro)
            if cand is not None:
                cands.append(cand)
            p += 1
    return cands


def _block_goes_on(article: Article, p: int, intro: int, tweets: bool) -> bool:
    """Does paragraph p still quote the author introduced above?"""
    text = article.para_text(p)
    if tweets:
        return bool(TWEET.match(text))
    if article.is_intro(p - 1) or article.is_intro(p) or text.lstrip()[:1] in QUOTE_START + "@":
        return False
    if _ELLIPSIS.fullmatch(text):
        return True
    words = [w.lower() for w in WORD.findall(_strip_quoted(text))]
    return bool(words) and (
        words[0] in CONNECTIVES or text.rstrip().endswith("?") or any(w in FIRST_PERSON for w in words)
        or _introduced_by_excerpt(article, p, intro)
    )


def _introduced_by_excerpt(article: Article, p: int, intro: int) -> bool:
    """Third-person prose whose subject is someone first named inside the excerpt above ("... sent
    a helicopter to Captain Jonas Berg" / "Berg steered the last trawler ..."): an excerpt of a
    report tells its own story, while the article's narration between excerpts is about the
    bloggers and the topic, which it names before quoting anyone."""
    excerpt_start, para_start = article.paras[intro + 1][0], article.paras[p][0]
    for tok in article.tokens(*article.paras[p]):
        if tok.dep_ in SUBJECTS and not article.inside_quote(tok.idx):
            entity = article.index.at(tok.idx, tok.idx + len(tok))
            first = min((m.start for m in entity.mentions), default=None) if entity else None
            return first is not None and excerpt_start <= first < para_start
    return False


def _block(article: Article, p: int, intro: int) -> Candidate | None:
    """Paragraph p as a block quote; a tweet's text starts after its "@handle:"."""
    start, end = article.paras[p]
    text = article.text[start:end]
    if text.lstrip()[:1] in QUOTE_START or not WORD.search(text) or _ELLIPSIS.fullmatch(text):
        return None  # marked quotes are found by quote_marks; "..." separates excerpts
    cand = Candidate(start, end, "block", intro=intro)
    tweet = TWEET.match(text)
    if tweet:
        cand.start, cand.handle = start + tweet.end(), tweet.group(1).lower()
    article.add_span(cand.start, cand.end)
    return cand


def _strip_quoted(text: str) -> str:
    """The text without its double-quoted parts: an "I" inside them is someone else's."""
    return re.sub(r"[\"\u201c][^\"\u201d]*[\"\u201d]", " ", text)
