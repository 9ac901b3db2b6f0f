"""spaCy's token Matcher, run only where a match can be; the same matches.

spaCy's Matcher starts every pattern at every token, and a set or regex constraint
({"POS": {"IN": [...]}}) is a Python callback there, called for each token and pattern node.
A match is a run of tokens each of which passes a node of its pattern, and it holds a token
for every node that must occur. Here the nodes each token passes come from depmatch.NodeIndex
(worked out once per distinct combination of attribute values), and spaCy's Matcher runs only
over the maximal runs of tokens passing a node of a pattern that hold a token for each of its
required nodes. Patterns with a negated node ("OP": "!") or with other constraints than plain
values, IN, NOT_IN and REGEX, and rules with a callback or a greedy filter, are matched by
spaCy over the whole Doc as before.
"""
from __future__ import annotations

import re

from spacy.matcher import Matcher as SpacyMatcher
from spacy.tokens import Doc, Span

from .depmatch import NodeIndex, compile_node

OPTIONAL = re.compile(r"^(?:\?|\*|\{0?,\d*\}|\{0\})$")
"""Quantifiers that let a node match no token."""


def compile_pattern(pattern: list[dict]) -> tuple[tuple[tuple, ...], tuple[tuple, ...]] | None:
    """(the tests of each node, the tests of each node that must match a token), or None when
    the pattern cannot be searched this way."""
    every, required = [], []
    for node in pattern:
        op = next((v for k, v in node.items() if k.upper() == "OP"), None)
        tests = compile_node({k: v for k, v in node.items() if k.upper() != "OP"})
        if tests is None or op == "!":
            return None
        every.append(tests)
        if op is None or not OPTIONAL.match(op):
            required.append(tests)
    return tuple(every), tuple(required)


class Matcher(SpacyMatcher):
    """Drop-in for ``spacy.matcher.Matcher`` (matches in order of position)."""

    def __init__(self, vocab, validate: bool = True, **kwargs):
        super().__init__(vocab, validate=validate, **kwargs)
        self._ready = False
        self._plan: list | None = None
        """For each pattern of more than one token, (node indices of every node, node indices of
        the required ones); None when spaCy must search the whole Doc."""
        self._index: NodeIndex | None = None
        self._seeds: frozenset[int] = frozenset()
        self._single: dict[int, tuple] = {}
        """Node index -> the keys of the one-token patterns that are that node alone."""
        self._keys_of: dict[frozenset[int], tuple] = {}
        """A set of nodes a token passes -> the keys of the one-token patterns it matches."""
        self._rest: SpacyMatcher | None = None
        """spaCy's Matcher with only the patterns of more than one token."""

    def add(self, key, patterns, *, on_match=None, greedy=None):
        super().add(key, patterns, on_match=on_match, greedy=greedy)
        self._ready = False

    def remove(self, key):
        super().remove(key)
        self._ready = False

    def _compiled(self) -> list | None:
        if not self._ready:
            self._ready, self._plan = True, None
            patterns = [(key, p, compile_pattern(p)) for key, ps in self._patterns.items() for p in ps]
            plain = all(self._callbacks.get(k) is None and self._filter.get(k) is None for k in self._patterns)
            if patterns and plain and all(c is not None for _, _, c in patterns):
                nodes = sorted({tests for _, _, (every, _) in patterns for tests in every}, key=repr)
                self._index = NodeIndex(self.vocab, nodes)
                n = {tests: i for i, tests in enumerate(nodes)}
                single: dict[int, list] = {}
                self._rest, self._plan = SpacyMatcher(self.vocab), []
                for key, pattern, (every, required) in patterns:
                    if len(pattern) == 1 and len(required) == 1:  # one token, which must be there
                        single.setdefault(n[required[0]], []).append(key)
                    else:
                        self._rest.add(key, [pattern])
                        self._plan.append((frozenset(n[t] for t in every), frozenset(n[t] for t in required)))
                self._single = {node: tuple(dict.fromkeys(keys)) for node, keys in single.items()}
                self._keys_of = {}
                # the nodes whose tokens are looked up: the required ones, or every node of a
                # pattern that requires none
                self._seeds = frozenset().union(*(required or every for every, required in self._plan))
        return self._plan

    def __call__(self, doclike, *, as_spans=False, allow_missing=False, with_alignments=False):
        if not isinstance(doclike, Doc) or with_alignments or not len(doclike) or self._compiled() is None:
            return super().__call__(doclike, as_spans=as_spans, allow_missing=allow_missing,
                                    with_alignments=with_alignments)
        doc = doclike
        passes = self._index(doc)
        found = []
        for i, nodes in enumerate(passes):
            keys = self._keys_of.get(nodes)
            if keys is None:
                keys = self._keys_of[nodes] = tuple(dict.fromkeys(k for node in sorted(nodes) for k in self._single.get(node, ())))
            found += [(key, i, i + 1) for key in keys]
        if self._plan:
            seen = set(found)
            for start, end in self._regions(passes):
                found += [m for m in ((key, s + start, e + start) for key, s, e in
                                      self._rest(doc[start:end], allow_missing=allow_missing)) if m not in seen]
        found.sort(key=lambda m: (m[1], m[2]))
        return [Span(doc, s, e, label=key) for key, s, e in found] if as_spans else found

    def regions(self, doc: Doc) -> list[tuple[int, int]]:
        """Disjoint token ranges holding every match of a pattern of more than one token."""
        return self._regions(self._index(doc)) if self._compiled() else []

    def _regions(self, passes: list[frozenset[int]]) -> list[tuple[int, int]]:
        """For each pattern of more than one token, the maximal runs of tokens that pass one of its
        nodes and hold a token for each of its required nodes (found around the tokens of its
        rarest required node); merged."""
        positions = self._index.positions(passes, self._seeds)
        runs = []
        for every, required in self._plan:
            if not required <= positions.keys():
                continue
            rarest = min(required, key=lambda n: len(positions[n])) if required else None
            seeds = positions[rarest] if rarest is not None else \
                sorted({i for n in every if n in positions for i in positions[n]})
            end = -1
            for i in seeds:
                if i < end:
                    continue  # inside the run found last
                start, end = i, i + 1
                while start > 0 and every & passes[start - 1]:
                    start -= 1
                while end < len(passes) and every & passes[end]:
                    end += 1
                if required <= frozenset().union(*passes[start:end]):
                    runs.append((start, end))
        merged: list[tuple[int, int]] = []
        for start, end in sorted(runs):
            if merged and start <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], end))
            else:
                merged.append((start, end))
        return merged
