"""`newsgraph load` logging in to real servers that require it, started here on 127.0.0.1:
Virtuoso (Debian's virtuoso-opensource-7-bin; HTTP Digest on its Graph Store endpoint) and an
Oxigraph server behind nginx (Debian's nginx-light; HTTP Basic). No credential is ever printed."""
from __future__ import annotations

import base64
import hashlib
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from newsgraph.cli import main
from newsgraph.run import Settings, run

from .conftest import ROOT
from .test_server import free_port, oxigraph_binary

PASSWORD = "Zq9-s3cret-t0ken"
GRAPH = "https://newsgraph.dev/id/graph"


def wait_for(url: str, proc: subprocess.Popen, what: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except urllib.error.HTTPError:
            return  # it answers (401 included)
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.1)
    proc.kill()
    pytest.fail(f"{what} did not start")


@pytest.fixture(scope="module")
def seed(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    run(Settings(corpus=ROOT / "docs" / "example" / "news", out=out, skip_pictures=True, cache=False))
    return out / "graph.ttl"


@pytest.fixture(scope="module")
def virtuoso(tmp_path_factory):
    """A Virtuoso server with a user 'loader' who may write graphs and 'reader' who may not."""
    binary = shutil.which("virtuoso-t")
    assert binary, "virtuoso-t not found: install Debian's virtuoso-opensource-7-bin"
    folder = tmp_path_factory.mktemp("virtuoso")
    sql, http = free_port(), free_port()
    (folder / "virtuoso.ini").write_text(f"""[Database]
DatabaseFile = {folder}/v.db
ErrorLogFile = {folder}/v.log
LockFile = {folder}/v.lck
TransactionFile = {folder}/v.trx
xa_persistent_file = {folder}/v.pxa
TempStorage = TempDatabase
[TempDatabase]
DatabaseFile = {folder}/v-temp.db
TransactionFile = {folder}/v-temp.trx
[Parameters]
ServerPort = 127.0.0.1:{sql}
ServerThreads = 4
CheckpointInterval = 0
NumberOfBuffers = 10000
MaxDirtyBuffers = 6000
DirsAllowed = {folder}
[HTTPServer]
ServerPort = 127.0.0.1:{http}
ServerRoot = {folder}
ServerThreads = 4
""", encoding="utf-8")
    proc = subprocess.Popen([binary, "+foreground", "+configfile", str(folder / "virtuoso.ini")], cwd=folder,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http}"
    wait_for(url + "/sparql?query=ASK%7B%7D", proc, "virtuoso")
    users = (f"DB.DBA.USER_CREATE('loader', '{PASSWORD}'); GRANT SPARQL_UPDATE TO \"loader\"; "
             "DB.DBA.USER_CREATE('reader', 'reader-pw'); GRANT SPARQL_SELECT TO \"reader\";")
    subprocess.run(["isql-vt", f"127.0.0.1:{sql}", "dba", "dba", f"exec={users}"], check=True, capture_output=True)
    yield url
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def basic(tmp_path_factory):
    """An Oxigraph server behind nginx, which asks for HTTP Basic credentials ('loader')."""
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    folder = tmp_path_factory.mktemp("nginx")
    store, front = free_port(), free_port()
    oxigraph = subprocess.Popen([oxigraph_binary(), "serve", "--location", str(folder / "store"), "--bind",
                                 f"127.0.0.1:{store}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    digest = base64.b64encode(hashlib.sha1(PASSWORD.encode()).digest()).decode()
    (folder / "htpasswd").write_text(f"loader:{{SHA}}{digest}\n", encoding="utf-8")
    temp = " ".join(f"{kind}_temp_path {folder}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # (as root, nginx would run its workers as nobody, who may not read the test's private folder)
    user = "user root;" if os.geteuid() == 0 else ""
    (folder / "nginx.conf").write_text(f"""{user} daemon off; pid {folder}/nginx.pid; error_log {folder}/error.log;
events {{}}
http {{
  access_log off; {temp}
  client_max_body_size 100m;
  server {{
    listen 127.0.0.1:{front};
    location / {{ auth_basic "store"; auth_basic_user_file {folder}/htpasswd; proxy_pass http://127.0.0.1:{store}; }}
  }}
}}
""", encoding="utf-8")
    proc = subprocess.Popen([binary, "-c", str(folder / "nginx.conf"), "-p", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{front}"
    wait_for(url + "/query?query=ASK%7B%7D", proc, "nginx")
    yield url
    proc.terminate()
    oxigraph.terminate()
    proc.wait(timeout=10)
    oxigraph.wait(timeout=10)


def load(*args, env=None, input=None):
    result = CliRunner().invoke(main, ["load", *args], env={"NEWSGRAPH_PASSWORD": None, **(env or {})}, input=input)
    assert PASSWORD not in result.output and PASSWORD not in result.stderr  # never printed
    return result


def count(url: str, auth: tuple[str, str] | None = None, query_path: str = "/sparql") -> int:
    q = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}"
    request = urllib.request.Request(f"{url}{query_path}?{urllib.parse.urlencode({'query': q})}",
                                     headers={"Accept": "text/csv"})
    opener = urllib.request.build_opener()
    if auth:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, url, *auth)
        opener = urllib.request.build_opener(urllib.request.HTTPBasicAuthHandler(passwords))
    with opener.open(request, timeout=30) as response:
        return int(response.read().decode().splitlines()[1].strip('"'))


def triples(path) -> int:
    import rdflib
    return len(rdflib.Graph().parse(path))


def test_digest_login_with_the_password_from_the_environment(virtuoso, seed):
    endpoint = virtuoso + "/sparql-graph-crud-auth"
    result = load("--endpoint", endpoint, "--user", "loader", "--file", str(seed), env={"NEWSGRAPH_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == f"loaded {seed} into <{GRAPH}> at {endpoint} (HTTP 201)"
    assert count(virtuoso) == triples(seed)


def test_digest_wrong_password_and_a_user_who_may_not_write_are_one_line_each(virtuoso, seed):
    endpoint = virtuoso + "/sparql-graph-crud-auth"
    wrong = load("--endpoint", endpoint, "--user", "loader", "--file", str(seed), env={"NEWSGRAPH_PASSWORD": "nope"})
    assert wrong.exit_code == 1
    assert wrong.stderr.strip().splitlines() == [f"newsgraph: error: {endpoint}: the server refused the credentials "
                                                 "of user 'loader' (from --user) (HTTP 401 Unauthorized)"]
    reader = load("--endpoint", endpoint, "--user", "reader", "--file", str(seed), env={"NEWSGRAPH_PASSWORD": "reader-pw"})
    assert reader.exit_code == 1
    assert reader.stderr.strip().splitlines() == [f"newsgraph: error: {endpoint}: user 'reader' (from --user) may not "
                                                  "write graphs there (HTTP 403 Forbidden)"]


def test_basic_login_with_user_info_in_the_url_shows_the_url_without_it(basic, seed):
    host = basic.removeprefix("http://")
    endpoint = f"http://loader:{urllib.parse.quote(PASSWORD)}@{host}/store"
    result = load("--endpoint", endpoint, "--file", str(seed))
    assert result.exit_code == 0, result.stderr
    assert result.stderr.strip() == f"loaded {seed} into <{GRAPH}> at {basic}/store (HTTP 201)"
    assert count(basic, ("loader", PASSWORD), "/query") == triples(seed)


def test_basic_login_from_netrc_and_from_the_prompt(basic, seed, tmp_path):
    (tmp_path / ".netrc").write_text(f"machine 127.0.0.1 login loader password {PASSWORD}\n", encoding="utf-8")
    (tmp_path / ".netrc").chmod(0o600)
    result = load("--endpoint", basic + "/store", "--file", str(seed), env={"HOME": str(tmp_path)})
    assert result.exit_code == 0, result.stderr
    prompted = load("--endpoint", basic + "/store", "--user", "loader", "--file", str(seed), input=PASSWORD + "\n")
    assert prompted.exit_code == 0, prompted.stderr
    assert "Password for loader:" in prompted.stderr


def test_no_credentials_or_no_password_are_one_line_saying_what_to_give(basic, seed, tmp_path):
    asked = load("--endpoint", basic + "/store", "--file", str(seed), env={"HOME": str(tmp_path)})
    assert asked.exit_code == 1
    assert asked.stderr.strip().splitlines() == [
        f"newsgraph: error: {basic}/store: the server asks to log in (HTTP 401 Unauthorized); give --user NAME with "
        "the password in NEWSGRAPH_PASSWORD or at the prompt, or a ~/.netrc entry for the host"]
    closed = f"http://loader:{PASSWORD}@127.0.0.1:{free_port()}/store"
    unreachable = load("--endpoint", closed, "--file", str(seed))
    assert unreachable.exit_code == 1 and "cannot reach the server" in unreachable.stderr
