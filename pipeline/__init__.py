"""newsbeam: news articles to schema-validated entity, quote and event tables with Apache Beam."""

__version__ = "0.1.0"
