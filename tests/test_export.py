"""Export stage: GEXF valid against the GEXF 1.3 schema, GraphML read back with typed keys."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
from lxml import etree

from pipeline.export import generate_gexf, generate_graphml
from pipeline.graph import build_graph
from pipeline.types import Entity, Evidence, Relation

XSD = Path(__file__).parent / "schemas" / "gexf" / "1.3" / "gexf.xsd"

HOSTILE = 'Q "quoted" <b> & \x01ctrl\x0b'
ENTITIES = [Entity("person/a", HOSTILE, "Person", ("alias one", "alias two"), 3, ("a.txt", "b.txt")),
            Entity("organization/b", "Beta", "Organization", (), 1, ("a.txt",))]
RELATIONS = [Relation("person/a", "runs", "organization/b",
                      (Evidence("a.txt", "Sentence one.", 0, 13, "r1", 0.8),
                       Evidence("b.txt", "Sentence two.", 0, 13, "r2", 0.5))),
             Relation("person/a", "worksFor", "organization/b", (Evidence("a.txt", "One.", 0, 4, "r1", 0.8),))]


def graph():
    return build_graph(ENTITIES, RELATIONS)


def test_gexf_is_valid_against_the_schema():
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.fromstring(generate_gexf(graph()))
    assert schema.validate(doc), schema.error_log


def test_gexf_carries_labels_types_relations_and_weights():
    doc = etree.fromstring(generate_gexf(graph()))
    ns = {"g": "http://gexf.net/1.3"}
    titles = {a.get("title"): a.get("id") for a in doc.iterfind(".//g:attributes[@class='node']/g:attribute", ns)}
    node = doc.find(".//g:node[@id='person/a']", ns)
    assert node.get("label") == 'Q "quoted" <b> & ctrl'
    assert node.find(f"g:attvalues/g:attvalue[@for='{titles['type']}']", ns).get("value") == "Person"
    edges = doc.findall(".//g:edge", ns)
    assert [(e.get("label"), e.get("weight")) for e in edges] == [("runs", "2.0"), ("worksFor", "1.0")]


def test_graphml_reads_back_with_typed_attributes(tmp_path):
    path = tmp_path / "g.graphml"
    path.write_bytes(generate_graphml(graph()))
    back = nx.read_graphml(path)
    assert back.nodes["person/a"]["type"] == "Person"
    assert back.nodes["person/a"]["mentions"] == 3
    data = [d for _, _, d in back.edges(data=True)]
    assert sorted((d["relation"], d["weight"], d["confidence"]) for d in data) == [
        ("runs", 2.0, 0.9), ("worksFor", 1.0, 0.8)]


def test_export_is_deterministic():
    assert generate_gexf(graph()) == generate_gexf(build_graph(list(reversed(ENTITIES)), RELATIONS))
    assert generate_graphml(graph()) == generate_graphml(build_graph(list(reversed(ENTITIES)), RELATIONS))
