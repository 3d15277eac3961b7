"""Small records the extractors return; `analyze` turns them into table rows with ids."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

COUNT_KEYS = ("killed", "injured", "displaced", "arrested")


@dataclass
class Mention:
    start: int
    end: int
    text: str


@dataclass
class Entity:
    name: str
    type: str
    mentions: list[Mention] = field(default_factory=list)
    title: str | None = None
    country_code: str | None = None

    @property
    def aliases(self) -> list[str]:
        """Other surface forms, in order of first use."""
        seen = []
        for mention in self.mentions:
            if mention.text != self.name and mention.text not in seen:
                seen.append(mention.text)
        return seen


@dataclass
class Quote:
    text: str
    start: int
    end: int
    kind: str  # direct | partial | block | indirect
    speaker: Entity | None = None
    cue: str | None = None
    speaker_role: str | None = None
    # A speaker the article names but that is no entity (e.g. "a resident"): kept as text only.
    speaker_text: str | None = None


@dataclass
class Event:
    cameo_root: str
    trigger: str
    trigger_start: int
    trigger_end: int
    sentence: str
    actors: list[str] = field(default_factory=list)
    targets: list[str] = field(default_factory=list)
    location: str | None = None
    date_text: str | None = None
    date: str | None = None
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNT_KEYS))
    attributed_to: str | None = None
    mention_sentences: list[str] = field(default_factory=list)


class EntityIndex:
    """The article's canonical entities, looked up by offsets or by a surface form."""

    def __init__(self, entities: list[Entity]):
        self.entities = entities
        self._by_offset = sorted(
            ((m.start, m.end, e) for e in entities for m in e.mentions), key=lambda t: (t[0], t[1])
        )
        self._starts = [t[0] for t in self._by_offset]
        self._longest = max((t[1] - t[0] for t in self._by_offset), default=0)

    def at(self, start: int, end: int) -> Entity | None:
        """The entity with a mention overlapping [start, end), preferring the longest mention."""
        best, best_len = None, 0
        # no mention starting before start - longest can reach `start`: skip them (long articles)
        first = bisect.bisect_left(self._starts, start - self._longest)
        for m_start, m_end, entity in self._by_offset[first:]:
            if m_start >= end:
                break
            overlap = min(end, m_end) - max(start, m_start)
            if overlap > 0 and m_end - m_start > best_len:
                best, best_len = entity, m_end - m_start
        return best

    def find(self, text: str) -> Entity | None:
        """The entity whose name or alias equals `text` (case-insensitive), else one whose name
        ends with it as a word ("Haftar" -> "Khalifa Haftar")."""
        key = text.strip().casefold()
        if not key:
            return None
        for entity in self.entities:
            if entity.name.casefold() == key or key in (a.casefold() for a in entity.aliases):
                return entity
        for entity in self.entities:
            if entity.type == "PERSON" and entity.name.casefold().endswith(" " + key):
                return entity
        # "the U.N.'s", "Trump’s": the same lookup without a leading article or a possessive.
        bare = re.sub(r"^the\s+|['\u2019]s?$", "", key).strip()
        return self.find(bare) if bare and bare != key else None
