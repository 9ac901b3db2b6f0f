"""Given names, and the people the small model takes for places: 'Ines Okafor took the helm'
read as a location, '"...," Bo Lind said' as a title. The names are the first names of the US
census that the ``names`` package carries (read once per process); the entity component
(components.py) calls ``people_taken_for_places`` before its context typing."""
from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from spacy.lang.en.stop_words import STOP_WORDS
from spacy.tokens import Span

from ..lexicon import Lexicon
from .spans import set_source

MISREAD_LABELS = frozenset({"GPE", "LOC", "FAC", "NORP", "WORK_OF_ART", "GUESS"})


@lru_cache(maxsize=1)
def given_names() -> frozenset[str]:
    """The lower-cased first names of the census lists (none when the package is missing),
    less the English function words among them ('An', 'In')."""
    spec = importlib.util.find_spec("names")  # (its data files only: the module is not imported)
    if spec is None or not spec.submodule_search_locations:
        return frozenset()
    folder = Path(spec.submodule_search_locations[0])
    out = set()
    for sex in ("female", "male"):
        for line in (folder / f"dist.{sex}.first").read_text(encoding="ascii").splitlines():
            name = line.split(maxsplit=1)[0].lower() if line.strip() else ""
            out.add(name)
    return frozenset(out - STOP_WORDS)


def people_taken_for_places(lex: Lexicon, spans: list[Span], given: frozenset[str]) -> None:
    """A name of two or three capitalized words that the model calls a place, a nationality or
    a title ('"It is good," Bo Lind said' read as a work of art), or leaves unlabelled, is a
    person's when it opens with a given name and no word of a town, park or street ends or fills
    it: 'Ines Okafor', not 'Carson City', 'Grant Park' nor 'the Marion Hills'."""
    for span in spans:
        if span.label_ not in MISREAD_LABELS or not 2 <= len(span) <= 3 or span[0].lower_ not in given or \
                span[0].lower_ in lex.person_titles or span[0].lower_ in lex.honorifics:
            continue  # ('King', 'Princess' and 'Major' are given names too)
        if not all(t.is_alpha and t.is_title for t in span) or \
                any(t.lower_ in lex.place_name_words or t.lower_ in lex.landform_words or t.lower_ in lex.region_words
                    for t in span[1:]) or span.start > 0 and span.doc[span.start - 1].lower_ == "the":
            continue
        span.label_ = "PERSON"
        set_source(span, "context")
