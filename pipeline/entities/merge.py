"""Clustering mentions into entities: one cluster per real-world thing.

Mentions join, in this order: same normalised name (and "Basque"/"Basques"); same country
("Netherlands", "Holland", "NL"); spelling variants of one long name ("Internatonal Red Cross");
acronym and expansion ("NRB" <-> "Nordic Rail Board", "PRC" <-> China by its official name);
a short form into the one longer form it fits ("Okafor" -> "Chidi Okafor", "Lords" -> "House of
Lords"). Each join is a named rule; the clusters keep every mention with its evidence for the
typing step (types.py).
"""

from __future__ import annotations

from difflib import SequenceMatcher

from ..rules import on, rule
from .mentions import NameMention
from .places import country_code, fold, given_names, named_place, official_name, place, place_key
from .types import cluster_label, entity_type, fullest, is_person, is_platform
from .words import NUMBERS, WEAK, WORDS, is_acronym, name_key

SAME_PEOPLE = rule("entities.same_people", "'Basque' and 'Basques' name one people")
SAME_COUNTRY = rule("entities.same_country", "names of one country are one entity: 'Netherlands', 'Holland', 'NL'")
SPELLING_VARIANTS = rule("entities.spelling_variants",
                         "one long name spelt two ways is one entity: 'Internatonal Red Cross' / 'International ...'")
ACRONYM_EXPANSION = rule("entities.acronym_expansion",
                         "an acronym joins the one name whose initials it spells: 'NRB' <-> 'Nordic Rail Board'")
SHORT_PERSON = rule("entities.short_person",
                    "a short form joins the one person it fits: 'Okafor' -> 'Chidi Okafor', 'Queen Astrid' <- 'Astrid'")
MIDDLE_NAMES = rule("entities.middle_names",
                    "a person's name without a middle name joins the full one: 'Ada Lind' -> 'Ada Maria Lind'")
MIDDLE_NAME_CALLED = rule("entities.middle_name_called",
                          "a person called by a middle name and the surname joins the full name: 'Maria Lind' -> "
                          "'Ada Maria Lind'")
CAPITAL_SURNAMES = rule("entities.capital_surnames",
                        "a surname in capitals joins the one person named in capitals: 'LIND' -> 'ADA LIND' (a "
                        "transcript's style), though it looks like an acronym")
SHORT_PLACE = rule("entities.short_place",
                   "a place name joins its form with a place word after it: 'Lombok' -> 'Lombok Island'")
DOMAIN_VARIANTS = rule("entities.domain_variants",
                       "a site with and without its web domain is one entity: 'KestrelNews.com' and 'KestrelNews'")
HANDLE_NAMES = rule("entities.handle_names",
                    "a handle that spells a word of one person's name is that person's: '@rita_o' -> 'Rita Ojo'")
ACCENT_VARIANTS = rule("entities.accent_variants",
                       "one name written with and without accents is one entity: 'Pärnu' and 'Parnu'")
SHORT_SCHOOL = rule("entities.short_school",
                    "a name joins the university or college named by it and that word: 'Tarnow' -> 'Tarnow "
                    "University', unless a town or region is called so")
PLACE_VARIANTS = rule("entities.place_variants",
                      "two spellings of one gazetteer city are one entity: 'Kiev' and 'Kyiv'")
BODY_NOT_GIVEN_NAME = rule("entities.body_not_given_name",
                           "a name the model tags a body or a place is not a person's first name: 'Harbour' and "
                           "'Harbour Poet' (a nickname)")
OTHER_INITIALS = rule("entities.other_initials",
                      "two people named with different middle initials are two: 'Ada K. Lind' and 'Ada M. K. Lind'")
SHORT_BODY = rule("entities.short_body", "the last words of a body's name stand for it: 'Lords' -> 'House of Lords'")
SURNAME_TYPOS = rule("entities.surname_typos",
                     "a person's surname misspelt joins the one person whose surname it nearly is: 'Lindqvst' -> "
                     "'Ada Lindqvist'")
HANDLE_AFTER_POSTER = rule("entities.handle_after_poster",
                           "a handle that spells no name is the person named just before it, whose post it opens: "
                           "'Rita Ojo, in Lagos, tweeted: @sunbird7: ...'")
OWN_HANDLES = rule("entities.own_handles",
                   "a short name given its own handle is not a person with another handle: 'Ojo (@sunbird7)' "
                   "beside 'Rita Ojo (@rita_o)'")
PLACE_PREFIXED = rule("entities.place_prefixed",
                      "a name joins the one longer name that is it after a place's name, before other longer forms: "
                      "'Harriers' -> 'Leeds Harriers', not 'Junior Harriers'")

NAME_VARIANT_RATIO = NUMBERS["name_variant_ratio"]
NAME_VARIANT_MIN_WORDS = int(NUMBERS["name_variant_min_words"])
CAPITAL_SURNAME_MIN_LETTERS = int(NUMBERS["capital_surname_min_letters"])
SURNAME_TYPO_RATIO = NUMBERS["surname_typo_ratio"]
SURNAME_TYPO_MIN_LETTERS = int(NUMBERS["surname_typo_min_letters"])
POSTER_GAP = int(NUMBERS["poster_handle_max_gap"])
HEAD_NOUNS = WORDS["fac_heads"] | WORDS["loc_heads"] | WORDS["place_nouns"]  # (not a body word: "Congress")


class _Clusters:
    """Union-find over the mentions; `groups()` lists clusters by their first mention."""

    def __init__(self, mentions: list[NameMention]):
        self.mentions = mentions
        self.parent = list(range(len(mentions)))
        self._index = {id(m): i for i, m in enumerate(mentions)}
        # The groups and each group's fullest name, rebuilt only after a join: the joining passes
        # ask for them once per cluster, which made long articles quadratic.
        self._groups: list[list[NameMention]] | None = None
        self._group_of: dict[int, list[NameMention]] = {}
        self._fullest: dict[int, NameMention] = {}
        self._forms: list[tuple[list[NameMention], NameMention, list[str]]] | None = None

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, a: int, b: int) -> None:
        root_a, root_b = self.find(a), self.find(b)
        if root_a != root_b:
            self.parent[root_a] = root_b
            self._groups = None

    def join(self, a: list[NameMention], b: list[NameMention]) -> None:
        self.union(self._index[id(a[0])], self._index[id(b[0])])

    def groups(self) -> list[list[NameMention]]:
        if self._groups is None:
            result: dict[int, list[NameMention]] = {}
            for i in range(len(self.parent)):
                result.setdefault(self.find(i), []).append(self.mentions[i])
            self._groups = list(result.values())
            self._group_of = {id(m): g for g in self._groups for m in g}
            self._fullest = {}
            self._forms = None
        return self._groups

    def group_of(self, mention: NameMention) -> list[NameMention]:
        """The current cluster of `mention`."""
        self.groups()
        return self._group_of[id(mention)]

    def forms(self) -> list[tuple[list[NameMention], NameMention, list[str]]]:
        """(group, its fullest mention, that mention's words) of each group, kept while the groups stand."""
        groups = self.groups()
        if self._forms is None:
            self._forms = [(g, best, best.words) for g in groups for best in (self.fullest(g),)]
        return self._forms

    def fullest(self, group: list[NameMention]) -> NameMention:
        """`fullest(group)`, kept while the groups stand."""
        found = self._fullest.get(id(group))
        if found is None:
            found = self._fullest[id(group)] = fullest(group)
        return found


def cluster(mentions: list[NameMention]) -> list[list[NameMention]]:
    """Clusters of `mentions`, each sorted by position."""
    clusters = _Clusters(mentions)
    _join_same_names(clusters)
    _join_countries(clusters)
    if on(SPELLING_VARIANTS):
        _join_spelling_variants(clusters)
    if on(ACRONYM_EXPANSION):
        _join_acronyms(clusters)
    _join_short_forms(clusters)
    _join_known_as(clusters)  # after: each name has gathered its short forms
    if on(HANDLE_NAMES):
        _join_handles(clusters)
    return [sorted(g, key=lambda m: m.start) for g in clusters.groups()]


def _initials(words: list[str]) -> set[str]:
    """Initials with and without the function words: "Bank of Nordic Trade" -> bnt, bont."""
    content = [w for w in words if w not in WORDS["function_words"]]
    return {"".join(w[0] for w in content), "".join(w[0] for w in words)}


def _join_same_names(clusters: _Clusters) -> None:
    by_key: dict[str, int] = {}
    for i, m in enumerate(clusters.mentions):
        clusters.union(i, by_key.setdefault(m.key, i))
        if on(ACCENT_VARIANTS) and (bare_key := fold(m.key)) != m.key:
            clusters.union(i, by_key.setdefault(bare_key, i))  # "Pärnu" -> the cluster of "Parnu"
        if on(DOMAIN_VARIANTS) and is_platform(m.name) and "." in m.name:
            clusters.union(i, by_key.setdefault(name_key(m.name.rpartition(".")[0]), i))
        if m.owner is not None:  # "Rita Ojo (@rita_o)": the handle is the person's
            clusters.union(i, next((k for k, o in enumerate(clusters.mentions) if o.start <= m.owner < o.end), i))
        if on(SAME_PEOPLE) and m.label == "NORP":  # "Basque", "Basques"
            clusters.union(i, by_key.setdefault("NORP:" + m.key.removesuffix("s"), i))


def _join_countries(clusters: _Clusters) -> None:
    """One country, one entity: "Netherlands", "Holland", "NL"."""
    by_country: dict[str, int] = {}
    for i, m in enumerate(clusters.mentions):
        if on(SAME_COUNTRY) and m.label != "NORP" and (code := country_code(m.name, codes_ok=m.label == "GPE")):
            clusters.union(i, by_country.setdefault(code, i))
        elif on(PLACE_VARIANTS) and m.label in ("GPE", "LOC") and (key := place_key(m.name)) and key != fold(m.name):
            clusters.union(i, by_country.setdefault("place:" + key, i))  # "Kiev" -> the cluster of "Kyiv"
    if on(PLACE_VARIANTS):
        for i, m in enumerate(clusters.mentions):
            if m.label in ("GPE", "LOC") and "place:" + fold(m.name) in by_country:
                clusters.union(i, by_country["place:" + fold(m.name)])


def _join_spelling_variants(clusters: _Clusters) -> None:
    """Spelling variants of one long name of one label and the same initials: "Internatonal Red
    Cross"; "Nordic Rail Board of Trustees" / "Nordic Rail Board of Governors" (one word apart)."""
    multi = [g for g in clusters.groups() if len(clusters.fullest(g).words) > 2
             or len(clusters.fullest(g).words) == 2 and cluster_label(g) != "PERSON"]
    # each group's fullest name, initials and label, read once (the pairs below are many)
    info = [(g, best, len(best.words), _initials(best.words), cluster_label(g)) for g in multi
            for best in (clusters.fullest(g),)]
    for i, (a, fa, size_a, initials_a, label_a) in enumerate(info):
        for b, fb, size_b, initials_b, label_b in info[i + 1:]:
            if size_a == size_b and initials_a == initials_b and label_a == label_b and not (fa.key.startswith(fb.key) or fb.key.startswith(fa.key)) and (
                    SequenceMatcher(None, fa.key, fb.key).ratio() >= NAME_VARIANT_RATIO
                    or len(fa.words) >= NAME_VARIANT_MIN_WORDS and sum(x != y for x, y in zip(fa.words, fb.words)) == 1):
                clusters.join(a, b)


def _join_acronyms(clusters: _Clusters) -> None:
    """An all-acronym cluster joins the one cluster whose initials it spells: "NRB" <-> "Nordic
    Rail Board", "PRC" <-> China (by its official name)."""
    # id(group) -> (group, the initials that spell it), read once per group; the group is kept
    # with them so that its id stays its own while the look-up lives
    spelt: dict[int, tuple[list[NameMention], set[str]]] = {}

    def spells(other: list[NameMention]) -> set[str]:
        if id(other) not in spelt:
            spelt[id(other)] = (other, _spelt_by(other))
        return spelt[id(other)][1]

    for group in clusters.groups():
        if not all(is_acronym(m.name) for m in group):
            continue
        letters = group[0].name.replace(".", "").replace("&", "").lower()
        # (the acronym's own cluster is left out by its single word)
        matches = [other for other in clusters.groups() if letters in spells(other)]
        if len(matches) == 1:
            clusters.join(group, matches[0])


def _spelt_by(group: list[NameMention]) -> set[str]:
    """The acronyms that may stand for the group's name (none for a person or a single word)."""
    longest = fullest(group)
    if len(longest.words) < 2 or is_person(group):
        return set()
    forms = _initials(longest.words)
    if cluster_label(group) == "GPE" and (code := country_code(longest.name)):
        official = official_name(code)
        forms |= _initials(name_key(official).split()) if official else set()
    return forms


def _join_known_as(clusters: _Clusters) -> None:
    """"Ada Lind (born 1950), better known as Ada Varga": one person (mentions.py finds the cue)."""
    for m in clusters.mentions:
        if m.known_as is not None:
            subject = next((o for o in clusters.mentions if o.start <= m.known_as < o.end), None)
            if subject is not None and subject.label != "NORP":  # (a people is not "known as" a name)
                clusters.join(clusters.group_of(m), clusters.group_of(subject))


def _join_short_forms(clusters: _Clusters) -> None:
    """A short form joins the one longer form it fits; longer short forms go first, so that
    "Maria Duarte" joins "Maria J. Duarte" before "Duarte" looks for its match."""
    for group in sorted(clusters.groups(), key=lambda g: -len(clusters.fullest(g).words)):
        group = clusters.group_of(group[0])  # as joined so far
        short = clusters.fullest(group)
        words, label = [w for w in short.words if len(w) > 1], cluster_label(group)
        capitals = is_acronym(short.name) and on(CAPITAL_SURNAMES) and len(short.name) >= CAPITAL_SURNAME_MIN_LETTERS
        if not words or is_acronym(short.name) and not capitals or short.ruler or label == "GPE" and country_code(
                short.name):
            continue
        people, things = _longer_forms(clusters, short, words, label)
        if len(things) > 1 and on(PLACE_PREFIXED) and label != "PERSON":
            things = [g for g in things if _place_prefixed(clusters.fullest(g).words, words)] or things
        if capitals:  # "HARRIS" only for a person the article also writes in capitals ("KAMALA HARRIS")
            people, things = [(r, g) for r, g in people if clusters.fullest(g).name.isupper()], []
        if people and on(OWN_HANDLES) and (mine := _handles(group)):  # two accounts: two people
            people = [(rank, g) for rank, g in people if not _handles(g) - mine]
        if people:
            if on(SHORT_PERSON) and (chosen := _person_for(people, group)):
                clusters.join(group, chosen)
        elif len(things) == 1:
            clusters.join(group, things[0])
        elif not things and on(SURNAME_TYPOS) and len(words) == 1 and (label == "PERSON" or is_person(group)) and (
                person := _misspelt_surname(clusters, words[0])):
            clusters.join(group, person)


def _longer_forms(clusters: _Clusters, short: NameMention, words: list[str], label: str) -> tuple[list[tuple[int, list[NameMention]]], list[list[NameMention]]]:
    """Clusters with a longer name that `short` (its `words`, initials aside) may stand for:
    people ranked (0 best), and things."""
    people, things = [], []
    last, size = words[-1], len(short.words)  # every fit below holds the short form's last word
    for other, longest, long_words in clusters.forms():
        if len(long_words) <= size or last not in long_words:  # (leaves out the short form's own cluster)
            continue
        lwords = [w for w in longest.words if len(w) > 1]  # initials aside: "Maria J. Duarte"
        prefix, suffix = lwords[: len(words)] == words, lwords[-len(words):] == words
        if is_person(other):
            if on(OTHER_INITIALS) and _other_initials(short.words, longest.words):
                continue  # "Ada K. Lind" is not "Ada M. K. Lind": her relative, written apart by initials
            if longest.ruler:
                if lwords[1:] == words:
                    people.append((0, other))  # "Astrid" -> "Queen Astrid", not "Karl bin Astrid"
            elif (prefix or suffix) and label != "NORP" and short.name[:1].isupper() and (
                    suffix or not (on(BODY_NOT_GIVEN_NAME) and _body_or_place(short, label))):
                people.append((0 if suffix or len(words) > 1 else 1, other))  # a surname before a given name
            elif on(MIDDLE_NAMES) and len(words) > 1 and words[-1] == lwords[-1] and _subsequence(words, lwords) and (
                    words[0] == lwords[0] or on(MIDDLE_NAME_CALLED)):
                people.append((0, other))  # "Ada Lind", "Maria Lind" -> "Ada Maria Lind"
        elif _thing_fits(other, longest, lwords, words, label, prefix, suffix):
            things.append(other)
    return people, things


def _thing_fits(other: list[NameMention], longest: NameMention, lwords: list[str], words: list[str], label: str,
                prefix: bool, suffix: bool) -> bool:
    if on(PLACE_PREFIXED) and label != "PERSON" and cluster_label(other) != "PERSON" and _place_prefixed(lwords, words):
        return True  # "Ring Road" -> "Leeds Ring Road"
    if on(SHORT_PLACE) and label in WEAK | {"GPE", "LOC", "PERSON"} and cluster_label(other) != "PERSON" and prefix and all(
            w in WORDS["loc_heads"] | WORDS["place_nouns"] for w in lwords[len(words):]):
        return True  # "Lombok" -> "Lombok Island"
    if on(SHORT_SCHOOL) and label in ("ORG", "GPE", "PERSON", "NORP") and prefix and len(lwords) == len(words) + 1 and \
            lwords[-1] in WORDS["school_words"] and not named_place(" ".join(words)):
        return True  # "Tarnow" -> "Tarnow University"
    # "Lords" -> "House of Lords", "Democrats" -> "Free Democrats"; not a place the body is in
    # ("East Africa" and "Fund for Roads in East Africa")
    return on(SHORT_BODY) and label in ("ORG", "NORP", "LOC") and suffix and entity_type(other, longest.name) == "ORG" \
        and not set(lwords[-len(words) - 1:-len(words)]) & WORDS["locative_preps"]


def _place_prefixed(long_words: list[str], words: list[str]) -> bool:
    """`long_words` are `words` after a gazetteer place's name: "Leeds Harriers" for "Harriers"."""
    head = " ".join(long_words[: len(long_words) - len(words)])
    if named_place(" ".join(words)) or len(words) == 1 and words[0] in HEAD_NOUNS:
        return False  # "Texas" is not the short form of "Austin, Texas", nor "Road" a name
    # (a compass word is no place, though the gazetteer lists regions so named)
    return long_words[-len(words):] == words and bool(head) and head not in WORDS["compass_words"] and named_place(head)


def _misspelt_surname(clusters: _Clusters, word: str) -> list[NameMention] | None:
    """The one person named in full whose surname `word` nearly spells, first letter alike: a typo
    ("Lindqvst" for "Lindqvist") the article makes once."""
    if len(word) < SURNAME_TYPO_MIN_LETTERS:
        return None
    fits = [g for g, _, words in clusters.forms() if len(words) > 1 and words[-1][0] == word[0] and words[-1] != word
            and is_person(g) and SequenceMatcher(None, word, words[-1]).ratio() >= SURNAME_TYPO_RATIO]
    return fits[0] if len(fits) == 1 else None


def _join_handles(clusters: _Clusters) -> None:
    """"@rita_o", "@OjoRita2": a handle cluster joins the one person (named in full, not by a handle)
    a word of whose name (three letters or more) the handle spells."""
    groups = clusters.groups()
    handles = [g for g in groups if all(m.name[:1] == "@" for m in g)]
    if not handles:  # most articles: no need to weigh every cluster as a person
        return
    people = [g for g in groups if is_person(g) and not all(m.name[:1] == "@" for m in g)]
    # a poster may also be named by a given name alone ("Amina, an activist in Tarvo, wrote:")
    posters = people + [g for g in groups if not is_person(g) and cluster_label(g) == "PERSON"
                        and len(words := clusters.fullest(g).words) == 1 and words[0] in given_names()]
    for group in handles:
        handle = group[0].name[1:].casefold()
        fits = [p for p in people if any(len(w) >= 3 and w in handle for w in clusters.fullest(p).words)]
        if len(fits) == 1:
            clusters.join(group, fits[0])
        elif not fits and on(HANDLE_AFTER_POSTER) and (poster := _poster_before(clusters, group, posters)):
            clusters.join(group, poster)


def _poster_before(clusters: _Clusters, group: list[NameMention], people: list[list[NameMention]]) -> list[NameMention] | None:
    """The person whose mention is the last name before the handle is first written, close by
    ("Rita Ojo, in Lagos, tweeted:\n\n@sunbird7: ..."): no other person or handle between."""
    first = min(m.start for m in group)
    of_people = {id(m) for p in people for m in p}  # by identity: `in` on a list compares every field
    before = [m for m in clusters.mentions if m.end <= first and (m.name[:1] == "@" or id(m) in of_people)]
    if not before:
        return None
    last = max(before, key=lambda m: m.end)
    if last.name[:1] == "@" or first - last.end > POSTER_GAP:
        return None
    return clusters.group_of(last)


def _handles(group: list[NameMention]) -> set[str]:
    return {m.key for m in group if m.name[:1] == "@"}


def _body_or_place(short: NameMention, label: str) -> bool:
    """A short form the model tags a body, or a place the gazetteer lists ("Virginia" beside
    "Virginia Lind" is the state, unless a title or cue makes it the person)."""
    return not short.person and (label == "ORG" or label == "GPE" and bool(place(short.name)))


def _other_initials(short: list[str], long: list[str]) -> bool:
    """Both names carry middle initials, and not the same ones."""
    initials = [w for w in short[1:-1] if len(w) == 1], [w for w in long[1:-1] if len(w) == 1]
    return bool(initials[0]) and bool(initials[1]) and initials[0] != initials[1]


def _subsequence(short: list[str], long: list[str]) -> bool:
    it = iter(long)
    return all(w in it for w in short)


def _person_for(people: list[tuple[int, list[NameMention]]], group: list[NameMention]) -> list[NameMention] | None:
    """The one person a short name fits best; for a surname two people share, the one named last
    before the short name is first written; None when that is not one."""
    best = min(rank for rank, _ in people)
    chosen = [g for rank, g in people if rank == best]
    if len(chosen) > 1:
        before = [g for g in chosen if g[0].start < min(m.start for m in group)]
        chosen = [max(before, key=lambda g: max(m.start for m in g if m.start < group[0].start))] if before else []
    return chosen[0] if len(chosen) == 1 else None
