"""Pictures of the graph for people: a self-contained interactive HTML view and a PNG drawing.

Each shows the part of the graph a person can read (``readable_part``: entities that take part
in facts, at most so many, the largest connected parts first) with a note of what it left out,
so that the cost of a picture is bounded whatever the size of the corpus. Both lay it out with
``layout``; each ``generate_*`` returns bytes and is pure.
"""
from __future__ import annotations

import heapq
import io
import json
import math
from collections import deque
from pathlib import Path

import networkx as nx

from .flat import PALETTE, flat_nodes, summary_times, xml_safe
from .text import visible
from .types import summarize


PNG_ENTITIES = 150
"""The drawing shows at most this many entities (what reads on an A4 page)."""
VIEW_ENTITIES = 5000
"""The HTML view shows at most this many entities with facts (sigma.js draws them on WebGL; the
benchmark opens 5,000 entities and 10,000 facts in headless Chromium)."""
VIEW_WITHOUT_FACTS = 2000
"""...and at most this many entities without facts, the most mentioned first, hidden until asked for."""
FORCE_LIMIT = 300
"""Connected parts up to this size get ForceAtlas2 (NetworkX's, whose cost grows with the square of
the size); in a larger part its best connected entities do, and the others are placed around the
neighbour through which they were reached, so the cost grows about linearly beyond this."""


def readable_part(g: nx.MultiDiGraph, limit: int) -> tuple[nx.MultiDiGraph, str | None]:
    """The part of the graph a picture shows: the entities that take part in facts; when there
    are more than ``limit``, whole connected parts, the largest first, as long as they fit, and
    from a part larger than the limit its entities with most facts. A note says what was left
    out (None when nothing was)."""
    simple = nx.Graph()
    simple.add_edges_from(sorted((s, o) for s, o in g.edges() if s != o))
    comps = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c))
    chosen: list[str] = []
    for comp in comps:
        if len(chosen) + len(comp) <= limit:
            chosen += comp
        elif not chosen:  # one part larger than the limit: the best connected region of it
            chosen = _best_connected(simple, g, comp, limit)
    part = nx.MultiDiGraph(g.subgraph(chosen))
    with_facts, without = len(simple), len(g) - len(simple)
    left = ([f"showing {len(chosen):,} of {with_facts:,} entities with facts"] if len(chosen) < with_facts else []) + \
        ([f"{without:,} {'entity' if without == 1 else 'entities'} without facts not shown"] if without else [])
    return part, "; ".join(left) or None


ASPECT = 1.25
"""Width / height of the area the parts are packed into (that of the drawing)."""


def _best_connected(simple: nx.Graph, g: nx.MultiDiGraph, comp: list[str], limit: int) -> list[str]:
    """``limit`` entities of a connected part that hang together: grown from its entity with
    most facts, always taking next the entity with most facts next to those taken."""
    rank = lambda n: (-g.degree(n), n)  # noqa: E731
    start = min(comp, key=rank)
    chosen, seen, frontier = [], {start}, [(rank(start), start)]
    while frontier and len(chosen) < limit:
        _, node = heapq.heappop(frontier)
        chosen.append(node)
        for other in simple.neighbors(node):
            if other not in seen:
                seen.add(other)
                heapq.heappush(frontier, (rank(other), other))
    return chosen


def layout(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Deterministic positions in [0, 1] x [0, 1]. Each connected part is laid out on its own
    (small ones as a star around their best connected entity, larger ones with ForceAtlas2,
    seeded, see ``FORCE_LIMIT``) in a square cell whose side grows with the square root of its
    size; the cells are packed in rows, the largest first, into an area of the drawing's
    proportions."""
    simple = nx.Graph()
    simple.add_nodes_from(sorted(g.nodes))
    simple.add_edges_from(sorted((s, o) for s, o in g.edges() if s != o))
    comps = sorted((sorted(c) for c in nx.connected_components(simple)), key=lambda c: (-len(c), c))
    if not comps:
        return {}
    sides = [len(c) ** 0.5 for c in comps]
    row_width = max(max(sides), (sum(x * x for x in sides) * ASPECT) ** 0.5)
    cells, x, y, row_height = [], 0.0, 0.0, 0.0
    for side in sides:  # shelf packing, rows of at most row_width
        if x > 0 and x + side > row_width + 1e-9:
            x, y, row_height = 0.0, y + row_height, 0.0
        cells.append((x, y, side))
        x, row_height = x + side, max(row_height, side)
    width, height = max(cx + side for cx, _, side in cells), y + row_height
    scale_x, scale_y = 1.0 / width, 1.0 / height
    pos: dict[str, tuple[float, float]] = {}
    for comp, (cx, cy, side) in zip(comps, cells):
        part = nx.Graph()  # not simple.subgraph(): its node order follows a set, i.e. the hash seed
        part.add_nodes_from(comp)
        part.add_edges_from(sorted(e for e in simple.edges(comp) if e[0] in part and e[1] in part))
        sub = _small_layout(part) if len(comp) <= SMALL_COMPONENT else _force_layout(part)
        xs, ys = [p[0] for p in sub.values()], [p[1] for p in sub.values()]
        sx, sy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
        for n, (px, py) in sub.items():
            fx = 0.5 if len(comp) == 1 else 0.1 + 0.8 * (px - min(xs)) / sx
            fy = 0.5 if len(comp) == 1 else 0.1 + 0.8 * (py - min(ys)) / sy
            pos[n] = ((cx + fx * side) * scale_x, 1.0 - (cy + fy * side) * scale_y)
    return {n: (round(px, 4), round(py, 4)) for n, (px, py) in pos.items()}


SMALL_COMPONENT = 5
"""Components up to this size are drawn as a star around their best connected entity (a news
graph has many small components: a force layout each was most of the export time)."""


def _small_layout(part: nx.Graph) -> dict[str, tuple[float, float]]:
    if len(part) <= 2:
        return {n: (float(i), 0.5) for i, n in enumerate(sorted(part))}
    hub = min(part, key=lambda n: (-part.degree(n), n))
    return nx.shell_layout(part, nlist=[[hub], sorted(n for n in part if n != hub)])


GOLDEN_ANGLE = math.pi * (3 - math.sqrt(5))


def _force_layout(part: nx.Graph) -> dict[str, tuple[float, float]]:
    """ForceAtlas2 on the part (on its ``FORCE_LIMIT`` best connected entities when it is larger);
    each entity left is put near the placed neighbour through which a breadth-first walk from
    the placed ones reached it, its children spread on a sunflower spiral around it."""
    core = sorted(part) if len(part) <= FORCE_LIMIT else sorted(_best_connected(part, part, sorted(part), FORCE_LIMIT))
    inner = nx.Graph()
    inner.add_nodes_from(core)
    inner.add_edges_from(sorted(e for e in part.edges(core) if e[0] in inner and e[1] in inner))
    placed = {n: (float(x), float(y)) for n, (x, y) in nx.forceatlas2_layout(inner, max_iter=100, seed=7).items()}
    if len(placed) == len(part):
        return placed
    lengths = sorted(math.dist(placed[a], placed[b]) for a, b in inner.edges())
    step = 0.4 * (lengths[len(lengths) // 2] if lengths else 1.0)
    queue, children = deque(sorted(placed)), {}
    while queue:
        node = queue.popleft()
        for other in sorted(part.neighbors(node)):
            if other in placed:
                continue
            k = children[node] = children.get(node, 0) + 1
            r, a = step * math.sqrt(k), k * GOLDEN_ANGLE
            placed[other] = (placed[node][0] + r * math.cos(a), placed[node][1] + r * math.sin(a))
            queue.append(other)
    return placed


def view_part(g: nx.MultiDiGraph) -> tuple[nx.MultiDiGraph, list[str], str | None]:
    """What the HTML view carries: the readable part of the entities with facts (at most
    ``VIEW_ENTITIES``), the entities without facts it shows on request (at most
    ``VIEW_WITHOUT_FACTS``, the most mentioned first), and a note of what it leaves out."""
    part, _ = readable_part(g, VIEW_ENTITIES)
    with_facts = sum(1 for n in g if g.degree(n))
    without = sorted((n for n in g if not g.degree(n)), key=lambda n: (-g.nodes[n]["mentions"], n))
    lone = without[:VIEW_WITHOUT_FACTS]
    part.add_nodes_from((n, g.nodes[n]) for n in lone)
    left = ([f"showing {len(part) - len(lone):,} of {with_facts:,} entities with facts"]
            if len(part) - len(lone) < with_facts else []) + \
        ([f"{len(without) - len(lone):,} of {len(without):,} entities without facts not included"]
         if len(without) > len(lone) else [])
    return part, lone, "; ".join(left) or None


def view_data(g: nx.MultiDiGraph, pos: dict | None = None) -> dict:
    """What the HTML view shows: nodes with positions and facts, edges with evidence, and a note
    of what it leaves out (see ``view_part``). Entities without facts sit in rows below the
    graph (the view hides them until asked)."""
    part, lone, note = view_part(g)
    if pos is None:
        pos = layout(part.subgraph(n for n in part if part.degree(n)))
        cols = max(1, math.ceil(math.sqrt(len(lone) * ASPECT)))
        for i, n in enumerate(lone):
            pos[n] = (round((i % cols + 0.5) / cols, 4), round(-0.1 - (i // cols) / cols, 4))
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
                                   for e in d["evidence"]]})
    return {"nodes": nodes, "edges": edges, "note": note,
            "palette": {k: "#%02x%02x%02x" % v for k, v in PALETTE.items()},
            "relations": {k: "#%02x%02x%02x" % v for k, v in RELATION_COLOURS.items()}}


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


PNG_SIZE = (1240, 877)
"""Width and height of graph.png in pixels (A4 landscape proportions)."""
PNG_SCALE = 2
"""The picture is drawn this many times larger, then scaled down: smooth lines and circles."""
PANEL = 230
"""Width of the panel on the right that holds the legend and the note, outside the drawing."""
RELATION_COLOURS = {"founded": (121, 85, 72), "cofounded": (255, 152, 0), "succeeded": (156, 39, 176),
                    "runs": (233, 30, 99), "developed": (0, 150, 136), "owns": (63, 81, 181),
                    "worksFor": (158, 158, 158), "educatedAt": (205, 220, 57)}
"""One colour per relation, for the edges and the legend."""


def _font(size: int):
    """Pillow's own font (Aileron), laid out without libraqm so that every machine draws the same."""
    from PIL import ImageFont
    return ImageFont.load_default(size=size * PNG_SCALE).font_variant(layout_engine=ImageFont.Layout.BASIC)


def place_labels(boxes_of, nodes, circles, area) -> dict[str, tuple[float, float, float, float]]:
    """Greedy label placement: for each node in turn (give them best first), the first of above,
    below, right and left of its circle where its label overlaps no label already placed and no
    circle, inside ``area``; a node with no free place gets no label. ``boxes_of(node, where)``
    gives the box a label would take; returns node -> the box of its label."""
    placed: dict[str, tuple[float, float, float, float]] = {}

    def free(box) -> bool:
        x0, y0, x1, y1 = box
        if x0 < area[0] or y0 < area[1] or x1 > area[2] or y1 > area[3]:
            return False
        if any(x0 < b[2] and b[0] < x1 and y0 < b[3] and b[1] < y1 for b in placed.values()):
            return False
        return not any(x0 < cx + r and cx - r < x1 and y0 < cy + r and cy - r < y1 for cx, cy, r in circles)

    for node in nodes:
        for where in ("above", "below", "right", "left"):
            box = boxes_of(node, where)
            if free(box):
                placed[node] = box
                break
    return placed


def generate_png(g: nx.MultiDiGraph, pos: dict | None = None) -> bytes:
    """A static drawing for reports (Pillow; PNG without timestamps, the same bytes every time):
    see ``drawing``."""
    img, _ = drawing(g, pos)
    buf = io.BytesIO()
    # k x k pixels averaged: smooth edges; zlib level 3 encodes in two thirds of the time of the
    # default 6, for a file 1-10 % larger
    img.reduce(PNG_SCALE).save(buf, format="PNG", optimize=False, compress_level=3)
    return buf.getvalue()


def drawing(g: nx.MultiDiGraph, pos: dict | None = None):
    """(the picture at PNG_SCALE times its size, entity id -> the box of its label there).

    It shows the readable part of the graph (``readable_part``, at most PNG_ENTITIES entities):
    circles coloured by type and sized by number of facts, arrows coloured by relation, labels
    placed where they overlap nothing; the legend and a note of what was left out sit in a panel
    beside the drawing."""
    from PIL import Image, ImageDraw

    g, note = readable_part(g, PNG_ENTITIES)
    pos = layout(g) if pos is None else pos
    k = PNG_SCALE
    width, height = PNG_SIZE[0] * k, PNG_SIZE[1] * k
    panel, margin = PANEL * k, 50 * k
    img = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(img)
    small, normal = _font(10), _font(12)

    def at(node: str) -> tuple[float, float]:
        x, y = pos[node]
        return margin + x * (width - panel - 2 * margin), height - margin - y * (height - 2 * margin)

    nodes = list(flat_nodes(g))
    radius = {n: k * (4 + 1.2 * min(a["facts"], 12)) for n, _, a in nodes}
    pairs: dict[frozenset, list[tuple[str, str, str]]] = {}
    for s, o, rel in sorted(g.edges(keys=True)):
        pairs.setdefault(frozenset((s, o)), []).append((s, o, rel))
    for edges in pairs.values():
        for i, (s, o, rel) in enumerate(edges):
            _arrow(draw, at(s), at(o), radius[o], (i - (len(edges) - 1) / 2) * 4 * k, rel, k)
    for node, _, attrs in nodes:
        x, y = at(node)
        r = radius[node]
        draw.ellipse((x - r, y - r, x + r, y + r), fill=PALETTE[attrs["type"]], outline="white", width=k)
    text = {node: visible(label, one_line=True) for node, label, _ in nodes}
    anchors = {"above": "mb", "below": "mt", "right": "lm", "left": "rm"}

    def spot(node, where):
        x, y = at(node)
        r = radius[node] + 2 * k
        return {"above": (x, y - r), "below": (x, y + r), "right": (x + r, y), "left": (x - r, y)}[where]

    def box(node, where):
        return draw.textbbox(spot(node, where), text[node], font=normal, anchor=anchors[where])

    best_first = [n for n, _, _ in sorted(nodes, key=lambda t: (-t[2]["facts"], t[0]))]
    circles = [(*at(n), radius[n]) for n, _, _ in nodes]
    labels = place_labels(box, best_first, circles, (0, 0, width - panel, height))
    for node in sorted(labels):
        where = next(w for w in anchors if box(node, w) == labels[node])
        draw.text(spot(node, where), text[node], font=normal, fill=(33, 33, 33), anchor=anchors[where])
    _legend(draw, width - panel, k, normal, small, note)
    return img, labels


def _arrow(draw, start, end, end_radius: float, offset: float, relation: str, k: int) -> None:
    """An arrow in the relation's colour, shifted sideways by ``offset`` (relations between one
    pair of entities are drawn side by side, not on top of each other)."""
    (x1, y1), (x2, y2) = start, end
    length = ((x2 - x1) ** 2 + (y2 - y1) ** 2) ** 0.5
    if length <= end_radius + 1:
        return
    ux, uy = (x2 - x1) / length, (y2 - y1) / length
    # the same side for both directions: the normal of the pair taken in one order
    nx_, ny_ = (-uy, ux) if (x1, y1) <= (x2, y2) else (uy, -ux)
    x1, y1, x2, y2 = x1 + nx_ * offset, y1 + ny_ * offset, x2 + nx_ * offset, y2 + ny_ * offset
    colour = RELATION_COLOURS.get(relation, (189, 189, 189))
    draw.line([(x1, y1), (x2, y2)], fill=colour, width=2 * k)
    tx, ty = x2 - ux * (end_radius + 2 * k), y2 - uy * (end_radius + 2 * k)
    a, b = 9 * k, 4 * k
    draw.polygon([(tx, ty), (tx - ux * a - uy * b, ty - uy * a + ux * b),
                  (tx - ux * a + uy * b, ty - uy * a - ux * b)], fill=colour)


def _legend(draw, left: int, k: int, normal, small, note: str | None) -> None:
    """The panel beside the drawing: entity types, relations and what was left out."""
    draw.line([(left, 0), (left, 100000)], fill=(224, 224, 224), width=k)
    x, y = left + 16 * k, 30 * k
    for kind, colour in PALETTE.items():
        draw.ellipse((x, y - 7 * k, x + 14 * k, y + 7 * k), fill=colour)
        draw.text((x + 24 * k, y), kind, font=normal, fill=(33, 33, 33), anchor="lm")
        y += 26 * k
    y += 10 * k
    for rel, colour in RELATION_COLOURS.items():
        draw.line([(x, y), (x + 16 * k, y)], fill=colour, width=3 * k)
        draw.text((x + 24 * k, y), rel, font=normal, fill=(33, 33, 33), anchor="lm")
        y += 24 * k
    if note:
        y += 16 * k
        line = ""
        for word in note.replace(";", ";").split():
            if draw.textlength(f"{line} {word}".strip(), font=small) > (PANEL - 32) * k:
                draw.text((x, y), line, font=small, fill=(97, 97, 97))
                y, line = y + 16 * k, word
            else:
                line = f"{line} {word}".strip()
        draw.text((x, y), line, font=small, fill=(97, 97, 97))
