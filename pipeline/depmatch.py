"""spaCy's DependencyMatcher with a faster token search; same patterns, same matches.

spaCy's DependencyMatcher first runs a token Matcher with every node of every pattern over the
whole Doc. Set and regex constraints ({"LEMMA": {"IN": [...]}}) are Python callbacks there,
called for every token and every pattern node, so on news text this search cost more than the
rest of the rule stage together. Here each constraint is evaluated once per distinct string
ever seen (kept across Docs) and looked up for a Doc's tokens through its attribute arrays;
the tree search that follows is spaCy's own, over the trees that can hold a match. Patterns
using anything else than plain attribute values, IN, NOT_IN and REGEX are searched by spaCy's
Matcher as before.
"""
from __future__ import annotations

import re
from collections import defaultdict

import numpy as np
from spacy.matcher import DependencyMatcher as SpacyDependencyMatcher
from spacy.strings import get_string_id
from spacy.tokens import Doc

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
        self._seen: dict[str, list[int]] = {}
        """Attribute -> every value seen so far (string ids); a value's code is its index here."""
        self._codes: dict[str, dict[int, int]] = {}
        """Attribute -> value -> its code."""
        self._truths: dict[tuple, np.ndarray] = {}
        """Test -> whether it holds for each code of its attribute."""
        self._fast: tuple[dict[int, tuple], list[tuple]] | None = None
        """(node key -> tests, node keys of each pattern), or None when a node needs spaCy's Matcher."""

    def add(self, key, patterns, *, on_match=None):
        super().add(key, patterns, on_match=on_match)
        self._ready = False

    def remove(self, key):
        super().remove(key)
        self._ready = False

    def _compile(self) -> tuple[dict[int, tuple], list[tuple]] | None:
        """Each node key's tests, and the node keys of each pattern (in the order __call__ tries
        the patterns)."""
        compiled, patterns = {}, []
        for key in self._patterns:
            for nodes, keys in zip(self._patterns[key], self._tokens_to_key[key]):
                for node, token_key in zip(nodes, keys):
                    tests = compile_node(node[0])
                    if tests is None:
                        return None
                    compiled[token_key] = tests
                patterns.append(tuple(keys))
        return compiled, patterns

    def _compiled(self) -> tuple[dict[int, tuple], list[tuple]] | None:
        if not self._ready:
            self._fast, self._ready = self._compile(), True
        return self._fast

    def __call__(self, doclike):
        """spaCy's method, trying each pattern only in the trees that can hold it."""
        if self._compiled() is None or not isinstance(doclike, Doc) or not len(doclike):
            return super().__call__(doclike)
        doc = doclike
        maps, where = self._search(doc)
        order = {root: n for n, root in enumerate(maps)}
        matched, cache, n = [], {}, 0
        for key in self._patterns:
            for tree, tokens_to_key in zip(self._tree[key], self._tokens_to_key[key]):
                for root in sorted(where[n], key=order.__getitem__):
                    matched += [(key, m) for m in self._get_matches(cache, doc, tree, tokens_to_key, maps[root])]
                n += 1
        for i, (match_id, _) in enumerate(matched):
            on_match = self._callbacks.get(match_id)
            if on_match is not None:
                on_match(self, doc, i, matched)
        return matched

    def _get_keys_to_position_maps(self, doc):
        """{sentence root: {node key: [token positions]}}, as spaCy's method returns it, except
        that a tree is left out for a pattern unless it holds a token for every node of that
        pattern (spaCy would try every combination there and find none)."""
        if self._compiled() is None or not len(doc):
            return super()._get_keys_to_position_maps(doc)
        return self._search(doc)[0]

    def _search(self, doc) -> tuple[dict, list[set[int]]]:
        """The position maps, and for each pattern the trees (roots) that can hold it."""
        fast, patterns = self._fast
        names = sorted({name for tests in fast.values() for name, _, _ in tests})
        columns = doc.to_array(names) if names else np.zeros((len(doc), 0), dtype=np.uint64)
        if columns.ndim == 1:
            columns = columns.reshape(-1, 1)
        codes = {}  # attribute -> each token's value as a code (an index into self._seen)
        for i, name in enumerate(names):
            values, index = np.unique(columns[:, i], return_inverse=True)
            known, seen = self._codes.setdefault(name, {}), self._seen.setdefault(name, [])
            for v in values.tolist():
                if v not in known:
                    known[v] = len(seen)
                    seen.append(v)
            codes[name] = np.array([known[v] for v in values.tolist()], dtype=np.int64)[index.reshape(-1)]

        def holds(test) -> np.ndarray:
            return self._truth(test)[codes[test[0]]]

        roots = self._roots(doc).tolist()
        positions: dict[tuple, list[int]] = {}  # nodes with the same tests match the same tokens
        trees: dict[tuple, set[int]] = {}
        for tests in set(fast.values()):
            mask = np.ones(len(doc), dtype=bool)
            for test in tests:
                mask &= holds(test)
            positions[tests] = np.flatnonzero(mask).tolist()
            trees[tests] = {roots[i] for i in positions[tests]}
        found, where = set(), []
        for keys in patterns:
            common = set.intersection(*(trees[fast[k]] for k in keys))
            if common:
                found.update((i, k) for k in keys for i in positions[fast[k]] if roots[i] in common)
            where.append(common)
        maps = defaultdict(lambda: defaultdict(list))
        for i, token_key in sorted(found):
            maps[roots[i]][token_key].append(i)
        return maps, where

    def _truth(self, test) -> np.ndarray:
        """Whether ``test`` holds, for every value of its attribute seen so far (indexed by the
        value's code): each test is evaluated once per distinct string, not once per token."""
        name, op, value = test
        truth = self._truths.get(test, np.zeros(0, dtype=bool))
        seen = self._seen[name]
        if len(truth) < len(seen):
            new = seen[len(truth):]
            if op == "REGEX":
                more = [bool(value.search(self.vocab.strings[v])) for v in new]
            elif op == "==":
                more = [v == value for v in new]
            else:
                more = [(v in value) == (op == "IN") for v in new]
            truth = self._truths[test] = np.concatenate([truth, np.array(more, dtype=bool)])
        return truth

    @staticmethod
    def _roots(doc) -> np.ndarray:
        """Each token's topmost ancestor, by pointer jumping over the head array."""
        roots = np.arange(len(doc), dtype=np.int64) + doc.to_array("HEAD").astype(np.int64)
        while True:
            nxt = roots[roots]
            if np.array_equal(nxt, roots):
                return roots
            roots = nxt
