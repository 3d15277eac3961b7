"""Who a noun phrase names: a speaker's head token resolved to one of the article's entities.

Names and their compounds ("Green Coast Trust UK"), appositions ("Chile's foreign minister, Ana
Ruiz"), titles ("the minister" -> the minister the article
named), spokespeople ("Navy officials" -> the navy) and pronouns: he/she/it go to what the shared
reference resolver (pipeline.references) finds, with the last few speakers as candidates.
"""

from __future__ import annotations

import re

from ..document.doccache import doc_text
from ..document.records import Entity
from ..entities.words import WORDS
from ..references.resolve import PRONOUNS
from ..rules import on, rule
from .article import Article, Candidate
from .cues import GENERIC, RELATIVES, SOURCE_PREPS, SPOKESPERSON, TEXT_PREPS, TEXTS, number, pobj, words

# titles, honorifics and the words that qualify them ("Deputy", "Foreign"), not the ruler titles
OFFICE_WORDS = (WORDS["roles"] | WORDS["honorifics"] | WORDS["modifiers"]) - WORDS["rulers"]
ISSUING_VERBS = words("issuing_verbs")  # "released a statement", "a lawsuit filed by"
INDEFINITE = words("indefinite_determiners")  # "another expert" is not the expert named before
RECENT_SPEAKERS = number("recent_speakers")  # he/she may go back to one of the last few speakers

APPOSED_PERSON = rule("quotes.apposed_person_speaks", "a person in apposition outranks the title or country before "
                      "it ('Chile's foreign minister, Ana Ruiz')")
SPOKESPERSON_BODY = rule("quotes.spokesperson_body", "a spokesperson speaks for the body named with them ('a navy "
                         "spokesman', 'officials at the bank')")
NATIONAL_OFFICIALS = rule("quotes.nationality_officials", "unnamed officials of a nationality speak for its state "
                          "('Kenyan officials said' -> Kenya)")
TITLE_WITH_HOLDER = rule("quotes.title_with_holder", "a title whose own phrase names a person is that person "
                         "('Ambassador to Chile Ana Ruiz')")
PLAIN_NAME = rule("quotes.plain_speaker_name", "a speaker is named without the party, nationality and office words "
                  "before the name ('Democratic Rep. Dina Titus' is Dina Titus, her entity or her name); ruler titles stay")
TEXT_ISSUER = rule("quotes.text_issuer", "a text is its issuer's: the agent of 'filed by', 'published by', or the "
                   "subject that 'released' or 'issued' it ('the union released a video that said ...')")
TEXT_AUTHOR = rule("quotes.text_author", "a text speaks for whoever wrote or published it ('a statement by the union', "
                   "'an editorial in the Gazette')")
TITLE_HOLDER = rule("quotes.title_names_holder", "'the minister said' is the minister the article named")


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
            return self.antecedent(tok, done)
        if lower in RELATIVES and tok.head.dep_ == "relcl":
            return self.name_of(tok.head.head, done)
        entity = self._named(tok)
        if entity is not None:
            return entity, None
        return self._described(tok)

    def of_handle(self, handle: str) -> tuple[Entity | None, str | None]:
        """(entity, text) of the account `handle` (without its @): the entity known by it, else
        the one named just before it in brackets ("Ana Ruiz (@anar)"), else the handle as text."""
        entity = self.index.find("@" + handle) or self.index.find(handle)
        if entity is None:
            for found in re.finditer(r"\(\s*@" + re.escape(handle) + r"\b", self.text):
                before = self.text.rstrip()[: found.start()].rstrip()
                entity = self.index.at(len(before) - 1, len(before))
                if entity is not None and entity.type == "PERSON":
                    break
                entity = None
        return (entity, None) if entity is not None else (None, handle)

    def _named(self, tok) -> Entity | None:
        """The entity the phrase names; a person in apposition outranks a title or a country
        ("Chile's foreign minister, Ana Ruiz")."""
        appos = [self.entity_at(c) for c in tok.children if c.dep_ == "appos"]
        people = [e for e in appos if e is not None and e.type == "PERSON"]
        entity = self.entity_at(tok)
        if on(APPOSED_PERSON) and people and (entity is None or entity.type != "PERSON"):
            return people[0]
        if (entity is None or entity.type != "PERSON") and self.refs.is_role(tok) and on(TITLE_WITH_HOLDER):
            return self._holder_in_phrase(tok) or entity
        return entity

    def _holder_in_phrase(self, title) -> Entity | None:
        """The person a title's own phrase names ("Ambassador to Chile Ana Ruiz"), not crossing a
        clause ("the minister who met Ana Ruiz") nor its owner ("Ana Ruiz's aide")."""
        for tok in title.subtree:
            if tok.i == title.i or tok.pos_ != "PROPN":
                continue
            path = [tok, *(a for a in tok.ancestors if a.i != title.i and title.is_ancestor(a))]
            if any(n.pos_ in ("VERB", "AUX") or n.dep_ == "poss" for n in path):
                continue
            entity = self.index.at(tok.idx, tok.idx + len(tok.text))
            if entity is not None and entity.type == "PERSON":
                return entity
        return None

    def _described(self, tok) -> tuple[Entity | None, str | None]:
        """A speaker the phrase describes rather than names: a spokesperson, a title, an unlisted
        proper name (kept as text)."""
        lemma = tok.lemma_.lower()
        if lemma in SPOKESPERSON and on(SPOKESPERSON_BODY):
            return self._spokesperson(tok)
        definite = any(c.dep_ in ("det", "poss") and c.lower_ not in INDEFINITE for c in tok.children)
        if definite and tok.tag_ == "NN" and self.refs.is_role(tok):
            return self._by_title(tok), None  # "the minister said": a title, though ministers are many
        if lemma in GENERIC or tok.pos_ not in ("PROPN", "NOUN"):
            return None, None
        if tok.pos_ == "PROPN":
            name = plain_name(tok) if on(PLAIN_NAME) else phrase(tok)  # a name the entity extractor missed is kept as text
            return self.index.find(name), name
        if definite:
            return self._by_title(tok), None
        return None, None

    def entity_at(self, tok) -> Entity | None:
        """The entity named by a head token with its compound parts ("Green Coast Trust UK");
        nationalities speak for no one."""
        if tok is None:
            return None
        start, end = phrase_span(tok)
        entity = self.index.find(self.text[start:end]) if start < tok.idx else None
        entity = entity or self.index.at(start, end)
        if (entity is None or entity.type == "NORP") and on(PLAIN_NAME):
            entity = self.index.at(tok.idx, tok.idx + len(tok.text))  # "Republican Sen. Mara Voss": Voss's
        return entity if entity is not None and entity.type != "NORP" else None

    def _spokesperson(self, tok) -> tuple[Entity | None, str | None]:
        """"U.S. officials", "a defense ministry spokesman", "spokesman for X": the body they speak for;
        "Kenyan officials": the state; "a statement by X", "an editorial in X": the text's author."""
        preps = SOURCE_PREPS | TEXT_PREPS if tok.lemma_.lower() in TEXTS and on(TEXT_AUTHOR) else SOURCE_PREPS
        for child in tok.children:
            if child.dep_ in ("compound", "poss", "amod", "nmod"):
                if child.lemma_.lower() in GENERIC:
                    return None, None  # "a police spokesman": no one named
                found = self.entity_at(child) or self.index.find(phrase(child))
                if found is not None and found.type != "NORP":
                    return found, None
                if (found is not None or child.ent_type_ == "NORP") and on(NATIONAL_OFFICIALS):
                    entity, name = self.refs.state_of(phrase(child))
                    if entity or name:
                        return entity, name
            if child.dep_ == "prep" and child.lower_ in preps:
                found = self.entity_at(pobj(child))
                if found is not None:
                    return found, None
        body = " ".join(c.text for c in tok.children if c.dep_ in ("compound", "amod"))
        found = self.index.find(body) if body else None
        if found is None and tok.lemma_.lower() in TEXTS and on(TEXT_ISSUER):
            found = self._issuer(tok)
        return found or self._by_title(tok), None

    def _issuer(self, text) -> Entity | None:
        """Who put out a text: the agent of the verb that describes it ("a lawsuit filed by the union")
        or the subject of the verb it is the object of ("the ministry released a video that said")."""
        for verb in (c for c in text.children if c.dep_ == "acl" and c.lemma_.lower() in ISSUING_VERBS):
            agent = next((pobj(c) for c in verb.children if c.dep_ == "agent"), None)
            if agent is not None:
                return self.entity_at(agent)
        verb = text.head
        if text.dep_ == "dobj" and verb.lemma_.lower() in ISSUING_VERBS:
            subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
            if subject is not None:
                return self.entity_at(subject)
        return None

    def _by_title(self, tok) -> Entity | None:
        """"the minister" -> the holder the article named; a word that names no one ("police") stays so."""
        if not on(TITLE_HOLDER) or tok.lower_ in GENERIC and not self.refs.is_role(tok):
            return None
        return self.refs.introduced_as(tok)

    def antecedent(self, tok, done: list[Candidate]) -> tuple[Entity | None, str | None]:
        """A pronoun's referent, from the reference resolver; the last few speakers are candidates
        after the paragraph's subjects ("..., she said" after a run of quotes). A pronoun that
        stands for someone described ("a bank spokesman ... he said") is whoever that names."""
        speakers = [d.speaker for d in done if d.start < tok.idx and d.speaker is not None]
        found = self.refs.referent(tok, speakers[-RECENT_SPEAKERS:], self.article.inside_quote)
        if found is None or isinstance(found, Entity):
            return found, None
        return self._described(found)



def phrase_span(tok) -> tuple[int, int]:
    """Offsets of a name head with the proper nouns before it and hyphenated parts around it
    ('Omar Diallo', 'Lee Min-jun')."""
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


def plain_name(tok) -> str:
    """A name head with its name words, without the party, nationality and office words before it
    ("Democratic Rep. Dina Titus" -> "Dina Titus"); a ruler's title stays ("King Letsie III")."""
    start, end = phrase_span(tok)
    words = [t for t in tok.doc.char_span(start, end, alignment_mode="expand") or [tok]]
    while len(words) > 1 and (words[0].ent_type_ == "NORP" or words[0].lower_.rstrip(".") in OFFICE_WORDS):
        words = words[1:]
    return doc_text(tok.doc)[words[0].idx : end]


def phrase(tok) -> str:
    start, end = phrase_span(tok)
    return doc_text(tok.doc)[start:end]
