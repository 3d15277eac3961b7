"""What is not an entity, or not all of one: the spans and clusters `extract_entities` drops.

Mention level: lone handles, hashtag slogans, formulas, a sentence-initial verb form, "a Land
Rover Defender" (a kind of thing), "Justice" of "Minister of Justice"; spans that hold two names
("East and West Timor"); headline spans that run into other Title Case words. Cluster level: bare
titles, a one-word "person" written with a determiner, a capitalised word the article also writes
in lower case. Each filter is a named rule.
"""

from __future__ import annotations

import re

from ..document.columns import children, columns
from ..rules import on, rule
from .mentions import NameMention
from .places import country_code, named_place
from .titles import in_title_of, is_bare_title
from .types import cluster_label, fullest, is_person
from .words import NUMBERS, WORDS, is_acronym, name_key

NO_HANDLES = rule("entities.no_handles",
                  "a lone handle ('@ritao') is an account, not a named entity row, unless it posts (recovery.py)")
NO_FORMULAS = rule("entities.no_formulas", "a span with no letter or with '=<>{}|' is no name: '3 + 4 = 7'")
NO_HASHTAG_SLOGANS = rule("entities.no_hashtag_slogans", "a camel-case hashtag is a slogan: '#SaveTheDunes'")
NO_CAPITAL_VERB = rule("entities.no_capital_verb",
                       "a one-word verb form at the start of a sentence is no name: 'Hiking in the hills ...'")
NO_COUNTED_CAPITALS = rule("entities.no_counted_capitals",
                           "capitals counted by a number are a unit or currency, not a body: '250 MXN', '43 RBIs', "
                           "'3000 BC'")
NO_COMMON_ACRONYM = rule("entities.no_common_acronym",
                         "an abbreviation of a kind of thing is no name: 'SMS', 'GDP', 'ICT' (resources list)")
NO_INDEFINITE = rule("entities.no_indefinite", "a name headed by 'a'/'an' is a kind of thing: 'a Land Rover Defender'")
NO_TITLE_PART = rule("entities.no_title_part", "'Justice' in 'Minister of Justice' belongs to a title, not an entity")
SPLIT_COORDINATION = rule("entities.split_coordination",
                          "'East and West Timor': a span holding two names named elsewhere is dropped")
FIT_HEADLINE = rule("entities.fit_headline",
                    "a headline span is cut to the end the body names: 'Strikes Hit Nordic Rail Board' -> the board")
HEADLINE_SHORT_NAME = rule("entities.headline_short_name",
                           "a headline name the body writes in full with more words is kept whole: 'Ada Lind' "
                           "beside 'Ada Maria Lind'")
NO_BARE_TITLE = rule("entities.no_bare_title", "title words alone name nobody: 'Deputy Governor', 'Minister'")
NO_DETERMINED_PERSON = rule("entities.no_determined_person",
                            "a one-word PERSON mostly written with a determiner is a thing: 'the Grand Prix'")
NO_LOWERCASE_WORD = rule("entities.no_lowercase_word",
                         "a capitalised word named once that the article also writes in lower case: 'in Autumn'")

NO_GENERIC_PLURAL = rule("entities.no_generic_plural",
                         "a capitalised plural named once whose singular the article writes in lower case is a "
                         "kind of thing: 'Volunteers' beside 'a volunteer'")
NO_COMMON_PHRASE = rule("entities.no_common_phrase",
                        "a Title Case phrase named once, every word of which the article also writes in lower "
                        "case, is a heading or a generic phrase: 'Dust Samples' beside 'the dust samples'")

# words that make a phrase a name of a body or a place, however common ("Defence Ministry", "Harbour Street")
_KIND_WORDS = WORDS["org_words"] | WORDS["fac_heads"] | WORDS["loc_heads"] | WORDS["place_nouns"] | WORDS[
    "region_suffixes"]
_CAMEL = re.compile(r"[a-z][A-Z]")
HEADLINE_MAX_UNNAMED_WORDS = int(NUMBERS["headline_max_unnamed_words"])


def is_no_name(m: NameMention, doc, text: str) -> bool:
    """Mentions that are no name: lone handles, hashtag slogans, formulas, verbs, kinds of things."""
    if on(NO_HANDLES) and m.name.startswith("@") and not m.person:
        return True
    if on(NO_FORMULAS) and (re.search(r"[=<>{}|\\]", m.name) or not re.search(r"[A-Za-z]", m.name)):
        return True
    if on(NO_HASHTAG_SLOGANS) and text[max(0, m.start - 1):m.start] == "#" and _CAMEL.search(m.name):
        return True  # "#SaveTheDunes", "#freeNORA": a campaign's hashtag
    if on(NO_COMMON_ACRONYM) and is_acronym(m.name) and m.name.replace(".", "").casefold() in WORDS[
            "common_noun_acronyms"]:
        return True  # "sent an SMS", "GDP grew": a kind of thing
    tokens = doc.char_span(m.start, m.end, alignment_mode="expand")
    # (the tokens cover the mention exactly where a strict `char_span` would find them)
    exact = tokens is not None and tokens.start_char == m.start and tokens.end_char == m.end
    if on(NO_CAPITAL_VERB) and m.name[:1] != "@" and exact and len(tokens) == 1 and _capital_verb(tokens[0]):
        return True  # "Hiking in the hills ...": a verb at the start of a sentence
    if on(NO_COUNTED_CAPITALS) and tokens and len(tokens) == 1 and _counted(tokens[0]):
        return True  # "250 MXN", "15:11 GMT": a unit, a currency, a time zone
    if on(NO_INDEFINITE) and tokens and m.label != "NORP" and _indefinite(tokens):
        return True  # "a Land Rover Defender": a kind of thing ("a Basque" is a people's member)
    return on(NO_TITLE_PART) and bool(tokens) and in_title_of(doc, tokens)


def _capital_verb(token) -> bool:
    """A word the tagger reads as a verb form (any VB* tag: by context and morphology, not by a
    word list) whose capital its place at the start of a sentence explains. Mid-sentence a capital
    outweighs the tag: the small tagger calls names such as "Reading" or "Fleming" VBG at times."""
    return token.tag_.startswith("VB") and token.is_sent_start


def _counted(token) -> bool:
    """A word in capitals (plural "s" aside) right after a number that counts it (not "a 2004 ICM
    survey": there the capitals modify a noun)."""
    word = token.text.removesuffix("s")
    if not (len(word) > 1 and word.isupper() and word.isalpha()) or token.i == 0 or token.dep_ == "compound":
        return False
    prev = token.doc[token.i - 1]
    return prev.like_num and (prev.head == token or prev.dep_ == "nummod") or any(
        c.dep_ == "nummod" and c.i == token.i - 1 for c in token.children)


def _indefinite(tokens) -> bool:
    """The name heads a phrase with "a"/"an", itself or as the acronym in apposition to one."""
    head = tokens.root
    if head.dep_ == "appos" and is_acronym(tokens.text) and head.head.tag_ == "NNP":
        head = head.head
    # Read from the columns: `Token.children` scans the head's whole subtree and makes a Token per child.
    cols, articles = columns(head.doc), WORDS["indefinite_articles"]
    return any(cols.dep[c] == "det" and cols.lower[c] in articles for c in children(head.doc).get(head.i, ()))


def drop_coordinations(mentions: list[NameMention]) -> list[NameMention]:
    """"East and West Timor", "Chad & Niger": two names in one span, each named elsewhere or a country."""
    if not on(SPLIT_COORDINATION):
        return mentions
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
    """Headline spans in Title Case run into other words ("Strikes Hit Nordic Rail Board"): keep the
    longest run at either end that the body names, and drop a long span the body does not name."""
    if not on(FIT_HEADLINE):
        return mentions
    body = {m.key for m in mentions if not m.headline}
    longer = [m.words for m in mentions if not m.headline and len(m.words) > 2] if on(HEADLINE_SHORT_NAME) else []
    kept = []
    for m in mentions:
        words = m.name.split()
        if not m.headline or m.key in body or len(m.words) > 1 and any(
                w[0] == m.words[0] and w[-1] == m.words[-1] and _in_order(m.words, w) for w in longer):
            kept.append(m)
            continue
        # the longest run of words at either end that the body names
        part = next((" ".join(words[b:b + size]) for size in range(len(words) - 1, 0, -1)
                     for b in (0, len(words) - size) if name_key(" ".join(words[b:b + size])) in body), None)
        if part:
            start = m.start + m.text.find(part)
            m.start, m.end, m.text, m.name, m.title = start, start + len(part), part, part, None
            kept.append(m)
        elif len(words) <= HEADLINE_MAX_UNNAMED_WORDS and not any(w.islower() for w in words):
            kept.append(m)
    return kept


def _in_order(short: list[str], long: list[str]) -> bool:
    rest = iter(long)
    return all(w in rest for w in short)


def not_an_entity(members: list[NameMention], common_words: set[str]) -> bool:
    """A cluster that names nobody and nothing in particular. `common_words`: the article's lower-case words."""
    best = fullest(members)
    words = best.name.split()
    if on(NO_BARE_TITLE) and is_bare_title(best.name, cluster_label(members)):
        return True  # "Deputy Governor"
    if on(NO_DETERMINED_PERSON) and len(words) == 1 and cluster_label(members) == "PERSON" and not is_person(
            members) and sum(m.det_before for m in members) * 2 > len(members):
        return True  # "the Regatta": a thing the model took for a person
    if len(members) == 1 and not best.person and not best.after_on and best.label != "NORP" and not named_place(best.name):
        if on(NO_GENERIC_PLURAL) and len(best.words) == 1 and best.key.endswith("s") and best.key[:-1] in common_words:
            return True  # "Volunteers" beside "a volunteer"
        if on(NO_COMMON_PHRASE) and len(best.words) > 1 and all(w in common_words for w in best.words) and not \
                best.given and not set(best.words) & _KIND_WORDS:
            return True  # "Dust Samples" beside "the dust samples were sealed"
    # "in Autumn", "the Harbour": a word the article also writes in lower case, named once
    return on(NO_LOWERCASE_WORD) and len(members) == 1 and len(best.words) == 1 and best.name[:1].isupper() and \
        best.name[1:].islower() and not best.person and not best.after_on and best.key in common_words
