"""`newsbeam eval`: scoring rules on small hand-made cases, and agreement with the reference scorer."""

import json
import subprocess
import sys

import pytest

from pipeline.evaluate import (
    Names,
    evaluate,
    max_matching,
    norm_name,
    score_entities,
    score_events,
    score_golds,
    score_quotes,
    speaker_class,
)
from tests.conftest import SHARED


def test_names_ignore_case_punctuation_the_and_possessive():
    assert norm_name("The U.N.’s") == norm_name("UN")
    assert norm_name("Al-Qaeda") == norm_name("al qaeda")


def test_matching_is_one_to_one():
    assert len(max_matching([[0, 1], [0]])) == 2
    assert len(max_matching([[0], [0]])) == 1


def test_split_entity_earns_one_hit_and_one_false_positive():
    gold = [{"name": "Marta Quiroga", "type": "PERSON", "aliases": ["Quiroga"]}]
    rows = [{"name": "Marta Quiroga", "type": "PERSON"}, {"name": "Quiroga", "type": "ORG"}]
    score = score_entities(gold, rows, typed=True)
    assert (score.tp, score.system, score.gold) == (1, 2, 1)
    assert score_entities(gold, rows[1:], typed=False).tp == 1


def test_quote_matches_on_half_the_shorter_and_checks_speaker_through_aliases():
    names = Names([{"name": "Ivo Brandt", "type": "PERSON", "aliases": ["Brandt"]}])
    gold = [{"text": "No quick fix will work for the valley", "speaker": "Ivo Brandt"}]
    rows = [{"text": "No quick fix will work", "speaker": "Brandt"}]
    score = score_quotes(gold, rows, names)
    assert score.tp == 1 and score.checks["speaker_accuracy"] == [1, 1]


def test_event_matches_trigger_in_sentence_with_same_root():
    names = Names([])
    gold = [{"cameo_root": "04", "trigger": "phone call", "actors": [], "targets": [], "counts": None}]
    row = {"cameo_root": "04", "trigger": "call", "sentence": "A phone call from the president.",
           "actors": [], "targets": []}
    assert score_events(gold, [row], names).tp == 1
    assert score_events(gold, [{**row, "cameo_root": "19"}], names).tp == 0


SPEAKERS_TEXT = (
    "Ferry Strike Ends\n\n"
    "Harbour Board officials said the ferries would sail again on Friday.\n\n"
    "\"We lost a week of trade,\" said Ivo Brandt, who runs a cafe by the pier. He said the strike had been long.\n\n"
    "The captain, Lena Park, was at the quay. \"The crews are tired,\" the captain said.\n\n"
    "@quaywatch: First boat just left the pier\n\n"
    "\"Nobody told us anything,\" a passenger said."
)
SPEAKERS_GOLD = {
    "entities": [
        {"name": "Harbour Board", "type": "ORG", "aliases": []},
        {"name": "Ivo Brandt", "type": "PERSON", "aliases": ["Brandt"]},
        {"name": "Lena Park", "type": "PERSON", "aliases": []},
        {"name": "quaywatch", "type": "PERSON", "aliases": ["@quaywatch"]},
    ],
    "quotes": [
        {"text": "the ferries would sail again on Friday", "speaker": "Harbour Board"},
        {"text": "We lost a week of trade", "speaker": "Ivo Brandt"},
        {"text": "the strike had been long", "speaker": "Ivo Brandt"},
        {"text": "The crews are tired", "speaker": "Lena Park"},
        {"text": "First boat just left the pier", "speaker": "quaywatch"},
        {"text": "Nobody told us anything", "speaker": None},
    ],
}


def test_speaker_class_is_how_the_article_names_the_gold_speaker():
    classes = [speaker_class(q, SPEAKERS_GOLD["entities"], SPEAKERS_TEXT) for q in SPEAKERS_GOLD["quotes"]]
    assert classes == ["institution", "name", "pronoun", "title", "handle", "unnamed"]
    # without the article's text a person's quote cannot say how it names them
    assert speaker_class(SPEAKERS_GOLD["quotes"][2], SPEAKERS_GOLD["entities"], None) == "title"


def test_speaker_accuracy_by_class_adds_up_to_the_speaker_accuracy():
    gold = {"doc": "ferry.txt", **SPEAKERS_GOLD}
    rows = [{"text": q["text"], "speaker": q["speaker"]} for q in SPEAKERS_GOLD["quotes"]]
    rows[2]["speaker"] = "Lena Park"  # the pronoun resolved wrongly
    report = score_golds([gold], lambda g: {"quotes": rows}, lambda g: SPEAKERS_TEXT)
    by_class = report["speaker_accuracy_by_class"]
    assert by_class["pronoun"] == {"accuracy": 0.0, "n": 1}
    assert by_class["name"] == {"accuracy": 1.0, "n": 1}
    assert sum(c["n"] for c in by_class.values()) == 6
    right = sum(c["accuracy"] * c["n"] for c in by_class.values())
    assert report["tables"]["quotes"]["speaker_accuracy"] == pytest.approx(right / 6, abs=1e-4)


@pytest.mark.skipif(not (SHARED / "tools" / "score.py").exists(), reason="needs ../shared (reference scorer)")
def test_corpus_run_validates_and_scores_as_the_reference_scorer(tmp_path):
    from pipeline.cli import main

    out = tmp_path / "out"
    corpus = sorted(str(p) for p in (SHARED / "corpus").glob("*.txt"))
    assert main(["run", "--input", *corpus, "--output", str(out), "--quiet"]) == 0
    from pipeline.validate import validate_run

    assert {t: p for t, (_, p) in validate_run(str(out)).items() if p} == {}  # every row is valid
    gold = SHARED / "gold" / "dev.jsonl"
    ours = evaluate(str(gold), str(out))["tables"]
    reference = json.loads(subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), "--gold", str(gold), "--out", str(out), "--json"],
        capture_output=True, text=True, check=True).stdout)
    checks = {"speaker_accuracy": "speaker_accuracy", "actor_accuracy": "actor_accuracy",
              "target_accuracy": "target_accuracy", "counts_exact": "counts_exact_match"}
    for table, theirs in reference["scores"].items():
        for field in ("precision", "recall", "f1", "tp", "system", "gold", "macro_f1"):
            assert ours[table][field] == pytest.approx(theirs[field], abs=1e-3), (table, field)
        for mine, name in checks.items():
            if name in theirs:
                assert ours[table][mine] == pytest.approx(theirs[name], abs=1e-3), (table, name)
