"""Entity types from context: the nouns, titles, verbs and prepositions around a name.

'the video-sharing platform X' is a product, 'X was founded' an organization, 'CEO X' a
person, 'CEO of X' where X works. Functions over spans, called by the entity components after
shape.py; each changes a span's label and records how it was found (spans.set_source).
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import Lexicon
from .apposition import comma_describes, surface_apposition
from .argument_types import argument_kind, founded_object, noun_kind, org_only_actor
from .grammar import DESCRIPTOR_DEPS, EMPLOYER_DEPS, NOUN_SUBJ, contact_subject, described_as, singular
from .shape import person_like
from .spans import set_source, source
from .titles import SUCCESSION_TITLES


def retype(lex: Lexicon, span: Span) -> None:
    """Re-type ORG/PRODUCT/guesses from the nouns that describe them."""
    if span.label_ in {"DATE", "TIME"}:
        return
    root = span.root
    if root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lemma_.lower() in lex.place_nouns and \
            root.head.head.pos_ == "NOUN" and span.label_ != "PERSON":
        _label(span, "GPE", "context")  # 'the city of X'
        return
    if span.label_ in {"ORG", "GUESS"} and source(span) != "rule" and _town_of(span):
        _label(span, "GPE", "context")  # 'moved to X, Ohio', 'born in X, Y Province'
        return
    if span.label_ in {"ORG", "PRODUCT", "GUESS", "GPE"} and org_only_actor(lex, span.root):
        _label(span, "ORG", "context")  # 'X acquired Y', 'Y was acquired by X': only a company acquires
        return
    cue = descriptor(lex, span)
    if cue is None and person_like(lex, span) and defined_as_person(lex, span):
        if span.label_ != "PERSON" or source(span) == "guess":
            _label(span, "PERSON", "context")  # 'X (born 1961) is a French composer', whatever the model said
        return
    argument = argument_kind(lex, span.root)
    person_name = span.label_ == "PERSON" and len(span) > 1 and person_like(lex, span)
    if cue is None and span.label_ == "GUESS" and span.root.dep_ == "nsubj" and \
            span.root.head.lemma_.lower() in lex.org_hint_verbs:
        cue = "ORG"  # 'X said': an unlabelled name that speaks is a company (the model knows people)
    at_org = cue is None and span.label_ in {"GUESS", "GPE", "PERSON"} and (beside_org(lex, span) or of_employer(lex, span))
    if cue is None and span.label_ in {"GUESS", "GPE", "PERSON", "PRODUCT"} and (not person_name or at_org) and \
            held_at(lex, span, _held_titles(lex, span.label_, at_org)):
        # where a title is held is an organization, but only as strong a hint as the model's
        # label; a name the model calls a person only by an executive title ('Trump adviser X'),
        # a product only by a company's ('chief executive of X'), a place only by a company's
        # title that no country has ('CEO of X', not 'president of X')
        _label(span, "ORG", "held")
        return
    if cue == "ORG" and person_name and span[-1].lower_ not in lex.org_suffixes and not named_by_noun(lex, span) \
            and not defined_as_org(lex, span):
        cue = None
    if span.label_ == "GPE" and span.root.dep_ == "dobj" and span.root.head.lemma_.lower() in lex.place_verbs and \
            not any(singular(a) in lex.titles.head_words for c in span.root.children if c.dep_ == "relcl"
                    for a in c.children if a.dep_ == "attr"):
        argument = None  # 'after leaving Kenya': a place, as the model said ('leaving X, where he was CEO': not)
    if cue is None and argument and not (person_name and (span.root.dep_ != "pobj" or span.root.head.lower_ == "by")):
        cue = argument  # (a person's name stays a person's as the agent: 'built by Ada Brenner')
    if cue is None and span.label_ in {"ORG", "GUESS", "GPE"} and person_like(lex, span) and \
            (len(span) > 1 and (titled(lex, span) or who_follows(span)) or person_subject(lex, span)):
        _label(span, "PERSON", "held")
        return
    if cue:
        if span.label_ != cue or source(span) == "guess":
            _label(span, cue, "context")
        elif source(span) == "model":
            set_source(span, "context")


TOWN_PREPOSITIONS = frozenset({"in", "to", "at", "near", "from", "outside"})


def _town_of(span: Span) -> bool:
    """A name after a preposition of place and before ', <a place the model knows>' that ends
    the phrase: a town and its state, county or country, not a list of names."""
    doc = span.doc
    if span.start == 0 or doc[span.start - 1].lower_ not in TOWN_PREPOSITIONS or span.end + 2 > len(doc) or \
            doc[span.end].text != "," or doc[span.end + 1].ent_type_ != "GPE" or doc[span.end + 1].ent_iob_ != "B":
        return False
    end = span.end + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    after = doc[end] if end < len(doc) else None
    return after is None or not (after.text in {",", "and", "&"} and end + 1 < len(doc) and doc[end + 1].text[:1].isupper())


def _held_titles(lex: Lexicon, label: str, at_org: bool) -> frozenset[str] | None:
    """The titles whose holding place makes a name of the model's ``label`` an organization
    (None: every title)."""
    if label == "PRODUCT" and not at_org:
        return lex.titles.employer_titles | lex.officer_titles
    if label == "PERSON" and not at_org:
        return lex.titles.employer_titles
    if label == "GPE":
        return lex.titles.head_words - lex.place_titles
    return None


def descriptor(lex: Lexicon, span: Span) -> str | None:
    root = span.root
    last = span[-1].lower_
    if last in lex.product_suffixes and len(span) > 1:
        # 'X Browser' names a product by its form, but what people hold posts at is a company
        return "ORG" if held_at(lex, span) else "PRODUCT"
    if last in lex.org_suffixes and len(span) > 1:
        return "ORG"
    head = root.head
    if span.start > 0 and noun_kind(lex, span.doc[span.start - 1]) == "ORG" and contact_subject(lex, span) and \
            person_like(lex, span):
        return "PERSON"  # 'the startup Ada Brenner founded': a clause's subject, not the noun's name
    if span.label_ in {"PRODUCT", "GUESS"} and root.dep_ == "compound" and head.pos_ == "NOUN" and \
            (singular(head) in lex.titles.head_words or head.lemma_.lower() in lex.occupation_nouns
             or head.lemma_.lower() in lex.worker_nouns):
        return "ORG"  # 'Vantor engineers', 'a Vantor veteran': where people work is a company
    if span.label_ == "PERSON" and len(span) == 1 and root.dep_ == "compound" and head.pos_ == "NOUN" and \
            head.lemma_.lower() in lex.worker_nouns and not head.text[:1].isupper():
        return "ORG"  # (and one word the model took for a surname: 'former Vantor engineers')
    if root.dep_ == "compound" and head.lemma_.lower() in lex.maker_nouns and \
            (head.dep_ == "compound" and head.head.pos_ == "PROPN" or any(c.dep_ in {"det", "poss"} for c in head.children)):
        return "PRODUCT"  # 'Quill maker Vantor', 'Vantor, the Quill maker': what the maker makes
    nouns = []
    if root.dep_ in DESCRIPTOR_DEPS and head.i not in range(span.start, span.end):
        # 'the Internet company': a guessed name that only modifies an organization noun is not one
        # and a place that modifies one is where it does business ('its China business')
        if not (span.label_ in {"GUESS", "GPE"} and root.dep_ == "compound" and noun_kind(lex, head) == "ORG"):
            nouns.append(head)
    for child in root.children:
        if child.dep_ in DESCRIPTOR_DEPS and child.i not in range(span.start, span.end):
            nouns.append(child)
    nouns += [c for c in root.children if c.dep_ == "conj" and any(a.lower_ == "other" for a in c.children)]
    nouns += [p for c in root.children if c.dep_ == "appos" and c.lower_ == "one"
              for o in c.children if o.dep_ == "prep" and o.lower_ == "of" for p in o.children]
    if root.dep_ == "pobj" and head.lower_ in {"as", "including", "like"} and head.head.pos_ == "NOUN":
        nouns.append(head.head)
    if root.dep_ in {"oprd", "xcomp", "dobj"} and head.dep_ == "acl" and head.lemma_.lower() in lex.calling_verbs:
        nouns.append(head.head)  # 'a new model called X'
    copula = head if root.dep_ in NOUN_SUBJ or span.end >= len(span.doc) else span.doc[span.end]  # (or no subject parsed)
    if copula.lemma_ == "be" and (root.dep_ in NOUN_SUBJ or span.start == span.sent.start):
        nouns.extend(c for c in copula.children if c.dep_ in {"attr", "acomp"})
    nouns += surface_apposition(span)
    nouns += [n for n in [comma_describes(span)] if n is not None]
    for noun in nouns:
        kind = noun_kind(lex, noun)
        if kind:
            return kind
    doc = span.doc
    before = noun_kind(lex, doc[span.start - 1]) if span.start > 0 else None
    if before:
        return before
    after = _product_noun_after(lex, span)
    if _maker_before_product_name(span, after):
        return "ORG"
    # ('the Quill messaging app'; not 'Vantor video games' nor 'a Vantor Two news programme')
    if after is not None and (after == span.end or doc[after].tag_ == "NN" and len(span) == 1):
        return "PRODUCT"
    if founded_object(lex, span):
        return "ORG"
    return None


def _maker_before_product_name(span: Span, i: int | None) -> bool:
    """'the Vantor arcade game Pellan', 'the Vantor messaging app Quill': a name before a product
    noun (at ``i``, see ``_product_noun_after``) that is itself followed by a name is who makes that product."""
    doc = span.doc
    return i is not None and i < len(doc) - 1 and doc[i].tag_ == "NN" and doc[i + 1].is_title and doc[i + 1].pos_ == "PROPN"


def _product_noun_after(lex: Lexicon, span: Span) -> int | None:
    """Where a product noun follows the name, after at most three lower-case words ('Quill
    messaging app'; 'arcade', 'video', 'messaging'), else None."""
    doc, i = span.doc, span.end
    while i < min(span.end + 3, len(doc) - 1) and doc[i].is_lower and (doc[i].pos_ in {"NOUN", "ADJ"} or doc[i].tag_ == "VBG") \
            and noun_kind(lex, doc[i]) != "PRODUCT":
        i += 1
    return i if i < len(doc) and doc[i].is_lower and noun_kind(lex, doc[i]) == "PRODUCT" else None


def beside_org(lex: Lexicon, span: Span) -> bool:
    """A name joined to a company after 'at': 'an executive at H.J. Heinz and Kraft Heinz'
    (not 'CEO of X and Y, its founder')."""
    first = span.root.head
    return span.root.dep_ == "conj" and first.ent_type_ == "ORG" and first.dep_ == "pobj" and \
        first.head.lower_ == "at" and not titled(lex, span) and not who_follows(span)


def defined_as_org(lex: Lexicon, span: Span) -> bool:
    """'X is a Japanese video game company', 'X, a unit of Y,': the subject of a copula whose
    complement is a noun of organizations, or a name in apposition with one (with its article),
    is one, whatever its name looks like."""
    root = span.root
    return root.dep_ in NOUN_SUBJ and root.head.lemma_ == "be" and \
        any(c.dep_ == "attr" and noun_kind(lex, c) == "ORG" for c in root.head.children) or \
        any(c.dep_ == "appos" and noun_kind(lex, c) == "ORG" and any(d.dep_ == "det" for d in c.children)
            for c in root.children)


def defined_as_person(lex: Lexicon, span: Span) -> bool:
    """'X (born 1961) is a French composer and pianist', 'X, an American actress, ...', 'the
    composer X', 'X, a former product manager': a name that an occupation describes (lexicon occupation_nouns) is a person's."""
    root, doc = span.root, span.doc
    nouns = described_as(root)
    if span.start > 0 and doc[span.start - 1].dep_ == "compound" and doc[span.start - 1].head.i in range(span.start, span.end):
        nouns.append(doc[span.start - 1])
    return any(n.pos_ == "NOUN" and not n.ent_type_ and
               (n.lemma_.lower() in lex.occupation_nouns or n.lower_ in lex.occupation_nouns
                or _with_compounds(n) in lex.occupation_nouns) for n in nouns)


def _with_compounds(noun: Token) -> str:
    """'product manager' (a person) where 'asset manager' may be a company: the noun with the
    words compounded before it."""
    return " ".join([t.lower_ for t in noun.children if t.dep_ == "compound" and t.i < noun.i] + [noun.lower_])


def named_by_noun(lex: Lexicon, span: Span) -> bool:
    """'the startup accelerator Y Combinator', 'the retailer John Lewis': a definite noun of
    organizations right before a name, modifying it, says what the name is, whatever it looks like."""
    if span.start < 2:
        return False
    noun = span.doc[span.start - 1]
    modifies = noun.dep_ == "compound" and noun.head.i in range(span.start, span.end) or \
        span.root.dep_ == "appos" and span.root.head == noun and \
        not any(t.pos_ in {"VERB", "AUX"} for t in span.doc[span.end:span.end + 2])  # (not 'the company X founded')
    return modifies and noun_kind(lex, noun) == "ORG" and \
        any(c.dep_ == "det" and c.lower_ in {"the", "a", "an"} for c in (*noun.children, *span.root.children))


def titled(lex: Lexicon, span: Span) -> bool:
    """A name a role title describes is a person's: 'CEO X', 'X, co-founder of Y', 'X is the founder'."""
    root, head = span.root, span.root.head
    roles = lex.titles.head_words
    if any(c.dep_ in {"compound", "amod", "appos", "nmod"} and c.lower_ in roles for c in root.children):
        return True
    if root.dep_ in {"appos", "compound"} and head.lower_ in roles and head.i < root.i:
        return True
    if root.dep_ in NOUN_SUBJ and head.lemma_ in {"be", "become"}:
        return any(c.dep_ == "attr" and c.lower_ in roles for c in head.children)
    if root.dep_ == "nsubj" and head.pos_ == "VERB":
        # 'Before joining Y as chief operating officer, X spent ...', 'After serving as CEO, X ...':
        # the subject of a clause whose participle holds a title 'as' it
        clauses = [c for c in head.children if c.dep_ == "advcl" and c.tag_ == "VBG"] + \
            [p for c in head.children if c.dep_ == "prep" for p in c.children if p.dep_ == "pcomp" and p.tag_ == "VBG"]
        return any(a.dep_ == "prep" and a.lower_ == "as" and any(o.dep_ == "pobj" and o.lower_ in roles for o in a.children)
                   for v in clauses for a in v.children)
    return False


def person_subject(lex: Lexicon, span: Span) -> bool:
    """The subject of a verb only people do ('X founded', 'X graduated'), or the object of one
    done only to people ('named X', 'replacing X')."""
    root = span.root
    if source(span) == "rule":
        return False
    while root.dep_ == "conj" and root.head.i < root.i:  # 'hire X and Y', 'X and Y founded'
        root = root.head
    if root.dep_ in {"dobj", "nsubjpass", "oprd"} and root.head.lemma_.lower() in lex.person_object_verbs:
        return True
    verb = root.head
    if root.dep_ == "pobj" and verb.dep_ == "agent":  # 'was co-founded by X': the agent does it
        verb = verb.head
    elif root.dep_ == "pobj" and verb.lower_ == "by" and verb.head.dep_ == "pobj" and verb.head.head.dep_ == "prep":
        verb = verb.head.head.head  # ('was replaced as chief executive by X': the 'by' hung on the title)
    elif root.dep_ != "nsubj":
        return False
    lemma = "co-found" if verb.lower_.startswith("co-found") else verb.lemma_.lower()
    return lemma in lex.person_subject_verbs or _as_officer(lex, verb) or _personal_object(lex, verb)


NOT_TAKEN = frozenset({"professor", "lecturer", "course", "courses", "background"})
"""degree_nouns that are no degree one earns or holds."""


def _personal_object(lex: Lexicon, verb: Token) -> bool:
    """'X earned an engineering degree', 'X holds an MBA' (only people take degrees), 'X began
    his career' (a company's is 'its')."""
    return any(c.dep_ == "dobj" and (c.lower_ in lex.degree_nouns and c.lower_ not in NOT_TAKEN or any(
        p.dep_ == "poss" and p.lower_ in {"his", "her"} for p in c.children)) for c in verb.children)


def _as_officer(lex: Lexicon, verb: Token) -> bool:
    """'X will take over as chief executive', 'X stepped down as chairman': a verb whose subject
    acts as an executive or an officer (a company acts 'as the parent', 'as a partner')."""
    titles = lex.titles.employer_titles | lex.officer_titles
    if any(c.dep_ in {"dobj", "oprd"} for c in verb.children):
        return False  # 'Vantor named X as its chief executive': the object acts as one
    return any(c.dep_ == "prep" and c.lower_ == "as" and
               any(o.dep_ == "pobj" and o.lower_ in titles for o in c.children) for c in verb.children)


def of_employer(lex: Lexicon, span: Span) -> bool:
    """'the former CEO of X', 'chairman of X and Y': what an employer's title is 'of' is never a
    person, whatever the name looks like."""
    root = span.root
    if root.dep_ == "conj" and root.head.dep_ == "pobj":
        root = root.head
    first = root.head.i + 1 + (root.head.i + 1 < span.start and root.doc[root.head.i + 1].lower_ == "the")
    if span.label_ == "PERSON" and first < span.start and root.head.lower_ == "of":
        return False  # 'chairman of the Board Ada Brenner': the title is of the board; the name is its holder
    return root.dep_ == "pobj" and root.head.lower_ == "of" and singular(root.head.head) in lex.titles.employer_titles


def held_at(lex: Lexicon, span: Span, roles: frozenset[str] | None = None) -> bool:
    """The place a role title is held at: 'CEO of X', 'X's co-founder', 'X CEO Y' (any title,
    or only those in ``roles``)."""
    root, head = span.root, span.root.head
    roles = (lex.titles.head_words if roles is None else roles) - SUCCESSION_TITLES
    if root.dep_ == "conj" and head.dep_ == "pobj":
        root, head = head, head.head
    if root.dep_ == "pobj" and head.lower_ in {"of", "at", "for"} and singular(head.head) in roles:
        return True
    if any(w.lower_ == "whose" and w.dep_ == "poss" and singular(w.head) in roles & lex.titles.employer_titles
           for c in root.children if c.dep_ == "relcl" for w in c.subtree):
        return True  # 'Alibaba, whose founder Jack Ma ...'
    if any(any(w.lower_ == "where" for w in c.children) and any(a.dep_ == "attr" and singular(a) in roles for a in c.children)
           for c in root.children if c.dep_ == "relcl") and not (root.dep_ == "pobj" and root.head.lower_ == "in"):
        return True  # 'from Halvex, where she was chief technology officer' (not 'its unit in Paris, where')
    if root.dep_ in {"nmod", "amod"}:  # as the small model parses 'X chief executive Y'
        roles = roles & lex.titles.employer_titles
    # ('X's chief financial officer': the title's words before its head count too)
    words = {singular(head)} | {c.lower_ for c in head.children if c.dep_ in {"amod", "compound"} and c.i > root.i}
    return root.dep_ in EMPLOYER_DEPS and bool(words & roles) and head.i > root.i and head.ent_type_ != "ORG"


def _label(span: Span, label: str, how: str) -> None:
    span.label_ = label
    set_source(span, how)


def who_follows(span: Span) -> bool:
    """'X, who ...': English says 'who' of people ('which' of companies)."""
    doc = span.doc
    return span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].lower_ == "who"
