"""Coreference for relation arguments (pipeline/extract/coref.py), on parsed text."""
from __future__ import annotations

import pytest

from newsgraph.extract import parse
from newsgraph.extract.mentions import extract_mentions

from .conftest import facts


def context(engine, text):
    document = engine.document(text)
    (doc,) = [d for _, _, d, _ in parse.parse(engine.nlp, [document], engine.co)]
    mentions = extract_mentions(document, doc, engine.lex.names)
    return doc, engine.extractor.context(doc, mentions, document.date)


def antecedents(engine, text, word, nth=0):
    doc, ctx = context(engine, text)
    tok = [t for t in doc if t.lower_ == word][nth]
    return [m.text for m in ctx.antecedents(tok)]


@pytest.mark.parametrize("text, word, expected", [
    ("Ada Brenner founded Quillon. She runs it.", "she", ["Ada Brenner"]),
    # a subject pronoun after a sentence about 'his' film is whoever 'his' is, not the film's star
    ("Tomas Varga is a film director. His first film starred Ada Brenner in an early role. He went on to write.",
     "he", ["Tomas Varga"]),
    ("Ada Brenner met Bo Lind. He was impressed.", "he", ["Ada Brenner"]),
    ("Ada Brenner graduated in 2001. Bo Lind said he hired her.", "her", ["Ada Brenner"]),
    ("Ada Brenner and Bo Lind met at Quillon. They founded Fernwood.", "they", ["Ada Brenner", "Bo Lind"]),
    ("Quillon Labs reported a loss. Its chief executive resigned.", "its", ["Quillon Labs"]),
    ("Quillon Labs reported a loss. The company cut jobs.", "company", ["Quillon Labs"]),
    ("It rained. He left.", "he", []),
    ("A company grew.", "company", []),
])
def test_antecedents(engine, text, word, expected):
    assert sorted(antecedents(engine, text, word)) == sorted(expected)


def test_coreferent_facts_have_lower_confidence_than_explicit_ones(engine):
    from newsgraph.resolve import resolve
    text = "Ada Brenner founded Quillon Labs in 2010. She also founded Fernwood Media."
    extraction = next(engine.extract([engine.document(text)]))
    _, relations = resolve([extraction], dict(engine.lex.signatures), engine.lex.names)
    conf = {r.object: (r.confidence, r.evidence[0].coref) for r in relations if r.predicate == "founded"}
    assert conf["organization/quillon-labs"][1] is False and conf["organization/fernwood-media"][1] is True
    assert conf["organization/fernwood-media"][0] < conf["organization/quillon-labs"][0]


def test_implicit_company_for_a_bare_title(engine):
    text = "Quillon Labs cut 200 jobs on Monday. Quillon Labs shares fell. CEO Ada Brenner apologized."
    assert ("Ada Brenner", "runs", "Quillon Labs") in facts(engine, text)


def test_no_implicit_company_when_the_text_names_another(engine):
    text = "Quillon Labs grew. Ada Brenner, the founder of another company, left."
    assert not any(p == "founded" for _, p, _ in facts(engine, text))


def test_it_after_it_is_the_same_thing(engine):
    # 'it' as the subject after a sentence whose subject is 'It' is the same thing, not a name in
    # passing there ('York's') nor one before it in a phrase of its own verb ('Alongside X')
    text = ("The Harwell Post is a newspaper. It covers York and carries the slogan \"York's Own Newspaper\". "
            "Alongside The Pellan Times it is one of the titles owned by Vantor Press.")
    assert antecedents(engine, text, "it", nth=1) == ["Harwell Post"]


def test_a_biographys_he_far_from_any_name_is_its_topic(engine):
    # four sentences after the only person the text has made a subject
    text = ("Tomas Varga (born 1955) is a politician who was responsible for privatization in Pellan. "
            "During this period, he introduced a market economy. From 1998 to 2008, he headed the monopoly Halvex Power. "
            "A 2004 survey conducted by Vantor Consulting named him a respected leader. "
            "Currently, he is the head of the Pellan Nanotechnology Corporation.")
    assert antecedents(engine, text, "he", nth=2) == ["Tomas Varga"]


def test_no_topic_for_he_once_someone_else_was_a_subject(engine):
    text = ("Tomas Varga founded Halvex Power in 1998. Ada Brenner joined the board in 2001. "
            "The company grew. Profits rose. Sales doubled. Later he left the company.")
    assert antecedents(engine, text, "he") == []


def test_no_topic_for_he_when_the_first_person_comes_after_the_opening(engine):
    # the first person named is no opening sentence's subject: no topic (this once raised IndexError)
    text = ("Halvex makes phones. Ada Brenner founded it in 2001. The firm grew fast. Sales rose. "
            "Profits fell. Costs rose. He left the company in 2010.")
    assert antecedents(engine, text, "he") == []


def test_a_possessive_set_before_its_clause_is_the_clause_subjects(engine):
    # cataphora: 'her' in a fronted phrase is the subject named after it, not the earlier person
    text = "Tomas Varga left Halvex Labs in 2010. During her tenure at Kettle Systems, Ada Brenner doubled its sales."
    assert antecedents(engine, text, "her") == ["Ada Brenner"]


def test_a_title_owned_by_another_company_is_not_the_first_titles(engine):
    # 'A's CEO, X, and B's CFO, Y': the parser hangs Y on A's title too; Y is not A's chief executive
    found = facts(engine, "Vantor's chief executive, Nadia Ferro, and Halvex's chief financial officer, "
                          "Marta Kovac, signed the deal.")
    assert ("Nadia Ferro", "runs", "Vantor") in found
    assert not any(s == "Marta Kovac" and o == "Vantor" for s, _, o in found)
