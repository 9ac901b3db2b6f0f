"""The shape of the code and of its data: small modules, data flowing one way, ontologies/
read once per run and checked as it is read, rule files that document what the code accepts."""
from __future__ import annotations

import ast
import json
import shutil
from pathlib import Path

import pytest

from newsgraph import lexicon
from newsgraph.errors import RuleError
from newsgraph.lexicon import Lexicon
from newsgraph.rules import FILE_KINDS, FORMS

from .conftest import ROOT

PACKAGE = ROOT / "pipeline"
MODULES = sorted(PACKAGE.rglob("*.py"))
LAYERS = [
    {"errors", "config", "types", "text", "when", "files"},
    {"names", "rules", "corpus", "vocab", "role_titles"},
    {"lexicon"},
    {"extract", "component"},
    {"resolve", "graph"},
    {"rdf", "flat", "forces", "layout", "view", "pictures", "export"},
    {"cache", "lock", "workers", "run", "graphfile", "store", "remote", "validate", "evaluate", "explain"},
    {"cli", "api", "__init__"},
]
"""The stages in the order data flows through them; a module imports only its own layer or
earlier ones (everything in extract/ is one layer). The package's ``__init__`` is the last: it
hands out the API on first use."""


def layer(name: str) -> int:
    top = name.split(".")[0]
    return next(i for i, names in enumerate(LAYERS) if top in names)


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def imports(path: Path) -> set[str]:
    """The pipeline modules a module imports (at any depth of its code)."""
    here = module_name(path).split(".")
    package = here[:-1] if path.name != "__init__.py" else here
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[:len(package) - (node.level - 1)] if node.level > 1 else package
            target = base + (node.module.split(".") if node.module else [])
            if node.module:
                out.add(".".join(target))
                continue
            for alias in node.names:  # 'from . import x': a module, or a name of the package
                module = PACKAGE.joinpath(*target, alias.name)
                is_module = module.with_suffix(".py").is_file() or module.is_dir()
                out.add(".".join(target + [alias.name]) if is_module else ".".join(target) or "__init__")
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("newsgraph."):
            out.add(node.module[len("newsgraph."):])
    return out


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_modules_and_classes_are_small(path):
    source = path.read_text(encoding="utf-8")
    assert len(source.splitlines()) <= 350
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ClassDef):
            assert node.end_lineno - node.lineno + 1 <= 200, node.name


@pytest.mark.parametrize("path", MODULES, ids=lambda p: module_name(p))
def test_nothing_imports_a_later_stage(path):
    mine = layer(module_name(path))
    later = sorted(m for m in imports(path) if layer(m) > mine)
    assert later == []


def test_a_run_reads_each_ontologies_file_once(tmp_path, monkeypatch):
    from newsgraph.run import Settings, run
    reads: list[str] = []
    real = lexicon._Loader._read

    def counted(self, path):
        reads.append(path.relative_to(self.folder).as_posix())
        return real(self, path)

    monkeypatch.setattr(lexicon._Loader, "_read", counted)
    corpus = tmp_path / "news"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Quillon news\n\nAda Brenner founded Quillon in 2019.\n", encoding="utf-8")
    run(Settings(corpus=corpus, out=tmp_path / "out", cache=False, skip_pictures=True))
    files = sorted(p.relative_to(ROOT / "ontologies").as_posix() for p in (ROOT / "ontologies").rglob("*.json*"))
    assert sorted(reads) == files


@pytest.fixture()
def ontologies(tmp_path) -> Path:
    folder = tmp_path / "ontologies"
    shutil.copytree(ROOT / "ontologies", folder)
    return folder


def rewrite(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


@pytest.mark.parametrize("file, change, message", [
    ("lexicon.json", lambda d: d.pop("naming_verbs"), "lexicon.json: missing key 'naming_verbs'"),
    ("lexicon.json", lambda d: d["titles"].pop("ended_modifiers"), "lexicon.json titles: missing key 'ended_modifiers'"),
    ("rules/discourse.json", lambda d: d["rules"].pop(0), "discourse.json: missing rule"),
    ("rules/verbs.json", lambda d: d["rules"][0].update(subject="~actor"), "verbs.json: rule 'cofounded.verb.v1'"),
    ("rules/roles.json", lambda d: d["rules"][0].update(holder="owner:x"), "is not one of head, node:NAME"),
])
def test_a_missing_key_or_rule_is_an_error_naming_the_file(ontologies, file, change, message):
    rewrite(ontologies / file, change)
    with pytest.raises(RuleError, match=message.replace("(", r"\(")):
        Lexicon.load(ontologies)


@pytest.mark.parametrize("name, kind", sorted(FILE_KINDS.items()) + [("verbs.json", "verb")])
def test_each_rule_file_documents_the_argument_forms_the_code_accepts(name, kind):
    data = json.loads((ROOT / "ontologies" / "rules" / name).read_text(encoding="utf-8"))
    if kind == "discourse":
        assert "_argument_forms" not in data  # code-level rules: no argument specs
        return
    documented = {form.partition(":")[0]: bool(form.partition(":")[2]) for form in data["_argument_forms"]}
    assert documented == FORMS[kind]
    used = {r.get(k) for r in data["rules"] for k in ("subject", "object", "holder")} - {None}
    assert {u.partition(":")[0] for u in used} <= set(documented)
