"""Products named after their maker: 'the Vantor Quill smartwatch' in a text that names the
company 'Vantor' (or 'Vantor Labs') is Vantor's. The rule is discourse.json's
developed.named_after.v1; its evidence is the sentence that names the product."""
from __future__ import annotations

from ..rules import Rule
from ..types import ORGANIZATION, PRODUCT
from .coref import Context
from .records import Arg, Found


def named_after_maker(ctx: Context, rule: Rule) -> list[Found]:
    """A product whose name starts with the name of an organization of the same text (its short
    name: 'Vantor' of 'Vantor Labs') and goes on with more words."""
    makers: dict[str, object] = {}
    for m in ctx.mentions:
        if m.type == ORGANIZATION:
            words = m.text.split()
            while len(words) > 1 and words[-1].lower().rstrip(".,") in ctx.lex.org_suffixes:
                words.pop()  # 'Vantor Labs', 'Vantor Inc.': 'Vantor'
            for name in (m.text, " ".join(words)):
                if len(name) > 2:
                    makers.setdefault(name.lower(), m)
    out = []
    for m in ctx.mentions:
        if m.type != PRODUCT:
            continue
        words = m.text.split()
        for n in range(len(words) - 1, 0, -1):
            maker = makers.get(" ".join(words[:n]).lower())
            if maker is not None:
                out.append(Found(Arg(maker), "developed", Arg(m), rule, ctx.mention_root[m]))
                break
    return out
