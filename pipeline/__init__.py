"""newsgraph: a folder of news articles -> a knowledge graph of people, organizations and products."""

__version__ = "0.1.0"
