"""Names the model missed, cut short or mistyped, found by general cues in the article body.

`recover_spans` edits the span list in place: a proper-noun chain ending in an organisation word,
a country's name, an untagged name listed with entities of one type, a name followed by an age,
a known place after "in"/"from", "a Kurd" (a member of a people), a proper noun qualifying a person
noun ("a former Eton pupil"). `recover_persons` then adds people: after a title, before a social-
media handle, as subject of a reporting verb, with a person noun in apposition. `recover_repeats`
last adds later mentions of names already found: exact repeats (of several words or of an
acronym), a lone person's bare surname.
The headline is left alone: in Title Case every word looks like a name.
"""

from __future__ import annotations

from ..document.doccache import sentence
from ..rules import on, rule
from .places import country_code, in_places
from .spans import Span, name_tokens_ok, overlapping, replace
from .words import (
    ENTITY_TYPES,
    HONORIFICS,
    ROLES,
    RULERS,
    TITLE_WORDS,
    WORDS,
    bare,
    glued,
    is_acronym,
    is_cap,
)

ORGANISATION_CHAIN = rule("entities.organisation_chain",
                          "a proper-noun chain ending in an organisation word is an ORG: 'Tallinn Chess Society'")
COUNTRY_NAMES = rule("entities.country_names", "a country's name is a GPE also where the model split or mistyped it")
LISTED_NAMES = rule("entities.listed_names",
                    "an untagged name listed with names of one type has that type: 'Oxfam, Save the Children and Care'")
NAME_WITH_AGE = rule("entities.name_with_age", "a name followed by an age is a person: 'Ines Varga, 41, a nurse'")
PLACE_AFTER_PREPOSITION = rule("entities.place_after_preposition",
                               "a gazetteer place after a locative preposition is a GPE: 'flew to Kisumu'")
MEMBER_OF_PEOPLE = rule("entities.member_of_people",
                        "'a' + a proper noun listed with another is a member of a people: 'a Tuareg, a Fulani'")
QUALIFIER_OF_PERSON_NOUN = rule("entities.qualifier_of_person_noun",
                                "a proper noun qualifying a person noun is a body: 'a former Unilever engineer'")
PERSON_AFTER_TITLE = rule("entities.person_after_title", "capitalised words after a title name a person: 'Dr Ilse Brandt'")
PERSON_BEFORE_HANDLE = rule("entities.person_before_handle",
                            "capitalised words before a handle in parentheses name its owner: 'Rita Osei (@ritao)'")
PERSON_IN_APPOSITION = rule("entities.person_in_apposition",
                            "a name with a person noun in apposition is a person: 'Jonas Berg, a farmer'")
SPEAKER_SUBJECT = rule("entities.speaker_subject",
                       "a multi-word proper noun subject of a reporting verb is a person: 'Pilar Soto said'")
REPEATED_NAMES = rule("entities.repeated_names",
                      "an untagged exact repeat of a multi-word name or acronym is a later mention of it")
REPEATED_SURNAME = rule("entities.repeated_surname",
                        "the bare surname of the one person named in full is a later mention: 'Lena Ortiz' ... 'Ortiz'")

# A person's name (given names, particles, surname) rarely runs past four words; longer runs after
# a title or before a handle have run into the next name.
MAX_NAME_WORDS = 4
# An age after a name ("Tran Van Hung, 34,") has one or two digits; longer numbers are years, counts.
MAX_AGE_DIGITS = 2
# Place names the gazetteer lists run to three words ("Ras Al Khaimah"); more is a run of names.
MAX_PLACE_WORDS = 3
# Country names written in full run to four capitalised words ("Saint Kitts and Nevis").
MAX_COUNTRY_WORDS = 4


def recover_spans(doc, spans: list[Span], headline_end: int) -> None:
    """Add or fix spans by the cues above, in this order (later cues see earlier results)."""
    chains = _proper_chains(doc, headline_end)
    if on(ORGANISATION_CHAIN):
        _organisation_chains(doc, spans, chains)
    if on(COUNTRY_NAMES):
        _country_names(doc, spans, headline_end)
    if on(LISTED_NAMES):
        _listed_names(doc, spans, chains)
    if on(NAME_WITH_AGE):
        _names_with_ages(doc, spans, chains)
    if on(PLACE_AFTER_PREPOSITION):
        _places_after_prepositions(doc, spans, headline_end)
    if on(MEMBER_OF_PEOPLE):
        _members_of_peoples(doc, spans, headline_end)
    if on(QUALIFIER_OF_PERSON_NOUN):
        _qualifiers_of_person_nouns(doc, spans, headline_end)


# ----------------------------------------------------------------------------- proper-noun chains


def _proper(doc, k: int) -> bool:
    return k < len(doc) and doc[k].tag_ in ("NNP", "NNPS") and is_cap(doc[k])


def _chain_goes_on(doc, i: int, j: int) -> bool:
    """Token j continues the proper-noun chain that starts at token i."""
    if _proper(doc, j):
        return True
    if glued(doc, j) and (doc[j].text == "-" and j + 1 < len(doc) and glued(doc, j + 1) and is_cap(doc[j + 1])
                          or doc[j - 1].text == "-" and is_cap(doc[j])):
        return True  # "Ng E-Jay"
    return doc[j].tag_ == "POS" and j == i + 1 and doc[i].ent_type_ == "" and not country_code(doc[i].text) \
        and _proper(doc, j + 1)  # "Alzheimer's Society"


def _proper_chains(doc, headline_end: int) -> list[tuple[int, int]]:
    """Runs of capitalised proper nouns in the body; an inner "'s" only after one untagged word
    ("Alzheimer's Society"), glued hyphen parts kept ("E-Jay")."""
    chains, i = [], 0
    while i < len(doc):
        if doc[i].idx < headline_end or not _proper(doc, i):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and _chain_goes_on(doc, i, j):
            j += 1
        chains.append((i, j))
        i = j
    return chains


def _organisation_chains(doc, spans: list[Span], chains: list[tuple[int, int]]) -> None:
    """"Lesotho Political Parties Leadership Forum", "Alzheimer's Society": an organisation's name ends in its kind."""
    for start, end in chains:
        if end - start > 1 and bare(doc[end - 1].text) in WORDS["org_words"]:
            replace(spans, start, end, "ORG")


def _listed_names(doc, spans: list[Span], chains: list[tuple[int, int]]) -> None:
    """"Alzheimer's Society, Age Concern, Mencap and ...": an untagged name listed with entities of one type."""
    label_at = {i: s.label for s in spans for i in range(s.start, s.end)}
    for start, end in chains:
        if overlapping(spans, start, end) or all(bare(t.text) in TITLE_WORDS for t in doc[start:end]) or any(
                t.ent_type_ for t in doc[start:end]):  # "to March 2005": a date, not the town
            continue
        head = next((t for t in doc[start:end] if not start <= t.head.i < end or t.head == t), doc[end - 1])
        listed = [label_at[t.i] for t in head.conjuncts if t.i in label_at]
        kind = max(dict.fromkeys(listed), key=listed.count) if listed else None
        if kind in ("PERSON", "ORG", "NORP") and listed.count(kind) * 2 > len(listed) and not doc[start].is_sent_start:
            spans.append(Span(start, end, kind))


def _names_with_ages(doc, spans: list[Span], chains: list[tuple[int, int]]) -> None:
    """"Tran Van Hung, 34, a fisherman": a name followed by an age is a person."""
    for start, end in chains:
        if not (1 < end - start <= MAX_NAME_WORDS and end + 2 < len(doc) and doc[end].text == "," and doc[
                end + 1].like_num and len(doc[end + 1].text) <= MAX_AGE_DIGITS and doc[end + 2].text == ","):
            continue
        if any(t.ent_type_ == "DATE" for t in doc[start:end]) or any(
                bare(t.text) in WORDS["org_words"] for t in doc[start:end]):
            continue
        hits = [sp for sp in spans if sp.start < end and start < sp.end]
        if all(start <= sp.start and sp.end <= end and sp.label != "PERSON" for sp in hits):
            replace(spans, start, end, "PERSON", person=True)


# ----------------------------------------------------------------------------- single-token cues


def _country_names(doc, spans: list[Span], headline_end: int) -> None:
    """A country's name, also where the model split or mistyped it ("Cote" PERSON + "D'Ivoire")."""
    for tok in doc:
        if tok.idx < headline_end or not is_cap(tok) or tok.ent_type_ not in ("", *ENTITY_TYPES):
            continue
        for size in range(MAX_COUNTRY_WORDS, 0, -1):
            window = doc[tok.i:tok.i + size]
            if len(window) == size and is_cap(window[-1]) and country_code(window.text):
                if size > 1 or not overlapping(spans, tok.i, tok.i + 1):
                    replace(spans, tok.i, tok.i + size, "GPE", override_person=size > 1)
                break


def _places_after_prepositions(doc, spans: list[Span], headline_end: int) -> None:
    """"arrives in Sana'a": a known place after a locative preposition (whatever the tagger made of it)."""
    for tok in doc:
        if tok.idx >= headline_end and tok.i > 0 and doc[tok.i - 1].lower_ in WORDS["locative_preps"] and is_cap(
                tok) and not tok.ent_type_:
            end = tok.i + 1
            while end < len(doc) and end - tok.i < MAX_PLACE_WORDS and is_cap(doc[end]) and not doc[end].ent_type_:
                end += 1
            if not overlapping(spans, tok.i, end) and in_places(doc[tok.i:end].text):
                spans.append(Span(tok.i, end, "GPE"))


def _members_of_peoples(doc, spans: list[Span], headline_end: int) -> None:
    """"a Nuba, a Fur": "a" + one proper noun that heads its phrase names a member of a people."""
    for tok in doc:
        if tok.idx >= headline_end and tok.tag_ == "NNP" and is_cap(tok) and tok.i > 0 and doc[tok.i - 1].lower_ in (
                "a", "an") and tok.dep_ not in ("compound", "nmod", "amod") and bare(tok.text) not in TITLE_WORDS and all(
                c.dep_ in ("det", "punct", "cc", "conj") for c in tok.children) and (
                tok.i + 1 == len(doc) or not doc[tok.i + 1].tag_.startswith("NN")) and not country_code(
                tok.text) and _enumerated(tok):
            replace(spans, tok.i, tok.i + 1, "NORP")


def _enumerated(tok) -> bool:
    """Listed with another "a/an" + proper noun ("a Nuba, a Fur"): a lone "a Toyota" is a thing."""
    def one_of_a_kind(t):
        return t.tag_ == "NNP" and t.i > 0 and t.doc[t.i - 1].lower_ in ("a", "an")

    # The parser links list items as conj, and often the first two as appos.
    linked = [c for c in tok.children if c.dep_ in ("conj", "appos")] + (
        [tok.head] if tok.dep_ in ("conj", "appos") else [])
    return any(one_of_a_kind(t) for t in linked)


def _qualifiers_of_person_nouns(doc, spans: list[Span], headline_end: int) -> None:
    """"Ex Labour minister", "a former Eton pupil": a proper noun qualifying a person noun is where they belong."""
    for tok in doc:
        head = tok.head
        if tok.idx >= headline_end and tok.tag_ == "NNP" and is_cap(tok) and tok.dep_ == "compound" and head.i == \
                tok.i + 1 and head.is_lower and head.lemma_ in WORDS["person_nouns"] and bare(tok.text) not in TITLE_WORDS \
                and not (country_code(tok.text) or in_places(tok.text)) and (tok.i == 0 or not is_cap(doc[tok.i - 1])):
            hit = overlapping(spans, tok.i, tok.i + 1)
            if hit is None or hit.label == "PERSON" and hit.end - hit.start == 1 and not hit.person:
                replace(spans, tok.i, tok.i + 1, "ORG")


# ----------------------------------------------------------------------------- people


def recover_persons(doc, spans: list[Span], headline_end: int) -> list[Span]:
    """People the model missed or mistyped: after titles, before handles, reporting, in apposition.
    New spans are returned; a span already there may be relabelled PERSON in place."""
    found: list[Span] = []
    for tok in doc:
        in_headline = tok.idx < headline_end
        for cue in (on(PERSON_AFTER_TITLE) and _after_title(doc, tok, in_headline),
                    on(PERSON_BEFORE_HANDLE) and _before_handle(doc, tok), _speaker(doc, tok, in_headline)):
            if cue:
                _add_person(doc, spans, found, *cue)
    return found


def _add_person(doc, spans: list[Span], found: list[Span], start: int, end: int, relabel: bool) -> None:
    """Add [start, end) as a person, or with `relabel` make the span it ends in a person (unless an
    organisation's name)."""
    if start >= end or not name_tokens_ok(doc, start, end):
        return
    hit = overlapping(spans + found, start, end)
    if hit is None:
        found.append(Span(start, end, "PERSON", person=True))
    elif relabel and hit.label != "PERSON" and hit.start <= end - 1 < hit.end and not any(
            bare(t.text) in WORDS["org_words"] for t in doc[hit.start:hit.end]):
        hit.label = "PERSON"


def _after_title(doc, tok, in_headline: bool) -> tuple[int, int, bool] | None:
    """"President Evo Morales", "Mr Mubanga", "Dr. M R Srinivasan" (in a Title Case headline every
    word looks like a name, so there only honorifics count)."""
    word = bare(tok.text)
    if not (is_cap(tok) and (word in HONORIFICS or word in RULERS or word in ROLES and not in_headline)):
        return None
    j = tok.i + 1
    while j < len(doc) and doc[j].text == ".":
        j += 1
    k = j
    while k < len(doc) and k - j < MAX_NAME_WORDS and (
            is_cap(doc[k]) and bare(doc[k].text) not in TITLE_WORDS and doc[k].tag_ == "NNP"
            or k > j and glued(doc, k) and not doc[k].is_punct):
        k += 1
    return (tok.i, k, word in HONORIFICS) if k > j else None


def _before_handle(doc, tok) -> tuple[int, int, bool] | None:
    """"Omer Abdellatif (@OmerAbdellatif)": a name introduces its handle."""
    if not (tok.text.startswith("@") and len(tok) > 1 and tok.i >= 2 and doc[tok.i - 1].text == "("):
        return None
    k = j = tok.i - 1
    while j > sentence(tok).start and k - j < MAX_NAME_WORDS and is_cap(doc[j - 1]) and doc[j - 1].text[0] != "@":
        j -= 1
    return j, k, True


def _speaker(doc, tok, in_headline: bool) -> tuple[int, int, bool] | None:
    """The subject of a reporting verb ("Mubanga said"), or a name with a person noun in apposition
    ("Otis Ferry, a former Eton pupil", "an expert, X")."""
    proper = tok.tag_ == "NNP" or glued(doc, tok.i) and tok.i >= 2 and doc[tok.i - 2].tag_ == "NNP"  # "Young-shik"
    if not proper or in_headline or tok.dep_ in ("compound", "flat"):
        return None
    left = tok.i
    while left > sentence(tok).start and doc[left - 1].dep_ in ("compound", "flat") and doc[left - 1].head == tok:
        left -= 1
    if on(PERSON_IN_APPOSITION) and (
            any(c.dep_ == "appos" and c.lemma_.lower() in WORDS["person_nouns"] for c in tok.children) or (
            tok.dep_ == "appos" and tok.head.lemma_.lower() in WORDS["person_nouns"])):
        return left, tok.i + 1, True
    if on(SPEAKER_SUBJECT) and tok.dep_ == "nsubj" and tok.head.lemma_ in WORDS["speech_verbs"] and tok.i > left:
        return left, tok.i + 1, False
    return None


# ----------------------------------------------------------------------------- later mentions


def recover_repeats(doc, spans: list[Span], headline_end: int) -> list[Span]:
    """Later mentions the model missed, found from the article's other mentions: an untagged exact
    repeat of a multi-word name ("Libyan National Army"), and a bare surname of the one person named
    in full ("Khalifa Haftar" ... "Haftar later left"). Not inside another span, not run into other
    capitalised words, a surname not sentence-initial unless tagged a proper noun."""
    covered = {i for s in spans for i in range(s.start, s.end)}
    found: list[Span] = []

    def free(start: int, end: int) -> bool:
        return doc[start].idx >= headline_end and not any(i in covered for i in range(start, end)) and not (
            start > 0 and is_cap(doc[start - 1]) and not doc[start - 1].is_sent_start
            or end < len(doc) and is_cap(doc[end]) or glued(doc, start) or end < len(doc) and glued(doc, end)
            and not doc[end].is_punct)

    def add(start: int, end: int, label: str) -> None:
        found.append(Span(start, end, label))
        covered.update(range(start, end))

    # exact repeats of multi-word names, and of acronyms (one capitalised word alone is ambiguous)
    names: dict[tuple[str, ...], tuple[str, int]] = {}
    for s in sorted(spans, key=lambda s: s.start) if on(REPEATED_NAMES) else ():
        start = s.start + (doc[s.start].tag_ == "DT")
        if (s.end - start >= 2 or s.end - start == 1 and is_acronym(doc[start].text)) and name_tokens_ok(doc, start, s.end) and is_cap(doc[start]) and is_cap(doc[s.end - 1]):
            names.setdefault(tuple(t.text for t in doc[start:s.end]), (s.label, start))
    texts = [t.text for t in doc]
    at: dict[str, list[int]] = {}  # where each word occurs: a scan of the doc per name was quadratic
    for i, text in enumerate(texts):
        at.setdefault(text, []).append(i)
    for words, (label, first) in names.items():
        n = len(words)
        for k in at.get(words[0], ()):
            if first + n <= k <= len(doc) - n and tuple(texts[k:k + n]) == words and free(k, k + n):
                add(k, k + n, label)

    # bare surnames of the one person named in full
    persons: dict[str, set[str]] = {}
    first_at: dict[str, int] = {}
    for s in spans if on(REPEATED_SURNAME) else ():
        if s.label != "PERSON":
            continue
        words = [t for t in doc[s.start:s.end] if is_cap(t) and bare(t.text) not in TITLE_WORDS]
        if len(words) >= 2 and words[-1].is_alpha:
            persons.setdefault(words[-1].text, set()).add(" ".join(t.text for t in words))
            first_at[words[-1].text] = min(first_at.get(words[-1].text, len(doc)), s.end)
    for tok in doc[min(first_at.values(), default=len(doc)):]:
        if len(persons.get(tok.text, ())) == 1 and tok.i >= first_at[tok.text] and tok.ent_type_ == "" and free(
                tok.i, tok.i + 1) and (not tok.is_sent_start or tok.pos_ == "PROPN"):
            add(tok.i, tok.i + 1, "PERSON")
    return found
