"""Precision and recall of the pipeline on the development set, per relation.

Usage: python -m tests.dev.report [--show] [--sweep] [--no-coref]
Expected relations are closed like the shared scorer: cofounded => founded,
runs (of an organization) => worksFor; predictions are compared as sets of
(subject label, relation, object label) per case.
"""
from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

CASES = Path(__file__).with_name("cases.jsonl")
RELATIONS = ("founded", "cofounded", "succeeded", "runs", "developed", "owns", "worksFor", "educatedAt")
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(20))


def load_cases() -> list[dict]:
    return [json.loads(line) for line in CASES.read_text(encoding="utf-8").splitlines() if line.strip()]


def close(triples, types) -> set:
    out = set(triples)
    for s, p, o in triples:
        if p == "cofounded":
            out.add((s, "founded", o))
        if p == "runs" and types.get(o, "Organization") == "Organization":
            out.add((s, "worksFor", o))
    return out


def extract(engine, cases) -> list[tuple[dict, set, list[tuple[tuple, float]], dict]]:
    """Per case: (case, expected triples, [(predicted triple, confidence)], entity types)."""
    from newsgraph.resolve import resolve
    out = []
    for case in cases:
        extraction = next(engine.extract([engine.document(case["text"], case["id"])]))
        entities, relations = resolve([extraction], dict(engine.lex.signatures), engine.lex.names)
        label = {e.id: e.label for e in entities}
        types = {e.label: e.type for e in entities}
        got = [((label[r.subject], r.predicate, label[r.object]), r.confidence) for r in relations]
        out.append((case, close({tuple(t) for t in case["expect"]}, types), got, types))
    return out


def score(extracted, min_confidence: float = 0.0):
    """Per-case (expected, predicted) sets and per-relation counts at a confidence threshold."""
    tp, fp, fn = Counter(), Counter(), Counter()
    rows = []
    for case, want, got, types in extracted:
        kept = close({t for t, c in got if c >= min_confidence}, types)
        for t in kept & want:
            tp[t[1]] += 1
        for t in kept - want:
            fp[t[1]] += 1
        for t in want - kept:
            fn[t[1]] += 1
        rows.append((case, want, kept))
    return rows, tp, fp, fn


def prf(tp, fp, fn):
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def overall(tp, fp, fn):
    return prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))


def best_threshold(extracted) -> float:
    """The confidence threshold with the best overall F1; the highest one among ties."""
    f1 = {t: round(overall(*score(extracted, t)[1:])[2], 4) for t in THRESHOLDS}
    best = max(f1.values())
    return max(t for t, f in f1.items() if f == best)


def main() -> None:
    from newsgraph.config import DEFAULT_MIN_CONFIDENCE
    from newsgraph.extract.engine import Engine
    engine = Engine.load()
    engine.extractor.use_coref = "--no-coref" not in sys.argv
    extracted = extract(engine, load_cases())
    rows, tp, fp, fn = score(extracted, DEFAULT_MIN_CONFIDENCE)
    if "--show" in sys.argv:
        for case, want, got in rows:
            if want != got:
                print(f"{case['id']}: {case['text']}")
                print(f"   missing {sorted(want - got)}")
                print(f"   extra   {sorted(got - want)}")
    if "--sweep" in sys.argv:
        for t in THRESHOLDS:
            p, r, f = overall(*score(extracted, t)[1:])
            print(f"min-confidence {t:.2f}: P={p:.3f} R={r:.3f} F1={f:.3f}")
        print(f"best: {best_threshold(extracted)}")
    print(f"{'relation':11} {'P':>5} {'R':>5} {'F1':>5}  tp fp fn   (min-confidence {DEFAULT_MIN_CONFIDENCE})")
    for rel in RELATIONS:
        p, r, f = prf(tp[rel], fp[rel], fn[rel])
        print(f"{rel:11} {p:5.2f} {r:5.2f} {f:5.2f}  {tp[rel]:2} {fp[rel]:2} {fn[rel]:2}")
    p, r, f = overall(tp, fp, fn)
    print(f"{'overall':11} {p:5.2f} {r:5.2f} {f:5.2f}  {sum(tp.values()):2} {sum(fp.values()):2} {sum(fn.values()):2}")


if __name__ == "__main__":
    main()
