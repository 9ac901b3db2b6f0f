"""graph.png: a drawing of the readable part of the graph (see ``layout.readable_part``) for
reports, at A4 proportions, edges coloured by relation, labels placed without overlap and the
legend and a note of what is left out in a panel beside the drawing. ``generate_png`` returns
bytes and is pure."""
from __future__ import annotations

import io
from importlib import resources

import networkx as nx

from .flat import PALETTE, RELATION_COLOURS, flat_nodes
from .layout import layout, readable_part
from .text import visible

PNG_ENTITIES = 150
"""The drawing shows at most this many entities (what reads on an A4 page)."""
PNG_SIZE = (1240, 877)
"""Width and height of graph.png in pixels (A4 landscape proportions)."""
PNG_SCALE = 2
"""The picture is drawn this many times larger, then scaled down: smooth lines and circles."""
PANEL = 230
"""Width of the panel on the right that holds the legend and the note, outside the drawing."""


def _font(size: int):
    """DejaVu Sans (in the package: fonts/README.md; Pillow's own font has no accented letters),
    laid out without libraqm so that every machine draws the same."""
    from PIL import ImageFont
    with resources.as_file(resources.files("newsgraph") / "fonts" / "DejaVuSans.ttf") as path:
        return ImageFont.truetype(str(path), size * PNG_SCALE, layout_engine=ImageFont.Layout.BASIC)


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


def _fit(pos: dict[str, tuple[float, float]]) -> dict[str, tuple[float, float]]:
    """Positions laid out for more entities (the view's), stretched to fill [0, 1] again."""
    xs, ys = [p[0] for p in pos.values()], [p[1] for p in pos.values()]
    if not pos:
        return {}
    sx, sy = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return {n: (0.5 if len(pos) == 1 else 0.02 + 0.96 * (x - min(xs)) / sx,
                0.5 if len(pos) == 1 else 0.02 + 0.96 * (y - min(ys)) / sy) for n, (x, y) in pos.items()}


def drawing(g: nx.MultiDiGraph, pos: dict | None = None):
    """(the picture at PNG_SCALE times its size, entity id -> the box of its label there).

    It shows the readable part of the graph (``readable_part``, at most PNG_ENTITIES entities):
    circles coloured by type and sized by number of facts, arrows coloured by relation, labels
    placed where they overlap nothing; the legend and a note of what was left out sit in a panel
    beside the drawing."""
    from PIL import Image, ImageDraw

    g, note = readable_part(g, PNG_ENTITIES)
    pos = layout(g) if pos is None else _fit({n: pos[n] for n in g})
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
