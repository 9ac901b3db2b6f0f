"""Evaluate a graph against gold annotations (the format of shared/gold: *.gold.json).

The semantics are those of the project's scorer: gold entities of different files that
share a name are one (people only by a name of two or more words); both sides are closed
under cofounded => founded and runs (of an organization) => worksFor; a predicted entity maps
to the gold entities its label names (its other names only when the label names none), and
predicted triples are compared in gold-entity space.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

import rdflib
from rdflib.namespace import RDF

from .errors import PipelineError
from .graphfile import read_graph
from .types import PREDICATES

ENTITY_TYPES = {"Person", "Organization", "Organisation", "Product"}
PRIMARY = {"label", "prefLabel", "name"}
ALTERNATE = {"altLabel", "alternateName"}


def local(term) -> str:
    return re.split(r"[#/:]", str(term))[-1]


def norm(name: str) -> str:
    s = unicodedata.normalize("NFKC", str(name)).casefold().strip().replace("\u2019", "'")
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"^(the)\s+", "", s)
    s = re.sub(r"[\"“”«»]", "", s)
    return re.sub(r"\s+", " ", s).strip(" .,;:-")


def close(triples: set, type_of) -> set:
    out = set(triples)
    for s, p, o in triples:
        if p == "cofounded":
            out.add((s, "founded", o))
        if p == "runs" and type_of(o) == "Organization":
            out.add((s, "worksFor", o))
    return out


@dataclass
class Gold:
    names: dict[str, set]
    clusters: dict[tuple, dict]
    triples: set
    ignored: set = field(default_factory=set)
    """Entity pairs the gold links only by a neighbouring relation ('ignore'): whatever a graph
    says of them is scored neither right nor wrong."""


def load_gold(folder: Path) -> Gold:
    files = sorted(Path(folder).glob("*.gold.json"))
    if not files:
        raise PipelineError(f"{folder}: no *.gold.json files")
    parent: dict = {}

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    entities, relations, owner, ignore = {}, [], {}, []
    for f in files:
        try:
            data = json.loads(f.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise PipelineError(f"{f}: not a gold file ({err})") from err
        for e in data["entities"]:
            key = (f.name, e["id"])
            parent[key] = key
            entities[key] = e
            for n in e["names"]:
                k = norm(n)
                scopes = [(k, e["type"], f.name)]
                if e["type"] != "Person" or len(k.split()) > 1:
                    scopes.append((k, e["type"]))
                for scope in scopes:
                    if scope in owner:
                        a, b = find(owner[scope]), find(key)
                        if a != b:
                            parent[b] = a
                    else:
                        owner[scope] = key
        relations += [((f.name, r["s"]), r["p"], (f.name, r["o"])) for r in data["relations"]]
        ignore += [((f.name, r["a"]), (f.name, r["b"])) for r in data.get("ignore", [])]
    clusters: dict = {}
    for key, e in entities.items():
        c = clusters.setdefault(find(key), {"type": e["type"], "names": set()})
        c["names"].update(e["names"])
    names: dict[str, set] = {}
    for key, e in entities.items():
        for n in e["names"]:
            names.setdefault(norm(n), set()).add(find(key))
    triples = {(find(s), p, find(o)) for s, p, o in relations}
    return Gold(names, clusters, close(triples, lambda c: clusters[c]["type"]),
                {frozenset((find(a), find(b))) for a, b in ignore})


def load_predictions(path: Path):
    g = read_graph(path, format=None)
    ents: dict = {}
    for s, t in g.subject_objects(RDF.type):
        if local(t) in ENTITY_TYPES:
            ents.setdefault(s, {"type": local(t).replace("Organisation", "Organization"),
                                "names": set(), "primary": set()})
    for s, e in ents.items():
        for p, o in g.predicate_objects(s):
            if isinstance(o, rdflib.Literal) and local(p) in PRIMARY | ALTERNATE:
                e["names"].add(str(o))
                if local(p) in PRIMARY:
                    e["primary"].add(str(o))
    triples = {(s, local(p), o) for s, p, o in g if local(p) in PREDICATES and s in ents and o in ents}
    return ents, close(triples, lambda e: ents[e]["type"])


@dataclass
class Score:
    tp: dict = field(default_factory=dict)
    pred: dict = field(default_factory=dict)
    gold: dict = field(default_factory=dict)

    @staticmethod
    def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
        p = tp / pred if pred else 0.0
        r = tp / gold if gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return round(p, 3), round(r, 3), round(f, 3)

    def relation(self, rel: str) -> tuple[float, float, float]:
        return self.prf(self.tp.get(rel, 0), self.pred.get(rel, 0), self.gold.get(rel, 0))

    def overall(self) -> tuple[float, float, float]:
        return self.prf(sum(self.tp.values()), sum(self.pred.values()), sum(self.gold.values()))


def evaluate(graph: Path, gold_dir: Path) -> Score:
    gold = load_gold(gold_dir)
    ents, triples = load_predictions(graph)

    def lookup(names, etype):
        found = set()
        for n in names:
            found |= gold.names.get(norm(n), set())
        typed = {c for c in found if gold.clusters[c]["type"] == etype}
        return typed or found

    emap = {iri: lookup(e["primary"], e["type"]) or lookup(e["names"], e["type"]) for iri, e in ents.items()}
    predicted, unmapped = set(), []
    for s, p, o in triples:
        cands = [(cs, p, co) for cs in sorted(emap[s], key=str) for co in sorted(emap[o], key=str)]
        hits = [t for t in cands if t in gold.triples]
        cands = [t for t in cands if frozenset((t[0], t[2])) not in gold.ignored]
        if hits or cands:
            predicted.add((hits or cands)[0])
        elif emap[s] and emap[o]:
            continue  # a pair the gold ignores
        else:
            unmapped.append((s, p, o))
    score = Score()
    for rel in PREDICATES:
        g = {t for t in gold.triples if t[1] == rel}
        p = {t for t in predicted if t[1] == rel}
        score.tp[rel] = len(p & g)
        score.pred[rel] = len(p) + sum(1 for t in unmapped if t[1] == rel)
        score.gold[rel] = len(g)
    return score


def report(score: Score) -> list[str]:
    lines = [f"{'relation':11} {'P':>6} {'R':>6} {'F1':>6}  {'tp':>4} {'pred':>4} {'gold':>4}"]
    for rel in PREDICATES:
        p, r, f = score.relation(rel)
        lines.append(f"{rel:11} {p:6.3f} {r:6.3f} {f:6.3f}  {score.tp[rel]:4} {score.pred[rel]:4} {score.gold[rel]:4}")
    p, r, f = score.overall()
    lines.append(f"{'overall':11} {p:6.3f} {r:6.3f} {f:6.3f}  {sum(score.tp.values()):4} "
                 f"{sum(score.pred.values()):4} {sum(score.gold.values()):4}")
    return lines
