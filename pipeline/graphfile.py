"""The one way the commands after ``run`` find and read a graph file, with one message when
they cannot (evaluate, explain, query, validate, export, load)."""
from __future__ import annotations

from pathlib import Path

from .errors import PipelineError


def graph_file(path: str | Path) -> Path:
    """``path`` when it is a file; else a PipelineError that says how to get one."""
    path = Path(path)
    if not path.is_file():
        raise PipelineError(f"{path}: graph file not found; run 'newsgraph run' first or pass --graph")
    return path


def read_graph(path: str | Path, format: str | None = "turtle"):
    """The rdflib Graph of a graph file (``format=None`` guesses it from the file name)."""
    import rdflib  # (here: 'newsgraph run' does not need it to start)
    path = graph_file(path)
    try:
        return rdflib.Graph().parse(path, format=format)
    except Exception as err:  # rdflib raises many kinds of parser errors
        kind = "Turtle" if format == "turtle" else "RDF"
        raise PipelineError(f"{path}: cannot be parsed as {kind} ({err})") from err
