"""The ontology and the data in OWL 2 tools: the OWL API's OWL 2 DL profile check (Debian's
libowlapi-java) finds no violation and keeps the links from facts to their statements; the HermiT
reasoner (shipped in owlready2) finds the data consistent, and a type clash inconsistent."""
from __future__ import annotations

import shutil
import subprocess
import warnings

import pytest
import rdflib

from newsgraph.config import Settings
from newsgraph.run import run

from .conftest import ROOT

OWLAPI = "/usr/share/java/*"
CHECK = ROOT / "tests" / "owl" / "ProfileCheck.java"
NG = "https://newsgraph.dev/ontology#"


@pytest.fixture(scope="module")
def merged(tmp_path_factory):
    """The ontology and the graphs of the seed and example corpora, as one N-Triples file."""
    folder = tmp_path_factory.mktemp("owl")
    g = rdflib.Graph().parse(ROOT / "ontologies" / "newsgraph.ttl")
    for corpus in ("corpus", "docs/example/news"):
        out = folder / corpus.replace("/", "-")
        run(Settings(corpus=ROOT / corpus, out=out, skip_pictures=True, cache=False))
        g.parse(out / "graph.ttl")
    path = folder / "merged.nt"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # (rdflib notes that N-Triples is always UTF-8)
        g.serialize(path, format="nt", encoding="utf-8")
    return path


def profile_check(*paths) -> list[str]:
    assert shutil.which("java"), "java not found: install Debian's default-jdk-headless and libowlapi-java"
    done = subprocess.run(["java", "-cp", OWLAPI, str(CHECK), *map(str, paths)], capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout.splitlines()


def test_the_owl_api_finds_no_owl2_dl_violation_and_keeps_the_statement_links(merged):
    lines = profile_check(merged)
    assert lines[0] == "violations 0", "\n".join(lines[:20])
    kept = {line.split()[1]: int(line.split()[2]) for line in lines if line.startswith("assertions ")}
    for rel in ("founded", "cofounded", "runs", "worksFor", "educatedAt", "owns", "developed", "succeeded"):
        assert kept.get(NG + rel, 0) >= 1
        assert kept[NG + rel + "Statement"] == kept[NG + rel + "Value"] == kept[NG + rel]
    assert kept[NG + "document"] >= 1 and kept["http://www.w3.org/ns/prov#wasDerivedFrom"] >= 1


def test_the_ontology_alone_is_owl2_dl():
    assert profile_check(ROOT / "ontologies" / "newsgraph.ttl")[0] == "violations 0"


def consistent(path) -> bool:
    from owlready2 import OwlReadyInconsistentOntologyError, World, sync_reasoner_hermit
    world = World()
    world.get_ontology(path.as_uri()).load(format="ntriples")
    try:
        sync_reasoner_hermit(world, infer_property_values=False, debug=0)
    except OwlReadyInconsistentOntologyError:
        return False
    return True


def test_hermit_finds_the_data_consistent_and_a_type_clash_inconsistent(merged, tmp_path):
    assert consistent(merged)
    g = rdflib.Graph().parse(merged, format="nt")
    person = next(g.subjects(rdflib.RDF.type, rdflib.URIRef(NG + "Person")))
    org = next(g.subjects(rdflib.RDF.type, rdflib.URIRef(NG + "Organization")))
    clash = tmp_path / "clash.nt"
    clash.write_text(merged.read_text(encoding="utf-8") + f"<{person}> <{NG}owns> <{org}> .\n", encoding="utf-8")
    assert not consistent(clash)  # only an organization owns: a person who owns is a type clash
