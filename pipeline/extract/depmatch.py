"""spaCy's DependencyMatcher with a faster token search; same patterns, same matches.

spaCy's DependencyMatcher first runs a token Matcher with every node of every pattern over the
whole Doc. Set and regex constraints ({"LEMMA": {"IN": [...]}}) are Python callbacks there,
called for every token and every pattern node, so on news text this search cost more than the
rest of the rule stage together. Here a token is known by the values of the attributes the
patterns test (read for a whole Doc with Doc.to_array), and the nodes a combination of values
passes are worked out once, the first time it is seen (kept across Docs); the tree search that
follows is spaCy's own, over the trees that can hold a match. Patterns
using anything else than plain attribute values, IN, NOT_IN, REGEX and the IS_* flags are
searched by spaCy's Matcher as before.
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
FLAGS = frozenset({"IS_ALPHA", "IS_ASCII", "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_PUNCT",
                   "IS_SPACE", "IS_STOP", "LIKE_NUM", "LIKE_URL", "LIKE_EMAIL"})
"""True/false token attributes (1 or 0 in Doc.to_array)."""


def compile_node(attrs: dict) -> tuple | None:
    """A node's token constraints as (attribute, operator, value) tests; None when unsupported."""
    tests = []
    for name, spec in attrs.items():
        name = name.upper()
        name = "ORTH" if name == "TEXT" else name
        if name in FLAGS and isinstance(spec, bool):
            tests.append((name, "==", int(spec)))
            continue
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


MAX_KNOWN = 20_000
"""Most distinct combinations of token values remembered per index (about 250 bytes each);
beyond, the index starts afresh, so memory does not grow with the corpus."""


class NodeIndex:
    """Which of some nodes (tuples of compile_node tests) each token of a Doc passes. A token is
    known by the values of the attributes the nodes test, read for the whole Doc at once. The
    nodes a combination of values passes are worked out the first time it is seen (kept across
    Docs), as the intersection of the nodes each of its values passes, attribute by attribute
    (also worked out once per value): a test runs once per distinct value, not once per token."""

    def __init__(self, vocab, nodes: list[tuple]):
        self.vocab = vocab
        self.nodes = nodes
        self.names = sorted({name for node in nodes for name, _, _ in node})
        self._everything = (1 << len(nodes)) - 1
        self._tables = {name: self._table([(n, op, expected) for n, tests in enumerate(nodes)
                                           for t, op, expected in tests if t == name]) for name in self.names}
        self._masks: dict[str, dict[int, int]] = {name: {} for name in self.names}
        """Attribute -> value -> the nodes (bits) whose tests of that attribute the value passes."""
        self._passes: dict[tuple, frozenset[int]] = {}
        self._sets: dict[int, frozenset[int]] = {}
        """One copy of each set of nodes (few distinct ones are shared by many combinations)."""

    def __call__(self, doc: Doc) -> list[frozenset[int]]:
        """For each token, the indices of the nodes it passes."""
        if len(self._passes) > MAX_KNOWN:
            self._passes.clear()
            for known in self._masks.values():
                known.clear()
        rows = doc.to_array(self.names).reshape(len(doc), -1).tolist() if self.names else [[]] * len(doc)
        out = []
        for row in rows:
            values = tuple(row)
            nodes = self._passes.get(values)
            if nodes is None:
                nodes = self._passes[values] = self._passed(values)
            out.append(nodes)
        return out

    @staticmethod
    def positions(passes: list[frozenset[int]], wanted: frozenset[int] | None = None) -> dict[int, list[int]]:
        """Node -> the tokens that pass it, in order (from what __call__ returned); only for the
        ``wanted`` nodes if given (a node most tokens pass is costly to list)."""
        out: dict[int, list[int]] = {}
        narrowed: dict[frozenset[int], tuple[int, ...]] = {}  # few distinct sets of nodes
        for i, nodes in enumerate(passes):
            keep = nodes if wanted is None else narrowed.get(nodes)
            if keep is None:
                keep = narrowed[nodes] = tuple(nodes & wanted)
            for n in keep:
                out.setdefault(n, []).append(i)
        return out

    def _passed(self, values: tuple[int, ...]) -> frozenset[int]:
        mask = self._everything
        for name, value in zip(self.names, values):
            known = self._masks[name]
            bits = known.get(value)
            if bits is None:
                bits = known[value] = self._mask(name, value)
            mask &= bits
        nodes = self._sets.get(mask)
        if nodes is None:
            nodes = self._sets[mask] = frozenset(n for n in range(len(self.nodes)) if mask >> n & 1)
        return nodes

    def _mask(self, name: str, value: int) -> int:
        """The nodes (bits) that the value of one attribute does not fail."""
        equal, listed, unlisted, regexes = self._tables[name]
        failed = (equal[None] & ~equal.get(value, 0)) | (listed[None] & ~listed.get(value, 0)) | unlisted.get(value, 0)
        for n, expected in regexes:
            if not expected.search(self.vocab.strings[value]):
                failed |= 1 << n
        return self._everything & ~failed

    @staticmethod
    def _table(tests: list[tuple]) -> tuple:
        """One attribute's tests as lookups: (value -> nodes whose == test it passes, value ->
        nodes whose IN set holds it, value -> nodes whose NOT_IN set holds it, regex tests);
        under None, every node with a test of that kind."""
        equal: dict = {None: 0}
        listed: dict = {None: 0}
        unlisted: dict = {}
        regexes = []
        for n, op, expected in tests:
            bit = 1 << n
            if op == "REGEX":
                regexes.append((n, expected))
            elif op == "==":
                equal[None] |= bit
                equal[expected] = equal.get(expected, 0) | bit
            else:
                table = listed if op == "IN" else unlisted
                if op == "IN":
                    listed[None] |= bit
                for v in expected:
                    table[v] = table.get(v, 0) | bit
        return equal, listed, unlisted, regexes


class DependencyMatcher(SpacyDependencyMatcher):
    """Drop-in for ``spacy.matcher.DependencyMatcher``."""

    def __init__(self, vocab, *, validate: bool = False):
        super().__init__(vocab, validate=validate)
        self._ready = False
        self._fast: tuple[dict[int, tuple], list[tuple]] | None = None
        """(node key -> tests, node keys of each pattern), or None when a node needs spaCy's Matcher."""
        self._index: NodeIndex | None = None
        """The distinct nodes of the patterns (nodes with the same tests match the same tokens)."""
        self._pattern_nodes: list[list[int]] = []
        """For each pattern, the index's node of each of its node keys."""

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
            if self._fast:
                fast, patterns = self._fast
                self._index = NodeIndex(self.vocab, sorted(set(fast.values()), key=repr))
                node_of = {tests: n for n, tests in enumerate(self._index.nodes)}
                self._pattern_nodes = [[node_of[fast[k]] for k in keys] for keys in patterns]
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
        positions = self._index.positions(self._index(doc))
        roots = self._roots(doc).tolist()
        trees = {n: {roots[i] for i in at} for n, at in positions.items()}
        found, where = set(), []
        for keys, nodes in zip(self._fast[1], self._pattern_nodes):
            common = set.intersection(*(trees.get(n, set()) for n in nodes))
            if common:
                found.update((i, k) for k, n in zip(keys, nodes) for i in positions[n] if roots[i] in common)
            where.append(common)
        maps = defaultdict(lambda: defaultdict(list))
        for i, token_key in sorted(found):
            maps[roots[i]][token_key].append(i)
        return maps, where

    @staticmethod
    def _roots(doc) -> np.ndarray:
        """Each token's topmost ancestor, by pointer jumping over the head array."""
        roots = np.arange(len(doc), dtype=np.int64) + doc.to_array("HEAD").astype(np.int64)
        while True:
            nxt = roots[roots]
            if np.array_equal(nxt, roots):
                return roots
            roots = nxt
