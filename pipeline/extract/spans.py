"""What the entity components record on a span and read back: how its type was found.

``Token._.ng_source`` of an entity's first token is 'model', 'rule', 'context', 'held' or
'guess' (see names.STRENGTH); the mentions stage copies it onto each Mention.
"""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

if not Token.has_extension("ng_source"):
    Token.set_extension("ng_source", default=None)

ABBREVIATION = re.compile(r"(?:\b[A-Z]|\b(?:Inc|Corp|Co|Ltd|Bros|Jr|Sr|St|Mt|Dr|Mr|Ms|Mrs|Plc|Ltda|Cie)|\.[A-Za-z])\.$")
"""Names that end in a period of their own: initials, 'Inc.', 'Corp.', 'U.S.'."""


def source(span: Span) -> str | None:
    """``span[0]._.ng_source``, read where spaCy keeps it (``Doc.user_data``, by the token's
    character offset) without making an Underscore object per access: ``._`` costs about 5 us,
    this a dictionary lookup, and the stage asks tens of times per entity."""
    return span.doc.user_data.get(("._.", "ng_source", span.start_char, None))


def set_source(span: Span, value: str) -> None:
    """``span[0]._.ng_source = value`` (see ``source``)."""
    span.doc.user_data[("._.", "ng_source", span.start_char, None)] = value


def name_root(span: Span) -> Token:
    """The span's root, or its subtitle's: a title with a subtitle ('Night Harbor: Assault is a
    video game', which the parser may even cut into two sentences) acts where the subtitle does."""
    cuts = [t.i + 1 for t in span[1:-1] if t.text == ":"] + [t.i for t in span[1:] if t.is_sent_start]
    return span.doc[max(cuts):span.end].root if cuts else span.root
