"""Event mentions and their merging: repeated mentions of one act (same root, compatible parties,
same occasion) become one `Event`; a protest naming no target is against the state where it happens."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..document.doccache import doc_text
from ..document.records import COUNT_KEYS, Event
from ..rules import on, rule
from .counts import has_counts
from .dates import resolve_date
from .resolver import country_code_of

SAME_SENTENCE = rule("events.merge_restatement_in_sentence", "a later trigger in one sentence naming no party restates the act: 'airstrikes, including drone strikes'")
ONE_CLAUSE = rule("events.merge_one_clause", "a trigger noun that is its trigger verb's subject or object is one act: 'a deal was signed'")
DATE_CONFLICT = rule("events.merge_date_conflict_splits", "mentions with different dates are different acts")
SAME_WORD = rule("events.merge_same_word", "the same trigger word (or a re-mention) with compatible parties is one act")
SAME_PARTIES = rule("events.merge_same_parties_anywhere", "one root with the same named actors and targets is one act however far apart")
NEARBY_SYNONYMS = rule("events.merge_nearby_synonyms", "other words for one act with the same parties, within three sentences")
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


def _governor(token) -> int:
    """The verb a noun is the subject, object or prepositional object of ("staged a strike in protest")."""
    if token.dep_ == "pobj" and token.head.dep_ == "prep":
        return token.head.head.i
    return token.head.i if token.dep_ in ("nsubj", "nsubjpass", "dobj") else token.i


def _one_clause(a, b) -> bool:
    """ "an agreement was signed", "staged a hunger strike in protest": two trigger words of one clause,
    one the other's subject or object, or both hanging off one verb."""
    if a.pos_ != "NOUN" and b.pos_ != "NOUN":
        return False
    return _governor(a) == b.i or _governor(b) == a.i or (a.pos_ == b.pos_ == "NOUN" and _governor(a) == _governor(b) != a.i)


def _same_event(group: list[Mention], other: Mention) -> bool:
    """Same CAMEO root, same parties (or unstated), same occasion (no conflicting date)."""
    if group[0].root != other.root:
        return False
    actors = [a for m in group for a in m.actors]
    targets = [t for m in group for t in m.targets]
    if not (_compatible(actors, other.actors) and _compatible(targets, other.targets)):
        return False
    same_sentence = [m for m in group if m.sent_index == other.sent_index]
    if same_sentence:  # "airstrikes, including strikes by drones": one act; "the war ... airstrikes": two
        # A later word that names no party restates the act; two named words must be related words.
        # A verb and its own subject or object ("an agreement was signed") name one act too.
        return on(SAME_SENTENCE) and not (other.actors or other.targets) or any(
            on(SAME_SENTENCE) and _related(m.lemma, other.lemma) or on(ONE_CLAUSE) and _one_clause(m.head, other.head)
            for m in same_sentence)
    dates = {m.date_text.casefold() for m in group if m.date_text}
    if on(DATE_CONFLICT) and other.date_text and dates and other.date_text.casefold() not in dates:
        return False
    if on(SAME_WORD) and (other.anaphoric or any(m.lemma == other.lemma for m in group)):
        return True
    if on(SAME_PARTIES) and other.actors and other.targets and (set(actors), set(targets)) == (set(other.actors), set(other.targets)):
        return True  # "a phone call from X to Y" ... "the conversation X had with Y": one act, however far apart
    if other.sent_index - group[-1].sent_index > 3:
        return False  # other words for the same act follow closely; a later one is another act
    # Different words for one act need the same named parties, and no date on one side only.
    named = bool(other.actors or other.targets) and (set(actors), set(targets)) == (
        set(other.actors), set(other.targets))
    return on(NEARBY_SYNONYMS) and named and bool(dates) == bool(other.date_text)


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
