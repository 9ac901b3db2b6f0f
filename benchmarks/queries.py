"""Benchmark: the example queries of ontologies/queries/ on a large graph. Prints times; asserts nothing.

    python benchmarks/queries.py [--documents 8000] [--repeat 3]

It builds a graph of the size a run over DOCUMENTS news articles gives (about 42 triples per
document: 8,000 documents make some 340,000 triples; entities, relations with one to three
pieces of evidence, roles and times, in the proportions of real runs), writes it as Turtle,
loads it into the embedded store as `newsgraph query` does, and times each example query (the
best of --repeat runs, after one run that warms the store's caches). The graph is made from
invented names with a fixed seed, so that every run measures the same graph; parsing 8,000
real documents would take an hour and measure spaCy, not the store.
"""
from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = (("Person", 0.55), ("Organization", 0.35), ("Product", 0.10))
RELATIONS = {"founded": ("Person", "Organization"), "cofounded": ("Person", "Organization"),
             "succeeded": ("Person", "Person"), "runs": ("Person", "Organization"),
             "developed": ("Organization", "Product"), "owns": ("Organization", "Organization"),
             "worksFor": ("Person", "Organization"), "educatedAt": ("Person", "Organization")}
SHARE = {"worksFor": 0.30, "runs": 0.20, "founded": 0.12, "cofounded": 0.06, "owns": 0.10,
         "developed": 0.10, "educatedAt": 0.09, "succeeded": 0.03}
ROLES = ("CEO", "chief executive", "chairman", "president", "co-founder", "engineer", "director")


def synthetic_graph(documents: int, seed: int = 0, entities: int | None = None, facts: int | None = None):
    """(graph, documents) of the size a run over ``documents`` articles gives (or with about
    ``entities`` entities and ``facts`` facts)."""
    from newsgraph.graph import build_graph
    from newsgraph.types import Document, Entity, Evidence, Qualifiers, Relation

    rng = random.Random(seed)
    docs = [Document(f"news/{i:05d}.txt", f"Story {i}", f"{i:064x}", "", f"20{10 + i % 15}-0{1 + i % 9}-1{i % 9}")
            for i in range(documents)]
    by_kind: dict[str, list[str]] = {k: [] for k, _ in KINDS}
    count, entities = entities or int(documents * 1.3), []
    for i in range(count):
        kind = rng.choices([k for k, _ in KINDS], [w for _, w in KINDS])[0]
        eid = f"{kind.lower()}/name-{i}"
        by_kind[kind].append(eid)
        seen = tuple(sorted({docs[rng.randrange(documents)].id for _ in range(rng.randint(1, 3))}))
        entities.append(Entity(eid, f"Name {i}", kind, (f"N{i}",) if i % 4 == 0 else (), len(seen), seen))
    relations = {}
    tries = 0
    while (len(relations) < facts) if facts else (tries < documents):
        tries += 1
        pred = rng.choices(list(SHARE), list(SHARE.values()))[0]
        s_kind, o_kind = RELATIONS[pred]
        s, o = rng.choice(by_kind[s_kind]), rng.choice(by_kind[o_kind])
        if s == o:
            continue
        evidence = []
        for _ in range(rng.choice((1, 1, 1, 2, 3))):
            doc = docs[rng.randrange(documents)]
            start = rng.randrange(0, 4000)
            q = Qualifiers(role=rng.choice(ROLES) if pred in {"runs", "worksFor", "succeeded"} else None,
                           start=str(2000 + rng.randrange(25)) if rng.random() < 0.3 else None,
                           point=str(2000 + rng.randrange(25)) if rng.random() < 0.2 else None,
                           status=rng.choice(("start", "end", None)))
            evidence.append(Evidence(doc.id, f"Sentence {start} of {doc.id} says it.", start, start + 40,
                                     f"{pred}.verb.v1", rng.choice((0.6, 0.8, 0.9)), q))
        relations[(s, pred, o)] = Relation(s, pred, o, tuple(evidence))
    return build_graph(entities, relations.values()), docs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=8000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT))
    from newsgraph.rdf import files
    from newsgraph.store import open_store, query

    graph, docs = synthetic_graph(args.documents)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "graph.ttl"
        path.write_bytes(files(graph, "https://newsgraph.dev/id/", docs)["graph.ttl"])
        started = time.perf_counter()
        store = open_store(path)
        loaded = time.perf_counter() - started
        print(f"graph of {args.documents} documents: {len(store)} triples, loaded in {loaded:.1f} s")
        for q in sorted((ROOT / "ontologies" / "queries").glob("*.rq")):
            text = q.read_text(encoding="utf-8")
            rows = len(list(query(store, text)))  # warms the caches
            times = []
            for _ in range(args.repeat):
                started = time.perf_counter()
                list(query(store, text))
                times.append(time.perf_counter() - started)
            print(f"{q.name:18} {min(times):7.3f} s  ({rows} rows; runs {min(times):.3f}-{max(times):.3f} s)")


if __name__ == "__main__":
    main()
