"""Violence graded by the kind of force, as the gold rules and the CAMEO codebook grade it.

A violent code (18, 19, 20) from the dictionary or the lexicon only says that force was used; the
words of its clause and its doers decide which: weapons of mass destruction and mass killing are 20;
a cyber-attack is 17 (no physical force); police beating, dispersing or detaining protesters or
suspects, or raiding, dispersing and detaining, is coercion, 17; destroying property is 17 (1712); protesters' violence is a violent
protest, 14 (145); suicide, car and roadside bombings, assassinations, abductions, hostage-taking and
torture are 18; artillery, air power, tanks, blockades and a state's or an army's force are 19; other
violence is 18, or, for "the attack" naming no party, the grade of the violence told before it.
"""

from __future__ import annotations

from itertools import pairwise

from ..rules import on, rule
from .dictionary import match_agent
from .lexicon import (
    ARMED_WORDS,
    CONVENTIONAL_WORDS,
    CYBER_WORDS,
    DEFINITE,
    DESTRUCTION_VERBS,
    MASS_VIOLENCE_WORDS,
    POLICE_COERCION,
    PROPERTY_NOUNS,
    PROTESTER_NOUNS,
    REPRESSED_NOUNS,
    REPRESSION_ACTS,
    UNCONVENTIONAL_WORDS,
    lemma_of,
)
from .merge import REMENTION

GRADED = rule("events.violence_graded_by_force", "violence is graded by its means and doers: 20 mass/WMD, 18 unconventional, 19 conventional or a state's forces; 17 cyber, police repression, property; 14 rioting; 11 a medium's attack in words (CAMEO, gold rules)")

VIOLENT = ("18", "19", "20")
GENERIC_CODES = ("180", "190", "193", "200")  # no stated kind (193 small arms: a clash or an assault); 20 needs its own words
FORCE = ("17", "18", "19", "20")
_CLAUSE_CUT = ("relcl", "advcl", "ccomp", "xcomp", "parataxis", "conj", "punct", "acl")


def clause_words(head) -> set[str]:
    """Lemmas (and two-word phrases) of the trigger's own clause: its subject, object, instruments,
    modifiers; nested clauses left out ("killed in a suicide car bombing" reads "suicide", "car bomb")."""
    words, stack = [], [head]
    while stack:
        t = stack.pop()
        words.append(t)
        stack += [c for c in t.children if c.dep_ not in _CLAUSE_CUT or t.i == head.i and c.dep_ == "acl"]
    ordered = sorted(words, key=lambda t: t.i)
    lemmas = {lemma_of(t) for t in ordered} | {t.lower_ for t in ordered}
    lemmas |= {f"{lemma_of(a)} {lemma_of(b)}" for a, b in pairwise(ordered) if b.i == a.i + 1}
    return lemmas


def _roles(tokens) -> set[str]:
    """The Phoenix role codes of noun phrases ("riot police" COP, "troops" MIL)."""
    roles = set()
    for t in tokens:
        for n in [t, *t.conjuncts]:
            found = match_agent(n) if n.pos_ in ("NOUN", "PROPN") else None
            if found is not None:
                roles |= set(found.roles)
    return roles


def _armed(name: str, index) -> bool:
    entity = index.find(name)
    if entity is not None and entity.type in ("GPE", "NORP"):
        return True
    words = name.casefold().split()
    return any(w in ARMED_WORDS for w in words) or any(" ".join(p) in ARMED_WORDS for p in pairwise(words))


def grade(trigger, doers: list, done_to: list, actors: list[str], people: set[str], index, earlier_roots: list[str]) -> str:
    """The violent root of `trigger` (others unchanged). `doers` / `done_to`: the tokens of the
    parties on each side; `actors`: their names; `people`: names that are a people, not a state."""
    root = trigger.root
    match = trigger.match
    # a verb of force whatever a pattern made of it ("attacked the ministry's website" 111)
    forceful = root in FORCE or match is not None and (match.default or "")[:2] in VIOLENT
    if not on(GRADED) or not forceful or trigger.graded:
        return root
    head = trigger.head
    words = clause_words(head) | {lemma_of(t) for t in trigger.tokens}
    if words & CYBER_WORDS:
        return "17"  # hacking, defacing websites: no physical force
    if words & MASS_VIOLENCE_WORDS:
        return "20"  # chemical, biological, nuclear weapons; massacres
    if root not in VIOLENT or trigger.source == "pattern" and trigger.code not in GENERIC_CODES and root != "20":
        return root  # a pattern's own sub-code names the force: "seized the town" 192, "suicide bombing" 1831
    own = {t.i for t in trigger.tokens}
    done_to = [t for t in done_to if t.i not in own]  # "set fire to the offices": the offices
    doer_roles = _roles(doers)
    repressed = any(lemma_of(t) in REPRESSED_NOUNS or _roles([t]) & {"OPP"} for t in done_to)
    if "COP" in doer_roles and (words & POLICE_COERCION or words & REPRESSION_ACTS and repressed):
        return "17"  # "police raided the offices", "police beat the protesters"
    if any(lemma_of(t) in PROTESTER_NOUNS for t in doers):
        return "14"
    if done_to and all(lemma_of(t) in PROPERTY_NOUNS for t in done_to) and lemma_of(head) in DESTRUCTION_VERBS:
        return "17"
    if words & UNCONVENTIONAL_WORDS:
        return "18"
    armed = [a for a in actors if a not in people and _armed(a, index)]
    if words & CONVENTIONAL_WORDS or armed or doer_roles & {"MIL", "COP"}:  # a state's forces
        return "19"
    if on(REMENTION) and not actors and not done_to and any(c.dep_ == "det" and c.lower_ in DEFINITE for c in head.children):
        before = [r for r in earlier_roots if r in VIOLENT]
        if before:
            return before[-1]
    return "18"
