"""Graph stage: entities and relations -> one NetworkX MultiDiGraph.

Nodes are entity ids with ``label``, ``type``, ``aliases`` (tuple),
``mentions`` and ``documents`` (tuple). Edges are keyed by predicate, so a
(subject, predicate, object) is one edge, with ``relation``, ``evidence``
(tuple of Evidence), ``evidence_count`` and ``confidence``.
"""
from __future__ import annotations

from collections.abc import Iterable

import networkx as nx

from .types import Entity, Relation


def build_graph(entities: Iterable[Entity], relations: Iterable[Relation],
                min_confidence: float = 0.0) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for e in sorted(entities, key=lambda e: e.id):
        g.add_node(e.id, label=e.label, type=e.type, aliases=e.aliases, mentions=e.mentions,
                   documents=e.documents)
    for r in sorted(relations, key=lambda r: (r.subject, r.predicate, r.object)):
        if r.confidence < min_confidence or r.subject not in g or r.object not in g:
            continue
        g.add_edge(r.subject, r.object, key=r.predicate, relation=r.predicate, evidence=r.evidence,
                   evidence_count=len(r.evidence), confidence=r.confidence)
    return g


def relations_of(g: nx.MultiDiGraph) -> list[Relation]:
    """The graph's edges back as Relation records, sorted."""
    return [Relation(s, k, o, d["evidence"]) for s, o, k, d in sorted(g.edges(keys=True, data=True))]
