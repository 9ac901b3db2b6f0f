"""RDF stage: the NetworkX graph -> sorted RDF triples (Oxigraph terms; ``to_rdf`` gives them as an
rdflib Graph) and their serializations (pure; the run layer writes them).

For every relation there is the direct triple of the graph contract
(``ex:ada ng:founded ex:acme``) and, beside it, a statement node in the
manner of Wikidata (``ex:ada ng:foundedStatement st . st ng:foundedValue ex:acme``,
and ``rdf:subject``/``rdf:predicate``/``rdf:object`` naming the triple) that carries its
qualifiers (role, start/end time with their precision, whether it is current) and
confidence, and points with ``prov:wasDerivedFrom`` to one evidence node per sentence
(document, sentence text, character offsets, rule id). Times are xsd:dateTime, as in
Wikidata: OWL 2 reasoners refuse xsd:gYear.
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from functools import lru_cache

import networkx as nx
import pyoxigraph as ox
from rdflib import RDF, RDFS, XSD, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, SDO, SKOS

from .text import visible
from .types import Document, Evidence, summarize
from .vocab import NG, document_iri, entity_iri, evidence_iri, statement_iri, time_text

CLASS = {"Person": NG.Person, "Organization": NG.Organization, "Product": NG.Product}
PREFIXES = {"ng": str(NG._NS), "rdf": str(RDF), "rdfs": str(RDFS), "skos": str(SKOS), "prov": str(PROV),
            "schema": str(SDO), "dcterms": str(DCTERMS), "owl": str(OWL), "xsd": str(XSD)}
"""Prefixes of the written Turtle."""


@lru_cache(maxsize=None)
def _iri(term: str) -> ox.NamedNode:
    return ox.NamedNode(term)


P = {name: _iri(str(NG[name])) for name in NG.__annotations__}
"""newsgraph's own terms as Oxigraph IRIs."""
EXT = {"type": _iri(str(RDF.type)), "label": _iri(str(RDFS.label)), "altLabel": _iri(str(SKOS.altLabel)),
     "subject": _iri(str(RDF.subject)),
     "predicate": _iri(str(RDF.predicate)), "object": _iri(str(RDF.object)),
     "wasDerivedFrom": _iri(str(PROV.wasDerivedFrom)), "Entity": _iri(str(PROV.Entity)),
     "NewsArticle": _iri(str(SDO.NewsArticle)), "title": _iri(str(DCTERMS.title)),
     "datePublished": _iri(str(SDO.datePublished))}
"""The other vocabularies' terms used."""


DATATYPE = {name: _iri(str(XSD[name])) for name in ("boolean", "integer", "decimal", "dateTime")}


def _lit(value, datatype: str | None = None) -> ox.Literal:
    """A literal: strings plain, booleans and integers typed; ``datatype`` a DATATYPE name."""
    if datatype is None:
        return ox.Literal(value) if isinstance(value, str) else \
            ox.Literal(str(value).lower() if isinstance(value, bool) else str(value),
                       datatype=DATATYPE["boolean" if isinstance(value, bool) else "integer"])
    return ox.Literal(value, datatype=DATATYPE[datatype])


PRECISION = {4: 9, 7: 10, 10: 11}
"""Length of an ISO year, year-month or date -> Wikidata's precision code (year 9, month 10, day 11)."""


def _time(value: str) -> tuple[ox.Literal, ox.Literal]:
    """'2019' -> ("2019-01-01T00:00:00Z"^^xsd:dateTime, 9): a time as Wikidata writes it, an
    xsd:dateTime (which OWL 2 reasoners accept, unlike xsd:gYear) and what of it the text gave."""
    full = (value + "-01-01"[len(value) - 4:]) if len(value) < 10 else value[:10]
    return _lit(f"{full}T00:00:00Z", "dateTime"), _lit(PRECISION.get(len(value), 11))


def _times(pairs) -> list[tuple]:
    """(time property, ISO text) -> the time and its precision, for each time given."""
    out = []
    for p, value in pairs:
        if value:
            literal, precision = _time(value)
            out += [(P[p], literal), (P[p + "Precision"], precision)]
    return out


def _decimal(value: float) -> ox.Literal:
    return _lit(f"{value:.3f}", "decimal")


def triples(graph: nx.MultiDiGraph, base: str, documents: Iterable[Document] = ()) -> list[ox.Triple]:
    """The whole RDF content of a graph as sorted, unique Oxigraph triples: what ``serialize``
    writes (rdflib's in-memory store took 5 s for the 60,000 triples of 320 articles; these take
    a fraction of it). ``to_rdf`` gives the same triples as an rdflib Graph. The statements are
    gathered per subject, so that sorting them is sorting the subjects and then each one's few
    statements (the 108,000 triples of 480 documents: 0.94 s -> 0.50 s)."""
    subjects: dict[str, tuple[ox.NamedNode, set[tuple]]] = {}

    def about(subject: ox.NamedNode) -> set[tuple]:
        """The (predicate, object) pairs said of a subject."""
        entry = subjects.get(subject.value)
        if entry is None:
            entry = subjects[subject.value] = (subject, set())
        return entry[1]

    a, label, alt = EXT["type"], EXT["label"], EXT["altLabel"]
    docs = {d.id: d for d in documents}
    doc_iri = lru_cache(maxsize=None)(lambda doc_id: _iri(str(document_iri(base, doc_id))))
    node_iri = {node: _iri(str(entity_iri(base, node))) for node in graph}
    for node, data in graph.nodes(data=True):
        add = about(node_iri[node]).add
        add((a, P[data["type"]]))
        name = visible(data["label"], one_line=True)
        add((label, _lit(name)))
        for alias in {visible(x, one_line=True) for x in data["aliases"]} - {name, ""}:
            add((alt, _lit(alias)))
        add((P["mentionCount"], _lit(data["mentions"])))
        for doc_id in data["documents"]:
            add((P["mentionedIn"], doc_iri(doc_id)))
    used_docs = set()
    for s, o, pred, data in graph.edges(keys=True, data=True):
        si, oi, prop = node_iri[s], node_iri[o], P[pred]
        about(si).add((prop, oi))
        st = _iri(str(statement_iri(base, s, pred, o)))
        about(si).add((P[pred + "Statement"], st))  # reached from its fact in a way OWL tools keep
        statement = about(st)
        statement.update(((a, P["Statement"]), (P[pred + "Value"], oi), (EXT["subject"], si),
                          (EXT["predicate"], prop), (EXT["object"], oi),
                          (P["confidence"], _decimal(data["confidence"])),
                          (P["evidenceCount"], _lit(data["evidence_count"])), *_qualifiers(data["evidence"])))
        for ev in data["evidence"]:
            ei = _iri(str(evidence_iri(base, ev)))
            statement.add((EXT["wasDerivedFrom"], ei))
            about(ei).update(_evidence(ev, doc_iri(ev.doc_id)))
            used_docs.add(ev.doc_id)
    for doc_id in set(docs) | used_docs | {d for _, ds in graph.nodes(data="documents") for d in ds}:
        add = about(doc_iri(doc_id)).add
        for kind in (P["Document"], EXT["Entity"], EXT["NewsArticle"]):
            add((a, kind))
        add((P["path"], _lit(visible(doc_id))))
        doc = docs.get(doc_id)
        if doc is not None:
            add((EXT["title"], _lit(visible(doc.title, one_line=True))))
            add((P["sha256"], _lit(doc.sha256)))
            if doc.date:
                add((EXT["datePublished"], _time(doc.date)[0]))
    out = []
    for value in sorted(subjects):
        subject, pairs = subjects[value]
        out += [ox.Triple(subject, p, o) for p, o in sorted(pairs, key=_pair_order)]
    return out


def _pair_order(pair) -> str:
    """Sort key of a subject's (predicate, object) pairs: as ``_order`` sorts them."""
    return f"{pair[0].value}\0{pair[1]}"


def _order(t) -> str:
    """Sort key: subject, predicate, object (in N-Triples form), as one string. NUL, which no
    IRI holds, ends the first two, so this sorts as the tuple of the three would, in a third
    less time (one string comparison instead of a tuple's)."""
    return f"{t[0].value}\0{t[1].value}\0{t[2]}"


def to_rdf(graph: nx.MultiDiGraph, base: str, documents: Iterable[Document] = ()) -> Graph:
    """The graph as an rdflib Graph (for queries, validation and the other formats)."""
    return as_rdflib(triples(graph, base, documents), base)


def as_rdflib(statements: list[ox.Triple], base: str | None = None) -> Graph:
    g = new_graph()
    if base:
        g.bind("data", base)
    for t in statements:
        g.add((URIRef(t.subject.value), URIRef(t.predicate.value), _rdflib(t.object)))
    return g


def _rdflib(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if term.language:
        return Literal(term.value, lang=term.language)
    kind = term.datatype.value
    return Literal(term.value) if kind == str(XSD.string) else Literal(term.value, datatype=URIRef(kind), normalize=False)


def new_graph() -> Graph:
    g = Graph()
    for prefix, ns in PREFIXES.items():
        g.bind(prefix, ns)
    return g


def _qualifiers(evidence: tuple[Evidence, ...]) -> list[tuple]:
    summary = summarize(evidence)
    out = []
    if summary.role:
        out.append((P["role"], _lit(visible(summary.role, one_line=True))))
    out += _times((("startTime", summary.start), ("endTime", summary.end), ("pointInTime", summary.point)))
    if summary.current is not None:
        out.append((P["isCurrent"], _lit(summary.current)))
    return out


def _evidence(ev: Evidence, doc: ox.NamedNode) -> list[tuple]:
    q = ev.qualifiers
    out = [(EXT["type"], P["Evidence"]), (EXT["type"], EXT["Entity"]), (P["document"], doc),
           (P["sentence"], _lit(visible(ev.sentence))),
           (P["startOffset"], _lit(ev.start)), (P["endOffset"], _lit(ev.end)), (P["rule"], _lit(ev.rule)),
           (P["confidence"], _decimal(ev.confidence))]
    if q.role:
        out.append((P["role"], _lit(visible(q.role, one_line=True))))
    out += _times((("startTime", q.start), ("endTime", q.end), ("pointInTime", q.point)))
    if q.status:
        out.append((P["roleChange"], _lit(q.status)))
    return out


FORMATS = {"turtle": "graph.ttl", "nt": "graph.nt", "nquads": "graph.nq", "trig": "graph.trig",
           "json-ld": "graph.jsonld"}
"""Serializations and the file each is written to; Turtle is always written."""


def serialize(g: Graph | list[ox.Triple], fmt: str = "turtle", graph_iri: str | None = None) -> bytes:
    """Deterministic bytes in one of FORMATS, from an rdflib Graph or the list ``triples`` gives.
    No blank nodes are minted, so sorting is enough: triples are written sorted by subject,
    predicate and object (Oxigraph's writers), JSON-LD (rdflib's) by @id and value. The quad
    formats put every triple in the named graph ``graph_iri``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown RDF format {fmt!r}; one of {', '.join(FORMATS)}")
    if fmt == "json-ld":
        g = as_rdflib(g) if isinstance(g, list) else g
        data = json.loads(g.serialize(format="json-ld", encoding="utf-8"))
        nodes = data if isinstance(data, list) else data.get("@graph", [data])
        for node in nodes:
            for key, value in node.items():
                if isinstance(value, list):
                    node[key] = sorted(value, key=lambda v: json.dumps(v, sort_keys=True))
        nodes = sorted(nodes, key=lambda n: n.get("@id", ""))
        return (json.dumps(nodes, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode("utf-8")
    statements = g if isinstance(g, list) else _from_rdflib(g)
    if fmt in {"nquads", "trig"}:
        name = _iri(graph_iri or "urn:newsgraph:graph")
        quads = [ox.Quad(t.subject, t.predicate, t.object, name) for t in statements]
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS if fmt == "nquads" else ox.RdfFormat.TRIG,
                            prefixes=None if fmt == "nquads" else PREFIXES)
    if fmt == "nt":
        return ox.serialize(statements, format=ox.RdfFormat.N_TRIPLES)
    return ox.serialize(statements, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def files(graph: nx.MultiDiGraph, base: str, documents: Iterable[Document] = (),
          formats: Iterable[str] = ()) -> dict[str, bytes]:
    """graph.ttl, and the file of each other format asked for (keys of FORMATS)."""
    statements = triples(graph, base, documents)
    out = {"graph.ttl": serialize(statements, "turtle")}
    for fmt in sorted(set(formats) - {"turtle"}):
        out[FORMATS[fmt]] = serialize(statements, fmt, base + "graph")
    return out


def _from_rdflib(g: Graph) -> list[ox.Triple]:
    """An rdflib Graph's triples as Oxigraph triples in the order ``triples`` uses."""
    def term(t):
        if isinstance(t, URIRef):
            return _iri(str(t))
        if t.language:
            return ox.Literal(str(t), language=t.language)
        return ox.Literal(str(t), datatype=_iri(str(t.datatype or XSD.string)))

    return [ox.Triple(*t) for t in sorted((tuple(map(term, t)) for t in g), key=_order)]


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
            start, end, point = (time_text(g.value(ev, NG[t]), g.value(ev, NG[t + "Precision"]))
                                 for t in ("startTime", "endTime", "pointInTime"))
            q = Qualifiers(role=_str(g.value(ev, NG.role)), start=start, end=end, point=point,
                           status=_str(g.value(ev, NG.roleChange)))
            doc = g.value(ev, NG.document)
            evidence.append(Evidence(str(g.value(doc, NG.path) or doc), str(g.value(ev, NG.sentence) or ""),
                                     int(g.value(ev, NG.startOffset) or 0), int(g.value(ev, NG.endOffset) or 0),
                                     str(g.value(ev, NG.rule) or ""), float(g.value(ev, NG.confidence) or 0), q))
        relations.append(Relation(iri_id[s], str(p).rsplit("#", 1)[-1], iri_id[o],
                                  tuple(sorted(evidence, key=lambda e: (e.doc_id, e.start, e.rule)))))
    graph = build_graph(entities, relations)
    if iri_id:  # the base IRI the entities were minted under
        graph.graph["base"] = str(min(iri_id)).rsplit("/", 2)[0] + "/"
    return graph


def _str(value) -> str | None:
    return None if value is None else str(value)


def _local_id(iri: str) -> str:
    """'https://x/id/person/ada' -> 'person/ada' (the kind folder and the slug)."""
    from urllib.parse import unquote
    parts = iri.rstrip("/").split("/")
    return unquote("/".join(parts[-2:]))
