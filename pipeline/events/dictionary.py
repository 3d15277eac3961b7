"""The field's dictionaries on a spaCy parse: CAMEO codes for verbs from PETRARCH2's CAMEO.2.0 verb
patterns, role codes for nouns from Phoenix's agents (both MIT, converted into pipeline/resources/
by convert_petrarch.py).

    match_verb(token) -> VerbMatch | None     the best pattern of the verb's block, else its default
    match_agent(token_or_span) -> AgentMatch | None   the longest role noun around a noun
    agent_code(text) -> str | None            the role code of a noun phrase given as text

A pattern is matched on lemma + particle + object + preposition: its pre-verb nouns against the
(logical) subject, its post-verb nouns against the object side (object, particles, prepositional
phrases, a complement clause's head and object; nested clauses cut out), each (PREP NOUN) against a
preposition under the verb or its object. The pattern with the most matched words wins; on a tie,
the one written for this verb, then the one whose words sit nearest, then the file's order.
Otherwise the verb's or block's default code. In the passive the subject side is the by-agent and
the object side the passive subject. Pure look-ups: the verb index is built once (about 0.03 s),
a block's patterns are compiled on first use, the parse is read from spaCy once per Doc.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from itertools import product
from typing import NamedTuple

from ..document.columns import children as doc_children
from ..resources import load
from ..rules import on, rule
from .columns import columns

OWN_CONJUNCTION = rule("events.verb_word_not_in_object", "a multi-word verb's 'and' is the verb's, not a coordinator inside its object: 'arrested X and Y' is no 'arrest and ...'")

# Dependents on the object side of a verb (their phrase), besides the object and prepositions.
POST_DEPS = {"dobj", "dative", "attr", "oprd", "acomp", "advmod", "npadvmod", "prt", "neg"}
# A complement clause counts by its head, its particles and its object ("announced it would
# withdraw", "agreed not to extend the deadline"), not by everything said inside it.
CLAUSE_DEPS = {"xcomp", "ccomp"}
CLAUSE_HEAD_DEPS = {"aux", "neg", "prt", "dobj", "attr", "nsubjpass"}
# Nested clauses and punctuation are cut out of a phrase: their words are another event's.
PRUNED_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "csubj", "parataxis", "punct"}
OBJECT_DEPS = ("dobj", "dative", "attr", "oprd")
# Left dependents that pre-verb words may name ("WILL NOT * ...").
PRE_DEPS = {"aux", "neg", "advmod", "npadvmod"}
PREP_DEPS = {"prep", "agent", "dative"}
# Clauses that share the subject of the verb they hang on ("agreed to send troops", "met and agreed").
SHARED_SUBJECT_DEPS = {"xcomp", "conj", "advcl"}
MARKERS = {"$", "+", "^", "%"}


# ------------------------------------------------------------------ results


@dataclass(frozen=True)
class VerbMatch:
    """A verb coded by the CAMEO.2.0 dictionary.

    code: full-depth CAMEO code ("173", "0331"); None only with match_verb(include_null=True), when
    the dictionary knows the verb or pattern but codes no event. passive: the verb is in the
    passive voice (or a passive participle on a noun). reverse: the event is seen from the other
    side, its target being the logical subject (a passive-only `[:code]` pattern such as "appeared
    before court"). reciprocal: the `b` of a `[a:b]` code, the event the other party performs
    ("visited" 042 -> "hosted" 043). source / target: the head tokens the dictionary's reading
    assigns (logical subject, object or marked preposition object), before coordination.
    borrowed: the pattern was written for another verb of the block (PETRARCH2 shares them).
    """

    code: str | None
    verb: object
    pattern: str
    block: str
    line: int | None = None
    particles: tuple = ()
    pre_noun: object = None
    post_noun: object = None
    prep: object = None
    prep_object: object = None
    passive: bool = False
    reverse: bool = False
    reciprocal: str | None = None
    source: object = None
    target: object = None
    borrowed: bool = False
    default: str | None = None  # the verb's own code when no pattern matches (its block's, or its own)

    @property
    def root(self) -> str | None:
        return self.code[:2] if self.code else None

    @property
    def is_default(self) -> bool:
        return self.line is None

    @property
    def tokens(self) -> tuple:
        """The matched tokens in text order: verb, particles, nouns, preposition and its noun."""
        found = {self.verb, *self.particles, self.pre_noun, self.post_noun, self.prep, self.prep_object}
        return tuple(sorted((t for t in found if t is not None), key=lambda t: t.i))


@dataclass(frozen=True)
class AgentMatch:
    """A role noun of the Phoenix agents dictionary: `code` is one or more three-letter role codes
    ("COP", "GOVMED"); `roles` splits them; `tokens` are the words matched."""

    code: str
    text: str
    tokens: tuple

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self.code[i : i + 3] for i in range(0, len(self.code), 3))


# ------------------------------------------------------------------ index


class Entry(NamedTuple):
    lemma: str
    block: str
    code: str | None
    passive: str | None
    before: tuple[str, ...]
    after: tuple[str, ...]
    order: int


class Pattern(NamedTuple):
    pre: tuple  # elements: tuple of alternatives, each a tuple of word sets (head last)
    post: tuple
    preps: tuple  # (prep word, elements, target/source marker or "")
    pre_preps: tuple
    code: str | None
    passive: str | None
    line: int
    weight: int
    text: str
    pre_marker: str  # "$" / "+" when the subject side is the source / target
    post_marker: str
    anchors: tuple  # (side, word) keys under which the pattern is indexed
    verb: str | None  # the verb it was written for (PETRARCH2 applies it to the whole block)


@cache
def _forms(w: str) -> frozenset[str]:
    """A dictionary word and its singular, so "SANCTIONS" matches the lemma "sanction"."""
    out = {w}
    if w.endswith("ies") and len(w) > 4:
        out.add(w[:-3] + "y")
    elif w.endswith(("ses", "xes", "ches", "shes")):
        out.add(w[:-2])
    elif w.endswith("s") and not w.endswith("ss") and len(w) > 3:
        out.add(w[:-1])
    return frozenset(out)


@cache
def _element(text: str) -> tuple:
    """'&WEAPON attack' -> every alternative ((weapon word sets...), attack)."""
    synsets = load("cameo_verbs")["synsets"]
    choices = []
    for w in text.split():
        if w.startswith("&"):
            choices.append([member.split() for member in synsets.get(w[1:], [])])
        else:
            choices.append([[w]])
    alternatives = []
    for combo in product(*choices):
        words = [word for part in combo for word in part]
        alternatives.append(tuple(_forms(word) for word in words))
    return tuple(alternatives)


def _elements(items: list) -> tuple[tuple, str]:
    marker = next((m for m in items if m in ("$", "+")), "")
    return tuple(_element(i) for i in items if i not in MARKERS), marker


def _weight(elements: tuple) -> int:
    return sum(len(e[0]) for e in elements if e)


def _pattern_text(p: dict) -> str:
    def side(items, preps=()):
        parts = [f"{{{i}}}" if " " in i else i for i in items]
        parts += ["(" + " ".join([prep, *nouns]) + ")" for prep, nouns in preps]
        return " ".join(parts)

    code = (p["code"] or "") + (":" + p["passive"] if p.get("passive") else "")
    sides = [side(p.get("pre", []), p.get("pre_preps", [])), "*", side(p.get("post", []), p.get("preps", []))]
    return " ".join(["-", *(s for s in sides if s), f"[{code or '---'}]"])


def _compile(p: dict) -> Pattern:
    pre, pre_marker = _elements(p.get("pre", []))
    post, post_marker = _elements(p.get("post", []))
    preps = []
    for prep, nouns in p.get("preps", []):
        elements, marker = _elements(nouns)
        preps.append((prep, elements, marker))
    pre_preps = tuple((prep, _elements(nouns)[0], "") for prep, nouns in p.get("pre_preps", []))
    weight = _weight(pre) + _weight(post) + sum(1 + _weight(e) for _, e, _ in [*preps, *pre_preps])
    if post:
        anchors = tuple({("post", w) for alt in post[0] for w in alt[-1]})
    elif preps:
        anchors = (("prep", preps[0][0]),)
    elif pre:
        anchors = tuple({("pre", w) for alt in pre[0] for w in alt[-1]})
    else:
        anchors = ()
    return Pattern(pre, post, tuple(preps), pre_preps, p["code"], p.get("passive"), p["line"], weight,
                   _pattern_text(p), pre_marker, post_marker, anchors, p.get("verb"))


class Block(NamedTuple):
    code: str | None
    passive: str | None
    by_anchor: dict  # (side, word) -> [Pattern]
    unanchored: tuple


def _regular_forms(lemma: str) -> set[str]:
    """The forms PETRARCH2 generates for a verb listed without irregular forms."""
    forms = {lemma + "s", lemma + "ing", lemma + "ed"}
    if lemma.endswith(("s", "x", "z", "ch", "sh")):
        forms.add(lemma + "es")
    if lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if lemma.endswith("e"):
        forms |= {lemma + "d", lemma[:-1] + "ing"}
    return forms


@cache
def _block(name: str) -> Block:
    """A verb block with its patterns compiled, on first use (most blocks are never needed)."""
    block = load("cameo_verbs")["blocks"][name]
    by_anchor, unanchored = {}, []
    for p in block["patterns"]:
        compiled = _compile(p)
        for key in compiled.anchors:
            by_anchor.setdefault(key, []).append(compiled)
        if not compiled.anchors:
            unanchored.append(compiled)
    return Block(block["code"], block.get("passive"), by_anchor, tuple(unanchored))


@cache
def _index() -> tuple[dict, dict]:
    """(lemma -> [Entry], surface form -> [Entry]), built once per process."""
    data = load("cameo_verbs")
    blocks = data["blocks"]
    by_lemma, by_form = {}, {}
    order = 0
    for lemma, entries in data["verbs"].items():
        for e in entries:
            block = blocks[e["block"]]
            code = e.get("code", block["code"])  # a verb's own code, even null, overrides the block's
            entry = Entry(lemma, e["block"], code, block.get("passive"), tuple(e.get("before", ())),
                          tuple(e.get("after", ())), order)
            order += 1
            by_lemma.setdefault(lemma, []).append(entry)
            forms = set(e.get("forms", ())) | (_regular_forms(lemma) if " " not in lemma else set())
            for form in forms:
                by_form.setdefault(form, []).append(entry)
    return by_lemma, by_form


@cache
def _agents() -> dict[str, str]:
    return load("agents")["agents"]


# ------------------------------------------------------------------ parse regions

_PARSE = "newsbeam_dictionary_parse"
HYPHENS = {"-", "\u2010", "\u2011"}


class Parse(NamedTuple):
    """The parse as plain lists, read from spaCy once per Doc: reading token attributes costs more
    than matching."""

    keys: list  # (lower-case text, lower-case lemma)
    dep: list
    head: list
    children: list  # positions, in order
    adp: list  # a preposition (ADP)
    vbn: list  # a past participle


def _parse(doc) -> Parse:
    parse = doc.user_data.get(_PARSE)
    if parse is not None:
        return parse
    cols = columns(doc)
    below = doc_children(doc)
    parse = doc.user_data[_PARSE] = Parse(
        keys=list(zip(cols.key, cols.lemma)),
        dep=cols.dep_lower,
        head=cols.head,
        children=[below.get(i, ()) for i in range(len(cols.head))],
        adp=[p == "ADP" for p in cols.pos],
        vbn=[t == "vbn" for t in cols.tag_lower],
    )
    return parse


def _left_edge(parse: Parse, i: int) -> int:
    """The first position of the token's subtree (itself and its descendants)."""
    left, stack, seen = i, [i], {i}
    while stack:
        for c in parse.children[stack.pop()]:
            if c not in seen:
                seen.add(c)
                stack.append(c)
                left = min(left, c)
    return left


def _child(parse: Parse, i: int, deps) -> int | None:
    return next((c for c in parse.children[i] if parse.dep[c] in deps), None)


def _phrase(parse: Parse, i: int | None, out: list | None = None) -> list:
    """The token and its dependents, without nested clauses or punctuation."""
    out = [] if out is None else out
    if i is not None:
        out.append(i)
        for c in parse.children[i]:
            if parse.dep[c] not in PRUNED_DEPS:
                _phrase(parse, c, out)
    return out


def _is_passive(parse: Parse, v: int) -> bool:
    return _child(parse, v, ("auxpass", "nsubjpass")) is not None or (parse.dep[v] == "acl" and parse.vbn[v])


def _logical_subject(parse: Parse, v: int, passive: bool) -> int | None:
    """The doer: nsubj (the by-agent's object in the passive), inherited from the verb that a
    shared-subject clause hangs on ("agreed to send troops", "met and agreed")."""
    if passive:
        agent = _child(parse, v, ("agent",))
        return None if agent is None else _child(parse, agent, ("pobj",))
    node = v
    for _ in range(4):
        subject = _child(parse, node, ("nsubj", "csubj"))
        if subject is not None or parse.dep[node] not in SHARED_SUBJECT_DEPS or parse.head[node] == node:
            return subject
        node = parse.head[node]
    return None


def _logical_object(parse: Parse, v: int, passive: bool) -> int | None:
    if passive:
        subject = _child(parse, v, ("nsubjpass",))
        if subject is None and parse.dep[v] == "acl":  # "towns seized by rebels": the modified noun
            return parse.head[v]
        return subject
    return _child(parse, v, OBJECT_DEPS)


def _key_map(parse: Parse, positions) -> dict:
    out: dict = {}
    for i in positions:
        lower, lemma = parse.keys[i]
        out.setdefault(lower, []).append(i)
        if lemma != lower:
            out.setdefault(lemma, []).append(i)
    return out


def _prep_phrases(parse: Parse, head: int | None, after: int) -> list[tuple]:
    """(preposition, its object, {key: positions} under it) for the prepositions under `head`."""
    phrases = []
    for c in parse.children[head] if head is not None else ():
        if parse.dep[c] in PREP_DEPS and c >= after and parse.adp[c]:
            pobj = _child(parse, c, ("pobj", "pcomp"))
            phrases.append((c, pobj, _key_map(parse, _phrase(parse, c)[1:])))
    return phrases


class Regions(NamedTuple):
    pre: dict  # key -> [position]: the subject side
    post: dict  # the object side
    preps: list  # (prep, pobj, {key: [position]})
    subject: int | None
    obj: int | None
    passive: bool


def _regions(parse: Parse, v: int) -> Regions:
    passive = _is_passive(parse, v)
    subject = _logical_subject(parse, v, passive)
    obj = _logical_object(parse, v, passive)
    pre = _phrase(parse, subject) + [c for c in parse.children[v] if c < v and parse.dep[c] in PRE_DEPS]
    if obj is not None and obj == parse.head[v]:  # the modified noun and its left modifiers only
        post = list(range(_left_edge(parse, obj), obj + 1))
    else:
        post = _phrase(parse, obj)
    for c in parse.children[v]:
        if c < v or c == obj:
            continue
        dep = parse.dep[c]
        if dep in POST_DEPS or dep in PREP_DEPS:  # "pressed on", "agreed on a solution"
            _phrase(parse, c, post)
        elif dep in CLAUSE_DEPS:
            post.append(c)
            for g in parse.children[c]:
                if parse.dep[g] in CLAUSE_HEAD_DEPS:
                    _phrase(parse, g, post)
    preps = _prep_phrases(parse, v, v)
    if obj is not None and obj != parse.head[v]:
        preps += _prep_phrases(parse, obj, v)
    return Regions(_key_map(parse, pre), _key_map(parse, post), preps, subject, obj, passive)


# ------------------------------------------------------------------ matching


def _match_element(element: tuple, keys: dict, dep: list) -> int | None:
    """The head position of the first alternative of `element` found in `keys`, its other words
    within three tokens before the head, else None. A modifier is no head: "attacking" in
    "an attacking style" is not the noun "attack"."""
    for alternative in element:
        *mods, head_forms = alternative
        for form in head_forms:
            for head in keys.get(form, ()):
                if dep[head] != "amod" and (not mods or _mods_before(mods, head, keys)):
                    return head
    return None


def _mods_before(mods: list, head: int, keys: dict) -> bool:
    limit = head
    for forms in reversed(mods):
        hits = [i for f in forms for i in keys.get(f, ()) if limit - 4 <= i < limit]
        if not hits:
            return False
        limit = max(hits)
    return True


def _match_side(elements: tuple, keys: dict, dep: list):
    """All elements found: the first one's head position (None when there are no elements), or False."""
    first = None
    for element in elements:
        head = _match_element(element, keys, dep)
        if head is None:
            return False
        first = head if first is None else first
    return first


def _match_preps(parse: Parse, preps: tuple, phrases: list):
    """Each (PREP nouns) under a distinct preposition: [(prep, noun, marker, pobj)], or None."""
    found, used = [], set()
    for word, elements, marker in preps:
        for prep, pobj, keys in phrases:
            if prep in used or parse.keys[prep][0] != word:
                continue
            head = _match_side(elements, keys, parse.dep)
            if head is False:
                continue
            used.add(prep)
            found.append((prep, pobj if head is None else head, marker, pobj))
            break
        else:
            return None
    return found


def _try(parse: Parse, pattern: Pattern, regions: Regions):
    """(pre noun, post noun, prep matches) when the pattern matches, else None."""
    pre = _match_side(pattern.pre, regions.pre, parse.dep)
    if pre is False:
        return None
    post = _match_side(pattern.post, regions.post, parse.dep)
    if post is False:
        return None
    preps = _match_preps(parse, pattern.preps, regions.preps)
    if preps is None:
        return None
    if pattern.pre_preps and _match_preps(parse, pattern.pre_preps,
                                          _prep_phrases(parse, regions.subject, 0)) is None:
        return None
    return pre, post, preps


def _entries(parse: Parse, v: int) -> list[Entry]:
    lower, lemma = parse.keys[v]
    return entries_of(lower, lemma)


def entries_of(lower: str, lemma: str) -> list[Entry]:
    """The dictionary's entries for a word by its lemma, else its form (both lower-cased): none for
    a word `match_verb` cannot code."""
    by_lemma, by_form = _index()
    return by_lemma.get(lemma) or by_form.get(lower) or []


def _before_ok(parse: Parse, v: int, words: tuple) -> bool:
    i = v - 1
    for w in reversed(words):
        while i >= 0 and parse.keys[i][0] in HYPHENS:
            i -= 1
        if i < 0 or parse.keys[i][0] != w:
            return False
        i -= 1
    return True


def _after(parse: Parse, v: int, words: tuple) -> tuple | None:
    """Positions of a multi-word verb's following words: the next few tokens or the verb's children."""
    found, start = [], v
    for w in words:
        forms = _forms(w)
        near = range(start + 1, min(len(parse.keys), start + 5))
        hit = next((j for j in [*near, *parse.children[v]] if j > start and not forms.isdisjoint(parse.keys[j])
                    and not (parse.dep[j] == "cc" and parse.head[j] != v and on(OWN_CONJUNCTION))), None)
        if hit is None:
            return None
        found.append(hit)
        start = hit
    return tuple(found)


def _candidates(parse: Parse, v: int) -> tuple[list[Entry], tuple]:
    """The verb's entries whose extra words are present, the most specific (most extra words) only."""
    best, best_len, particles = [], -1, ()
    for entry in _entries(parse, v):
        if entry.before and not _before_ok(parse, v, entry.before):
            continue
        extra = ()
        if entry.after:
            extra = _after(parse, v, entry.after)
            if extra is None:
                continue
        size = len(entry.before) + len(entry.after)
        if size > best_len:
            best, best_len, particles = [entry], size, extra
        elif size == best_len:
            best.append(entry)
    return best, particles


def _block_patterns(parse: Parse, block: Block, regions: Regions) -> list[Pattern]:
    """The block's patterns that could match (one of their words is present), most specific first."""
    found = {}
    for side, keys in (("post", regions.post), ("pre", regions.pre)):
        for key in keys:
            for p in block.by_anchor.get((side, key), ()):
                found[p.line] = p
    for prep, _, _ in regions.preps:
        for p in block.by_anchor.get(("prep", parse.keys[prep][0]), ()):
            found[p.line] = p
    for p in block.unanchored:
        found[p.line] = p
    return sorted(found.values(), key=lambda p: (-p.weight, p.line))


def match_verb(verb, *, include_null: bool = False, borrowed: bool = True) -> VerbMatch | None:
    """The dictionary's reading of `verb` (a spaCy token in a parsed Doc), or None when the
    dictionary does not know it or codes no event for it here (unless `include_null`). With
    `borrowed=False`, patterns written for another verb of the block are not tried (PETRARCH2
    shares them across a block, whose verbs are often other senses: "demand" would take URGE's)."""
    parse = _parse(verb.doc)
    v = verb.i
    entries, particles = _candidates(parse, v)
    if not entries:
        return None
    regions = _regions(parse, v)
    best, best_key = None, None
    for entry in entries:
        for pattern in _block_patterns(parse, _block(entry.block), regions):
            if best_key is not None and pattern.weight < -best_key[0]:
                break
            if not borrowed and pattern.verb is not None and pattern.verb != entry.lemma:
                continue
            hit = _try(parse, pattern, regions)
            if hit is None:
                continue
            # Equal weight: the pattern written for this verb, then the one whose words sit nearest.
            key = (-pattern.weight, pattern.verb != entry.lemma, _distance(hit, v), pattern.line)
            if best_key is None or key < best_key:
                best, best_key = (pattern, hit, entry), key
    if best is None:
        entry = entries[0]
        if entry.code is None and entry.passive is None and not include_null:
            return None
        text = f"{verb.lemma_.upper()} [{entry.block} default]"
        return _result(verb, parse, regions, particles, entry.block, entry.code, entry.passive, None, None, text,
                       default=entry.code)
    pattern, hit, entry = best
    if pattern.code is None and pattern.passive is None and not include_null:
        return None
    return _result(verb, parse, regions, particles, entry.block, pattern.code, pattern.passive, pattern, hit,
                   pattern.text, borrowed=pattern.verb is not None and pattern.verb != entry.lemma,
                   default=entries[0].code)


def _distance(hit: tuple, v: int) -> int:
    pre, post, preps = hit
    heads = [i for i in (pre, post) if i is not None] + [p[1] for p in preps if p[1] is not None]
    return sum(abs(i - v) for i in heads)


def _result(verb, parse: Parse, regions: Regions, particles: tuple, block: str, code, passive, pattern, hit,
            text, borrowed: bool = False, default: str | None = None) -> VerbMatch:
    reverse = code is None and passive is not None
    subject, obj = regions.subject, regions.obj
    pre_noun = post_noun = prep = prep_object = None
    source, target = subject, obj
    if hit is not None:
        pre_noun, post_noun, preps = hit
        if preps:
            prep, prep_object, _, pobj = preps[0]
            if target is None and pobj is not None and parse.dep[prep] != "agent":
                target = pobj
        for _, _, marker, pobj in preps:  # "(TO +)": that preposition's object is the target
            if marker == "+":
                target = pobj
            elif marker == "$":
                source = pobj
        if pattern.pre_marker == "+":  # "- + * ROCKET": the subject suffered the act
            source, target = (None if target == subject else target), subject
        if pattern.post_marker == "$":
            source = obj
    if target is None and not reverse:  # "met with the king": the object of the verb's own preposition
        target = next((_child(parse, i, ("pobj",)) for i in particles
                       if parse.dep[i] == "prep" and _child(parse, i, ("pobj",)) is not None), None)
    if reverse:  # the subject is the target; the other party, if named, is the source
        source, target = (obj if obj is not None else prep_object), subject
    doc = verb.doc

    def tok(i):
        return None if i is None else doc[i]

    return VerbMatch(
        code=code if code is not None else passive,
        verb=verb,
        pattern=text,
        block=block,
        line=pattern.line if pattern is not None else None,
        particles=tuple(doc[i] for i in particles),
        pre_noun=tok(pre_noun),
        post_noun=tok(post_noun),
        prep=tok(prep),
        prep_object=tok(prep_object),
        passive=regions.passive,
        reverse=reverse,
        reciprocal=None if reverse else passive,
        source=tok(source),
        target=tok(target),
        borrowed=borrowed,
        default=default,
    )


# ------------------------------------------------------------------ agents


def agent_code(text: str) -> str | None:
    """The Phoenix role code of a noun phrase given as text ("riot police" -> "COP"), or None."""
    agents = _agents()
    phrase = " ".join(text.lower().replace("_", " ").split())
    return agents.get(phrase.removeprefix("the "))


_NOUN_MODS = {"compound", "amod", "nmod", "nummod"}


def match_agent(noun) -> AgentMatch | None:
    """The longest agents-dictionary phrase around a noun (a token, or a span by its root): its left
    compound/adjective modifiers, the noun, and an "of" phrase ("head of national police")."""
    head = noun.root if hasattr(noun, "root") else noun
    agents = _agents()
    doc = head.doc
    left = head.i
    while left > 0:
        prev = doc[left - 1]
        if not ((prev.dep_ in _NOUN_MODS or prev.text == "-") and left <= prev.head.i <= head.i):
            break
        left -= 1
    right = head.i
    of = next((c for c in head.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is not None:
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None)
        if pobj is not None and pobj.i - head.i <= 5:
            right = pobj.i
    ends = sorted({head.i, right}, reverse=True)
    for start in range(left, head.i + 1):
        for end in ends:
            tokens = doc[start : end + 1]
            words = [t.lower_ for t in tokens if t.dep_ != "det" and not t.is_punct or t.text == "-"]
            for text in (" ".join(words), " ".join([*words[:-1], tokens[-1].lemma_.lower()])):
                code = agents.get(text.replace(" - ", "-"))
                if code:
                    return AgentMatch(code, text, tuple(tokens))
    return None
