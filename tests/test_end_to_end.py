"""End to end on corpus/: the graph contract holds and a second run is byte-identical."""
from __future__ import annotations

import shutil

import pytest
import rdflib
from rdflib.namespace import RDF, RDFS, SKOS

from newsgraph.run import Settings, run
from newsgraph.types import PREDICATES
from newsgraph.vocab import NG

from .conftest import ROOT

CLASSES = {NG.Person, NG.Organization, NG.Product}


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    summary = run(Settings(corpus=ROOT / "corpus", out=out))
    return out, summary


def test_run_reads_every_seed_article(outputs):
    _, summary = outputs
    assert summary.read == 3 and summary.skipped == []


def test_graph_contract(outputs):
    out, _ = outputs
    g = rdflib.Graph().parse(out / "graph.ttl")
    entities = {s for c in CLASSES for s in g.subjects(RDF.type, c)}
    assert len(entities) >= 10
    for e in entities:
        assert len([c for c in g.objects(e, RDF.type) if c in CLASSES]) == 1
        assert len(list(g.objects(e, RDFS.label))) == 1
        assert str(g.value(e, RDFS.label)) not in {str(a) for a in g.objects(e, SKOS.altLabel)}
    direct = [(s, p, o) for s, p, o in g if p in {NG[x] for x in PREDICATES}]
    assert len(direct) >= 10
    assert all(s in entities and o in entities for s, _, o in direct)
    # every direct triple has its statement with evidence beside it
    for s, p, o in direct:
        st = [x for x in g.subjects(RDF.predicate, p) if (x, RDF.subject, s) in g and (x, RDF.object, o) in g]
        assert len(st) == 1
        assert any(True for _ in g.objects(st[0], rdflib.namespace.PROV.wasDerivedFrom))


def test_cofounded_implies_founded_and_runs_implies_works_for(outputs):
    out, _ = outputs
    g = rdflib.Graph().parse(out / "graph.ttl")
    for s, _, o in g.triples((None, NG.cofounded, None)):
        assert (s, NG.founded, o) in g
    for s, _, o in g.triples((None, NG.runs, None)):
        if (o, RDF.type, NG.Organization) in g:
            assert (s, NG.worksFor, o) in g


def test_second_run_is_byte_identical(outputs, tmp_path):
    out, _ = outputs
    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", corpus)
    run(Settings(corpus=corpus, out=tmp_path / "again"))
    for name in ("graph.ttl", "graph.gexf", "graph-timeline.gexf", "graph.graphml", "nodes.csv", "edges.csv",
                 "graph.html", "graph.png"):
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name


@pytest.mark.parametrize("corpus", ["corpus", "docs/example/news"])
def test_the_graphs_of_the_seed_and_example_corpora_conform_to_the_shapes(corpus, outputs, tmp_path):
    from newsgraph.graphfile import read_graph
    from newsgraph.lexicon import default_dir
    from newsgraph.validate import check
    out = outputs[0] if corpus == "corpus" else tmp_path
    if corpus != "corpus":
        run(Settings(corpus=ROOT / corpus, out=out, skip_pictures=True))
    assert check(read_graph(out / "graph.ttl"), default_dir() / "shapes.ttl") == []
