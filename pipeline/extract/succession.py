"""Succession across clauses: 'X steps down as CEO ... Y will take over' -> Y succeeded X, and
the roles a succession implies for the successor and the predecessor.

Role events come from role titles (roles.py) and from verbs of role change without a title
(lexicon.json ``role_change_verbs``); the rules are the discourse rules of
``ontologies/rules/discourse.json``.
"""
from __future__ import annotations

from bisect import bisect_right

import numpy as np
from spacy.symbols import VERB
from spacy.tokens import Doc, Token

from ..types import PERSON, Mention, Qualifiers
from .arguments import args_at
from .coref import Context
from .grammar import actor_tokens
from .hedges import hedged
from .records import Event, Found
from .titles import classify, same_role

WINDOW = 2
"""How many sentences after a departure an arrival may be."""


def _only(values) -> str | None:
    """The one value of a collection that has exactly one, else None."""
    return next(iter(values)) if len(values) == 1 else None


def same_person(a: Mention, b: Mention) -> bool:
    """'Zhang' and 'Zhang San' are one person; 'Bob Chapek' and 'Bob Iger' are two."""
    ta, tb = set(a.text.lower().split()), set(b.text.lower().split())
    sa, sb = a.text.replace(" ", "").lower(), b.text.replace(" ", "").lower()
    return ta <= tb or tb <= ta or sa == sb


def verb_events(ctx: Context, doc: Doc) -> list[Event]:
    """'X will take over', 'X steps down', 'X resigned': role changes without a title."""
    lex = ctx.lex
    verbs = lex.role_change_verbs
    out = []
    for i in np.flatnonzero(doc.to_array("POS") == VERB).tolist():  # (not a Token for every word)
        tok = doc[i]
        lemma = tok.lemma_.lower()
        if lemma not in verbs or hedged(ctx, tok, announced_counts=True):
            continue
        prts = {c.lower_ for c in tok.children if c.dep_ in {"prt", "advmod"}}
        if any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children):
            continue  # 'took over as CEO', 'stepped down as CFO': the role rules make the event
        status = None
        if any(lemma == v and p in prts for v, p in lex.start_phrasal) and \
                not any(c.dep_ == "dobj" for c in tok.children):
            status = "start"
        elif any(lemma == v and p in prts for v, p in lex.end_phrasal) or lemma in lex.end_verbs:
            status = "end"
        if status:
            out += _person_events(ctx, tok, status)
        if lemma in lex.announce_verbs:  # 'announced his resignation'
            for d in tok.children:
                if d.dep_ == "dobj" and d.lemma_.lower() in lex.departure_nouns:
                    out += _person_events(ctx, tok, "end")
    return out


def _person_events(ctx: Context, tok: Token, status: str) -> list[Event]:
    """An event for every person who does what ``tok`` says."""
    people = [a for t in actor_tokens(ctx.lex, tok) for a in args_at(ctx, t) if a.mention.type == PERSON]
    return [Event(a, status, None, ctx.sentence_of[tok.i], tok.i) for a in people]


def successions(ctx: Context, events: list[Event], found: list[Found]) -> list[Found]:
    """A departure followed within WINDOW sentences by another person's arrival in the same role."""
    if not any(e.status == "end" for e in events):
        return []
    rule = ctx.lex.rule("succeeded.handover.v1")
    out = []
    events = sorted(events, key=lambda e: e.token)
    # the one role a person is said to hold, for an event that names none ('X will step down')
    held: dict[str, set[str]] = {}
    for f in found:
        if f.predicate == "runs" and f.qualifiers.role:
            key = classify(ctx, f.qualifiers.role.lower())[1]
            held.setdefault(f.subject.mention.text.lower(), set()).add(same_role(ctx, key))
    for end in (e for e in events if e.status == "end"):
        for start in events:
            if start.status != "start" or start.token <= end.token or start.sentence > end.sentence + WINDOW:
                continue
            if same_person(start.person.mention, end.person.mention):
                continue
            titles = [e.title or _only(held.get(e.person.mention.text.lower(), ())) for e in (start, end)]
            if titles[0] and titles[1] and titles[0] != titles[1]:
                continue
            if any(f.predicate == "succeeded" and same_person(f.subject.mention, end.person.mention)
                   and same_person(f.object.mention, start.person.mention) for f in found):
                continue  # the text says in so many words that it went the other way
            sents = list(ctx.doc.sents)
            role = end.title or start.title
            out.append(Found(start.person, "succeeded", end.person, rule, ctx.doc[end.token],
                             Qualifiers(role=role.upper() if role and len(role) <= 3 else role),
                             last_sentence=sents[start.sentence]))
            break
    return out


def successors_run(ctx: Context, found: list[Found]) -> list[Found]:
    """'X will retire as chief executive of O ... Y will succeed him': Y runs O too."""
    rule = ctx.lex.rule("runs.succession.v1")
    runs = [f for f in found if f.predicate == "runs"]
    succeeded = [f for f in found if f.predicate == "succeeded"]
    if not runs or not succeeded:
        return []
    out = []
    starts = [s.start for s in succeeded[0].anchor.doc.sents]
    run_sentence = [bisect_right(starts, r.anchor.i) - 1 for r in runs]
    for f in succeeded:
        here = bisect_right(starts, f.anchor.i) - 1
        for r, there in zip(runs, run_sentence):
            # the role the predecessor leaves is the one stated before the succession, close to it
            if r.anchor.i > f.anchor.i and there != here or here - there > 2:
                continue
            if same_person(r.subject.mention, f.object.mention) and \
                    not any(same_person(x.subject.mention, f.subject.mention) and x.object.mention.text ==
                            r.object.mention.text for x in runs):
                out.append(Found(f.subject, "runs", r.object, rule, f.anchor,
                                 Qualifiers(role=r.qualifiers.role, status="start"), f.last_sentence))
    return out


def predecessors_ran(ctx: Context, found: list[Found]) -> list[Found]:
    """'X will succeed Y as chief executive of O', 'O appointed X as chief executive, replacing
    Y': Y held the role at O until then."""
    rule = ctx.lex.rule("runs.predecessor.v1")
    runs = [r for r in found if r.predicate == "runs"]
    out = []
    for f in found:
        if f.predicate != "succeeded":
            continue
        for r in runs:
            title = r.anchor
            verb = title.head.head  # 'succeed Y as CEO', 'appointed X as CEO, replacing Y'
            if title.head.lower_ == "as" and \
                    (verb == f.anchor or f.anchor.head == verb and f.anchor.dep_ in {"advcl", "xcomp", "conj"}) and \
                    same_person(r.subject.mention, f.subject.mention) and \
                    not same_person(r.subject.mention, f.object.mention):
                out.append(Found(f.object, "runs", r.object, rule, title,
                                 Qualifiers(role=r.qualifiers.role, status="end"), r.last_sentence))
    return out
