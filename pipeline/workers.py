"""Where documents are parsed: this process, a pool of local processes, or a Dask cluster.

Every path yields the same plain Extraction records in the order of the documents given, so
the merge into one graph (done centrally, in the calling process) and its output files are
byte-identical whatever the path. The spaCy pipeline is loaded once per machine: local worker
processes are forked from this one after it has loaded it, and share it; each Dask worker loads
it once, when it starts.
"""
from __future__ import annotations

import gc
import multiprocessing
import os
from collections.abc import Callable, Iterator
from pathlib import Path

from .errors import PipelineError
from .lexicon import Lexicon
from .lock import orphan_proof
from .types import Document, Extraction

BATCH = 8
"""Most documents sent to a local worker at once."""
_ENGINE = None
"""The engine the local worker processes inherit (set while a pool runs)."""


def _extract_batch(documents: list[Document]) -> list[Extraction]:
    return list(_ENGINE.extract(documents))


def extract_local(documents: list[Document], model: str, lex: Lexicon) -> Iterator[Extraction]:
    engine = _load(model, lex)
    yield from engine.extract(documents)


def extract_pool(documents: list[Document], model: str, lex: Lexicon,
                 workers: int, meanwhile: Callable[[], None] = lambda: None) -> Iterator[Extraction]:
    """Parse on ``workers`` local processes; results come back in document order. Documents
    travel in small batches, which spaCy parses together, smaller towards the end so that the
    workers finish together (see ``batch_sizes``). ``meanwhile`` is called once the workers
    have their work, while this process would only wait for them.

    The engine is loaded here, before the workers are forked: they start parsing at once and
    share its memory, where loading it in each worker while this process also works took
    twice as long on two cores (2.0 s against 1.1 s, before every document)."""
    global _ENGINE
    batches, start = [], 0
    for size in batch_sizes(len(documents), workers):
        batches.append(documents[start:start + size])
        start += size
    try:
        _ENGINE = _load(model, lex)
        with multiprocessing.get_context("fork").Pool(workers, orphan_proof, (os.getpid(),)) as pool:
            results = pool.imap(_extract_batch, batches)
            meanwhile()
            for batch in results:
                yield from batch
    finally:
        _ENGINE = None


def _load(model: str, lex: Lexicon):
    """Engine.load with the garbage collector off: loading a model makes a great many objects
    and no garbage, and a collection during it walked them all (0.05 s of a 0.5 s load)."""
    from .extract.engine import Engine
    collecting = gc.isenabled()
    gc.disable()
    try:
        return Engine.load(model, lex)
    finally:
        if collecting:
            gc.enable()


def batch_sizes(n: int, workers: int) -> list[int]:
    """Guided self-scheduling: each batch takes a share of what is left (at most BATCH), so
    the last ones are single documents and no worker waits long for another at the end."""
    out = []
    while n > 0:
        size = max(1, min(BATCH, -(-n // (2 * workers))))
        out.append(size)
        n -= size
    return out


def engine_plugin(model: str, ontologies: str | None):
    """A dask.distributed worker plugin with which each worker loads the engine once, at start
    (and the Lexicon from its own ``ontologies`` folder: the default one when None)."""
    from distributed.diagnostics.plugin import WorkerPlugin

    class EnginePlugin(WorkerPlugin):
        name = "newsgraph-engine"

        def setup(self, worker) -> None:
            from .extract.engine import Engine
            worker.newsgraph_engine = Engine.load(model, Lexicon.load(Path(ontologies) if ontologies else None))

        def teardown(self, worker) -> None:
            worker.__dict__.pop("newsgraph_engine", None)

    return EnginePlugin()


def _dask_extract(document: Document) -> Extraction:
    from distributed import get_worker
    return next(get_worker().newsgraph_engine.extract([document]))


def extract_dask(documents: list[Document], model: str, ontologies: Path | None, address: str,
                 window: int = 64, meanwhile: Callable[[], None] = lambda: None) -> Iterator[Extraction]:
    """Parse on a dask.distributed cluster; at most ``window`` documents are in flight at once.
    ``meanwhile`` is called once the first of them are sent."""
    try:
        from distributed import Client
    except ImportError as err:
        raise PipelineError("--scheduler needs dask.distributed: pip install 'newsgraph[dask]'") from err
    try:
        client = Client(address, timeout=10)
    except (OSError, TimeoutError) as err:
        raise PipelineError(f"{address}: cannot reach the Dask scheduler ({err})") from err
    try:
        client.register_plugin(engine_plugin(model, str(ontologies) if ontologies else None))
        for start in range(0, len(documents), window):
            futures = client.map(_dask_extract, documents[start:start + window], pure=False)
            if not start:
                meanwhile()
            for future in futures:
                yield future.result()
    finally:
        client.close()
