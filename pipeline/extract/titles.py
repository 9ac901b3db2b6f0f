"""What a role title says: its words, the relations its holder has, the text the graph shows."""
from __future__ import annotations

from spacy.tokens import Token

from ..types import Mention
from .coref import Context
from .grammar import singular

SUCCESSION_TITLES = frozenset({"successor", "predecessor"})
"""Titles that name a succession between two people, not a role at an organization (their
synonyms map onto them in lexicon.json titles.same_role: 'replacement' -> 'successor')."""


def title_phrase(ctx: Context, title: Token) -> tuple[str, str]:
    """(lower-cased title words for classification, role text for the qualifier)."""
    mods = []
    stack = [c for c in title.children if c.dep_ in {"compound", "amod", "nmod", "npadvmod"} and c.i < title.i]
    while stack:
        t = stack.pop()
        if t.i in ctx.token_mention or t.pos_ in {"DET", "PRON", "PUNCT", "NUM"} or t.ent_type_ in {"DATE", "TIME"}:
            continue
        mods.append(t)
        stack += [c for c in t.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < t.i]
    words_ = [t for t in sorted(mods, key=lambda t: t.i)] + [title]
    co = "co-" if title.i in ctx.co else ""
    phrase = " ".join([t.lower_ for t in words_[:-1]] + [co + singular(title)])
    unshown = ctx.lex.titles.unshown_modifiers
    shown = [("co-" if t.i in ctx.co else "") + t.text for t in words_ if t.lower_ not in unshown]
    tail = department_tail(ctx, title)
    text = " ".join(shown) + (f" of {tail}" if tail else "")
    return phrase, text


def department_tail(ctx: Context, title: Token) -> str:
    """'head of human resources': the unnamed part of an organization a title is held in."""
    for c in title.children:
        if c.dep_ == "prep" and c.lower_ == "of":
            for p in c.children:
                if p.dep_ == "pobj" and p.i not in ctx.token_mention and p.pos_ in {"NOUN", "PROPN"} \
                        and not ctx.antecedents(p):
                    stop = next((t.i for t in p.subtree if t.dep_ == "prep" and t.i > p.i), None)
                    toks = [t for t in p.subtree if stop is None or t.i < stop]
                    return " ".join(t.text for t in toks)
    return ""


def classify(ctx: Context, phrase: str) -> tuple[tuple[str, ...], str]:
    """Title words -> (predicates, the lexicon phrase that matched), demoted when a department is named."""
    titles = ctx.lex.titles
    ws = phrase.split()
    for i in range(len(ws)):
        key = " ".join(ws[i:])
        if key in titles.phrases:
            prefix = ws[:i]
            preds = titles.phrases[key]
            if any(w not in titles.rank_modifiers for w in prefix) and "runs" in preds:
                preds = tuple(p if p != "runs" else "worksFor" for p in preds)
            return preds, key
    if ws and ws[-1].startswith("co-") and len(ws[-1]) > 3:
        return classify(ctx, " ".join(ws[:-1] + [ws[-1][3:]]))  # 'co-president' holds what 'president' does
    return (), ws[-1] if ws else ""


def same_role(ctx: Context, phrase: str) -> str:
    """The one role a title names, for matching departures with arrivals ('boss' -> 'ceo')."""
    return ctx.lex.titles.same_role.get(phrase, phrase)


def group_member(ctx: Context, title: Token, org: Mention) -> bool:
    """'a member of the rock band Quill', 'a member of the Pellan Party': a member of a band, a
    team or a party is no employee of it (lexicon member_groups; 'board member' is one)."""
    if title.lower_ not in {"member", "members"}:
        return False
    nouns = [p.lemma_.lower() for c in title.children if c.dep_ == "prep" and c.lower_ == "of"
             for p in c.children if p.dep_ == "pobj"]
    return any(n in ctx.lex.member_groups for n in nouns) or org.text.split()[-1].lower() in ctx.lex.member_groups


def held_apart(ctx: Context, title: Token, name: Token) -> bool:
    """'A's chief executive, X, and B's finance chief, Y': a name after another title that has
    an owner of its own holds that title, not this one."""
    return any(t.lower_ in ctx.lex.titles.head_words and any(c.dep_ == "poss" for c in t.children)
               for t in ctx.doc[title.i + 1:name.i])
