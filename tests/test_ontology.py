"""The ontology file, the closed namespace and the rules agree with each other."""
from __future__ import annotations

import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS

from newsgraph.lexicon import Lexicon
from newsgraph.types import PREDICATES
from newsgraph.vocab import NG, NS

from .conftest import ROOT

ONTOLOGY = rdflib.Graph().parse(ROOT / "ontologies" / "newsgraph.ttl")
LEXICON = Lexicon.load(ROOT / "ontologies")
SIGNATURES = LEXICON.signatures


def declared(term: str) -> bool:
    return any(ONTOLOGY.triples((rdflib.URIRef(NS + term), RDF.type, None)))


def test_contract_predicates_are_the_signatures():
    assert sorted(PREDICATES) == sorted(SIGNATURES)


@pytest.mark.parametrize("pred", PREDICATES)
def test_each_relation_is_a_documented_object_property(pred):
    iri = NG[pred]
    assert (iri, RDF.type, OWL.ObjectProperty) in ONTOLOGY
    for p in (RDFS.label, RDFS.comment, RDFS.domain, RDFS.range):
        assert ONTOLOGY.value(iri, p) is not None, (pred, p)


def test_cofounded_is_a_kind_of_founded():
    assert (NG.cofounded, RDFS.subPropertyOf, NG.founded) in ONTOLOGY


def test_every_namespace_term_is_declared_and_every_declared_term_is_in_the_namespace():
    terms = {t for t in NG.__annotations__}
    in_file = {str(s)[len(NS):] for s in ONTOLOGY.subjects(RDF.type, None) if str(s).startswith(NS)}
    in_file -= {"OrganizationOrProduct", "PersonOrOrganization"}
    assert terms == in_file


def test_closed_namespace_refuses_typos():
    with pytest.raises(AttributeError):
        NG.cofunded  # noqa: B018


def test_every_rule_predicate_is_declared_and_every_relation_has_a_rule():
    emitted = {r.predicate for r in LEXICON.rules if r.predicate}
    assert all(declared(p) for p in emitted)
    emitted |= {p for preds in LEXICON.titles.phrases.values() for p in preds}
    assert emitted == set(PREDICATES)


@pytest.mark.parametrize("path", sorted((ROOT / "ontologies").rglob("*.json")), ids=lambda p: p.name)
def test_no_json_key_is_given_twice(path):
    # json.loads keeps the last of two equal keys silently: a word list written twice loses one
    import json

    def once(pairs):
        keys = [k for k, _ in pairs]
        assert len(keys) == len(set(keys)), f"{path.name}: {sorted({k for k in keys if keys.count(k) > 1})} twice"
        return dict(pairs)
    json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=once)
