"""`newsbeam eval`: precision, recall and F1 of extracted rows against gold annotations.

Written from the gold format's scoring rules (the shared gold README and the benchmarks' READMEs):
names compare case- and punctuation-insensitively (a leading "the" and a possessive ignored); every
gold item and system row is used at most once (a maximum one-to-one matching, so a split entity earns
one hit and one false positive). `score_article` scores one article's rows, so the same code scores
a finished run (`evaluate`) and rows extracted in memory (`pipeline.suite`).
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .validate import iter_jsonl

UNANNOTATED_TYPES = {"FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}  # unless a gold set annotates them
COUNT_KEYS = ("killed", "injured", "displaced", "arrested")
LONG_SENTENCE = 400  # an event "sentence" longer than this is a paragraph, and would match any event in it
LISTS = ("entities", "quotes", "events")
SCORES = ("entities", "entities_any_type", "quotes", "events")


# ----------------------------------------------------------------------------- text

def norm_name(value) -> str:
    text = unicodedata.normalize("NFKC", str(value or "")).casefold()
    text = re.sub(r"['\u2019]s\b", "", text)
    chars = []
    for ch in text:
        category = unicodedata.category(ch)
        if category == "Pd":
            chars.append(" ")  # "Al-Qaeda" = "Al Qaeda"
        elif not category.startswith("P"):
            chars.append(ch)
    text = " ".join("".join(chars).split())
    return re.sub(r"^the\s+", "", text)


def word_tokens(value) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", str(value or "")).casefold())


def contains(haystack: list[str], needle: list[str]) -> bool:
    n = len(needle)
    return n > 0 and any(haystack[i:i + n] == needle for i in range(len(haystack) - n + 1))


# One inflectional or derivational ending off, then a final e or y, so "rallies" and "rally", or
# "bombing" and "bombs", share a stem; short words and function words never make triggers share one.
_ENDING = re.compile(r"(?:ings?|ions?|ies|ied|ers?|es|ed|s)$")
_FUNCTION_WORDS = frozenset({
    "the", "and", "but", "for", "with", "from", "into", "onto", "over", "against", "that", "this",
    "its", "his", "her", "their", "was", "were", "has", "have", "had", "are", "not"})


def _stem(word: str) -> str:
    found = _ENDING.search(word)
    if found and found.start() >= 3:
        word = word[:found.start()]
    return word[:-1] if len(word) > 3 and word[-1] in "ey" else word


def content_stems(words: list[str]) -> set[str]:
    return {_stem(w) for w in words if len(w) >= 3 and w not in _FUNCTION_WORDS}


def _names(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, (str, dict)):
        value = [value]
    return [str(v.get("name") or v.get("text") or "") if isinstance(v, dict) else str(v) for v in value if v]


# ----------------------------------------------------------------------------- matching

def max_matching(options: list[list[int]]) -> dict[int, int]:
    """Maximum bipartite matching (augmenting paths): gold index -> system index."""
    owner: dict[int, int] = {}

    def augment(gold: int, seen: set[int]) -> bool:
        for sys_index in options[gold]:
            if sys_index in seen:
                continue
            seen.add(sys_index)
            if sys_index not in owner or augment(owner[sys_index], seen):
                owner[sys_index] = gold
                return True
        return False

    for gold in range(len(options)):
        augment(gold, set())
    return {gold: sys_index for sys_index, gold in owner.items()}


def cheapest_matching(costs: list[dict[int, int]]) -> dict[int, int]:
    """A maximum one-to-one matching of least total cost (costs[g]: system index -> cost).

    Successive shortest augmenting paths (Bellman-Ford on the residual graph): each augmentation
    adds one pair along the cheapest path, so the final matching is maximum and cheapest."""
    owner: dict[int, int] = {}  # system index -> gold index
    match: dict[int, int] = {}  # gold index -> system index
    for _ in range(len(costs)):
        # distances to system nodes from the free gold nodes, through alternating paths
        dist: dict[int, float] = {}
        came: dict[int, tuple[int, int | None]] = {}  # system -> (gold it was reached from, previous system)
        for g, row in enumerate(costs):
            if g in match:
                continue
            for s, c in row.items():
                if c < dist.get(s, float("inf")):
                    dist[s], came[s] = c, (g, None)
        changed = True
        while changed:
            changed = False
            for s in list(dist):
                g = owner.get(s)
                if g is None:
                    continue
                for s2, c in costs[g].items():
                    d = dist[s] - costs[g][s] + c
                    if s2 != s and d < dist.get(s2, float("inf")):
                        dist[s2], came[s2], changed = d, (g, s), True
        free = [s for s in dist if s not in owner]
        if not free:
            break
        s = min(free, key=lambda k: (dist[k], k))
        while s is not None:
            g, previous = came[s]
            owner[s], match[g] = g, s
            s = previous
    return match


@dataclass
class Score:
    tp: int = 0
    system: int = 0
    gold: int = 0
    checks: dict[str, list[int]] = field(default_factory=dict)  # name -> [right, total]

    def add(self, other: Score) -> None:
        self.tp, self.system, self.gold = self.tp + other.tp, self.system + other.system, self.gold + other.gold
        for name, (right, total) in other.checks.items():
            slot = self.checks.setdefault(name, [0, 0])
            slot[0] += right
            slot[1] += total

    def check(self, name: str, ok: bool) -> None:
        slot = self.checks.setdefault(name, [0, 0])
        slot[0] += int(ok)
        slot[1] += 1

    def prf(self) -> tuple[float, float, float]:
        """Both sides empty is perfect; otherwise an empty side scores 0."""
        if not self.system and not self.gold:
            return 1.0, 1.0, 1.0
        p = self.tp / self.system if self.system else 0.0
        r = self.tp / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return p, r, f

    def as_dict(self) -> dict:
        p, r, f = self.prf()
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4), "tp": self.tp,
                "system": self.system, "gold": self.gold,
                **{name: round(right / total, 4) if total else None
                   for name, (right, total) in self.checks.items()}}


class Names:
    """The gold entities' forms, so a system name counts as right through any gold alias."""

    def __init__(self, gold_entities: list[dict]):
        self.groups = [entity_forms(e) for e in gold_entities]

    def forms_of(self, key: str) -> set[str]:
        found = {key}
        for group in self.groups:
            if key in group:
                found |= group
        return found

    def same(self, system, gold, aliases=()) -> bool:
        s, g = norm_name(system), norm_name(gold)
        if not s or not g:
            return s == g  # unattributed on both sides agrees
        return s in self.forms_of(g) | {norm_name(a) for a in _names(aliases)}

    def same_set(self, system, gold) -> bool:
        """Equal as sets of entities (order and repeats ignored)."""
        system = list(dict.fromkeys(k for k in map(norm_name, _names(system)) if k))
        gold = list(dict.fromkeys(k for k in map(norm_name, _names(gold)) if k))
        if len(system) != len(gold):
            return False
        options = [[i for i, name in enumerate(system) if name in self.forms_of(key)] for key in gold]
        return len(max_matching(options)) == len(gold)


def entity_forms(entity: dict) -> set[str]:
    return {norm_name(n) for n in [entity.get("name"), *_names(entity.get("aliases"))]} - {""}


def _type(item: dict) -> str:
    return str(item.get("type") or "").strip().upper()


def scorable_entities(gold: dict, rows: list[dict], unscored_types: set[str]) -> list[dict]:
    """Rows of types the gold annotates, less those naming only what the gold lists as unscored."""
    scored = set().union(*(entity_forms(e) for e in gold.get("entities") or []))
    unscored = set().union(*(entity_forms(e) for e in gold.get("entities_unscored") or []))
    return [r for r in rows if _type(r) not in unscored_types
            and not (entity_forms(r) & unscored and not entity_forms(r) & scored)]


def score_entities(gold: list[dict], rows: list[dict], typed: bool, by_type: dict | None = None) -> Score:
    """Only the system's canonical name counts (its aliases earn nothing); types must agree."""
    options = []
    for entity in gold:
        forms = entity_forms(entity)
        types = {str(t).upper() for t in entity.get("types_accepted") or [entity.get("type")]}
        options.append([i for i, r in enumerate(rows) if norm_name(r.get("name")) in forms
                        and (not typed or _type(r) in types)])
    matched = max_matching(options)
    if by_type is not None:  # a match counts under the gold entity's type
        for g, entity in enumerate(gold):
            slot = by_type.setdefault(_type(entity), Score())
            slot.gold += 1
            slot.tp += g in matched
            slot.system += g in matched
        for i in set(range(len(rows))) - set(matched.values()):
            by_type.setdefault(_type(rows[i]), Score()).system += 1
    return Score(len(matched), len(rows), len(gold))


def speaker_is_checked(quote: dict) -> bool:
    """Gold may exempt a speaker it could not pin down (optional `speaker_kind`, `speaker_candidates`)."""
    return quote.get("speaker_kind") in (None, "name") and not quote.get("speaker_candidates")


def longest_run(a: list[str], b: list[str]) -> int:
    """Length of the longest run of tokens the two texts share."""
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


# ----------------------------------------------------------------------------- speaker classes

SPEAKER_CLASSES = ("name", "pronoun", "title", "institution", "handle", "unnamed")
_PRONOUN = re.compile(r"\b(?:he|she|they|him|her|his|them|their)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?](?=[\s\"\u201d']|$)")
_PARAGRAPHS = re.compile(r"[^\n]*\S[^\n]*")


def _gold_entity(gold_entities: list[dict], speaker) -> dict | None:
    key = norm_name(speaker)
    return next((e for e in gold_entities if key in entity_forms(e)), None)


def _name_words(entity: dict | None, speaker: str) -> set[str]:
    """The capitalised words of a speaker's name and aliases ("Ana Ruiz", "Ruiz"), lower case."""
    forms = [speaker, *(_names(entity.get("aliases")) if entity else [])]
    return {w.casefold() for f in forms for w in re.findall(r"\w+", f) if w[:1].isupper() and len(w) > 1}


def _attribution_windows(text: str, quote: str) -> list[str]:
    """Where a reader looks for who said a quote, nearest first: the rest of its sentence (around the
    quote), the rest of its paragraph before it, the paragraph before. Empty if the quote is not found."""
    at = text.find(quote) if quote else -1
    if at < 0:
        at = text.find(quote[:40]) if len(quote) >= 40 else -1
    if at < 0:
        return []
    end = at + len(quote)
    paras = [(m.start(), m.end()) for m in _PARAGRAPHS.finditer(text)]
    p = next((n for n, (s, e) in enumerate(paras) if s <= at < e), None)
    if p is None:
        return []
    start, stop = paras[p]
    stops = [m.end() for m in _SENTENCE_END.finditer(text, start, at)]
    after = _SENTENCE_END.search(text, end, stop)
    sentence_start = stops[-1] if stops else start
    windows = [text[sentence_start:at] + " " + text[end:after.end() if after else stop], text[start:at]]
    if p > 0:
        windows.append(text[paras[p - 1][0]:paras[p - 1][1]])
    return windows


def speaker_class(quote: dict, gold_entities: list[dict], text: str | None) -> str:
    """How the article names a gold quote's speaker: "unnamed" (no speaker), "handle" (an account
    known by its @handle), "institution" (an organisation, a state), else for a person how the
    attribution nearest the quote refers to them: by "name", by "pronoun" ("he said"), or by
    "title" (a role or description: "the minister said"; also a quote with no reference nearby).
    The quote's own sentence decides if it says anything besides the quote; else the paragraph
    before it, then the paragraph above (a block quote's intro)."""
    speaker = quote.get("speaker")
    if not norm_name(speaker):
        return "unnamed"
    entity = _gold_entity(gold_entities, speaker)
    forms = [speaker, *(_names(entity.get("aliases")) if entity else [])]
    if any(str(f).lstrip().startswith("@") for f in forms) or (text and f"@{speaker}" in text):
        return "handle"
    if entity is not None and _type(entity) not in ("PERSON", ""):
        return "institution"
    names = _name_words(entity, str(speaker))
    for n, window in enumerate(_attribution_windows(text or "", str(quote.get("text") or ""))):
        words = re.findall(r"\w+", window)
        if {w.casefold() for w in words} & names:
            return "name"
        if _PRONOUN.search(window):
            return "pronoun"
        if n == 0 and words:
            return "title"  # its own sentence names the speaker otherwise: "the captain said"
    return "title"


def score_quotes(gold: list[dict], rows: list[dict], names: Names, by_kind: dict | None = None,
                 by_class: dict | None = None, gold_entities: list[dict] | None = None,
                 text: str | None = None) -> Score:
    """Texts match when they share a run of at least half the shorter one's tokens. With `by_class`,
    speaker accuracy is also counted per speaker class (`speaker_class`, from `gold_entities` and the
    article `text`)."""
    system = [word_tokens(r.get("text")) for r in rows]
    options = []
    for quote in gold:
        g_tokens = word_tokens(quote.get("text"))
        ranked = []
        for i, s_tokens in enumerate(system):
            shorter = min(len(g_tokens), len(s_tokens))
            run = longest_run(g_tokens, s_tokens) if shorter else 0
            if shorter and 2 * run >= shorter:
                ranked.append((-run / max(len(g_tokens), len(s_tokens)), i))
        options.append([i for _, i in sorted(ranked)])  # best pairing first
    matched = max_matching(options)
    score = Score(len(matched), len(rows), len(gold))
    for g_index, s_index in matched.items():
        if speaker_is_checked(gold[g_index]):
            right = names.same(rows[s_index].get("speaker"), gold[g_index].get("speaker"),
                               gold[g_index].get("speaker_aliases") or ())
            score.check("speaker_accuracy", right)
            if by_class is not None:
                kind = speaker_class(gold[g_index], gold_entities or [], text)
                by_class.setdefault(kind, Score()).check("speaker_accuracy", right)
    if by_kind is not None:
        for g, quote in enumerate(gold):
            slot = by_kind.setdefault(str(quote.get("kind") or "(none)"), Score())
            slot.gold += 1
            slot.tp += g in matched
    return score


def cameo_root(value) -> str:
    """Two-digit root: 4 -> "04", "042" -> "04"."""
    text = str(value if value is not None else "").strip()
    return text.zfill(2)[:2] if text.isdigit() else text


def _count(value):
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.replace(",", "").strip().isdigit():
        return int(value.replace(",", ""))
    return value


def counts_agree(gold, system) -> bool | None:
    """Every stated figure equal; None when neither side states any."""
    gold = {k: _count(v) for k, v in gold.items()} if isinstance(gold, dict) else {}
    system = {k: _count(v) for k, v in system.items()} if isinstance(system, dict) else {}
    keys = set(COUNT_KEYS) | set(gold) | set(system)
    if all(gold.get(k) is None and system.get(k) is None for k in keys):
        return None
    return all(gold.get(k) == system.get(k) for k in keys)


def _sentence_words(text) -> list[str]:
    return word_tokens(text) if len(str(text or "")) <= LONG_SENTENCE else []


def event_tier(row: dict, root: str, trigger: list[str]) -> int | None:
    """How a row can match a gold event of `root`: 0 by its trigger, 1 by its own sentence when the
    two triggers share a content word ("call" for "phone call"), 2 by one of its mention sentences."""
    if cameo_root(row.get("cameo_root")) != root or not trigger:
        return None
    own = word_tokens(row.get("trigger"))
    if contains(own, trigger):
        return 0
    if contains(_sentence_words(row.get("sentence")), trigger) and content_stems(own) & content_stems(trigger):
        return 1
    sentence = " ".join(str(row.get("sentence") or "").split())
    others = [s for s in row.get("mention_sentences") or [] if isinstance(s, str) and " ".join(s.split()) != sentence]
    return 2 if any(contains(_sentence_words(s), trigger) for s in others) else None


def score_events(gold: list[dict], rows: list[dict], names: Names) -> Score:
    """Same CAMEO root and the gold trigger in the row's trigger, sentence or mention sentences;
    among maximum matchings, the one that pairs rows by their triggers where it can."""
    costs = []
    for event in gold:
        root, trigger = cameo_root(event.get("cameo_root")), word_tokens(event.get("trigger"))
        tiers = {i: event_tier(row, root, trigger) for i, row in enumerate(rows)}
        costs.append({i: t for i, t in tiers.items() if t is not None})
    matched = cheapest_matching(costs)
    score = Score(len(matched), len(rows), len(gold))
    for g_index, s_index in matched.items():
        event, row = gold[g_index], rows[s_index]
        score.check("actor_accuracy", names.same_set(row.get("actors"), event.get("actors")))
        score.check("target_accuracy", names.same_set(row.get("targets"), event.get("targets")))
        agree = counts_agree(event.get("counts"), row.get("counts"))
        if agree is not None:
            score.check("counts_exact", agree)
    return score


# ----------------------------------------------------------------------------- whole gold sets

def annotated(gold: dict) -> set[str]:
    declared = gold.get("annotated")
    if isinstance(declared, list):
        return set(declared) & set(LISTS)
    return {name for name in LISTS if isinstance(gold.get(name), list)}


def unscored_types(golds: list[dict]) -> set[str]:
    """Types the gold leaves out, unless some gold line annotates them (GUM annotates FAC)."""
    return UNANNOTATED_TYPES - {_type(e) for g in golds for e in g.get("entities") or []}


def score_article(gold: dict, rows: dict[str, list[dict]], skip_types: set[str],
                  by_type: dict | None = None, by_kind: dict | None = None,
                  by_class: dict | None = None, text: str | None = None) -> dict[str, Score]:
    """Scores of one article's rows (table -> rows) against its gold line, per annotated list;
    the article's `text` lets speaker accuracy be split by speaker class (`by_class`)."""
    names = Names(gold.get("entities") or [])
    lists = annotated(gold)
    scores = {}
    if "entities" in lists:
        entity_rows = scorable_entities(gold, rows.get("entities", []), skip_types)
        scores["entities"] = score_entities(gold.get("entities") or [], entity_rows, True, by_type)
        scores["entities_any_type"] = score_entities(gold.get("entities") or [], entity_rows, False)
    if "quotes" in lists:
        scores["quotes"] = score_quotes(gold.get("quotes") or [], rows.get("quotes", []), names, by_kind,
                                        by_class, gold.get("entities") or [], text)
    if "events" in lists:
        scores["events"] = score_events(gold.get("events") or [], rows.get("events", []), names)
    return scores


def score_golds(golds: list[dict], rows_of, text_of=None) -> dict:
    """Totals, macro F1, per-type and per-kind figures, speaker accuracy per speaker class;
    `rows_of(gold)` gives the article's rows (table -> rows), or None when the article is not in
    the output; `text_of(gold)` its text, if known (else classes come from the gold entities alone)."""
    skip = unscored_types(golds)
    totals = {name: Score() for name in SCORES}
    by_type: dict[str, Score] = {}
    by_kind: dict[str, Score] = {}
    by_class: dict[str, Score] = {}
    per_article, missing = [], []
    for gold in golds:
        rows = rows_of(gold)
        if rows is None:
            missing.append(gold.get("doc"))
            rows = {}
        scores = score_article(gold, rows, skip, by_type, by_kind, by_class, text_of(gold) if text_of else None)
        for name, score in scores.items():
            totals[name].add(score)
        per_article.append({"doc": gold.get("doc"), **{n: round(s.prf()[2], 4) for n, s in scores.items()}})
    tables = {}
    for name, score in totals.items():
        f1s = [a[name] for a in per_article if name in a]
        if f1s:
            tables[name] = {**score.as_dict(), "macro_f1": round(sum(f1s) / len(f1s), 4)}
    return {"tables": tables, "articles": per_article, "missing_articles": missing,
            "entity_types": {k: s.as_dict() for k, s in sorted(by_type.items())},
            "quote_recall_by_kind": {k: s.as_dict()["recall"] for k, s in sorted(by_kind.items())},
            "speaker_accuracy_by_class": {k: {"accuracy": s.as_dict()["speaker_accuracy"], "n": s.checks["speaker_accuracy"][1]}
                                          for k in SPEAKER_CLASSES if (s := by_class.get(k)) is not None}}


def _article_key(gold: dict) -> set[str]:
    doc = gold.get("doc") or gold.get("id") or ""
    stem = doc.rsplit("/", 1)[-1]
    return {stem, stem.rsplit(".", 1)[0]} if stem else set()


def read_golds(path) -> list[dict]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluate(gold_path: str, output: str) -> dict:
    """Scores per table over all gold articles found in a finished run, plus per-article F1."""
    golds = read_golds(gold_path)
    grouped: dict[str, dict[str, list[dict]]] = {}
    for table in LISTS:
        for _, _, row in iter_jsonl(output, table):
            grouped.setdefault(row.get("article_id"), {}).setdefault(table, []).append(row)
    ids: dict[str, list[str]] = {}
    for _, _, article in iter_jsonl(output, "articles"):
        for key in {article.get("source_id"), str(article.get("source_uri", "")).rsplit("/", 1)[-1]}:
            if key:
                ids.setdefault(key, []).append(article["article_id"])
    texts = {article["article_id"]: article.get("text") for _, _, article in iter_jsonl(output, "articles")}
    used: set[str] = set()
    joined: dict[int, str] = {}

    def rows_of(gold):
        """The first article not yet joined whose id or file name is the gold line's (one-to-one)."""
        aid = next((a for k in _article_key(gold) for a in ids.get(k, []) if a not in used), None)
        if aid is None:
            return None
        used.add(aid)
        joined[id(gold)] = aid
        return grouped.get(aid, {})

    return score_golds(golds, rows_of, lambda gold: texts.get(joined.get(id(gold))))


def format_report(report: dict) -> str:
    lines = [f"{'':20}{'P':>7}{'R':>7}{'F1':>7}{'macroF1':>8}{'tp':>6}{'sys':>6}{'gold':>6}  over matches"]
    for name, s in report["tables"].items():
        extra = ", ".join(f"{k} {v:.3f}" for k, v in s.items()
                          if k not in ("precision", "recall", "f1", "tp", "system", "gold", "macro_f1") and v is not None)
        lines.append(f"{name:20}{s['precision']:7.3f}{s['recall']:7.3f}{s['f1']:7.3f}"
                     f"{s['macro_f1'] or 0:8.3f}{s['tp']:6d}{s['system']:6d}{s['gold']:6d}  {extra}")
    if report.get("entity_types"):
        lines.append("")
        lines.append("entities by type (P/R/F1 tp/sys/gold):")
        for kind, s in report["entity_types"].items():
            lines.append(f"  {kind or '(none)':16}{s['precision']:7.3f}{s['recall']:7.3f}{s['f1']:7.3f}"
                         f"   {s['tp']}/{s['system']}/{s['gold']}")
    if report.get("quote_recall_by_kind"):
        lines.append("")
        lines.append("quote recall by gold kind: " + ", ".join(
            f"{kind} {recall:.3f}" for kind, recall in report["quote_recall_by_kind"].items()))
    if report.get("speaker_accuracy_by_class"):
        lines.append("speaker accuracy by class: " + ", ".join(
            f"{kind} {c['accuracy']:.3f} (n={c['n']})" for kind, c in report["speaker_accuracy_by_class"].items()))
    lines.append("")
    lines.append(f"{'per article F1':34}{'entities':>9}{'quotes':>8}{'events':>8}")
    for article in report["articles"]:
        lines.append(f"  {str(article['doc'])[:32]:32}" + "".join(
            f"{article.get(n, float('nan')):>{w}.3f}" for n, w in (("entities", 9), ("quotes", 8), ("events", 8))))
    if report["missing_articles"]:
        lines.append(f"gold articles not in the run (scored as empty): {', '.join(map(str, report['missing_articles']))}")
    return "\n".join(lines)
