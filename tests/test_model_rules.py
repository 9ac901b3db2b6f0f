"""The model's rule components, sped up, annotate exactly as spaCy's own."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import spacy
from spacy.attrs import DEP, ENT_IOB, ENT_TYPE, HEAD, LEMMA, MORPH, POS, TAG
from spacy.pipeline import AttributeRuler

from newsgraph.config import DEFAULT_MODEL
from newsgraph.extract import model_rules
from newsgraph.extract.seqmatch import Matcher

ROOT = Path(__file__).resolve().parent.parent
ATTRS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, ENT_TYPE, ENT_IOB]
ODD = ("They ain't gon na wait , we wan na see it .   Y'all can't go.\n\nShe 's got ta leave ; "
       "I dunno .  Lemme see   the C.E.O.'s gim me a break .")


@pytest.fixture(scope="module")
def texts() -> list[str]:
    out = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    out += [json.loads(line)["text"] for line in (ROOT / "tests/dev/cases.jsonl").read_text().splitlines() if line]
    return out + [ODD, ODD.lower(), ODD.upper(), ""]


def test_same_annotations_as_spacys_own_components(texts):
    theirs, ours = spacy.load(DEFAULT_MODEL), model_rules.load(DEFAULT_MODEL)
    assert ours.config["nlp"]["tokenizer"] == {"@tokenizers": model_rules.EMPTY_TOKENIZER}  # built empty, then loaded
    model_rules.speed_up(ours)
    ruler = next(p for _, p in ours.pipeline if isinstance(p, AttributeRuler))
    assert isinstance(ruler.matcher, Matcher) and ruler.matcher._compiled() is not None
    assert ruler.patterns == next(p for _, p in theirs.pipeline if isinstance(p, AttributeRuler)).patterns
    tokens = 0
    for text, a, b in zip(texts, theirs.pipe(texts), ours.pipe(texts)):
        assert [t.text for t in a] == [t.text for t in b]
        assert (a.to_array(ATTRS) == b.to_array(ATTRS)).all(), text[:80]
        tokens += len(a)
    assert tokens > 10_000
    # the exceptions of several tokens were among what was compared
    odd = theirs(ODD)
    assert {"be", "go"} <= {t.lemma_ for t in odd if t.lower_ in {"ai", "gon"}}


def test_lemmas_are_kept_once_per_word_and_reading():
    nlp = spacy.load(DEFAULT_MODEL)
    calls = []
    lemmatizer = nlp.get_pipe("lemmatizer")
    lemmatizer.lemmatize = lambda token, f=lemmatizer.lemmatize: calls.append(token.text) or f(token)
    model_rules.speed_up(nlp)
    doc = nlp("The firms sold the firms they had sold.")
    assert [t.lemma_ for t in doc][:3] == ["the", "firm", "sell"]
    assert calls.count("firms") == 1 and calls.count("sold") <= 2  # (a past tense and a participle)


def test_the_tokenizer_is_built_empty_only_where_the_model_folder_holds_a_standard_one(tmp_path):
    real = model_rules._model_folder(DEFAULT_MODEL)
    assert (real / "tokenizer").exists()
    copy = tmp_path / "model"
    shutil.copytree(real, copy)
    assert model_rules.load(str(copy)).config["nlp"]["tokenizer"]["@tokenizers"] == model_rules.EMPTY_TOKENIZER
    # the saved tokenizer not loaded: spaCy builds the language's own, as it would
    nlp = model_rules.load(str(copy), exclude=("tokenizer",))
    assert nlp.config["nlp"]["tokenizer"] == model_rules.STANDARD_TOKENIZER
    assert [t.text for t in nlp("The C.E.O. didn't go.")] == ["The", "C.E.O.", "did", "n't", "go", "."]
    assert model_rules._model_folder(str(tmp_path / "missing")) is None


def test_attribute_ruler_matches_set_their_token_and_a_bad_index_raises_spacys_error():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "chief"}, {"LOWER": "executive"}]], {"TAG": "NN"}, index=-1)
    ruler.add([[{"LOWER": "the"}]], {"TAG": "DT"})
    model_rules.speed_up(nlp)
    assert ruler.set_annotations.__qualname__.startswith("_annotate")
    assert [t.tag_ for t in nlp("The chief executive left")] == ["DT", "", "NN", ""]
    ruler.add([[{"LOWER": "left"}]], {"TAG": "VBD"}, index=3)
    with pytest.raises(ValueError, match="E1001"):
        nlp("The chief executive left")


def test_srsly_registries_are_read_once_during_a_load_and_given_back():
    import srsly.msgpack as sm
    calls = []
    original = type(sm.msgpack_decoders).get_all

    def counting(self):
        calls.append(self is sm.msgpack_decoders)
        return original(self)
    type(sm.msgpack_decoders).get_all = counting
    try:
        model_rules.load(DEFAULT_MODEL)
    finally:
        type(sm.msgpack_decoders).get_all = original
    assert calls.count(True) == 1  # once, not once per file read (about 90)
    assert "get_all" not in vars(sm.msgpack_decoders) and "get_all" not in vars(sm.msgpack_encoders)
