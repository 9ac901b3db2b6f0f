"""Rules stage: a parsed Doc and its Mentions -> RelationMentions with Evidence.

The rules are data (``ontologies/rules/*.json``, loaded into the Lexicon): each has an id, a
spaCy ``DependencyMatcher`` or ``Matcher`` pattern, where its arguments are, a confidence and
examples. This module runs them in order over one document; the grammar lives beside it:

* verbs.py: verb and sequence rules (who founded, acquired, developed what);
* roles.py, titles.py: role titles and what they imply;
* succession.py: role changes across clauses; brands.py: products named after their maker;
* arguments.py, grammar.py, coref.py: who and what a token stands for;
* hedges.py, qualifiers.py: negation and hedging; time and role qualifiers.
"""
from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from ..errors import RuleError
from ..lexicon import Lexicon
from ..types import ORGANIZATION, Document, Evidence, Mention, RelationMention
from . import succession
from .brands import named_after_maker
from .coref import Context
from .depmatch import DependencyMatcher
from .parse import co_prefixed
from .mentions import FURNITURE_SOURCES, sentence_index
from .records import Event, Found
from .roles import role_rule
from .seqmatch import Matcher
from .spans import name_root
from .verbs import verb_rule

COREF_FACTOR = 0.8
"""Confidence kept when an argument was reached through a pronoun or description."""
IMPLICIT_FACTOR = 0.7
"""Confidence kept when an argument is not said at all (the article's company)."""


class Extractor:
    """Compiled rules for one vocabulary; ``extract`` runs them over one document."""

    def __init__(self, lex: Lexicon, vocab: Vocab, coref: bool = True):
        self.lex = lex
        self.use_coref = coref
        """False turns off pronouns, definite descriptions and implicit arguments (for measuring them)."""
        self.dep_matcher = DependencyMatcher(vocab, validate=True)
        self.seq_matcher = Matcher(vocab, validate=True)
        for rule in lex.rules:
            try:
                if rule.kind == "sequence":
                    self.seq_matcher.add(rule.id, [list(rule.pattern)])
                elif rule.kind in {"verb", "role"}:
                    self.dep_matcher.add(rule.id, [list(rule.pattern)])
            except ValueError as err:
                raise RuleError(f"{rule.file}: rule {rule.id!r} has an invalid pattern: {err}") from err

    def extract(self, document: Document, doc: Doc, mentions: tuple[Mention, ...],
                offset: int = 0, sent_of: list[int] | None = None) -> tuple[RelationMention, ...]:
        """Relations stated in a Doc (the piece of the document that starts at ``offset``); the
        mentions are in Doc coordinates, the evidence in document coordinates."""
        ctx = self.context(doc, mentions, document.date, co_prefixed(doc, document.text, offset), sent_of)
        found: list[Found] = []
        events: list[Event] = []
        matches = [(doc.vocab.strings[mid], tuple(toks)) for mid, toks in self.dep_matcher(doc)]
        matches += [(doc.vocab.strings[mid], (s, e)) for mid, s, e in self.seq_matcher(doc)]
        for rule_id, toks in sorted(matches, key=lambda m: (m[1], m[0])):
            rule = self.lex.rule_by_id[rule_id]
            if rule.kind == "sequence":
                found += verb_rule(ctx, rule, doc[toks[0]], {}, doc[toks[0]:toks[1]])
                continue
            nodes = {n["RIGHT_ID"]: doc[t] for n, t in zip(rule.pattern, toks)}
            if rule.kind == "role":
                found += role_rule(ctx, rule, nodes["title"], nodes, events)
            else:
                found += verb_rule(ctx, rule, doc[toks[0]], nodes)
        events += succession.verb_events(ctx, doc)
        found += succession.successions(ctx, events, found)
        found += succession.successors_run(ctx, found)
        found += succession.predecessors_ran(ctx, found)
        found += named_after_maker(ctx, self.lex.rule("developed.named_after.v1"), self.lex.rule("owns.named_after.v1"))
        return self._finish(document, found, offset)

    def context(self, doc: Doc, mentions: tuple[Mention, ...], anchor: str | None = None,
                co: frozenset[int] = frozenset(), sent_of: list[int] | None = None) -> Context:
        """What the rules need of one document (mentions by token, sentences, the lexicon)."""
        token_mention, roots = {}, {}
        usable = tuple(m for m in mentions if m.source not in FURNITURE_SOURCES)
        for m in usable:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                token_mention[tok.i] = m
            roots[m] = name_root(span)
        sent_of = sentence_index(doc) if sent_of is None else sent_of
        return Context(doc, tuple(m for m in usable if m in roots), token_mention, roots, sent_of, self.lex,
                       anchor, co, self.use_coref)

    def _finish(self, document: Document, found: list[Found], offset: int = 0) -> tuple[RelationMention, ...]:
        """One RelationMention per (subject, predicate, object, sentence), its entailments added
        ('cofounded' -> 'founded'), each typed by its signature; the most confident evidence wins."""
        lex = self.lex
        out = {}
        for f in found:
            s, o = f.subject.mention, f.object.mention
            if s == o or s.text == o.text:
                continue
            preds = [f.predicate] + list(lex.entails.get(f.predicate, []))
            if o.type == ORGANIZATION:
                preds += list(lex.entails_for_organizations.get(f.predicate, []))
            sent = f.anchor.sent
            start, end = sent.start_char, sent.end_char
            if f.last_sentence is not None:
                start, end = min(start, f.last_sentence.start_char), max(end, f.last_sentence.end_char)
            start, end = start + offset, end + offset
            conf = f.rule.confidence
            if f.subject.coref or f.object.coref:
                conf *= COREF_FACTOR
            if f.subject.implicit or f.object.implicit:
                conf *= IMPLICIT_FACTOR
            ev = Evidence(document.id, document.text[start:end].strip(), start, end, f.rule.id,
                          round(conf, 3), f.qualifiers,
                          coref=f.subject.coref or f.object.coref or f.subject.implicit or f.object.implicit)
            for p in preds:
                if o.type not in lex.signatures[p][1] or s.type not in lex.signatures[p][0]:
                    continue
                key = (s.start, p, o.start, start)
                if key not in out or out[key].evidence.confidence < ev.confidence:
                    out[key] = RelationMention(s, p, o, ev)
        return tuple(out[k] for k in sorted(out))
