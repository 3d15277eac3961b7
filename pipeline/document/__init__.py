"""What every extractor shares about one parsed article: its records and per-Doc look-ups."""
