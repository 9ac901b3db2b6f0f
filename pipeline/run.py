"""The batch job: corpus folder -> extraction -> resolution -> graph files.

This is the I/O shell around the pure stages: it reads the folder, streams
documents through spaCy, collects plain extraction records, and writes each
output file atomically (temporary file, then rename).
"""
from __future__ import annotations

import fcntl
import os
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from . import corpus, export, nlp, rdf
from .corpus import MAX_BYTES
from .errors import CorpusError, PipelineError
from .graph import build_graph
from .lexicon import ontologies_dir, read_json
from .mentions import byline_mentions, extract_mentions, shifted
from .names import NameRules
from .relations import Extractor
from .resolve import resolve
from .types import Document, Extraction, Mention, RelationMention
from .vocab import BASE_ENV, DEFAULT_BASE


LOCK_NAME = ".newsgraph.lock"
DEFAULT_MIN_CONFIDENCE = 0.55
"""Relations below this confidence are left out of the graph. The value maximizes F1 on the
development set (tests/dev/cases.jsonl; python -m tests.dev.report --sweep), the highest among ties."""
MIN_CONFIDENCE_ENV = "NEWSGRAPH_MIN_CONFIDENCE"


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

    def base_iri(self) -> str:
        return self.base or os.environ.get(BASE_ENV) or DEFAULT_BASE


@dataclass
class Summary:
    read: int = 0
    skipped: list[str] = field(default_factory=list)
    entities: Counter = field(default_factory=Counter)
    relations: Counter = field(default_factory=Counter)
    seconds: float = 0.0
    written: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        ents = ", ".join(f"{k} {v}" for k, v in sorted(self.entities.items())) or "none"
        rels = ", ".join(f"{k} {v}" for k, v in sorted(self.relations.items())) or "none"
        return [f"documents: {self.read} read, {len(self.skipped)} skipped",
                f"entities: {sum(self.entities.values())} ({ents})",
                f"relations: {sum(self.relations.values())} ({rels})",
                f"seconds: {self.seconds:.1f}"]


def write_atomic(path: Path, data: bytes) -> None:
    """Write to a temporary file beside ``path`` and rename it into place."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


@dataclass
class Engine:
    """Everything loaded once per run: furniture rules, the spaCy pipeline, the compiled rules."""

    layout: corpus.Layout
    nlp: object
    extractor: Extractor
    names: NameRules
    co: object

    @classmethod
    def load(cls, model: str | None = None, ontologies: Path | None = None) -> "Engine":
        folder = ontologies_dir(ontologies)
        layout = corpus.Layout.from_config(read_json(folder / "furniture.json"))
        language = nlp.load(nlp.model_name(model), folder)
        return cls(layout, language, Extractor(folder, language.vocab), NameRules.load(folder),
                   nlp.co_prefix(folder))

    def document(self, text: str, doc_id: str = "doc.txt") -> Document:
        """A Document from a string (for tests and library use)."""
        return corpus.document_from_bytes(doc_id, text.encode("utf-8"), self.layout)

    def extract(self, documents) -> Iterator[Extraction]:
        """Stream Documents through spaCy and the rules; yields one plain record per document
        (a long document is parsed in pieces, whose results are joined here)."""
        mentions: list[Mention] = []
        relations: list[RelationMention] = []
        sentences = 0
        for document, offset, doc, last in nlp.parse(self.nlp, documents, self.co):
            found = extract_mentions(document, doc, self.names, offset)
            for rm in self.extractor.extract(document, doc, found, offset):
                relations.append(replace(rm, subject=shifted(rm.subject, offset, sentences),
                                         object=shifted(rm.object, offset, sentences)))
            mentions += [shifted(m, offset, sentences) for m in found]
            sentences += sum(1 for _ in doc.sents)
            if last:
                mentions += byline_mentions(document, sentences)
                yield Extraction(document, tuple(mentions), tuple(relations), sentences)
                mentions, relations, sentences = [], [], 0


def extract_all(settings: Settings, on_skip: Callable[[CorpusError], None],
                on_document: Callable[[Document], None] = lambda d: None) -> tuple[list[Extraction], "Engine"]:
    """Read, parse and extract every document; returns the records and the engine that made them."""
    engine = Engine.load(settings.model, settings.ontologies)

    def documents():
        for item in corpus.iter_corpus(settings.corpus, engine.layout, settings.max_bytes):
            if isinstance(item, CorpusError):
                on_skip(item)
            else:
                yield item

    results = []
    for extraction in engine.extract(documents()):
        results.append(extraction)
        on_document(extraction.document)
    return results, engine


@contextmanager
def exclusive(out: Path):
    """One run at a time per output folder: a second one is refused with a clear message."""
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK_NAME
    fh = open(path, "a+")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            raise PipelineError(f"{out}: another newsgraph run (pid {holder}) is writing here; "
                                "wait for it to finish or use another --out") from err
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        yield
    finally:
        fh.close()


def run(settings: Settings, on_skip: Callable[[CorpusError], None] = lambda e: None,
        on_document: Callable[[Document], None] = lambda d: None) -> Summary:
    if not settings.corpus.is_dir():
        raise PipelineError(f"{settings.corpus}: corpus folder not found")
    with exclusive(settings.out):
        for stale in settings.out.glob(".*.tmp"):  # left by a run that was killed while writing
            stale.unlink(missing_ok=True)
        return _run(settings, on_skip, on_document)


def _run(settings: Settings, on_skip, on_document) -> Summary:
    started = time.perf_counter()
    summary = Summary()

    def skip(err: CorpusError) -> None:
        summary.skipped.append(str(err))
        on_skip(err)

    extractions, engine = extract_all(settings, skip, on_document)
    summary.read = len(extractions)
    if settings.strict and summary.skipped:
        raise PipelineError(f"{len(summary.skipped)} file(s) skipped and --strict is set; nothing was written")
    if not extractions:
        raise PipelineError(f"{settings.corpus}: no document could be processed "
                            f"({len(summary.skipped)} skipped)")
    entities, relations = resolve(extractions, engine.extractor.signatures, engine.names)
    graph = build_graph(entities, relations, settings.min_confidence)
    rdf_graph = rdf.to_rdf(graph, settings.base_iri(), (e.document for e in extractions))
    outputs = {"graph.ttl": rdf.serialize(rdf_graph, "turtle")}
    for fmt in sorted(set(settings.rdf_formats) - {"turtle"}):
        outputs[rdf.FORMATS[fmt]] = rdf.serialize(rdf_graph, fmt, settings.base_iri() + "graph")
    outputs.update(export.files(graph, export.FAST if settings.skip_pictures else export.ALL))
    for name, data in outputs.items():
        write_atomic(settings.out / name, data)
        summary.written.append(name)
    summary.entities = Counter(d["type"] for _, d in graph.nodes(data=True))
    summary.relations = Counter(k for _, _, k in graph.edges(keys=True))
    summary.seconds = time.perf_counter() - started
    return summary
