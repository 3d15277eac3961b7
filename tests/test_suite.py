"""`newsbeam eval --suite`: yardsticks found by their gold files, parsed once, scored side by side;
named rules switched off for an ablation."""

from __future__ import annotations

import json

from pipeline import rules
from pipeline.cli import main
from pipeline.evaluate import Names, cheapest_matching, evaluate, score_events
from pipeline.suite import discover, format_suite, run_suite


def test_cheapest_matching_is_maximum_then_cheapest():
    # the cheap pair for gold 0 would leave gold 1 unmatched: both are matched, at cost 1 + 1
    assert cheapest_matching([{0: 0, 1: 1}, {0: 1}]) == {0: 1, 1: 0}
    # with room for both, each gold takes its cheapest row
    assert cheapest_matching([{0: 2, 1: 0}, {0: 0}]) == {0: 1, 1: 0}
    assert cheapest_matching([{}, {}]) == {}


def test_an_event_row_matches_through_a_mention_sentence_but_prefers_its_own_trigger():
    gold = [{"cameo_root": "18", "trigger": "bombing"}, {"cameo_root": "18", "trigger": "explosion"}]
    rows = [
        {"cameo_root": "18", "trigger": "blast", "sentence": "A blast hit the depot.",
         "mention_sentences": ["A blast hit the depot.", "The bombing was the second this year."]},
        {"cameo_root": "18", "trigger": "bombing", "sentence": "The bombing was the second this year.",
         "mention_sentences": []},
    ]
    score = score_events(gold, rows, Names([]))
    assert (score.tp, score.system, score.gold) == (1, 2, 2)
    # the row named by its trigger takes "bombing"; the other cannot match "explosion"
    assert score_events(gold[:1], rows[:1], Names([])).tp == 1


def _mini_suite(tmp_path):
    """Two invented yardsticks: a headline-first article with full gold, and inline event sentences."""
    (tmp_path / "corpus").mkdir(parents=True)
    (tmp_path / "gold").mkdir()
    (tmp_path / "events").mkdir()
    (tmp_path / "corpus" / "harbour.txt").write_text(
        "Harbour Talks Resume\n\nMaria Lindqvist met Tomas Okafor in Lisbon on Monday.\n\n"
        '"We are close," Lindqvist said.\n', encoding="utf-8")
    gold = {"doc": "harbour.txt", "entities": [
        {"name": "Maria Lindqvist", "type": "PERSON", "aliases": ["Lindqvist"]},
        {"name": "Tomas Okafor", "type": "PERSON", "aliases": []},
        {"name": "Lisbon", "type": "GPE", "aliases": []}],
        "quotes": [{"text": "We are close", "speaker": "Maria Lindqvist", "kind": "direct"}], "events": []}
    (tmp_path / "gold" / "mini.jsonl").write_text(json.dumps(gold) + "\n", encoding="utf-8")
    sentences = [{"doc": "s1", "title": "", "text": "Rebels attacked an army post near Goma on Sunday.",
                  "annotated": ["events"], "events_exhaustive": False, "entities": [], "quotes": [],
                  "events": [{"cameo_root": "19", "trigger": "attacked", "actors": [], "targets": []}]}]
    (tmp_path / "events" / "gold.jsonl").write_text("".join(json.dumps(s) + "\n" for s in sentences),
                                                    encoding="utf-8")
    return tmp_path


def test_discover_finds_each_gold_file_with_its_articles(tmp_path):
    sticks = discover(_mini_suite(tmp_path))
    assert [s.name for s in sticks] == ["events", "mini"]
    events, mini = sticks
    assert mini.articles[0]["title"] == "Harbour Talks Resume"
    assert events.articles[0]["text"].startswith("Rebels attacked") and not events.exhaustive_events


def test_suite_scores_every_yardstick_and_reuses_the_parse(nlp, tmp_path):
    root = _mini_suite(tmp_path / "suite")
    cache = tmp_path / "cache"
    first = run_suite(root, cache=cache)
    assert list(cache.glob("*.spacy")), "parsed yardsticks are cached"
    figures = first["figures"]["all rules"]
    # the same figures as `newsbeam run` on the article, then `newsbeam eval` on its output
    out = tmp_path / "run"
    assert main(["run", "--input", str(root / "corpus" / "harbour.txt"), "--output", str(out), "--quiet"]) == 0
    tables = evaluate(str(root / "gold" / "mini.jsonl"), str(out))["tables"]
    assert figures["mini"]["entities F1"] == tables["entities"]["f1"] > 0
    assert figures["mini"]["quotes F1"] == tables["quotes"]["f1"] > 0
    assert "events recall" in figures["events"] and "events F1" not in figures["events"]
    second = run_suite(root, cache=cache)
    assert second["figures"] == first["figures"]
    table = format_suite(second, baseline=first)
    assert "mini" in table and "events recall" in table and "+0.000" in table


def test_rules_are_named_and_switched_off_by_name_or_prefix():
    name = rules.rule("test.example_rule", "an invented rule for this test")
    assert rules.on(name)
    with rules.turned_off(rules.expand(["test."])):
        assert not rules.on(name)
    assert rules.on(name)
    assert rules.unknown(["test.example_rule", "test.", "no.such_rule"]) == ["no.such_rule"]


def test_eval_refuses_an_unknown_rule_and_asks_for_gold_or_suite(capsys):
    assert main(["eval", "--suite", ".", "--ablate", "no.such_rule"]) == 2
    assert "no such rule: no.such_rule" in capsys.readouterr().err
    assert main(["eval"]) == 2
    assert "--suite DIR" in capsys.readouterr().err
