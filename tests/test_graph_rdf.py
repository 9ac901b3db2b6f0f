"""Graph and RDF stages on literal records; the small golden Turtle file is reviewed by hand."""
from __future__ import annotations

from pathlib import Path

import rdflib
from rdflib.compare import isomorphic
from rdflib.namespace import RDF, RDFS, SKOS

from newsgraph.graph import build_graph, relations_of
from newsgraph.rdf import serialize, to_rdf
from newsgraph.types import Document, Entity, Evidence, Qualifiers, Relation
from newsgraph.vocab import NG

GOLDEN = Path(__file__).parent / "golden" / "small.ttl"
BASE = "https://example.org/id/"

ENTITIES = [
    Entity("person/ada-brenner", "Ada Brenner", "Person", ("Brenner",), 2, ("a.txt",)),
    Entity("organization/quillon", "Quillon", "Organization", (), 1, ("a.txt",)),
    Entity("product/skyline", "Skyline", "Product", ("Skyline app",), 1, ("a.txt",)),
]
EV = Evidence("a.txt", "Ada Brenner founded Quillon in 2012.", 0, 36, "founded.verb.v1", 0.9,
              Qualifiers(point="2012"))
EV2 = Evidence("a.txt", "Quillon CEO Ada Brenner said.", 37, 66, "role.compound.v1", 0.9,
               Qualifiers(role="CEO", start="2019", status="start"))
RELATIONS = [
    Relation("person/ada-brenner", "founded", "organization/quillon", (EV,)),
    Relation("person/ada-brenner", "runs", "organization/quillon", (EV2,)),
    Relation("organization/quillon", "developed", "product/skyline", (EV,)),
]
DOCS = [Document("a.txt", "Quillon news", "ab" * 32, "", date="2024-02-01")]


def test_graph_has_one_node_per_entity_and_one_edge_per_fact():
    g = build_graph(ENTITIES, RELATIONS)
    assert g.number_of_nodes() == 3 and g.number_of_edges() == 3
    assert g.nodes["person/ada-brenner"]["aliases"] == ("Brenner",)
    edge = g.edges["person/ada-brenner", "organization/quillon", "runs"]
    assert (edge["relation"], edge["evidence_count"], edge["confidence"]) == ("runs", 1, 0.9)
    assert relations_of(g) == sorted(RELATIONS, key=lambda r: (r.subject, r.object, r.predicate))


def test_min_confidence_drops_weak_edges():
    weak = Relation("person/ada-brenner", "worksFor", "organization/quillon",
                    (Evidence("a.txt", "s", 0, 1, "r", 0.3),))
    g = build_graph(ENTITIES, RELATIONS + [weak], min_confidence=0.5)
    assert not g.has_edge("person/ada-brenner", "organization/quillon", "worksFor")


def test_rdf_keeps_the_contract_and_statements_beside_it():
    g = to_rdf(build_graph(ENTITIES, RELATIONS), BASE, DOCS)
    ada = rdflib.URIRef(BASE + "person/ada-brenner")
    quillon = rdflib.URIRef(BASE + "organization/quillon")
    assert (ada, RDF.type, NG.Person) in g
    assert list(g.objects(ada, RDFS.label)) == [rdflib.Literal("Ada Brenner")]
    assert list(g.objects(ada, SKOS.altLabel)) == [rdflib.Literal("Brenner")]
    assert (ada, NG.founded, quillon) in g
    st = next(g.subjects(RDF.predicate, NG.runs))
    assert (st, RDF.subject, ada) in g and (st, RDF.object, quillon) in g
    assert str(g.value(st, NG.role)) == "CEO"
    assert (ada, NG.runsStatement, st) in g and (st, NG.runsValue, quillon) in g  # Wikidata's p: and ps:
    # times as Wikidata writes them, which OWL 2 reasoners accept: a dateTime and its precision
    start = g.value(st, NG.startTime)
    assert start.datatype == rdflib.XSD.dateTime and str(start) == "2019-01-01T00:00:00Z"
    assert g.value(st, NG.startTimePrecision) == rdflib.Literal(9)
    assert RDF.Statement not in set(g.objects(st, RDF.type))  # reserved vocabulary in OWL 2 DL


def test_rdf_matches_the_reviewed_golden_file():
    # byte for byte (rdflib would read the golden file's xsd:dateTime "...Z" back as "...+00:00")
    g = to_rdf(build_graph(ENTITIES, RELATIONS), BASE, DOCS)
    assert serialize(g) == GOLDEN.read_bytes(), serialize(g).decode()
    assert isomorphic(rdflib.Graph().parse(data=serialize(g), format="turtle"), rdflib.Graph().parse(GOLDEN))


def test_serialization_is_deterministic():
    one = serialize(to_rdf(build_graph(ENTITIES, RELATIONS), BASE, DOCS))
    two = serialize(to_rdf(build_graph(list(reversed(ENTITIES)), list(reversed(RELATIONS))), BASE, DOCS))
    assert one == two


def test_the_run_path_and_the_rdflib_path_write_the_same_bytes():
    from newsgraph.rdf import FORMATS, triples
    graph = build_graph(ENTITIES, RELATIONS)
    statements, g = triples(graph, BASE, DOCS), to_rdf(graph, BASE, DOCS)
    assert len(statements) == len(g) == len(set(statements))
    for fmt in FORMATS:
        assert serialize(statements, fmt, BASE + "graph") == serialize(g, fmt, BASE + "graph"), fmt
