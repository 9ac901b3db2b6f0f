"""README's example query gives the answer README shows, on the seed corpus."""
from __future__ import annotations

import re

import rdflib

from newsgraph.run import Settings, run

from .conftest import ROOT


def test_readme_query_answer_is_real(tmp_path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    query = re.search(r"```sparql\n(.*?)```", readme, re.S).group(1)
    answer = re.search(r"Its answer on the seed corpus:\n\n```text\n(.*?)```", readme, re.S).group(1)
    run(Settings(corpus=ROOT / "corpus", out=tmp_path))
    g = rdflib.Graph().parse(tmp_path / "graph.ttl")
    rows = [" | ".join(str(v) for v in row) for row in g.query(query)]
    assert rows == answer.strip().splitlines()


def test_quick_start_has_exactly_two_commands():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert len(re.findall(r"```sh\n", quick)) == 2


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    quick = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    test_command = re.findall(r"```sh\n(.*?)\n```", quick)[1]
    assert test_command in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_readme_example_query_answers_are_real(tmp_path):
    from newsgraph.store import open_store, query, render
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.findall(r"\$ newsgraph query --file (\S+)\n(.*?)(?=\n\$ |```)", readme, re.S)
    assert len(shown) >= 3
    run(Settings(corpus=ROOT / "corpus", out=tmp_path))
    store = open_store(tmp_path / "graph.ttl")
    for path, output in shown:
        text = (ROOT / path).read_text(encoding="utf-8")
        assert render(query(store, text)).strip() == output.strip(), path


def test_architecture_names_every_module_and_only_modules_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([a-z_]+\.py)`", section))
    package = ROOT / "pipeline"
    modules = {p.name for p in package.rglob("*.py") if p.name != "__init__.py"}
    assert named == modules
