"""Pictures of the graph for people: a self-contained interactive HTML view and a PNG drawing.

Both share one layout (``layout``); each ``generate_*`` returns bytes and is pure.
"""
from __future__ import annotations

import io
import json
from pathlib import Path

import networkx as nx

from .flat import PALETTE, flat_nodes, summary_times, xml_safe
from .text import visible
from .types import summarize


def layout(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Deterministic positions in [0, 1] x [0, 1]. Connected components are drawn with a
    seeded spring layout, the largest first, side by side in rows; entities without relations
    line up along the bottom."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes))
    simple.add_edges_from(sorted((s, o) for s, o in g.edges() if s != o))
    comps = sorted((sorted(c) for c in nx.connected_components(simple) if len(c) > 1), key=lambda c: (-len(c), c))
    lonely = sorted(n for n in simple if simple.degree(n) == 0)
    pos: dict[str, tuple[float, float]] = {}
    band = 0.72 if lonely else 1.0
    if comps:
        total = sum(len(c) for c in comps)
        x = 0.0
        for comp in comps:
            width = max(0.12, len(comp) / total)
            part = nx.Graph()  # not simple.subgraph(): its node order follows a set, i.e. the hash seed
            part.add_nodes_from(comp)
            part.add_edges_from(sorted(e for e in simple.edges(comp) if e[0] in part and e[1] in part))
            sub = _small_layout(part) if len(comp) <= SMALL_COMPONENT else \
                nx.spring_layout(part, seed=7, iterations=50)
            xs = [p[0] for p in sub.values()]
            ys = [p[1] for p in sub.values()]
            sx, sy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
            for n, (px, py) in sub.items():
                pos[n] = (x + 0.05 * width + 0.9 * width * (px - min(xs)) / sx, 0.05 + 0.9 * band * (py - min(ys)) / sy)
            x += width
        scale = 1.0 / x
        pos = {n: (p[0] * scale, p[1]) for n, p in pos.items()}
    per_row = max(1, min(len(lonely), 8))
    rows = (len(lonely) + per_row - 1) // per_row
    for i, n in enumerate(lonely):
        r, c = divmod(i, per_row)
        pos[n] = ((c + 0.5) / per_row, (band + 0.05 + (1 - band - 0.05) * (r + 0.5) / max(1, rows)) if comps else
                  (r + 0.5) / max(1, rows))
    return {n: (round(x, 4), round(y, 4)) for n, (x, y) in pos.items()}


SMALL_COMPONENT = 5
"""Components up to this size are drawn as a star around their best connected entity; larger
ones get a spring layout of NetworkX's default 50 iterations (a news graph has many small
components: one spring layout each was most of the export time; 100 iterations drew no better
and took 0.17 s of a run over 30 documents, against 0.10 s)."""


def _small_layout(part: nx.Graph) -> dict[str, tuple[float, float]]:
    if len(part) <= 2:
        return {n: (float(i), 0.5) for i, n in enumerate(sorted(part))}
    hub = min(part, key=lambda n: (-part.degree(n), n))
    return nx.shell_layout(part, nlist=[[hub], sorted(n for n in part if n != hub)])


def view_data(g: nx.MultiDiGraph, pos: dict | None = None) -> dict:
    """What the HTML view shows: nodes with positions and facts, edges with evidence."""
    pos = layout(g) if pos is None else pos
    nodes = []
    for node, label, attrs in flat_nodes(g):
        x, y = pos.get(node, (0.5, 0.5))
        nodes.append({"id": node, "label": xml_safe(label), "type": attrs["type"],
                      "aliases": [xml_safe(a) for a in g.nodes[node]["aliases"]], "facts": attrs["facts"],
                      "x": x, "y": y})
    edges = []
    for s, o, k, d in sorted(g.edges(keys=True, data=True)):
        summary = summarize(d["evidence"])
        start, end = summary_times(summary, as_dates=False)
        edges.append({"source": s, "target": o, "relation": k, "confidence": d["confidence"],
                      "role": summary.role, "start": start, "end": end, "qualifiers": summary.words(),
                      "evidence": [{"doc": xml_safe(e.doc_id), "rule": e.rule, "sentence": xml_safe(e.sentence)}
                                   for e in d["evidence"]]})
    return {"nodes": nodes, "edges": edges,
            "palette": {k: "#%02x%02x%02x" % v for k, v in PALETTE.items()}}


def generate_html(g: nx.MultiDiGraph, pos: dict | None = None) -> bytes:
    """A self-contained page (no network): the graph as SVG, search by name, click for facts."""
    payload = json.dumps(view_data(g, pos), ensure_ascii=True, sort_keys=True)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    template = (Path(__file__).with_name("view.html")).read_text(encoding="utf-8")
    return template.replace("/*DATA*/null", payload).encode("utf-8")


PNG_LABELS = 80
"""The drawing names the entities with the most facts, at most this many (it stays readable)."""
PNG_EDGE_LABELS = 150
"""Edges are labelled with their relations when there are at most this many."""


PNG_SIZE = (1200, 900)
"""Width and height of graph.png in pixels."""
PNG_SCALE = 2
"""The picture is drawn this many times larger, then scaled down: smooth lines and circles."""


def generate_png(g: nx.MultiDiGraph, pos: dict | None = None) -> bytes:
    """A static drawing for reports (Pillow; PNG without timestamps, the same bytes every time).

    Edges are grey arrows labelled with their relations, nodes are circles coloured by type and
    sized by their number of facts, the best connected entities are named, a legend explains the
    colours."""
    from PIL import Image, ImageDraw, ImageFont

    pos = layout(g) if pos is None else pos
    k = PNG_SCALE
    width, height = PNG_SIZE[0] * k, PNG_SIZE[1] * k
    margin = 60 * k
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)

    def font(size: int):
        # Pillow's own font (Aileron), laid out without libraqm so every machine draws the same
        return ImageFont.load_default(size=size * k).font_variant(layout_engine=ImageFont.Layout.BASIC)

    small, normal = font(10), font(12)

    def at(node: str) -> tuple[float, float]:
        x, y = pos[node]
        return margin + x * (width - 2 * margin), height - margin - y * (height - 2 * margin)

    nodes = list(flat_nodes(g))
    radius = {n: k * (4 + 1.5 * min(a["facts"], 12)) for n, _, a in nodes}
    labels: dict[tuple[str, str], list[str]] = {}
    for s, o, rel in sorted(g.edges(keys=True)):
        labels.setdefault((s, o), []).append(rel)
    for (s, o), rels in labels.items():
        (x1, y1), (x2, y2) = at(s), at(o)
        draw.line([(x1, y1), (x2, y2)], fill=(189, 189, 189), width=2 * k)
        length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
        if length > radius[o] + 1:
            ux, uy = (x2 - x1) / length, (y2 - y1) / length
            tx, ty = x2 - ux * (radius[o] + 2 * k), y2 - uy * (radius[o] + 2 * k)
            a, b = 9 * k, 4 * k
            draw.polygon([(tx, ty), (tx - ux * a - uy * b, ty - uy * a + ux * b),
                          (tx - ux * a + uy * b, ty - uy * a - ux * b)], fill=(158, 158, 158))
    if len(labels) <= PNG_EDGE_LABELS:
        for (s, o), rels in labels.items():
            (x1, y1), (x2, y2) = at(s), at(o)
            text = ", ".join(rels)
            box = draw.textbbox(((x1 + x2) / 2, (y1 + y2) / 2), text, font=small, anchor="mm")
            draw.rectangle((box[0] - k, box[1] - k, box[2] + k, box[3] + k), fill=(255, 255, 255))
            draw.text(((x1 + x2) / 2, (y1 + y2) / 2), text, font=small, fill=(97, 97, 97), anchor="mm")
    for node, _, attrs in nodes:
        x, y = at(node)
        r = radius[node]
        draw.ellipse((x - r, y - r, x + r, y + r), fill=PALETTE[attrs["type"]], outline="white", width=k)
    named = sorted(nodes, key=lambda t: (-t[2]["facts"], t[0]))[:PNG_LABELS]
    for node, label, _ in sorted(named):
        x, y = at(node)
        draw.text((x, y - radius[node] - 2 * k), visible(label, one_line=True), font=normal, fill=(33, 33, 33), anchor="mb")
    x, y = width - 170 * k, height - 30 * k * len(PALETTE) - 10 * k
    for i, (kind, colour) in enumerate(PALETTE.items()):
        cy = y + 30 * k * i
        draw.ellipse((x, cy - 7 * k, x + 14 * k, cy + 7 * k), fill=colour)
        draw.text((x + 24 * k, cy), kind, font=normal, fill=(33, 33, 33), anchor="lm")
    buf = io.BytesIO()
    # k x k pixels averaged: smooth edges; zlib level 3 encodes in two thirds of the time of the
    # default 6, for a file 1-10 % larger
    img.reduce(k).save(buf, format="PNG", optimize=False, compress_level=3)
    return buf.getvalue()
