"""Types shared across names: a name repeated or coordinated with names typed from their context
takes their type ('Adobe said ... Adobe, best known for ...'; 'by Ada Brenner and Tomas Varga').
Called by the entity component after entity_types.retype has typed each name alone (and,
before it, ``named_after_company``: a company's one-word name read on as a person's)."""
from __future__ import annotations

import re

from spacy.tokens import Span, Token

from ..lexicon import Lexicon
from .shape import KEPT_LABELS, person_like, person_name_parts
from .spans import set_source, source
from .trim import title_word


INITIAL = re.compile(r"[A-Z]\.")


def looks_personal(span: Span) -> bool:
    return all(t.text[:1].isupper() and t.text.isalpha() and not t.text.isupper() for t in span)


def surnames(ents: list[Span]) -> frozenset[str]:
    """The last words of the document's full personal names ('Brenner' of 'Ada Brenner')."""
    return frozenset(e[-1].text for e in ents if e.label_ == "PERSON" and len(e) > 1 and looks_personal(e[-1:]))


def shared_family_names(ents) -> dict[int, str]:
    """Given names that share the family name of the full name their list ends with ('brothers
    Amos and Eli Varden', 'Ada, Bo and Cara Lund'): the start of each such given name -> the
    family name. A word the document also uses as a family name is one ('Brenner and Tomas
    Varga'); a list that does not end with 'and' is of other things ('Pellan, South Halvex')."""
    people = [e for e in ents if e.label_ == "PERSON"]
    family = surnames(people)
    out: dict[int, str] = {}
    run: list[Span] = []
    for e in people:
        if run and not (run[-1].end + 1 == e.start and e.doc[run[-1].end].lower_ in {"and", ","}):
            run = []
        if len(e) == 1 and e.text not in family and looks_personal(e):
            run.append(e)
        elif len(e) == 2 and run and looks_personal(e) and e.doc[e.start - 1].lower_ == "and":
            out.update((given.start, e[-1].text) for given in run)
            run = []
        else:
            run = []
    return out


def aliases(ents, phrases: frozenset[tuple[str, ...]]) -> dict[int, str]:
    """Two names of one person, the second right after the first: in brackets ('Wang Fang (Fiona
    Wang)') or after words that say so ('Liu Qiang, also known as Lucas Liu'; ``phrases``); and
    an organization's short name in capitals in brackets after its name, whatever its letters
    ('the Harwell Defence Board (HSK)'): the start of the second -> the first as written."""
    out: dict[int, str] = {}
    for kind in ("PERSON", "ORG"):
        named = [e for e in ents if e.label_ == kind]
        for a, b in zip(named, named[1:]):
            doc = a.doc
            between = doc[a.end:b.start]
            bracketed = between.text.strip() == "(" and b.end < len(doc) and doc[b.end].text == ")"
            words = tuple(t.lower_ for t in between if not (t.is_punct or t.is_space or t.is_quote))
            if kind == "PERSON" and (bracketed or words in phrases) or \
                    kind == "ORG" and bracketed and len(a) > 1 and b.text.isupper() and len(b) <= 3:
                out[b.start] = a.text
    return out


def repeated_names(spans: list[Span]) -> None:
    """An unlabelled name the document has typed elsewhere is of that type ('Adobe said ...
    Adobe, best known for Photoshop, ...': the model found only the first)."""
    known: dict[str, set[str]] = {}
    for s in spans:
        if s.label_ in KEPT_LABELS:
            known.setdefault(s.text, set()).add(s.label_)
    for s in spans:
        labels = known.get(s.text, ()) if s.label_ == "GUESS" else ()
        if len(labels) == 1:
            s.label_ = next(iter(labels))
            set_source(s, "context")


def coordinate(spans: list[Span]) -> None:
    """Names in one coordination share the type of a context-typed member ('X and Y apps')."""
    ents = {e.root.i: e for e in spans}
    for ent in spans:
        group = [ents[t.i] for t in ent.root.conjuncts if t.i in ents]
        guessed = ent.label_ in {"GPE", "GUESS"} and source(ent) == "guess" and len(ent) > 1
        if (ent.label_ == "ORG" and source(ent) == "model" or guessed) and \
                any(g.label_ == "PERSON" for g in group) and not any(g.label_ in {"ORG", "PRODUCT"} for g in group) \
                and looks_personal(ent):
            # 'with Chris Malachowsky and Curtis Priem', 'by Dylan Field and Evan Wallace' (the
            # model's place or facility names are only guesses here), 'by Ugur Sahin and Ozlem
            # Tureci' (a name the model left unlabelled)
            ent.label_ = "PERSON"
            set_source(ent, "context")
            continue
        if ent.label_ == "PERSON" and len(ent) == 1 and source(ent) == "model" and \
                sum(g.label_ == "GPE" for g in group) >= max(2, 1 + sum(g.label_ == "PERSON" for g in group)) and \
                not any(g.label_ == "PERSON" and len(g) > 1 for g in group):
            ent.label_ = "GPE"  # 'offices in Harrogate, Hull, Scarborough and York': a place among places
            set_source(ent, "context")
            continue
        weak_person = ent.label_ == "PERSON" and len(ent) == 1
        if ent.label_ not in {"ORG", "PRODUCT", "GPE"} and not weak_person \
                or source(ent) in {"context", "rule"} or ent.label_ == "GPE" and _in_place(ent.root):
            continue
        group = [ents[t.i] for t in ent.root.conjuncts if t.i in ents]
        typed = {g.label_ for g in group if (source(g) in {"context", "rule", "held"} or weak_person)
                 and g.label_ in {"ORG", "PRODUCT"}}
        if len(typed) == 1:
            ent.label_ = typed.pop()
            set_source(ent, "context")


def _in_place(tok: Token) -> bool:
    """A name listed after 'in' ('at X in Leeds, Ontario'): a place, whatever it is listed with."""
    return _place_preposition(tok) is not None


def _place_preposition(tok: Token) -> Token | None:
    """The 'in' a name is listed after, through the names listed with it."""
    for _ in range(4):
        if tok.dep_ == "pobj":
            return tok.head if tok.head.lower_ == "in" else None
        if tok.dep_ not in {"conj", "appos"} or tok.head == tok:
            return None
        tok = tok.head
    return None


def lone_company_subjects(lex: Lexicon, spans: list[Span]) -> None:
    """A one-word name the model calls a person, which the document never gives as part of a
    personal name, is a company when it does what companies do ('Vantor launched Quill',
    'Vantor acquired Y'): people are introduced by their full names."""
    parts = person_name_parts(spans)
    for s in spans:
        if s.label_ != "PERSON" or len(s) != 1 or source(s) != "model" or s.text in parts:
            continue
        root = s.root
        while root.dep_ == "conj" and root.head.i < root.i:
            root = root.head
        verb = root.head.lemma_.lower()
        if root.dep_ == "nsubj" and (verb in lex.product_subject_verbs or verb in lex.org_only_verbs):
            s.label_ = "ORG"
            set_source(s, "context")



def lone_names_in_places(lex: Lexicon, spans: list[Span]) -> None:
    """A one-word name the model calls a person, which the document never gives as part of a
    personal name, is a place after 'in' ('a garage in Harwell'; not 'invested in X', whose
    preposition has a kind of its own: lexicon preposition_argument_types)."""
    parts = person_name_parts(spans)
    for s in spans:
        prep = _place_preposition(s.root) if s.label_ == "PERSON" and len(s) == 1 and source(s) == "model" and \
            s.text not in parts else None
        if prep is not None and (prep.head.lemma_.lower(), "in") not in lex.preposition_kinds:
            s.label_ = "GPE"
            set_source(s, "context")


def towns(lex: Lexicon, spans: list[Span]) -> None:
    """A one-word name followed by ', Region' and a break is a town ('born in Harwell, Ohio, he',
    '(1973, Harwell, Ohio)'), whatever the model called it: people and companies are not
    written with a region after a comma."""
    places = {s.start: s for s in spans if s.label_ == "GPE"}
    for s in spans:
        region = places.get(s.end + 1)
        if s.label_ not in {"PERSON", "ORG", "GUESS"} or len(s) != 1 or region is None or source(s) == "rule" \
                or s.doc[s.end].text != "," or s[0].lower_ in lex.org_suffixes:
            continue
        if any(t.dep_ == "conj" or any(c.dep_ == "conj" for c in t.children) for t in (s.root, region.root)):
            continue  # a list of places or names ('such as Pellan, Leeds, and York')
        after = s.doc[region.end] if region.end < len(s.doc) else None
        if after is None or after.is_punct and after.text not in {"'s", "-"}:
            s.label_ = "GPE"
            set_source(s, "context")


def regional_companies(lex: Lexicon, spans: list[Span]) -> None:
    """'Vantor Europe', 'Vantor of America' where the text names the company 'Vantor': its
    regional company, whatever the model called the name."""
    names = {s.text for s in spans if s.label_ == "ORG"}
    for span in spans:
        base = span[:-2] if len(span) > 2 and span[-2].lower_ == "of" else span[:-1]
        if len(span) > 1 and span[-1].lower_ in lex.region_words and base.text in names and span.label_ != "ORG":
            span.label_ = "ORG"
            set_source(span, "context")


def named_after_company(spans: list[Span]) -> None:
    """'Zoom Workplace' where the text names the company 'Zoom': a 'person' whose first word is
    a one-word company name of the same text is the company's product or unit, typed by its
    context like any unlabelled name."""
    companies = {s.text for s in spans if s.label_ == "ORG" and len(s) == 1}
    for span in spans:
        if span.label_ == "PERSON" and len(span) > 1 and span[0].text in companies:
            span.label_ = "GUESS"
            set_source(span, "guess")


def name_parts(spans: list[Span]) -> None:
    """An unlabelled 'Gelsinger' after 'Pat Gelsinger' is that person (resolution joins them)."""
    parts = person_name_parts(spans)
    for span in spans:
        if span.label_ == "GUESS" and len(span) == 1 and span.text in parts:
            span.label_ = "PERSON"


def join_split_names(lex: Lexicon, spans: list[Span]) -> list[Span]:
    """'Zhou' + 'Min' -> 'Zhou Min': two person spans side by side are one name the model cut;
    so are a company's name and an unlabelled name it modifies ('Vantor' + 'Photos' in 'the
    Vantor Photos app'), a product of that company, a name hyphened to a company's, and a region
    after a company's name ('Vantor UK': its regional company)."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        doc = span.doc
        if prev is not None and prev.label_ == "GUESS" and span.label_ == "ORG" and prev.end + 1 == span.start and \
                doc[prev.end].text == "-" and not prev[-1].whitespace_ and not doc[prev.end].whitespace_:
            out[-1] = Span(doc, prev.start, span.end, label="ORG")  # 'Vantor-ABC Television Group'
            set_source(out[-1], source(span))
            continue
        if prev is not None and prev.label_ == "ORG" and span.label_ in {"GPE", "ORG"} and len(span) == 1 and prev.end == span.start \
                and span[0].lower_ in lex.region_words and prev.root.head == span.root:
            out[-1] = Span(doc, prev.start, span.end, label="ORG")  # 'Vantor Television Productions UK'
            set_source(out[-1], source(prev))
            continue
        if prev is not None and prev.label_ == "ORG" and source(prev) == "model" and source(span) in {"guess", "context"} \
                and span.label_ in {"GUESS", "PRODUCT"} and prev.end == span.start and prev.root.dep_ == "compound" \
                and span.start <= prev.root.head.i < span.end and all(t.pos_ == "PROPN" for t in span):
            joined = Span(span.doc, prev.start, span.end, label="PRODUCT" if span.label_ == "PRODUCT" else "ORG")
            set_source(joined, "context")
            out[-1] = joined
            continue
        given = prev is not None and (prev.label_ in {"PERSON", "GUESS"} or prev.label_ == "GPE" and len(prev) == 1
                                      and prev.root.dep_ == "compound" and span.start <= prev.root.head.i < span.end) \
            and not _title_object(lex, prev)
        # ('Tomas Varga' + 'y' + 'Lund del Rio': two family names joined by a particle; 'von der')
        particle = prev is not None and prev.label_ == "PERSON" and 0 < span.start - prev.end <= 2 and \
            all(t.is_lower and t.lower_ in lex.person_particles for t in doc[prev.end:span.start]) and person_like(lex, span)
        if prev is not None and (span.label_ == "PERSON" or particle) and not prev[-1].whitespace_.count("\n") and \
                not title_word(lex, prev[-1]) and (particle or given and prev.end == span.start and len(prev) + len(span) <= 4
                                                   and person_like(lex, Span(span.doc, prev.start, span.end))):
            out[-1] = Span(span.doc, prev.start, span.end, label="PERSON")
            set_source(out[-1], source(prev) if prev.label_ != "GPE" else source(span))
        else:
            out.append(span)
    return out


def joined_objects(spans: list[Span], words: frozenset[str]) -> list[Span]:
    """'the Pellan Institute for Geology' + 'and' + 'Mineralogy': a dictionary word joined
    to the last word of an organization's 'for' or 'of' phrase belongs to the name, which the
    model cut ('... and Vantor' after 'the Department of Energy' is a second name)."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        doc = span.doc
        if prev is not None and prev.label_ == "ORG" and len(span) == 1 and span.start == prev.end + 1 and \
                doc[prev.end].lower_ == "and" and span[0].dep_ == "conj" and span[0].head.i == prev.end - 1 and \
                prev[-1].dep_ == "pobj" and prev[-1].head.lower_ in {"for", "of"} and prev[-1].head.i > prev.start and \
                span[0].lower_ in words and span[0].is_title:
            out[-1] = Span(doc, prev.start, span.end, label="ORG")
            set_source(out[-1], source(prev))
            continue
        out.append(span)
    return out


def _title_object(lex: Lexicon, span: Span) -> bool:
    """'Opposition' in 'the Leader of the Opposition Ada Brenner': one word after a title's 'of
    the' is what the title is of, not a given name."""
    doc, i = span.doc, span.start
    return len(span) == 1 and span.label_ == "GUESS" and i > 2 and doc[i - 1].lower_ == "the" and \
        doc[i - 2].lower_ == "of" and title_word(lex, doc[i - 3])


def parenthesized_names(lex: Lexicon, spans: list[Span]) -> list[Span]:
    """'Ada (Lund) Brenner', 'Tomas S. (Bo) Varga': given names, a maiden name or nickname in
    brackets and the family name are one person's name, whatever the model made of the pieces."""
    if not spans:
        return spans
    doc = spans[0].doc
    for s in spans:
        brackets = [t.i for t in s if t.text in "()"]
        if s.label_ in {"ORG", "GUESS"} and len(brackets) == 2 and s.start < brackets[0] and brackets[1] < s.end - 1 and \
                all(person_like(lex, p) for p in (doc[s.start:brackets[0]], doc[brackets[0] + 1:brackets[1]],
                                                  doc[brackets[1] + 1:s.end])):
            s.label_ = "PERSON"  # (the model's whole name, as an organization's)
    joined = []
    for given in spans:
        if given.end + 3 >= len(doc) or doc[given.end].text != "(":
            continue
        tok = doc[given.end]
        close = next((j for j in (tok.i + 2, tok.i + 3) if doc[j].text == ")"), None)
        if close is None or close + 1 >= len(doc) or given.label_ not in {"PERSON", "ORG", "GUESS"} or \
                not all(looks_personal(doc[k:k + 1]) for k in range(tok.i + 1, close)) or \
                not all(looks_personal(t) or INITIAL.fullmatch(t.text) for t in (given[k:k + 1] for k in range(len(given)))):
            continue
        end = close + 1
        while end < len(doc) and end - close <= 2 and looks_personal(doc[end:end + 1]) and doc[end].pos_ == "PROPN" \
                and doc[end].ent_type_ not in {"DATE", "TIME"}:
            end += 1
        if end > close + 1:
            joined.append(Span(doc, given.start, end, label="PERSON"))
            set_source(joined[-1], source(given))
    if not joined:
        return spans
    taken = {i for j in joined for i in range(j.start, j.end)}
    return sorted([s for s in spans if not any(i in taken for i in range(s.start, s.end))] + joined, key=lambda s: s.start)
