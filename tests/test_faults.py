"""Faults while writing: one line that names the folder and the cause, exit 1, and the previous
outputs left as they were (the set in the folder always comes from one run). The faults are
injected where the operating system would raise them: a full disk, a read-only folder, a cache
that cannot be written."""
from __future__ import annotations

import errno
import os
import tempfile

from click.testing import CliRunner

from newsgraph import files
from newsgraph.cli import main

from .conftest import ROOT


def corpus(tmp_path, text: str):
    folder = tmp_path / "news"
    folder.mkdir(exist_ok=True)
    (folder / "a.txt").write_text(text, encoding="utf-8")
    return folder


def outputs(folder) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


def test_a_full_disk_while_writing_leaves_the_previous_set_of_outputs(tmp_path, monkeypatch):
    out = tmp_path / "out"
    news = corpus(tmp_path, "Ada Brenner founded Quillon Labs in 2012.")
    assert CliRunner().invoke(main, ["run", str(news), "--out", str(out), "--no-pictures"]).exit_code == 0
    before = outputs(out)
    (news / "a.txt").write_text("Bo Lind founded Halvex Labs in 2015.", encoding="utf-8")
    real, calls = tempfile.mkstemp, []

    def full_disk(*args, **kwargs):
        calls.append(kwargs.get("prefix"))
        if len(calls) == 3:  # two files of the new set are written, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real(*args, **kwargs)

    monkeypatch.setattr(files.tempfile, "mkstemp", full_disk)
    result = CliRunner().invoke(main, ["run", str(news), "--out", str(out), "--no-pictures", "--no-cache"])
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert lines == [f"newsgraph: error: {out}: cannot write the outputs (no space left on the device); "
                     "the files of the previous run are as they were"]
    assert outputs(out) == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]


def test_a_read_only_output_folder_is_one_line(tmp_path, monkeypatch):
    def read_only(*args, **kwargs):
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    news = corpus(tmp_path, "Ada Brenner founded Quillon Labs in 2012.")
    monkeypatch.setattr("newsgraph.lock.open", read_only, raising=False)
    result = CliRunner().invoke(main, ["run", str(news), "--out", str(tmp_path / "out")])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        f"newsgraph: error: {tmp_path / 'out'}: cannot write here (read-only file system); use another --out"]


def test_a_cache_that_cannot_be_written_is_reported_once_and_the_run_goes_on(tmp_path, monkeypatch):
    from newsgraph.cache import Cache

    def no_space(self, extraction):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(Cache, "put", no_space)
    news = corpus(tmp_path, "Ada Brenner founded Quillon Labs in 2012.")
    (news / "b.txt").write_text("Bo Lind founded Halvex Labs in 2015.", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(news), "--out", str(tmp_path / "out"), "--no-pictures"])
    assert result.exit_code == 0
    notes = [line for line in result.stderr.splitlines() if line.startswith("newsgraph:") and "cache" in line]
    assert notes == [f"newsgraph: note: {tmp_path / 'out' / '.cache'}: cannot be written "
                     "(no space left on the device); going on without the cache"]
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_the_seed_corpus_still_writes_every_file(tmp_path):
    result = CliRunner().invoke(main, ["run", str(ROOT / "corpus"), "--out", str(tmp_path / "out"), "--no-pictures"])
    assert result.exit_code == 0
    assert {"graph.ttl", "graph.gexf", "graph-timeline.gexf", "graph.graphml", "nodes.csv", "edges.csv"} <= \
        set(outputs(tmp_path / "out"))


def test_a_full_disk_while_loading_the_query_store_is_one_line(tmp_path, monkeypatch):
    import types

    from newsgraph import store
    out = tmp_path / "out"
    news = corpus(tmp_path, "Ada Brenner founded Quillon Labs in 2012.")
    assert CliRunner().invoke(main, ["run", str(news), "--out", str(out), "--no-pictures", "-q"]).exit_code == 0

    real = store.ox.Store

    class FullDisk:  # Oxigraph's store, on a disk that fills while the graph is loaded
        def __init__(self, path):
            self.real = real(path)

        def clear(self):
            self.real.clear()

        def bulk_load(self, **kwargs):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store, "ox", types.SimpleNamespace(Store=FullDisk, RdfFormat=store.ox.RdfFormat))
    result = CliRunner().invoke(main, ["query", "SELECT * WHERE { ?s ?p ?o } LIMIT 1", "--graph", str(out / "graph.ttl")])
    assert result.exit_code == 1, result.exception
    assert result.stderr.strip().splitlines() == [
        f"newsgraph: error: {out / '.newsgraph-store'}: cannot load the graph into the store (no space left on the device)"]


def test_a_picture_that_cannot_be_made_is_one_line_and_the_run_succeeds(tmp_path, monkeypatch):
    from newsgraph import pictures

    def broken(g, pos=None):
        raise MemoryError("the layout ran out of memory")

    monkeypatch.setattr(pictures, "generate_png", broken)
    news = corpus(tmp_path, "Ada Brenner founded Quillon Labs in 2012.")
    result = CliRunner().invoke(main, ["run", str(news), "--out", str(tmp_path / "out"), "--no-cache"])
    assert result.exit_code == 0, result.stderr
    assert "graph.png was not made (MemoryError: the layout ran out of memory); the graph files are written" \
        in result.stderr
    written = {p.name for p in (tmp_path / "out").iterdir()}
    assert {"graph.ttl", "graph.gexf", "graph.graphml", "graph.html"} <= written and "graph.png" not in written


def run_two_documents(tmp_path) -> tuple[list[str], str]:
    """A run over a.txt and b.txt (b names Halvex Labs): the notes it printed and the graph."""
    news = corpus(tmp_path, "Ada Brenner founded Quillon Labs in 2012.")
    (news / "b.txt").write_text("Bo Lind founded Halvex Labs in 2015.", encoding="utf-8")
    result = CliRunner().invoke(main, ["run", str(news), "--out", str(tmp_path / "out"), "--no-pictures", "--no-cache"])
    assert result.exit_code == 0
    notes = [line for line in result.stderr.splitlines() if line.startswith("newsgraph: note:")]
    return notes, (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")


def test_a_fault_of_the_rules_on_one_document_is_one_note_and_the_batch_goes_on(tmp_path, monkeypatch):
    from newsgraph.extract.relations import Extractor
    real = Extractor.extract

    def fails_on_b(self, document, *args):
        if document.id == "b.txt":
            raise IndexError("list index out of range")
        return real(self, document, *args)

    monkeypatch.setattr(Extractor, "extract", fails_on_b)
    notes, graph = run_two_documents(tmp_path)
    assert notes == ["newsgraph: note: b.txt: the rules stage failed near character 0 (IndexError); "
                     "the relations of that part are left out"]
    assert "Quillon Labs" in graph and "Halvex Labs" in graph  # a.txt's facts, and b.txt's names


def test_a_fault_of_the_entity_repair_on_one_document_is_one_note_and_the_batch_goes_on(tmp_path, monkeypatch):
    from newsgraph.extract.components import EntityRepair
    real = EntityRepair._repair

    def fails_on_halvex(self, doc):
        if "Halvex" in doc.text:
            raise IndexError("list index out of range")
        return real(self, doc)

    monkeypatch.setattr(EntityRepair, "_repair", fails_on_halvex)
    notes, graph = run_two_documents(tmp_path)
    assert notes == ["newsgraph: note: b.txt: the entity repair failed near character 0 (IndexError); "
                     "the model's entities are used there"]
    assert "Quillon Labs" in graph
