"""Who a noun phrase names: a speaker's head token resolved to one of the article's entities.

Names and their compounds ("Amnesty International UK"), appositions ("Malaysia's Prime Minister,
Najib Razak"), first names ("Aguil" -> "Aguil Lual"), titles ("the minister" -> the minister the
article named), spokespeople ("U.S. officials" -> United States) and pronouns: he/she go to the
paragraph's last speaker if a person, else the nearest person of the gender the article's pronouns
give them (never an organisation); it/they to a nearby organisation or government.
"""

from __future__ import annotations

from ..document.doccache import doc_text
from ..document.records import Entity
from ..references.resolve import PERSONAL, PRONOUNS
from .article import Article, Candidate
from .cues import GENERIC, RELATIVES, SOURCE_PREPS, SPOKESPERSON, number, pobj

RECENT_SPEAKERS = number("recent_speakers")  # he/she may go back to one of the last few speakers


class Names:
    def __init__(self, article: Article):
        self.article, self.index, self.text = article, article.index, article.text
        self.refs = article.refs

    def name_of(self, tok, done: list[Candidate]) -> tuple[Entity | None, str | None]:
        """(entity, name text) of the speaker a noun-phrase head refers to; `done` are the quotes
        already attributed, for pronouns."""
        if tok is None:
            return None, None
        lower = tok.lower_
        if lower in PRONOUNS:
            return self.antecedent(tok, done), None
        if lower in RELATIVES and tok.head.dep_ == "relcl":
            return self.name_of(tok.head.head, done)
        entity = self._named(tok)
        if entity is not None:
            return entity, None
        return self._described(tok)

    def _named(self, tok) -> Entity | None:
        """The entity the phrase names; a person in apposition outranks a title or a country
        ("Malaysia's Prime Minister, Najib Razak")."""
        appos = [self.entity_at(c) for c in tok.children if c.dep_ == "appos"]
        people = [e for e in appos if e is not None and e.type == "PERSON"]
        entity = self.entity_at(tok)
        if people and (entity is None or entity.type != "PERSON"):
            return people[0]
        return entity

    def _described(self, tok) -> tuple[Entity | None, str | None]:
        """A speaker the phrase describes rather than names: a spokesperson, a title, a person
        inside a title phrase, an unlisted proper name (kept as text)."""
        lemma = tok.lemma_.lower()
        if lemma in SPOKESPERSON:
            return self._spokesperson(tok), None
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in tok.children)
        if definite and tok.tag_ == "NN" and self.refs.is_role(tok):
            return self._by_title(tok), None  # "the minister said": a title, though ministers are many
        if lemma in GENERIC or tok.pos_ not in ("PROPN", "NOUN"):
            return None, None
        inner = self._person_inside(tok)
        if inner is not None:
            return inner, None  # "Afghan Ambassador to the United States Hamdullah Mohib"
        if tok.pos_ == "PROPN":
            name = phrase(tok)
            return self._by_first_name(name), name
        if definite:
            return self._by_title(tok), None
        return None, None

    def entity_at(self, tok) -> Entity | None:
        """The entity named by a head token with its compound parts ("Amnesty International UK");
        nationalities speak for no one."""
        if tok is None:
            return None
        start, end = phrase_span(tok)
        entity = self.index.find(self.text[start:end]) if start < tok.idx else None
        entity = entity or self.index.at(start, end)
        return entity if entity is not None and entity.type != "NORP" else None

    def _spokesperson(self, tok) -> Entity | None:
        """"U.S. officials", "a defense ministry spokesman", "spokesman for X": the body they speak for."""
        for child in tok.children:
            if child.dep_ in ("compound", "poss", "amod", "nmod"):
                if child.lemma_.lower() in GENERIC:
                    return None  # "a police spokesman": no one named
                found = self.entity_at(child) or self.index.find(phrase(child))
                if found is not None:
                    return found
            if child.dep_ == "prep" and child.lower_ in SOURCE_PREPS:
                found = self.entity_at(pobj(child))
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
            if t.i not in skip and t is not tok and self.article.same_para(t, tok):
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
        """"the minister" -> the holder the article named; a word that names no one ("police") stays so."""
        if tok.lower_ in GENERIC and not self.refs.is_role(tok):
            return None
        return self.refs.introduced_as(tok)

    def antecedent(self, tok, done: list[Candidate]) -> Entity | None:
        """A pronoun's referent: the paragraph's last speaker, else what the reference resolver
        finds (the last few speakers count after the paragraph's subjects)."""
        personal = tok.lower_ in PERSONAL
        p = self.article.para_of(tok.idx)
        here = [d for d in done if d.start < tok.idx and d.speaker and self.article.para_of(d.start) == p]
        if here and (self.fits(tok, here[-1].speaker) or personal and here[-1].spoken_for):
            # the person quoted just before speaks on: "He said that ..."; for a spokesman that
            # is the body he speaks for ("said a ministry spokesman. He said that ...")
            return here[-1].speaker
        speakers = [d.speaker for d in done if d.start < tok.idx and d.speaker is not None]
        return self.refs.entity_of(tok, speakers[-RECENT_SPEAKERS:])

    def fits(self, pronoun, entity: Entity | None) -> bool:
        """Can the pronoun refer to the entity (gender, person or body)?"""
        return self.refs.agrees(pronoun.lower_, entity)


def phrase_span(tok) -> tuple[int, int]:
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


def phrase(tok) -> str:
    start, end = phrase_span(tok)
    return doc_text(tok.doc)[start:end]
