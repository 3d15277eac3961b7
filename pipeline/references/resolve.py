"""What a pronoun, a title or a role noun refers to: one of the article's entities.

A pronoun goes to the closest earlier mention that agrees with it, looked for where a reader
looks: the sentence, the paragraph's subjects, the speakers the caller names, then the latest
mention before it. he/she agree only with a person of that gender (as the article shows it: an
honorific, or the pronouns that follow the name); it/they only with an organisation or a place
that acts, and stay within the paragraph. A title or role noun ("the minister", "the alliance")
goes to the latest entity introduced with that word, else to the next one.

The words and windows come from resources/references.json, the titles from the entity lists.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import cached_property, lru_cache

from ..document.columns import columns
from ..document.doccache import body_start, doc_text, sentence
from ..document.records import Entity, EntityIndex
from ..entities.places import country_code
from ..entities.words import WORDS
from ..resources import load
from ..rules import on, rule
from .coref import first_name_gender
from .states import country_of

_DATA = load("references")


def _words(key: str) -> frozenset[str]:
    return frozenset(_DATA[key]["words"])


MALE, FEMALE = _words("male_pronouns"), _words("female_pronouns")
PERSONAL = MALE | FEMALE
PLURAL = _words("they_pronouns")
IMPERSONAL = _words("it_pronouns") | PLURAL
PRONOUNS = PERSONAL | IMPERSONAL
MALE_HONORIFICS, FEMALE_HONORIFICS = _words("male_honorifics"), _words("female_honorifics")
MALE_NOUNS, FEMALE_NOUNS = _words("male_nouns"), _words("female_nouns")  # "the spokeswoman" is no "he"
ROLES = WORDS["roles"] | WORDS["rulers"] | WORDS["person_nouns"]  # nouns that name a person
BODY_NOUNS = WORDS["org_words"]  # nouns that name a body ("the ministry", "the airline")
BODIES = frozenset(_DATA["body_types"]["words"])  # what it/they may stand for
GENDER_WINDOW = _DATA["gender_window"]["value"]
TITLE_CONTEXT = _DATA["title_context"]["value"]
HONORIFIC_VOTES = _DATA["honorific_votes"]["value"]
FIRST_NAME_VOTES = _DATA["first_name_votes"]["value"]

SUBJECTS = ("nsubj", "nsubjpass")
_MARKS = "\"\u201c\u201d"  # double quotation marks
_PARAGRAPH = re.compile(r"[^\n]*\S[^\n]*")
_GENDERED = re.compile(r"\b(" + "|".join(sorted(MALE | FEMALE)) + r")\b", re.IGNORECASE)
_TITLE_HONORIFIC = "|".join(re.escape(h) for h in sorted(WORDS["honorifics"]))  # "minister, Dr X"

NEXT_HOLDER = rule("references.title_before_name", "a title with no holder before it names the next one introduced "
                   "with it ('a spokesman ... union spokesman Ian Lowe')")
GENDER = rule("references.gender", "he/she only stand for a person of that gender where the article shows one "
              "('Ms Okoro ... he said' is not hers)")
GENDERED_NOUN = rule("references.gendered_noun", "a gendered person noun beside a name shows that person's "
                     "gender ('her brother Luca', 'the actress, Ana Ruiz')")
FIRST_NAMES = rule("references.first_name_gender", "a first name borne by one sex only shows a person's gender "
                   "('Priya Natarajan ... he' is not hers)")
GENDER_SUBJECTS = rule("references.gender_from_subjects", "a pronoun in the sentence after a name shows that "
                       "person's gender only if the name was a subject ('Ana met Tom. She said' is not Tom's)")
NAME_FORMS = rule("references.name_forms", "a name the article gave an entity is a mention of it where the tagger "
                  "missed it ('Mark Ellison ... Ellison asked', 'Harbour Trust officials')")
DESCRIBED = rule("references.described_antecedent", "a pronoun may stand for a person or body the article describes "
                 "without a name, when that is the nearest candidate ('a ministry spokesman said ... He added')")
PREVIOUS_PARAGRAPH = rule("references.it_previous_paragraph", "'it'/'they' in a paragraph's first sentence may stand "
                          "for a subject of the paragraph before ('The airline ... | It also reported ...')")
NARRATION = rule("references.narration_antecedent", "a pronoun outside quotes stands for no one named only inside one "
                 "('\"Tell Ruiz,\" Ana said. He ...' is not Ruiz)")


# Kept in doc.user_data, so it goes with its Doc. (A WeakKeyDictionary keyed by the EntityIndex
# never let go: the resolver it held refers to the index, so every article stayed in memory.)
_SHARED = "newsbeam_references"


class References:
    """The entity each pronoun, title or role noun of one article stands for."""

    @classmethod
    def of(cls, doc, entities: EntityIndex) -> References:
        """The resolver of this article, made once for the quotes and the events that share its entities."""
        found = doc.user_data.get(_SHARED)
        if found is None or found.doc is not doc or found.index is not entities:
            found = doc.user_data[_SHARED] = cls(doc, entities)
        return found

    def __init__(self, doc, entities: EntityIndex):
        self.doc, self.index, self.text = doc, entities, doc_text(doc)
        start = body_start(doc)
        self.paras = [(m.start(), m.end()) for m in _PARAGRAPH.finditer(self.text) if m.start() >= start]
        self._para_starts = [s for s, _ in self.paras]

    # ------------------------------------------------------------------------- the article's layout

    def para_of(self, offset: int) -> int:
        """Index of the body paragraph holding `offset`; -1 for the headline."""
        return bisect_right(self._para_starts, offset) - 1

    @cached_property
    def mentions(self) -> list[tuple[int, Entity, bool]]:
        """(offset, entity, is_subject) of every entity mention but nationalities, in text order,
        with the names the tagger missed (`NAME_FORMS`)."""
        return _mentions(self.doc, self._spans)

    @cached_property
    def genders(self) -> dict[str, str]:
        """Entity name -> "m" or "f", where the article shows it."""
        return _genders(self.doc, self.index, self.mentions)

    # ------------------------------------------------------------------------- agreement

    def agrees(self, pronoun: str, entity: Entity | None) -> bool:
        """Can the pronoun stand for the entity? he/she for a person of that gender (when the
        article shows one); it/they for an organisation or a place that acts (a government)."""
        if entity is None:
            return False
        lower = pronoun.lower()
        if lower not in PERSONAL:
            return entity.type in BODIES
        if entity.type != "PERSON":
            return False
        gender = "m" if lower in MALE else "f"
        return not on(GENDER) or self.genders.get(entity.name, gender) == gender

    # ------------------------------------------------------------------------- pronouns

    def entity_of(self, token, speakers: list[Entity] | tuple = (), quoted=None) -> Entity | None:
        """The entity a pronoun stands for; `speakers` are people the caller knows spoke last
        (latest last), tried after the paragraph's subjects; `quoted(offset)` tells which text is
        inside quotes (whose names a pronoun in narration does not stand for). A pronoun that
        stands for someone described ("the minister") gets the holder the article named, else the
        nearest entity that agrees (see `referent` for the description itself)."""
        found = self.referent(token, speakers, quoted)
        if found is None or isinstance(found, Entity):
            return found
        holder = self.introduced_as(found) if found.lemma_.lower() in ROLES else None
        return holder or self.referent(token, speakers, quoted, described=False)

    def referent(self, token, speakers: list[Entity] | tuple = (), quoted=None, described: bool = True):
        """What a pronoun stands for: an Entity, or (unless `described` is False) the head token of a
        noun phrase that describes a person or body without naming it ("a ministry spokesman", "the
        airline"), or None."""
        if token is None or token.lower_ not in PRONOUNS:
            return None
        return self._by_rules(token, speakers, quoted, described)[0]

    def _by_rules(self, token, speakers, quoted, described) -> tuple[object, int]:
        """(referent, the number of the group it was found in) by the rules; (None, -1) if none."""
        narration = quoted is not None and on(NARRATION) and not quoted(token.idx)
        for n, group in enumerate(self._groups(token, speakers)):
            for offset, found in reversed(group):
                if narration and offset >= 0 and quoted(offset):
                    continue
                if isinstance(found, Entity):
                    if self.agrees(token.lower_, found):
                        return found, n
                elif described and on(DESCRIBED) and self.describes(token.lower_, found):
                    return found, n
        return None, -1

    def describes(self, pronoun: str, noun) -> bool:
        """Can the pronoun stand for this common noun? he/she for one person ("the spokesman"), it
        for one body ("the ministry"), they for people or bodies ("officials", "the banks")."""
        lemma, plural = noun.lemma_.lower(), noun.tag_ in ("NNS", "NNPS")
        if pronoun in PERSONAL:
            other_gender = FEMALE_NOUNS if pronoun in MALE else MALE_NOUNS
            return not plural and lemma in ROLES and not (on(GENDER) and lemma in other_gender)
        if pronoun in PLURAL:
            return plural and (lemma in ROLES or lemma in BODY_NOUNS)
        return not plural and lemma in BODY_NOUNS

    def _groups(self, tok, speakers) -> list[list[tuple[int, object]]]:
        """Where a pronoun's referent is looked for, in order, each group (offset, referent) searched
        latest first. he/she: the sentence, the paragraph's subjects, the given speakers, every
        mention. it/they mostly mean things or unnamed people, so they stay close: the sentence (its
        subjects for a subject: "the council met and it said"), then the paragraph's subjects (the
        previous paragraph's too, in a paragraph's first sentence)."""
        earlier = [m for m in self._candidates if m[0] < tok.idx]
        sent_start = sentence(tok).start_char
        p = self.para_of(tok.idx)
        paragraph = [(s, e) for s, e, subj in earlier if subj and self.para_of(s) == p]
        if tok.lower_ not in PERSONAL:
            subject, plural = tok.dep_ in SUBJECTS, tok.lower_ in PLURAL
            if plural and not subject:
                return []  # "them", "their" mostly mean people the article does not name
            groups = [[(s, e) for s, e, subj in earlier if (subj or not subject) and s >= sent_start], paragraph]
            first_sentence = p >= 0 and sent_start <= self.paras[p][0]
            if on(PREVIOUS_PARAGRAPH) and subject and first_sentence and p > 0:
                groups.append([(s, e) for s, e, subj in earlier if subj and self.para_of(s) == p - 1])
            return groups
        same_sentence = [(s, e) for s, e, _ in earlier if s >= sent_start]
        named = [(s, e) for s, e, _ in earlier if isinstance(e, Entity)]
        return [same_sentence, paragraph, [(-1, e) for e in speakers], named]

    @cached_property
    def _candidates(self) -> list[tuple[int, object, bool]]:
        """(offset, entity or describing noun, is_subject) of everything a pronoun may stand for."""
        return sorted(self.mentions + _descriptions(self.doc, self._named_chars), key=lambda item: item[0])

    @cached_property
    def _named_chars(self) -> bytearray:
        """1 for each character inside an entity mention."""
        covered = bytearray(len(self.text))
        for start, end, _ in self._spans:
            covered[start:end] = b"\x01" * (end - start)
        return covered

    @cached_property
    def _spans(self) -> list[tuple[int, int, Entity]]:
        return _mention_spans(self.doc, self.index) if on(NAME_FORMS) else [
            (m.start, m.end, e) for e in self.index.entities if e.type != "NORP" for m in e.mentions]

    # ------------------------------------------------------------------------- nationalities

    def state_of(self, nationality: str) -> tuple[Entity | None, str | None]:
        """(entity, name) of the state a nationality word stands for ("Kenyan officials" -> Kenya):
        the article's entity for that country if it names one, else the country's everyday name;
        (None, None) when the word names no one country ("Arab", "Korean")."""
        country = country_of(nationality)
        if country is None:
            return None, None
        code = country_code(country)
        for entity in self.index.entities:
            if entity.type == "GPE" and (entity.name == country or code and country_code(entity.name) == code):
                return entity, None
        return None, country

    # ------------------------------------------------------------------------- titles and roles

    @staticmethod
    def is_role(tok) -> bool:
        """A noun that names a person by post or role ("minister", "king", "lawyer")."""
        return tok.lemma_.lower() in ROLES

    def introduced_as(self, tok) -> Entity | None:
        """"the minister" -> the latest entity introduced with that word ("Minister Ana Ruiz") or
        named by it ("the alliance" -> "Coastal Fishers Alliance"); failing that, the next one (in
        the same paragraph unless definite: "a spokesman ..., union spokesman Dr Ian Lowe")."""
        if tok is None or tok.tag_ not in ("NN", "NNP"):
            return None
        word = tok.lower_
        para = self.para_of(tok.idx)
        definite = any(c.lower_ == "the" or c.dep_ == "poss" for c in tok.children)
        before, after = None, None
        for start, entity in self._titled_mentions(word):
            if start < tok.idx and (before is None or start > before[0]):
                before = (start, entity)
            near = definite or self.para_of(start) == para
            if start > tok.idx and near and (after is None or start < after[0]) and on(NEXT_HOLDER):
                after = (start, entity)
        found = before or after
        return found[1] if found else None

    @cached_property
    def _mention_texts(self) -> list[tuple[int, Entity, str, str]]:
        """(offset, entity, mention text, the text just before it), lower case, nationalities left out."""
        return [(m.start, e, m.text.lower(), self.text[max(0, m.start - TITLE_CONTEXT) : m.start].lower())
                for e in self.index.entities if e.type != "NORP" for m in e.mentions]

    def _titled_mentions(self, word: str):
        """(offset, entity) of mentions that hold the title word or follow it ("minister Dr X")."""
        for start, entity, mention, context in self._mention_texts:
            if word not in mention and word not in context:
                continue  # the cheap test first: most mentions have nothing to do with the word
            titled, whole = _title_patterns(word)
            if titled.search(context) or whole.search(mention):
                yield start, entity


@lru_cache(maxsize=4096)
def _title_patterns(word: str) -> tuple[re.Pattern, re.Pattern]:
    """The title word ending the text before a mention ("minister Dr "), and the word inside one;
    compiled once per word (the honorifics make a long pattern)."""
    return (re.compile(rf"\b{re.escape(word)},?\s+(({_TITLE_HONORIFIC})\.?\s+)?$"),
            re.compile(rf"\b{re.escape(word)}\b"))


def _mentions(doc, spans: list[tuple[int, int, Entity]]) -> list[tuple[int, Entity, bool]]:
    """(offset, entity, is_subject) of each mention span, in text order."""
    result = []
    for start, end, entity in spans:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            continue
        root = span.root
        # "Ana Ruiz said", "Ana Ruiz's aide said", "His rival, Ana Ruiz, said": the subject's own words
        subject = root.dep_ in SUBJECTS or (root.dep_ in ("compound", "poss", "appos") and root.head.dep_ in SUBJECTS)
        result.append((start, entity, subject))
    return sorted(result, key=lambda item: item[0])


def _mention_spans(doc, index: EntityIndex) -> list[tuple[int, int, Entity]]:
    """(start, end, entity) of every mention but nationalities, and of each run of capitalised nouns that
    spells a name or alias the article gave one entity ("Ellison" after "Mark Ellison") where the
    tagger left it out."""
    spans = [(m.start, m.end, e) for e in index.entities if e.type != "NORP" for m in e.mentions]
    forms: dict[str, Entity | None] = {}
    for entity in index.entities:
        if entity.type == "NORP":
            continue
        names = {entity.name, *entity.aliases}
        if entity.type == "PERSON" and " " in entity.name:
            names.add(entity.name.rsplit(" ", 1)[1])  # the surname alone
        for name in names:
            key = name.casefold()
            forms[key] = None if forms.get(key, entity) is not entity else entity  # a form of two is no one's
    text = doc_text(doc)
    covered = bytearray(len(text))
    for start, end, _ in spans:
        covered[start:end] = b"\x01" * (end - start)
    run: list = []
    cols = columns(doc)
    for i in [*range(len(cols.text)), None]:
        # the tagger takes some names for nouns ("Ellison asked" opening a sentence): capitals decide
        if i is not None and cols.pos[i] in ("PROPN", "NOUN") and cols.text[i][:1].isupper() and not covered[cols.idx[i]]:
            run.append(i)
            continue
        if run:
            start, end = cols.idx[run[0]], cols.idx[run[-1]] + len(cols.text[run[-1]])
            entity = forms.get(text[start:end].casefold())
            if entity is not None:
                spans.append((start, end, entity))
            run = []
    return spans


def _descriptions(doc, named: bytearray) -> list[tuple[int, object, bool]]:
    """(offset, head noun, True) of each subject that describes a person or a body without naming it
    ("a ministry spokesman", "the airline", "officials")."""
    cols = columns(doc)
    return [
        (idx, doc[i], True) for i, (idx, dep, pos, lemma) in enumerate(zip(cols.idx, cols.dep, cols.pos, cols.lemma))
        if dep in SUBJECTS and pos == "NOUN" and not named[idx]
        and (lemma.lower() in ROLES or lemma.lower() in BODY_NOUNS)
    ]


def _noun_gender(doc, mention) -> str | None:
    """"m"/"f" when a gendered person noun stands beside the name as its title or apposition ("her
    brother Luca", "the actress, Ana Ruiz")."""
    span = doc.char_span(mention.start, mention.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    beside = [c for c in root.children if c.dep_ in ("compound", "appos") and c.i < span.start or c.dep_ == "appos"]
    if root.dep_ == "appos":
        beside.append(root.head)
    for noun in beside:
        lemma = noun.lemma_.lower()
        if lemma in MALE_NOUNS or lemma in FEMALE_NOUNS:
            return "m" if lemma in MALE_NOUNS else "f"
    return None


def _genders(doc, index: EntityIndex, mentions: list[tuple[int, Entity, bool]]) -> dict[str, str]:
    """A person's gender as the article shows it: the first he/his/she/her after a mention, before
    any other name, votes (after a mention that is no subject, only within its sentence: "Ana met
    Tom. She said" says nothing of Tom); an honorific (Mr, Mrs...) outweighs the pronouns."""
    text = doc_text(doc)
    votes: dict[str, list[str]] = {}
    people = [(start, entity, subject) for start, entity, subject in mentions if entity.type == "PERSON"]
    ends = {m.start: m.end for e in index.entities for m in e.mentions}
    for n, (start, entity, subject) in enumerate(people):
        end = ends.get(start) or start + len(entity.name.split()[-1])
        limit = people[n + 1][0] if n + 1 < len(people) else len(text)
        if not subject and on(GENDER_SUBJECTS):
            limit = min(limit, sentence(doc.char_span(start, end, alignment_mode="expand").root).end_char)
        match = _GENDERED.search(text[end : min(limit, end + GENDER_WINDOW)])
        if match:
            votes.setdefault(entity.name, []).append("m" if match.group(1).lower() in MALE else "f")
    for entity in index.entities:  # the title the entity extractor peeled off its name ("Mrs", "Sir")
        words = {w.casefold().rstrip(".") for w in (entity.title or "").split()}
        for gender, honorifics in (("m", MALE_HONORIFICS), ("f", FEMALE_HONORIFICS)):
            if words & honorifics:
                votes.setdefault(entity.name, []).extend([gender] * HONORIFIC_VOTES)
        if entity.type == "PERSON" and on(GENDERED_NOUN):  # "her brother Luca", "the actress, Ana Ruiz"
            for gender in filter(None, (_noun_gender(doc, m) for m in entity.mentions)):
                votes.setdefault(entity.name, []).extend([gender] * HONORIFIC_VOTES)
        if entity.type == "PERSON" and " " in entity.name and on(FIRST_NAMES):
            gender = first_name_gender(entity.name.split()[0])
            if gender:
                votes.setdefault(entity.name, []).extend([gender] * FIRST_NAME_VOTES)
    # A tie shows no gender (and must not be broken by set order, which varies between runs).
    return {name: ("m" if v.count("m") > v.count("f") else "f")
            for name, v in votes.items() if v.count("m") != v.count("f")}
