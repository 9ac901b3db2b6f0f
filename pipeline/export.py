"""Export stage: the NetworkX graph -> GEXF 1.3 and GraphML for Gephi and other graph tools.

``generate_gexf`` and ``generate_graphml`` return bytes and are pure; the run
layer writes them. Values are cleaned of characters XML 1.0 forbids.
"""
from __future__ import annotations

import io
import re
import xml.etree.ElementTree as ET

import networkx as nx

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
NODE_ATTRS = (("type", "string"), ("aliases", "string"), ("mentions", "integer"), ("documents", "string"),
              ("facts", "integer"))
EDGE_ATTRS = (("relation", "string"), ("confidence", "double"), ("evidence", "integer"),
              ("evidence_text", "string"), ("rules", "string"))
PALETTE = {"Person": (66, 133, 244), "Organization": (219, 68, 55), "Product": (15, 157, 88)}
"""Node colors by type: blue people, red organizations, green products."""


def xml_safe(value) -> str:
    return XML_FORBIDDEN.sub("", str(value))


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


def generate_gexf(g: nx.MultiDiGraph) -> bytes:
    ET.register_namespace("", GEXF_NS)
    ET.register_namespace("viz", VIZ_NS)
    root = ET.Element(f"{{{GEXF_NS}}}gexf", {"version": "1.3"})
    meta = ET.SubElement(root, f"{{{GEXF_NS}}}meta")
    ET.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "newsgraph"
    ET.SubElement(meta, f"{{{GEXF_NS}}}description").text = "Knowledge graph of people, organizations and products"
    graph = ET.SubElement(root, f"{{{GEXF_NS}}}graph", {"defaultedgetype": "directed", "mode": "static"})
    for cls, attrs in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        block = ET.SubElement(graph, f"{{{GEXF_NS}}}attributes", {"class": cls, "mode": "static"})
        for i, (title, kind) in enumerate(attrs):
            ET.SubElement(block, f"{{{GEXF_NS}}}attribute", {"id": str(i), "title": title, "type": kind})
    nodes = ET.SubElement(graph, f"{{{GEXF_NS}}}nodes")
    for node, label, attrs in flat_nodes(g):
        el = ET.SubElement(nodes, f"{{{GEXF_NS}}}node", {"id": xml_safe(node), "label": xml_safe(label)})
        _attvalues(el, NODE_ATTRS, attrs)
        r, gr, b = PALETTE[attrs["type"]]
        ET.SubElement(el, f"{{{VIZ_NS}}}color", {"r": str(r), "g": str(gr), "b": str(b)})
        ET.SubElement(el, f"{{{VIZ_NS}}}size", {"value": f"{10 + 4 * attrs['facts']:.1f}"})
    edges = ET.SubElement(graph, f"{{{GEXF_NS}}}edges")
    for eid, s, o, label, weight, attrs in flat_edges(g):
        el = ET.SubElement(edges, f"{{{GEXF_NS}}}edge", {"id": xml_safe(eid), "source": xml_safe(s),
                                                          "target": xml_safe(o), "label": label,
                                                          "weight": f"{float(weight):.1f}"})
        _attvalues(el, EDGE_ATTRS, attrs)
    ET.indent(root)
    buf = io.BytesIO()
    ET.ElementTree(root).write(buf, encoding="utf-8", xml_declaration=True)
    return buf.getvalue() + b"\n"


def _attvalues(el, spec, attrs) -> None:
    vals = ET.SubElement(el, f"{{{GEXF_NS}}}attvalues")
    for i, (title, _) in enumerate(spec):
        value = attrs[title]
        if value == "":
            continue
        ET.SubElement(vals, f"{{{GEXF_NS}}}attvalue", {"for": str(i), "value": xml_safe(value)})


def generate_graphml(g: nx.MultiDiGraph) -> bytes:
    """GraphML with typed keys; node and edge attributes flattened to scalars."""
    flat = nx.MultiDiGraph()
    for node, label, attrs in flat_nodes(g):
        flat.add_node(xml_safe(node), label=xml_safe(label), **{k: xml_safe(v) if isinstance(v, str) else v
                                                                 for k, v in attrs.items()})
    for eid, s, o, label, weight, attrs in flat_edges(g):
        flat.add_edge(xml_safe(s), xml_safe(o), key=xml_safe(eid), label=label, weight=float(weight),
                      **{k: xml_safe(v) if isinstance(v, str) else v for k, v in attrs.items()})
    return "\n".join(nx.generate_graphml(flat, encoding="utf-8", prettyprint=True)).encode("utf-8") + b"\n"
