"""The trained pipeline's own rule components, run with the same results at less cost.

* The attribute ruler (the tag map and its exceptions: about 180 token patterns) is searched
  by spaCy's Matcher, which tries every pattern at every token; on news text that cost a sixth
  of the whole parse. Its patterns go to seqmatch.Matcher, which looks each distinct token up
  once and searches only where a pattern of several tokens can match: the same matches.
  Its ``match`` parses each pattern's number once, and its ``set_annotations`` sets each
  match's attributes on the token without making a Span of the match first.
* The rule lemmatizer keeps a cache, but fills it only for the words it has to inflect; every
  word already in its base form is worked out again at each occurrence. Here every result is
  kept, under spaCy's own key (the word, its part of speech and its morphology, which are all a
  rule lemma depends on).

* Loading a pipeline, spaCy first builds a tokenizer from the language's own exceptions (some
  2,700 special cases), then replaces all of it with the tokenizer saved in the model's folder:
  about 0.15 s of a 0.6 s load. ``load`` has it built empty instead, when the model's tokenizer
  is spaCy's standard one and its folder holds it; what the folder holds is the same either way.
  srsly's msgpack registries are read once per load instead of at each of its ~90 reads.

tests/test_model_rules.py checks the parse is the same, attribute by attribute, as spaCy's own.
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

import spacy
import srsly.msgpack as srsly_msgpack
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokenizer import Tokenizer
from spacy.tokens._retokenize import set_token_attrs

from .seqmatch import Matcher

MAX_LEMMAS = 200_000
"""Most lemmas remembered (about 200 bytes each); beyond, the cache starts afresh."""


STANDARD_TOKENIZER = {"@tokenizers": "spacy.Tokenizer.v1"}
EMPTY_TOKENIZER = "newsgraph.EmptyTokenizer.v1"


@spacy.registry.tokenizers(EMPTY_TOKENIZER)
def empty_tokenizer():
    """A tokenizer without rules: for a model whose folder holds its tokenizer (see ``load``)."""
    return lambda nlp: Tokenizer(nlp.vocab)


def load(model: str, exclude: tuple[str, ...] = ()) -> Language:
    """``spacy.load(model, exclude=...)``, without building a tokenizer that loading replaces.
    Raises OSError, as spacy.load does, for a model that is not installed."""
    folder = _model_folder(model)
    saved = folder is not None and (folder / "tokenizer").exists() and "tokenizer" not in exclude and \
        spacy.util.load_config(folder / "config.cfg", interpolate=False)["nlp"].get("tokenizer") == STANDARD_TOKENIZER
    config = {"nlp": {"tokenizer": {"@tokenizers": EMPTY_TOKENIZER}}} if saved else {}
    with _registries_read_once():
        return spacy.load(model, exclude=list(exclude), config=config)


@contextmanager
def _registries_read_once():
    """srsly asks its msgpack registries for all their functions at each of the ~90 reads of a
    load, and each time scans every installed package's entry points (0.05 s of a 0.43 s load).
    Nothing registers during a load: the first answer is kept until it ends."""
    registries = [r for r in (getattr(srsly_msgpack, "msgpack_encoders", None),
                              getattr(srsly_msgpack, "msgpack_decoders", None)) if hasattr(r, "get_all")]
    for r in registries:
        found = r.get_all()
        r.get_all = lambda found=found: dict(found)
    try:
        yield
    finally:
        for r in registries:
            del r.get_all


def _model_folder(model: str) -> Path | None:
    """The folder of an installed pipeline package or a pipeline path (with its config.cfg)."""
    if spacy.util.is_package(model):
        return next((f.parent for f in sorted(spacy.util.get_package_path(model).glob("*/config.cfg"))), None)
    path = Path(model)
    return path if (path / "config.cfg").is_file() else None


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
            pipe.match, pipe.set_annotations = _match(pipe), _annotate(pipe)
        elif isinstance(pipe, Lemmatizer) and pipe.mode == "rule":
            pipe.lemmatize = _cached(pipe.lemmatize)


def _match(ruler: AttributeRuler):
    """The ruler's ``match``: its matches as (attribute id, key, start, end), sorted, as spaCy's
    gives them, with each key's attribute id looked up once rather than parsed from its string."""
    ids: dict[int, int] = {}

    def match(doc):
        found = []
        for key, start, end in ruler.matcher(doc, allow_missing=True, as_spans=False):
            attr_id = ids.get(key)
            if attr_id is None:
                attr_id = ids[key] = int(ruler.vocab.strings[key])
            found.append((attr_id, key, start, end))
        found.sort()
        return found
    return match


def _annotate(ruler: AttributeRuler):
    """The ruler's ``set_annotations``: each match's attributes set on its token, in the order of
    the matches, without making a Span of each match first (as spaCy's does, twice)."""
    def set_annotations(doc, matches) -> None:
        attrs, indices = ruler.attrs, ruler.indices
        for attr_id, _, start, end in matches:
            index = indices[attr_id]
            i = (start if index >= 0 else end) + index
            if not start <= i < end:  # spaCy's own raises its error on the match
                return AttributeRuler.set_annotations(ruler, doc, matches)
            set_token_attrs(doc[i], attrs[attr_id])
    return set_annotations


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
