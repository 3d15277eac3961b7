"""Who a noun phrase names: a speaker's head token resolved to one of the article's entities.

Names and their compounds ("Amnesty International UK"), appositions ("Malaysia's Prime Minister,
Najib Razak"), first names ("Aguil" -> "Aguil Lual"), titles ("the minister" -> the minister the
article named), spokespeople ("U.S. officials" -> United States) and pronouns: he/she go to the
paragraph's last speaker if a person, else the nearest person of the gender the article's pronouns
give them (never an organisation); it/they to a nearby organisation or government.
"""

from __future__ import annotations

import re

from ..document.doccache import doc_text, sentence
from ..document.records import Entity, EntityIndex
from .article import Article, Candidate
from .cues import GENERIC, IMPERSONAL, MALE, PERSONAL, SPOKESPERSON, SUBJECTS, TITLES, pobj

SPEAKING_BODIES = ("ORG", "GPE")  # what "it"/"they" may name as a speaker
RECENT_SPEAKERS = 3  # he/she may go back to one of the last few speakers, not to anyone quoted
TITLE_CONTEXT = 40  # chars before a mention where its title stands ("Foreign Minister Dr ")
GENDER_WINDOW = 200  # chars after a mention where a pronoun still likely refers to it


class Names:
    def __init__(self, article: Article):
        self.article, self.index, self.text = article, article.index, article.text
        self.gender = _genders(self.index, self.text)
        self.mentions = _mentions(article.doc, self.index)

    def name_of(self, tok, done: list[Candidate]) -> tuple[Entity | None, str | None]:
        """(entity, name text) of the speaker a noun-phrase head refers to; `done` are the quotes
        already attributed, for pronouns."""
        if tok is None:
            return None, None
        lower = tok.lower_
        if lower in PERSONAL | IMPERSONAL:
            return self.antecedent(tok, done), None
        if lower in ("who", "which", "that") and tok.head.dep_ == "relcl":
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
        if definite and tok.tag_ == "NN" and lemma in TITLES:
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
            if child.dep_ == "prep" and child.lower_ in ("of", "for", "from", "at"):
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
        """"the minister" -> the latest entity introduced with that word ("Minister David Lammy")
        or named by it ("the alliance" -> "Making Decisions Alliance"); failing that, the next one
        (in the same paragraph unless definite: "a spokesman ..., MAB spokesman Dr Azzam Tamimi")."""
        if tok.tag_ not in ("NN", "NNP") or tok.lower_ in GENERIC and tok.lemma_.lower() not in TITLES:
            return None
        word = re.escape(tok.lower_)
        para = self.article.para_of(tok.idx)
        definite = any(c.lower_ == "the" or c.dep_ == "poss" for c in tok.children)
        before, after = None, None
        for start, entity in self._titled_mentions(word):
            if start < tok.idx and (before is None or start > before[0]):
                before = (start, entity)
            near = definite or self.article.para_of(start) == para
            if start > tok.idx and near and (after is None or start < after[0]):
                after = (start, entity)
        found = before or after
        return found[1] if found else None

    def _titled_mentions(self, word: str):
        """(offset, entity) of mentions that hold the title word or follow it ("minister Dr X")."""
        for entity in self.index.entities:
            if entity.type == "NORP":
                continue
            for m in entity.mentions:
                context = self.text[max(0, m.start - TITLE_CONTEXT) : m.start].lower()
                titled = re.search(rf"\b{word},?\s+((dr|mr|mrs|ms|prof|sir)\.?\s+)?$", context)
                if re.search(rf"\b{word}\b", m.text.lower()) or titled:
                    yield m.start, entity

    def antecedent(self, tok, done: list[Candidate]) -> Entity | None:
        """A pronoun's referent: the paragraph's last speaker, else the nearest entity that fits
        (a person of that gender for he/she; an organisation or government for it/they)."""
        personal = tok.lower_ in PERSONAL
        p = self.article.para_of(tok.idx)
        here = [d for d in done if d.start < tok.idx and d.speaker and self.article.para_of(d.start) == p]
        if here and (self.fits(tok, here[-1].speaker) or personal and here[-1].spoken_for):
            # the person quoted just before speaks on: "He said that ..."; for a spokesman that
            # is the body he speaks for ("said a ministry spokesman. He said that ...")
            return here[-1].speaker
        for group in self._antecedent_groups(tok, personal, p, done):
            for entity in reversed(group):
                if self.fits(tok, entity):
                    return entity
        return None

    def fits(self, pronoun, entity: Entity | None) -> bool:
        """Can the pronoun refer to the entity? he/she only to a person of that gender (when the
        article shows one); it/they only to an organisation or a place that speaks (a government)."""
        if entity is None:
            return False
        lower = pronoun.lower_
        if lower not in PERSONAL:
            return entity.type in SPEAKING_BODIES
        gender = "m" if lower in MALE else "f"
        return entity.type == "PERSON" and self.gender.get(entity.name, gender) == gender

    def _antecedent_groups(self, tok, personal: bool, p: int, done: list[Candidate]) -> list[list[Entity]]:
        """Where a pronoun's referent is looked for, in order, each group searched latest first.
        he/she: the sentence, the paragraph's subjects, the last few speakers, every subject,
        every mention. it/they mostly mean things or unnamed people, so they stay close: the
        sentence's subjects, the paragraph's, the previous paragraph's organisations."""
        earlier = [(s, e, subj) for s, e, subj in self.mentions if s < tok.idx]
        sent_start = sentence(tok).start_char
        paragraph = [e for s, e, subj in earlier if subj and self.article.para_of(s) == p]
        if not personal:
            return [
                [e for s, e, subj in earlier if subj and s >= sent_start],
                paragraph,
                [e for s, e, subj in earlier if subj and self.article.para_of(s) == p - 1 and e.type == "ORG"],
            ]
        speakers = [d.speaker for d in done if d.start < tok.idx and d.speaker is not None]
        same_sentence = [e for s, e, _ in earlier if s >= sent_start]
        return [same_sentence, paragraph, speakers[-RECENT_SPEAKERS:], [e for _, e, subj in earlier if subj], [e for _, e, _ in earlier]]


def _mentions(doc, index: EntityIndex) -> list[tuple[int, Entity, bool]]:
    """(offset, entity, is_subject) of every speaker-like entity mention, in text order."""
    result = []
    for entity in index.entities:
        if entity.type == "NORP":
            continue
        for m in entity.mentions:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            root = span.root
            subject = root.dep_ in SUBJECTS or (root.dep_ in ("compound", "poss") and root.head.dep_ in SUBJECTS)
            result.append((m.start, entity, subject))
    known = {start for start, _, _ in result}
    for tok in doc:  # subjects the entity extractor missed here but names elsewhere (tagged a noun or not)
        name_like = tok.pos_ == "PROPN" or tok.pos_ == "NOUN" and tok.text[:1].isupper()
        if tok.dep_ in SUBJECTS and name_like and tok.idx not in known:
            entity = index.find(tok.text)
            if entity is not None and entity.type == "PERSON":
                result.append((tok.idx, entity, True))
    return sorted(result, key=lambda item: item[0])


def _genders(index: EntityIndex, text: str) -> dict[str, str]:
    """A person's gender as the article shows it: the first he/his/she/her after a mention,
    before any other name, votes; a title (Mr, Mrs...) outweighs the pronouns."""
    votes: dict[str, list[str]] = {}
    people = [(m.start, m.end, e) for e in index.entities if e.type == "PERSON" for m in e.mentions]
    people.sort(key=lambda item: item[0])
    for n, (_, end, entity) in enumerate(people):
        limit = people[n + 1][0] if n + 1 < len(people) else len(text)
        match = re.search(r"\b(he|his|him|she|her)\b", text[end : min(limit, end + GENDER_WINDOW)], re.IGNORECASE)
        if match:
            votes.setdefault(entity.name, []).append("m" if match.group(1).lower() in MALE else "f")
    for entity in index.entities:
        for m in entity.mentions:
            title = re.search(r"\b(Mr|Mrs|Ms|Miss|Sir|Lord|Lady)\.?\s*$", text[max(0, m.start - 6) : m.start])
            if title:
                female = title.group(1) in ("Mrs", "Ms", "Miss", "Lady")
                votes.setdefault(entity.name, []).extend(["f" if female else "m"] * 3)
    # A tie shows no gender (and must not be broken by set order, which varies between runs).
    return {name: ("m" if v.count("m") > v.count("f") else "f")
            for name, v in votes.items() if v.count("m") != v.count("f")}


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
