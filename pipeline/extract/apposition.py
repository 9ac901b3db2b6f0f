"""Appositions the parser missed: 'Quill, a messaging app developed by X, has ...' and 'Quill,
Vantor's flagship phone, sold ...', where the small model hangs the name and the noun phrase
after it as two subjects. Used to type the name (entity_types) and to find what the noun
stands for (arguments)."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token


def surface_apposition(span: Span) -> list[Token]:
    """'Quill, a messaging app developed by X, has ...', 'Quill, Vantor's flagship phone, sold ...'
    when the parser missed the apposition: at the start of a sentence, a name, a comma and a
    determined or possessed noun phrase closed by a comma; the head noun of that phrase."""
    doc, root = span.doc, span.root
    if root.dep_ == "appos" or any(c.dep_ == "appos" for c in root.children) or span.start != span.sent.start:
        return []
    i = span.end + 2
    if i >= len(doc) or doc[span.end].text != ",":
        return []
    if doc[i - 1].lower_ not in {"a", "an", "the"}:
        i -= 1  # (a possessor: 'Vantor's')
        while i < span.sent.end and doc[i].pos_ == "PROPN":
            i += 1
        if i == span.end + 1 or i >= span.sent.end or doc[i].tag_ != "POS":
            return []
        i += 1
    phrase = []
    for tok in doc[i:min(i + 6, span.sent.end)]:
        if not (tok.pos_ in {"ADJ", "NOUN", "PROPN", "PUNCT"} or tok.tag_ == "VBG" and tok.dep_ == "amod") \
                or tok.text in {",", ";", "."}:
            break  # ('messaging' in 'a messaging app' is a gerund modifying the noun)
        phrase.append(tok)
    if not phrase or not any(t.text == "," for t in doc[i + len(phrase):span.sent.end]):
        return []
    return [t for t in reversed(phrase) if t.pos_ == "NOUN"][:1]


def surface_named(noun: Token) -> Token | None:
    """The name a missed apposition describes (the inverse of surface_apposition): 'Quill' for
    'smartphone' in 'Quill, Vantor's flagship smartphone, sold ...'."""
    doc, sent = noun.doc, noun.sent
    end = _entity_end(doc, sent.start)
    if end is None or noun.i <= end:
        return None
    name = doc[sent.start:end]
    return name.root if noun in surface_apposition(name) else None


def comma_named(noun: Token) -> Token | None:
    """The name set off by commas right after a determined noun: 'Vantor's chatbot, Quill,
    launched ...' (the parser may hang the name elsewhere)."""
    doc, i = noun.doc, noun.i + 2
    if noun.pos_ != "NOUN" or i >= len(doc) or doc[i - 1].text != "," or \
            not any(c.dep_ in {"det", "poss"} for c in noun.children):
        return None
    end = _entity_end(doc, i)
    if end is None or end < len(doc) and doc[end].text not in {",", ";", "."}:
        return None
    return doc[i:end].root


def _entity_end(doc: Doc, start: int) -> int | None:
    """Where the entity that begins at token ``start`` ends, read from the tokens (Doc.ents would
    build every span); None when none begins there."""
    if doc[start].ent_iob_ != "B":
        return None
    end = start + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return end


def comma_describes(span: Span) -> Token | None:
    """The determined noun a name set off by commas right after it describes (the inverse of
    comma_named, for typing the name)."""
    doc, i = span.doc, span.start - 2
    if i < 0 or doc[i + 1].text != "," or doc[i].pos_ != "NOUN" or \
            not any(c.dep_ in {"det", "poss"} for c in doc[i].children):
        return None
    return doc[i] if span.end == len(doc) or doc[span.end].text in {",", ";", "."} else None
