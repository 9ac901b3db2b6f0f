"""Qualifiers kept with the evidence: role title, time, and whether the role starts or ends."""
from __future__ import annotations

import pytest

from newsgraph.resolve import resolve
from newsgraph.types import Qualifiers


def qualifiers(engine, text: str, predicate: str) -> Qualifiers:
    extraction = next(engine.extract([engine.document(text)]))
    _, relations = resolve([extraction], dict(engine.lex.signatures), engine.lex.names)
    (rel,) = [r for r in relations if r.predicate == predicate]
    return rel.evidence[0].qualifiers


@pytest.mark.parametrize("text, predicate, expected", [
    ("Tim Cook has led Apple since 2011.", "runs", Qualifiers(start="2011")),
    ("Jack Dorsey stepped down as CEO of Twitter in November 2021.", "runs",
     Qualifiers(role="CEO", end="2021-11", status="end")),
    ("Lisa Su became chief executive of AMD in 2014.", "runs",
     Qualifiers(role="chief executive", start="2014", status="start")),
    ("Former Uber CEO Travis Kalanick spoke.", "runs", Qualifiers(role="CEO", status="end")),
    ("Laura Chen, head of marketing at Spotify, spoke.", "worksFor", Qualifiers(role="head of marketing")),
    ("Jeff Bezos founded Amazon in 1994.", "founded", Qualifiers(point="1994")),
    ("Ada Brenner was chief executive of Halvex from 2010 to 2015.", "runs",
     Qualifiers(role="chief executive", start="2010", end="2015")),
    ("Cara Lund led Halvex between 2011 and 2014.", "runs", Qualifiers(start="2011", end="2014")),
    ("Cara Lund led Halvex from 2011 until 2014.", "runs", Qualifiers(start="2011", end="2014")),
])
def test_qualifiers(engine, text, predicate, expected):
    assert qualifiers(engine, text, predicate) == expected


def test_relative_time_is_resolved_against_the_article_date(engine):
    text = "Acme News Updated on 2024-02-01\n\nMaria Lopez joined Brightpath Labs last year."
    assert qualifiers(engine, text, "worksFor") == Qualifiers(point="2023")


def test_one_wording_of_a_relations_qualifiers_for_explain_and_the_view():
    from newsgraph.view import view_data
    from newsgraph.graph import build_graph
    from newsgraph.types import Entity, Evidence, Relation, summarize
    started = Evidence("a.txt", "s", 0, 1, "r", 0.9, Qualifiers(role="CEO", start="2019", status="start"))
    ended = Evidence("a.txt", "t", 2, 3, "r", 0.9, Qualifiers(role="CEO", end="2021-05", status="end"))
    assert summarize((started, ended)).words() == ["role: CEO", "from 2019", "until 2021-05", "former"]
    assert summarize((Evidence("a.txt", "u", 4, 5, "r", 0.9, Qualifiers(point="2012")),)).words() == ["in 2012"]
    entities = [Entity("person/a", "A", "Person", (), 1, ("a.txt",)),
                Entity("organization/q", "Q", "Organization", (), 1, ("a.txt",))]
    g = build_graph(entities, [Relation("person/a", "runs", "organization/q", (started, ended))])
    assert view_data(g)["edges"][0]["qualifiers"] == ["role: CEO", "from 2019", "until 2021-05", "former"]
