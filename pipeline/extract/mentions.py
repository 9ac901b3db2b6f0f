"""Mentions stage: a parsed Doc -> Mentions (plain data; spaCy stops here).

Labels map to the graph contract's kinds; people named in bylines are added
as Person mentions of their own (source 'byline'), and the news agency a wire
dateline credits as an Organization (source 'dateline'): they are entities,
but the rules stage never sees them because their text is furniture. Within a
document, one name gets one type (see names.settle_types).
"""
from __future__ import annotations

from dataclasses import replace

import numpy as np
from spacy.tokens import Doc

from ..names import NameRules, settle_types
from ..types import ORGANIZATION, PERSON, PLACE, PRODUCT, Document, Mention
from .name_groups import aliases, shared_family_names
from .spans import ABBREVIATION, name_root, source

KINDS = {"PERSON": PERSON, "ORG": ORGANIZATION, "PRODUCT": PRODUCT, "GPE": PLACE}


def sentence_index(doc: Doc) -> list[int]:
    """Token index -> sentence number."""
    if not len(doc):
        return []
    starts = doc.to_array("SENT_START") == 1
    starts[0] = False
    return np.cumsum(starts).tolist()


def extract_mentions(document: Document, doc: Doc, rules: NameRules, offset: int = 0,
                     sent_of: list[int] | None = None) -> tuple[Mention, ...]:
    """The entity mentions of a Doc, in text order, with offsets into the Doc (the piece of
    ``document.text`` that starts at ``offset``); ``sent_of`` is sentence_index(doc) when known."""
    sent_of = sentence_index(doc) if sent_of is None else sent_of
    ents = doc.ents
    roots = {e.root.i for e in ents if e.label_ in KINDS}
    family, alias = shared_family_names(ents), aliases(ents, rules.alias_phrases)
    out = []
    for ent in ents:
        kind = KINDS.get(ent.label_)
        if kind is None:
            continue
        partners = [t.i for t in ent.root.conjuncts if t.i in roots]
        group = min(partners + [ent.root.i]) if partners else -1
        end = ent.end_char - _stray_period(ent.text)
        text = document.text[offset + ent.start_char:offset + end]
        if ent.start in family:
            text += " " + family[ent.start]  # 'Amos' of 'brothers Amos and Eli Varden' is Amos Varden
        out.append(Mention(document.id, ent.start_char, end, text, kind, sent_of[name_root(ent).i],
                           source(ent) or "model", group, alias.get(ent.start, "")))
    return tuple(settle_types(out, rules))


def without_common_words(doc: Doc, mentions: tuple[Mention, ...], kept: set[Mention]) -> tuple[Mention, ...]:
    """The mentions less the capitalized common words: a one-word name that the same text also
    writes in lower case ('Deal', 'Village', 'Children' at the start of a sentence or a
    heading) names nothing, unless a relation holds it (``kept``)."""
    words = {m.text.lower() for m in mentions if m not in kept and " " not in m.text and m.text.istitle()}
    if not words:
        return mentions
    strings = doc.vocab.strings
    orths = set(doc.to_array("ORTH").tolist())  # (the words as written; Doc.text would join every token)
    lower = {w for w in words if w in strings and strings[w] in orths}
    return tuple(m for m in mentions if m in kept or " " in m.text or not m.text.istitle()
                 or m.text.lower() not in lower)


FURNITURE_SOURCES = frozenset({"byline", "dateline"})
"""Sources of the mentions whose text is furniture: no rule sees them."""


def furniture_mentions(document: Document, sentence: int) -> tuple[Mention, ...]:
    """The people a byline names, as Person mentions, and the agencies a wire dateline credits,
    as Organization mentions (their text is furniture, so no rule sees them)."""
    return tuple(Mention(document.id, start, end, document.text[start:end], kind, sentence, source)
                 for ranges, kind, source in ((document.bylines, PERSON, "byline"),
                                              (document.agencies, ORGANIZATION, "dateline"))
                 for start, end in ranges)


def shifted(m: Mention, offset: int, sentences: int) -> Mention:
    """A mention of a piece moved to document coordinates."""
    if not offset and not sentences:
        return m
    return replace(m, start=m.start + offset, end=m.end + offset, sentence=m.sentence + sentences,
                   group=m.group + offset if m.group >= 0 else -1)


def _stray_period(text: str) -> int:
    """1 when a name swallowed the sentence's full stop ('... of SpaceX.'), else 0."""
    return 1 if text.endswith(".") and not ABBREVIATION.search(text) else 0
