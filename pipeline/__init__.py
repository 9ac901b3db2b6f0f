"""newsgraph: a folder of news articles -> a knowledge graph of people, organizations and products.

The Python API (``build``, ``load``, ``relations``, ``KnowledgeGraph``, ``Newsgraph``) lives in
newsgraph.api and is imported on first use, so that the command line starts without spaCy.
"""

from .config import VERSION as __version__

API = ("build", "load", "relations", "KnowledgeGraph", "Newsgraph")
__all__ = ["__version__", *API]


def __getattr__(name: str):
    if name in API:
        from . import api
        return getattr(api, name)
    raise AttributeError(f"module 'newsgraph' has no attribute {name!r}")
