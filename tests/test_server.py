"""A real SPARQL server: Oxigraph server (from PyPI) on 127.0.0.1, loaded with `newsgraph load`,
answers the example queries over HTTP exactly as the embedded store does."""
from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.run import Settings, run
from newsgraph.store import open_store, query, rows

from .conftest import ROOT

GRAPH = "https://newsgraph.dev/id/graph"
OTHER = "https://example.org/other"


def oxigraph_binary() -> str:
    found = shutil.which("oxigraph") or str(Path(sys.executable).with_name("oxigraph"))
    assert Path(found).exists(), "the oxigraph server is installed with the test extras: pip install -e '.[test]'"
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    port = free_port()
    location = tmp_path_factory.mktemp("oxigraph")
    proc = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(url + "/query?query=" + urllib.parse.quote("ASK {}"), timeout=1)
            break
        except OSError:
            time.sleep(0.1)
    else:
        proc.kill()
        pytest.fail("oxigraph server did not start")
    yield url
    proc.terminate()
    proc.wait(timeout=10)


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    run(Settings(corpus=ROOT / "corpus", out=out))
    return out


def http_select(url: str, text: str, graph: str) -> tuple[list[str], list[list[str]]]:
    params = urllib.parse.urlencode({"query": text, "default-graph-uri": graph})
    request = urllib.request.Request(f"{url}/query?{params}", headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        data = json.load(response)
    names = data["head"]["vars"]
    return names, [[b.get(n, {}).get("value", "") for n in names] for b in data["results"]["bindings"]]


def put(url: str, graph: str, turtle: bytes) -> None:
    request = urllib.request.Request(f"{url}/store?graph={urllib.parse.quote(graph, safe='')}", data=turtle,
                                     method="PUT", headers={"Content-Type": "text/turtle"})
    urllib.request.urlopen(request, timeout=30).close()


def test_load_replaces_only_its_named_graph_and_queries_agree(server, seed):
    put(server, OTHER, b'<urn:keep> <urn:me> "please" .')
    put(server, GRAPH, b'<urn:stale> <urn:triple> "gone soon" .')
    runner = CliRunner()
    for option in ("--graph-iri", "--graph"):  # loading twice replaces, it does not add
        result = runner.invoke(main, ["load", "--endpoint", server + "/store", option, GRAPH,
                                      "--file", str(seed / "graph.ttl")])
        assert result.exit_code == 0, result.output
        assert ("--graph is deprecated" in result.stderr) == (option == "--graph")  # (the old name still works)
    assert http_select(server, "SELECT ?o WHERE { <urn:keep> <urn:me> ?o }", OTHER)[1] == [["please"]]
    assert http_select(server, "SELECT ?o WHERE { <urn:stale> ?p ?o }", GRAPH)[1] == []
    count = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    embedded = open_store(seed / "graph.ttl")
    assert http_select(server, count, GRAPH)[1] == [[rows(query(embedded, count))[1][0][0]]]
    for path in sorted((ROOT / "ontologies" / "queries").glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        names, local = rows(query(embedded, text))
        remote_names, remote = http_select(server, text, GRAPH)
        assert remote_names == names, path.name
        assert remote == local, path.name  # the example queries return literals only
        assert local, path.name


def test_load_to_a_closed_port_is_one_clear_error(seed):
    result = CliRunner().invoke(main, ["load", "--endpoint", f"http://127.0.0.1:{free_port()}/store",
                                       "--file", str(seed / "graph.ttl")])
    assert result.exit_code == 1
    assert "cannot reach the server" in result.stderr and len(result.stderr.strip().splitlines()) == 1
