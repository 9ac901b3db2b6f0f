"""Qualifiers of a relation: the time its clause gives and whether a role starts or ends."""
from __future__ import annotations

from spacy.tokens import Token

from .. import when
from .coref import Context
from .grammar import TIME_PREPOSITIONS, no_longer, verb_of


def time_of(ctx: Context, tok: Token, status: str | None = None) -> dict:
    """Year or date the clause gives: 'in 2012' (point), 'since 2016' (start), 'until 2016' (end),
    both ends of a span ('from 2010 to 2015', where the parser hangs 'to' on 'from'; 'between
    2010 and 2015'); relative times ('last year', 'in March') are resolved against the article's
    date."""
    verb = verb_of(tok)
    cands = []
    for head in sorted({tok, verb}, key=lambda t: t.i):
        for c in head.children:
            if c.dep_ == "prep":
                cands += _prep_objects(c)
            elif c.dep_ in {"npadvmod", "tmod"}:
                cands.append(("", c))
    found: dict[str, str] = {}
    for prep, node in cands:
        if not (node.ent_type_ in {"DATE", "TIME"} or node.like_num):
            continue
        text = " ".join(t.text for t in node.subtree if t.dep_ not in {"cc", "conj", "prep"} or t == node)
        value = when.resolve(text, ctx.anchor)
        if value:
            kind = TIME_PREPOSITIONS.get(prep, "point")
            if kind == "point" and status in {"start", "end"}:
                kind = status
            found.setdefault(kind, value)
    span = {k: v for k, v in found.items() if k in {"start", "end"}}
    return span or {k: v for k, v in found.items() if k == "point"}


def _prep_objects(prep: Token) -> list[tuple[str, Token]]:
    """(preposition, object) pairs of a prepositional phrase, with a span's other end: 'from X to
    Y' ('to' under 'from'), 'between X and Y' (start X, end Y)."""
    out = []
    for p in prep.children:
        if p.dep_ == "pobj":
            if prep.lower_ == "between":
                out.append(("from", p))
                out += [("to", c) for c in p.children if c.dep_ == "conj"]
            else:
                out.append((prep.lower_, p))
        elif p.dep_ == "prep" and p.lower_ in TIME_PREPOSITIONS:
            out += _prep_objects(p)
    return out


def status_of(ctx: Context, title: Token, phrase: str) -> str | None:
    """'start' (new CEO, named CEO), 'end' (former CEO, stepped down as CEO) or None."""
    lex = ctx.lex
    ws = set(phrase.split())
    if ws & lex.titles.ended_modifiers or no_longer(title):
        return "end"
    if ws & lex.titles.starting_modifiers:
        return "start"
    node = title.head
    if title.dep_ == "pobj" and node.lower_ == "as":
        node = node.head
        if node.pos_ == "NOUN" and node.lemma_.lower() not in lex.end_words | lex.start_words:
            node = verb_of(node)  # 'left his role as CEO'
    lemma = node.lemma_.lower()
    if lemma in lex.end_words:
        return "end"
    if lemma in lex.start_words:
        return "start"
    return None
