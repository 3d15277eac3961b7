"""Reported speech: the clause a reporting verb introduces, and "according to X".

"said (that) ...", "urged X to ...", "demanded assurances that ...", "According to X, ..." and
"..., according to X". The clause is clipped to the cue's paragraph. Cues inside quote marks or
block quotes are skipped: those words are someone's quote already.
"""

from __future__ import annotations

from ..document.columns import columns
from ..rules import on, rule
from .article import Article, Candidate, trim
from .cues import (
    CHARGES,
    CLAUSE_VERBS,
    COMPLEMENTIZERS,
    GERUND_VERBS,
    INFINITIVE_VERBS,
    REPORTING,
    SOURCE_FIRST,
    SPEECH_NOUNS,
    TEXT_PREPS,
    TEXT_VERBS,
    is_reporting,
    number,
    pobj,
    source_of,
    source_phrase,
)

_CUE_VERBS = REPORTING | TEXT_VERBS | frozenset(CHARGES)  # the lemmas of every verb that can cue below
MIN_CLAUSE_TOKENS = number("min_clause_tokens")  # "said so", "told him": a reported clause says something

JOIN_CUT_CLAUSE = rule("quotes.join_cut_clause", "two clauses of one verb with nothing between are one clause the "
                       "parser cut in two")
GERUND_CLAUSE = rule("quotes.gerund_clause", "a verb of saying may report a gerund clause ('admitted not knowing of "
                     "the payments', 'denied taking the money')")
CHARGE_CLAUSE = rule("quotes.charge_clause", "a verb of accusing or warning reports the gerund after its preposition "
                     "('accused the council of hiding the costs', 'warned members against signing')")
NOUN_CUE = rule("quotes.noun_cue", "a noun of saying with its author reports its 'that' clause ('a comment by the mayor "
                "that ...', 'the union's warning that ...')")
NOUN_CLAUSE = rule("quotes.noun_clause", "a 'that'/'whether' clause of the verb's object is reported ('demanded "
                   "guarantees that ...')")


def indirect_quotes(article: Article) -> list[Candidate]:
    """Every reported clause in the body outside the quotes already found."""
    cands = []
    cols = columns(article.doc)
    for i, pos in enumerate(cols.pos):
        # only a source phrase's first word, a speech noun or a cue verb can cue: Tokens for those alone
        if cols.lower[i] not in SOURCE_FIRST and not (
                pos == "NOUN" and cols.lemma[i].lower() in SPEECH_NOUNS
                or pos == "VERB" and cols.lemma[i].lower() in _CUE_VERBS):
            continue
        tok = article.doc[i]
        if tok.idx < article.body_start or article.inside_quote(tok.idx):
            continue
        phrase = source_phrase(tok)
        if phrase is not None:
            cands += _according_to(article, tok, phrase)
        elif tok.pos_ == "NOUN":
            if tok.lemma_.lower() in SPEECH_NOUNS and on(NOUN_CUE):
                cands += _noun_cue(article, tok)
        elif is_reporting(tok) or tok.pos_ == "VERB" and tok.lemma_.lower() in CHARGES and on(CHARGE_CLAUSE):
            cands += _reported(article, tok)
    return cands


def _reported(article: Article, verb) -> list[Candidate]:
    """The clauses `verb` reports, each a quote cued by it."""
    lemma = verb.lemma_.lower()
    heads = [child for child in _dependents(verb) if _is_reported_clause(child, verb, lemma)]
    cands = []
    for n, head in enumerate(heads):
        if n and _one_clause(heads[n - 1], head):
            continue  # taken in with the clause before it
        tail = heads[n + 1] if n + 1 < len(heads) and _one_clause(head, heads[n + 1]) else None
        for start, end in _clauses(article, head, verb, tail):
            cand = Candidate(start, end, "indirect")
            cand.set_cue(verb)
            cands.append(cand)
    return cands


def _one_clause(first, second) -> bool:
    """The parser sometimes cuts one clause into two clauses of the verb ("revealed that a member
    of the group called the Guard | was persuaded to ..."): two with nothing between are one."""
    return on(JOIN_CUT_CLAUSE) and first.dep_ == second.dep_ == "ccomp" and first.right_edge.i + 1 == second.left_edge.i


def _dependents(verb) -> list:
    """The verb's children, then the children of its objects and prepositional objects (where a
    noun's clause hangs: "told the paper in an email that ...")."""
    nouns = [c for c in verb.children if c.dep_ in ("dobj", "prep")]
    nouns += [g for c in nouns if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [*verb.children, *(g for n in nouns for g in n.children)]


def _is_reported_clause(child, verb, lemma: str) -> bool:
    """"said (that) ...", "urged X to ...", "denied taking ...", "accused X of hiding ...", or a
    noun's "that" clause."""
    if on(GERUND_CLAUSE) and lemma in GERUND_VERBS and child.head == verb and _gerund(child, ("xcomp", "ccomp")):
        return True
    if lemma in CHARGES and on(CHARGE_CLAUSE) and _gerund(child, ("pcomp",)):
        # "accused X of ...", not "was accused of ...": the one accused says nothing
        active = not any(c.dep_ in ("nsubjpass", "auxpass") for c in verb.children)
        return active and child.head.dep_ == "prep" and child.head.lower_ in CHARGES[lemma]
    clause = child.dep_ == "ccomp" and child.head == verb and lemma in CLAUSE_VERBS
    infinitive = (
        child.dep_ in ("xcomp", "advcl", "ccomp")
        and child.i > verb.i
        and lemma in INFINITIVE_VERBS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
    )
    return clause or infinitive or on(NOUN_CLAUSE) and _noun_clause(child)


def _gerund(tok, deps: tuple) -> bool:
    """A gerund heading a clause of one of these dependencies ("not knowing", "hiding the costs")."""
    return tok.dep_ in deps and tok.tag_ == "VBG"


def _noun_cue(article: Article, noun) -> list[Candidate]:
    """"a comment by the mayor that ...", "the union's warning that ...": the noun's "that"
    clause, spoken by its author (its owner, or the object of by/from/of)."""
    author = next((c for c in noun.children if c.dep_ == "poss"), None)
    if author is None:
        preps = [c for c in noun.children if c.dep_ == "prep" and c.lower_ in TEXT_PREPS and c.lower_ != "in"]
        author = next((pobj(c) for c in preps if pobj(c) is not None), None)
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "relcl") and _that_clause(c)), None)
    if author is None or clause is None:
        return []
    span = _clip(article, list(clause.subtree), noun)
    return [Candidate(*span, "indirect", cue=noun.lower_, source=author)] if span is not None else []


def _that_clause(tok) -> bool:
    """A clause opened by "that" (or "whether") as a complement, not a relative clause ("the claim
    that it rained", not "the claim that he made")."""
    marked = any(c.dep_ == "mark" and c.lower_ in COMPLEMENTIZERS for c in tok.children)
    return marked and not any(c.dep_ in ("nsubj", "dobj", "nsubjpass") and c.lower_ == "that" for c in tok.children)


def _noun_clause(tok) -> bool:
    """"demanded guarantees that ...", "told the paper in an email that ...": a "that" or
    "whether" clause hanging from the verb's object."""
    if tok.dep_ not in ("acl", "ccomp", "pcomp") or tok.head.dep_ not in ("dobj", "pobj"):
        return False
    return any(c.dep_ == "mark" and c.lower_ in COMPLEMENTIZERS for c in tok.children)


def _clauses(article: Article, head, verb, tail=None) -> list[tuple[int, int]]:
    """Offsets of the reported clause (with the `tail` the parser cut off it) within the verb's
    paragraph."""
    whole = list(head.subtree) + (list(tail.subtree) if tail is not None else [])
    span = _clip(article, whole, verb)
    return [span] if span is not None else []


def _clip(article: Article, part: list, anchor) -> tuple[int, int] | None:
    """Offsets of `part` inside the anchor's paragraph, without a leading "that"/"and" or
    punctuation at either end; None when too short to say anything."""
    para_start, para_end = article.paras[article.para_of(anchor.idx)]
    part = [t for t in part if para_start <= t.idx < para_end]
    while part and part[0].dep_ in ("mark", "punct", "cc") and part[0].lower_ != "whether":
        part = part[1:]
    while part and part[-1].dep_ in ("punct", "cc"):
        part = part[:-1]
    if len(part) < MIN_CLAUSE_TOKENS:
        return None
    return trim(article.text, part[0].idx, part[-1].idx + len(part[-1]))


def _according_to(article: Article, tok, phrase: str) -> list[Candidate]:
    """"According to X, clause" / "clause, according to X": the longer side, spoken by X."""
    head = tok.head
    if head == tok or head.pos_ not in ("VERB", "AUX"):
        return []
    inner = {t.i for t in tok.subtree}
    left = [t for t in head.subtree if t.i < tok.i and t.i not in inner]
    right = [t for t in head.subtree if t.i > tok.i and t.i not in inner]
    span = _clip(article, max(left, right, key=len), tok)
    if span is None:
        return []
    return [Candidate(*span, "indirect", cue=phrase, source=source_of(tok, phrase))]
