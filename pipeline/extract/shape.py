"""Entity shape: where a name starts and ends and whether it can be a name at all.

Functions over the model's entity spans: the label a piece keeps, names of employers before a
title, model designations after a name, proper-noun runs the model left unlabelled. The cuts
inside a span are in pieces.py, its edges in trim.py; the entity components (components.py)
call them in order; typing from context is in entity_types.py.
"""
from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from ..lexicon import Lexicon
from ..when import MONTHS, WEEKDAYS
from .depmatch import MAX_KNOWN
from .spans import set_source
from .trim import quoted

KEPT_LABELS = {"PERSON", "ORG", "PRODUCT"}
"""Labels that become entities of the graph contract."""
CANDIDATE_LABELS = {"GPE", "NORP", "WORK_OF_ART", "FAC", "LOC", "EVENT", "LAW", "LANGUAGE"}
"""Labels the small model often puts on company and product names: kept as weak guesses."""
PLACE_LABELS = {"GPE", "LOC", "FAC"}
TYPED_LABELS = KEPT_LABELS | CANDIDATE_LABELS | {"DATE", "TIME", "GUESS"}
"""Labels this stage looks at; the model's others (CARDINAL, MONEY, ...) are dropped."""
DEMONYM = re.compile(r"(?:an|ans|ese|ish|ic|ch|i|is|er|ers|ese|ite|ites)$")
"""Endings of nationality and group words (NORP): 'Chinese', 'Americans', 'Israeli'."""
DESIGNATION = re.compile(r"[IVX]{1,4}|\d{1,4}[A-Za-z]{0,3}|[A-Z]{1,2}\d{1,3}[a-z]{0,3}|[B-HJ-Z]")
"""Model designations after a product name: 'II', '15', '8a', 'S23', 'M2', '2600', 'Q' (a capital
letter alone, but not 'A' or 'I')."""
REGNAL = re.compile(r"(?:X{0,2})(?:IX|IV|V?I{1,3}|V)")
"""A regnal number after a given name: 'Adalbert IV', 'Henrik VIII', 'Tomas Adalbert II'."""
YEARLIKE = re.compile(r"(?:19|20)\d\d")


def unlabeled_names(lex: Lexicon, doc: Doc, ents: list[Span], capital: dict[int, bool]) -> list[Span]:
    """Runs of proper nouns the model left unlabeled: candidates that only their context can type."""
    covered = {i for e in ents for i in range(e.start, e.end)}
    parts = person_name_parts(ents)
    # (``capital``: word (ORTH) -> whether it starts with a capital letter, kept across Docs)
    if len(capital) > MAX_KNOWN:
        capital.clear()
    strings = doc.vocab.strings
    orths = doc.to_array("ORTH").tolist() + [None]
    out, run = [], []
    for i, orth in enumerate(orths):
        upper = capital.get(orth)
        if upper is None and orth is not None:
            upper = capital[orth] = strings[orth][:1].isupper()
        tok = doc[i] if upper and i not in covered else None
        ok = tok is not None and (name_shaped(tok) or tok.text in parts or names_employer(lex, tok)
                                  or defined_name(lex, tok)) \
            and tok.lower_ not in lex.titles.words and tok.text not in lex.generic_acronyms
        if ok:
            run.append(tok)
            continue
        if run:
            span = Span(doc, run[0].i, run[-1].i + 1, label="GUESS")
            set_source(span, "guess")
            out.append(span)
        run = []
    return out


def name_shaped(tok: Token) -> bool:
    """A proper noun, or a capitalized word in mid-sentence (the small model mis-tags rare names)."""
    if not tok.text[:1].isupper() or tok.is_punct or not any(c.isalpha() for c in tok.text):
        return False
    if tok.pos_ == "PROPN":
        return True
    prev = tok.doc[tok.i - 1] if tok.i else None
    mid = prev is not None and not tok.is_sent_start and prev.text not in {":", "“", "\"", "‘", "(", "-", "—"} \
        and not prev.is_space
    return mid and tok.pos_ in {"NOUN", "ADJ", "ADV", "VERB", "X"} and not tok.is_stop


def defined_name(lex: Lexicon, tok: Token) -> bool:
    """The capitalized first word of a definition ('Skyrise is an arcade game ...', 'Halvex is a
    maker of ...'): the subject of 'is' whose complement is a product or organization noun,
    which the small model often tags as a common noun. A word the text also writes in lower
    case is a common noun after all."""
    if not (tok.is_sent_start or tok.i == 0) or tok.is_stop or not tok.is_alpha or tok.pos_ not in {"NOUN", "ADJ", "X"}:
        return False
    head = tok.head
    if tok.dep_ != "nsubj" or head.lemma_ != "be":
        return False
    if not any(c.dep_ == "attr" and (c.lemma_.lower() in lex.product_nouns or c.lemma_.lower() in lex.org_nouns)
               for c in head.children):
        return False
    lower = tok.lower_
    return not any(t.text == lower for t in tok.doc)


def names_employer(lex: Lexicon, tok: Token) -> bool:
    """A capitalized word right before an executive title and the person holding it ('Tesla
    chief executive Elon Musk said'): the small model often tags such a word at the start of
    a sentence as an adjective, which no other test takes for a name."""
    if tok.is_stop or not tok.is_alpha or tok.lower_ in lex.titles.rank_modifiers:
        return False
    return employer_title_after(lex, tok.doc, tok.i + 1)


def person_name_parts(spans) -> set[str]:
    """The capitalized words of the personal names of two or more words ('Ada', 'Brenner')."""
    return {t.text for s in spans if s.label_ == "PERSON" and len(s) > 1 for t in s if t.text[:1].isupper()}


def employers(lex: Lexicon, spans: list[Span]) -> list[Span]:
    """A name right before an executive title and its holder is the holder's employer, even
    where the model took it for a person or cut it in two: 'Reckitt Benckiser chief executive
    Kris Licht', 'Chipotle Mexican Grill chief Brian Niccol' ('Chipotle Mexican' + 'Grill')."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        employer = span.label_ in {"PERSON", "GUESS"} and employer_title_after(lex, span.doc, span.end)
        joined = employer and span.label_ == "GUESS" and prev is not None and prev.end == span.start and \
            prev.label_ in {"PERSON", "ORG", "GUESS"} and "\n" not in prev[-1].whitespace_
        if joined:
            out.pop()
        if employer:
            span = Span(span.doc, prev.start if joined else span.start, span.end, label="ORG")
            set_source(span, "held")
        out.append(span)
    return out


def employer_title_after(lex: Lexicon, doc: Doc, i: int) -> bool:
    """Title words from token i on, one of them an executive title (lexicon.json
    titles.employer_titles), then a person the model found."""
    start, executive = i, False
    while i < len(doc):
        word = doc[i].lower_
        if word in lex.titles.words:
            executive = executive or word in lex.titles.employer_titles
        elif not (doc[i].is_space or word in {"and", "&"} and i > start):  # the blanked 'co-' of 'co-founder'
            break
        i += 1
    return executive and i < len(doc) and doc[i].ent_type_ == "PERSON"


def org_suffix_after(lex: Lexicon, span: Span) -> bool:
    """A capitalized word of company names right after the name, which it modifies and no
    entity holds ('Pellan University', 'Leeds Bank' where the model found only the place)."""
    doc = span.doc
    if span.end >= len(doc):
        return False
    nxt = doc[span.end]
    return nxt.ent_iob_ == "O" and nxt.text[:1].isupper() and nxt.lower_ in lex.org_suffixes and \
        span.root.head == nxt and not nxt.whitespace_.count("\n")


def with_designation(span: Span) -> Span:
    """'Apple' + 'II', 'Pixel' + '8': a model designation right after a name makes a product name."""
    doc = span.doc
    if span.label_ not in {"ORG", "PRODUCT", "GUESS", "GPE"} or span.end >= len(doc):
        return span
    nxt = doc[span.end]
    attached = span.root.head == nxt or nxt.head == span.root and nxt.dep_ in {"nummod", "appos", "compound"}
    if span.end + 1 < len(doc) and doc[span.end + 1].text == ":":
        return span  # 'Crisis 2: ...', 'Part 3:': a numbered heading, not a model
    if nxt.pos_ in {"PROPN", "NUM"} and attached and DESIGNATION.fullmatch(nxt.text) \
            and not YEARLIKE.fullmatch(nxt.text) and nxt.ent_type_ in {"", "CARDINAL"}:
        out = Span(doc, span.start, span.end + 1, label="PRODUCT")
        set_source(out, "rule")
        return out
    return span


def kept_label(lex: Lexicon, span: Span, label: str) -> str | None:
    """Model label -> kept label, or None to drop the span."""
    last = span[-1].lower_
    if label not in {"DATE", "TIME"} and span.text.islower() and not any(c.isdigit() for c in span.text):
        return None  # 'the university medical clinic': no name (a script without case is kept)
    after = span.doc[span.end:span.end + 2]
    if len(after) == 2 and after[0].text == "-" and not span[-1].whitespace_ and \
            after[1].lower_ in lex.located_words:
        return "GPE"  # 'a Harwell-based payments firm': a place
    if label in {"ORG", "EVENT", "GUESS"} and span.root.lower_ in lex.event_nouns:
        return None  # 'the Pellan War of Independence': an event
    if label in {"ORG", "PERSON"} and len(span) > 1 and (last in lex.landform_words or
                                                         span[0].lower_ in lex.landform_words and span[1].lower_ == "of"):
        return "GPE"  # 'the upper Harwell Valley', 'Pellan Cemetery', 'Cathedral of St Eric': a place
    if label in {"DATE", "TIME"}:
        # the small model reads some rare names as dates ('developed by Tarrow'): proper nouns
        # with no digit and no month or weekday are a name that its context may type
        if all(t.pos_ == "PROPN" and t.text[:1].isupper() and t.lower_.rstrip(".") not in MONTHS
               and t.lower_ not in WEEKDAYS for t in span) and not any(c.isdigit() for c in span.text):
            return "GUESS"
        return label
    if label == "PERSON" and span.start > 0 and span.doc[span.start - 1].lower_ == "the" and \
            span.root.dep_ not in {"compound", "nmod", "amod", "poss"}:
        return "ORG"  # 'The Scotsby', 'the Harwell Rovers': no person's name follows 'the' ('the X era' may)
    if label == "PERSON" and not titled_name(lex, span):  # (a regnal number may end it: 'Louis XIV')
        if last in lex.product_suffixes:
            return "PRODUCT"
        if last in lex.org_suffixes and len(span) > 1:
            return "ORG"
        if span.root.pos_ != "PROPN" or span.text.lower() in lex.not_person_words:
            return None
        return "GUESS" if quoted(span) else "ORG"
    if label in KEPT_LABELS or label == "GUESS":
        return label
    if label == "NORP":
        member = span.start > 0 and span.doc[span.start - 1].lower_ in {"a", "an"}  # 'a Democrat': one of a group
        return None if member or DEMONYM.search(span.text.lower()) or span[0].pos_ == "ADJ" else "ORG"
    if label in PLACE_LABELS:
        return "GPE"
    if label in CANDIDATE_LABELS:
        return "GUESS" if span.root.pos_ == "PROPN" and not quoted(span) else None
    return None


def titled_name(lex: Lexicon, span: Span) -> bool:
    """What follows a title is a person's name: person-like, or with a regnal number ('Adalbert IV')."""
    return person_like(lex, span) or len(span) > 1 and REGNAL.fullmatch(span[-1].text) is not None and \
        person_like(lex, span[:-1])


def person_like(lex: Lexicon, span: Span) -> bool:
    """A personal name: capitalized proper-noun words, no digits, no generic words."""
    doc = span.doc
    for tok in span:
        text, lower, i = tok.text, tok.lower_, tok.i
        if lower in lex.person_particles or text in {"-", "'", "’"}:
            continue
        if i > span.start and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ \
                and tok.is_alpha and tok.is_lower:
            continue  # the second half of a hyphenated given name: 'Lee Jae-yong'
        if not text[:1].isupper() or any(c.isdigit() for c in text):
            return False
        if lower in lex.not_name_words:
            return False
        if text.isupper() and (len(text) > 3 or i == span.end - 1 or text in lex.generic_acronyms):
            # initials may open a name ('TM Roh'); a name does not end in capitals ('Oriental IC')
            return False
    if len(span) == 1 and span[0].pos_ != "PROPN":
        return False
    return not quoted(span) and sum(t.lower_ not in lex.person_particles for t in span) <= 5
