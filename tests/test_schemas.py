"""The JSON Schemas are valid, derive the Parquet schema, and route invalid rows to dead_letter."""

import pyarrow as pa
import pytest
from jsonschema import Draft202012Validator

from pipeline.schemas import TABLES, arrow_schema, errors_of, load_schemas, validator
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
    assert [(o.tag, o.value["name"]) for o in good] == [("entities", "Khalifa Haftar")]
    bad = list(fn.process(("entities", _entity(type="DATE"))))
    assert len(bad) == 1 and bad[0].tag == "dead_letter"
    row = bad[0].value
    assert row["level"] == "record" and row["stage"] == "validate" and row["table"] == "entities"
    assert "$.type" in row["error"] and "'DATE' is not one of" in row["error"]
    [named] = fn.process(("entities", _entity(type="DATE"), "news/seed.txt"))
    assert named.value["source_uri"] == "news/seed.txt"  # the article the row was extracted from
    assert not errors_of(validator(SCHEMAS["dead_letter"]), row)


def test_invalid_article_row_is_an_input_failure():
    fn = ValidateRowsFn(SCHEMAS)
    fn.setup()
    article = {"article_id": "0123456789abcdef", "source_id": "x", "source_uri": "x.txt", "title": "T",
               "text": "B", "published_at": None, "language": "en", "word_count": -3}
    [out] = fn.process(("articles", article))
    assert out.tag == "dead_letter" and out.value["level"] == "input"
