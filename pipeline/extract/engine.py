"""The spaCy side of a run, loaded once per process: furniture rules, the statistical pipeline
with newsgraph's rule layer, and the compiled relation rules. ``Engine.extract`` turns
Documents into plain Extraction records (parse, mentions and rules stages).
"""
from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from .. import corpus
from ..lexicon import Lexicon
from ..types import Document, Extraction, Mention, RelationMention
from . import parse
from .components import REPAIR_FAILED
from .mentions import extract_mentions, furniture_mentions, sentence_index, shifted, without_common_words
from .relations import Extractor


@dataclass
class Engine:
    """Everything loaded once per run: the Lexicon, the spaCy pipeline, the compiled rules."""

    lex: Lexicon
    nlp: object
    extractor: Extractor
    co: object

    @classmethod
    def load(cls, model: str | None = None, lexicon: Lexicon | None = None) -> "Engine":
        """The engine of a model (default: the setting) and a Lexicon (default: the repository's)."""
        lex = lexicon or Lexicon.load()
        language = parse.load(parse.model_name(model), lex)
        engine = cls(lex, language, Extractor(lex, language.vocab), parse.co_prefix(lex))
        # The model is hundreds of thousands of long-lived objects: moved out of the collector's
        # reach, they are no longer re-scanned by every full collection while records pile up
        # (extraction of 320 articles: 45.9 s -> 35.6 s).
        gc.freeze()
        return engine

    def document(self, text: str, doc_id: str = "doc.txt") -> Document:
        """A Document from a string (for tests and library use)."""
        return corpus.document_from_bytes(doc_id, text.encode("utf-8"), self.lex.layout)

    def extract(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        """Stream Documents through spaCy and the rules; yields one plain record per document
        (a long document is parsed in pieces, whose results are joined here)."""
        mentions: list[Mention] = []
        relations: list[RelationMention] = []
        problems: list[str] = []
        sentences = 0
        for document, offset, doc, last in parse.parse(self.nlp, documents, self.co):
            if REPAIR_FAILED in doc.user_data:
                problems.append(f"{document.id}: the entity repair failed near character {offset} "
                                f"({doc.user_data[REPAIR_FAILED]}); the model's entities are used there")
            sent_of = sentence_index(doc)  # computed once for mentions, rules and the count
            found = extract_mentions(document, doc, self.lex.names, offset, sent_of)
            held: set[Mention] = set()
            try:
                found_relations = list(self.extractor.extract(document, doc, found, offset, sent_of))
            except Exception as err:  # a fault of the rules on text no rule foresaw: the batch goes on
                found_relations = []
                problems.append(f"{document.id}: the rules stage failed near character {offset} "
                                f"({type(err).__name__}); the relations of that part are left out")
            for rm in found_relations:
                held |= {rm.subject, rm.object}
                relations.append(replace(rm, subject=shifted(rm.subject, offset, sentences),
                                         object=shifted(rm.object, offset, sentences)))
            mentions += [shifted(m, offset, sentences) for m in without_common_words(doc, found, held)]
            sentences += sent_of[-1] + 1 if sent_of else 0
            if last:
                mentions += furniture_mentions(document, sentences)
                yield Extraction(document, tuple(mentions), tuple(relations), sentences, tuple(problems))
                mentions, relations, problems, sentences = [], [], [], 0
