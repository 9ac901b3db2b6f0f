"""The grammar helpers of the rules stage, without a model: Docs built by hand (words, heads,
dependency labels, tags), as spaCy's own matcher tests do."""
from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from newsgraph.extract.coref import Context
from newsgraph.extract.grammar import (actor_tokens, no_longer, patient_tokens, prep_tokens, singular,
                                      singular_antecedent, verb_of)
from newsgraph.extract.hedges import hedged
from newsgraph.extract.parse import co_prefixed
from newsgraph.extract.succession import same_person
from newsgraph.lexicon import Lexicon
from newsgraph.types import Mention

from .conftest import ROOT

LEX = Lexicon.load(ROOT / "ontologies")
VOCAB = spacy.blank("en").vocab


def built(rows: list[tuple]) -> Doc:
    """A Doc from (word, head index, dep, pos, tag, lemma) rows."""
    words, heads, deps, pos, tags, lemmas = zip(*rows)
    return Doc(VOCAB, words=list(words), heads=list(heads), deps=list(deps), pos=list(pos), tags=list(tags),
               lemmas=list(lemmas))


# 'Ada founded Quill in 2019 .'
ACTIVE = built([("Ada", 1, "nsubj", "PROPN", "NNP", "Ada"), ("founded", 1, "ROOT", "VERB", "VBD", "found"),
                ("Quill", 1, "dobj", "PROPN", "NNP", "Quill"), ("in", 1, "prep", "ADP", "IN", "in"),
                ("2019", 3, "pobj", "NUM", "CD", "2019"), (".", 1, "punct", "PUNCT", ".", ".")])
# 'Quill was acquired by Vantor .'
PASSIVE = built([("Quill", 2, "nsubjpass", "PROPN", "NNP", "Quill"), ("was", 2, "auxpass", "AUX", "VBD", "be"),
                 ("acquired", 2, "ROOT", "VERB", "VBN", "acquire"), ("by", 2, "agent", "ADP", "IN", "by"),
                 ("Vantor", 3, "pobj", "PROPN", "NNP", "Vantor"), (".", 2, "punct", "PUNCT", ".", ".")])
# 'Quill , which Vantor owns , grew .'
RELATIVE = built([("Quill", 6, "nsubj", "PROPN", "NNP", "Quill"), (",", 0, "punct", "PUNCT", ",", ","),
                  ("which", 4, "dobj", "PRON", "WDT", "which"), ("Vantor", 4, "nsubj", "PROPN", "NNP", "Vantor"),
                  ("owns", 0, "relcl", "VERB", "VBZ", "own"), (",", 0, "punct", "PUNCT", ",", ","),
                  ("grew", 6, "ROOT", "VERB", "VBD", "grow"), (".", 6, "punct", "PUNCT", ".", ".")])
# 'Ada did not join Vantor .'
NEGATED = built([("Ada", 3, "nsubj", "PROPN", "NNP", "Ada"), ("did", 3, "aux", "AUX", "VBD", "do"),
                 ("not", 3, "neg", "PART", "RB", "not"), ("join", 3, "ROOT", "VERB", "VB", "join"),
                 ("Vantor", 3, "dobj", "PROPN", "NNP", "Vantor"), (".", 3, "punct", "PUNCT", ".", ".")])
# 'Ada is expected to join Vantor .'
EXPECTED = built([("Ada", 2, "nsubjpass", "PROPN", "NNP", "Ada"), ("is", 2, "auxpass", "AUX", "VBZ", "be"),
                  ("expected", 2, "ROOT", "VERB", "VBN", "expect"), ("to", 4, "aux", "PART", "TO", "to"),
                  ("join", 2, "xcomp", "VERB", "VB", "join"), ("Vantor", 4, "dobj", "PROPN", "NNP", "Vantor"),
                  (".", 2, "punct", "PUNCT", ".", ".")])


def texts(tokens) -> list[str]:
    return [t.text for t in tokens]


def context(doc: Doc) -> Context:
    return Context(doc, (), {}, {}, [0] * len(doc), LEX)


def test_verb_of_climbs_from_a_word_to_its_verb():
    assert verb_of(ACTIVE[4]).text == "founded"  # '2019' -> 'in' -> 'founded'
    assert verb_of(ACTIVE[1]).text == "founded"


@pytest.mark.parametrize("doc, verb, actors, patients", [
    (ACTIVE, 1, ["Ada"], ["Quill"]),
    (PASSIVE, 2, ["Vantor"], ["Quill"]),  # the agent of a passive does it; its subject undergoes it
    (RELATIVE, 4, ["Vantor"], ["Quill"]),  # 'which' stands for the name the clause is on
])
def test_actor_and_patient(doc, verb, actors, patients):
    assert texts(actor_tokens(LEX, doc[verb])) == actors
    assert texts(patient_tokens(LEX, doc[verb])) == patients


def test_prep_tokens_finds_the_object_of_a_named_preposition_only():
    assert texts(prep_tokens(ACTIVE[1], {"in"})) == ["2019"]
    assert prep_tokens(ACTIVE[1], {"at", "from"}) == []


@pytest.mark.parametrize("word, expected", [("CEOs", "ceo"), ("founders", "founder"), ("boss", "boss"), ("alumnus", "alumnus"),
                                             ("its", "its")])
def test_singular(word, expected):
    assert singular(built([(word, 0, "ROOT", "NOUN", "NNS", word)])[0]) == expected


def test_same_person_by_name_parts():
    def m(text: str) -> Mention:
        return Mention("d", 0, len(text), text, "Person", 0)
    assert same_person(m("Zhang"), m("Zhang San"))
    assert same_person(m("Ada Brenner"), m("AdaBrenner"))
    assert not same_person(m("Bob Chapek"), m("Bob Iger"))


def test_co_prefixed_marks_the_token_after_a_blanked_co():
    text = "Ada    founded Quill"  # what the model read of 'Ada co-founded Quill' (co- blanked)
    doc = Doc(VOCAB, words=["Ada", "   ", "founded", "Quill"], spaces=[True, False, True, False])
    assert co_prefixed(doc, "Ada co-founded Quill") == frozenset({2})
    assert co_prefixed(doc, text) == frozenset()


def test_hedges_and_negation_reach_the_trigger():
    assert hedged(context(NEGATED), NEGATED[3])  # 'did not join'
    assert hedged(context(EXPECTED), EXPECTED[4])  # 'is expected to join'
    assert not hedged(context(ACTIVE), ACTIVE[1])


def test_no_longer_is_an_ended_role_not_a_negation():
    # 'Ada is no longer CEO .'
    doc = built([("Ada", 1, "nsubj", "PROPN", "NNP", "Ada"), ("is", 1, "ROOT", "AUX", "VBZ", "be"),
                 ("no", 3, "neg", "DET", "DT", "no"), ("longer", 1, "advmod", "ADV", "RB", "longer"),
                 ("CEO", 1, "attr", "NOUN", "NN", "CEO"), (".", 1, "punct", "PUNCT", ".", ".")])
    assert no_longer(doc[4])
    assert not no_longer(ACTIVE[2])


def test_singular_relative_clause_is_about_the_last_joined_name():
    # 'Vantor owns Quill and Lumen , which is run by Ada .'
    doc = built([("Vantor", 1, "nsubj", "PROPN", "NNP", "Vantor"), ("owns", 1, "ROOT", "VERB", "VBZ", "own"),
                 ("Quill", 1, "dobj", "PROPN", "NNP", "Quill"), ("and", 2, "cc", "CCONJ", "CC", "and"),
                 ("Lumen", 2, "conj", "PROPN", "NNP", "Lumen"), (",", 2, "punct", "PUNCT", ",", ","),
                 ("which", 8, "nsubjpass", "PRON", "WDT", "which"), ("is", 8, "auxpass", "AUX", "VBZ", "be"),
                 ("run", 2, "relcl", "VERB", "VBN", "run"), ("by", 8, "agent", "ADP", "IN", "by"),
                 ("Ada", 9, "pobj", "PROPN", "NNP", "Ada"), (".", 1, "punct", "PUNCT", ".", ".")])
    assert singular_antecedent(doc[8], doc[2]).text == "Lumen"
    assert singular_antecedent(ACTIVE[1], ACTIVE[2]) is None  # not a relative clause


def test_prep_tokens_follows_a_preposition_joined_to_the_verb():
    # 'Ada studied at Quill and at Lumen .'
    doc = built([("Ada", 1, "nsubj", "PROPN", "NNP", "Ada"), ("studied", 1, "ROOT", "VERB", "VBD", "study"),
                 ("at", 1, "prep", "ADP", "IN", "at"), ("Quill", 2, "pobj", "PROPN", "NNP", "Quill"),
                 ("and", 1, "cc", "CCONJ", "CC", "and"), ("at", 1, "conj", "ADP", "IN", "at"),
                 ("Lumen", 5, "pobj", "PROPN", "NNP", "Lumen"), (".", 1, "punct", "PUNCT", ".", ".")])
    assert texts(prep_tokens(doc[1], {"at"})) == ["Quill", "Lumen"]
