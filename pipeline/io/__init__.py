"""Reading articles and writing tables (Beam transforms over pure parsing functions)."""

# Longer articles are dead letters: memory and spaCy's time grow with length, and no news article
# comes near (200,000 characters is some 35,000 words).
DEFAULT_MAX_ARTICLE_CHARS = 200_000
