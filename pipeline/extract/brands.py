"""Products and units named after their maker or parent: 'the Vantor Quill smartwatch' in a text
that names the company 'Vantor' (or 'Vantor Labs') is Vantor's, and so is 'Vantor Europe'. The
rules are discourse.json's developed.named_after.v1 and owns.named_after.v1; the evidence is the
sentence that names the product or unit."""
from __future__ import annotations

from ..rules import Rule
from ..types import ORGANIZATION, PRODUCT
from .coref import Context
from .records import Arg, Found


def named_after_maker(ctx: Context, rule: Rule, unit_rule: Rule) -> list[Found]:
    """A product whose name starts with the name of an organization of the same text (its short
    name: 'Vantor' of 'Vantor Labs') and goes on with more words; an organization whose name starts
    with another's full name and goes on with words that are not only legal, organization or
    formal-name suffixes ('Vantor Europe'; not 'Vantor Group', which resolve.py takes for Vantor)."""
    makers: dict[str, object] = _makers(ctx)
    parents = {m.text.lower(): m for m in ctx.mentions if m.type == ORGANIZATION and len(m.text) > 2}
    first: dict[str, int] = {}
    for m in ctx.mentions:
        first.setdefault(m.text.lower(), m.start)
    out = []
    for m in ctx.mentions:
        words = m.text.split()
        if m.type == PRODUCT:
            for n in range(len(words) - 1, 0, -1):
                maker = makers.get(" ".join(words[:n]).lower())
                if maker is not None:
                    out.append(Found(Arg(maker), "developed", Arg(m), rule, ctx.mention_root[m]))
                    break
        elif m.type == ORGANIZATION:
            parent = _parent_by_name(ctx, m, parents, first)
            if parent is not None:
                out.append(Found(Arg(parent), "owns", Arg(m), unit_rule, ctx.mention_root[m]))
    return out


def _parent_by_name(ctx: Context, m, parents: dict, first: dict[str, int]):
    """The organization whose whole name begins the name of ``m`` when the rest names a unit
    ('Vantor' of 'Vantor Europe'), else None. Not a unit: a rest of suffixes ('Vantor Group'),
    a place's school ('Leeds Engineering College'), a number ('Pellan II', 'Summit 2008': an
    edition or an event), the rest of a name with '&' or 'and' ('Vantor & Sons'), the longer
    name of a body ('Pellan Council' of 'Pellan Council of York': an organization word before a
    function word of names, lexicon.json acronym_skip_words; but 'Vantor of Pellan' is a unit),
    nor a longer name written before its short form (the short form is its short name)."""
    words = m.text.split()
    for n in range(len(words) - 1, 0, -1):
        parent = parents.get(" ".join(words[:n]).lower())
        if parent is None:
            continue
        rest = [w.lower().rstrip(".,") for w in words[n:]]
        lex = ctx.lex
        if all(w in lex.org_suffixes or w in lex.names.formal_words or w in {"&", "and", "of"} for w in rest) or \
                lex.education_words & set(rest) and not lex.education_words & set(parent.text.lower().split()) or \
                any(any(c.isdigit() for c in w) or w in ROMAN for w in rest) or \
                " of " in parent.text or rest[0] in {"&", "and"} or \
                rest[0] in lex.names.acronym_skips and words[n - 1].lower() in lex.org_suffixes or \
                first[m.text.lower()] < first[parent.text.lower()]:
            return None
        return parent
    return None


ROMAN = frozenset({"ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"})


def _makers(ctx: Context) -> dict[str, object]:
    """Organizations by their names, full and short ('Vantor Labs', 'Vantor')."""
    makers: dict[str, object] = {}
    for m in ctx.mentions:
        if m.type == ORGANIZATION:
            words = m.text.split()
            while len(words) > 1 and words[-1].lower().rstrip(".,") in ctx.lex.org_suffixes:
                words.pop()  # 'Vantor Labs', 'Vantor Inc.': 'Vantor'
            for name in (m.text, " ".join(words)):
                if len(name) > 2:
                    makers.setdefault(name.lower(), m)
    return makers
