"""Argument finding: from a rule's argument spec and a token to the entity mentions it stands for.

The specs are those of ``rules.FORMS`` (actor, patient, prep:X, node:NAME,
described:NAME, owner:NAME; in sequence rules last:TYPE, first:TYPE); a token stands for the mention it is part
of, the names a common noun describes or lists, or (through coref) a pronoun's antecedent.
"""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..errors import RuleError
from ..lexicon import Lexicon
from ..types import PERSON, PLACE
from .apposition import comma_named, surface_named
from .coref import Context
from .grammar import (ACTIVE_SUBJ, APPOSITION_DEPS, COPULAS, EXAMPLE_PREPOSITIONS, NOUN_SUBJ, PERSON_PRONOUNS,
                      PLURAL_PRONOUNS, actor_tokens, patient_tokens, prep_tokens, singular_antecedent,
                      verb_of)
from .records import Arg


def args_at(ctx: Context, tok: Token | None, conj: bool = True) -> list[Arg]:
    """The entity mentions a token stands for (with its conjuncts)."""
    if tok is None:
        return []
    out: list[Arg] = []
    if tok.i in ctx.token_mention:
        out.append(Arg(ctx.token_mention[tok.i]))
    elif tok.lower_ == "whose":  # 'Alibaba, whose founder Jack Ma ...': the name the clause is on
        clause = next((t for t in tok.ancestors if t.dep_ == "relcl"), None)
        return args_at(ctx, clause.head, conj=False) if clause is not None else []
    elif tok.pos_ == "PRON" or tok.lower_ in PERSON_PRONOUNS | PLURAL_PRONOUNS:
        out += [Arg(m, coref=True) for m in ctx.antecedents(tok)] if ctx.use_coref else []
    elif tok.pos_ == "NOUN" and tok.dep_ == "appos" and tok.lower_ in ctx.lex.titles.heads and \
            ctx.token_mention.get(tok.head.i) is not None and ctx.token_mention[tok.head.i].type == PERSON:
        # 'Donahoe, a former eBay chief executive who also ran ServiceNow': the title stands
        # for the person it describes, not for the company that modifies it
        out.append(Arg(ctx.token_mention[tok.head.i]))
    elif tok.pos_ in {"NOUN", "PROPN"}:
        out += _described_names(ctx, tok)
    elif tok.tag_ == "VBG" and tok.dep_ in NOUN_SUBJ | {"dobj", "pobj", "attr", "appos", "ccomp"}:
        # 'owns the Quill messaging app', parsed with 'messaging' as a verb whose subject is the name
        out += [Arg(ctx.token_mention[c.i]) for c in tok.children if c.dep_ == "nsubj" and c.i in ctx.token_mention]
    if conj:
        joined = tok.conjuncts
        if any(c.dep_ == "poss" for c in tok.children):  # 'A, B's C and D': B's are C and D, not A
            joined = tuple(c for c in joined if c.i > tok.i)
        if tok.dep_ == "pobj":  # 'a graduate of X and of Y': the objects of a joined preposition
            again = [c for c in tok.head.conjuncts if c.pos_ == "ADP" and c.lower_ == tok.head.lower_]
            if any(c.dep_ == "cc" for c in tok.children):  # (parsed as a preposition on X after 'and')
                again += [c for c in tok.children if c.dep_ == "prep" and c.lower_ == tok.head.lower_ and c.i > tok.i]
            joined = (*joined, *(p for c in again for p in c.children if p.dep_ == "pobj"))
        # 'A B and C D' parsed with A B as a modifier of D (nmod, with the 'and' on it)
        joined = (*joined, *(c for c in tok.children if c.dep_ == "nmod" and c.i < tok.i and c.i in ctx.token_mention
                             and any(g.dep_ == "cc" for g in c.children)))
        for c in (*joined, *_listed_after_place(tok), *_as_well_as(ctx, tok)):
            out += args_at(ctx, c, conj=False)
        for c in _listed_as_apposition(ctx, tok):
            out += args_at(ctx, c)
    seen, unique = set(), []
    for a in out:
        if a.mention not in seen:
            seen.add(a.mention)
            unique.append(a)
    return unique


def _as_well_as(ctx: Context, tok: Token) -> list[Token]:
    """'A as well as B': the parser seldom joins B to A."""
    doc, m = ctx.doc, ctx.token_mention.get(tok.i)
    i = tok.i + 1
    while i < len(doc) and m is not None and ctx.token_mention.get(i) is m:
        i += 1
    if i + 3 < len(doc) and [t.lower_ for t in doc[i:i + 3]] == ["as", "well", "as"] and i + 3 in ctx.token_mention:
        nxt = ctx.token_mention[i + 3]
        return [ctx.mention_root[nxt]] if nxt in ctx.mention_root else []
    return []


def _listed_as_apposition(ctx: Context, tok: Token) -> list[Token]:
    """'by A, B as well as C', 'by A, B and C' parsed with B as an apposition to A: a person's
    name in apposition to a person's name, with the list going on after it, is the next item."""
    m = ctx.token_mention.get(tok.i)
    if m is None or m.type != PERSON:
        return []
    return [c for c in tok.children if c.dep_ == "appos" and c.i in ctx.token_mention and
            ctx.token_mention[c.i].type == PERSON and
            (any(g.dep_ in {"conj", "cc"} for g in c.children) or _as_well_as(ctx, c))]


def _listed_after_place(tok: Token) -> list[Token]:
    """'at A in P, B in Q, and C': the parser joins B to the place P; an item of the same shape
    (a name with its own 'in' place) joined to A's place belongs to A's list."""
    return [c for p in tok.children if p.dep_ == "prep" and p.lower_ == "in"
            for place in p.children if place.dep_ == "pobj" for c in place.conjuncts
            if c.pos_ == "PROPN" and any(q.dep_ == "prep" and q.lower_ == "in" for q in c.children)]


def _described_names(ctx: Context, tok: Token) -> list[Arg]:
    """The names a common noun stands for: 'the X app', 'apps such as X and Y', 'X, the firm'."""
    if tok.lemma_.lower() in ctx.lex.agency_nouns or tok.lower_ == "%" or tok.lower_ in ctx.lex.quantity_words:
        # 'under the supervision of A and B', 'owns 51% of X'
        return [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                for p in c.children if p.dep_ == "pobj" for a in args_at(ctx, p)]
    if tok.lemma_.lower() in ctx.lex.team_nouns:  # 'built by a team (of engineers) at X': X
        found = [a for t in [tok, *(p for c in tok.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children)]
                 for c in t.children if c.dep_ == "prep" and c.lower_ in {"at", "from"}
                 for p in c.children if p.dep_ == "pobj" for a in args_at(ctx, p)]
        if found:
            return found
    named = [c for c in tok.children if c.dep_ in {"appos", "compound", "nmod", "amod", "nsubj"}
             and c.i in ctx.token_mention and ctx.token_mention[c.i].type != PLACE]
    if not named:  # 'the ABC television network': the name modifies a modifier of the noun
        named = [g for c in tok.children if c.dep_ == "compound" and c.pos_ in {"NOUN", "VERB"}  # ('racing' as a verb)
                 for g in c.children if g.dep_ in {"compound", "npadvmod", "nmod"} and g.i in ctx.token_mention
                 and ctx.token_mention[g.i].type != PLACE]
    nxt = tok.i + 1
    # the name right after the noun is its name, a name before it only a modifier: 'the Leeds startup Pellan'
    named = [c for c in named if c.i > tok.i] or named
    if (not named or all(c.i < tok.i for c in named)) and nxt < len(ctx.doc) and nxt in ctx.token_mention and \
            ctx.doc[nxt].dep_ != "poss" and not _subject_of_clause_on(ctx, ctx.token_mention[nxt], tok):
        named = [ctx.doc[nxt]]
    if not named:  # 'a new model called Quill'
        named = [o for c in tok.children if c.dep_ == "acl" and c.lemma_.lower() in ctx.lex.calling_verbs
                 for o in c.children if o.dep_ in {"oprd", "xcomp", "dobj"} and o.i in ctx.token_mention]
    if not named:  # 'with her college roommate, Tomas Varga, in 2012' (the name hung elsewhere)
        named = [t for t in [comma_named(tok)] if t is not None and t.i in ctx.token_mention]
    if named:  # (with its conjuncts, also as the parser hangs them: 'researchers A B and C D')
        return args_at(ctx, named[0])
    examples = _examples(ctx, tok)
    if examples:
        return examples
    one = tok.head.head if tok.dep_ == "pobj" and tok.head.lower_ == "of" else None
    if one is not None and one.lemma_.lower() in ctx.lex.collection_nouns and one.dep_ == "attr":
        tok = one  # 'it is one of the titles owned by Y', 'X is a line of devices made by Y': the subject
    if tok.dep_ == "attr" and tok.head.lemma_ in COPULAS:
        # 'X is a video game developed by Y', 'X is a company that owns Y': the noun a copula
        # says the subject is stands for the subject
        subjects = [c for c in tok.head.children if c.dep_ in NOUN_SUBJ and c.i < tok.i]
        before = tok.head.i - 1  # ('Beyond Harbor & Quill is a game ...', parsed with no subject at all)
        if not subjects and before >= 0 and before in ctx.token_mention and \
                ctx.doc[before].sent.start == ctx.mention_root[ctx.token_mention[before]].left_edge.i:
            subjects = [ctx.doc[before]]
        if subjects:
            return args_at(ctx, subjects[0])
    named_by = surface_named(tok) if tok.dep_ in NOUN_SUBJ else None
    if named_by is not None and named_by.i in ctx.token_mention:
        return [Arg(ctx.token_mention[named_by.i])]  # ('Quill, a messaging app developed by Y, has ...')
    start = tok.left_edge.i
    if tok.dep_ in APPOSITION_DEPS and start >= 2 and ctx.doc[start - 1].text == "," and \
            start - 2 in ctx.token_mention:
        # 'X, the venture firm founded by ...' stands for the name right before the
        # comma, whatever the parser hung it on ('included A and X, the firm ...')
        return [Arg(ctx.token_mention[start - 2])]
    if tok.dep_ == "appos" and tok.head.i in ctx.token_mention:
        return [Arg(ctx.token_mention[tok.head.i])]
    if ctx.use_coref:
        return [Arg(m, coref=True) for m in ctx.antecedents(tok)]
    return []


def _examples(ctx: Context, noun: Token) -> list[Arg]:
    """'products such as X and Y', 'a series of apps including X': the named members of a group."""
    out: list[Arg] = []
    heads = [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                      for p in c.children if p.dep_ == "pobj"]
    for h in heads:
        for c in h.children:
            if c.dep_ == "prep" and (c.lower_ in EXAMPLE_PREPOSITIONS or
                                     (c.lower_ == "as" and c.i > 0 and ctx.doc[c.i - 1].lower_ == "such")):
                for p in c.children:
                    if p.dep_ == "pobj" and p.i in ctx.token_mention:
                        out.append(Arg(ctx.token_mention[p.i]))
                        out += [Arg(ctx.token_mention[x.i]) for x in p.conjuncts if x.i in ctx.token_mention]
    return out


def slot(ctx: Context, spec: str, trigger: Token, nodes: dict, span: Span | None) -> list[Arg]:
    """Resolve a rule's argument spec (see rules.FORMS) to mentions."""
    kind, _, name = spec.partition(":")
    verb = verb_of(trigger)
    if kind == "actor":
        toks = actor_tokens(ctx.lex, verb)
    elif kind == "patient":
        toks = patient_tokens(ctx.lex, verb)
    elif kind == "prep":
        toks = prep_tokens(verb, set(name.split("|")))
    elif kind == "node":
        toks = [nodes[name]]
    elif kind == "described":
        # (in a sequence rule, what the match's first token, a noun, stands for)
        toks = [described(ctx.lex, nodes[name] if name else span[0])]
    elif kind == "owner":
        toks = owner_tokens(ctx, nodes[name])
    elif kind == "possessor" and span is not None:
        toks = [span[0]]  # ('its' in 'its A, B and C brands')
    elif kind == "each" and span is not None:
        kinds = set(name.split("|"))
        found = {ctx.token_mention[t.i] for t in span[1:] if t.i in ctx.token_mention}
        return [Arg(m) for m in sorted(found, key=lambda m: m.start) if m.type in kinds]
    elif kind in {"last", "first"} and span is not None:
        ms = [ctx.token_mention[t.i] for t in span if t.i in ctx.token_mention
              and ctx.token_mention[t.i].type == name]
        if not ms:
            return []
        return [Arg(ms[-1] if kind == "last" else ms[0])]
    else:
        raise RuleError(f"unknown argument spec {spec!r}")
    out = []
    for t in toks:
        one = singular_antecedent(verb, t)
        out += args_at(ctx, one, conj=False) if one is not None else args_at(ctx, t)
    return out


def _subject_of_clause_on(ctx: Context, mention, noun: Token) -> bool:
    """'the company Ada Brenner founded': the name after the noun is the subject of a relative
    clause on it, not the noun's name."""
    root = ctx.mention_root.get(mention)
    return root is not None and root.dep_ in ACTIVE_SUBJ and root.head.dep_ == "relcl" and root.head.head == noun


def args_at_prep(ctx: Context, trigger: Token, names: set[str]) -> list[Arg]:
    """The mentions after the named prepositions of the trigger's verb."""
    out = []
    for t in prep_tokens(verb_of(trigger), names):
        out += args_at(ctx, t)
    return out


def owner_tokens(ctx: Context, noun: Token) -> list[Token]:
    """Who does what an action noun names: 'its acquisition of', 'the acquisition of X by Y',
    'Y completed the acquisition of X'."""
    poss = [c for c in noun.children if c.dep_ == "poss"]
    if poss:
        return poss
    by = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
    if by:
        return by
    verb = verb_of(noun)
    return actor_tokens(ctx.lex, verb) if verb is not noun and noun.dep_ in {"dobj", "nsubjpass"} else []


def described(lex: Lexicon, noun: Token) -> Token | None:
    """The entity a descriptive noun stands for: 'X is a platform', 'X, a platform', 'the platform X',
    'A graduate of Y, X spent ...' (a fronted apposition, parsed as a second subject)."""
    if noun.dep_ == "appos":
        return noun.head
    if noun.dep_ in NOUN_SUBJ:
        fronted = [c for c in noun.head.children if c.dep_ == noun.dep_ and c.i > noun.right_edge.i
                   and c.doc[c.left_edge.i - 1].text == ","]
        if fronted:
            return fronted[0]
    for c in noun.children:
        if c.dep_ == "appos":  # ('the company Ada Brenner co-founded, Halvex': the company's name, not hers)
            named = [g for g in c.children if g.dep_ == "appos" and g.ent_type_ == "ORG"] \
                if c.ent_type_ == "PERSON" and noun.lemma_.lower() in lex.company_nouns else []
            return named[0] if named else c
    if noun.dep_ == "pobj" and noun.head.lower_ == "as" and noun.head.head.pos_ in {"VERB", "AUX"}:
        subj = actor_tokens(lex, noun.head.head)  # ('X operates as a subsidiary of Y': X)
        return subj[0] if subj else None
    if noun.dep_ in {"attr", "acomp"} and noun.head.lemma_ in COPULAS:
        subj = actor_tokens(lex, noun.head)  # ('X, who was a curator at Y': X)
        # ('Vantor staff are part of Y' says what the staff are, not what Vantor is)
        return subj[0] if subj and subj[0].lemma_.lower() not in lex.worker_nouns else None
    if noun.dep_ == "compound":  # ('the Vantor-owned payments app': what the app stands for; 'X, the
        # startup Ada Brenner founded', parsed with 'startup' on the name: what the name's phrase is set beside)
        return described(lex, noun.head) if noun.head.pos_ == "NOUN" and not noun.head.ent_type_ \
            or noun.head.ent_type_ in {"PERSON", "ORG"} and noun.head.dep_ == "appos" else noun.head
    named = surface_named(noun) if noun.dep_ in NOUN_SUBJ else None  # ('Quill, Vantor's phone, sold ...')
    return named or comma_named(noun) or noun  # ('Vantor's chatbot, Quill, launched ...')
