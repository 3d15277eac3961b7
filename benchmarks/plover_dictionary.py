"""Code the PLOVER gold-standard sentences with the CAMEO.2.0 dictionary matcher alone, beside the
project's event coder, and sort the dictionary's misses into classes.

Reads ../shared/benchmarks/plover_gsr_cameo/ at run time (CC BY-SA evaluation data, never copied).
Each sentence is parsed as a one-sentence article ("\\n\\n" + text), as benchmarks/plover_cameo.py does.

- matcher: `pipeline.events.dictionary.match_verb` on every verb of the sentence;
- coder: `pipeline.events.extract_events` (the project's current coder);
- recall: a gold event is found when a coded verb (coder: a trigger) of the gold root lies inside
  the gold trigger or shares a word with it; "sentence" recall only asks for the gold root anywhere
  in the sentence (the looser count of the research notes);
- miss classes (matcher): the gold trigger has no verb (a noun or adjective: the dictionary is verb-
  only), its verb is not in the dictionary, the dictionary knows it but codes nothing there, or it
  codes another root (with the most frequent confusions).

Usage: python benchmarks/plover_dictionary.py [--data PATH] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "plover_gsr_cameo" / "plover_gsr_cameo_events.jsonl"
PREFIX = "\n\n"


def words(text) -> set[str]:
    return set(re.findall(r"\w+", str(text or "").casefold()))


def trigger_span(text: str, trigger: str) -> tuple[int, int] | None:
    at = text.casefold().find(str(trigger).casefold())
    return None if at < 0 or not trigger else (at + len(PREFIX), at + len(PREFIX) + len(trigger))


def on_trigger(start: int, end: int, text: str, span, gold_words: set[str]) -> bool:
    """Inside the gold trigger's characters, or sharing a word with it."""
    inside = span is not None and span[0] <= start and end <= span[1]
    return inside or bool(words(text) & gold_words)


# Only to sort the matcher's wrong roots into classes for the report (not used for coding).
INTENT_CUES = {"will", "would", "agreed", "agree", "offered", "offer", "promised", "ready", "willing", "plans",
               "plan", "may", "sworn", "threatened", "vowed", "'ll"}
SPEECH_VERBS = {"say", "announce", "declare", "state", "claim", "issue", "quote", "reiterate", "tell"}
VIOLENCE = {"18", "19", "20"}


def wrong_root_class(gold_root: str, got, trigger: str) -> str:
    cue = words(trigger) & INTENT_CUES or any(c.lower_ in INTENT_CUES for c in got.verb.children)
    if gold_root in VIOLENCE and got.root in VIOLENCE:
        return "violence graded differently (18/19/20)"
    if got.verb.lemma_ in SPEECH_VERBS:
        return "speech verb: the reported content decides the root"
    if cue or got.verb.lemma_ in ("agree", "plan", "offer", "promise"):
        return "intent or agreement coded as the act itself"
    return "other verb sense / pattern"


def is_verb(token) -> bool:
    return token.pos_ == "VERB" or (token.pos_ == "AUX" and token.dep_ not in ("aux", "auxpass"))


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--show", type=int, default=12, help="examples per miss class")
    args = parser.parse_args(argv)
    if not args.data.exists():
        print(f"benchmark data not found: {args.data}", file=sys.stderr)
        return 2

    from pipeline.entities.extract import extract_entities
    from pipeline.events.dictionary import _index, match_verb
    from pipeline.events.extract import extract_events
    from pipeline.model import load_model

    records = [json.loads(line) for line in args.data.open(encoding="utf-8") if line.strip()]
    nlp = load_model()
    started = time.perf_counter()
    _index()
    index_seconds = time.perf_counter() - started
    docs = list(nlp.pipe(PREFIX + r["text"] for r in records))

    verb_count, match_seconds = 0, 0.0
    per_root: dict[str, Counter] = {}
    tally, classes, confusions, examples = Counter(), Counter(), Counter(), {}
    for record, doc in zip(records, docs):
        verbs = [t for t in doc if is_verb(t)]
        t0 = time.perf_counter()
        matches = [(v, match_verb(v)) for v in verbs]
        match_seconds += time.perf_counter() - t0
        verb_count += len(verbs)
        coded = [(v, m) for v, m in matches if m is not None]
        rows = extract_events(doc, extract_entities(doc), None)
        tally["sentences"] += 1
        tally["sentences_matcher"] += bool(coded)
        tally["sentences_coder"] += bool(rows)
        tally["sentences_either"] += bool(coded or rows)
        for gold in record["events"]:
            root, trigger = gold["cameo_root"], gold["trigger"]
            span, gold_words = trigger_span(record["text"], trigger), words(trigger)
            per = per_root.setdefault(root, Counter())
            per["gold"] += 1
            anchored = [(v, m) for v, m in coded
                        if on_trigger(v.idx, v.idx + len(v.text), v.text, span, gold_words)]
            by_matcher = any(m.root == root for _, m in anchored)
            by_coder = any(r.cameo_root == root and on_trigger(r.trigger_start, r.trigger_end, r.trigger,
                                                               span, gold_words) for r in rows)
            per["matcher"] += by_matcher
            per["coder"] += by_coder
            per["union"] += by_matcher or by_coder
            per["matcher_sentence"] += any(m.root == root for _, m in coded)
            per["coder_sentence"] += any(r.cameo_root == root for r in rows)
            per["union_sentence"] += any(m.root == root for _, m in coded) or any(r.cameo_root == root for r in rows)
            if by_matcher:
                continue
            trigger_verbs = [v for v in verbs if on_trigger(v.idx, v.idx + len(v.text), v.text, span, gold_words)]
            if anchored:
                got = anchored[0][1]
                kind = "codes another root: " + wrong_root_class(root, got, trigger)
                confusions[(root, got.root)] += 1
                note = f"{got.verb.lemma_} -> {got.code} by {got.pattern}"
            elif not trigger_verbs:
                kind = "no verb in the trigger (noun/adjective trigger)"
                note = ""
            elif any(match_verb(v, include_null=True) is not None for v in trigger_verbs):
                kind = "verb known, no code here (block without default or [---] pattern)"
                note = ",".join(v.lemma_ for v in trigger_verbs)
            else:
                kind = "verb not in the dictionary"
                note = ",".join(v.lemma_ for v in trigger_verbs)
            classes[kind] += 1
            if by_coder:
                classes[kind + " [coder has it]"] += 1
            examples.setdefault(kind, []).append(f"{root} {trigger!r} {note}".rstrip())

    gold_total = sum(c["gold"] for c in per_root.values())
    # Speed with the index built and blocks compiled; the per-doc parse is read again. CPU time of
    # this process, so other jobs on a shared machine do not inflate it.
    timings = []
    all_verbs = [t for doc in docs for t in doc if is_verb(t)]
    for _ in range(3):
        for doc in docs:
            doc.user_data.clear()
        t0 = time.process_time()
        for verb in all_verbs:
            match_verb(verb)
        timings.append((time.process_time() - t0) / max(len(all_verbs), 1) * 1000)

    def rate(key: str) -> str:
        found = sum(c[key] for c in per_root.values())
        return f"{found / gold_total:.3f} ({found}/{gold_total})"

    n = tally["sentences"]
    print(f"PLOVER dictionary benchmark: {n} sentences, {gold_total} gold events")
    print(f"  matcher: index {index_seconds * 1000:.0f} ms, {verb_count} verbs, first pass "
          f"{match_seconds / max(verb_count, 1) * 1000:.3f} ms per verb (compiling blocks), then "
          f"{min(timings):.3f} ms CPU per verb (best of 3, per-doc parse included)")
    print("  recall (verb on the gold trigger, gold root):")
    for key in ("matcher", "coder", "union"):
        print(f"    {key:<8} {rate(key)}   sentence-level {rate(key + '_sentence')}")
    print(f"  sentences with codes: matcher {tally['sentences_matcher']}/{n}, coder {tally['sentences_coder']}/{n}, "
          f"either {tally['sentences_either']}/{n}")
    print("  recall by root (matcher / coder / union of gold):")
    print("    " + "  ".join(f"{r}:{c['matcher']}/{c['coder']}/{c['union']} of {c['gold']}"
                             for r, c in sorted(per_root.items())))
    print("  matcher misses by class:")
    for kind, count in classes.most_common():
        if not kind.endswith("[coder has it]"):
            print(f"    {count:>3}  {kind}  (coder finds {classes[kind + ' [coder has it]']})")
    print("  most frequent confusions (gold root -> matcher root): " + ", ".join(
        f"{g}->{s}:{c}" for (g, s), c in confusions.most_common(15)))
    for kind, items in examples.items():
        print(f"  examples: {kind}")
        for item in items[: args.show]:
            print(f"    {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
