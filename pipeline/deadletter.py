"""Rows of the dead_letter table: one per input or record that could not be processed."""

from __future__ import annotations

import json

from .ids import clean, stable_hash

PAYLOAD_LIMIT = 2000  # characters kept of the offending input or record


def dead_letter(level: str, source_uri: str, stage: str, error: str, payload=None, *, table=None,
                article_id=None) -> dict:
    if payload is not None and not isinstance(payload, str):
        payload = json.dumps(payload, ensure_ascii=False, sort_keys=True, default=str)
    source_uri, error, payload = clean([source_uri, error, payload])
    if payload is not None and len(payload) > PAYLOAD_LIMIT:
        payload = payload[:PAYLOAD_LIMIT] + f"... [truncated, {len(payload)} characters]"
    return {
        "dead_letter_id": stable_hash("dead_letter", level, source_uri, stage, error, table, payload),
        "level": level,
        "source_uri": source_uri,
        "stage": stage,
        "error": error,
        "payload": payload,
        "table": table,
        "article_id": article_id,
    }
