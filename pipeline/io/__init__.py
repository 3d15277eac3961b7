"""Reading articles and writing tables (Beam transforms over pure parsing functions)."""
