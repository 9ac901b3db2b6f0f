"""The interactive HTML view: one self-contained page (no network) that draws the graph with
sigma.js and graphology (inlined from ``view.js``, built by view/build.mjs from pinned npm
packages) and holds its data as JSON. ``generate_html`` returns bytes and is pure."""
from __future__ import annotations

import json
import math
from pathlib import Path

import networkx as nx

from .flat import PALETTE, RELATION_COLOURS, flat_nodes, summary_times, xml_safe
from .layout import ASPECT, layout, readable_part
from .types import summarize

VIEW_ENTITIES = 5000
"""The HTML view shows at most this many entities with facts (sigma.js draws them on WebGL; the
benchmark opens 5,000 entities and 10,000 facts in headless Chromium)."""
VIEW_WITHOUT_FACTS = 2000
"""...and at most this many entities without facts, the most mentioned first, hidden until asked for."""
VIEW_EVIDENCE = 5
"""Evidence sentences the view shows per fact (the others are counted): a fact that a thousand
articles state does not make the page a thousand sentences longer."""


def view_part(g: nx.MultiDiGraph) -> tuple[nx.MultiDiGraph, list[str], str | None]:
    """What the HTML view carries: the readable part of the entities with facts (at most
    ``VIEW_ENTITIES``), the entities without facts it shows on request (at most
    ``VIEW_WITHOUT_FACTS``, the most mentioned first), and a note of what it leaves out."""
    part, _ = readable_part(g, VIEW_ENTITIES)
    with_facts = sum(1 for n in g if g.degree(n))
    without = sorted((n for n in g if not g.degree(n)), key=lambda n: (-g.nodes[n]["mentions"], n))
    lone = without[:VIEW_WITHOUT_FACTS]
    shown = len(part)
    part.add_nodes_from((n, g.nodes[n]) for n in lone)
    left = ([f"showing {shown:,} of {with_facts:,} entities with facts"] if shown < with_facts else []) + \
        ([f"{len(without) - len(lone):,} of {len(without):,} entities without facts not included"]
         if len(without) > len(lone) else [])
    return part, lone, "; ".join(left) or None


def positions(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Where the view draws each entity it carries (the PNG reuses them: one layout per run)."""
    part, lone, _ = view_part(g)
    return _positions(part, lone)


def _positions(part: nx.MultiDiGraph, lone: list[str]) -> dict[str, tuple[float, float]]:
    pos = layout(part.subgraph(n for n in part if part.degree(n)))
    cols = max(1, math.ceil(math.sqrt(len(lone) * ASPECT)))
    for i, n in enumerate(lone):
        pos[n] = (round((i % cols + 0.5) / cols, 4), round(-0.1 - (i // cols) / cols, 4))
    return pos


def view_data(g: nx.MultiDiGraph, pos: dict | None = None) -> dict:
    """What the HTML view shows: nodes with positions and facts, edges with evidence, and a note
    of what it leaves out (see ``view_part``). Entities without facts sit in rows below the
    graph (the view hides them until asked)."""
    part, lone, note = view_part(g)
    if pos is None:
        pos = _positions(part, lone)
    nodes = []
    for node, label, attrs in flat_nodes(part):
        x, y = pos.get(node, (0.5, 0.5))
        nodes.append({"id": node, "label": xml_safe(label), "type": attrs["type"],
                      "aliases": [xml_safe(a) for a in part.nodes[node]["aliases"]], "facts": attrs["facts"],
                      "x": x, "y": y})
    edges = []
    for s, o, k, d in sorted(part.edges(keys=True, data=True)):
        summary = summarize(d["evidence"])
        start, end = summary_times(summary, as_dates=False)
        edges.append({"source": s, "target": o, "relation": k, "confidence": d["confidence"],
                      "role": summary.role, "start": start, "end": end, "qualifiers": summary.words(),
                      "evidence": [{"doc": xml_safe(e.doc_id), "rule": e.rule, "sentence": xml_safe(e.sentence)}
                                   for e in d["evidence"][:VIEW_EVIDENCE]],
                      "more": max(0, len(d["evidence"]) - VIEW_EVIDENCE)})
    return {"nodes": nodes, "edges": edges, "note": note,
            "palette": _css(PALETTE), "relations": _css(RELATION_COLOURS)}


def _css(colours: dict) -> dict[str, str]:
    """RGB triples as CSS colours ('#4285f4')."""
    return {k: "#%02x%02x%02x" % v for k, v in colours.items()}


def generate_html(g: nx.MultiDiGraph, pos: dict | None = None) -> bytes:
    """A self-contained page (no network): the graph drawn by sigma.js (inlined from
    ``view.js``, see view/build.mjs) with search, filters, focus, evidence and a time slider."""
    payload = json.dumps(view_data(g, pos), ensure_ascii=True, sort_keys=True, separators=(",", ":"))
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    here = Path(__file__).parent
    library = (here / "view.js").read_text(encoding="utf-8")
    if "</script" in library.lower() or "<!--" in library:
        raise ValueError("view.js cannot be inlined: it contains '</script' or '<!--'")
    template = (here / "view.html").read_text(encoding="utf-8")
    head, _, rest = template.partition("/*LIBRARY*/")  # split, not replace: no name can reach a marker
    middle, _, tail = rest.partition("/*DATA*/null")
    return (head + library + middle + payload + tail).encode("utf-8")
