"""The command line in-process: exit codes, stdout versus stderr, help and README."""
from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from newsgraph import __version__
from newsgraph.cli import main

from .conftest import ROOT


def runner() -> CliRunner:
    return CliRunner()


def test_version():
    result = runner().invoke(main, ["--version"])
    assert result.exit_code == 0 and __version__ in result.stdout


@pytest.mark.parametrize("command", sorted(main.commands))
def test_every_command_has_help_with_an_example_and_is_in_the_readme(command):
    result = runner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.stdout
    assert re.search(rf"newsgraph {command}\b", (ROOT / "README.md").read_text(encoding="utf-8"))


def test_run_writes_the_graph_and_reports_on_stderr_only(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Maria Lopez founded Brightpath Labs in 2010.\n", encoding="utf-8")
    (corpus / "empty.txt").write_text("", encoding="utf-8")
    result = runner().invoke(main, ["run", str(corpus), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "skipped empty.txt: empty file" in result.stderr
    assert "documents: 1 read, 1 skipped" in result.stderr
    assert "relations: 1 (founded 1)" in result.stderr
    assert {p.name for p in (tmp_path / "out").iterdir() if not p.name.startswith(".")} == {
        "graph.ttl", "graph.gexf", "graph-timeline.gexf", "graph.graphml", "nodes.csv", "edges.csv",
        "graph.html", "graph.png"}


def test_run_without_pictures(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Maria Lopez founded Brightpath Labs in 2010.\n", encoding="utf-8")
    result = runner().invoke(main, ["run", str(corpus), "--out", str(tmp_path / "out"), "--no-pictures", "-q"])
    assert result.exit_code == 0
    assert not (tmp_path / "out" / "graph.png").exists() and not (tmp_path / "out" / "graph.html").exists()
    assert (tmp_path / "out" / "graph.gexf").exists()


def test_run_with_nothing_to_process_exits_1(tmp_path):
    result = runner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no document could be processed" in result.stderr
    assert not (tmp_path / "out").exists()  # no folder holding only the lock is left behind
    (tmp_path / "kept").mkdir()
    assert runner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "kept")]).exit_code == 1
    assert (tmp_path / "kept").is_dir()  # a folder that was there before stays


def test_missing_corpus_folder_is_bad_usage(tmp_path):
    result = runner().invoke(main, ["run", str(tmp_path / "nope")])
    assert result.exit_code == 2 and "corpus folder not found" in result.stderr


def test_files_of_other_kinds_are_counted_and_named(tmp_path):
    (tmp_path / "report.pdf").write_bytes(b"%PDF-1.4")
    result = runner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert "no document could be processed (0 skipped, ignored 1 file that is not .txt or .md: report.pdf)" \
        in result.stderr
    (tmp_path / "a.txt").write_text("Ada Brenner founded Quillon Labs in 2012.", encoding="utf-8")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    result = runner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "out"), "-q", "--no-pictures"])
    assert result.exit_code == 0
    assert "newsgraph: ignored 2 files that are not .txt or .md: notes.docx, report.pdf" in result.stderr


def test_missing_model_is_one_line_that_says_how_to_install(tmp_path):
    (tmp_path / "a.txt").write_text("Text.", encoding="utf-8")
    result = runner().invoke(main, ["run", str(tmp_path), "--model", "no_such_model"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install" in lines[0] and "no_such_model" in lines[0]


def test_bad_usage_exits_2():
    assert runner().invoke(main, ["run", "--no-such-option"]).exit_code == 2
    assert runner().invoke(main, ["no-such-command"]).exit_code == 2


def test_no_stray_progress_line_where_stderr_is_no_terminal(tmp_path):
    (tmp_path / "a.txt").write_text("Ada Brenner founded Quillon Labs in 2012.", encoding="utf-8")
    result = runner().invoke(main, ["run", str(tmp_path), "--out", str(tmp_path / "out"), "--no-pictures"])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[0].startswith("documents: 1 read")
