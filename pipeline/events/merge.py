"""Step 6, merging: repeated mentions of one act (same root, compatible parties, same occasion)
become one `Event`; a protest naming no target is against the state where it happens."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document.doccache import doc_text
from ..document.records import COUNT_KEYS, Event
from ..rules import on, rule
from .counts import has_counts
from .dates import resolve_date
from .lexicon import DEFINITE, GENERIC_EVENT_NOUNS, SPEECH_ROOTS
from .resolver import country_code_of

SAME_SENTENCE = rule("events.merge_restatement_in_sentence", "a later trigger in one sentence naming no party restates the act: 'airstrikes, including drone strikes'")
DATE_CONFLICT = rule("events.merge_date_conflict_splits", "mentions with different dates are different acts")
SHARED = rule("events.merge_shared_party_place_or_time", "mentions of one root whose parties, place and time agree and share one are one act: 'X shelled Y ... X's bombardment of Y'")
SPEECH_ADDRESSEE = rule("events.speech_acts_merge_by_addressee", "verbal acts (appeals, demands, accusations, threats) by one party are one act only when aimed at the same party")
SAME_WORD = rule("events.merge_same_word", "the same trigger word with parties that agree is one act, unless neither names a party: 'a defector was arrested ... Ana Ruiz was arrested'")
PLACE_CONFLICT = rule("events.merge_place_conflict_splits", "mentions in different places are different acts: 'a bombing in X ... a bombing in Y'")
REMENTION = rule("events.definite_remention", "'the attack' with no party of its own repeats the act named before, with its grade: 'X shelled Y. The attack ...'")
PROTEST_AGAINST_STATE = rule("events.protest_against_home_state", "a protest naming no target is against the state where it happens (ACLED/GDELT convention)")


@dataclass
class Mention:
    """One trigger mention of an act, with the roles and context read around it."""

    root: str
    tokens: list  # the trigger's tokens (head first)
    sent_index: int
    sentence: str
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    location: str | None = None
    date_text: str | None = None
    attributed_to: str | None = None
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS))
    anaphoric: bool = False  # "the attacks": a mention of an event named before
    inferred: set = field(default_factory=set)  # parties guessed, not named in the sentence ("police" -> the home state)

    @property
    def head(self):
        return self.tokens[0]

    @property
    def lemma(self) -> str:
        return self.head.lemma_.lower()


def _compatible(a: list[str], b: list[str]) -> bool:
    return not a or not b or set(a) <= set(b) or set(b) <= set(a)


def _related(a: str, b: str) -> bool:
    return a.endswith(b) or b.endswith(a)


def _same_event(group: list[Mention], other: Mention) -> bool:
    """Same CAMEO root; parties, place and time that do not conflict; and, but for a restatement in
    the same sentence or a definite re-mention ("the attack"), one of them shared: two acts that
    merely both lack a party are not one."""
    if group[0].root != other.root:
        return False
    actors = [a for m in group for a in m.actors]
    targets = [t for m in group for t in m.targets]
    if not (_compatible(actors, other.actors) and _compatible(targets, other.targets)):
        return False
    same_sentence = [m for m in group if m.sent_index == other.sent_index]
    if same_sentence:  # "raids, including raids by drones": one act; "the war ... the raids": two
        # A later word that names no party restates the act; two named words must be related words.
        return on(SAME_SENTENCE) and (not (other.actors or other.targets)
                                      or any(_related(m.lemma, other.lemma) for m in same_sentence))
    dates = {m.date_text.casefold() for m in group if m.date_text}
    if on(DATE_CONFLICT) and other.date_text and dates and other.date_text.casefold() not in dates:
        return False
    places = {m.location for m in group if m.location}
    if on(PLACE_CONFLICT) and other.location and places and other.location not in places:
        return False  # "bombings in Kandahar ... a bombing in Herat": two acts
    if other.anaphoric:  # "the attack" repeats any violence; "the hunger strike" only a hunger strike
        return other.lemma in GENERIC_EVENT_NOUNS or any(m.lemma == other.lemma for m in group)
    if on(SPEECH_ADDRESSEE) and other.root in SPEECH_ROOTS and not set(targets) & set(other.targets):
        return False  # two appeals or accusations by one party are two acts unless made to the same one
    parties = set(actors + targets) | set(other.actors + other.targets)
    if on(SAME_WORD) and parties and any(m.lemma == other.lemma for m in group):
        return True  # "a defector was arrested ... Ana Ruiz was arrested": the lead retold
    # a party only inferred ("police" -> the article's state) is no evidence that two mentions are one act
    shared = set(actors + targets) & set(other.actors + other.targets) - other.inferred
    shared -= {name for m in group for name in m.inferred}
    shared |= places & {other.location} - {None}
    shared |= dates & {(other.date_text or "").casefold()} - {""}
    return on(SHARED) and bool(shared)


def is_remention(token, actors: list[str], targets: list[str]) -> bool:
    """ "the attacks" with no party of its own: a mention of an act named before."""
    return on(REMENTION) and token.pos_ == "NOUN" and not (actors or targets) and any(
        c.dep_ == "det" and c.lower_ in DEFINITE for c in token.children)


def merge_mentions(mentions: list[Mention]) -> list[list[Mention]]:
    """Groups of mentions of one act: each joins the latest group it may repeat, else starts one."""
    groups: list[list[Mention]] = []
    for mention in mentions:
        for group in reversed(groups):
            if _same_event(group, mention):
                group.append(mention)
                break
        else:
            groups.append([mention])
    return groups


def to_event(group: list[Mention], published_at: str | None) -> Event:
    """The event of a group: trigger and roles from its first mention naming the most kinds of party
    (actor and target over one of them), context from any."""
    primary = max(group, key=lambda m: bool(m.actors) + bool(m.targets))  # max keeps the first on a tie
    first_with = lambda attr: next((getattr(m, attr) for m in [primary, *group] if getattr(m, attr)), None)
    counts = next((m.counts for m in [primary, *group] if has_counts(m.counts)), dict.fromkeys(COUNT_KEYS))
    start = min(t.idx for t in primary.tokens)
    end = max(t.idx + len(t.text) for t in primary.tokens)
    date_text = first_with("date_text")
    sentences = []
    for m in group:
        if m.sentence != primary.sentence and m.sentence not in sentences:
            sentences.append(m.sentence)
    return Event(
        cameo_root=primary.root,
        trigger=doc_text(primary.head.doc)[start:end],
        trigger_start=start,
        trigger_end=end,
        sentence=primary.sentence,
        actors=list(primary.actors),
        targets=list(primary.targets),
        location=first_with("location"),
        date_text=date_text,
        date=resolve_date(date_text, published_at),
        counts=dict(counts),
        # the source credited where the event is told with its parties, not where another mention alludes to it
        attributed_to=primary.attributed_to,
        mention_sentences=sentences,
    )


def protest_target(group: list[Mention], home: str | None) -> None:
    """A protest that names no target is, by the ACLED/GDELT convention, against the state where it
    happens (the article's country); one held in favour of something has none."""
    if not on(PROTEST_AGAINST_STATE) or group[0].root != "14" or any(m.targets for m in group):
        return
    if any(w.lower_ in ("favor", "favour", "support") and w.head.lower_ == "in" for m in group for w in m.head.subtree):
        return
    place = next((m.location for m in group if m.location and country_code_of(m.location)), None) or home
    if place and not any(place in m.actors for m in group):
        group[0].targets = [place]
