"""Role titles (lexicon.json ``titles``): the predicates a title's holder has, and the words
around titles; read by lexicon.py into ``Lexicon.titles``."""
from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

Words = frozenset[str]


@dataclass(frozen=True, slots=True)
class Titles:
    """Role titles (lexicon.json ``titles``) and what they imply."""

    phrases: Mapping[str, tuple[str, ...]]
    """Lower-cased title phrase -> the predicates its holder has ('ceo' -> runs)."""
    same_role: Mapping[str, str]
    """Titles that name one role, for matching a departure with an arrival ('boss' -> 'ceo')."""
    rank_modifiers: Words
    employer_titles: Words
    department_heads: Words
    ended_modifiers: Words
    starting_modifiers: Words
    unshown_modifiers: Words
    head_words: Words
    """The last word of every phrase ('chief executive' -> 'executive')."""
    words: Words
    """Every word of every phrase."""
    heads: Words
    """Head words, singular and plural ('ceo', 'ceos')."""



def read_titles(t) -> Titles:
    """lexicon.json ``titles`` (a table of the loader, whose missing keys are errors) as Titles."""
    phrases = {k: tuple(v) for k, v in t.get("phrases").items() if not k.startswith("_")}
    heads = {p.split()[-1] for p in phrases}
    return Titles(phrases=phrases, same_role={k: v for k, v in t.get("same_role").items() if not k.startswith("_")},
                  rank_modifiers=t.words("rank_modifiers"), employer_titles=t.words("employer_titles"),
                  department_heads=t.words("department_heads"), ended_modifiers=t.words("ended_modifiers"),
                  starting_modifiers=t.words("starting_modifiers"), unshown_modifiers=t.words("unshown_modifiers"),
                  head_words=frozenset(heads), words=frozenset(w for p in phrases for w in p.split()),
                  heads=frozenset(heads | {h + "s" for h in heads}))


def case_forms(heads: Words) -> set[str]:
    """Head words of the role titles in every case they appear, singular and plural."""
    return {f for last in heads for form in (last, last + "s") for f in (form, form.upper(), form.capitalize())}
