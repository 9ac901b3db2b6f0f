"""Hedges and negation: a trigger under 'did not', 'is expected to', 'may' states nothing."""
from __future__ import annotations

from spacy.tokens import Token

from .coref import Context
from .grammar import HEDGE_CLIMB


ANNOUNCED = "announced"
"""Why a trigger under 'is set to' or 'agreed to' is hedged: an announced role or handover counts
(the conventions' 'will take over as CEO'), a pending deal does not."""


def hedged(ctx: Context, tok: Token, announced_counts: bool = False) -> bool:
    """Negated, hedged or hypothetical: 'did not found', 'is expected to launch', 'may become'
    (worked out once per token of a document); with ``announced_counts``, an announcement
    ('is set to succeed X') is not hedged."""
    known = ctx.hedged.get(tok.i)
    if known is None:
        known = ctx.hedged[tok.i] = _is_hedged(ctx, tok)
    return bool(known) and not (announced_counts and known == ANNOUNCED)


def _in_headline(ctx: Context, tok: Token) -> bool:
    """In the text's first sentence, when that is a line of its own without a full stop."""
    if ctx.sentence_of[tok.i] != 0:
        return False
    sent = tok.sent
    last = next((t for t in reversed(sent) if not t.is_space), sent[-1])
    return last.text not in {".", "!", "?", '"', "”"} and sent.end < len(ctx.doc)


def _is_hedged(ctx: Context, tok: Token) -> bool | str:
    lex = ctx.lex
    if tok.dep_ == "ROOT" and tok.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return True  # a headline's 'X to buy Y': a plan, not a fact
    if tok.tag_ == "VBZ" and tok.lemma_.lower() in lex.headline_deal_verbs and _in_headline(ctx, tok):
        return ANNOUNCED  # a headline's 'X buys Y': the news of a deal, which is seldom done yet
    node, future = tok, False
    for _ in range(8):
        for c in node.children:
            word, dep = c.lower_, c.dep_
            if word == "longer" and any(g.lower_ == "no" for g in c.children):
                continue  # 'no longer CEO': a role that ended, which still counts
            if dep == "neg" or (word in lex.negations and dep in {"advmod", "det", "preconj"}):
                return True
            if dep in {"aux", "auxpass"} and word in lex.modal_hedges:
                return True
            if dep == "aux" and (word in lex.future_auxiliaries or word == "would" and
                                                   node.dep_ == "ccomp" and node.head.lemma_.lower() in lex.reporting_verbs):
                future = True  # 'will buy', 'said it would buy': a deal still pending, a role announced
            if dep in {"mark", "advmod", "amod"} and word in lex.hedges:
                return True
        if node is not tok and node.lemma_.lower() in lex.hedges and node.pos_ in {"VERB", "ADJ", "AUX"}:
            return True
        if node.dep_ in {"acl", "relcl"} and node.head.lemma_.lower() in lex.hedge_nouns:
            return True  # 'a candidate to replace X as CEO', 'its plan to buy X'
        if _agreed_only(ctx, node):
            return True
        argument = node.dep_ == "pcomp" and node.head.lower_ in {"in", "of", "at", "for"}  # 'not involved in founding X'
        if node.dep_ not in HEDGE_CLIMB and not argument or node.head == node:
            return ANNOUNCED if future else False
        if node.dep_ == "xcomp" and node.head.lemma_.lower() in lex.infinitive_hedges:
            # 'offered to hire X', 'tried to buy X'; 'is set to succeed X' announces
            return ANNOUNCED if node.head.lemma_.lower() in lex.announcing_verbs else True
        if node.dep_ == "appos":  # ('agreed to buy X, the maker of Y': X made Y already, whatever the deal)
            return ANNOUNCED if future else False
        node = node.head
    return ANNOUNCED if future else False


def _agreed_only(ctx: Context, verb: Token) -> bool:
    """'struck a deal to buy X', 'signed an agreement to acquire X': the infinitive of a deal
    that was agreed, hung on the deal's noun or on the verb that agreed it (not 'completed its
    deal to buy X'; lexicon agreement_nouns, completing_verbs)."""
    lex = ctx.lex
    if verb.tag_ != "VB" or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return False
    if verb.dep_ == "acl" and verb.head.lemma_.lower() in lex.agreement_nouns:
        return verb.head.head.lemma_.lower() not in lex.completing_verbs
    head = verb.head  # ('walked away from a deal to buy X': the deal is the preposition's)
    nouns = [o for o in head.children if o.dep_ == "dobj"] + \
        [o for c in head.children if c.dep_ == "prep" for o in c.children if o.dep_ == "pobj"]
    return verb.dep_ == "advcl" and head.lemma_.lower() not in lex.completing_verbs and \
        any(o.lemma_.lower() in lex.agreement_nouns for o in nouns)
