"""`newsgraph evaluate` agrees with the project's scorer; `newsgraph explain` shows facts and evidence."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.evaluate import evaluate
from newsgraph.graph import build_graph
from newsgraph.rdf import serialize, to_rdf
from newsgraph.types import Entity, Evidence, Qualifiers, Relation

SCORER = Path(__file__).parent / "reference" / "score.py"
BASE = "https://example.org/id/"


def write_case(tmp: Path) -> tuple[Path, Path]:
    gold = tmp / "gold"
    gold.mkdir()
    (gold / "a.gold.json").write_text(json.dumps({
        "entities": [{"id": "ada", "type": "Person", "names": ["Ada Brenner", "Brenner"]},
                     {"id": "q", "type": "Organization", "names": ["Quillon"]},
                     {"id": "s", "type": "Product", "names": ["Skyline"]},
                     {"id": "bo", "type": "Person", "names": ["Bo Lind"]}],
        "relations": [{"s": "ada", "p": "cofounded", "o": "q"}, {"s": "ada", "p": "runs", "o": "q"},
                      {"s": "q", "p": "developed", "o": "s"}, {"s": "bo", "p": "succeeded", "o": "ada"}],
        "ignore": [{"a": "q", "b": "s"}, {"a": "bo", "b": "q"}]}))
    ev = Evidence("a.txt", "s", 0, 1, "r", 0.9, Qualifiers())
    entities = [Entity("person/ada", "Ada Brenner", "Person", (), 1, ("a.txt",)),
                Entity("person/bren", "Brenner", "Person", (), 1, ("a.txt",)),
                Entity("organization/q", "Quillon", "Organization", (), 1, ("a.txt",)),
                Entity("product/s", "Skyline", "Product", (), 1, ("a.txt",)),
                Entity("person/x", "Xu Wen", "Person", (), 1, ("a.txt",)),
                Entity("person/bo", "Bo Lind", "Person", (), 1, ("a.txt",))]
    relations = [Relation("person/ada", "founded", "organization/q", (ev,)),
                 Relation("person/bren", "runs", "organization/q", (ev,)),
                 Relation("organization/q", "developed", "product/s", (ev,)),
                 Relation("person/x", "worksFor", "organization/q", (ev,)),
                 Relation("person/bo", "worksFor", "organization/q", (ev,))]  # an ignored pair: not counted
    graph = tmp / "g.ttl"
    graph.write_bytes(serialize(to_rdf(build_graph(entities, relations), BASE)))
    return graph, gold


def test_evaluate_agrees_with_the_shared_scorer(tmp_path):
    graph, gold = write_case(tmp_path)
    out = tmp_path / "score.json"
    subprocess.run([sys.executable, str(SCORER), str(graph), str(gold), "--json", str(out)],
                   check=True, capture_output=True)
    reference = json.loads(out.read_text())
    score = evaluate(graph, gold)
    assert score.overall() == (reference["relations"]["p"], reference["relations"]["r"],
                               reference["relations"]["f1"])
    for rel, ref in reference["per_relation"].items():
        assert score.relation(rel) == (ref["p"], ref["r"], ref["f1"]), rel
        assert (score.pred[rel], score.gold[rel]) == (ref["pred"], ref["gold"]), rel
    # by hand: 6 gold triples after closure; 5 predicted (one unmapped, one ignored pair left
    # out), 4 of them right; the ignored pair that gold does link (developed) still counts
    assert score.overall() == (0.8, 0.667, 0.727)


def test_evaluate_command_prints_a_table(tmp_path):
    graph, gold = write_case(tmp_path)
    result = CliRunner().invoke(main, ["evaluate", str(gold), "--graph", str(graph)])
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["relation", "P", "R", "F1"]
    assert lines[-1].split()[:4] == ["overall", "0.800", "0.667", "0.727"]


def test_explain_lists_facts_with_qualifiers_and_evidence(tmp_path):
    ev = Evidence("news/a.txt", "Quillon CEO Ada Brenner spoke.", 0, 30, "role.compound.v1", 0.9,
                  Qualifiers(role="CEO", start="2019", status="start"))
    entities = [Entity("person/ada", "Ada Brenner", "Person", ("Brenner",), 2, ("news/a.txt",)),
                Entity("organization/q", "Quillon", "Organization", (), 1, ("news/a.txt",))]
    graph = tmp_path / "g.ttl"
    graph.write_bytes(serialize(to_rdf(build_graph(entities, [Relation("person/ada", "runs", "organization/q", (ev,))]),
                                       BASE)))
    result = CliRunner().invoke(main, ["explain", "brenner", "--graph", str(graph)])
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Ada Brenner (Person)" in out
    assert "Ada Brenner --runs--> Quillon  (confidence 0.90; role: CEO; from 2019; current)" in out
    assert "[news/a.txt | role.compound.v1] Quillon CEO Ada Brenner spoke." in out


def test_explain_unknown_name_exits_1(tmp_path):
    graph, _ = write_case(tmp_path)
    result = CliRunner().invoke(main, ["explain", "Nobody Here", "--graph", str(graph)])
    assert result.exit_code == 1 and "no entity named 'Nobody Here'" in result.stderr
    assert "did you mean" not in result.stderr


def test_explain_suggests_the_names_a_user_may_have_meant(tmp_path):
    graph, _ = write_case(tmp_path)
    result = CliRunner().invoke(main, ["explain", "Lind", "--graph", str(graph)])
    assert result.exit_code == 1 and result.stderr.strip().endswith("did you mean 'Bo Lind'?")
    result = CliRunner().invoke(main, ["explain", "Quilon", "--graph", str(graph)])
    assert "did you mean 'Quillon'?" in result.stderr
