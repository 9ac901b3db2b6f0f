"""Names the model or the patterns found that their context shows are words of something else:
of a title-case title ('Harbor' of 'Lord of the Harbor'), of a quoted song or film title, of a role
title ('Public Affairs Officer', 'Minister for Coastal Protection'), of an honour ('Order of St
Olav') or of an event's name ("X Women's Championship"), a field of study ('Marine Biology') or an adjective ('an Anglicized spelling'). Each pass leaves such spans untyped
(label GUESS); the entity component (components.py) runs them after typing."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon
from .grammar import LEADING_JUNK
from .trim import POSSESSIVE

QUOTE_MARK = re.compile('["“”]')


def title_fragments(lex: Lexicon, spans: list[Span], words: frozenset[str]) -> None:
    """A one-word name that is a dictionary word inside a longer title-case phrase joined by small
    words ('Harbor' of 'Lord of the Harbor', 'Mission' of 'Grace with a Mission'; lexicon.json
    title_joiners) is a piece of a title, not a name: it is left untyped. The phrase must hold a
    capitalized word of its own that no name and no role title takes, and not at the sentence's start,
    and a joining word that is no conjunction ('Vantor and Pellan' are two names)."""
    if not spans:
        return
    doc = spans[0].doc
    taken = {i for s in spans if s.label_ not in {"GUESS", "GPE"} for i in range(s.start, s.end)}  # (a place may be a word of a title)
    for s in spans:
        tok = s[0]
        if len(s) != 1 or s.label_ == "GUESS" or not {tok.lower_, tok.lower_.rstrip("s")} & words or \
                not any(0 <= i < len(doc) and doc[i].lower_ in lex.title_joiners for i in (tok.i - 1, tok.i + 1)):
            continue  # (a title's one-word piece has a joining word beside it)
        start, end = _title_run(lex, doc, tok.i)
        inner = doc[start:end]
        if any(t.lower_ in lex.title_joiners and t.is_lower and t.lower_ not in {"and", "or", "&"} for t in inner) and \
                any(t.i not in taken and not t.is_sent_start and t.lower_ not in lex.titles.words
                    and t.lower_ not in lex.person_titles for t in inner if _capital(t)):
            s.label_ = "GUESS"


def fields_of_study(lex: Lexicon, spans: list[Span], words: frozenset[str]) -> None:
    """Dictionary words that are studied ('studied Marine Biology at X') or that a degree is in
    ('a degree in Political Economy', 'a professor of Law'; lexicon.json study_verbs and
    degree_nouns) name a field, not a person or an organization: they are left untyped."""
    for s in spans:
        root = s.root
        if s.label_ == "GUESS" or not all(t.lower_ in words or t.lower_ == "and" for t in s):
            continue
        head = root.head
        studied = root.dep_ == "dobj" and head.lemma_.lower() in lex.study_verbs
        degree = root.dep_ == "pobj" and head.lower_ in {"in", "of"} and \
            any(t.lower_ in lex.degree_nouns for t in (head.head, *(c for c in head.head.children if c.dep_ == "dobj")))
        if studied or degree:
            s.label_ = "GUESS"


def adjectives(lex: Lexicon, spans: list[Span], words: frozenset[str]) -> None:
    """'an Anglicized spelling', 'a Royalist officer': one capitalized dictionary word (or its
    '-d' or '-ed' form) that the tagger reads as an adjective of a common noun describes it; it
    names nothing (but 'the Green party' and 'Green leader X' name a party, 'the Ledgerly
    app' a product: not before a noun of groups, products or titles)."""
    for s in spans:
        tok = s[0]
        if len(s) == 1 and s.label_ != "GUESS" and tok.tag_ in {"JJ", "JJR", "JJS"} and tok.dep_ == "amod" and \
                tok.head.pos_ == "NOUN" and tok.head.is_lower and _dictionary_adjective(tok.lower_, words) and \
                not {tok.head.lemma_.lower(), tok.head.lower_} & (lex.org_nouns | lex.member_groups | lex.titles.words
                                                                    | lex.product_nouns):
            s.label_ = "GUESS"


def _dictionary_adjective(word: str, words: frozenset[str]) -> bool:
    return word in words or word.endswith("ed") and (word[:-1] in words or word[:-2] in words)


def beats(lex: Lexicon, spans: list[Span], words: frozenset[str]) -> None:
    """Dictionary words right before a capitalized title of a beat or office that no name follows
    ('Public Affairs' of 'Public Affairs Officer', 'Science and Health Correspondent'; lexicon.json
    place_titles and officer_titles) are part of the title, not a name, and so are those after a
    portfolio title's 'for' or 'of' ('Minister for Coastal Protection'; portfolio_titles): they are
    left untyped."""
    dropped: set[int] = set()  # (right to left: 'Faith' and 'Values Correspondent')
    for s in reversed(spans):
        doc, end = s.doc, s.end
        if end >= len(doc) or s.label_ == "GUESS" or not all(t.lower_ in words or t.lower_ == "and" for t in s):
            continue
        portfolio = s.start > 1 and doc[s.start - 1].lower_ in {"for", "of"} and _capital(doc[s.start - 2]) and \
            doc[s.start - 2].lower_ in lex.portfolio_titles
        if portfolio or (doc[end].lower_ in lex.place_titles or doc[end].lower_ in lex.officer_titles) and _capital(doc[end]) and \
                not (end + 1 < len(doc) and _capital(doc[end + 1])) or doc[end].lower_ == "and" and end + 1 in dropped:
            s.label_ = "GUESS"
            dropped.add(s.start)


def honours(lex: Lexicon, spans: list[Span]) -> None:
    """An honour ('Order of St Olav'; lexicon.json honour_nouns), the names after its 'Order of'
    and the names joined to them by 'and' are no person, organization or product ('Knight of the
    Order of St Olav and St Eric'): they are left untyped."""
    dropped: set[int] = set()  # (the ends of the names left untyped)
    for s in spans:
        doc, i = s.doc, s.start
        i -= i > 0 and doc[i - 1].lower_ == "the"
        honour = i > 1 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in lex.honour_nouns and _capital(doc[i - 2]) \
            or len(s) > 2 and s[0].lower_ in lex.honour_nouns and s[1].lower_ == "of" and _capital(s[0])
        if honour or i > 0 and doc[i - 1].lower_ == "and" and i - 1 in dropped:
            s.label_ = "GUESS"
            dropped.add(s.end)


def event_owners(lex: Lexicon, spans: list[Span]) -> None:
    """A name before "'s" and capitalized words with an event noun is the start of the event's
    name ("Vantor Women's Championship", "Harwell Juniors' Battle Cup"; lexicon.json event_nouns):
    it and the name after it are left untyped."""
    starts = {s.start: s for s in spans}
    for s in spans:
        doc, end = s.doc, s.end
        if end + 1 >= len(doc) or doc[end].text not in POSSESSIVE or not _capital(doc[end + 1]):
            continue
        run = end + 1
        while run < len(doc) and _capital(doc[run]):
            run += 1
        if any(t.lower_ in lex.event_nouns for t in doc[end + 1:run]):
            s.label_ = "GUESS"
            if end + 1 in starts:
                starts[end + 1].label_ = "GUESS"


def quoted_titles(lex: Lexicon, spans: list[Span]) -> None:
    """A name inside a quoted title-case title that is longer than it ('Cara' of '"Come Home to
    Cara"', 'Rains' of '"Until It Rains"') is a word of a song's, film's or book's title: it is
    left untyped. (A quotation of speech is no title: its words are not capitalized.)"""
    if not spans:
        return
    doc = spans[0].doc
    marks = [m.start() for m in QUOTE_MARK.finditer(doc.text)]
    if not marks:
        return
    starts = doc.to_array("IDX").tolist()  # (each token's first character)
    quotes = sorted({bisect_right(starts, c) - 1 for c in marks})  # the tokens that hold a quotation mark
    for s in spans:
        k, j = bisect_left(quotes, s.start), bisect_left(quotes, s.end)
        if k == 0 or j == len(quotes) or quotes[k - 1] < s.start - 10 or quotes[j] >= s.end + 10:
            continue
        left, right, sent = quotes[k - 1], quotes[j], s.sent
        if left < sent.start or right >= sent.end:
            continue
        words = [doc[left].text.rsplit('"', 1)[-1].rsplit("“", 1)[-1]] + [t.text for t in doc[left + 1:right]]
        words = [w for w in words if w and any(c.isalpha() for c in w) and w not in POSSESSIVE]
        words = words[1:] if words and words[0].lower() in LEADING_JUNK else words  # ('"The Vantor Group"')
        if len(words) > len(s) and all(w[:1].isupper() or w in lex.title_joiners for w in words):
            s.label_ = "GUESS"


def _capital(tok: Token) -> bool:
    return tok.is_alpha and tok.text[:1].isupper()


def _title_run(lex: Lexicon, doc: Doc, i: int) -> tuple[int, int]:
    """The tokens around ``i`` that are capitalized words or small joining words, in its sentence,
    from a capitalized word to a capitalized word."""
    sent = doc[i].sent
    start = end = i
    while start > sent.start and (_capital(doc[start - 1]) or doc[start - 1].lower_ in lex.title_joiners):
        start -= 1
    while end + 1 < sent.end and (_capital(doc[end + 1]) or doc[end + 1].lower_ in lex.title_joiners):
        end += 1
    while not _capital(doc[start]):
        start += 1
    while not _capital(doc[end]):
        end -= 1
    return start, end + 1
