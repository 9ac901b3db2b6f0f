"""The Python API: build a graph from texts, files and folders; the relations of one text."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
import rdflib

import newsgraph
from newsgraph.config import Settings
from newsgraph.run import run

from .conftest import ROOT


@pytest.fixture(scope="module")
def ng():
    return newsgraph.load()


def test_build_from_a_text_gives_the_graph_its_records_and_rdf(ng, capsys):
    kg = ng.build("Ada Brenner founded Quillon Media in 2019. Ben Ortiz studied at Halvern University.")
    assert isinstance(kg.graph, nx.MultiDiGraph) and isinstance(kg.rdf, rdflib.Graph)
    labels = {e.id: e.label for e in kg.entities}
    facts = {(labels[r.subject], r.predicate, labels[r.object]) for r in kg.relations}
    assert facts == {("Ada Brenner", "founded", "Quillon Media"), ("Ben Ortiz", "educatedAt", "Halvern University")}
    [founded] = [r for r in kg.relations if r.predicate == "founded"]
    assert founded.evidence[0].doc_id == "text-1" and founded.evidence[0].sentence.startswith("Ada Brenner founded")
    assert (None, rdflib.URIRef("https://newsgraph.dev/ontology#founded"), None) in kg.rdf
    assert kg.serialize("nt").count(b"\n") == len(kg.rdf)
    assert capsys.readouterr() == ("", "")  # nothing printed


def test_build_of_a_folder_writes_the_files_of_the_command_line(ng, tmp_path):
    kg = ng.build([ROOT / "corpus"])
    written = kg.write(tmp_path / "api")
    run(Settings(corpus=ROOT / "corpus", out=tmp_path / "cli", cache=False))
    assert sorted(p.name for p in written) == sorted(p.name for p in (tmp_path / "cli").iterdir() if p.is_file()
                                                     and not p.name.startswith("."))
    for path in written:
        assert path.read_bytes() == (tmp_path / "cli" / path.name).read_bytes(), path.name


def test_texts_files_and_folders_mix_and_bad_files_are_reported_not_raised(ng, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text("Ada Brenner founded Quillon Media in 2019.\n", encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 50)
    single = tmp_path / "b.md"
    single.write_text("Ben Ortiz studied at Halvern University.\n", encoding="utf-8")
    kg = ng.build([folder, single, "Cara Lund runs Vesper Labs."])
    assert [d.id for d in kg.documents] == ["a.txt", "b.md", "text-3"]
    assert len(kg.skipped) == 1 and kg.skipped[0].startswith("broken.txt:")
    with pytest.raises(FileNotFoundError, match="nowhere.txt: no such file or folder"):
        ng.build([Path("nowhere.txt")])
    with pytest.raises(ValueError, match="two documents have the id 'a.txt'"):
        ng.build([folder, folder / "a.txt"])


def test_relations_of_one_text_are_the_sentence_level_records(ng):
    found = newsgraph.relations("Ben Ortiz joined Quillon Media in 2012.")
    assert [(r.subject.text, r.predicate, r.object.text) for r in found] == [("Ben Ortiz", "worksFor", "Quillon Media")]
    assert found[0].evidence.qualifiers.point == "2012" and found[0].subject.type == "Person"
    assert found[0].evidence.doc_id == "text-1"
    assert ng.relations("   ") == []
    assert newsgraph.load() is ng  # loaded once


def test_importing_newsgraph_loads_no_model_until_the_api_is_used():
    code = "import sys, newsgraph; print('spacy' in sys.modules); newsgraph.load; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.split() == ["False", "False"]
