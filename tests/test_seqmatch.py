"""The token Matcher that searches only where a match can be finds exactly what spaCy's finds."""
from __future__ import annotations

from pathlib import Path

import pytest
from spacy.matcher import Matcher as SpacyMatcher
from spacy.tokens import Span

from newsgraph.extract.seqmatch import Matcher, compile_pattern

ROOT = Path(__file__).resolve().parent.parent

EXTRA = {
    "optional_only": [{"POS": "PROPN", "OP": "*"}, {"LOWER": {"IN": ["inc", "corp"]}, "OP": "?"}],
    "counted": [{"IS_TITLE": True, "OP": "{2,3}"}, {"LOWER": {"NOT_IN": ["said", "."]}, "OP": "{0,2}"},
                {"TEXT": {"REGEX": "^[A-Z]{2,}$"}}],
    "plain": [{"LOWER": "chief"}, {"LOWER": "executive"}],
    "lower_keys": [{"lower": "the"}, {"pos": "PROPN", "op": "+"}],
}


@pytest.fixture(scope="module")
def docs(parsed):
    return parsed


def rule_patterns(engine) -> dict:
    out = {r["id"]: r["pattern"] for r in engine.lex.entity_patterns}
    out |= {r.id: list(r.pattern) for r in engine.lex.rules if r.kind == "sequence"}
    return out


def both(engine, patterns: dict):
    ours, theirs = Matcher(engine.nlp.vocab), SpacyMatcher(engine.nlp.vocab)
    for key, pattern in patterns.items():
        ours.add(key, [pattern])
        theirs.add(key, [pattern])
    return ours, theirs


def test_same_matches_as_spacy_for_every_pattern_on_the_corpus_and_dev_set(engine, docs):
    ours, theirs = both(engine, rule_patterns(engine) | EXTRA)
    assert ours._compiled() is not None  # the restricted search is the one being compared
    found = 0
    for doc in docs:
        expected = sorted(theirs(doc), key=lambda m: (m[1], m[2], m[0]))
        assert sorted(ours(doc), key=lambda m: (m[1], m[2], m[0])) == expected, doc.text[:80]
        found += len(expected)
        spans = ours(doc, as_spans=True)
        assert all(isinstance(s, Span) for s in spans) and len(spans) == len(expected)
    assert found > 1000
    # most of the text is never given to spaCy's Matcher
    covered = sum(end - start for doc in docs for start, end in ours.regions(doc))
    assert covered < 0.5 * sum(len(doc) for doc in docs)


def test_negation_callbacks_and_filters_fall_back_to_spacy(engine, docs):
    assert compile_pattern([{"LOWER": "ceo"}, {"POS": "VERB", "OP": "!"}]) is None
    assert compile_pattern([{"LENGTH": {">=": 3}}]) is None
    negated = {"neg": [{"LOWER": "ceo"}, {"POS": "VERB", "OP": "!"}]}
    ours, theirs = both(engine, negated)
    assert ours._compiled() is None
    assert all(ours(d) == theirs(d) for d in docs) and sum(len(ours(d)) for d in docs) > 0
    ours, theirs = Matcher(engine.nlp.vocab), SpacyMatcher(engine.nlp.vocab)
    for m in (ours, theirs):
        m.add("greedy", [[{"POS": "PROPN", "OP": "+"}]], greedy="LONGEST")
    assert ours._compiled() is None
    assert all(ours(d) == theirs(d) for d in docs)
    seen = []
    ours = Matcher(engine.nlp.vocab)
    ours.add("cb", [[{"LOWER": "founded"}]], on_match=lambda m, doc, i, ms: seen.append(ms[i]))
    assert ours._compiled() is None
    assert sum(len(ours(d)) for d in docs) == len(seen) > 0


def test_spans_are_searched_by_spacy(engine, docs):
    ours, theirs = both(engine, rule_patterns(engine))
    for doc in docs[:20]:
        for sent in doc.sents:
            assert ours(sent) == theirs(sent)


def test_one_token_patterns_are_looked_up_and_counted_once_per_key(engine, docs):
    ours, theirs = Matcher(engine.nlp.vocab), SpacyMatcher(engine.nlp.vocab)
    for m in (ours, theirs):
        m.add("name", [[{"POS": "PROPN"}], [{"POS": "PROPN"}, {"POS": "PROPN", "OP": "?"}], [{"IS_TITLE": True}]])
        m.add("proper", [[{"POS": "PROPN"}]])
        m.add("tag", [[{"TAG": {"IN": ["NNP", "NNPS"]}}]])
    assert ours._compiled() is not None and len(ours._plan) == 1  # one of the five patterns searched by spaCy
    found = 0
    for doc in docs:
        expected = sorted(theirs(doc), key=lambda m: (m[1], m[2], m[0]))
        assert sorted(ours(doc), key=lambda m: (m[1], m[2], m[0])) == expected, doc.text[:80]
        assert [m[1:] for m in ours(doc)] == sorted(m[1:] for m in expected)  # in order of position
        found += len(expected)
    assert found > 5000
