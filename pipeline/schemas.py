"""The JSON Schemas in `schemas/` are the contract: load them, validate rows, derive Arrow schemas.

Schemas are loaded once at launch and passed into transforms as plain dicts, so remote workers
need no access to the files.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pyarrow as pa

TABLES = ("articles", "entities", "quotes", "events", "dead_letter")


def schema_dir() -> Path:
    """`$NEWSBEAM_SCHEMAS`, else `schemas/` beside the package (source checkout or editable install)."""
    override = os.environ.get("NEWSBEAM_SCHEMAS")
    candidates = [Path(override)] if override else []
    here = Path(__file__).resolve().parent
    # A wheel carries them as pipeline/contract/; a source checkout has them at the top level.
    candidates += [here / "contract", here.parent / "schemas"]
    for candidate in candidates:
        if (candidate / "articles.json").is_file():
            return candidate
    raise FileNotFoundError("JSON Schemas not found; set NEWSBEAM_SCHEMAS to the project's schemas/ folder")


def load_schemas(directory: Path | None = None) -> dict[str, dict]:
    """Every table's schema plus the manifest's, keyed by name."""
    directory = directory or schema_dir()
    return {
        name: json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))
        for name in (*TABLES, "manifest")
    }


def schema_version(schemas: dict[str, dict]) -> str:
    blob = json.dumps(schemas, sort_keys=True).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:12]


# The only formats the schemas use. Checking just these keeps jsonschema from needing (and
# importing, which costs about a second) the checkers of every other format.
FORMATS = ("date", "date-time")


def reference_validator(schema: dict):
    """jsonschema's Draft 2020-12 validator, checking the `date` and `date-time` formats: the
    reference, whose messages name the JSON path and schema rule of every failure."""
    from jsonschema import Draft202012Validator, FormatChecker

    return Draft202012Validator(schema, format_checker=FormatChecker(FORMATS))


class RowValidator:
    """A schema compiled once, for many rows. jsonschema-rs (compiled, about 100x faster) passes
    the valid rows; a row it refuses is judged, and explained, by jsonschema, the reference, so
    verdicts and messages are jsonschema's (tests check the two agree)."""

    def __init__(self, schema: dict):
        import jsonschema_rs

        self.schema = schema
        self._fast = jsonschema_rs.Draft202012Validator(schema, validate_formats=True)
        self._reference = None  # built on the first refused row: most runs never need it

    def iter_errors(self, row):
        if self._fast.is_valid(row):
            return iter(())
        if self._reference is None:
            self._reference = reference_validator(self.schema)
        return self._reference.iter_errors(row)

    def __getstate__(self):  # pickled with a DoFn: the compiled validators are rebuilt on arrival
        return {"schema": self.schema}

    def __setstate__(self, state):
        self.__init__(state["schema"])


def validator(schema: dict) -> RowValidator:
    """A reusable Draft 2020-12 validator that also checks the date formats (see RowValidator)."""
    return RowValidator(schema)


def errors_of(checker, row: dict) -> list[str]:
    """Human-readable failures, each with the JSON path of the offending value."""
    found = sorted(checker.iter_errors(row), key=lambda e: list(e.absolute_path))
    return [f"{e.json_path}: {e.message} (schema {'/'.join(map(str, e.absolute_schema_path))})" for e in found]


def json_type(node: dict) -> tuple[str, bool]:
    """(the JSON type, nullable) of a property; unions other than [T, null] are refused."""
    declared = node.get("type")
    kinds = declared if isinstance(declared, list) else [declared]
    nullable = "null" in kinds
    kinds = [k for k in kinds if k != "null"]
    if len(kinds) != 1:
        raise ValueError(f"unsupported type union {declared!r}")
    return kinds[0], nullable


def arrow_type(node: dict) -> pa.DataType:
    kind, _ = json_type(node)
    if kind == "string":
        return pa.string()
    if kind == "integer":
        return pa.int64()
    if kind == "number":
        return pa.float64()
    if kind == "boolean":
        return pa.bool_()
    if kind == "array":
        return pa.list_(pa.field("element", arrow_type(node["items"]), nullable=False))
    if kind == "object":
        return pa.struct(arrow_fields(node))
    raise ValueError(f"unsupported JSON type {kind!r}")


def arrow_fields(node: dict) -> list[pa.Field]:
    required = set(node.get("required", ()))
    fields = []
    for name, prop in node["properties"].items():
        _, nullable = json_type(prop)
        fields.append(pa.field(name, arrow_type(prop), nullable=nullable or name not in required))
    return fields


def arrow_schema(schema: dict) -> pa.Schema:
    """The Arrow/Parquet schema of a table, column order as in the JSON Schema."""
    return pa.schema(arrow_fields(schema), metadata={"json_schema_id": schema.get("$id", "")})
