"""Resolution of the tokens heading noun phrases to canonical entity names: entities, quoted "I"/"we",
"the country"/"the government", groups, owners and nationalities. Pronouns and titles ("he", "its",
"the President") go through the shared reference resolver (pipeline.references)."""

from __future__ import annotations

from ..document.records import EntityIndex
from ..entities.places import country_code
from ..references import References
from ..rules import on, rule
from .lexicon import (
    ACTOR_TYPES,
    COLLECTIVE_NOUNS,
    COUNTRY_NOUNS,
    DEMONYMS,
    FIRST_PERSON,
    GROUP_HEADS,
    ORG_NOUNS,
    PAIR_NOUNS,
    PEOPLE_NOUNS,
    PERSON_NOUNS,
    PLACE_TYPES,
    STATE_NOUNS,
    lemma_of,
)

NATIONALITY_STATE = rule("events.nationality_owner_is_state", "a nationality owning a state's arm is the state: 'Ruritanian troops' -> Ruritania")
PEOPLE_NATIONALITY = rule("events.people_nationality", "a nationality before a people noun names that people: 'Ruritanian refugees' -> Ruritanian")
COLLECTIVE = rule("events.collective_noun_is_its_members", "a group, number or members of a party stand for it: 'a group of Ruritanian diplomats'")
APPOSITION = rule("events.apposition_name", "a noun with a named apposition is that name: 'its envoy, Ana Ruiz'")
OWNER_ACTS = rule("events.owner_acts", "a named owner acts for its arms and bodies: 'X's forces', 'the X council resolution'")


class Resolver:
    """Canonical entity names for the tokens heading noun phrases."""

    def __init__(self, doc, index: EntityIndex, quotes: list | None = None):
        self.doc, self.index = doc, index
        self.references = References.of(doc, index)
        self.mentions = sorted((m.start, e) for e in index.entities for m in e.mentions)
        self._quotes = None if quotes is None else self._spans(quotes)
        self._lists: list | None = None
        self._names: dict[tuple[int, int], list[str]] = {}  # (token, depth) -> names: a third are asked again
        counts: dict[str, int] = {}
        for _, e in self.mentions:
            if e.type == "GPE" and country_code_of(e.name):
                counts[e.name] = counts.get(e.name, 0) + 1
        # The article's own country: the country it names most (first named on a tie).
        self.home = max(counts, key=lambda name: counts[name]) if counts else None

    def last(self, before: int, test) -> str | None:
        """The latest entity mentioned before offset `before` that passes `test`."""
        found = self.latest(before, test, 1)
        return found[0] if found else None

    def latest(self, before: int, test, count: int) -> list[str]:
        """The last `count` distinct entities mentioned before offset `before` that pass `test`, in text order."""
        found: list[str] = []
        for start, entity in reversed(self.mentions):
            if start < before and test(entity) and entity.name not in found:
                found.insert(0, entity.name)
                if len(found) == count:
                    break
        return found if len(found) == count else []

    def named_in(self, name: str, start: int, end: int) -> bool:
        """Whether the entity `name` is mentioned (by name, title or pronoun) between two offsets."""
        entity = self.index.find(name)
        if entity is None:
            return True  # a name the index does not hold was read off the text itself
        if any(start <= m.start < end for m in entity.mentions):
            return True
        return any(start <= t.idx < end and (found := self.references.entity_of(t)) is not None and found.name == name
                   for t in self.doc.char_span(start, end, alignment_mode="expand") or () if t.pos_ == "PRON")

    def entity(self, token):
        """The actor entity (person, group, place) indexed at `token`, if any."""
        entity = self.index.at(token.idx, token.idx + len(token.text))
        return entity if entity is not None and entity.type in ACTOR_TYPES else None

    def state_of(self, nationality) -> str:
        """The article's GPE for a nationality adjective ("South African" -> "South Africa"), else itself."""
        word = nationality.name.casefold()
        for entity in self.index.entities:
            name = entity.name.casefold()
            if entity.type == "GPE" and (len(name) > 3 and word.startswith(name[:-1]) or name in DEMONYMS.get(word, ())):
                return entity.name
        return nationality.name

    def names(self, token, depth: int = 0) -> list[str]:
        """Names for `token` and its conjuncts ("Chad and Niger")."""
        result = []
        for head in [token, *token.conjuncts]:
            for name in self._one(head, depth):
                if name not in result:
                    result.append(name)
        return result

    def speaker_at(self, offset: int) -> str | None:
        """The speaker of the quotation around `offset` (quotes are found once, on demand)."""
        return next((name for start, end, name in self._quote_spans() if start <= offset < end and name), None)

    def _quote_spans(self) -> list[tuple[int, int, str | None]]:
        """(start, end, speaker) of the doc's quotations in their own words, found once when not given."""
        if self._quotes is None:
            from ..quotes.extract import extract_quotes  # read-only use of the quotes extractor

            self._quotes = self._spans(extract_quotes(self.doc, self.index))
        return self._quotes

    @staticmethod
    def _spans(quotes) -> list[tuple[int, int, str | None]]:
        return [(q.start, q.end, q.speaker.name if q.speaker is not None else None) for q in quotes if q.kind != "indirect"]

    def quoted(self, offset: int) -> bool:
        """Whether `offset` falls inside a quotation's own words (direct, partial or block)."""
        return any(start <= offset < end for start, end, _ in self._quote_spans())

    def person_list_before(self, offset: int) -> list[str]:
        """The last two or more persons named together ("A and his wife B") before `offset`."""
        if self._lists is None:
            self._lists = []
            for tok in self.doc:
                if tok.conjuncts and tok.dep_ != "conj":
                    found = [n for n in self.names(tok) if (e := self.index.find(n)) is not None and e.type == "PERSON"]
                    if len(found) >= 2:
                        self._lists.append((tok.idx, found))
        before = [names for start, names in self._lists if start < offset]
        return before[-1] if before else []

    def _one(self, token, depth: int) -> list[str]:
        found = self._names.get((token.i, depth))
        if found is None:
            found = self._names[token.i, depth] = self._read(token, depth)
        return list(found)

    def _read(self, token, depth: int) -> list[str]:
        if token.pos_ == "PRON" and token.lower_ in FIRST_PERSON:
            speaker = self.speaker_at(token.idx)  # "I", "we" inside a quotation: its speaker
            return [speaker] if speaker else []
        if token.pos_ == "PRON":
            if token.lower_ in ("who", "which", "that", "whom") and token.head.dep_ == "relcl":
                return self._one(token.head.head, depth)
            found = self.references.entity_of(token)  # "he", "its", "they": the pronoun resolver's
            return [found.name] if found else []
        entity = self.entity(token) or self._by_form(token)
        if entity is not None:
            if on(NATIONALITY_STATE) and entity.type == "NORP" and depth > 0:  # "Chilean troops", "American airstrikes": the state
                return [self.state_of(entity)]
            return [entity.name]
        if token.pos_ in ("NOUN", "PROPN") and not _owned(token):
            lemma = token.lower_ if token.pos_ == "PROPN" else lemma_of(token)
            if lemma in COUNTRY_NOUNS and _definite(token) and any(c.lower_ in ("two", "both") for c in token.children):
                return self.latest(token.idx, lambda e: e.type == "GPE" and country_code_of(e.name), 2)  # "the two countries"
            if lemma in COUNTRY_NOUNS and _definite(token):  # "the country": the last country named
                found = self.last(token.idx, lambda e: e.type == "GPE" and country_code_of(e.name))
                return [found or self.home] if found or self.home else []
            if self.references.is_role(token) and _definite(token):  # "the President": the person titled so
                found = self.references.introduced_as(token)
                if found is not None:
                    return [found.name]
            if lemma in ORG_NOUNS and _definite(token) and not any(c.pos_ == "PROPN" for c in token.children):
                found = self.last(token.idx, lambda e: e.type == "ORG")  # "the organization": the last one named
                if found:
                    return [found]
            if lemma in PAIR_NOUNS and _definite(token) and (token.tag_ == "NNS" or lemma in ("pair", "couple")):
                return self.person_list_before(token.idx)  # "the parents", "the pair": the persons named together
            if lemma in STATE_NOUNS and self.home:  # "the government", "police": the article's country
                return [self.home]
        if on(COLLECTIVE) and token.pos_ == "NOUN" and lemma_of(token) in COLLECTIVE_NOUNS:
            for pobj in (p for c in token.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj"):
                found = self.names(pobj, depth)  # "a group of Ruritanian diplomats", "members of X"
                if found:
                    return found
        if on(PEOPLE_NATIONALITY) and token.pos_ == "NOUN" and lemma_of(token) in PEOPLE_NOUNS:
            found = self._nationality(token, ("amod", "compound"))  # "Ruritanian rebels", "Kurdish refugees"
            if found:
                return found
        for child in token.children:  # "Ruritania's envoy, Ana Ruiz"
            if on(APPOSITION) and child.dep_ == "appos" and self.entity(child):
                return [self.entity(child).name]
        if on(OWNER_ACTS) and depth == 0 and token.pos_ == "NOUN" and lemma_of(token) not in PERSON_NOUNS:
            # "the general's forces", "the UN council's resolution": the named owner acts;
            # an adjective names the owner only for a state's arms ("Ruritanian navy").
            deps = ("poss", "compound", "amod", "nmod") if lemma_of(token) in GROUP_HEADS else ("poss", "compound", "nmod")
            for child in token.children:
                if child.dep_ in deps:  # "American and British forces": both owners
                    found = [n for owner in [child, *child.conjuncts] for n in self._one(owner, depth + 1)]
                    if found:
                        return list(dict.fromkeys(found))
                if child.dep_ == "prep" and child.lower_ == "of" and lemma_of(token) in GROUP_HEADS:
                    for pobj in child.children:
                        if pobj.dep_ == "pobj":
                            found = self.names(pobj, depth + 1)  # "the leaders of Chad and Niger"
                            if found:
                                return found
        return []

    def _nationality(self, token, deps: tuple[str, ...]) -> list[str]:
        """The nationality qualifying a people or a group: the people, not its state."""
        for child in token.children:
            entity = self.entity(child) if child.dep_ in deps else None
            if entity is not None and entity.type == "NORP":
                return [entity.name]
        return []

    def is_place(self, name: str) -> bool:
        """Whether `name` is a place entity (GPE, LOC, FAC)."""
        entity = self.index.find(name)
        return entity is not None and entity.type in PLACE_TYPES

    def _by_form(self, token):
        """A proper noun the entity index missed at this spot, looked up by its written form."""
        if token.pos_ != "PROPN" and not (token.pos_ == "NOUN" and token.text[:1].isupper()):
            return None
        words = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN" and c.i < token.i]
        span = token.doc[words[0].i : token.i + 1] if words else token.doc[token.i : token.i + 1]
        for text in (span.text, token.text):
            entity = self.index.find(text)
            if entity is not None and entity.type in ACTOR_TYPES:
                return entity
        return None


def country_code_of(name: str) -> str | None:
    """The country code of a place name, from the entities package's country table."""
    return country_code(name, codes_ok=True)


def _owned(token) -> bool:
    """A noun with an owner or a name in its phrase ("Chad's government", "the Niger police")."""
    return any(c.dep_ in ("poss", "compound", "nmod") or (c.dep_ == "amod" and c.ent_type_) for c in token.children) or any(
        c.dep_ == "prep" and c.lower_ in ("of", "from", "in") for c in token.children
    )


def _definite(token) -> bool:
    """A noun with a definite determiner: "the country", "that leader"."""
    return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in token.children)


def prep_objects(token, preps):
    """The objects of `token`'s prepositions in `preps`, through a doubled preposition ("crack down on")."""
    for child in token.children:
        if child.dep_ in ("prep", "prt") and child.lower_ in preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    yield pobj
                elif pobj.dep_ == "prep" and pobj.lower_ in preps:  # "crack down on"
                    yield from (p for p in pobj.children if p.dep_ == "pobj")
