"""`newsbeam eval`: precision, recall and F1 of a run against gold annotations.

Written from the gold format's scoring rules: names compare case- and punctuation-insensitively
(leading "the" and possessive 's ignored); every gold item and system row is used at most once
(maximum one-to-one matching), so a split entity earns one hit and one false positive.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from .validate import iter_jsonl

UNSCORED_TYPES = {"FAC", "EVENT", "LAW", "PRODUCT", "WORK_OF_ART"}  # not annotated in the gold
COUNT_KEYS = ("killed", "injured", "displaced", "arrested")
LONG_SENTENCE = 400  # an event sentence longer than this cannot carry a match


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
        p = self.tp / self.system if self.system else (1.0 if not self.gold else 0.0)
        r = self.tp / self.gold if self.gold else (1.0 if not self.system else 0.0)
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
        return s in self.forms_of(g) | {norm_name(a) for a in aliases}

    def same_set(self, system: list, gold: list) -> bool:
        """Equal as sets of entities (order and repeats ignored)."""
        system = list(dict.fromkeys(k for k in map(norm_name, system) if k))
        gold = list(dict.fromkeys(k for k in map(norm_name, gold) if k))
        if len(system) != len(gold):
            return False
        options = [[i for i, name in enumerate(system) if name in self.forms_of(key)] for key in gold]
        return len(max_matching(options)) == len(gold)


def entity_forms(entity: dict) -> set[str]:
    return {norm_name(n) for n in [entity.get("name"), *(entity.get("aliases") or [])]} - {""}


def score_entities(gold: list[dict], rows: list[dict], typed: bool) -> Score:
    """Only the system's canonical name counts (its aliases earn nothing); types must agree."""
    rows = [r for r in rows if str(r.get("type") or "").upper() not in UNSCORED_TYPES]
    options = []
    for entity in gold:
        forms = entity_forms(entity)
        types = {str(t).upper() for t in entity.get("types_accepted") or [entity.get("type")]}
        options.append([i for i, r in enumerate(rows) if norm_name(r.get("name")) in forms
                        and (not typed or str(r.get("type") or "").upper() in types)])
    return Score(len(max_matching(options)), len(rows), len(gold))


def speaker_is_checked(quote: dict) -> bool:
    """Gold may exempt a speaker it could not pin down (optional `speaker_kind`, `speaker_candidates`)."""
    return quote.get("speaker_kind") in (None, "name") and not quote.get("speaker_candidates")


def longest_run(a: list[str], b: list[str]) -> int:
    """Length of the longest run of tokens the two texts share."""
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b)).size


def score_quotes(gold: list[dict], rows: list[dict], names: Names) -> Score:
    """Texts match when they share a run of at least half the shorter one's tokens."""
    system = [word_tokens(r.get("text")) for r in rows]
    options = []
    for quote in gold:
        g_tokens = word_tokens(quote["text"])
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
            score.check("speaker_accuracy", names.same(rows[s_index].get("speaker"), gold[g_index].get("speaker"),
                                                       gold[g_index].get("speaker_aliases") or ()))
    return score


def cameo_root(value) -> str:
    """Two-digit root: 4 -> "04", "042" -> "04"."""
    text = str(value if value is not None else "").strip()
    return text.zfill(2)[:2] if text.isdigit() else text


def counts_agree(gold, system) -> bool | None:
    """All four figures equal; None when neither side states any."""
    gold, system = gold if isinstance(gold, dict) else {}, system if isinstance(system, dict) else {}
    if all(gold.get(k) is None and system.get(k) is None for k in COUNT_KEYS):
        return None
    return all(gold.get(k) == system.get(k) for k in COUNT_KEYS)


def score_events(gold: list[dict], rows: list[dict], names: Names) -> Score:
    """Same CAMEO root and the gold trigger inside the system trigger (preferred) or short sentence."""
    system = [(cameo_root(r.get("cameo_root")), word_tokens(r.get("trigger")),
               word_tokens(r.get("sentence")) if len(r.get("sentence") or "") <= LONG_SENTENCE else [])
              for r in rows]
    options = []
    for event in gold:
        root, trigger = cameo_root(event.get("cameo_root")), word_tokens(event.get("trigger"))
        same_root = [i for i, (s_root, _, _) in enumerate(system) if s_root == root]
        in_trigger = [i for i in same_root if contains(system[i][1], trigger)]
        options.append(in_trigger + [i for i in same_root if i not in in_trigger and contains(system[i][2], trigger)])
    matched = max_matching(options)
    score = Score(len(matched), len(rows), len(gold))
    for g_index, s_index in matched.items():
        event, row = gold[g_index], rows[s_index]
        score.check("actor_accuracy", names.same_set(row.get("actors") or [], event.get("actors") or []))
        score.check("target_accuracy", names.same_set(row.get("targets") or [], event.get("targets") or []))
        agree = counts_agree(event.get("counts"), row.get("counts"))
        if agree is not None:
            score.check("counts_exact", agree)
    return score


def _article_key(gold: dict) -> set[str]:
    doc = gold.get("doc") or gold.get("id") or ""
    stem = doc.rsplit("/", 1)[-1]
    return {stem, stem.rsplit(".", 1)[0]} if stem else set()


def evaluate(gold_path: str, output: str) -> dict:
    """Scores per table over all gold articles found in the run, plus per-article F1."""
    golds = [json.loads(line) for line in Path(gold_path).read_text(encoding="utf-8").splitlines() if line.strip()]
    tables = {t: [row for _, _, row in iter_jsonl(output, t)] for t in ("articles", "entities", "quotes", "events")}
    by_article = {t: {} for t in ("entities", "quotes", "events")}
    for table, grouped in by_article.items():
        for row in tables[table]:
            grouped.setdefault(row.get("article_id"), []).append(row)
    ids = {}
    for article in tables["articles"]:
        for key in (article.get("source_id"), str(article.get("source_uri", "")).rsplit("/", 1)[-1]):
            if key:
                ids.setdefault(key, article["article_id"])
    totals = {name: Score() for name in ("entities", "entities_any_type", "quotes", "events")}
    per_article, missing = [], []
    for gold in golds:
        aid = next((ids[k] for k in _article_key(gold) if k in ids), None)
        if aid is None:
            missing.append(gold.get("doc"))
        names = Names(gold.get("entities") or [])
        annotated = set(gold.get("annotated") or ("entities", "quotes", "events"))
        scores = {}
        if "entities" in annotated:
            rows = by_article["entities"].get(aid, [])
            scores["entities"] = score_entities(gold.get("entities") or [], rows, typed=True)
            scores["entities_any_type"] = score_entities(gold.get("entities") or [], rows, typed=False)
        if "quotes" in annotated:
            scores["quotes"] = score_quotes(gold.get("quotes") or [], by_article["quotes"].get(aid, []), names)
        if "events" in annotated:
            scores["events"] = score_events(gold.get("events") or [], by_article["events"].get(aid, []), names)
        for name, score in scores.items():
            totals[name].add(score)
        per_article.append({"doc": gold.get("doc"), **{n: round(s.prf()[2], 4) for n, s in scores.items()}})
    tables = {n: s.as_dict() for n, s in totals.items()}
    for name, table in tables.items():
        f1s = [a[name] for a in per_article if name in a]
        table["macro_f1"] = round(sum(f1s) / len(f1s), 4) if f1s else None
    return {"tables": tables, "articles": per_article, "missing_articles": missing}


def format_report(report: dict) -> str:
    lines = [f"{'':20}{'P':>7}{'R':>7}{'F1':>7}{'macroF1':>8}{'tp':>6}{'sys':>6}{'gold':>6}  over matches"]
    for name, s in report["tables"].items():
        extra = ", ".join(f"{k} {v:.3f}" for k, v in s.items()
                          if k not in ("precision", "recall", "f1", "tp", "system", "gold", "macro_f1") and v is not None)
        lines.append(f"{name:20}{s['precision']:7.3f}{s['recall']:7.3f}{s['f1']:7.3f}"
                     f"{s['macro_f1'] or 0:8.3f}{s['tp']:6d}{s['system']:6d}{s['gold']:6d}  {extra}")
    lines.append("")
    lines.append(f"{'per article F1':34}{'entities':>9}{'quotes':>8}{'events':>8}")
    for article in report["articles"]:
        lines.append(f"  {str(article['doc'])[:32]:32}" + "".join(
            f"{article.get(n, float('nan')):>{w}.3f}" for n, w in (("entities", 9), ("quotes", 8), ("events", 8))))
    if report["missing_articles"]:
        lines.append(f"gold articles not in the run (scored as empty): {', '.join(report['missing_articles'])}")
    return "\n".join(lines)
