"""The graph flattened for the file formats: node and edge rows, colours, XML-safe text and the
times of an edge, shared by the file exports (export.py) and the pictures (view.py, pictures.py)."""
from __future__ import annotations

import networkx as nx

from .text import visible
from .types import Summary, summarize

PALETTE = {"Person": (66, 133, 244), "Organization": (219, 68, 55), "Product": (15, 157, 88)}
"""Node colors by type: blue people, red organizations, green products."""
RELATION_COLOURS = {"founded": (121, 85, 72), "cofounded": (255, 152, 0), "succeeded": (156, 39, 176),
                    "runs": (233, 30, 99), "developed": (0, 150, 136), "owns": (63, 81, 181),
                    "worksFor": (158, 158, 158), "educatedAt": (205, 220, 57)}
"""One colour per relation, for the edges and the legend of both pictures."""


def xml_safe(value) -> str:
    """A value as visible text that XML 1.0 allows."""
    return visible(str(value))


def flat_nodes(g: nx.MultiDiGraph):
    """(id, label, {attr: value}) with lists joined by ' | ', sorted by id."""
    for node in sorted(g.nodes):
        d = g.nodes[node]
        yield node, d["label"], {"type": d["type"], "aliases": " | ".join(d["aliases"]),
                                 "mentions": d["mentions"], "documents": " | ".join(d["documents"]),
                                 "facts": g.degree(node)}


def flat_edges(g: nx.MultiDiGraph):
    """(id, source, target, label, weight, {attr: value}) sorted by (source, relation, target)."""
    for s, o, k, d in sorted(g.edges(keys=True, data=True)):
        evs = d["evidence"]
        yield (f"{s}|{k}|{o}", s, o, k, d["evidence_count"],
               {"relation": k, "confidence": d["confidence"], "evidence": d["evidence_count"],
                "evidence_text": evs[0].sentence if evs else "",
                "rules": " ".join(sorted({e.rule for e in evs}))})


def _gexf_date(value: str | None) -> str | None:
    """ISO year, year-month or date -> the xsd:date Gephi's timeline reads."""
    if not value:
        return None
    parts = value.split("-")
    return "-".join([parts[0]] + [(parts[i] if len(parts) > i else "01") for i in (1, 2)])


def edge_times(evidence, as_dates: bool = True) -> tuple[str | None, str | None]:
    """(start, end) of a relation from its evidence (see ``summary_times``)."""
    return summary_times(summarize(evidence), as_dates)


def summary_times(summary: Summary, as_dates: bool = True) -> tuple[str | None, str | None]:
    """(start, end) of a relation's summary (a point in time counts as the start); as full dates
    for Gephi, or as the text gave them (2012, 2021-11, 2024-05-20). An end before the start is
    left out (Gephi refuses such an interval)."""
    conv = _gexf_date if as_dates else (lambda v: v)
    start, end = conv(summary.start or summary.point), conv(summary.end)
    if start and end and (_gexf_date(end) < _gexf_date(summary.start or summary.point)):
        end = None
    return start, end
