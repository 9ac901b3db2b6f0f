"""Export stage: the NetworkX graph -> files for Gephi and for people.

GEXF 1.3 (static, and dynamic for Gephi's timeline), GraphML, Gephi's CSV node and edge
tables, a self-contained interactive HTML view and a PNG drawing. Every ``generate_*``
returns bytes and is pure; the run layer writes them. Values are cleaned of characters
XML 1.0 forbids.
"""
from __future__ import annotations

import csv
import io
import re
from xml.sax.saxutils import escape

import networkx as nx

from . import pictures, view
from .config import DEFAULT_BASE, EXPORTS  # noqa: F401 (EXPORTS re-exported)
from .flat import PALETTE, edge_times, flat_edges, flat_nodes, xml_safe

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"

NODE_ATTRS = (("type", "string"), ("aliases", "string"), ("mentions", "integer"), ("documents", "string"),
              ("facts", "integer"))
EDGE_ATTRS = (("relation", "string"), ("confidence", "double"), ("evidence", "integer"),
              ("evidence_text", "string"), ("rules", "string"))
ATTR_ENTITIES = {'"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#09;"}
"""Characters escaped in attribute values besides &, < and > (as ElementTree writes them)."""


NEEDS_ESCAPE = re.compile('[&<>"\r\n\t]')


def _attr(value) -> str:
    """A value as a double-quoted XML attribute's content."""
    if type(value) is int:
        return str(value)
    text = xml_safe(value)
    return escape(text, ATTR_ENTITIES) if NEEDS_ESCAPE.search(text) else text


def _tag(indent: int, name: str, attrs: dict, end: str = ">") -> str:
    """One line of indented XML: an opening tag, or an empty element with ``end=" />"``."""
    return "  " * indent + "<" + name + "".join(f' {k}="{_attr(v)}"' for k, v in attrs.items()) + end


def _attvalues(spec, attrs) -> list[str]:
    vals = [_tag(5, "attvalue", {"for": i, "value": attrs[title]}, " />")
            for i, (title, _) in enumerate(spec) if attrs[title] != ""]
    return ["        <attvalues>", *vals, "        </attvalues>"] if vals else ["        <attvalues />"]


def gexf_nodes(g: nx.MultiDiGraph) -> list[str]:
    """The lines of a GEXF file's nodes (the same in the static and the dynamic file)."""
    nodes = []
    for node, label, attrs in flat_nodes(g):
        r, gr, b = PALETTE[attrs["type"]]
        nodes += [_tag(3, "node", {"id": node, "label": label}), *_attvalues(NODE_ATTRS, attrs),
                  _tag(4, "viz:color", {"r": r, "g": gr, "b": b}, " />"),
                  f'        <viz:size value="{10 + 4 * attrs["facts"]:.1f}" />', "      </node>"]
    return nodes


def generate_gexf(g: nx.MultiDiGraph, times: dict | None = None, nodes: list[str] | None = None) -> bytes:
    """GEXF 1.3; with ``times`` (edge id -> (start, end)) in dynamic mode, the edges carrying them.
    ``nodes``: gexf_nodes(g) if already made. Written line by line (ElementTree took four times
    as long for the same bytes)."""
    mode = {"defaultedgetype": "directed", "mode": "static"} if times is None else \
        {"defaultedgetype": "directed", "mode": "dynamic", "timeformat": "date"}
    lines = ["<?xml version='1.0' encoding='utf-8'?>",
             f'<gexf xmlns="{GEXF_NS}" xmlns:viz="{VIZ_NS}" version="1.3">',
             "  <meta>", "    <creator>newsgraph</creator>",
             "    <description>Knowledge graph of people, organizations and products</description>", "  </meta>",
             _tag(1, "graph", mode)]
    for cls, spec in (("node", NODE_ATTRS), ("edge", EDGE_ATTRS)):
        lines.append(_tag(2, "attributes", {"class": cls, "mode": "static"}))
        lines += [_tag(3, "attribute", {"id": i, "title": title, "type": kind}, " />")
                  for i, (title, kind) in enumerate(spec)]
        lines.append("    </attributes>")
    nodes = gexf_nodes(g) if nodes is None else nodes
    lines += ["    <nodes>", *nodes, "    </nodes>"] if nodes else ["    <nodes />"]
    edges = []
    for eid, s, o, label, weight, attrs in flat_edges(g):
        head = {"id": eid, "source": s, "target": o, "label": label, "weight": f"{float(weight):.1f}"}
        start, end = (times or {}).get(eid, (None, None))
        if start:
            head["start"] = start
        if end:
            head["end"] = end
        edges += [_tag(3, "edge", head), *_attvalues(EDGE_ATTRS, attrs), "      </edge>"]
    lines += ["    <edges>", *edges, "    </edges>"] if edges else ["    <edges />"]
    lines += ["  </graph>", "</gexf>"]
    return ("\n".join(lines) + "\n").encode("utf-8")


GRAPHML_HEAD = ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
                'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
                'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
GRAPHML_TYPES = {bool: "boolean", int: "long", float: "double", str: "string"}
"""Python type -> GraphML key type, as NetworkX's writer declares them."""


NOT_NMTOKEN = re.compile(r"[^A-Za-z0-9._:-]")


def graphml_id(value: str) -> str:
    """An id the GraphML schema accepts (xs:NMTOKEN): 'person/ada-brenner' -> 'person:ada-brenner';
    any other character outside [A-Za-z0-9._:-] becomes '_xHHHH_' (its code point)."""
    return NOT_NMTOKEN.sub(lambda m: ":" if m.group() == "/" else f"_x{ord(m.group()):04x}_", value)


def generate_graphml(g: nx.MultiDiGraph, base: str = DEFAULT_BASE) -> bytes:
    """GraphML 1.0, valid against its schema, with typed keys; node and edge attributes flattened
    to scalars. Node ids are the entity ids made NMTOKENs (``graphml_id``), edge ids
    'SOURCE.relation.TARGET'; each node carries its label and its IRI (``base`` + entity id).

    The bytes NetworkX's ``generate_graphml`` gives for the flattened graph (tested), written
    line by line: its ElementTree took five times as long. As there, a key is declared per
    name, type and scope in the order first met (listed newest first), text other than ASCII is
    written as character references, and line breaks inside values become newlines."""
    keys: dict[tuple[str, str, str], str] = {}

    def element(indent: str, tag: str, attrs: tuple, scope: str, data: list) -> list[str]:
        head = indent + "<" + tag + "".join(f' {k}="{escape(v, ATTR_ENTITIES)}"' for k, v in attrs)
        if not data:
            return [head + " />"]
        lines = [head + ">"]
        for name, value in data:
            key = keys.setdefault((name, GRAPHML_TYPES[type(value)], scope), f"d{len(keys)}")
            text = escape(str(value))
            lines.append(f'{indent}  <data key="{key}">{text}</data>' if text else f'{indent}  <data key="{key}" />')
        return lines + [indent + "</" + tag + ">"]

    body = []
    for node, label, attrs in flat_nodes(g):
        data = [("label", xml_safe(label)), ("iri", xml_safe(base + node))] + \
            [(k, xml_safe(v) if isinstance(v, str) else v) for k, v in attrs.items()]
        body += element("    ", "node", (("id", graphml_id(node)),), "node", data)
    for _, s, o, label, weight, attrs in flat_edges(g):
        data = [("label", label), ("weight", float(weight))] + \
            [(k, xml_safe(v) if isinstance(v, str) else v) for k, v in attrs.items()]
        ends = (("source", graphml_id(s)), ("target", graphml_id(o)))
        body += element("    ", "edge", ends + (("id", f"{ends[0][1]}.{label}.{ends[1][1]}"),), "edge", data)
    graph = ['  <graph edgedefault="directed">', *body, "  </graph>"] if body else ['  <graph edgedefault="directed" />']
    declared = [f'  <key id="{key}" for="{scope}" attr.name="{escape(name, ATTR_ENTITIES)}" attr.type="{kind}" />'
                for (name, kind, scope), key in reversed(keys.items())]
    text = "\n".join([GRAPHML_HEAD, *declared, *graph, "</graphml>"])
    text = text.encode("ascii", "xmlcharrefreplace").decode("ascii")
    return ("\n".join(text.splitlines()) + "\n").encode("utf-8")


# ---------------------------------------------------------------- timeline

def generate_gexf_timeline(g: nx.MultiDiGraph, nodes: list[str] | None = None) -> bytes:
    """GEXF 1.3 in dynamic mode: an edge with a start or end in its qualifiers carries them, so
    Gephi's timeline shows roles changing hands. Edges without times exist throughout."""
    times = {f"{s}|{k}|{o}": edge_times(d["evidence"]) for s, o, k, d in g.edges(keys=True, data=True)}
    return generate_gexf(g, times, nodes)


# ---------------------------------------------------------------- CSV for Gephi's spreadsheet import

def generate_csv(g: nx.MultiDiGraph) -> tuple[bytes, bytes]:
    """(nodes.csv, edges.csv) in Gephi's spreadsheet format: Id,Label,... and Source,Target,Type,Label,Weight,..."""
    nodes = io.StringIO()
    w = csv.writer(nodes, lineterminator="\n")
    w.writerow(["Id", "Label", "Type", "Aliases", "Mentions", "Documents", "Facts"])
    for node, label, attrs in flat_nodes(g):
        w.writerow([_cell(node), _cell(label), attrs["type"], _cell(attrs["aliases"]), attrs["mentions"],
                    _cell(attrs["documents"]), attrs["facts"]])
    edges = io.StringIO()
    w = csv.writer(edges, lineterminator="\n")
    w.writerow(["Source", "Target", "Type", "Id", "Label", "Weight", "Relation", "Confidence", "Start", "End",
                "Rules", "Evidence"])
    for eid, s, o, label, weight, attrs in flat_edges(g):
        start, end = edge_times(g.edges[s, o, label]["evidence"])
        w.writerow([_cell(s), _cell(o), "Directed", _cell(eid), label, weight, label, f"{attrs['confidence']:.3f}",
                    start or "", end or "", attrs["rules"], _cell(attrs["evidence_text"])])
    return nodes.getvalue().encode("utf-8"), edges.getvalue().encode("utf-8")


def _cell(value) -> str:
    """A CSV cell that no spreadsheet runs as a formula and that keeps on one line."""
    text = xml_safe(value).replace("\n", " ").replace("\r", " ")
    return "'" + text if text[:1] in {"=", "+", "-", "@"} else text


ALL = tuple(EXPORTS)
FAST = ("gexf", "graphml", "csv")


def files(g: nx.MultiDiGraph, formats=ALL, base: str = DEFAULT_BASE) -> dict[str, bytes]:
    """File name -> bytes for the requested export formats (``base``: of the entities' IRIs)."""
    return files_and_notes(g, formats, base, strict=True)[0]


def files_and_notes(g: nx.MultiDiGraph, formats=ALL, base: str = DEFAULT_BASE,
                    strict: bool = False) -> tuple[dict[str, bytes], list[str]]:
    """``files``, except that a picture that cannot be made (unless ``strict``) is left out with a
    one-line note: the pictures never sink a run whose graph files are made."""
    out: dict[str, bytes] = {}
    notes: list[str] = []
    pos = None
    for fmt in formats:
        if fmt == "gexf":
            nodes = gexf_nodes(g)
            out["graph.gexf"] = generate_gexf(g, nodes=nodes)
            out["graph-timeline.gexf"] = generate_gexf_timeline(g, nodes)
        elif fmt == "graphml":
            out["graph.graphml"] = generate_graphml(g, base)
        elif fmt == "csv":
            out["nodes.csv"], out["edges.csv"] = generate_csv(g)
        elif fmt in {"html", "png"}:
            make = view.generate_html if fmt == "html" else pictures.generate_png
            try:
                if pos is None and {"html", "png"} <= set(formats):
                    pos = view.positions(g)  # one layout for both pictures
                out[f"graph.{fmt}"] = make(g, pos)
            except Exception as err:  # noqa: BLE001 (any fault of a picture: reported, the run goes on)
                if strict:
                    raise
                notes.append(f"graph.{fmt} was not made ({type(err).__name__}: {err}); the graph files are written")
        else:
            raise ValueError(f"unknown export format {fmt!r}; one of {', '.join(EXPORTS)}")
    return out, notes
