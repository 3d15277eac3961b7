"""The JSON Schemas are valid, derive the Parquet schema, and route invalid rows to dead_letter."""

import pyarrow as pa
import pytest
from jsonschema import Draft202012Validator

from pipeline.schemas import TABLES, arrow_schema, errors_of, load_schemas, reference_validator, validator
from pipeline.transforms import ValidateRowsFn

SCHEMAS = load_schemas()


@pytest.mark.parametrize("name", [*TABLES, "manifest"])
def test_schema_is_valid_draft_2020_12(name):
    Draft202012Validator.check_schema(SCHEMAS[name])
    assert SCHEMAS[name]["$schema"].endswith("2020-12/schema")


@pytest.mark.parametrize("name", TABLES)
def test_arrow_schema_follows_json_schema(name):
    schema = SCHEMAS[name]
    arrow = arrow_schema(schema)
    assert arrow.names == list(schema["properties"])
    for field in arrow:
        declared = schema["properties"][field.name]["type"]
        nullable = "null" in declared if isinstance(declared, list) else field.name not in schema["required"]
        assert field.nullable == nullable, field.name


def test_nested_types_become_lists_and_structs():
    entities = arrow_schema(SCHEMAS["entities"])
    assert entities.field("aliases").type == pa.list_(pa.field("element", pa.string(), nullable=False))
    mention = entities.field("mentions").type.value_type
    assert [f.name for f in mention] == ["start", "end", "text"]
    counts = arrow_schema(SCHEMAS["events"]).field("counts").type
    assert [f.name for f in counts] == ["killed", "injured", "displaced", "arrested"]


def _entity(**changes):
    row = {"article_id": "0123456789abcdef", "entity_id": "fedcba9876543210", "name": "Khalifa Haftar",
           "type": "PERSON", "title": "Field Marshal", "aliases": ["Haftar"], "mention_count": 1,
           "mentions": [{"start": 0, "end": 14, "text": "Khalifa Haftar"}], "country_code": None}
    row.update(changes)
    return row


def test_errors_name_the_path():
    problems = errors_of(validator(SCHEMAS["entities"]), _entity(type="DATE", mention_count=-1))
    assert any("$.type" in p and "DATE" in p for p in problems)
    assert any("$.mention_count" in p for p in problems)


def test_invalid_row_goes_to_dead_letter_with_reason():
    fn = ValidateRowsFn(SCHEMAS)
    fn.setup()
    good = list(fn.process(("entities", _entity())))
    assert [(table, row["name"]) for table, row in good] == [("entities", "Khalifa Haftar")]
    bad = list(fn.process(("entities", _entity(type="DATE"))))
    assert len(bad) == 1 and bad[0][0] == "dead_letter"
    row = bad[0][1]
    assert row["level"] == "record" and row["stage"] == "validate" and row["table"] == "entities"
    assert "$.type" in row["error"] and "'DATE' is not one of" in row["error"]
    [(_, named)] = fn.process(("entities", _entity(type="DATE"), "news/seed.txt"))
    assert named["source_uri"] == "news/seed.txt"  # the article the row was extracted from
    assert not errors_of(validator(SCHEMAS["dead_letter"]), row)


def test_invalid_article_row_is_an_input_failure():
    fn = ValidateRowsFn(SCHEMAS)
    fn.setup()
    article = {"article_id": "0123456789abcdef", "source_id": "x", "source_uri": "x.txt", "title": "T",
               "text": "B", "published_at": None, "language": "en", "word_count": -3}
    [(table, out)] = fn.process(("articles", article))
    assert table == "dead_letter" and out["level"] == "input"


def _event(**changes):
    row = {"article_id": "0123456789abcdef", "event_id": "00112233445566ff", "cameo_root": "19",
           "event_type": "FIGHT", "trigger": "clashed", "trigger_start": 4, "trigger_end": 11,
           "sentence": "Two invented militias clashed near a bridge.", "mention_sentences": [], "actors": ["A"],
           "targets": [], "location": None, "date_text": "on Monday", "date": "2024-03-04",
           "counts": {"killed": 2, "injured": None, "displaced": None, "arrested": None}, "attributed_to": None}
    row.update(changes)
    return row


def _variants(row: dict):
    """The row, then the row with each field dropped, nulled, retyped or given odd text, plus an extra key."""
    yield row
    for key, value in row.items():
        yield {k: v for k, v in row.items() if k != key}
        for odd in (None, 7, -1, 2.5, "", "x", "2024-02-30", "2024-03-04T06:00:00Z", "0123456789ABCDEF",
                    "0123456789abcdef\n", [], ["x", 3], {}, True):
            if odd != value:
                yield {**row, key: odd}
    yield {**row, "unexpected": 1}


@pytest.mark.parametrize(("table", "row"), [("entities", _entity()), ("events", _event()),
                                            ("events", _event(date=None))])
def test_fast_validator_agrees_with_jsonschema_the_reference(table, row):
    reference, fast = reference_validator(SCHEMAS[table]), validator(SCHEMAS[table])
    verdicts = []
    for variant in _variants(row):
        expected = errors_of(reference, variant)
        assert errors_of(fast, variant) == expected, variant  # same verdict and the same messages
        # The compiled check alone is never laxer than the reference. It may be stricter (a pattern's
        # "$" before a final newline passes in Python only): then the reference has the last word.
        if fast._fast.is_valid(variant):
            assert not expected, variant
        verdicts.append(not expected)
    assert verdicts[0] and verdicts.count(False) > 20  # the row is valid, most variants are not


def test_only_the_date_formats_are_checked_and_both_are():
    events = validator(SCHEMAS["events"])
    assert errors_of(events, _event(date="2024-03-04")) == []
    [problem] = errors_of(events, _event(date="2024-02-30"))
    assert "$.date" in problem and "is not a 'date'" in problem
    manifest = reference_validator(SCHEMAS["manifest"])
    assert set(manifest.format_checker.checkers) == {"date", "date-time"}
