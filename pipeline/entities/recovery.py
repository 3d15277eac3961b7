"""Names the model missed or mistyped, found by general cues in the article body.

`recover_spans` edits the span list in place: a proper-noun chain ending in an organisation word,
a country's name, an untagged name listed with names of one type, a gazetteer place after a
locative preposition. `recover_persons` then adds people: capitalised words after a title, and the
multi-word subject of a speech verb. The headline is left alone (in Title Case every word looks like
a name), except that an honorific or a ruler's title still introduces a person there.
"""

from __future__ import annotations

import re

from ..document.columns import children, columns
from ..document.doccache import doc_text, sentence_start, span_text
from ..rules import on, rule
from .places import country_code, in_places
from .spans import Span, name_tokens_ok, overlapping, replace
from .words import (
    ENTITY_TYPES,
    HONORIFICS,
    NUMBERS,
    ROLES,
    RULERS,
    TITLE_HEADS,
    TITLE_WORDS,
    UNTYPED,
    WORDS,
    bare,
    cap,
    capitals,
    glued,
    glued_at,
    is_acronym,
    is_cap,
)

ORGANISATION_CHAIN = rule("entities.organisation_chain",
                          "a proper-noun chain ending in an organisation word is an ORG: 'Tallinn Chess Society'")
PLACE_CHAIN = rule("entities.place_chain",
                   "a proper-noun chain ending in a building, way or landform word is a FAC or LOC: 'Varna "
                   "Stadium', 'Tarvo Lagoon'")
COUNTRY_NAMES = rule("entities.country_names", "a country's name is a GPE also where the model split or mistyped it")
PERSON_IN_APPOSITION = rule("entities.person_in_apposition",
                            "a multi-word name in apposition with a person noun is a person: 'the mayor, Jonas Berg,'")
LISTED_NAMES = rule("entities.listed_names",
                    "an untagged name listed with names of one type has that type: 'Oxfam, Care and Plan Norge'")
PLACE_AFTER_PREPOSITION = rule("entities.place_after_preposition",
                               "a gazetteer place after a locative preposition is a GPE: 'flew to Kisumu'")
PERSON_AFTER_TITLE = rule("entities.person_after_title", "capitalised words after a title name a person: 'Dr Ilse Brandt'")
DATELINES = rule("entities.datelines",
                  "the upper-case words opening a line before a date, an agency or a comma name the dateline's "
                  "place: 'LIMA 2001-05-02', 'OSLO (Reuters) -'")
SCORE_LINES = rule("entities.score_lines",
                   "the names in a line of sports results or standings are teams (ORG): 'Tartu 2 Narva 1', "
                   "'Tartu 10 7 2 1 20 8 23'")
HANDLE_SPEAKERS = rule("entities.handle_speakers",
                        "an account that posts is a PERSON named by its handle: '@ritao: ...' opening a line, "
                        "'@ritao posted', 'replied to @ritao' (gold rule for handles)")
PLATFORM_NAMES = rule("entities.platform_names",
                      "a well-known platform or news agency the model missed is an ORG: 'shared on Telegram'")
PLATFORM_IN_HEADLINE = rule("entities.platform_in_headline",
                             "a platform or agency in a headline written in sentence case is named too (in a Title "
                             "Case headline, a word such as 'Messenger' may be a common noun): 'Reuters interviews a "
                             "judge'")
PEOPLE_PLURALS = rule("entities.people_plurals",
                       "a capitalised plural the model left untagged is a people when it tags the singular a NORP "
                       "elsewhere in the article: 'Varnese' tagged, 'Varnese food ... many Varneses came'")
PERSON_NOUN_BEFORE = rule("entities.person_noun_before",
                          "a proper noun right after a lower-case person noun it heads is a person: 'the composer "
                          "Varga', 'illustrator Ode Lind'")
BORN_PERSON = rule("entities.born_person",
                   "a proper noun followed by '(born' or '(b.', or the subject of 'was born', is a person: 'Ada "
                   "Lind (born 4 May 1970)', 'Varga was born in Pécs'")
RELABEL_IS_EVIDENCE = rule("entities.relabel_is_evidence",
                           "a person cue that relabels the model's span (a title, a birth, a speech verb) is person "
                           "evidence for the whole cluster, as for a span it adds: 'Paris was born in Tarvo'")
UNTYPED_CHAINS = rule("entities.untyped_chains",
                      "a proper-noun chain of two words or more the model left untagged is a name, kept where the "
                      "typing step finds evidence of its type: 'Ulvik Brandt' (a given name), 'Grande Vigie' (listed "
                      "with places)")
ORGANISER_ACRONYM = rule("entities.organiser_acronym",
                         "an untagged acronym written before an event's name is the body that runs it, an ORG: "
                         "'the 2030 FIFA World Cup', 'the ICC cricket World Cup'")
CAPITALISED_THE = rule("entities.capitalised_the",
                       "proper nouns after a capitalised 'The' inside a sentence, left untagged, name a title: a "
                       "publication, band or body (ORG): 'a writer for The Kestrel', 'blogs such as The Tarvo Citizen'")
SPEAKER_SUBJECT = rule("entities.speaker_subject",
                       "a multi-word proper noun subject of a speech verb is a person: 'Pilar Soto said'")

MAX_NAME_WORDS = int(NUMBERS["max_name_words"])
MAX_PLACE_WORDS = int(NUMBERS["max_place_words"])
MAX_COUNTRY_WORDS = int(NUMBERS["max_country_words"])
_SCORE = re.compile(r"^\d+[-:]\d+$")  # "2-1", "3:0"
_LINE = re.compile(r"[^\n]+")
_CAPS_LINE = re.compile(r"(?m)^[ \t]*[A-Z]{2,}\b")
_NUMBER = re.compile(r"(?<![\w.])\d+(?:[-:]\d+)?(?![\w.])")
_LOWER_WORD = re.compile(r"\b[a-z][a-z]+\b")
_HANDLE = re.compile(r"^@\w{2,}$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$|^\d{1,2}/\d{1,2}/\d{2,4}$")


def recover_spans(doc, spans: list[Span], headline_end: int) -> None:
    """Add or fix spans by the cues above, in this order (later cues see earlier results)."""
    if on(DATELINES):
        _datelines(doc, spans)
    if on(SCORE_LINES):
        _score_lines(doc, spans)
    if on(HANDLE_SPEAKERS):
        _handles(doc, spans)
    if on(PLATFORM_NAMES):
        _platforms(doc, spans, headline_end)
    if on(ORGANISER_ACRONYM):
        _organiser_acronyms(doc, spans)
    if on(CAPITALISED_THE):
        _capitalised_the(doc, spans, headline_end)
    if on(PEOPLE_PLURALS):
        _people_plurals(doc, spans)
    chains = _proper_chains(doc, headline_end)
    if on(ORGANISATION_CHAIN):
        _organisation_chains(doc, spans, chains)
    if on(COUNTRY_NAMES):
        _country_names(doc, spans, headline_end)
    if on(LISTED_NAMES):
        _listed_names(doc, spans, chains)
    if on(PLACE_AFTER_PREPOSITION):
        _places_after_prepositions(doc, spans, headline_end)


# ----------------------------------------------------------------------------- datelines


def _line_start(doc, i: int) -> bool:
    return i == 0 or "\n" in doc[i - 1].text or "\n" in doc[i - 1].whitespace_


def _dateline_ends(doc, j: int) -> bool:
    """What follows a dateline's place: a date ("1996-08-30", "May 2"), an agency in parentheses
    ("(Reuters)"), or a comma and a word in Title Case (its region or country: "HARAR, Ethiopia";
    not "NOW, THEREFORE")."""
    if j >= len(doc):
        return False
    tok = doc[j]
    if _DATE.match(tok.text) or tok.ent_type_ == "DATE":
        return True
    if tok.text == "(" and j + 2 < len(doc) and is_cap(doc[j + 1]) and doc[j + 2].text == ")":
        return True
    return tok.text == "," and j + 1 < len(doc) and is_cap(doc[j + 1]) and not doc[j + 1].is_upper


def _datelines(doc, spans: list[Span]) -> None:
    """"NAIROBI 1996-08-30", "LIMA (Reuters) -": a wire story opens with its place in capitals, which
    the model, reading the capitals, often takes for an organisation."""
    for found in _CAPS_LINE.finditer(doc_text(doc)):
        tok = doc.char_span(found.start(), found.end(), alignment_mode="expand")
        tok = tok[0] if tok is not None and len(tok) else None
        if tok is None or not (tok.is_upper and tok.is_alpha and len(tok) > 1 and not tok.is_stop and _line_start(
                doc, tok.i)):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i < MAX_PLACE_WORDS and (
                doc[end].is_upper and doc[end].is_alpha or doc[end].text == "-" and glued(doc, end)):
            end += 1
        if doc[end - 1].text != "-" and _dateline_ends(doc, end):
            for hit in [s for s in spans if s.start < end and tok.i < s.end]:
                spans.remove(hit)
            spans.append(Span(tok.i, end, "GPE", dateline=True))


# ----------------------------------------------------------------------------- results tables


def _score_line_ranges(doc):
    """Token ranges of the lines with two numbers or more and no lower-case word (but name particles),
    found on the text (one regular-expression pass), not token by token."""
    for line in _LINE.finditer(doc_text(doc)):
        text = line.group()
        if len(_NUMBER.findall(text)) < 2 or any(w not in WORDS["name_particles"] for w in _LOWER_WORD.findall(text)):
            continue
        span = doc.char_span(line.start(), line.end(), alignment_mode="expand")
        if span is not None and sum(t.ent_type_ not in ("DATE", "TIME") for t in span if t.like_num) >= 2 and not any(
                t.ent_type_ in ("DATE", "TIME") and not t.like_num for t in span):
            yield span.start, span.end


def _score_lines(doc, spans: list[Span]) -> None:
    """A line of names and numbers only, with two numbers or more and a name before a number ("Tartu
    2 Narva 1", "Tartu 10 7 2 1 20 8 23"), is a line of results: its names are teams. A date
    ("May 2 2019") is no name."""
    for start, end in _score_line_ranges(doc):
        tokens = [t for t in doc[start:end] if not t.is_space]
        if not tokens or not is_cap(tokens[0]):
            continue
        chunks, i = [], start
        while i < end:
            if is_cap(doc[i]) and not doc[i].like_num and doc[i].ent_type_ not in ("DATE", "TIME"):
                j = i + 1
                while j < end and (is_cap(doc[j]) or doc[j].lower_ in WORDS["name_particles"] or glued(doc, j)
                                   and not doc[j].like_num and doc[j].text != "("):
                    j += 1
                chunks.append((i, j))
                i = j
            else:
                i += 1
        if not any(j < end and doc[j].like_num for _, j in chunks):
            continue  # no name is followed by a score
        for i, j in chunks:
            for hit in [s for s in spans if s.start < j and i < s.end]:
                spans.remove(hit)
            # a national side keeps its country's name and type ("Japan 2 Syria 1")
            spans.append(Span(i, j, "GPE") if country_code(doc[i:j].text) else Span(i, j, "ORG", team=True))


# ----------------------------------------------------------------------------- accounts and platforms


def _handles(doc, spans: list[Span]) -> None:
    """"@ritao: the road is shut" (a post quoted on a line of its own), "@ritao posted ...", "replied to
    @ritao": an account quoted or posting, a PERSON named by its handle. Handles merely tagged stay
    out. A handle in parentheses after a name ("Rita Ojo (@rita_o)") is that person's or body's: it
    joins that entity, with each post it signs."""
    if "@" not in doc_text(doc):
        return
    for i, word in enumerate(columns(doc).text):
        if word[:1] != "@" or not _HANDLE.match(word) or overlapping(spans, i, i + 1):
            continue
        tok = doc[i]
        if tok.i > 1 and doc[tok.i - 1].text == "(" and (owner := overlapping(spans, tok.i - 2, tok.i - 1)):
            spans.append(Span(tok.i, tok.i + 1, "PERSON", person=True, owner=owner.start))
            continue
        opens_post = _line_start(doc, tok.i) and tok.i + 1 < len(doc) and doc[tok.i + 1].text == ":"
        near = [doc[k] for k in (tok.i - 2, tok.i - 1, tok.i + 1) if 0 <= k < len(doc)]
        posts = any(t.lemma_.lower() in WORDS["posting_verbs"] and t.pos_ in ("VERB", "AUX") for t in near)
        if opens_post or posts:
            spans.append(Span(tok.i, tok.i + 1, "PERSON", person=True))


def _platforms(doc, spans: list[Span], headline_end: int) -> None:
    """"shared on Telegram", "a Reuters report": platforms and agencies, capitalised, in the body, or
    in a headline written in sentence case."""
    cols, platforms = columns(doc), WORDS["platforms"]
    start = 0 if on(PLATFORM_IN_HEADLINE) and _sentence_case(cols, headline_end) else headline_end
    for i, lower in enumerate(cols.lower):
        if lower in platforms and cols.idx[i] >= start and cap(cols.text[i]) and not overlapping(spans, i, i + 1):
            spans.append(Span(i, i + 1, "ORG"))


def _capitalised_the(doc, spans: list[Span], headline_end: int) -> None:
    """"writer for The Kestrel": a "The" that keeps its capital after a lower-case word or a comma
    starts a title. Only proper nouns follow it ("for The Old Lady Who Sang" is a clause), and only
    in the body (a Title Case headline capitalises every "The")."""
    cols = columns(doc)
    for i in range(1, len(cols.text) - 1):
        if cols.text[i] != "The" or cols.idx[i] < headline_end or not (cols.is_lower[i - 1] or cols.text[i - 1] == ","):
            continue
        end = i + 1
        while end < len(cols.text) and end - i <= MAX_NAME_WORDS and cap(cols.text[end]) and not doc[end].is_sent_start:
            end += 1
        if end > i + 1 and all(cols.tag[k] in ("NNP", "NNPS") for k in range(i + 1, end)) and (
                end == len(cols.text) or not cap(cols.text[end])) and not overlapping(spans, i + 1, end) and not any(
                cols.ent_type[k] for k in range(i + 1, end)):
            spans.append(Span(i + 1, end, "ORG"))


def _sentence_case(cols, headline_end: int) -> bool:
    """The headline writes a verb, noun, adjective or adverb after its first word in lower case
    (a Title Case headline capitalises them all)."""
    for i in range(1, len(cols.idx)):
        if cols.idx[i] >= headline_end:
            return False
        if cols.is_lower[i] and cols.pos[i] in ("VERB", "NOUN", "ADJ", "ADV"):
            return True
    return False


def _people_plurals(doc, spans: list[Span]) -> None:
    """"Thai" tagged NORP, "Thais" untagged: the plural of a people's name is the people."""
    cols = columns(doc)
    peoples = {cols.lower[s.start] for s in spans if s.label == "NORP" and s.end - s.start == 1}
    for i, lower in enumerate(cols.lower):
        if lower[-1:] == "s" and lower[:-1] in peoples and cap(cols.text[i]) and not cols.ent_type[i] and not overlapping(
                spans, i, i + 1):
            spans.append(Span(i, i + 1, "NORP"))


def _organiser_acronyms(doc, spans: list[Span]) -> None:
    """"the 2030 FIFA World Cup", "the [ICC] cricket World Cup": the model takes the event's name and
    leaves out the acronym of its organiser before it (past a bracket or one lower-case word)."""
    for span in [s for s in spans if s.label == "EVENT"]:
        i = span.start - 1
        if i >= 0 and doc[i].text in ")]":
            i -= 1
        if i >= 0 and doc[i].is_lower and doc[i].is_alpha and not doc[i].is_stop:
            i -= 1
        if i >= 0 and is_acronym(doc[i].text) and doc[i].is_alpha and not country_code(doc[i].text) and not overlapping(
                spans, i, i + 1):
            spans.append(Span(i, i + 1, "ORG"))


# ----------------------------------------------------------------------------- proper-noun chains


_CHAINS = "newsbeam_proper_chains"


def _proper(cols, k: int) -> bool:
    return k < len(cols.tag) and cols.tag[k] in ("NNP", "NNPS") and cap(cols.text[k])


def _chain_goes_on(cols, i: int, j: int) -> bool:
    """Token j continues the proper-noun chain that starts at token i (read from the Doc's columns)."""
    if _proper(cols, j):
        return True
    text = cols.text
    if glued_at(cols, j) and (text[j] == "-" and j + 1 < len(text) and glued_at(cols, j + 1) and cap(text[j + 1])
                              or text[j - 1] == "-" and cap(text[j])):
        return True  # "Lee Soo-min"
    return cols.tag[j] == "POS" and j == i + 1 and cols.ent_type[i] == "" and not country_code(text[i]) \
        and _proper(cols, j + 1)  # "Parkinson's Foundation"


def _proper_chains(doc, headline_end: int) -> list[tuple[int, int]]:
    """Runs of capitalised proper nouns in the body; an inner "'s" only after one untagged word
    ("Parkinson's Foundation"), glued hyphen parts kept ("Soo-min"). Kept in `doc.user_data`: two
    recovery steps read them."""
    cached = doc.user_data.get(_CHAINS)
    if cached is not None and cached[0] == headline_end:
        return cached[1]
    chains, i, cols = [], 0, columns(doc)
    while i < len(cols.text):
        if cols.idx[i] < headline_end or not _proper(cols, i):
            i += 1
            continue
        j = i + 1
        while j < len(cols.text) and _chain_goes_on(cols, i, j):
            j += 1
        chains.append((i, j))
        i = j
    doc.user_data[_CHAINS] = (headline_end, chains)
    return chains


def untyped_chains(doc, spans: list[Span], headline_end: int) -> list[Span]:
    """"Ulvik Brandt", "Grande Vigie": proper-noun chains of two words or more in the body that no
    model span or cue covers, as spans with no label. The typing step gives them a type only on
    evidence (a given name, a head word, the gazetteer, their neighbours); the rest are dropped."""
    if not on(UNTYPED_CHAINS):
        return []
    found = []
    for start, end in _proper_chains(doc, headline_end):
        if end - start > 1 and not overlapping(spans, start, end) and not all(
                bare(t.text) in TITLE_WORDS for t in doc[start:end]):
            found.append(Span(start, end, UNTYPED))
    return found


def _organisation_chains(doc, spans: list[Span], chains: list[tuple[int, int]]) -> None:
    """"Baltic Ferry Operators Forum": an organisation's name ends in its kind; with PLACE_CHAIN,
    "Varna Stadium" a facility's and "Tarvo Lagoon" a landform's."""
    for start, end in chains:
        if end - start < 2:
            continue
        last = bare(doc[end - 1].text)
        if last in WORDS["org_words"]:
            replace(spans, start, end, "ORG")
        elif on(PLACE_CHAIN) and (kind := "FAC" if last in WORDS["fac_heads"] else "LOC" if last in WORDS[
                "loc_heads"] else None):
            replace(spans, start, end, kind, override_person=False)


def _listed_names(doc, spans: list[Span], chains: list[tuple[int, int]]) -> None:
    """"Oxfam, Care and Plan Norge": an untagged name listed with names of one type (most of them)."""
    label_at = {i: s.label for s in spans for i in range(s.start, s.end)}
    for start, end in chains:
        if overlapping(spans, start, end) or all(bare(t.text) in TITLE_WORDS for t in doc[start:end]) or any(
                t.ent_type_ for t in doc[start:end]):  # "until May 2019": a date, not a name
            continue
        head = next((t for t in doc[start:end] if not start <= t.head.i < end or t.head == t), doc[end - 1])
        listed = [label_at[t.i] for t in head.conjuncts if t.i in label_at]
        kind = max(dict.fromkeys(listed), key=listed.count) if listed else None
        if kind in ("PERSON", "ORG", "NORP") and listed.count(kind) * 2 > len(listed) and not doc[start].is_sent_start:
            spans.append(Span(start, end, kind))


def _country_names(doc, spans: list[Span], headline_end: int) -> None:
    """A country's name, also where the model split or mistyped it ("Sierra" PERSON + "Leone")."""
    cols, caps, kinds = columns(doc), capitals(doc), ("", *ENTITY_TYPES)
    n = len(caps)
    for i in range(n):
        if not caps[i] or cols.idx[i] < headline_end or cols.ent_type[i] not in kinds:
            continue
        for size in range(MAX_COUNTRY_WORDS, 0, -1):
            if i + size <= n and caps[i + size - 1] and country_code(span_text(doc, i, i + size)):
                if size > 1 or not overlapping(spans, i, i + 1):
                    replace(spans, i, i + size, "GPE", override_person=size > 1)
                break


def _places_after_prepositions(doc, spans: list[Span], headline_end: int) -> None:
    """"flew to Kisumu": a gazetteer place after a locative preposition, whatever the tagger made of it."""
    cols, preps = columns(doc), WORDS["locative_preps"]
    caps, ents, n = capitals(doc), cols.ent_type, len(cols.text)
    for i in range(1, n):
        if cols.lower[i - 1] in preps and caps[i] and cols.idx[i] >= headline_end and not ents[i]:
            end = i + 1
            while end < n and end - i < MAX_PLACE_WORDS and caps[end] and not ents[end]:
                end += 1
            if not overlapping(spans, i, end) and in_places(span_text(doc, i, end)):
                spans.append(Span(i, end, "GPE"))


# ----------------------------------------------------------------------------- people


def recover_persons(doc, spans: list[Span], headline_end: int) -> list[Span]:
    """People the model missed or mistyped: after a title, as subject of a speech verb. New spans
    are returned; after an honorific a span already there may be relabelled PERSON in place.
    The cues read the Doc's columns (pipeline.document.columns): no Token is made per word."""
    found: list[Span] = []
    cols, caps = columns(doc), capitals(doc)
    for i, word in enumerate(cols.text):
        # only a title word or a proper noun can start a cue
        if not (cols.tag[i] == "NNP" or caps[i] and bare(word) in TITLE_HEADS
                or glued_at(cols, i) and i >= 2 and cols.tag[i - 2] == "NNP"):
            continue
        in_headline = cols.idx[i] < headline_end
        for cue in (on(PERSON_AFTER_TITLE) and _after_title(cols, i, in_headline),
                    on(SPEAKER_SUBJECT) and not in_headline and _speaker(doc, cols, i),
                    on(PERSON_NOUN_BEFORE) and not in_headline and _after_person_noun(cols, i),
                    on(BORN_PERSON) and not in_headline and _born(cols, i)):
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
        # the cue is evidence for the whole name, as for a span it adds ("Lind was born in Tarvo")
        hit.person = hit.person or on(RELABEL_IS_EVIDENCE)


def _after_title(cols, i: int, in_headline: bool) -> tuple[int, int, bool] | None:
    """"Governor Ana Lima", "Ms Okafor", "Dr. J K Rao" (in a Title Case headline only honorifics and
    rulers count: there a role word may head any phrase)."""
    text, n = cols.text, len(cols.text)
    word = bare(text[i])
    if not (cap(text[i]) and (word in HONORIFICS or word in RULERS or word in ROLES and not in_headline)):
        return None
    j = i + 1
    while j < n and text[j] == ".":
        j += 1
    k = j
    while k < n and k - j < MAX_NAME_WORDS and (
            cap(text[k]) and bare(text[k]) not in TITLE_WORDS and cols.tag[k] == "NNP"
            or k > j and glued_at(cols, k) and not cols.is_punct[k]):
        k += 1
    return (i, k, word in HONORIFICS) if k > j else None


def _after_person_noun(cols, i: int) -> tuple[int, int, bool] | None:
    """"the composer Varga", "illustrator Ode Lind": a lower-case person noun compounded onto the
    proper noun right after it, which ends the name (the name's head)."""
    tag, dep = cols.tag, cols.dep
    if i == 0 or tag[i] != "NNP" or not cap(cols.text[i]) or dep[i] in ("compound", "flat"):
        return None
    left = i
    while left > 0 and tag[left - 1] == "NNP" and dep[left - 1] in ("compound", "flat") and cap(cols.text[left - 1]):
        left -= 1
    noun = left - 1 if left > 0 else None
    if noun is None or not cols.is_lower[noun] or cols.lemma[noun] not in WORDS["person_nouns"] or \
            cols.head[noun] != i or dep[noun] not in ("compound", "nmod", "amod"):
        return None
    return left, i + 1, True


def _born(cols, i: int) -> tuple[int, int, bool] | None:
    """"Ada Maria Lind (born 4 May 1970)", "Lind (b. 1970)", "Varga was born in Pécs": the proper
    noun (with the words compounded onto it) a birth is told of."""
    dep = cols.dep
    if cols.tag[i] != "NNP" or not cap(cols.text[i]) or dep[i] in ("compound", "flat"):
        return None
    told = i + 3 <= len(cols.text) and cols.text[i + 1] == "(" and cols.lower[i + 2] in WORDS["birth_words"] or \
        dep[i] == "nsubjpass" and cols.lower[cols.head[i]] == "born"
    if not told:
        return None
    left = i
    while left > 0 and dep[left - 1] in ("compound", "flat") and cols.head[left - 1] == i and cap(cols.text[left - 1]):
        left -= 1
    return left, i + 1, True


def _speaker(doc, cols, i: int) -> tuple[int, int, bool] | None:
    """The head of a multi-word proper noun in apposition with a person noun ("the mayor, Jonas
    Berg,"), or the subject of a speech verb ("Pilar Soto said", "Lee Soo-min told reporters")."""
    tag, dep, head, lemma = cols.tag, cols.dep, cols.head, cols.lemma
    proper = tag[i] == "NNP" or glued_at(cols, i) and i >= 2 and tag[i - 2] == "NNP"  # "Soo-min"
    if not proper:
        return None
    left, first = i, sentence_start(doc, i)
    while left > first and dep[left - 1] in ("compound", "flat") and head[left - 1] == i:
        left -= 1
    if i > left and on(PERSON_IN_APPOSITION) and (
            any(dep[c] == "appos" and lemma[c].lower() in WORDS["person_nouns"] for c in children(doc).get(i, ()))
            or dep[i] == "appos" and lemma[head[i]].lower() in WORDS["person_nouns"]):
        return left, i + 1, True
    if dep[i] != "nsubj" or lemma[head[i]] not in WORDS["speech_verbs"]:
        return None
    return (left, i + 1, False) if i > left else None
