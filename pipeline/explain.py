"""Explain an entity: every fact the graph holds about it, with qualifiers and evidence.

Reads the Turtle the run wrote (direct triples and their statement nodes), so it explains
exactly what users query.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass

import rdflib
from rdflib.namespace import PROV, RDF, RDFS, SKOS

from .names import norm
from .types import PREDICATES, Summary
from .vocab import NG, time_text

QUALIFIERS = (("role", NG.role), ("start", NG.startTime), ("end", NG.endTime), ("point", NG.pointInTime),
              ("current", NG.isCurrent))
"""Summary field -> the property of the statement node that holds it."""
TIMES = {NG.startTime: NG.startTimePrecision, NG.endTime: NG.endTimePrecision,
         NG.pointInTime: NG.pointInTimePrecision}
"""Time qualifier -> the property that holds its precision."""


@dataclass(frozen=True)
class Fact:
    subject: str
    predicate: str
    object: str
    confidence: float
    qualifiers: tuple[tuple[str, str], ...]
    evidence: tuple[tuple[str, str, str], ...]
    """(document, rule, sentence) per evidence."""


def find_entities(g: rdflib.Graph, name: str) -> list[rdflib.URIRef]:
    """Entities whose label or alias is the name (case-insensitive); label matches first."""
    key = norm(name)
    by_label = sorted({s for s, o in g.subject_objects(RDFS.label) if norm(o) == key})
    by_alias = sorted({s for s, o in g.subject_objects(SKOS.altLabel) if norm(o) == key} - set(by_label))
    classes = {NG.Person, NG.Organization, NG.Product}
    return [e for e in by_label + by_alias if any(c in classes for c in g.objects(e, RDF.type))]


def close_names(g: rdflib.Graph, name: str, n: int = 3) -> list[str]:
    """Labels and aliases a user may have meant by ``name``: those holding it as a word first
    ('Brenner' -> 'Ada Brenner'), then the nearest spellings."""
    names = sorted({str(o) for p in (RDFS.label, SKOS.altLabel) for o in g.objects(None, p)})
    wanted = norm(name)
    holding = [x for x in names if wanted and wanted in norm(x).split()]
    by_lower = {x.lower(): x for x in names}
    near = [by_lower[x] for x in difflib.get_close_matches(name.lower(), list(by_lower), n=n, cutoff=0.75)]
    return list(dict.fromkeys(holding + near))[:n]


def facts(g: rdflib.Graph, entity: rdflib.URIRef) -> list[Fact]:
    label = lambda x: str(g.value(x, RDFS.label) or x)  # noqa: E731
    out = []
    for pred in PREDICATES:
        prop = NG[pred]
        pairs = [(entity, o) for o in g.objects(entity, prop)] + [(s, entity) for s in g.subjects(prop, entity)]
        for s, o in pairs:
            st = next((x for x in g.objects(s, NG[pred + "Statement"]) if (x, NG[pred + "Value"], o) in g), None)
            quals, evidence, conf = [], [], 0.0
            if st is not None:
                conf = float(g.value(st, NG.confidence) or 0)
                quals = [(n, _value(g, st, p)) for n, p in QUALIFIERS if g.value(st, p) is not None]
                for ev in g.objects(st, PROV.wasDerivedFrom):
                    doc = g.value(ev, NG.document)
                    evidence.append((str(g.value(doc, NG.path) or doc), str(g.value(ev, NG.rule)),
                                     str(g.value(ev, NG.sentence))))
            out.append(Fact(label(s), pred, label(o), conf, tuple(quals), tuple(sorted(evidence))))
    return sorted(out, key=lambda f: (f.predicate, f.subject, f.object))


def _value(g: rdflib.Graph, st, prop) -> str:
    """A qualifier as text; a time as the text gave it ('2019', not '2019-01-01T00:00:00Z')."""
    value = g.value(st, prop)
    if prop in TIMES:
        return time_text(value, g.value(st, TIMES[prop]))
    return str(value)


def render(g: rdflib.Graph, entity: rdflib.URIRef) -> list[str]:
    kinds = sorted(str(t).rsplit("#", 1)[-1] for t in g.objects(entity, RDF.type))
    aliases = sorted(str(a) for a in g.objects(entity, SKOS.altLabel))
    lines = [f"{g.value(entity, RDFS.label)} ({', '.join(kinds)}) <{entity}>"]
    if aliases:
        lines.append(f"  also: {', '.join(aliases)}")
    found = facts(g, entity)
    if not found:
        lines.append("  no relations")
    for f in found:
        values = dict(f.qualifiers)
        current = {"true": True, "false": False}.get(values.pop("current", ""))
        quals = "".join(f"; {w}" for w in Summary(**values, current=current).words())
        lines.append(f"  {f.subject} --{f.predicate}--> {f.object}  (confidence {f.confidence:.2f}{quals})")
        for doc, rule, sentence in f.evidence:
            lines.append(f"      [{doc} | {rule}] {sentence}")
    return lines
