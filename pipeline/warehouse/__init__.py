"""Loading runs into warehouses (DuckDB embedded)."""
