"""spaCy's DependencyMatcher with a faster token search; same patterns, same matches.

spaCy's DependencyMatcher first runs a token Matcher with every node of every pattern over the
whole Doc. Set and regex constraints ({"LEMMA": {"IN": [...]}}) are Python callbacks there,
called for every token and every pattern node, so on news text this search cost more than the
rest of the rule stage together. Here the node constraints are evaluated on the Doc's attribute
arrays instead (one numpy comparison per distinct constraint per Doc); the tree search that
follows is spaCy's own. Patterns using anything else than plain attribute values, IN, NOT_IN
and REGEX are searched by spaCy's Matcher as before.
"""
from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from spacy.matcher import DependencyMatcher as SpacyDependencyMatcher
from spacy.strings import get_string_id

ATTRS = frozenset({"ORTH", "LOWER", "LEMMA", "NORM", "POS", "TAG", "DEP", "ENT_TYPE", "SHAPE"})
"""Token attributes whose value is a string id, read with Doc.to_array."""


def compile_node(attrs: dict) -> tuple | None:
    """A node's token constraints as (attribute, operator, value) tests; None when unsupported."""
    tests = []
    for name, spec in attrs.items():
        name = "ORTH" if name == "TEXT" else name
        if name not in ATTRS:
            return None
        if isinstance(spec, str):
            tests.append((name, "==", get_string_id(spec)))
        elif isinstance(spec, dict) and spec and set(spec) <= {"IN", "NOT_IN", "REGEX"}:
            for op, value in sorted(spec.items()):
                if op == "REGEX":
                    tests.append((name, op, re.compile(value)))
                elif isinstance(value, list) and all(isinstance(v, str) for v in value):
                    tests.append((name, op, frozenset(get_string_id(v) for v in value)))
                else:
                    return None
        else:
            return None
    return tuple(tests)


class DependencyMatcher(SpacyDependencyMatcher):
    """Drop-in for ``spacy.matcher.DependencyMatcher``."""

    def __init__(self, vocab, *, validate: bool = False):
        super().__init__(vocab, validate=validate)
        self._ready = False
        self._searched: dict[str, dict[int, bool]] = {}
        self._fast: dict[int, tuple] | None = None
        """Node key -> tests, or None when some node needs spaCy's Matcher."""

    def add(self, key, patterns, *, on_match=None):
        super().add(key, patterns, on_match=on_match)
        self._ready = False

    def remove(self, key):
        super().remove(key)
        self._ready = False

    def _compile(self) -> dict[int, tuple] | None:
        compiled = {}
        for key, patterns in self._patterns.items():
            for nodes, keys in zip(patterns, self._tokens_to_key[key]):
                for node, token_key in zip(nodes, keys):
                    tests = compile_node(node[0])
                    if tests is None:
                        return None
                    compiled[token_key] = tests
        return compiled

    def _get_keys_to_position_maps(self, doc):
        """{sentence root: {node key: [token positions]}}, as spaCy's method returns it."""
        if not self._ready:
            self._fast, self._ready = self._compile(), True
        if self._fast is None or not len(doc):
            return super()._get_keys_to_position_maps(doc)
        names = sorted({name for tests in self._fast.values() for name, _, _ in tests})
        columns = doc.to_array(names) if names else np.zeros((len(doc), 0), dtype=np.uint64)
        if columns.ndim == 1:
            columns = columns.reshape(-1, 1)
        distinct = {}  # attribute -> (its distinct values as ints, index of each token's value)
        for i, name in enumerate(names):
            values, index = np.unique(columns[:, i], return_inverse=True)
            distinct[name] = (values.tolist(), index.reshape(-1))
        seen: dict[tuple, np.ndarray] = {}

        def holds(test) -> np.ndarray:
            name, op, value = test
            cache_key = (name, op, value.pattern if op == "REGEX" else value)
            if cache_key not in seen:
                values, index = distinct[name]
                if op == "REGEX":  # the answer for a string is kept: texts repeat from Doc to Doc
                    known = self._searched.setdefault(value.pattern, {})
                    hit = [known[v] if v in known else known.setdefault(v, bool(value.search(self.vocab.strings[v])))
                           for v in values]
                elif op == "==":
                    hit = [v == value for v in values]
                else:
                    hit = [(v in value) == (op == "IN") for v in values]
                seen[cache_key] = np.array(hit, dtype=bool)[index]
            return seen[cache_key]

        found = []
        positions: dict[tuple, list[int]] = {}  # nodes with the same tests match the same tokens
        for token_key, tests in self._fast.items():
            if tests not in positions:
                mask = np.ones(len(doc), dtype=bool)
                for test in tests:
                    mask &= holds(test)
                positions[tests] = np.flatnonzero(mask).tolist()
            found += [(i, token_key) for i in positions[tests]]
        heads = np.arange(len(doc), dtype=np.int64) + doc.to_array("HEAD").astype(np.int64)
        roots = heads
        while True:  # pointer jumping: each token's topmost ancestor
            nxt = roots[roots]
            if np.array_equal(nxt, roots):
                break
            roots = nxt
        maps = defaultdict(lambda: defaultdict(list))
        roots = roots.tolist()
        for i, token_key in sorted(found):
            maps[roots[i]][token_key].append(i)
        return maps
