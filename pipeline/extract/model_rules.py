"""The trained pipeline's own rule components, run with the same results at less cost.

* The attribute ruler (the tag map and its exceptions: about 180 token patterns) is searched
  by spaCy's Matcher, which tries every pattern at every token; on news text that cost a sixth
  of the whole parse. Its patterns go to seqmatch.Matcher, which looks each distinct token up
  once and searches only where a pattern of several tokens can match: the same matches.
* The rule lemmatizer keeps a cache, but fills it only for the words it has to inflect; every
  word already in its base form is worked out again at each occurrence. Here every result is
  kept, under spaCy's own key (the word, its part of speech and its morphology, which are all a
  rule lemma depends on).

tests/test_model_rules.py checks the parse is the same, attribute by attribute, as spaCy's own.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer

from .seqmatch import Matcher

MAX_LEMMAS = 200_000
"""Most lemmas remembered (about 200 bytes each); beyond, the cache starts afresh."""


def speed_up(nlp: Language) -> None:
    """Give the pipeline's attribute rulers the restricted Matcher and its rule lemmatizers a
    full cache (in place; other components untouched)."""
    for _, pipe in nlp.pipeline:
        if isinstance(pipe, AttributeRuler):
            matcher = Matcher(nlp.vocab, validate=False)
            for i in range(len(pipe.attrs)):
                key = nlp.vocab.strings[str(i)]
                matcher.add(key, pipe.matcher.get(key)[1])
            pipe.matcher = matcher
        elif isinstance(pipe, Lemmatizer) and pipe.mode == "rule":
            pipe.lemmatize = _cached(pipe.lemmatize)


def _cached(lemmatize):
    cache: dict[tuple, list[str]] = {}

    def lemmas(token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)
        found = cache.get(key)
        if found is None:
            if len(cache) > MAX_LEMMAS:
                cache.clear()
            found = cache[key] = lemmatize(token)
        return found
    return lemmas
