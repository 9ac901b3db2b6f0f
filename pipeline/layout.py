"""Where a picture puts each entity, and which entities it shows.

``readable_part`` picks what a person can read (entities that take part in facts, at most so
many, the largest connected parts first) with a note of what it left out, so that the cost of
a picture is bounded whatever the size of the corpus; ``layout`` gives deterministic positions,
each connected part laid out on its own (ForceAtlas2 for the larger ones) and the parts packed
in rows.
"""
from __future__ import annotations

import heapq
import math
from collections import deque

import networkx as nx

from .forces import forceatlas2

FORCE_LIMIT = 300
"""Connected parts up to this size get ForceAtlas2 (``forces.forceatlas2``, whose cost grows with
the square of the size); in a larger part its best connected entities do, and the others are placed around the
neighbour through which they were reached, so the cost grows about linearly beyond this."""
FORCE_ITERATIONS = 50
"""ForceAtlas2 iterations (NetworkX's default is 100): the positions move little after 50 on a
news graph, and the layout was half of a small run's export time."""


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
    parts = [_graph(simple, comp) for comp in comps]
    big = [part for part in parts if len(part) > SMALL_COMPONENT]
    cores = [_graph(part, _core(part)) for part in big]
    forced = iter([_around(part, core, placed) for part, core, placed in
                   zip(big, cores, forceatlas2(cores, FORCE_ITERATIONS, seed=7))])
    pos: dict[str, tuple[float, float]] = {}
    for comp, part, (cx, cy, side) in zip(comps, parts, cells):
        sub = _small_layout(part) if len(comp) <= SMALL_COMPONENT else next(forced)
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


def _graph(g: nx.Graph, nodes: list[str]) -> nx.Graph:
    """The part of ``g`` on ``nodes``, its nodes in that order and its edges sorted (not
    g.subgraph(): its node order follows a set, i.e. the hash seed)."""
    part = nx.Graph()
    part.add_nodes_from(nodes)
    part.add_edges_from(sorted(e for e in g.edges(nodes) if e[0] in part and e[1] in part))
    return part


def _core(part: nx.Graph) -> list[str]:
    """What ForceAtlas2 lays out of a part: all of it, or its ``FORCE_LIMIT`` best connected."""
    return sorted(part) if len(part) <= FORCE_LIMIT else sorted(_best_connected(part, part, sorted(part), FORCE_LIMIT))


def _around(part: nx.Graph, core: nx.Graph, at: dict) -> dict[str, tuple[float, float]]:
    """The core's positions (``at``), and each entity of the part left put near the placed neighbour
    through which a breadth-first walk from the placed ones reached it, its children spread on
    a sunflower spiral around it."""
    placed = {n: (float(x), float(y)) for n, (x, y) in at.items()}
    if len(placed) == len(part):
        return placed
    lengths = sorted(math.dist(placed[a], placed[b]) for a, b in core.edges())
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
