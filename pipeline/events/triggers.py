"""Step 1, coding: which words are CAMEO triggers, and with which root.

`match_trigger(token)` is the one place where words become codes, in this order:

1. a verb: the PETRARCH2 CAMEO.2.0 pattern written for it (lemma + particle + object head +
   preposition, `dictionary.match_verb`) decides its code; a pattern coding no event ([---])
   means no event ("killed in an accident");
2. the hand lexicon (`events.json`, "triggers"): what the dictionary lacks (nouns and adjectives,
   which it does not code; verbs it does not list or codes no event for; senses the codebook
   puts elsewhere), keys read through the parse so that particles, objects and compounds choose
   the code ("call on" 02, "phone call" 04, "hunger strike" 14);
3. a verb of the codebook's definitions (`dictionary_verbs`) no pattern matched: its CAMEO.2.0
   block default. Other verbs' block defaults are mostly another sense ("left" 042 visit, "gave"
   060 cooperate) and code nothing.

Plain statements (PETRARCH2's 010-014, 019) are quotes, not events (gold rules), so those codes are dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..rules import on, rule
from .dictionary import entries_of, match_verb
from .lexicon import (
    DICTIONARY_VERBS,
    KEPT_STATEMENT_CODES,
    lemma_of,
    statement_block_verbs,
    statement_verbs,
    trigger_keys,
)

PATTERN = rule("events.dictionary_pattern", "a CAMEO.2.0 pattern written for the verb decides its code: 'X opened fire on Y' 190")
DEFAULT = rule("events.dictionary_default", "a codebook verb no pattern matched takes its CAMEO.2.0 block default: 'X arrested Y' 173")


@dataclass
class Trigger:
    """A coded trigger: its CAMEO root and its words (head first); `source` says which step coded
    it ("pattern", "lexicon", "default"); `code` is the dictionary's full-depth code, if any."""

    root: str
    tokens: list
    announcer: object = None  # the verb that announces it as intent ("said it would ..."), see recode.announced
    source: str = "lexicon"
    code: str | None = None
    match: object = None  # the dictionary's VerbMatch, when the dictionary coded it
    graded: bool = False  # the root already names the kind of force ("seized the town": 192)

    @property
    def head(self):
        return self.tokens[0]


def _kind(token) -> str | None:
    return kind_of(token.pos_, token.dep_)


def kind_of(pos: str, dep: str) -> str | None:
    """Which lexicon a word with this part of speech and relation is looked up in."""
    if pos == "VERB" or (pos == "AUX" and dep != "aux"):
        return "verb"
    if pos in ("NOUN", "PROPN"):
        return "noun"
    return "adj" if pos == "ADJ" else None


@cache
def _key_words() -> dict[str, frozenset[str]]:
    """Per kind, the words hand-lexicon keys start or end with: every key `_candidates` builds for a
    word starts with its lemma ("call on") or, for a noun, ends with it ("hunger strike")."""
    return {kind: frozenset(w for key in table for w in (key.split(" ")[0], key.split(" ")[-1]))
            for kind, table in trigger_keys().items()}


def may_match(pos: str, dep: str, lower: str, lemma: str) -> bool:
    """False only where `match_trigger` surely finds nothing, read from the word alone (`lower` and
    `lemma` lower-cased): neither the dictionary nor a lexicon key has the word."""
    kind = kind_of(pos, dep)
    if kind is None:
        return False
    if " " in lemma or lemma in _key_words()[kind]:
        return True
    return kind == "verb" and bool(entries_of(lower, lemma))


def _candidates(token, kind: str) -> list[tuple[str, list]]:
    """(key, extra tokens) for every multi-word key the token's parse could fill, longest first."""
    lemma = lemma_of(token)
    found = []
    for child in token.children:
        if child.dep_ in ("prt", "prep", "agent"):
            for pobj in (p for p in child.children if p.dep_ == "pobj"):
                found.append((f"{lemma} {child.lower_} {lemma_of(pobj)}", [child, pobj]))
                for mod in (m for m in pobj.children if m.dep_ in ("amod", "compound")):  # "put on high alert"
                    found.append((f"{lemma} {child.lower_} {lemma_of(mod)}", [child, mod, pobj]))
            found.append((f"{lemma} {child.lower_}", [child]))
            for grand in (g for g in child.children if g.dep_ == "prep"):  # "crack down on"
                found.append((f"{lemma} {child.lower_} {grand.lower_}", [child, grand]))
            if child.dep_ == "prt":  # "came out | against": the preposition hangs on the verb
                for prep in (p for p in token.children if p.dep_ == "prep"):
                    found.append((f"{lemma} {child.lower_} {prep.lower_}", [child, prep]))
        elif child.dep_ in ("dobj", "attr") and kind == "verb":
            found.append((f"{lemma} {lemma_of(child)}", [child]))
            for mod in (m for m in child.children if m.dep_ == "compound"):  # "ended mediation efforts"
                found.append((f"{lemma} {lemma_of(mod)}", [child, mod]))
        elif child.dep_ in ("compound", "amod", "nmod") and kind == "noun":
            found.append((f"{lemma_of(child)} {lemma}", [child]))
        elif child.dep_ == "xcomp" and kind in ("adj", "verb"):
            found.append((f"{lemma} to", []))
            found.append((f"{lemma} to {lemma_of(child)}", [child]))
    return sorted(found, key=lambda key_extra: -len(key_extra[0].split()))


def _lexicon(token, kind: str) -> Trigger | None:
    """The hand lexicon's code for `token`, trying the longest keys first."""
    table = trigger_keys()[kind]
    for key, extra in _candidates(token, kind):
        if key in table:
            return Trigger(table[key], [token, *extra])
    lemma = lemma_of(token)
    return Trigger(table[lemma], [token]) if lemma in table else None


_NO_EVENT = Trigger("", [])


def _coded(code: str | None) -> bool:
    """A dictionary code that is an event here: not null, not a plain statement."""
    return code is not None and (not code.startswith("01") or code in KEPT_STATEMENT_CODES)


def _pattern(token, match) -> Trigger | None:
    """The trigger a pattern written for the verb gives, `_NO_EVENT` when it codes none, else None."""
    if match is None or match.is_default or not on(PATTERN):
        return None
    if _reported_content(match):
        return None  # "said it would attack": the reported clause codes itself
    if match.root == "04" and _bare_preposition(match) and not (match.prep_object is not None and match.prep_object.ent_type_):
        return None  # "- * (TO) [040]" reads "came to the conclusion" as a visit: it needs a named place or party
    if not _coded(match.code):
        return _NO_EVENT
    # The verb with its particles, object head and preposition ("called for sanctions against"),
    # not the subject (a passive one included) nor the preposition's object.
    extra = [t for t in (*match.particles, match.post_noun, match.prep) if t is not None and t.i > token.i]
    return Trigger(match.root, [token, *dict.fromkeys(extra)], source="pattern", code=match.code, match=match)


_BARE_PREPOSITION = re.compile(r"- \* \(\w+\) \[")


def _bare_preposition(match) -> bool:
    """A pattern whose only word is a preposition ("- * (TO) [042]", "- * (WITH) [030]")."""
    return bool(_BARE_PREPOSITION.match(match.pattern))


def _reported_content(match) -> bool:
    """A reporting verb's pattern that matched words of the clause it reports, or an event noun: the
    clause's own verb or the noun is coded instead ("announced it will release X" is the release,
    announced; "reported attacks" are the attacks)."""
    lemma = lemma_of(match.verb)
    if lemma not in statement_verbs():
        return False
    if lemma in statement_block_verbs() and any(t is not None and t.pos_ in ("NOUN", "PROPN") and _lexicon(t, "noun") is not None
           for t in (match.post_noun, match.prep_object)):
        return True
    for noun in (match.post_noun, match.prep):
        node = noun
        while node is not None and node.i != match.verb.i and node.head.i != node.i:
            if node.dep_ in ("ccomp", "xcomp", "advcl", "parataxis"):
                return True
            node = node.head
    return False


def _listed(match) -> bool:
    """A codebook verb (with its particles: "crack down") whose CAMEO.2.0 default is its code."""
    return " ".join([lemma_of(match.verb), *(p.lower_ for p in match.particles)]) in DICTIONARY_VERBS


def match_trigger(token) -> Trigger | None:
    """The CAMEO trigger `token` heads; None for other words."""
    kind = _kind(token)
    if kind is None:
        return None
    match = match_verb(token, include_null=True, borrowed=False) if kind == "verb" else None
    found = _pattern(token, match)
    if found is _NO_EVENT:
        return None
    if found is None:
        found = _lexicon(token, kind)
    if found is None and match is not None and on(DEFAULT) and _coded(match.default) and _listed(match):
        found = Trigger(match.default[:2], [token, *match.particles], source="default", code=match.default, match=match)
    return found


def event_noun(token) -> bool:
    """A noun the hand lexicon codes ("talks", "curfew")."""
    return token.pos_ in ("NOUN", "PROPN") and _lexicon(token, "noun") is not None


def code_of(token) -> str | None:
    """The CAMEO root `token` would trigger, if any (for rules that ask what a word names)."""
    found = match_trigger(token)
    return found.root if found is not None else None
