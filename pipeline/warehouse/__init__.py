"""Warehouse DDL generated from schemas/, and idempotent loaders (DuckDB, PostgreSQL)."""
