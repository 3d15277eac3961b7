"""What is not an entity, or not all of one: the spans and clusters `extract_entities` drops.

Mention level: handles, hashtag slogans, formulas, "MPs", a sentence-initial verb, "a Writ
Petition" (a kind of thing), "State" of "Secretary of State"; coordinations that hold two names
("North and South Korea"); headline spans that run into other Title Case words. Cluster level: bare titles, "QC" after a name, "the Bill",
a family ("the Smiths"), a capitalised word the article also writes in lower case.
"""

from __future__ import annotations

import re

from .mentions import NameMention
from .places import country_code
from .titles import in_title_of, is_bare_title
from .types import cluster_label, fullest, is_person
from .words import HONORIFICS, ROLES, bare, is_acronym, name_key

_CAMEL = re.compile(r"[a-z][A-Z]")


def is_no_name(m: NameMention, doc, text: str) -> bool:
    """Spans that are no name: lone handles, hashtag slogans, formulas, "the Bill", "MPs"."""
    if m.name.startswith("@") or re.search(r"[=<>{}|\\]", m.name) or not re.search(r"[A-Za-z]", m.name):
        return True
    if text[max(0, m.start - 1):m.start] == "#" and _CAMEL.search(m.name):
        return True  # "#NoDrones", "#newSUDANS": a campaign's hashtag
    if re.fullmatch(r"[A-Z]{2,}s", m.name):
        return True  # "MPs": a plural common noun
    if (span := doc.char_span(m.start, m.end)) is not None and len(span) == 1 and _capital_verb(span[0]):
        return True  # "Blogging from Lesotho": a verb at the start of a sentence
    tokens = doc.char_span(m.start, m.end, alignment_mode="expand")
    if tokens and m.label != "NORP" and _indefinite(tokens):
        return True  # "A Public Interest Litigation (PIL) was filed": a kind of thing ("a Nuba" is a people's member)
    return bool(tokens) and in_title_of(doc, tokens)  # "State" in "Secretary of State" belongs to a title


def _capital_verb(token) -> bool:
    """A word the tagger reads as a verb form (any VB* tag: by context and morphology, not by a
    word list) whose capital its place at the start of a sentence explains. Mid-sentence a capital
    outweighs the tag: the small tagger calls names such as "Reading" or "Fleming" VBG at times."""
    return token.tag_.startswith("VB") and token.is_sent_start


def _indefinite(tokens) -> bool:
    """The name heads a phrase with "a"/"an", itself or as the acronym in apposition to one."""
    head = tokens.root
    if head.dep_ == "appos" and is_acronym(tokens.text) and head.head.tag_ == "NNP":
        head = head.head
    return any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in head.children)


def drop_coordinations(mentions: list[NameMention]) -> list[NameMention]:
    """"North and South Korea", "South Sudan & Sudan": two entities in one span, both named elsewhere."""
    keys = {m.key for m in mentions}
    kept = []
    for m in mentions:
        parts = re.split(r"\s+(?:and|&)\s+", m.name)
        if len(parts) == 2 and not country_code(m.name) and any(
                name_key(p) in keys or country_code(p) for p in (parts[1], parts[0] + " " + parts[1].split()[-1])):
            continue
        kept.append(m)
    return kept


def fit_headline(mentions: list[NameMention]) -> list[NameMention]:
    """Headline spans in Title Case run into other words ("Call to Libyan National Army Leader"):
    keep the part the body names, and drop a long span that the body does not name at all."""
    body = {m.key for m in mentions if not m.headline}
    kept = []
    for m in mentions:
        words = m.name.split()
        if not m.headline or m.key in body:
            kept.append(m)
            continue
        # the longest run of words at either end that the body names
        part = next((" ".join(words[b:b + size]) for size in range(len(words) - 1, 0, -1)
                     for b in (0, len(words) - size) if name_key(" ".join(words[b:b + size])) in body), None)
        if part:
            start = m.start + m.text.find(part)
            m.start, m.end, m.text, m.name, m.title = start, start + len(part), part, part, None
            kept.append(m)
        elif len(words) < 4 and not any(w.islower() for w in words):
            kept.append(m)
    return kept


def person_surnames(clusters: list[list[NameMention]], person_singles: set[str]) -> set[str]:
    """Last words of the people named in full, for `not_an_entity`'s family rule."""
    surnames = set()
    for members in clusters:
        best = fullest(members)
        if is_person(members, person_singles) and len(best.words) > 1:
            surnames.add(best.words[-1])
    return surnames


def _family_plural(key: str, surnames: set[str]) -> bool:
    """"smiths", "joneses": the English plural of a surname of someone named in full. Written with
    "the" (the caller checks): "Adams said" may be a person of its own beside an "Anna Adam"."""
    return key.endswith("s") and key[:-1] in surnames or key.endswith("es") and key[:-2] in surnames


def not_an_entity(members: list[NameMention], person_singles: set[str], surnames: set[str],
                  common_words: set[str]) -> bool:
    """A cluster that names nobody and nothing in particular. `common_words`: the article's lower-case words."""
    best = fullest(members)
    words = best.name.split()
    if is_bare_title(best.name, cluster_label(members)):
        return True  # "Crown Prince"
    if best.name.isupper() and bare(best.name) in ROLES | HONORIFICS:
        return True  # "QC", "MP" after a name
    if len(words) == 1 and cluster_label(members) == "PERSON" and not is_person(members, person_singles) and sum(
            m.det_before for m in members) * 2 > len(members):
        return True  # "the Bill": a thing the model took for a person
    if len(best.words) == 1 and any(m.det_before for m in members) and _family_plural(best.key, surnames):
        return True  # "the Smiths": a family, not an entity of its own
    # "in War", "the State": a word the article also writes in lower case, named once
    return len(members) == 1 and len(best.words) == 1 and best.name[:1].isupper() and best.name[1:].islower() \
        and not best.person and not best.after_on and best.key in common_words
