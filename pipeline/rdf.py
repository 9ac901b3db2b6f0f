"""RDF stage: the NetworkX graph -> an rdflib Graph (pure; the run layer writes it).

For every relation there is the direct triple of the graph contract
(``ex:ada ng:founded ex:acme``) and, beside it, a statement node in the
manner of Wikidata: an ``rdf:Statement`` that names the triple, carries its
qualifiers (role, start/end time, whether it is current) and confidence,
and points with ``prov:wasDerivedFrom`` to one evidence node per sentence
(document, sentence text, character offsets, rule id).
"""
from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable

import networkx as nx
from rdflib import RDF, RDFS, XSD, Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SDO, SKOS  # noqa: F401

from .names import visible
from .types import Document, Evidence
from .vocab import NG, document_iri, entity_iri, evidence_iri, statement_iri

CLASS = {"Person": NG.Person, "Organization": NG.Organization, "Product": NG.Product}


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in (("ng", NG._NS), ("skos", SKOS), ("prov", PROV), ("schema", SDO),
                       ("dcterms", DCTERMS), ("owl", OWL), ("xsd", XSD)):
        g.bind(prefix, ns)
    return g


def _time_literal(value: str) -> Literal:
    if len(value) == 4:
        return Literal(value, datatype=XSD.gYear)
    if len(value) == 7:
        return Literal(value, datatype=XSD.gYearMonth)
    return Literal(value, datatype=XSD.date)


def to_rdf(graph: nx.MultiDiGraph, base: str, documents: Iterable[Document] = ()) -> Graph:
    g = new_graph()
    g.bind("data", base)
    docs = {d.id: d for d in documents}
    for node, data in graph.nodes(data=True):
        iri = entity_iri(base, node)
        g.add((iri, RDF.type, CLASS[data["type"]]))
        label = visible(data["label"], one_line=True)
        g.add((iri, RDFS.label, Literal(label)))
        for alias in sorted({visible(a, one_line=True) for a in data["aliases"]} - {label, ""}):
            g.add((iri, SKOS.altLabel, Literal(alias)))
        g.add((iri, NG.mentionCount, Literal(data["mentions"])))
        for doc_id in data["documents"]:
            g.add((iri, NG.mentionedIn, document_iri(base, doc_id)))
    used_docs = set()
    for s, o, pred, data in graph.edges(keys=True, data=True):
        si, oi = entity_iri(base, s), entity_iri(base, o)
        prop = NG[pred]
        g.add((si, prop, oi))
        st = statement_iri(base, s, pred, o)
        g.add((st, RDF.type, NG.Statement))
        g.add((st, RDF.type, RDF.Statement))
        g.add((st, RDF.subject, si))
        g.add((st, RDF.predicate, prop))
        g.add((st, RDF.object, oi))
        g.add((st, NG.confidence, Literal(f"{data['confidence']:.3f}", datatype=XSD.decimal)))
        g.add((st, NG.evidenceCount, Literal(data["evidence_count"])))
        _qualifiers(g, st, data["evidence"])
        for ev in data["evidence"]:
            ei = evidence_iri(base, ev.doc_id, ev.start, ev.end, ev.rule)
            g.add((st, PROV.wasDerivedFrom, ei))
            _evidence(g, ei, ev, base)
            used_docs.add(ev.doc_id)
    for doc_id in sorted(set(docs) | used_docs | {d for _, d in graph.nodes(data="documents") for d in d}):
        di = document_iri(base, doc_id)
        g.add((di, RDF.type, NG.Document))
        g.add((di, RDF.type, PROV.Entity))
        g.add((di, RDF.type, SDO.NewsArticle))
        g.add((di, NG.path, Literal(visible(doc_id))))
        doc = docs.get(doc_id)
        if doc is not None:
            g.add((di, DCTERMS.title, Literal(visible(doc.title, one_line=True))))
            g.add((di, NG.sha256, Literal(doc.sha256)))
            if doc.date:
                g.add((di, SDO.datePublished, _time_literal(doc.date)))
    return g


def _qualifiers(g: Graph, st, evidence: tuple[Evidence, ...]) -> None:
    roles = Counter(ev.qualifiers.role for ev in evidence if ev.qualifiers.role)
    if roles:
        g.add((st, NG.role, Literal(visible(sorted(roles, key=lambda r: (-roles[r], r))[0], one_line=True))))
    starts = sorted(ev.qualifiers.start for ev in evidence if ev.qualifiers.start)
    ends = sorted(ev.qualifiers.end for ev in evidence if ev.qualifiers.end)
    points = sorted(ev.qualifiers.point for ev in evidence if ev.qualifiers.point)
    if starts:
        g.add((st, NG.startTime, _time_literal(starts[0])))
    if ends:
        g.add((st, NG.endTime, _time_literal(ends[-1])))
    if points and not starts and not ends:
        g.add((st, NG.pointInTime, _time_literal(points[0])))
    statuses = {ev.qualifiers.status for ev in evidence if ev.qualifiers.status}
    if statuses:
        g.add((st, NG.isCurrent, Literal("end" not in statuses)))


def _evidence(g: Graph, ei, ev: Evidence, base: str) -> None:
    g.add((ei, RDF.type, NG.Evidence))
    g.add((ei, RDF.type, PROV.Entity))
    g.add((ei, NG.document, document_iri(base, ev.doc_id)))
    g.add((ei, NG.sentence, Literal(visible(ev.sentence))))
    g.add((ei, NG.startOffset, Literal(ev.start)))
    g.add((ei, NG.endOffset, Literal(ev.end)))
    g.add((ei, NG.rule, Literal(ev.rule)))
    g.add((ei, NG.confidence, Literal(f"{ev.confidence:.3f}", datatype=XSD.decimal)))
    q = ev.qualifiers
    if q.role:
        g.add((ei, NG.role, Literal(visible(q.role, one_line=True))))
    if q.start:
        g.add((ei, NG.startTime, _time_literal(q.start)))
    if q.end:
        g.add((ei, NG.endTime, _time_literal(q.end)))
    if q.point:
        g.add((ei, NG.pointInTime, _time_literal(q.point)))
    if q.status:
        g.add((ei, NG.roleChange, Literal(q.status)))


FORMATS = {"turtle": "graph.ttl", "nt": "graph.nt", "nquads": "graph.nq", "trig": "graph.trig",
           "json-ld": "graph.jsonld"}
"""Serializations and the file each is written to; Turtle is always written."""


def serialize(g: Graph, fmt: str = "turtle", graph_iri: str | None = None) -> bytes:
    """Deterministic bytes in one of FORMATS. No blank nodes are minted, so sorting is enough:
    Turtle and TriG are sorted by rdflib, N-Triples and N-Quads by line, JSON-LD by @id and value.
    The quad formats put every triple in the named graph ``graph_iri``."""
    if fmt in {"turtle", "nt"}:
        return _oxigraph(g, fmt)
    if fmt == "json-ld":
        data = json.loads(g.serialize(format="json-ld", encoding="utf-8"))
        nodes = data if isinstance(data, list) else data.get("@graph", [data])
        for node in nodes:
            for key, value in node.items():
                if isinstance(value, list):
                    node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
        nodes = sorted(nodes, key=lambda n: n.get("@id", ""))
        return (json.dumps(nodes, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    if fmt in {"nquads", "trig"}:
        ds = Dataset()
        for prefix, ns in g.namespaces():
            ds.bind(prefix, ns)
        named = ds.graph(URIRef(graph_iri or "urn:newsgraph:graph"))
        for triple in g:
            named.add(triple)
        out = ds.serialize(format=fmt, encoding="utf-8")
        return _sorted_lines(out) if fmt == "nquads" else out
    raise ValueError(f"unknown RDF format {fmt!r}; one of {', '.join(FORMATS)}")


def _oxigraph(g: Graph, fmt: str) -> bytes:
    """Turtle or N-Triples written by Oxigraph (fast), triples sorted, prefixes bound."""
    import pyoxigraph as ox

    def term(t):
        if isinstance(t, URIRef):
            return ox.NamedNode(str(t))
        if t.language:
            return ox.Literal(str(t), language=t.language)
        return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype or XSD.string)))

    triples = sorted(((str(s), str(p), o.n3() if isinstance(o, Literal) else str(o), s, p, o) for s, p, o in g),
                     key=lambda t: t[:3])
    out = [ox.Triple(term(s), term(p), term(o)) for *_, s, p, o in triples]
    if fmt == "nt":
        return ox.serialize(out, format=ox.RdfFormat.N_TRIPLES)
    prefixes = {prefix: str(ns) for prefix, ns in sorted(g.namespaces()) if prefix and prefix in USED_PREFIXES}
    return ox.serialize(out, format=ox.RdfFormat.TURTLE, prefixes=prefixes)


USED_PREFIXES = {"ng", "rdf", "rdfs", "skos", "prov", "schema", "dcterms", "xsd", "owl"}


def _sorted_lines(data: bytes) -> bytes:
    lines = sorted(line for line in data.decode("utf-8").splitlines() if line.strip())
    return ("\n".join(lines) + "\n").encode("utf-8")


def from_rdf(g: Graph) -> nx.MultiDiGraph:
    """A graph written by to_rdf -> the NetworkX graph again (for exporting an existing graph.ttl)."""
    from .graph import build_graph
    from .types import Entity, Qualifiers, Relation

    kinds = {v: k for k, v in CLASS.items()}
    entities, iri_id = [], {}
    docs_of = {}
    for s in sorted(set(g.subjects(RDF.type, None))):
        kind = next((kinds[c] for c in g.objects(s, RDF.type) if c in kinds), None)
        if kind is None:
            continue
        label = g.value(s, RDFS.label)
        if label is None:
            continue
        eid = _local_id(str(s))
        iri_id[s] = eid
        docs = tuple(sorted(str(g.value(d, NG.path) or d) for d in g.objects(s, NG.mentionedIn)))
        docs_of[eid] = docs
        entities.append(Entity(eid, str(label), kind, tuple(sorted(str(a) for a in g.objects(s, SKOS.altLabel))),
                               int(g.value(s, NG.mentionCount) or 1), docs))
    relations = []
    for st in sorted(set(g.subjects(RDF.type, NG.Statement))):
        s, p, o = g.value(st, RDF.subject), g.value(st, RDF.predicate), g.value(st, RDF.object)
        if s not in iri_id or o not in iri_id or p is None:
            continue
        evidence = []
        for ev in g.objects(st, PROV.wasDerivedFrom):
            q = Qualifiers(role=_str(g.value(ev, NG.role)), start=_str(g.value(ev, NG.startTime)),
                           end=_str(g.value(ev, NG.endTime)), point=_str(g.value(ev, NG.pointInTime)),
                           status=_str(g.value(ev, NG.roleChange)))
            doc = g.value(ev, NG.document)
            evidence.append(Evidence(str(g.value(doc, NG.path) or doc), str(g.value(ev, NG.sentence) or ""),
                                     int(g.value(ev, NG.startOffset) or 0), int(g.value(ev, NG.endOffset) or 0),
                                     str(g.value(ev, NG.rule) or ""), float(g.value(ev, NG.confidence) or 0), q))
        relations.append(Relation(iri_id[s], str(p).rsplit("#", 1)[-1], iri_id[o],
                                  tuple(sorted(evidence, key=lambda e: (e.doc_id, e.start, e.rule)))))
    return build_graph(entities, relations)


def _str(value) -> str | None:
    return None if value is None else str(value)


def _local_id(iri: str) -> str:
    """'https://x/id/person/ada' -> 'person/ada' (the kind folder and the slug)."""
    from urllib.parse import unquote
    parts = iri.rstrip("/").split("/")
    return unquote("/".join(parts[-2:]))
