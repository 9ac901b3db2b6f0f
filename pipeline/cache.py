"""Incremental runs: per-document extraction results kept under OUT/.cache.

An entry is keyed by the document's id and content hash, inside a folder named by the hash of
everything extraction depends on (newsgraph, spaCy and model versions, the model's name, every
rule and lexicon file). A rerun parses only new or changed documents; entries of removed
documents and of other configurations are pruned. Entries are written atomically, and an
unreadable entry is treated as missing, so a crash never corrupts the cache.

``Manifest`` goes one step further: when the whole input of the output files (the set of
documents, the configuration and the output settings) is the one that produced the files on
disk, and the files are intact, nothing needs to be done at all.
"""
from __future__ import annotations

import hashlib
import json
import pickle
import shutil
from dataclasses import dataclass
from pathlib import Path

from .config import VERSION
from .files import write_atomic
from .lexicon import Lexicon
from .types import Document, Extraction

CACHE_DIR = ".cache"
FORMAT = 1
"""Bump when the records in types.py change shape."""


def _version(dist: str) -> str:
    from importlib import metadata  # here: a run without the cache does not import it (0.02 s)
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "?"


def code_fingerprint() -> str:
    """Hash of newsgraph's own source: a changed rule in code invalidates the cache like a changed rule file."""
    h = hashlib.sha256()
    root = Path(__file__).parent
    for path in sorted(root.rglob("*.py")):
        h.update(path.relative_to(root).as_posix().encode())
        h.update(path.read_bytes())
    return h.hexdigest()


def config_key(model: str, lex: Lexicon) -> str:
    """Hash of what per-document extraction depends on."""
    parts = [f"format={FORMAT}", f"newsgraph={VERSION}", f"code={code_fingerprint()}",
             f"spacy={_version('spacy')}", f"model={model}", f"model-version={_version(model)}",
             f"names={_version('names')}",
             f"rules={lex.fingerprint}"]
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


@dataclass
class Cache:
    root: Path
    key: str

    @classmethod
    def open(cls, out: Path, key: str) -> "Cache":
        return cls(Path(out) / CACHE_DIR, key)

    @property
    def folder(self) -> Path:
        return self.root / self.key[:24]

    def path(self, document: Document) -> Path:
        name = hashlib.sha256(f"{document.id}\0{document.sha256}".encode()).hexdigest()
        return self.folder / f"{name}.pickle"

    def get(self, document: Document) -> Extraction | None:
        path = self.path(document)
        try:
            with open(path, "rb") as fh:
                found = pickle.load(fh)
        except FileNotFoundError:
            return None
        except Exception:  # a damaged entry is a miss, and is rewritten  # noqa: BLE001
            return None
        if not isinstance(found, Extraction) or found.document.sha256 != document.sha256 \
                or found.document.id != document.id:
            return None
        return found

    def put(self, extraction: Extraction) -> None:
        write_atomic(self.path(extraction.document), pickle.dumps(extraction, protocol=pickle.HIGHEST_PROTOCOL),
                     durable=False)

    def prune(self, documents: list[Document]) -> int:
        """Remove the entries of documents no longer in the corpus and of other configurations."""
        keep = {self.path(d).name for d in documents}
        removed = 0
        if self.root.is_dir():
            for other in self.root.iterdir():
                if other.is_dir() and other != self.folder:
                    shutil.rmtree(other, ignore_errors=True)
                    removed += 1
        if self.folder.is_dir():
            for entry in self.folder.iterdir():
                if entry.name not in keep:
                    entry.unlink(missing_ok=True)
                    removed += 1
        return removed


@dataclass
class Manifest:
    """What produced the output files on disk, and their hashes."""

    path: Path

    @classmethod
    def open(cls, out: Path) -> "Manifest":
        return cls(Path(out) / CACHE_DIR / "manifest.json")

    @staticmethod
    def inputs(key: str, documents: list[Document], output_settings: dict) -> str:
        h = hashlib.sha256(key.encode())
        h.update(json.dumps(output_settings, sort_keys=True).encode())
        for d in documents:
            h.update(f"{d.id}\0{d.sha256}\n".encode())
        return h.hexdigest()

    def fresh(self, inputs: str, out: Path) -> dict | None:
        """The recorded summary when the outputs are those of these inputs and intact, else None."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if data.get("inputs") != inputs:
            return None
        for name, digest in data.get("outputs", {}).items():
            try:
                if hashlib.sha256((out / name).read_bytes()).hexdigest() != digest:
                    return None
            except OSError:
                return None
        return data.get("summary", {})

    def record(self, inputs: str, outputs: dict[str, bytes], summary: dict) -> None:
        data = {"inputs": inputs, "summary": summary,
                "outputs": {name: hashlib.sha256(b).hexdigest() for name, b in sorted(outputs.items())}}
        write_atomic(self.path, (json.dumps(data, indent=1, sort_keys=True) + "\n").encode())

    def forget(self) -> None:
        self.path.unlink(missing_ok=True)
