"""Where a name starts and ends: what is trimmed off the edges of an entity span (determiners,
quotes, possessives, lower-case function words, half a parenthesis, a title before a personal
name) and the spans that are no name at all (numbers, generic acronyms, a generic word alone)."""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ..lexicon import Lexicon
from ..when import MONTHS, WEEKDAYS
from .grammar import LEADING_JUNK, TRAILING_JUNK
from .spans import ABBREVIATION, set_source, source

POSSESSIVE = {"'s", "’s", "'", "’", "s"}
QUOTES = set("\"'“”‘’«»「」『』()[]")


def title_word(lex: Lexicon, tok: Token) -> bool:
    """A word of a title or an occupation (lexicon.json person_titles, titles, occupation_nouns)."""
    word = tok.lower_.rstrip(".")
    return word in lex.person_titles or word in lex.titles.words or word in lex.occupation_nouns


def without_title(lex: Lexicon, span: Span) -> Span:
    """A personal name without the title or occupation before it: 'Governor Ada Brenner',
    'Drummer Ada Brenner', 'King Adalbert', 'Prime Minister Ada Brenner' (capitalized common
    nouns the tagger calls so, or words of lexicon.json person_titles, occupation_nouns or
    titles, followed by a name)."""
    while len(span) >= 2:
        first = span[0]
        if not first.is_alpha or not first.text[:1].isupper() or not span[1].text[:1].isupper():
            return span
        if not (title_word(lex, first) or first.pos_ == "NOUN" and len(span) > 2):
            return span  # ('Prime Minister X', 'Rear Admiral X', 'Environmentalist X': each word)
        span = Span(span.doc, span.start + 1, span.end, label=span.label)
    return span



def legal_suffix(lex: Lexicon, tok: Token) -> bool:
    """'Inc.', 'Ltd', 'LLC': the end of a company's name, never a name of its own ('Acme, Inc.')."""
    return tok.lower_.rstrip(".") in lex.names.legal_suffixes



def trim(lex: Lexicon, span: Span) -> Span | None:
    """The span without what a name does not start or end with (determiners, quotes, possessives,
    a lower-case function word or particle, half a parenthesis, a description before a common
    noun inside it); None when nothing of a name is
    left (numbers, generic acronyms, a legal suffix or a generic word alone, a lower-case word)."""
    doc = span.doc
    start, end = span.start, span.end
    dated = span.label_ in {"DATE", "TIME"}
    while start < end and (leading_junk(lex, doc[start]) or not dated and function_word(doc[start])):
        start += 1
    if not dated and end - start > 2 and doc[start].lower_ in lex.container_nouns and doc[start + 1].lower_ == "of":
        start += 2  # 'List of X', 'Part of X': X
    while end > start and (trailing_junk(doc[end - 1]) or not dated and (
            function_word(doc[end - 1]) or doc[end - 1].is_lower and doc[end - 1].lower_ in lex.person_particles
            or doc[end - 1].is_lower and doc[end - 1].pos_ == "VERB" and end - start > 2 and doc[end - 2].text == "-")):
        end -= 1  # (and 'Vantor-owned', 'Vantor-backed': the owner's name)
    for i in range(start + 1, end - 1) if not dated else ():
        if doc[i].is_lower and doc[i].pos_ == "ADP" and all(_date_word(t) for t in doc[i + 1:end]):
            end = i  # 'Vantor on March 1' (in 'chief executive of Vantor on March 1'): a date is no name
            break
    if not dated and end - start > 1 and end < len(doc) and f"{doc[end - 1].lower_} {doc[end].lower_}" in lex.titles.phrases:
        end -= 1  # 'White House Press' + 'Secretary': the first word of a title after the name
    if not dated and end - start > 2 and doc[end - 1].lower_ in lex.quantity_words:
        end -= 1  # 'Vantor 500 million' (in 'paid Vantor 500 million euros'): a quantity is no name
        while end > start and (doc[end - 1].like_num or doc[end - 1].pos_ == "NUM"):
            end -= 1
    for i in range(end - 2, start, -1) if not dated else ():
        if doc[i].is_lower and doc[i].is_alpha and doc[i].pos_ == "NOUN" and doc[i].lower_ not in lex.person_particles and \
                all(t.text[:1].isupper() for t in doc[i + 1:end]):
            start = i + 1  # 'Portuguese party PSD', 'German carmaker Vantor': the name after the noun
            break
    if not dated:
        start, end = _balanced(doc, start, end)
    if end - start > 1 and doc[end - 1].text == "." and not ABBREVIATION.search(Span(doc, start, end).text):
        end -= 1  # the sentence's full stop, which the model took into 'Ada Brenner.' (not 'Acme Inc.')
    if end <= start:
        return None
    out = Span(doc, start, end)  # (not doc[start:end]: slicing a Doc costs 2.5 us, this 1)
    if span.label_ in {"DATE", "TIME"}:
        return out
    text = out.text
    if text in lex.generic_acronyms or text[-1:] == "s" and text[:-1] in lex.generic_acronyms or \
            not any(c.isalpha() for c in text) or numeric(out) or \
            len(out) == 1 and (legal_suffix(lex, out[0]) or out[0].lower_ in lex.generic_words or out[0].is_lower
                               or any(out[0].lower_.endswith(x) for x in lex.occupation_suffixes)) or \
            a_title(lex, out):
        return None
    return out


def _date_word(tok: Token) -> bool:
    return tok.ent_type_ in {"DATE", "TIME"} or tok.like_num or tok.lower_.rstrip(".") in MONTHS or tok.lower_ in WEEKDAYS


def a_title(lex: Lexicon, span: Span) -> bool:
    """A role, not a name: title or occupation words alone ('Prime Minister', 'Chief Executive'),
    or a person's title of a place or body ('Minister of Finance', 'Bishop of Leeds')."""
    if all(title_word(lex, t) or t.lower_ in lex.titles.rank_modifiers for t in span):
        return True
    return len(span) > 2 and span[0].lower_ in lex.person_titles and span[1].lower_ == "of" and \
        span[-1].lower_ not in lex.education_words  # (not 'Lady of the Lake University')



def function_word(tok: Token) -> bool:
    """A lower-case preposition, determiner, pronoun or conjunction: at the edge of a span, not
    part of a name ('for Halvex Rovers', 'Dunmore Station on')."""
    return tok.is_lower and tok.pos_ in {"ADP", "DET", "PRON", "CCONJ", "SCONJ", "PART"}



def _balanced(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """The span cut where a parenthesis opens without closing or closes without opening
    ('Council on Halvex Affairs (CHA' -> 'Council on Halvex Affairs')."""
    depth = 0
    for i in range(start, end):
        text = doc[i].text
        if text == "(":
            depth += 1
        elif text == ")":
            if depth == 0:
                start = i + 1
            else:
                depth -= 1
    if depth:
        opened = [i for i in range(start, end) if doc[i].text == "("]
        end = opened[0]
        while end > start and doc[end - 1].is_space:
            end -= 1
    return start, end



def leading_junk(lex: Lexicon, tok: Token) -> bool:
    lower = tok.lower_
    if tok.text == "A" and tok.i + 1 < len(tok.doc) and tok.nbor().text == "&":
        return False  # 'A & R Networks': a letter of the name, not the article
    return lower in LEADING_JUNK or tok.text in QUOTES or tok.is_punct or tok.is_space or lower in lex.honorifics



def trailing_junk(tok: Token) -> bool:
    text = tok.text
    return text in POSSESSIVE or text in QUOTES or tok.lower_ in TRAILING_JUNK \
        or (tok.is_punct and text not in {".", "&", "+", "!"}) or tok.is_space



def numeric(span: Span) -> bool:
    """'Millions', 'Two Thousand': number words are not names."""
    vocab = span.doc.vocab
    return all(t.like_num or (t.lower_.endswith("s") and vocab[t.lower_[:-1]].like_num) for t in span)



def quoted(span: Span) -> bool:
    doc = span.doc
    before = doc[span.start - 1].text if span.start > 0 else ""
    after = doc[span.end].text if span.end < len(doc) else ""
    return before in {"\"", "“", "‘", "'"} and after in {"\"", "”", "’", "'"}


def subtitles(spans: list[Span]) -> list[Span]:
    """'Night Harbor: Assault is a video game': a name after a colon, said to be something, is
    the subtitle of a title that opens the sentence; the title and subtitle are one name, of
    the subtitle's type."""
    out: list[Span] = []
    joined_any = False
    for span in spans:
        doc, colon = span.doc, span.start - 1
        after = doc[span.end] if span.end < len(doc) else None
        if colon < 1 or doc[colon].text != ":" or after is None or not (after.lemma_ == "be" or after.text == ",") \
                or span.label_ not in {"PRODUCT", "GUESS", "ORG", "PERSON"}:
            out.append(span)
            continue
        start = colon
        while start > 0 and not doc[start].is_sent_start and doc[start - 1].text[:1].isupper() \
                and doc[start - 1].ent_type_ != "PERSON":
            start -= 1
        if start == colon or not doc[start].is_sent_start:
            out.append(span)
            continue
        start += doc[start].lower_ == "the"
        joined = Span(doc, start, span.end, label=span.label_)
        set_source(joined, source(span))
        out.append(joined)
        joined_any = True
    return sorted(filter_spans(out), key=lambda s: s.start) if joined_any else out


def title_case_lines(doc: Doc) -> list[tuple[int, int]]:
    """Token ranges of the document's title-case lines ('Vantor Sales Slow as Demand Cools'): a
    line of three or more words, most of them capitalized, with no full stop."""
    out, start = [], 0
    for tok in doc:
        if "\n" in tok.whitespace_ or tok.i == len(doc) - 1 or tok.is_space and "\n" in tok.text:
            line = doc[start:tok.i + 1]
            words = [t for t in line if t.is_alpha and len(t) > 3]
            byline = next((t.lower_ == "by" for t in line if t.is_alpha), False)
            if len(words) >= 3 and sum(t.text[:1].isupper() for t in words) >= 0.8 * len(words) and \
                    not any(t.text == "." for t in line) and not byline:
                out.append((start, tok.i + 1))
            start = tok.i + 1
    return out


def headline_fragments(spans: list[Span]) -> None:
    """A name found only in a title-case headline, whose words the body never writes with a
    capital, is the headline's capitals, not a name ('Demand Cools'): it is left untyped."""
    if not spans:
        return
    doc = spans[0].doc
    lines = title_case_lines(doc)
    if not lines:
        return
    inside = {i for a, b in lines for i in range(a, b)}
    body = {t.text for t in doc if t.i not in inside and t.text[:1].isupper()}
    for s in spans:
        if s.start in inside and any(t.text[:1].isupper() and t.text not in body for t in s):
            s.label_ = "GUESS"


def acronym_prefixes(lex: Lexicon, spans: list[Span]) -> list[Span]:
    """'USC' + 'Thornton School of Music', 'MIT' + 'Sloan School': a university's acronym right
    before the name of one of its schools is part of that name."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and prev.label_ in {"ORG", "GUESS"} and span.label_ == "ORG" and prev.end == span.start and len(prev) == 1 \
                and prev.text.isupper() and prev.text.isalpha() and not prev[-1].whitespace_.count("\n") \
                and any(t.lower_ in lex.education_words for t in span):
            out[-1] = Span(span.doc, prev.start, span.end, label="ORG")
            set_source(out[-1], source(span))
            continue
        out.append(span)
    return out
