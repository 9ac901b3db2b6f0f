"""The batch job: corpus folder -> extraction -> resolution -> graph files.

This is the I/O shell around the pure stages. It reads the folder, takes each document's
extraction from the cache or has it parsed (here, on local worker processes or on a Dask
cluster: see workers.py), merges everything into one graph centrally, and writes each output
file atomically (temporary file, then rename). spaCy is imported only when a document needs
parsing, so a rerun on an unchanged corpus costs little.
"""
from __future__ import annotations

import gc
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from . import corpus
from .cache import CACHE_DIR, Cache, Manifest, config_key
from .config import (BASE_ENV, DEFAULT_BASE, DEFAULT_MIN_CONFIDENCE, MAX_BYTES,  # noqa: F401 (re-exported)
                     MIN_CONFIDENCE_ENV, Settings)
from .errors import CorpusError, PipelineError
from .files import reason, write_set
from .lexicon import Lexicon
from .lock import LOCK_NAME, exclusive, orphan_proof
from .types import Document, Extraction

@dataclass
class Summary:
    read: int = 0
    cached: int = 0
    skipped: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    """Files of the corpus that are not .txt or .md, by relative path."""
    notes: list[str] = field(default_factory=list)
    """Problems the run went on despite (a cache that cannot be written), one line each."""
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    stages: dict[str, float] = field(default_factory=dict)
    """Seconds per stage: read, extract, resolve, rdf, export, write."""
    written: list[str] = field(default_factory=list)
    unchanged: bool = False
    """True when the outputs on disk were already those of this corpus and nothing was rewritten."""

    def lines(self) -> list[str]:
        ents = ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())) or "none"
        rels = ", ".join(f"{k} {v}" for k, v in sorted(self.relations.items())) or "none"
        cached = f" ({self.cached} from the cache)" if self.cached else ""
        return [f"documents: {self.read} read{cached}, {len(self.skipped)} skipped",
                f"entities: {sum(self.entities.values())} ({ents})",
                f"relations: {sum(self.relations.values())} ({rels})",
                f"seconds: {self.seconds:.1f}" + (" (outputs unchanged)" if self.unchanged else "") +
                ("".join(f"; {k} {v:.2f}" for k, v in self.stages.items()) if self.stages and not self.unchanged
                 else "")]


def ignored_line(ignored: list[str], shown: int = 5) -> str:
    """'ignored 1 file that is not .txt or .md: report.pdf' (the first few named)."""
    names = ", ".join(ignored[:shown]) + (f" and {len(ignored) - shown} more" if len(ignored) > shown else "")
    files = "file that is" if len(ignored) == 1 else "files that are"
    return f"ignored {len(ignored)} {files} not .txt or .md: {names}"


def run(settings: Settings, on_skip: Callable[[CorpusError], None] = lambda e: None,
        on_document: Callable[[Document], None] = lambda d: None) -> Summary:
    if not settings.corpus.is_dir():
        raise PipelineError(f"{settings.corpus}: corpus folder not found")
    created = not settings.out.exists()
    try:
        with exclusive(settings.out):
            for stale in settings.out.glob(".*.tmp"):  # left by a run that was killed while writing
                stale.unlink(missing_ok=True)
            return _run(settings, on_skip, on_document)
    except BaseException:
        if created:
            _remove_if_only_the_lock(settings.out)
        raise


def _remove_if_only_the_lock(out: Path) -> None:
    """A failed run leaves no output folder of its own making behind (it held only the lock)."""
    try:
        if [p.name for p in out.iterdir()] == [LOCK_NAME]:
            (out / LOCK_NAME).unlink()
            out.rmdir()
    except OSError:
        pass  # (another run took the folder meanwhile, or it cannot be read: leave it)


def extract(documents: list[Document], settings: Settings, lex: Lexicon):
    """Per-document extraction where the settings say: Dask, local processes, or here."""
    from . import workers
    model = settings.model_name()
    if settings.scheduler:  # (each Dask worker reads the rules of its own machine)
        return workers.extract_dask(documents, model, settings.ontologies, settings.scheduler,
                                    meanwhile=_import_output_stages)
    if settings.workers > 1 and len(documents) > 1:
        return workers.extract_pool(documents, model, lex, settings.workers, meanwhile=_import_output_stages)
    return workers.extract_local(documents, model, lex)


def _import_output_stages() -> None:
    """Import what the output stages need while other processes parse (NetworkX, rdflib, NumPy
    for the layout, Pillow: about 0.2 s that would otherwise wait until the parse is done)."""
    import numpy  # noqa: F401
    from PIL import Image, ImageDraw, ImageFont  # noqa: F401

    from . import export, graph, rdf, resolve  # noqa: F401


def _run(settings: Settings, on_skip, on_document) -> Summary:
    started = time.perf_counter()
    summary = Summary()
    clock = [time.perf_counter()]

    def lap(stage: str) -> None:
        now = time.perf_counter()
        summary.stages[stage] = summary.stages.get(stage, 0.0) + now - clock[0]
        clock[0] = now

    lex = Lexicon.load(settings.ontologies)  # the one read of ontologies/ in this run
    documents = []
    for item in corpus.iter_corpus(settings.corpus, lex.layout, settings.max_bytes):
        if isinstance(item, CorpusError):
            summary.skipped.append(str(item))
            on_skip(item)
        else:
            documents.append(item)
    summary.read = len(documents)
    if settings.strict and summary.skipped:
        raise PipelineError(f"{len(summary.skipped)} file(s) skipped and --strict is set; nothing was written")
    summary.ignored = corpus.other_files(settings.corpus)
    if not documents:
        raise PipelineError(f"{settings.corpus}: no document could be processed ({len(summary.skipped)} skipped"
                            f"{', ' + ignored_line(summary.ignored) if summary.ignored else ''})")
    manifest = Manifest.open(settings.out)
    if settings.cache:  # (hashing the code, the rules and the packages' versions is for the cache only)
        key = config_key(settings.model_name(), lex)
        output_settings = {"min_confidence": settings.min_confidence, "base": settings.base_iri(),
                           "formats": sorted(settings.rdf_formats), "pictures": not settings.skip_pictures}
        inputs = Manifest.inputs(key, documents, output_settings)
    else:
        key = inputs = ""
    lap("read")
    if settings.cache:
        recorded = manifest.fresh(inputs, settings.out)
        if recorded is not None:
            summary.cached, summary.unchanged = len(documents), True
            summary.entities, summary.relations = Counter(recorded["entities"]), Counter(recorded["relations"])
            for d in documents:
                on_document(d)
            summary.seconds = time.perf_counter() - started
            return summary

    extractions = _extractions(documents, settings, lex, key, summary, on_document)
    lap("extract")
    collecting = gc.isenabled()
    gc.disable()  # the graph stages allocate much and free little: no collector passes over the records
    try:
        outputs, graph = _outputs(extractions, settings, lex, summary, lap)
    finally:
        if collecting:
            gc.enable()
    manifest.forget()
    try:
        write_set(settings.out, outputs)
    except OSError as err:
        raise PipelineError(f"{settings.out}: cannot write the outputs ({reason(err)}); "
                            "the files of the previous run are as they were") from err
    summary.written += list(outputs)
    summary.entities = Counter(d["type"] for _, d in graph.nodes(data=True))
    summary.relations = Counter(k for _, _, k in graph.edges(keys=True))
    if settings.cache:
        try:
            manifest.record(inputs, outputs, {"entities": dict(summary.entities), "relations": dict(summary.relations)})
        except OSError as err:  # (only the next run's shortcut is lost)
            summary.notes.append(f"{settings.out}: the record of this run cannot be written ({reason(err)})")
    lap("write")
    summary.seconds = time.perf_counter() - started
    return summary


def _extractions(documents, settings, lex, key, summary, on_document) -> list[Extraction]:
    cache = Cache.open(settings.out, key) if settings.cache else None
    found: dict[str, Extraction] = {}
    todo = []
    for d in documents:
        hit = cache.get(d) if cache else None
        if hit is None:
            todo.append(d)
        else:
            found[d.id] = hit
            on_document(d)
    summary.cached = len(found)
    if todo:
        for extraction in extract(todo, settings, lex):
            found[extraction.document.id] = extraction
            if cache:
                try:
                    cache.put(extraction)
                except OSError as err:  # the cache is a speed-up: the run goes on without it
                    summary.notes.append(f"{settings.out / CACHE_DIR}: cannot be written ({reason(err)}); "
                                         "going on without the cache")
                    cache = None
            on_document(extraction.document)
    if cache:
        try:
            cache.prune(documents)
        except OSError as err:
            summary.notes.append(f"{settings.out / CACHE_DIR}: cannot be pruned ({reason(err)})")
    summary.notes += [problem for d in documents for problem in found[d.id].problems]
    return [found[d.id] for d in documents]


def _outputs(extractions, settings, lex, summary, lap):
    from . import export, rdf
    from .graph import build_graph
    from .resolve import resolve

    entities, relations = resolve(extractions, dict(lex.signatures), lex.names)
    graph = build_graph(entities, relations, settings.min_confidence)
    lap("resolve")
    formats = export.FAST if settings.skip_pictures else export.ALL
    # with more than one worker, the pictures are drawn in a second process meanwhile
    base = settings.base_iri()
    aside = [f for f in formats if f not in export.FAST] if settings.workers > 1 and not settings.scheduler else []
    pictures = _aside(export.files_and_notes, graph, aside, base) if aside else None
    outputs = rdf.files(graph, base, (e.document for e in extractions), settings.rdf_formats)
    lap("rdf")
    made, notes = export.files_and_notes(graph, [f for f in formats if f not in aside], base)
    if pictures:
        drawn, drawn_notes = pictures()
        made, notes = {**made, **drawn}, notes + drawn_notes
    outputs.update(made)
    summary.notes += notes
    lap("export")
    return outputs, graph


def _aside(func, *args):
    """Start ``func(*args)`` in a forked process; returns a function that waits for its result
    (an exception there is raised here)."""
    import multiprocessing  # here: a rerun that finds nothing to do does not pay for it
    ctx = multiprocessing.get_context("fork")
    receive, send = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(os.getpid(), send, func, args), daemon=True)
    proc.start()
    send.close()

    def result():
        try:
            ok, value = receive.recv()
        except EOFError:
            ok, value = False, PipelineError(f"the export process died (exit code {proc.exitcode})")
        finally:
            proc.join()
            receive.close()
        if not ok:
            raise value
        return value

    return result


def _child(parent: int, send, func, args) -> None:
    orphan_proof(parent)
    try:
        send.send((True, func(*args)))
    except BaseException as err:  # handed to the parent, which raises it
        try:
            send.send((False, err))
        except Exception:  # an exception that cannot be pickled
            send.send((False, PipelineError(f"{type(err).__name__}: {err}")))
    finally:
        send.close()
