"""README's example query gives the answer README shows, on the seed corpus."""
from __future__ import annotations

import re
import shlex
import shutil

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
    shown = re.findall(r"\$ newsgraph query --example (\S+)\n(.*?)(?=\n\$ |```)", readme, re.S)
    assert len(shown) >= 1
    run(Settings(corpus=ROOT / "corpus", out=tmp_path))
    store = open_store(tmp_path / "graph.ttl")
    for name, output in shown:
        text = (ROOT / "ontologies" / "queries" / f"{name}.rq").read_text(encoding="utf-8")
        assert render(query(store, text)).strip() == output.strip(), name


def test_every_command_readme_shows_runs(tmp_path, monkeypatch):
    from click.testing import CliRunner

    from newsgraph.cli import main
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    after_quick_start = readme.split("## Quick start", 1)[1].split("\n## ", 1)[1]
    commands = [line for block in re.findall(r"```sh\n(.*?)```", after_quick_start, re.S)
                for line in block.splitlines() if line.startswith("newsgraph ")]
    assert commands[0].startswith("newsgraph run") and len(commands) >= 5
    shutil.copytree(ROOT / "corpus", tmp_path / "corpus")
    shutil.copytree(ROOT / "docs" / "example", tmp_path / "docs" / "example")
    monkeypatch.chdir(tmp_path)
    for command in commands:
        result = CliRunner().invoke(main, shlex.split(command)[1:])
        assert result.exit_code == 0, (command, result.output)


def test_python_examples_print_what_readme_shows(tmp_path, monkeypatch, capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"```python\n(.*?)```\n\nprints\n\n```text\n(.*?)```", readme, re.S)
    assert len(examples) == 2
    monkeypatch.chdir(tmp_path)
    for code, output in examples:
        exec(compile(code, "README.md", "exec"), {})
        assert capsys.readouterr().out == output
    assert (tmp_path / "graphs" / "graph.ttl").is_file()


def test_readme_is_short_enough_to_read():
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 350


def test_architecture_names_every_module_and_only_modules_that_exist():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Architecture", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"`([a-z_]+\.py)`", section))
    package = ROOT / "pipeline"
    modules = {p.name for p in package.rglob("*.py") if p.name != "__init__.py"}
    assert named == modules
