"""Role rules: a title ('CEO', 'co-founder of X', 'X chief Y') -> who holds it, where, and the
relations that implies (lexicon.json ``titles``); 'successor' and 'predecessor' make successions.
"""
from __future__ import annotations

from spacy.tokens import Token

from ..errors import RuleError
from ..rules import Rule
from ..types import ORGANIZATION, PERSON, PLACE, Mention, Qualifiers
from .arguments import args_at
from .coref import Context
from .grammar import (ACTIVE_SUBJ, LIST_CLIMB, PASSIVE_SUBJ, PERSON_PRONOUNS, actor_tokens,
                      patient_tokens, prep_tokens, singular, verb_of)
from .hedges import hedged
from .qualifiers import status_of, time_of
from .records import Arg, Event, Found
from .titles import SUCCESSION_TITLES, classify, group_member, held_apart, same_role, title_phrase


def role_rule(ctx: Context, rule: Rule, title: Token, nodes: dict, events: list[Event]) -> list[Found]:
    """What a matched title says of its holders; role changes are added to ``events``."""
    if title.i in ctx.token_mention or hedged(ctx, title, announced_counts=True):
        return []
    if title.dep_ in {"amod", "compound"} and title.head.i > title.i and singular(title.head) in ctx.lex.titles.heads and all(
            t.is_lower or t.lower_ in ctx.lex.titles.words and t.i not in ctx.token_mention for t in ctx.doc[title.i + 1:title.head.i]):
        return []  # 'chief' of 'chief financial officer' (or 'Chief Financial Officer'): the title is the noun it modifies
    holders = [h for h in holder(ctx, rule.holder, title, nodes) if h.mention.type == PERSON]
    if not holders:
        return []
    out = []
    for t in [title] + [c for c in title.conjuncts if c.lower_ in ctx.lex.titles.heads]:
        out += _one_title(ctx, rule, t, holders, events)
    return out


def _one_title(ctx: Context, rule: Rule, title: Token, holders: list[Arg], events: list[Event]) -> list[Found]:
    phrase, role_text = title_phrase(ctx, title)
    preds, head_phrase = classify(ctx, phrase)
    which = same_role(ctx, head_phrase)  # 'replacement' is 'successor'
    if which in SUCCESSION_TITLES:
        return _successor(ctx, rule, title, which, holders)
    if not preds:
        return []
    orgs, department = role_orgs(ctx, title)
    if any(group_member(ctx, title, o.mention) for o in orgs):
        return []
    dept_heads = ctx.lex.titles.department_heads
    if department and "runs" in preds and (head_phrase in dept_heads or head_phrase.split()[-1] in dept_heads):
        preds = tuple(p if p != "runs" else "worksFor" for p in preds)
    status = status_of(ctx, title, phrase)
    if not orgs and ctx.use_coref and not _names_other_org(ctx, title) and \
            set(preds) & {"runs", "founded", "cofounded"}:
        orgs = _unnamed_org(ctx, title)
    quals = Qualifiers(role=role_text, status=status, **time_of(ctx, title, status))
    if "runs" in preds or head_phrase in {"chief", "head"}:
        for h in holders:
            if status:
                events.append(Event(h, status, same_role(ctx, head_phrase), ctx.sentence_of[title.i], title.i))
    out = []
    for h in holders:
        for o in orgs:
            for p in preds:
                if o.mention.type in ctx.lex.signatures[p][1]:
                    out.append(Found(h, p, o, rule, title, quals))
    return out


def _unnamed_org(ctx: Context, title: Token) -> list[Arg]:
    """Where a title the sentence does not place is held: at what a verb before it joined
    ('co-founded X in 2009 and resigned as CEO'), at the company that says it ('Acme said X would
    step down as CEO'), else at the article's company (an implicit argument)."""
    where = _where(ctx, title)
    if where is not None:
        return [Arg(where)]
    joined, left = _joined_org(ctx, title)
    reporter = None if joined is not None or left else _reporter(ctx, title)
    if joined is not None:
        return [Arg(joined, coref=True)]
    if left:  # 'left X and became chief executive': of somewhere else, unnamed
        return []
    if reporter is not None:  # as sure as a pronoun
        return [Arg(reporter, coref=True)]
    if _form_of_address(ctx, title):
        return []
    # the article's main organization, else the one the sentences just before are about
    implicit = ctx.salient(before=ctx.sentence_of[title.i], exclude=ctx.lex.education_words) or ctx.topic(title)
    return [Arg(implicit, implicit=True)] if implicit is not None else []


def _where(ctx: Context, title: Token) -> Mention | None:
    """The organization a 'where' clause is on: 'at X, its unit in Paris, where Y is chief
    executive' (the parser may hang the clause on the place or the noun after the name)."""
    verb = verb_of(title)
    if verb.dep_ != "relcl" or not any(c.dep_ == "advmod" and c.lower_ == "where" for c in verb.children):
        return None
    tok = verb.head
    for _ in range(5):
        m = ctx.token_mention.get(tok.i)
        if m is not None and m.type == ORGANIZATION:
            return m
        if tok.dep_ not in {"pobj", "prep", "appos", "compound"} or tok.head == tok:
            return None
        tok = tok.head
    return None


def _joined_org(ctx: Context, title: Token) -> tuple[Mention | None, bool]:
    """(The one organization that a verb joined before the title's verb founds or joins,
    whether such a verb leaves one instead). The title is held at the first ('co-founded
    Uber in 2009 and resigned as CEO', 'joined Acme and became chief executive'), not at the
    second nor at the article's company ('left Google and became chief executive'). A
    relative clause on the subject counts as such a verb ('X, who joined Arm in 2013 from
    Nvidia, has been chief executive since 2022')."""
    verb = verb_of(title)
    if verb is title:
        return None, False
    first = verb
    while first.dep_ == "conj" and first.head != first and first.head.pos_ in {"VERB", "AUX"}:
        first = first.head
    clauses = [c for s in first.children if s.dep_ in ACTIVE_SUBJ for c in s.children if c.dep_ == "relcl"]
    verbs = [v for v in (first, *first.conjuncts) if v is not verb] + clauses
    if not verbs:
        return None, False
    found: dict[str, set[Mention]] = {"join": set(), "leave": set()}
    for v in verbs:
        kind = "join" if v.lemma_.lower() in ctx.lex.joining_verbs else \
            "leave" if v.lemma_.lower() in ctx.lex.end_words else None
        if kind and v.i < verb.i:
            found[kind] |= {ctx.token_mention[t.i] for t in patient_tokens(ctx.lex, v)
                            if t.i in ctx.token_mention and ctx.token_mention[t.i].type == ORGANIZATION}
    joined = found["join"].pop() if len(found["join"]) == 1 else None
    return joined, bool(found["leave"])


def _successor(ctx: Context, rule: Rule, title: Token, which: str, holders: list[Arg]) -> list[Found]:
    """'named X as his successor', 'X, the successor of Y': a succession between two people."""
    others = []
    holder_names = frozenset(h.mention.text.lower() for h in holders)
    for c in title.children:
        if c.dep_ == "poss" and c.lower_ in PERSON_PRONOUNS:
            # 'named X as his successor': 'his' is someone other than X
            others += [Arg(m, coref=True) for m in ctx.antecedents(c, holder_names)] if ctx.use_coref else []
        elif c.dep_ == "poss":
            others += args_at(ctx, c)
        if c.dep_ == "prep" and c.lower_ in {"to", "of"}:
            for p in c.children:
                if p.dep_ == "pobj":
                    others += args_at(ctx, p)
    out = []
    for h in holders:
        for o in others:
            if o.mention.type == PERSON and o.mention.text != h.mention.text:
                s, obj = (h, o) if which == "successor" else (o, h)
                out.append(Found(s, "succeeded", obj, rule, title, Qualifiers()))
    return out


def holder(ctx: Context, spec: str, title: Token, nodes: dict) -> list[Arg]:
    """Who holds a title, by the rule's holder spec (rules.HOLDER_FORMS)."""
    lex, (kind, _, name) = ctx.lex, spec.partition(":")
    if kind == "head":
        anchor = title
        while anchor.dep_ == "conj" and anchor.head != anchor:
            anchor = anchor.head
        plural = singular(title) != title.lower_  # 'X and Y, the co-founders of Z'
        found = args_at(ctx, anchor.head, conj=plural) if anchor.head != anchor else []
        after = ctx.token_mention.get(title.i + 1)
        if title.dep_ == "compound" and after is not None and after.type == PERSON and \
                not any(a.mention == after for a in found):
            # 'Halvex chairman Ada Brenner and Cara Lund met': parsed with the title on the last
            # name; the title is held by the name right after it
            return [Arg(after)]
        return found
    if kind == "node":
        return [a for a in args_at(ctx, nodes[name]) if not held_apart(ctx, title, ctx.mention_root[a.mention])]
    if kind == "actor":
        head = title.head
        if title.dep_ == "pobj" and head.lower_ == "as":
            head = head.head
            if head.pos_ in {"NOUN", "PROPN"}:
                poss = [c for c in head.children if c.dep_ == "poss"]
                if poss:
                    return args_at(ctx, poss[0], conj=False)
                head = verb_of(head)
        if head.pos_ not in {"VERB", "AUX"}:
            return []
        if title.dep_ != "pobj" and head.lemma_.lower() not in lex.role_verbs:
            return []
        if any(c.dep_ in PASSIVE_SUBJ for c in head.children) and head.lemma_.lower() not in lex.naming_verbs:
            # 'X was ousted as chief executive': the role is the passive subject's
            return [a for t in patient_tokens(lex, head) if t != title for a in args_at(ctx, t)]
        if head.lemma_.lower() in lex.naming_verbs:
            named = [a for t in patient_tokens(lex, head) + [c for c in head.children if c.dep_ == "oprd"]
                     if t != title for a in args_at(ctx, t)]
            # 'named Ada Brenner chief executive' is often parsed with the name inside the title
            inside = {ctx.token_mention[t.i] for t in title.subtree if t.i < title.i and t.i in ctx.token_mention}
            return named or [Arg(m) for m in sorted(inside, key=lambda m: m.start) if m.type == PERSON]
        if title.dep_ == "dobj" and head.lemma_.lower() in lex.person_object_verbs:
            return []  # 'succeeding its founder, Tomas Varga': the title is the object's, not the subject's
        return [a for t in actor_tokens(lex, head) for a in args_at(ctx, t)]
    if kind == "clause":
        node = title
        for _ in range(10):
            if node.dep_ not in LIST_CLIMB or node.head == node:
                break
            child, node = node, node.head
            if node.pos_ in {"VERB", "AUX"}:
                if child.dep_ == "dobj" and node.lemma_.lower() in lex.person_object_verbs:
                    return []  # ('replacing A, B and C, its directors': theirs)
                if node.lemma_.lower() in lex.role_verbs and not _bracketed_apart(node, title):
                    return [a for t in actor_tokens(lex, node) for a in args_at(ctx, t)]
                return []
        return []
    raise RuleError(f"unknown holder spec {spec!r}")


def _bracketed_apart(verb: Token, title: Token) -> bool:
    """Whether a bracket opened between verb and title is still open at the title: 'A is a
    relative of B (founder of X)' does not make A X's founder."""
    lo, hi = sorted((verb.i, title.i))
    between = verb.doc[lo + 1:hi]
    opened = sum(t.text == "(" for t in between) - sum(t.text == ")" for t in between)
    return opened != 0


def role_orgs(ctx: Context, title: Token, share: bool = True) -> tuple[list[Arg], bool]:
    """Organizations a title is held at, and whether a department was named on the way."""
    orgs: list[Arg] = _org_right_before(ctx, title)
    for c in title.children if not orgs else ():
        # an adjective only when it is a name ('Tesla chief executive X', parsed with 'Tesla' as amod)
        if c.i < title.i and (c.dep_ in {"poss", "compound", "nmod"} or c.dep_ == "amod" and c.i in ctx.token_mention):
            orgs += [a for a in args_at(ctx, c, conj=False) if a.mention.type not in {PERSON, PLACE}
                     and not _schooled(ctx, a.mention, title)]
    department = any(p.pos_ in {"NOUN", "PROPN"} and p.i not in ctx.token_mention and not ctx.antecedents(p)
                     for c in title.children if c.dep_ == "prep" and c.lower_ == "of"
                     for p in c.children if p.dep_ == "pobj")
    frontier, depth, located = [title], 0, []
    while frontier and depth < 3 and not orgs:
        nxt = []
        for node in frontier:
            for c in node.children:
                if c.dep_ == "prep" and c.lower_ in {"of", "at", "for", "with", "in"}:
                    for p in c.children:
                        if p.dep_ != "pobj":
                            continue
                        found = [a for a in args_at(ctx, p) if a.mention.type != PERSON]
                        if found:
                            orgs += found
                            located += found if c.lower_ == "in" else []
                        elif p.pos_ in {"NOUN", "PROPN"} and c.lower_ == "of":
                            department = True
                            nxt.append(p)
        frontier, depth = nxt, depth + 1
    if len(located) < len(orgs):  # 'chairman of X in Y': held at X, which is in Y
        orgs = [a for a in orgs if a not in located]
    if not orgs and title.dep_ == "pobj" and title.head.lower_ == "as":
        verb = verb_of(title.head.head)  # ('worked at X as CEO'; 'before joining X as president')
        joined = patient_tokens(ctx.lex, verb) if verb.lemma_.lower() in ctx.lex.joining_verbs else []
        orgs += [a for t in prep_tokens(verb, {"at", "for", "with", "of"}) + joined for a in args_at(ctx, t)
                 if a.mention.type != PERSON]
    orgs = orgs or _org_after(ctx, title)
    if not orgs and not department and share:
        # 'founder and executive chairman of X', "X's co-founder and chief technology officer": a
        # title shares the organization of the title coordinated with it
        for c in sorted(title.conjuncts, key=lambda c: c.i < title.i):
            if c.lower_ in ctx.lex.titles.head_words and (c.i > title.i or c.i == title.head.i):
                orgs, department = role_orgs(ctx, c, share=False)
                break
    namer = title.head.head if title.dep_ == "pobj" and title.head.lower_ in {"as", "to"} else title.head
    if not orgs and title.dep_ in {"oprd", "xcomp", "attr", "dobj", "pobj"} and \
            namer.lemma_.lower() in ctx.lex.naming_verbs:
        # 'Disney named X (as) chief executive': who names fills the post at home ('Disney's board')
        namers = [p for t in actor_tokens(ctx.lex, namer) for p in [t, *(c for c in t.children if c.dep_ == "poss")]]
        orgs += [a for t in namers for a in args_at(ctx, t) if a.mention.type == ORGANIZATION]
    if not orgs and title.dep_ in {"compound", "nmod"}:
        orgs += [a for c in title.head.children if c.dep_ in {"compound", "poss", "nmod"} and c.i < title.i
                 for a in args_at(ctx, c, conj=False) if a.mention.type != PERSON]
    return orgs, department


def _schooled(ctx: Context, m: Mention, title: Token) -> bool:
    """'a Harwell University-trained engineer': the name is where the holder studied."""
    return any(t.lower_ in ctx.lex.schooled_adjectives and ctx.token_mention.get(t.i - 2) is m
               for t in ctx.doc[ctx.mention_root[m].i:title.i])


def _form_of_address(ctx: Context, title: Token) -> bool:
    """'President Ada Brenner', 'Chairman Varga': a capitalized title alone before a name is how
    a head of state or party is addressed; a company's would be named ('Vantor President X')."""
    after = ctx.token_mention.get(title.i + 1)
    return title.dep_ == "compound" and title.text.istitle() and after is not None and after.type == PERSON and \
        not any(c.dep_ in {"compound", "amod", "nmod", "poss"} and c.i < title.i for c in title.children)


def _org_right_before(ctx: Context, title: Token) -> list[Arg]:
    """'... and Halvex founder Tomas Varga': the name right before a title that stands right
    before its holder's name is where it is held, however the parser hung a long phrase."""
    doc, after = ctx.doc, ctx.token_mention.get(title.i + 1)
    if after is None or after.type != PERSON:
        return []
    i = title.i - 1
    while i >= 0 and doc[i].is_lower and doc[i].lower_ in ctx.lex.titles.words:
        i -= 1  # ('chief' of 'chief executive')
    if i > 0 and doc[i].lower_ == "and":
        # 'Vantor chairwoman Ada Brenner and chief executive Tomas Varga': the titles share it
        holder, i = ctx.token_mention.get(i - 1), i - 1
        while holder is not None and ctx.token_mention.get(i) is holder:
            i -= 1
        if holder is None or holder.type != PERSON or i < 0 or doc[i].lower_ not in ctx.lex.titles.head_words:
            return []
        return _org_right_before(ctx, doc[i])
    m = ctx.token_mention.get(i)
    return [Arg(m)] if title.dep_ in {"compound", "nmod"} and m is not None and m.type != PERSON else []


def _reporter(ctx: Context, title: Token) -> Mention | None:
    """'Acme said (that) X would step down as chief executive': the organization that says it."""
    node = title
    for _ in range(8):
        if node.head == node:
            return None
        node = node.head
        if node.pos_ == "VERB" and node.lemma_.lower() in ctx.lex.reporting_verbs:
            for t in actor_tokens(ctx.lex, node):
                m = ctx.token_mention.get(t.i)
                if m is not None and m.type == ORGANIZATION:
                    return m
    return None


def _names_other_org(ctx: Context, title: Token) -> bool:
    """'the founder of another company': the title is held at an organization the text does not name
    (and 'founder figures of a movement': a title on a noun that says of what)."""
    return any(p.dep_ == "pobj" and p.lemma_.lower() in ctx.lex.org_nouns for c in title.children
               if c.dep_ == "prep" and c.lower_ in {"of", "at", "for"} for p in c.children) or \
        title.dep_ == "compound" and title.head.pos_ == "NOUN" and any(c.lower_ == "of" for c in title.head.children)


def _org_after(ctx: Context, title: Token) -> list[Arg]:
    """Surface fallback when the parse lost the link: 'TITLE of/at [the] NAME'."""
    doc, i = ctx.doc, title.i + 1
    if i < len(doc) and doc[i].lower_ in {"of", "at"}:
        i += 1
        if i < len(doc) and doc[i].lower_ == "the":
            i += 1
        m = ctx.token_mention.get(i)
        if m is not None and m.type != PERSON:
            return [Arg(m)]
    return []
