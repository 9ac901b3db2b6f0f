"""What the rule modules hand each other while reading one document (never leaves extract/)."""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..rules import Rule
from ..types import Mention, Qualifiers


@dataclass(slots=True)
class Arg:
    """A relation argument: the mention, and how it was reached."""

    mention: Mention
    coref: bool = False
    """Through a pronoun or a definite description."""
    implicit: bool = False
    """Not said at all: the article's company, say."""


@dataclass(slots=True)
class Event:
    """A person starting or ending a role, for succession across clauses."""

    person: Arg
    status: str
    title: str | None
    sentence: int
    token: int


@dataclass(slots=True)
class Found:
    """A relation a rule found, before it becomes a RelationMention with its Evidence."""

    subject: Arg
    predicate: str
    object: Arg
    rule: Rule
    anchor: Token
    qualifiers: Qualifiers = field(default_factory=Qualifiers)
    last_sentence: Span | None = None
