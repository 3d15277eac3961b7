"""Reported speech: the clause a reporting verb introduces, and "according to X".

"said (that) ...", "urged X to ...", "demanded assurances that ...", "According to X, ..." and
"..., according to X". The clause is clipped to the cue's paragraph and split where a conjunct
has its own "that" ("said X and that Y"). Cues inside quote marks or block quotes are skipped:
those words are someone's quote already.
"""

from __future__ import annotations

from .article import Article, Candidate, trim
from .cues import CLAUSE_VERBS, INFINITIVE_VERBS, SUBJECTS, is_reporting, number, source_of, source_phrase

MIN_CLAUSE_TOKENS = number("min_clause_tokens")  # "said so", "told him": a reported clause says something


def indirect_quotes(article: Article) -> list[Candidate]:
    """Every reported clause in the body outside the quotes already found."""
    cands = []
    for tok in article.doc:
        if tok.idx < article.body_start or article.inside_quote(tok.idx):
            continue
        phrase = source_phrase(tok)
        if phrase is not None:
            cands += _according_to(article, tok, phrase)
        elif is_reporting(tok):
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
    return first.dep_ == second.dep_ == "ccomp" and first.right_edge.i + 1 == second.left_edge.i


def _dependents(verb) -> list:
    """The verb's children, then the children of its objects and prepositional objects (where a
    noun's clause hangs: "told LA Weekly in a statement that ...")."""
    nouns = [c for c in verb.children if c.dep_ in ("dobj", "prep")]
    nouns += [g for c in nouns if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
    return [*verb.children, *(g for n in nouns for g in n.children)]


def _is_reported_clause(child, verb, lemma: str) -> bool:
    """"said (that) ...", "urged X to ...", or a noun's "that" clause. A "that" clause after the
    verb is its object even where the parser makes it adverbial ("tweeted a hope, that ..."); "so
    that" is a purpose."""
    marks = [c.lower_ for c in child.children if c.dep_ == "mark"]
    that_clause = child.dep_ == "advcl" and marks == ["that"] and child.i > verb.i
    clause = (
        (child.dep_ == "ccomp" or that_clause) and child.head == verb and lemma in CLAUSE_VERBS
        and _has_verb(child) and not _across_semicolon(child, verb)
    )
    infinitive = (
        child.dep_ in ("xcomp", "advcl", "ccomp")
        and child.i > verb.i
        and lemma in INFINITIVE_VERBS
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in child.children)
    )
    return clause or infinitive or _noun_clause(child)


def _has_verb(head) -> bool:
    """A clause has a verb; "declaring the park "protected"" sets a status, it reports nothing."""
    return head.pos_ in ("VERB", "AUX") or any(c.dep_ in SUBJECTS for c in head.children)


def _across_semicolon(clause, verb) -> bool:
    """"The army did not wait; the paper reported that ...": a semicolon ends the clause before
    it, which the parser may still hang on the verb."""
    doc = verb.doc
    between = doc[clause.right_edge.i + 1 : verb.i] if clause.i < verb.i else doc[verb.i + 1 : clause.left_edge.i]
    return any(t.text == ";" for t in between)


def _noun_clause(tok) -> bool:
    """"demanded assurances that ...", "told LA Weekly in a statement that ...": a "that" or
    "whether" clause hanging from the verb's object."""
    if tok.dep_ not in ("acl", "ccomp", "pcomp") or tok.head.dep_ not in ("dobj", "pobj"):
        return False
    return any(c.dep_ == "mark" and c.lower_ in ("that", "whether") for c in tok.children)


def _clauses(article: Article, head, verb, tail=None) -> list[tuple[int, int]]:
    """Offsets of the reported clause (with the `tail` the parser cut off it) within the verb's
    paragraph, split where a conjunct has its own "that" ("said X and that Y")."""
    split = [c for c in head.children if c.dep_ == "conj" and any(g.dep_ == "mark" for g in c.children)]
    drop = {t.i for c in split for t in c.subtree}
    # "..., explaining that ...": a participle of saying inside the clause makes a report of its own
    drop |= {t.i for p in head.subtree if p.dep_ == "advcl" and p.tag_ == "VBG" and is_reporting(p) for t in p.subtree}
    whole = [t for t in head.subtree if t.i not in drop] + (list(tail.subtree) if tail is not None else [])
    parts = [whole] + [list(c.subtree) for c in split]
    return [span for part in parts if (span := _clip(article, part, verb)) is not None]


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
