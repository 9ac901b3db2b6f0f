"""The faster DependencyMatcher finds exactly what spaCy's finds."""
from __future__ import annotations

from pathlib import Path

import pytest
from spacy.matcher import DependencyMatcher as SpacyDependencyMatcher

from newsgraph.extract import depmatch
from newsgraph.extract.depmatch import DependencyMatcher, compile_node

ROOT = Path(__file__).resolve().parent.parent

EXTRA = {
    "not_in": [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"POS": "VERB", "LEMMA": {"NOT_IN": ["be", "have", "say"]}}},
               {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": {"IN": ["nsubj", "nsubjpass"]}}}],
    "regex": [{"RIGHT_ID": "n", "RIGHT_ATTRS": {"TEXT": {"REGEX": "^[A-Z][a-z]+$"}, "ENT_TYPE": "ORG"}}],
    "any": [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"TAG": "VBD"}},
            {"LEFT_ID": "v", "REL_OP": ">>", "RIGHT_ID": "x", "RIGHT_ATTRS": {}}],
    "order": [{"RIGHT_ID": "a", "RIGHT_ATTRS": {"LOWER": "of"}},
              {"LEFT_ID": "a", "REL_OP": ";", "RIGHT_ID": "b", "RIGHT_ATTRS": {"POS": {"IN": ["NOUN", "PROPN"]}}}],
    "flags": [{"RIGHT_ID": "t", "RIGHT_ATTRS": {"IS_TITLE": True, "POS": "PROPN", "is_stop": False}},
              {"LEFT_ID": "t", "REL_OP": "<", "RIGHT_ID": "h", "RIGHT_ATTRS": {"POS": "VERB", "IS_LOWER": True}}],
}


@pytest.fixture(scope="module")
def docs(parsed):
    return parsed


def matches(matcher, doc) -> list:
    return sorted((doc.vocab.strings[key], tuple(tokens)) for key, tokens in matcher(doc))


def both(engine, patterns: dict):
    ours, theirs = DependencyMatcher(engine.nlp.vocab, validate=True), SpacyDependencyMatcher(engine.nlp.vocab, validate=True)
    for key, pattern in patterns.items():
        ours.add(key, [pattern])
        theirs.add(key, [pattern])
    return ours, theirs


def test_same_matches_as_spacy_for_every_rule_on_the_corpus_and_dev_set(engine, docs):
    rules = {r.id: list(r.pattern) for r in engine.lex.rules if r.kind in {"verb", "role"}}
    ours, theirs = both(engine, rules | EXTRA)
    assert ours._compile() is not None  # the fast search is the one being compared
    found = 0
    for doc in docs:
        expected = theirs(doc)
        assert ours(doc) == expected, doc.text[:80]  # the same matches in the same order
        found += len(expected)
    assert found > 500


def test_unsupported_constraints_fall_back_to_spacy(engine, docs):
    assert compile_node({"LENGTH": {">=": 3}}) is None and compile_node({"_": {"x": 1}}) is None
    assert compile_node({"IS_TITLE": {"IN": ["x"]}}) is None and compile_node({"IS_SENT_START": True}) is None
    ours, theirs = both(engine, {"long": [{"RIGHT_ID": "t", "RIGHT_ATTRS": {"LENGTH": {">=": 6}, "POS": "PROPN"}},
                                          {"LEFT_ID": "t", "REL_OP": "<", "RIGHT_ID": "h", "RIGHT_ATTRS": {"POS": "VERB"}}]})
    assert ours._compile() is None
    assert sum(len(matches(ours, d)) for d in docs) > 0
    assert all(matches(ours, d) == matches(theirs, d) for d in docs)


def test_the_remembered_token_values_stay_bounded(engine, docs, monkeypatch):
    monkeypatch.setattr(depmatch, "MAX_KNOWN", 50)
    rules = {r.id: list(r.pattern) for r in engine.lex.rules if r.kind in {"verb", "role"}}
    ours, theirs = both(engine, rules)
    for doc in docs:
        assert ours(doc) == theirs(doc)
        assert len(ours._index._passes) <= 50 + len(doc)  # cleared before a Doc once over the bound
        assert all(len(known) <= 50 + len(doc) for known in ours._index._masks.values())
