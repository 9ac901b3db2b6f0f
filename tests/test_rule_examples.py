"""Every rule's own examples (ontologies/rules/*.json) run through the real model."""
from __future__ import annotations


import pytest

from newsgraph.lexicon import Lexicon

from .conftest import ROOT, facts

RULES = Lexicon.load(ROOT / "ontologies").rules
CASES = [pytest.param(ex["text"], {tuple(t) for t in ex["expect"]}, id=f"{rule.id}[{i}]")
         for rule in RULES for i, ex in enumerate(rule.examples)]


def test_every_rule_has_examples():
    assert [r.id for r in RULES if not r.examples] == []


@pytest.mark.parametrize("text, expected", CASES)
def test_rule_example(engine, text, expected):
    assert facts(engine, text) == expected
