"""Shared fixtures: the real model and rules, loaded once per test session."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsgraph.resolve import resolve
from newsgraph.extract.engine import Engine

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def engine() -> Engine:
    return Engine.load()


@pytest.fixture(scope="session")
def parsed(engine: Engine) -> list:
    """The seed articles and every development case, parsed (spaCy Docs with the rule layer)."""
    from newsgraph.extract import parse
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "corpus").glob("*.txt"))]
    texts += [json.loads(line)["text"] for line in (ROOT / "tests/dev/cases.jsonl").read_text().splitlines() if line]
    documents = [engine.document(t, f"d{i}.txt") for i, t in enumerate(texts)]
    return [doc for _, _, doc, _ in parse.parse(engine.nlp, documents, engine.co)]


def facts(engine: Engine, text: str, doc_id: str = "t.txt") -> set[tuple[str, str, str]]:
    """(subject label, predicate, object label) of every relation the pipeline finds in text."""
    extraction = next(engine.extract([engine.document(text, doc_id)]))
    entities, relations = resolve([extraction], dict(engine.lex.signatures))
    label = {e.id: e.label for e in entities}
    return {(label[r.subject], r.predicate, label[r.object]) for r in relations}


def entities_of(engine: Engine, text: str) -> set[tuple[str, str]]:
    """(label, type) of every entity the pipeline finds in text."""
    extraction = next(engine.extract([engine.document(text)]))
    entities, _ = resolve([extraction])
    return {(e.label, e.type) for e in entities}
