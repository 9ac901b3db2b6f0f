"""Verb rules: a matched trigger ('founded', 'acquired', 'developed by') -> the relation between
the arguments its rule names, typed by the predicate's signature."""
from __future__ import annotations

from spacy.tokens import Span, Token

from ..rules import Rule
from ..types import ORGANIZATION, PERSON, Qualifiers
from .arguments import args_at, args_at_prep, slot
from .coref import Context
from .grammar import described_department, patient_tokens, verb_of
from .hedges import hedged
from .qualifiers import time_of
from .records import Arg, Found

ANNOUNCEABLE = frozenset({"runs", "succeeded", "worksFor"})
"""Relations an announcement states ('is set to succeed X as chief executive')."""

CO_AGENT_PREPOSITIONS = {"with", "alongside"}
"""'founded X with Y', 'launched X alongside Y': more people who did it."""


def _employer_instead(ctx: Context, arg):
    """The organization an executive title before a person names ('Vantor chief executive X',
    'X, Vantor's chief executive'), else the person."""
    root = ctx.mention_root.get(arg.mention)
    if root is None or arg.mention.type != PERSON:
        return arg
    titles = [c for c in root.children if c.dep_ in {"compound", "appos", "nmod"}
              and c.lower_ in ctx.lex.titles.employer_titles
              and "founded" not in ctx.lex.titles.phrases.get(c.lower_, ())]  # (a founder's own: 'X, a co-founder of Y, launched Z')
    for title in titles:
        for t in title.subtree:
            m = ctx.token_mention.get(t.i)
            if m is not None and m.type == ORGANIZATION:
                return Arg(m)
    return arg


def _with_the_agent(ctx: Context, subjects: list) -> list:
    """'formed by X with Y and Z' where the parser hung 'with' on X: Y and Z did it too."""
    out = []
    for a in subjects:
        root = ctx.mention_root.get(a.mention)
        if root is not None and root.dep_ == "pobj" and root.head.lower_ == "by":
            for p in root.children:
                if p.dep_ == "prep" and p.lower_ in CO_AGENT_PREPOSITIONS:
                    out += [x for o in p.children if o.dep_ == "pobj" for x in args_at(ctx, o)]
    return out


def verb_rule(ctx: Context, rule: Rule, trigger: Token, nodes: dict, span: Span | None = None) -> list[Found]:
    """The relations one match of a verb or sequence rule states."""
    prefixed = span[-1] if span is not None else trigger  # (a sequence's verb is its last word)
    if rule.prefix == "co-" and prefixed.i not in ctx.co or \
            any(c.lower_ in rule.unless_modified_by for c in trigger.children) or \
            hedged(ctx, trigger, announced_counts=rule.predicate in ANNOUNCEABLE):
        return []
    sig_s, sig_o = ctx.lex.signatures[rule.predicate]
    sig_s = rule.subject_types or sig_s
    sig_o = rule.object_types or sig_o
    # the objects first: most matches have none of the right type, and then the subjects
    # need not be looked for
    objects = [o for o in slot(ctx, rule.object, trigger, nodes, span) if o.mention.type in sig_o]
    if not objects:
        return []
    subjects = slot(ctx, rule.subject, trigger, nodes, span)
    if rule.co_agents:
        subjects += [a for a in args_at_prep(ctx, trigger, CO_AGENT_PREPOSITIONS) + _with_the_agent(ctx, subjects)
                     if a.mention not in {s.mention for s in subjects}]
    if rule.predicate == "developed" and verb_of(trigger).lemma_.lower() in ctx.lex.presenting_verbs:
        subjects = [_employer_instead(ctx, s) for s in subjects]
    subjects = [s for s in subjects if s.mention.type in sig_s]
    if not subjects:
        return []
    preds = [rule.predicate]
    if rule.predicate == "runs" and rule.object == "patient" and any(_unnamed_part(ctx, t, objects)
                                                                     for t in patient_tokens(ctx.lex, verb_of(trigger))):
        preds = ["worksFor"]  # 'heads the Vantor research division', 'ran its cloud business': part of the company
    people = {s.mention.text for s in subjects if s.mention.type == PERSON}
    quals = Qualifiers(**time_of(ctx, trigger))
    if len(subjects) == len(objects) > 1 and \
            any(c.lower_ == "respectively" for c in verb_of(trigger).children):
        # 'A and B founded X and Y, respectively': A founded X, B founded Y, neither with the other
        pairs = zip(sorted(subjects, key=lambda a: a.mention.start), sorted(objects, key=lambda a: a.mention.start))
        return [Found(s, rule.predicate, o, rule, trigger, quals) for s, o in pairs
                if s.mention.text != o.mention.text]
    if rule.co_agents and len(people) > 1:
        preds = ["cofounded"] if rule.co_agents is True else [rule.co_agents, rule.predicate]
    out = []
    for s in subjects:
        for o in objects:
            if s.mention.text == o.mention.text:
                continue
            for p in preds:
                out.append(Found(s, p, o, rule, trigger, quals))
    return out


def _unnamed_part(ctx: Context, tok: Token, objects: list[Arg]) -> bool:
    """A part of a company that no name of its own follows: a unit ('the Vantor research
    division', 'the research team at Vantor') or a described department ('its cloud
    business'; lexicon department_nouns)."""
    lemma = tok.lemma_.lower()
    return tok.i not in ctx.token_mention and all(ctx.mention_root[o.mention].i < tok.i or
                                                  _part_of(ctx.mention_root[o.mention], tok) for o in objects) and \
        (lemma in ctx.lex.unit_nouns or lemma in ctx.lex.team_nouns or described_department(ctx.lex, tok))


def _part_of(root: Token, part: Token) -> bool:
    """'the research team at X', 'the cloud unit of X': the name is where the part is."""
    return root.dep_ == "pobj" and root.head.lower_ in {"of", "at", "in"} and root.head.head == part
