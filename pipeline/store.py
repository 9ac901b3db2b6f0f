"""SPARQL over the outputs: an embedded persistent store (pyoxigraph).

``open_store`` loads ``graph.ttl`` into an Oxigraph store beside it once and reuses the store
while the graph file is unchanged (its SHA-256 is kept next to the store). ``query`` is
read-only: SPARQL Update is refused. (Loading into a server: remote.py.)
"""
from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from pathlib import Path

import pyoxigraph as ox

from .errors import PipelineError
from .files import reason, write_atomic
from .graphfile import graph_file

STORE_NAME = ".newsgraph-store"
PREFIXES = {"https://newsgraph.dev/ontology#": "ng:", "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
            "http://www.w3.org/2004/02/skos/core#": "skos:", "http://www.w3.org/ns/prov#": "prov:",
            "http://www.w3.org/2001/XMLSchema#": "xsd:", "https://schema.org/": "schema:"}


class UpdateRefused(PipelineError):
    """A SPARQL Update was given to the read-only query command."""


def _digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def open_store(graph: Path) -> ox.Store:
    """The persistent store of ``graph`` (loaded now if the file changed since the last load)."""
    graph = graph_file(graph)
    location = graph.parent / STORE_NAME
    marker = graph.parent / (STORE_NAME + ".sha256")
    digest = _digest(graph)
    if not marker.is_file() or marker.read_text().strip() != digest:
        _reload(graph, location, marker, digest)
    try:
        return ox.Store.read_only(str(location))
    except OSError as err:
        raise PipelineError(f"{location}: cannot open the store ({err})") from err


def _reload(graph: Path, location: Path, marker: Path, digest: str) -> None:
    """Replace the store's content by the graph; the marker is written last, so a crash
    midway leaves a store that is reloaded next time."""
    marker.unlink(missing_ok=True)
    try:
        store = ox.Store(str(location))
    except OSError as err:
        raise PipelineError(f"{location}: cannot open the store ({err}); another newsgraph may be using it") from err
    try:
        store.clear()
        store.bulk_load(path=str(graph), format=ox.RdfFormat.TURTLE)
        store.flush()
    except SyntaxError as err:
        raise PipelineError(f"{graph}: not valid Turtle ({err})") from err
    except OSError as err:  # a full disk, a read-only folder: the store is reloaded next time
        raise PipelineError(f"{location}: cannot load the graph into the store ({reason(err)})") from err
    finally:
        del store
    try:
        write_atomic(marker, (digest + "\n").encode())
    except OSError as err:
        raise PipelineError(f"{marker}: cannot be written ({reason(err)})") from err


UPDATE = re.compile(r"^\s*(?:(?:PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)\s*)*"
                    r"(?:INSERT|DELETE|LOAD|CLEAR|CREATE|DROP|COPY|MOVE|ADD|WITH)\b", re.IGNORECASE)
"""A SPARQL 1.1 Update request: its prologue, then an update operation."""
COMMENT = re.compile(r"#[^\n<>\"']*$", re.MULTILINE)


def query(store: ox.Store, text: str):
    """Run a SPARQL query; an update is refused with UpdateRefused before it runs."""
    if UPDATE.match(COMMENT.sub("", text)):
        raise UpdateRefused("SPARQL Update is refused: 'newsgraph query' is read-only "
                            "(change the graph by re-running 'newsgraph run')")
    try:
        return store.query(text)
    except SyntaxError as err:
        raise PipelineError(f"invalid SPARQL query: {sparql_error(text, str(err))}") from err


def sparql_error(text: str, message: str) -> str:
    """The parser's message cut to what a user can act on: where, the text there, and for a
    prefix used without a PREFIX line, the line to add."""
    where = re.search(r"error at (\d+):(\d+)", message)
    place = ""
    if where:
        line, column = int(where.group(1)), int(where.group(2))
        lines = text.splitlines() or [""]
        row = lines[min(line, len(lines)) - 1]
        near = re.findall(r"\S+", row[:column])[-1:] + re.findall(r"\S+", row[column:])[:1]
        place = f"line {line}, column {column}" + (f", near '{' '.join(near)}'" if near else "")
    if "Prefix not found" in message:
        declared = {p.lower() for p in re.findall(r"PREFIX\s+([\w-]*):", text, re.IGNORECASE)}
        used = sorted({p for p in re.findall(r"(?<![\w<?$/#:])([A-Za-z][\w-]*):\w", COMMENT.sub("", text))
                       if p.lower() not in declared})
        known = {v[:-1]: k for k, v in PREFIXES.items()}
        fixes = [f"PREFIX {p}: <{known[p]}>" if p in known else f"PREFIX {p}: <...>" for p in used]
        missing = ", ".join(f"'{p}'" for p in used) or "a prefix"
        return f"{place}: {missing} is not declared" + (f"; add {' and '.join(fixes)}" if fixes else "")
    first = message.splitlines()[0]
    detail = first.split(": ", 1)[1] if where and ": " in first else first
    return f"{place}: {detail[:120]}" if place else detail[:160]


def term_text(term) -> str:
    """Readable form of an RDF term: literal values as they are, IRIs with a known prefix."""
    if term is None:
        return ""
    if isinstance(term, ox.Literal):
        return term.value
    if isinstance(term, ox.NamedNode):
        for ns, prefix in PREFIXES.items():
            if term.value.startswith(ns):
                return prefix + term.value[len(ns):]
        return f"<{term.value}>"
    return str(term)


def rows(results) -> tuple[list[str], list[list[str]]]:
    """(column names, rows of readable values) of SELECT results."""
    names = [v.value for v in results.variables]
    return names, [[term_text(sol[n]) for n in names] for sol in results]


def render(results, fmt: str = "table") -> str:
    """SELECT/ASK/CONSTRUCT results as a text table, CSV or SPARQL JSON."""
    if isinstance(results, ox.QueryBoolean) or isinstance(results, bool):
        value = bool(results)
        return (json.dumps({"head": {}, "boolean": value}) if fmt == "json" else str(value).lower()) + "\n"
    if isinstance(results, ox.QueryTriples):
        return ox.serialize(list(results), format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
    if fmt == "json":
        return results.serialize(format=ox.QueryResultsFormat.JSON).decode("utf-8") + "\n"
    names, table = rows(results)
    if fmt == "csv":
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(table)
        return buf.getvalue()
    widths = [max([len(n)] + [len(r[i]) for r in table]) for i, n in enumerate(names)]
    line = lambda cells: "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()  # noqa: E731
    out = [line(names), line(["-" * w for w in widths])] + [line(r) for r in table]
    out.append(f"({len(table)} row{'s' if len(table) != 1 else ''})")
    return "\n".join(out) + "\n"
