"""forces.forceatlas2 lays graphs out as NetworkX's ForceAtlas2 does, many at once."""
from __future__ import annotations

import networkx as nx
import numpy as np
import pytest

from newsgraph.forces import forceatlas2


def _graphs() -> list[nx.Graph]:
    star = nx.star_graph(6)
    chain = nx.path_graph(9)
    tree = nx.Graph((i, (i * 7919) % i) for i in range(1, 120))  # a random-looking tree
    tree.add_edges_from((i, (i * 31) % 120) for i in range(0, 120, 17))
    lollipop = nx.lollipop_graph(5, 4)
    return [nx.relabel_nodes(g, {v: f"n{v:03d}" for v in g}) for g in (star, chain, tree, lollipop)]


@pytest.mark.parametrize("iterations", [1, 5, 20])
def test_positions_are_networkx_forceatlas2s(iterations):
    graphs = _graphs()
    for g, ours in zip(graphs, forceatlas2(graphs, iterations, seed=7)):
        theirs = nx.forceatlas2_layout(g, max_iter=iterations, seed=7)
        assert list(ours) == list(g)
        a, b = np.array([theirs[v] for v in g]), np.array([ours[v] for v in g])
        # (NetworkX keeps the positions in float32, these in float64: the roundings differ)
        assert np.abs(a - b).max() <= 1e-5 * np.ptp(a), (len(g), iterations)


def test_a_graph_is_laid_out_the_same_alone_or_with_others():
    graphs = _graphs()
    together = forceatlas2(graphs, 50, seed=7)
    for g, pos in zip(graphs, together):
        alone = forceatlas2([g], 50, seed=7)[0]
        assert np.allclose([pos[v] for v in g], [alone[v] for v in g], rtol=0, atol=1e-9 * 1000)
    assert forceatlas2(graphs, 50, seed=7)[2].keys() == together[2].keys()


def test_a_layout_spreads_the_nodes_and_stops_when_nothing_moves():
    empty, one, two = nx.Graph(), nx.Graph(), nx.Graph([("a", "b")])
    one.add_node("x")
    out = forceatlas2([empty, one, two, nx.path_graph(6)], 50, seed=7)
    assert out[0] == {} and list(out[1]) == ["x"] and np.isfinite(out[1]["x"]).all()
    assert np.linalg.norm(out[2]["a"] - out[2]["b"]) > 0.1
    chain = out[3]
    assert len({tuple(np.round(p, 3)) for p in chain.values()}) == 6
    # the ends of a chain end up farther apart than neighbours
    assert np.linalg.norm(chain[0] - chain[5]) > 2 * np.linalg.norm(chain[0] - chain[1])
