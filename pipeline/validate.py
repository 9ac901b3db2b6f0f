"""Check a graph against ontologies/shapes.ttl with pyshacl; a readable report when it does not conform."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import rdflib
from pyshacl import validate as shacl_validate
from rdflib.namespace import SH

from .errors import PipelineError


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str
    message: str


def check(data: rdflib.Graph, shapes: Path) -> list[Violation]:
    """Violations of the shapes by the graph, sorted (empty when it conforms)."""
    try:
        shapes_graph = rdflib.Graph().parse(shapes, format="turtle")
    except Exception as err:  # rdflib raises many kinds of parser errors
        raise PipelineError(f"{shapes}: cannot be parsed as Turtle ({err})") from err
    conforms, report, _ = shacl_validate(data, shacl_graph=shapes_graph, inference="none",
                                         advanced=True, allow_warnings=False)
    if conforms:
        return []
    out = []
    for result in report.subjects(rdflib.RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        message = report.value(result, SH.resultMessage)
        out.append(Violation(str(focus), str(path) if path is not None else "", str(message or "")))
    return sorted(set(out), key=lambda v: (v.focus, v.path, v.message))


