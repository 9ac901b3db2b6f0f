"""Where the model's entity span holds more than one name: it is cut at line breaks, between
names joined by 'and' or a comma, at a person's or role title inside it ('X CEO Y'), between a
team and its league, and after a legal suffix whose full stop ended the sentence. Called by the
entity component (components.py) on each of the model's spans before it is trimmed (trim.py)."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import Lexicon
from .shape import CANDIDATE_LABELS, person_like
from .spans import source
from .trim import legal_suffix


def title_runs(lex: Lexicon, ent: Span) -> set[int]:
    """Tokens of role titles inside an entity ('Chief Financial Officer' in 'Chief Financial
    Officer Ada Brenner'): runs of title words that hold a title's head word."""
    out, run = set(), []
    first = ent[0].lower_.rstrip(".")
    if first in lex.person_titles and first not in lex.titles_in_company_names and ent[1].text[:1].isupper() \
            and ent[-1].lower_ not in lex.org_suffixes:
        out.add(ent.start)  # 'Admiral X', 'Pope X' in what the model took for an organization
    for tok in list(ent) + [None]:
        if tok is not None and (tok.lower_ in lex.titles.words or _rank_title(lex, tok)):
            run.append(tok)
            continue
        # (and 'X Rear Admiral Ada Brenner': a person's title, capitalized, before a name)
        personal = tok is not None and tok.text[:1].isupper() and ent[-1].lower_ not in lex.org_suffixes and \
            any(t.lower_ in lex.person_titles and t.lower_ not in lex.titles_in_company_names for t in run)
        if (any(t.lower_ in lex.titles.head_words for t in run) or personal) and \
                (tok is None or tok.lower_ not in lex.org_suffixes):  # (not 'Executive Committee')
            out |= {t.i for t in run}
        run = []
    return out


def _rank_title(lex: Lexicon, tok: Token) -> bool:
    """A capitalized person's title or rank word inside a name ('Rear', 'Admiral')."""
    return tok.text[:1].isupper() and tok.i > 0 and (tok.lower_ in lex.person_titles or tok.lower_ in lex.titles.rank_modifiers)


def _title_object(lex: Lexicon, ent: Span, words: frozenset[str]) -> set[int]:
    """'Speaker of the House Ada Brenner', 'Chairman of the Board Ada Brenner': a dictionary word
    after a title's 'of (the)', before a personal name, is the title's (its token), not the name's."""
    doc = ent.doc
    k = ent.start + (ent[0].lower_ == "the")
    title = doc[k - 3] if k > 2 else None
    if title is None or doc[k - 1].lower_ != "the" or doc[k - 2].lower_ != "of" or k >= ent.end - 2 or \
            not (title.lower_ in lex.titles.words or title.lower_ in lex.person_titles) or \
            doc[k].lower_ not in words or not doc[k].text[:1].isupper() or not person_like(lex, doc[k + 1:ent.end]) or \
            all(t.lower_ in words for t in doc[k + 1:ent.end]):
        return set()  # (the rest must be a personal name: 'the Federal Parliament' is no 'Federal' + name)
    return {k}


def split(lex: Lexicon, ent: Span, words: frozenset[str] = frozenset()) -> list[tuple[Span, bool]]:
    """Cut an entity at line breaks, at 'A and B' / 'A, B' between two names, and at a title
    ('X CEO Y'); each piece comes with whether a title precedes it. ``words``: the English
    dictionary's words (see ``word_series``)."""
    pieces, start, titled, label = [], ent.start, False, ent.label_
    in_title = title_runs(lex, ent) if label in {"ORG", "PERSON", "GUESS"} and len(ent) > 1 else set()
    in_title |= _title_object(lex, ent, words)
    first_of = next((t.i for t in ent if t.lower_ == "of"), ent.end)
    for tok in ent:
        i, space = tok.i, tok.is_space
        breaks = "\n" in tok.whitespace_ or (space and "\n" in tok.text)
        title = i in in_title
        verb = label in {"ORG", "PERSON"} and ent.start < i < ent.end - 1 and tok.pos_ in {"VERB", "AUX"} \
            and tok.tag_ not in {"VBN", "VBG"}
        named_of = first_of < i  # 'University of Science and Technology'
        # a preposition the parser hangs outside a guessed title ends it: 'published by X for
        # the Y platform' (the model's WORK_OF_ART 'X for the Y')
        crossing = label in CANDIDATE_LABELS and i > start and tok.dep_ == "prep" and tok.is_lower \
            and not ent.start <= tok.head.i < ent.end or label == "ORG" and tok.lower_ == "with" and tok.is_lower
        # (and 'co-founded Vantor with Ada Brenner', the model's organization 'Vantor with Ada Brenner')
        # 'Vantor's Quill' as one product or title (or company, before a product noun): the owner and what it owns
        owned = (label in {"PRODUCT", "WORK_OF_ART", "GUESS"} or label == "ORG" and ent.root.head.lemma_ in lex.product_nouns) \
            and tok.tag_ == "POS" and start < i < ent.end - 1 and ent.doc[i + 1].text[:1].isupper()
        # 'the Harwell Kestrels of the National Kettleball League': a team and its league
        team = label == "ORG" and tok.lower_ == "of" and i - start >= 2 and _plural_name(ent.doc[i - 1]) and \
            i + 2 < ent.end and ent.doc[i + 1].lower_ == "the" and \
            (ent[-1].text.isupper() or ent[-1].lower_ in lex.org_suffixes)
        # 'Vantor Inc. Pellan have created': a legal suffix's full stop ended the sentence
        suffixed = label == "ORG" and i > start and ent.doc[i - 1].text.endswith(".") and tok.text[:1].isupper() \
            and legal_suffix(lex, ent.doc[i - 1])
        if suffixed:
            pieces.append((Span(ent.doc, start, i), titled))
            start, titled = i, False
            continue
        if space or title or verb or crossing or owned or team or (i > start and not named_of and label not in {"DATE", "TIME"}
                                      and tok.lower_ in {"and", ","} and joins_names(tok) and not _modifier_join(ent, tok)
                                      and not legal_suffix(lex, tok.nbor()) and not word_series(ent, i, words)):
            if i > start:
                pieces.append((Span(ent.doc, start, i), titled))
            start, titled = i + 1, title or crossing and tok.lower_ == "with" and ent.end - i > 2  # (a person's name)
        elif breaks:
            pieces.append((Span(ent.doc, start, i + 1), titled))
            start, titled = i + 1, False
    if start < ent.end:
        pieces.append((Span(ent.doc, start, ent.end), titled))
    return pieces


def _plural_name(tok: Token) -> bool:
    """'Kestrels', 'Kettles': a plural proper noun (the tagger's, or a capitalized word in -s)."""
    return tok.tag_ == "NNPS" or tok.is_title and tok.text.endswith("s") and not tok.text.endswith("ss")


def word_series(ent: Span, i: int, words: frozenset[str]) -> bool:
    """'Sword and Lantern', 'the Harwell Eye and Ear Hospital': a name the model found whole that
    joins one dictionary word to another (two one-word company names the model splits itself,
    and coined ones, 'Zorbit and Quenvo', are no dictionary's words)."""
    doc = ent.doc
    return ent.label_ != "PERSON" and source(ent) is None and (i - 1 == ent.start or doc[i - 2].lower_ in {"and", ","}) \
        and doc[i - 1].lower_ in words and doc[i + 1].lower_ in words


def joined_modifiers(span: Span) -> bool:
    """'Pellan Steel and Iron Association', 'the Pellan Fiscal and Monetary Union': each conjunction
    inside the name joins two words before its head, so the name is one ('Vantor Watch and
    Quill' joins two heads: two names)."""
    joins = [t for t in span[1:-1] if t.lower_ in {"and", "&"}]
    return bool(joins) and all(_modifier_join(span, t) for t in joins)


def _modifier_join(span: Span, tok: Token) -> bool:
    first = tok.head
    return first.dep_ in {"nmod", "amod", "compound"} and span.start <= first.i < tok.i < first.head.i < span.end


def joins_names(tok: Token) -> bool:
    doc = tok.doc
    if tok.i + 1 >= len(doc) or tok.i == 0:
        return False
    left, right = doc[tok.i - 1], doc[tok.i + 1]
    head = right  # 'LSI Logic and Advanced Micro Devices': the second name's head is the conjunct
    while head.dep_ == "compound" and head.head.i > head.i and head.head.pos_ == "PROPN":
        head = head.head
    if left.pos_ in {"PROPN", "NUM"} and right.text[:1].isupper() and left.text != right.text and \
            any(doc[k].text == right.text for k in range(max(0, tok.i - 3), tok.i - 1)):
        return True  # 'the Model 3 and Model Y', 'iPhone 14 and iPhone 15': the name's first word again
    return left.pos_ == "PROPN" and right.pos_ == "PROPN" and \
        (head.dep_ == "conj" and head.head.i < tok.i or tok.text == ",")
