"""Kinds of names from the verbs and prepositions they are arguments of: 'X acquired Y' makes X a
company, 'launched X' a product, 'works at X' an employer, 'founded X' an organization; and the
kind a common noun says ('the app', 'the firm'). Used by entity_types.retype.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..lexicon import Lexicon
from .grammar import described_department


def org_only_actor(lex: Lexicon, root: Token) -> bool:
    """The subject of a verb only companies do ('X acquired Y', 'X, which owns Y,'), or the agent
    of its passive ('Y was acquired by X')."""
    if root.dep_ == "nsubj":
        return root.head.lemma_.lower() in lex.org_only_verbs
    if any(c.dep_ == "relcl" and c.lemma_.lower() in lex.org_only_verbs and
           any(s.dep_ == "nsubj" and s.lower_ in {"which", "that"} for s in c.children) for c in root.children):
        return True
    by = root.head
    return root.dep_ == "pobj" and by.dep_ == "agent" and by.head.lemma_.lower() in lex.org_agent_verbs and \
        by.head.tag_ == "VBN"


def argument_kind(lex: Lexicon, root: Token) -> str | None:
    """Kind implied by the verb or preposition a name is an argument of ('launched X', 'works at X')."""
    head = root.head
    if root.dep_ == "nsubj" and root.doc[root.i].ent_type_ in {"", "GUESS"}:
        kind = lex.subject_kinds.get(head.lemma_.lower())
        if kind:
            return kind
    if root.dep_ == "nsubjpass" and head.lemma_.lower() == "make" and \
            any(c.dep_ in {"oprd", "acomp", "xcomp"} and c.lower_ in lex.availability_words for c in head.children):
        return "PRODUCT"  # 'X was made public', 'X was made available'
    if root.dep_ == "dobj" and head.lemma_.lower() in lex.joint_start_verbs and \
            any(p.dep_ == "pobj" and p.ent_type_ == "PERSON" for c in head.children
                if c.dep_ == "prep" and c.lower_ in {"with", "alongside"} for p in c.children):
        return "ORG"  # 'launched X alongside Ada Brenner': what people start together is a company
    done_to = [lex.object_kinds.get(c.lemma_.lower()) for c in root.children if c.dep_ == "relcl" and
               any(a.dep_ == "dobj" and a.lower_ in {"which", "that"} for a in c.children)]
    if done_to and done_to[0]:
        return done_to[0]  # 'X, which Y bought in 2012, ...'
    done_to = [lex.object_kinds.get(c.lemma_.lower()) for c in root.children if c.dep_ == "acl" and c.tag_ == "VBN"
               and c.doc[c.i - 1].text == "," and any(a.dep_ == "agent" for a in c.children)]
    if done_to and done_to[0]:
        return done_to[0]  # 'X, owned by Y, ...', 'X, developed by Y'
    if any(c.dep_ == "acl" and c.lower_ in lex.located_words and c.lower_ != "born" for c in root.children):
        return "ORG"  # 'X, based in Austin,', 'X, headquartered in Y': a company has a seat
    listed = root.head if root.dep_ == "conj" and root.head.dep_ == "dobj" else root
    kinds = [noun_kind(lex, s) for s in listed.head.children if s.dep_ == "nsubj"] if listed.dep_ == "dobj" and \
        listed.head.lemma_ == "include" else []  # 'its products include X and Y'
    if kinds and kinds[0]:
        return kinds[0]
    if root.dep_ in {"dobj", "nsubjpass"}:
        prt = [c.lower_ for c in head.children if c.dep_ == "prt"]
        phrasal = f"{head.lemma_.lower()} {prt[0]}" if prt else ""
        return lex.object_kinds.get(phrasal) or lex.object_kinds.get(head.lemma_.lower())
    if root.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in lex.launch_nouns:
        return "PRODUCT"  # 'the introduction of X'
    if root.dep_ == "pobj":  # ('educated at X, ... and at Y': the joined preposition's verb)
        governor = head.head.head if head.dep_ == "conj" and head.head.pos_ == "ADP" else head.head
        if head.lower_ in {"from", "by"} and noun_kind(lex, governor) == "PRODUCT":
            return "ORG"  # 'the Quill app from Vantor', 'imaging applications by Vantor'
        return lex.preposition_kinds.get((governor.lemma_.lower(), head.lower_))
    if root.dep_ in {"npadvmod", "compound", "nmod"} and head.dep_ == "amod" and head.lower_ in lex.owner_adjectives \
            or any(c.dep_ == "amod" and c.lower_ in lex.owner_adjectives and c.i < root.i for c in root.children):
        return "ORG"  # 'X-owned Y': who owns is a company, and so is what it owns when nothing else types it
    if root.dep_ == "poss" and head.pos_ in {"NOUN", "PROPN"} and root.lower_ not in lex.region_words:
        # 'X's messaging app Y', 'X's Y app': whose product is named is a company (not 'America's
        # best-selling snacks': lexicon region_words)
        nouns = [head] + [c for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN"]
        if any(noun_kind(lex, n) == "PRODUCT" or n.lemma_.lower() in lex.unit_nouns | lex.deal_nouns | lex.company_possessions
               or described_department(lex, n) for n in nouns) or \
                head.ent_type_ == "PRODUCT" and root.ent_type_ != "GPE":
            return "ORG"  # (and 'X's Y division', 'X's European operations', 'X's shares', 'X's acquisition of')
    return None


def noun_kind(lex: Lexicon, noun: Token) -> str | None:
    if noun.pos_ not in {"NOUN", "PROPN"} or noun.ent_type_ or noun.text[:1].isupper() and noun.lower_ in lex.person_titles:
        return None  # (and 'House Speaker Ada Brenner': a capitalized title, not a 'speaker' product)
    # the describing words, not the name they describe: 'the Windows operating system'
    phrase = " ".join(t.lower_ for t in noun.children if t.dep_ == "compound" and not t.ent_type_)
    phrase = f"{phrase} {noun.lower_}".strip()
    if phrase in lex.product_nouns or noun.lemma_.lower() in lex.product_nouns \
            or noun.lower_ in lex.product_nouns:
        return "PRODUCT"
    if noun.lemma_.lower() in lex.collection_nouns and any(  # 'the Quill line of data-center chips'
            p.dep_ == "pobj" and noun_kind(lex, p) == "PRODUCT" for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children):
        return "PRODUCT"
    if noun.lemma_.lower() in lex.org_nouns or noun.lower_ in lex.org_nouns:
        return "ORG"
    return None


def founded_object(lex: Lexicon, span: Span) -> bool:
    """The thing someone founded or established is an organization unless described otherwise."""
    def founding(verb: Token) -> bool:  # (the tagger lemmatizes 'founded' as 'find')
        return verb.lemma_.lower() in lex.founding_verbs or verb.lower_.startswith(lex.founding_verbs)

    root = span.root  # ('founded X'; 'X, founded by Ada Brenner in 2010'; 'X, which Ada Brenner founded')
    return founding(root.head) and root.dep_ in {"dobj", "nsubjpass"} or any(c.dep_ == "acl" and founding(c) and any(a.dep_ == "agent" for a in c.children) or
               c.dep_ == "relcl" and founding(c) and any(a.dep_ == "dobj" and a.lower_ in {"which", "that"} for a in c.children)
               for c in root.children)
