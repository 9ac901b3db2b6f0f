"""Incremental runs (the cache), worker processes and a Dask cluster: same bytes every way."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from newsgraph.cache import CACHE_DIR
from newsgraph.config import Settings
from newsgraph.run import run

from .conftest import ROOT

NAMES = ("graph.ttl", "graph.gexf", "graph-timeline.gexf", "graph.graphml", "nodes.csv", "edges.csv", "graph.html",
         "graph.png")


def outputs(folder: Path) -> dict[str, bytes]:
    return {n: (folder / n).read_bytes() for n in NAMES}


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(ROOT / "corpus", folder)
    (folder / "extra.txt").write_text("Maria Lopez founded Brightpath Labs in 2010. She runs it.\n", encoding="utf-8")
    return folder


def test_rerun_parses_only_what_changed_and_writes_what_a_cold_run_writes(corpus, tmp_path):
    out = tmp_path / "out"
    first = run(Settings(corpus=corpus, out=out))
    assert (first.read, first.cached) == (4, 0)
    entries = list((out / CACHE_DIR).rglob("*.pickle"))
    assert len(entries) == 4
    stamp = {n: (out / n).stat().st_mtime_ns for n in NAMES}

    again = run(Settings(corpus=corpus, out=out))  # unchanged corpus: nothing parsed, nothing written
    assert (again.cached, again.unchanged, again.written) == (4, True, [])
    assert {n: (out / n).stat().st_mtime_ns for n in NAMES} == stamp

    (corpus / "extra.txt").write_text("Maria Lopez founded Quillon Media in 2011.\n", encoding="utf-8")  # changed
    (corpus / "new.md").write_text("Bo Lind joined Quillon Media in 2015.\n", encoding="utf-8")  # added
    os.remove(next(corpus.glob("000_*.txt")))  # removed
    changed = run(Settings(corpus=corpus, out=out))
    assert (changed.read, changed.cached) == (4, 2)
    assert len(list((out / CACHE_DIR).rglob("*.pickle"))) == 4  # the removed and the old version are pruned
    cold = tmp_path / "cold"
    run(Settings(corpus=corpus, out=cold, cache=False))
    assert outputs(out) == outputs(cold)
    assert not (cold / CACHE_DIR / "manifest.json").exists()


def test_edited_output_or_damaged_cache_is_rebuilt(corpus, tmp_path):
    out = tmp_path / "out"
    run(Settings(corpus=corpus, out=out))
    good = outputs(out)
    (out / "graph.ttl").write_text("garbage", encoding="utf-8")
    for entry in (out / CACHE_DIR).rglob("*.pickle"):
        entry.write_bytes(b"not a pickle")
    summary = run(Settings(corpus=corpus, out=out))
    assert (summary.cached, summary.unchanged) == (0, False)
    assert outputs(out) == good


def cli_run(corpus: Path, out: Path, *args: str, seed: str) -> None:
    env = dict(os.environ, PYTHONHASHSEED=seed)
    cli = Path(sys.executable).with_name("newsgraph")
    subprocess.run([str(cli), "run", str(corpus), "--out", str(out), "-q", "--no-cache", *args], env=env, check=True,
                   capture_output=True)


def test_two_workers_and_any_hash_seed_or_file_order_give_the_same_bytes(corpus, tmp_path):
    cli_run(corpus, tmp_path / "one", seed="1")
    cli_run(corpus, tmp_path / "two", "--workers", "2", seed="2")
    reordered = tmp_path / "reordered"
    reordered.mkdir()
    for path in sorted(corpus.iterdir(), reverse=True):  # created in the opposite order
        shutil.copy(path, reordered / path.name)
    cli_run(reordered, tmp_path / "three", seed="3")
    assert outputs(tmp_path / "one") == outputs(tmp_path / "two") == outputs(tmp_path / "three")


def test_dask_cluster_gives_the_same_bytes(corpus, tmp_path, monkeypatch):
    from distributed import LocalCluster

    import newsgraph.run
    run(Settings(corpus=corpus, out=tmp_path / "local", cache=False))
    waits = []  # the output stages are imported while the cluster parses
    monkeypatch.setattr(newsgraph.run, "_import_output_stages", lambda: waits.append(1))
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        summary = run(Settings(corpus=corpus, out=tmp_path / "dask", cache=False, scheduler=cluster.scheduler_address))
    assert summary.read == 4 and waits == [1]
    assert outputs(tmp_path / "dask") == outputs(tmp_path / "local")


def test_unreachable_scheduler_is_one_clear_error(corpus, tmp_path):
    from click.testing import CliRunner

    from newsgraph.cli import main
    result = CliRunner().invoke(main, ["run", str(corpus), "--out", str(tmp_path / "o"), "--no-cache", "-q",
                                       "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 1
    assert "cannot reach the Dask scheduler" in result.stderr


def test_worker_pool_calls_meanwhile_once_before_any_result_and_keeps_document_order():
    from newsgraph.corpus import document_from_bytes
    from newsgraph.lexicon import Lexicon
    from newsgraph.workers import extract_local, extract_pool
    lex = Lexicon.load()
    layout = lex.layout
    documents = [document_from_bytes(f"d{i}.txt", f"Ada Brenner founded Quillon Media in 201{i}.".encode(), layout)
                 for i in range(5)]
    events = []
    for extraction in extract_pool(documents, None, lex, 2, meanwhile=lambda: events.append("meanwhile")):
        events.append(extraction.document.id)
    assert events == ["meanwhile"] + [d.id for d in documents]
    pooled = [e.relations for e in extract_pool(documents, None, lex, 2)]
    assert all(pooled) and pooled == [e.relations for e in extract_local(documents, None, lex)]


@pytest.mark.parametrize("n", [1, 2, 7, 30, 120, 481])
def test_worker_batches_cover_every_document_and_shrink_towards_the_end(n):
    from newsgraph.workers import BATCH, batch_sizes
    sizes = batch_sizes(n, 2)
    assert sum(sizes) == n and all(1 <= s <= BATCH for s in sizes)
    assert sizes == sorted(sizes, reverse=True) and sizes[-1] == 1


def _fails(kind):
    raise kind("no room for graph.png")


def test_work_done_aside_returns_its_result_or_raises_its_error():
    from newsgraph.run import _aside
    assert _aside(sorted, [3, 1, 2])() == [1, 2, 3]
    with pytest.raises(OSError, match="no room"):
        _aside(_fails, OSError)()


def test_command_line_imports_no_graph_library_or_model_until_it_needs_them():
    # a rerun on an unchanged corpus answers from the manifest: it must not pay for importing
    # spaCy, NetworkX or rdflib (together most of a second) just to start
    code = ("import sys; import newsgraph.cli; "
            "print(sorted(m for m in ('spacy', 'networkx', 'rdflib', 'pyoxigraph', 'PIL') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    assert out.stdout.strip() == "[]"
