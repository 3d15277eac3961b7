"""Step 1, coding: which words are CAMEO triggers, and with which root.

`match_trigger(token)` looks a token up in the CAMEO trigger lexicon (`events.json`, "triggers")
through the dependency parse, so that particles, objects and compounds choose the code: "call on"
is an appeal (02), "phone call" a consultation (04), "hunger strike" a protest (14). It is the one
place where words become codes; a dictionary coder (verb patterns with their objects and
prepositions) can replace it with the same signature, and the later steps (recode, filters,
roles, merge) stay as they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from .lexicon import lemma_of, trigger_keys


@dataclass
class Trigger:
    """A coded trigger: its CAMEO root and its words (head first)."""

    root: str
    tokens: list
    announcer: object = None  # the verb that announces it as intent ("said it would ..."), see recode.announced

    @property
    def head(self):
        return self.tokens[0]


def _kind(token) -> str | None:
    if token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ != "aux"):
        return "verb"
    if token.pos_ in ("NOUN", "PROPN"):
        return "noun"
    return "adj" if token.pos_ == "ADJ" else None


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
        elif child.dep_ in ("dobj", "attr") and kind == "verb":
            found.append((f"{lemma} {lemma_of(child)}", [child]))
        elif child.dep_ in ("compound", "amod", "nmod") and kind == "noun":
            found.append((f"{lemma_of(child)} {lemma}", [child]))
        elif child.dep_ == "xcomp" and kind in ("adj", "verb"):
            found.append((f"{lemma} to", []))
            found.append((f"{lemma} to {lemma_of(child)}", [child]))
    return sorted(found, key=lambda key_extra: -len(key_extra[0].split()))


def match_trigger(token) -> Trigger | None:
    """The CAMEO trigger `token` heads, trying the longest lexicon keys first; None for other words."""
    kind = _kind(token)
    if kind is None:
        return None
    table = trigger_keys()[kind]
    for key, extra in _candidates(token, kind):
        if key in table:
            return Trigger(table[key], [token, *extra])
    lemma = lemma_of(token)
    return Trigger(table[lemma], [token]) if lemma in table else None


def code_of(token) -> str | None:
    """The CAMEO root `token` would trigger, if any (for rules that ask what a word names)."""
    found = match_trigger(token)
    return found.root if found is not None else None
