"""cancu: Vietnamese legal-reference knowledge graph and search."""

__version__ = "0.1.0"
