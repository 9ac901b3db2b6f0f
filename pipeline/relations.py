"""Rules stage: a parsed Doc and its Mentions -> RelationMentions with Evidence.

The rules are data (``ontologies/rules/*.json``): each has an id, a spaCy
``DependencyMatcher`` or ``Matcher`` pattern, where its arguments are, a
confidence and examples. This module holds the grammar the rules share:
who the actor of a verb is (active, passive, relative clause, coordination),
what a role title says (lexicon ``titles``), negation and hedging, the time
and role qualifiers, and the succession of roles across clauses.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from spacy.symbols import VERB
from spacy.tokens import Doc, Span, Token
from spacy.vocab import Vocab

from . import coref, when
from .depmatch import DependencyMatcher
from .errors import RuleError
from .lexicon import expand, lexicon, read_json, words
from .mentions import FURNITURE_SOURCES, sentence_index
from .seqmatch import Matcher
from .types import (ORGANIZATION, PERSON, PLACE, Document, Evidence, Mention, Qualifiers,
                    RelationMention)

NOMINAL_SUBJ = {"nsubj", "csubj"}
PASSIVE_SUBJ = {"nsubjpass", "csubjpass"}
APPOSITION_DEPS = {"appos", "dobj", "conj", "pobj", "npadvmod"}
"""Where the small model hangs a noun phrase that stands in apposition after a name and a comma
(besides appos: 'included X and Y, the venture firm founded by ...' with 'firm' as an object)."""
"""Subjects of active and passive clauses."""
CLAUSE_INHERIT = {"conj", "xcomp", "advcl", "dep"}
"""A verb with no subject of its own takes the subject of the verb it hangs from."""
HEDGE_CLIMB = {"xcomp", "ccomp", "aux", "auxpass", "prep", "pobj", "dobj", "attr",
               "acomp", "oprd", "appos", "compound", "amod", "nmod", "npadvmod"}
"""Links along which a negation or hedge reaches down to a trigger: complements ('did not agree
to buy'), not coordinated, relative or adverbial clauses ('did not join X after graduating')."""
LIST_CLIMB = {"appos", "conj", "pobj", "prep", "dobj", "attr", "npadvmod", "compound", "nmod"}
"""Links a title in a list hangs from on its way up to the clause verb."""
NAMING_VERBS = {"name", "appoint", "elect", "choose", "pick", "tap", "select", "promote", "install",
                "hire", "make", "nominate", "designate", "confirm"}
"""Verbs whose object, not subject, takes the role: 'the board named her CEO'."""
ROLE_VERBS = NAMING_VERBS | {"be", "become", "remain", "serve", "hold", "assume", "return", "continue",
                             "stay", "step", "resign", "retire", "leave", "quit", "take", "work", "act",
                             "join", "start", "begin", "replace", "succeed", "have", "hand", "rejoin"}
"""Verbs that say something about their subject's role when a title is their object."""
COREF_FACTOR = 0.8
IMPLICIT_FACTOR = 0.7




TAKE_OVER, QUIT = frozenset({"take", "step"}), frozenset({"resign", "retire", "quit"})
ANNOUNCE = frozenset({"announce", "submit", "tender"})
"""The verbs of role changes without a title (_verb_events): 'takes over', 'quits', 'announced
his resignation'; any other verb makes no event."""
CO = re.compile(r"co-", re.IGNORECASE)


def co_prefixed(doc: Doc, text: str, offset: int = 0) -> frozenset[int]:
    """Tokens right after a 'co-' in the document text (the model reads them without it)."""
    if not len(doc):
        return frozenset()
    stop = offset + doc[-1].idx + len(doc[-1].text_with_ws)  # (Doc.text would join every token)
    ends = [m.end() - offset for m in CO.finditer(text, max(0, offset - 3), stop)]
    if not ends:
        return frozenset()
    starts = doc.to_array("IDX").tolist()
    found = set()
    for end in ends:
        i = bisect_left(starts, end)
        if i < len(starts) and starts[i] == end:
            found.add(i)
    return frozenset(found)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    """'verb' and 'role' (DependencyMatcher), 'sequence' (Matcher)."""
    pattern: tuple
    confidence: float
    predicate: str | None = None
    subject: str | None = None
    object: str | None = None
    holder: str | None = None
    co_agents: bool | str = False
    prefix: str | None = None
    """'co-': the trigger must have been written with this prefix (see nlp.co_prefix)."""
    subject_types: tuple[str, ...] | None = None
    object_types: tuple[str, ...] | None = None
    examples: tuple = ()
    file: str = ""


@dataclass(slots=True)
class Arg:
    mention: Mention
    coref: bool = False
    implicit: bool = False


@dataclass(slots=True)
class Event:
    """A person starting or ending a role, for succession across clauses."""

    person: Arg
    status: str
    title: str | None
    sentence: int
    token: int


@dataclass(slots=True)
class Found:
    subject: Arg
    predicate: str
    object: Arg
    rule: Rule
    anchor: Token
    qualifiers: Qualifiers = field(default_factory=Qualifiers)
    last_sentence: Span | None = None


def _only(values) -> str | None:
    """The one value of a collection that has exactly one, else None."""
    return next(iter(values)) if len(values) == 1 else None


def load_rules(folder: Path) -> tuple[list[Rule], dict]:
    """All rules of ontologies/rules/*.json, checked against the predicate signatures."""
    sig = read_json(folder / "rules" / "signatures.json")
    rules, seen = [], set()
    lex = lexicon(str(folder))
    lex = dict(lex, title_heads=sorted(title_heads(lex)))
    for path in sorted((folder / "rules").glob("*.json")):
        if path.name == "signatures.json":
            continue
        kind = {"roles.json": "role", "sequences.json": "sequence", "discourse.json": "discourse"}.get(path.name, "verb")
        for raw in read_json(path).get("rules", []):
            try:
                rule = Rule(id=raw["id"], kind=raw.get("kind", kind), pattern=tuple(expand(raw["pattern"], lex)),
                            confidence=float(raw["confidence"]), predicate=raw.get("predicate"),
                            subject=raw.get("subject"), object=raw.get("object"), holder=raw.get("holder"),
                            co_agents=raw.get("co_agents", False), prefix=raw.get("prefix"),
                            subject_types=tuple(raw["subject_types"]) if "subject_types" in raw else None,
                            object_types=tuple(raw["object_types"]) if "object_types" in raw else None,
                            examples=tuple(raw.get("examples", ())), file=path.name)
            except (KeyError, TypeError, ValueError) as err:
                raise RuleError(f"{path.name}: rule {raw.get('id', '?')!r} is malformed ({err!r})") from err
            if rule.id in seen:
                raise RuleError(f"{path.name}: rule id {rule.id!r} is used twice")
            if rule.predicate and rule.predicate not in sig["signatures"]:
                raise RuleError(f"{path.name}: rule {rule.id!r} emits undeclared predicate {rule.predicate!r}")
            if not 0 < rule.confidence <= 1:
                raise RuleError(f"{path.name}: rule {rule.id!r} has confidence outside (0, 1]")
            seen.add(rule.id)
            rules.append(rule)
    return rules, sig


def title_heads(lex: dict) -> set[str]:
    """Head words of the role titles (last word of each phrase), in every case they appear."""
    heads = set()
    for phrase in lex["titles"]["phrases"]:
        last = phrase.split()[-1]
        for form in (last, last + "s"):
            heads |= {form, form.upper(), form.capitalize()}
    return heads


class Extractor:
    """Compiled rules for one vocabulary; ``extract`` runs them over one document."""

    def __init__(self, folder: Path, vocab: Vocab, coref: bool = True):
        self.use_coref = coref
        """False turns off pronouns, definite descriptions and implicit arguments (for measuring them)."""
        self.rules, sig = load_rules(folder)
        self.by_id = {r.id: r for r in self.rules}
        self.signatures = {p: (tuple(s), tuple(o)) for p, (s, o) in sig["signatures"].items()}
        self.entails = sig["entails"]
        self.entails_org = sig["entails_for_organizations"]
        lex = lexicon(str(folder))
        titles = lex["titles"]
        self.title_preds = {k: tuple(v) for k, v in titles["phrases"].items() if not k.startswith("_")}
        self.same_role = {k: v for k, v in titles["same_role"].items() if not k.startswith("_")}
        heads = {p.split()[-1] for p in self.title_preds}
        self.heads = frozenset(heads | {h + "s" for h in heads})
        """Lower-cased head words of the role titles, singular and plural."""
        self.rank = words(titles, "rank_modifiers")
        self.dept_heads = words(titles, "department_heads")
        self.negations = words(lex, "negations")
        self.hedges = words(lex, "hedges")
        self.modals = words(lex, "modal_hedges")
        self.infinitive_hedges = words(lex, "infinitive_hedges")
        self.start_words = words(lex, "start_words")
        self.end_words = words(lex, "end_words")
        self.joining_verbs = words(lex, "joining_verbs")
        self.org_nouns = words(lex, "org_nouns")
        self.company_nouns = words(lex, "company_nouns")
        self.person_nouns = words(lex, "person_nouns")
        self.reporting = words(lex, "reporting_verbs")
        self.schools = words(lex, "education_words")
        self._hedged: dict[int, bool] = {}
        self.dep_matcher = DependencyMatcher(vocab, validate=True)
        self.seq_matcher = Matcher(vocab, validate=True)
        for rule in self.rules:
            try:
                if rule.kind == "sequence":
                    self.seq_matcher.add(rule.id, [list(rule.pattern)])
                elif rule.kind in {"verb", "role"}:
                    self.dep_matcher.add(rule.id, [list(rule.pattern)])
            except ValueError as err:
                raise RuleError(f"{rule.file}: rule {rule.id!r} has an invalid pattern: {err}") from err

    # ------------------------------------------------------------------
    def extract(self, document: Document, doc: Doc, mentions: tuple[Mention, ...],
                offset: int = 0, sent_of: list[int] | None = None) -> tuple[RelationMention, ...]:
        """Relations stated in a Doc (the piece of the document that starts at ``offset``); the
        mentions are in Doc coordinates, the evidence in document coordinates."""
        text = document.text
        self._hedged: dict[int, bool] = {}  # token -> hedged? (asked again for every rule it triggers)
        co = co_prefixed(doc, text, offset)
        ctx = self._context(doc, mentions, document.date, co, sent_of)
        found: list[Found] = []
        events: list[Event] = []
        matches = [(doc.vocab.strings[mid], tuple(toks)) for mid, toks in self.dep_matcher(doc)]
        matches += [(doc.vocab.strings[mid], (s, e)) for mid, s, e in self.seq_matcher(doc)]
        for rule_id, toks in sorted(matches, key=lambda m: (m[1], m[0])):
            rule = self.by_id[rule_id]
            if rule.kind == "sequence":
                found += self._verb(rule, doc[toks[0]], {}, ctx, doc[toks[0]:toks[1]])
                continue
            nodes = {n["RIGHT_ID"]: doc[t] for n, t in zip(rule.pattern, toks)}
            if rule.kind == "role":
                found += self._role(rule, nodes["title"], nodes, ctx, events)
            else:
                found += self._verb(rule, doc[toks[0]], nodes, ctx)
        events += self._verb_events(doc, ctx)
        found += self._successions(events, ctx, found)
        found += self._successors_run(found)
        found += self._predecessors_ran(found)
        return self._finish(document, doc, found, offset)

    def _context(self, doc: Doc, mentions: tuple[Mention, ...], anchor: str | None = None,
                 co: frozenset[int] = frozenset(), sent_of: list[int] | None = None) -> coref.Context:
        token_mention, roots = {}, {}
        usable = tuple(m for m in mentions if m.source not in FURNITURE_SOURCES)
        for m in usable:
            span = doc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                token_mention[tok.i] = m
            roots[m] = span.root
        sent_of = sentence_index(doc) if sent_of is None else sent_of
        return coref.Context(doc, tuple(m for m in usable if m in roots), token_mention, roots,
                             self.company_nouns, sent_of, anchor, co, self.schools, self.person_nouns)

    # -- arguments ------------------------------------------------------
    def args_at(self, tok: Token | None, ctx: coref.Context, conj: bool = True) -> list[Arg]:
        """The entity mentions a token stands for (with its conjuncts)."""
        if tok is None:
            return []
        out: list[Arg] = []
        if tok.i in ctx.token_mention:
            out.append(Arg(ctx.token_mention[tok.i]))
        elif tok.lower_ == "whose":  # 'Alibaba, whose founder Jack Ma ...': the name the clause is on
            clause = next((t for t in tok.ancestors if t.dep_ == "relcl"), None)
            return self.args_at(clause.head, ctx, conj=False) if clause is not None else []
        elif tok.pos_ == "PRON" or tok.lower_ in coref.PERSON_PRONOUNS | coref.PLURAL_PRONOUNS:
            out += [Arg(m, coref=True) for m in ctx.antecedents(tok)] if self.use_coref else []
        elif tok.pos_ == "NOUN" and tok.dep_ == "appos" and tok.lower_ in self.heads and \
                ctx.token_mention.get(tok.head.i) is not None and ctx.token_mention[tok.head.i].type == PERSON:
            # 'Donahoe, a former eBay chief executive who also ran ServiceNow': the title stands
            # for the person it describes, not for the company that modifies it
            out.append(Arg(ctx.token_mention[tok.head.i]))
        elif tok.pos_ in {"NOUN", "PROPN"}:
            named = [c for c in tok.children if c.dep_ in {"appos", "compound", "nmod", "amod", "nsubj"}
                     and c.i in ctx.token_mention and ctx.token_mention[c.i].type != PLACE]
            if not named:  # 'the ABC television network': the name modifies a modifier of the noun
                named = [g for c in tok.children if c.dep_ == "compound" and c.pos_ == "NOUN"
                         for g in c.children if g.dep_ == "compound" and g.i in ctx.token_mention
                         and ctx.token_mention[g.i].type != PLACE]
            nxt = tok.i + 1
            if not named and nxt < len(ctx.doc) and nxt in ctx.token_mention and ctx.doc[nxt].dep_ != "poss":
                named = [ctx.doc[nxt]]
            examples = [] if named else self._examples(tok, ctx)
            if named:
                out.append(Arg(ctx.token_mention[named[0].i]))
                out += [Arg(ctx.token_mention[c.i]) for c in named[0].conjuncts if c.i in ctx.token_mention]
            elif examples:
                out += examples
            else:
                start = tok.left_edge.i
                if tok.dep_ in APPOSITION_DEPS and start >= 2 and ctx.doc[start - 1].text == "," and \
                        start - 2 in ctx.token_mention:
                    # 'X, the venture firm founded by ...' stands for the name right before the
                    # comma, whatever the parser hung it on ('included A and X, the firm ...')
                    out.append(Arg(ctx.token_mention[start - 2]))
                elif tok.dep_ == "appos" and tok.head.i in ctx.token_mention:
                    out.append(Arg(ctx.token_mention[tok.head.i]))
                elif self.use_coref:
                    out += [Arg(m, coref=True) for m in ctx.antecedents(tok)]
        if conj:
            for c in tok.conjuncts:
                out += self.args_at(c, ctx, conj=False)
        seen, unique = set(), []
        for a in out:
            if a.mention not in seen:
                seen.add(a.mention)
                unique.append(a)
        return unique

    def _examples(self, noun: Token, ctx) -> list[Arg]:
        """'products such as X and Y', 'a series of apps including X': the named members of a group."""
        out: list[Arg] = []
        heads = [noun] + [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"
                          for p in c.children if p.dep_ == "pobj"]
        for h in heads:
            for c in h.children:
                if c.dep_ == "prep" and (c.lower_ in {"including", "like"} or
                                         (c.lower_ == "as" and c.i > 0 and ctx.doc[c.i - 1].lower_ == "such")):
                    for p in c.children:
                        if p.dep_ == "pobj" and p.i in ctx.token_mention:
                            out.append(Arg(ctx.token_mention[p.i]))
                            out += [Arg(ctx.token_mention[x.i]) for x in p.conjuncts if x.i in ctx.token_mention]
        return out

    @staticmethod
    def verb_of(tok: Token) -> Token:
        """The verb a word belongs to (the word itself when it is one)."""
        node = tok
        for _ in range(6):
            if node.pos_ in {"VERB", "AUX"}:
                return node
            if node.head == node:
                break
            node = node.head
        return tok

    def actor_tokens(self, verb: Token) -> list[Token]:
        """Who does what the verb says: its subject, the agent of a passive, or an inherited subject."""
        kids = list(verb.children)
        agents = [p for a in kids if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
        if any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in kids) or agents and verb.tag_ == "VBN":
            return agents  # (a participle with a 'by' agent is passive too: 'which is majority-owned by X')
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            if agents or verb.head.dep_ != "ROOT" or verb.head.pos_ != "PROPN":
                return agents
            # the parser found no verb for the sentence and hung its predicate on the subject:
            # 'Lin Bin, who was president until 2019, studied at X' (ROOT 'Bin', 'studied' acl)
            return [verb.head]
        subj = [c for c in kids if c.dep_ in NOMINAL_SUBJ]
        if subj:
            if subj[0].lower_ in coref.RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return [verb.head]
            return subj
        if verb.dep_ == "relcl":
            return [verb.head]
        if verb.dep_ == "conj" and verb.left_edge.i > 0:
            before = verb.doc[verb.left_edge.i - 1]
            if before.pos_ == "PROPN" and before.dep_ == "conj" and before.head.i < before.i and \
                    before.head.dep_ not in NOMINAL_SUBJ:
                # 'A is the chief executive and B is president', parsed with B joined to the
                # first clause's title: B is the second clause's subject, not A
                return [before]
        if verb.dep_ in CLAUSE_INHERIT and verb.head != verb and verb.head.pos_ in {"VERB", "AUX"}:
            if verb.dep_ in {"advcl", "xcomp"} and verb.tag_ == "VBG" and verb.head.lemma_.lower() in NAMING_VERBS:
                named = [c for c in verb.head.children if c.dep_ == "dobj"]
                if named:
                    return named  # 'appointed X as CEO, replacing Y': X replaces
            if verb.dep_ in {"conj", "xcomp"} and verb.tag_ != "VBN" and \
                    any(c.dep_ in PASSIVE_SUBJ for c in verb.head.children):
                # 'X was born in Y and studied at Z', 'X was named to succeed Y': an active verb
                # joined to a passive one shares its subject, not its agent
                return self.patient_tokens(verb.head)
            return self.actor_tokens(verb.head)
        if verb.dep_ == "pcomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
            # 'worked at X before starting Y': the gerund's subject is the main verb's
            return self.actor_tokens(verb.head.head)
        return []

    def patient_tokens(self, verb: Token) -> list[Token]:
        """What the verb is done to: the object, or the subject of a passive."""
        kids = list(verb.children)
        passive = [c for c in kids if c.dep_ in PASSIVE_SUBJ]
        if passive:
            if passive[0].lower_ in coref.RELATIVE_PRONOUNS and verb.dep_ == "relcl":
                return [verb.head]
            return passive
        if verb.dep_ == "acl" and verb.tag_ == "VBN":
            return [verb.head]
        if verb.dep_ == "conj" and any(c.dep_ == "auxpass" for c in kids) and \
                verb.head.lemma_.lower() in self.end_words:
            # 'X is retiring and will be replaced by Y': a passive without a subject of its own,
            # after a verb of leaving, is done to whoever leaves
            return self.actor_tokens(verb.head)
        if verb.dep_ == "acomp" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in kids):
            # 'which is majority-owned by X': the participle is done to the copula's subject
            return self.actor_tokens(verb.head)
        objects = [c for c in kids if c.dep_ in {"dobj", "obj"}]
        relative_adverb = any(c.lower_ in {"where", "when", "why", "how"} for c in kids)
        complement = any(c.dep_ in {"xcomp", "ccomp"} for c in kids)
        if verb.dep_ == "relcl" and (any(o.lower_ in coref.RELATIVE_PRONOUNS for o in objects) or not objects
                                     and not relative_adverb and not complement
                                     and any(c.dep_ == "nsubj" and c.lower_ not in coref.RELATIVE_PRONOUNS
                                             for c in kids)):
            return [verb.head]
        if not objects:  # a misparse hides the object in a clause: 'unveiled the X smartphone'
            objects = [c for c in kids if c.dep_ in {"ccomp", "xcomp", "oprd"} and c.pos_ in {"NOUN", "PROPN"}]
        return objects

    @staticmethod
    def prep_tokens(verb: Token, names: set[str]) -> list[Token]:
        """Objects of the named prepositions on the verb, or on its object and their phrases
        ('worked as an engineer at X', 'earned a degree in physics from X', '... and an MBA from Y'),
        or the place a 'where' clause describes ('X, where she worked')."""
        out, frontier = [], [verb]
        if verb.dep_ == "relcl" and "at" in names and any(c.lower_ == "where" for c in verb.children):
            out.append(verb.head)  # 'SolarCity, where he had worked since 2016'
        for depth in range(3):
            nxt = []
            for h in frontier:
                for c in h.children:
                    if c.dep_ in {"prep", "dative", "agent"}:
                        pobjs = [p for p in c.children if p.dep_ == "pobj"]
                        # 'dropped out of X', 'moved away from X'
                        out += [p for cc in c.children if cc.dep_ == "prep" and cc.lower_ in names
                                for p in cc.children if p.dep_ == "pobj"]
                        if c.lower_ in names:
                            out += pobjs
                            # '... from X and an MBA from Y': a common noun joined to the object
                            out += [o for p in pobjs for j in p.children if j.dep_ == "conj" and j.pos_ == "NOUN"
                                    for jp in j.children if jp.dep_ == "prep" and jp.lower_ in names
                                    for o in jp.children if o.dep_ == "pobj"]
                        elif depth < 2:
                            nxt += pobjs
                    elif c.dep_ == "dobj" and h is verb:
                        # '... a degree from X and a master's degree from Y': the joined objects too
                        nxt += [c] + [j for j in c.children if j.dep_ == "conj" and j.pos_ == "NOUN"]
            frontier = nxt
        return out

    def slot(self, spec: str, trigger: Token, nodes: dict, ctx, span: Span | None) -> list[Arg]:
        """Resolve a rule's argument spec (see ontologies/rules/verbs.json) to mentions."""
        kind, _, name = spec.partition(":")
        verb = self.verb_of(trigger)
        if kind == "actor":
            toks = self.actor_tokens(verb)
        elif kind == "patient":
            toks = self.patient_tokens(verb)
        elif kind == "prep":
            toks = self.prep_tokens(verb, set(name.split("|")))
        elif kind == "node":
            toks = [nodes[name]]
        elif kind == "described":
            toks = [self.described(nodes[name])]
        elif kind == "owner":
            toks = self.owner_tokens(nodes[name])
        elif kind in {"last", "first"} and span is not None:
            ms = [ctx.token_mention[t.i] for t in span if t.i in ctx.token_mention
                  and ctx.token_mention[t.i].type == name]
            if not ms:
                return []
            return [Arg(ms[-1] if kind == "last" else ms[0])]
        else:
            raise RuleError(f"unknown argument spec {spec!r}")
        out = []
        for t in toks:
            one = _singular_antecedent(verb, t)
            out += self.args_at(one, ctx, conj=False) if one is not None else self.args_at(t, ctx)
        return out

    def owner_tokens(self, noun: Token) -> list[Token]:
        """Who does what an action noun names: 'its acquisition of', 'the acquisition of X by Y',
        'Y completed the acquisition of X'."""
        poss = [c for c in noun.children if c.dep_ == "poss"]
        if poss:
            return poss
        by = [p for c in noun.children if c.dep_ == "prep" and c.lower_ == "by" for p in c.children if p.dep_ == "pobj"]
        if by:
            return by
        verb = self.verb_of(noun)
        return self.actor_tokens(verb) if verb is not noun and noun.dep_ in {"dobj", "nsubjpass"} else []

    def described(self, noun: Token) -> Token | None:
        """The entity a descriptive noun stands for: 'X is a platform', 'X, a platform', 'the platform X'."""
        if noun.dep_ == "appos":
            return noun.head
        for c in noun.children:
            if c.dep_ == "appos":
                return c
        if noun.dep_ in {"attr", "acomp"} and noun.head.lemma_ in {"be", "become", "remain"}:
            subj = [c for c in noun.head.children if c.dep_ in NOMINAL_SUBJ]
            return subj[0] if subj else None
        if noun.dep_ == "compound":
            return noun.head
        return noun

    # -- verb rules ------------------------------------------------------
    def _verb(self, rule: Rule, trigger: Token, nodes: dict, ctx, span: Span | None = None) -> list[Found]:
        if rule.prefix == "co-" and trigger.i not in ctx.co or self.hedged(trigger):
            return []
        sig_s, sig_o = self.signatures[rule.predicate]
        sig_s = rule.subject_types or sig_s
        sig_o = rule.object_types or sig_o
        # the objects first: most matches have none of the right type, and then the subjects
        # need not be looked for
        objects = [o for o in self.slot(rule.object, trigger, nodes, ctx, span) if o.mention.type in sig_o]
        if not objects:
            return []
        subjects = self.slot(rule.subject, trigger, nodes, ctx, span)
        if rule.co_agents:
            subjects += [a for a in self.args_at_prep(trigger, {"with", "alongside"}, ctx)
                         if a.mention not in {s.mention for s in subjects}]
        subjects = [s for s in subjects if s.mention.type in sig_s]
        if not subjects:
            return []
        preds = [rule.predicate]
        people = {s.mention.text for s in subjects if s.mention.type == PERSON}
        quals = Qualifiers(**self.time_of(trigger, ctx))
        if len(subjects) == len(objects) > 1 and \
                any(c.lower_ == "respectively" for c in self.verb_of(trigger).children):
            # 'A and B founded X and Y, respectively': A founded X, B founded Y, neither with the other
            pairs = zip(sorted(subjects, key=lambda a: a.mention.start), sorted(objects, key=lambda a: a.mention.start))
            return [Found(s, rule.predicate, o, rule, trigger, quals) for s, o in pairs
                    if s.mention.text != o.mention.text]
        if rule.co_agents and len(people) > 1:
            preds = ["cofounded"] if rule.co_agents is True else [rule.co_agents, rule.predicate]
        out = []
        for s in subjects:
            for o in objects:
                if s.mention.text == o.mention.text:
                    continue
                for p in preds:
                    out.append(Found(s, p, o, rule, trigger, quals))
        return out

    def args_at_prep(self, trigger: Token, names: set[str], ctx) -> list[Arg]:
        out = []
        for t in self.prep_tokens(self.verb_of(trigger), names):
            out += self.args_at(t, ctx)
        return out

    def hedged(self, tok: Token) -> bool:
        """Negated, hedged or hypothetical: 'did not found', 'is expected to launch', 'may become'."""
        if tok.i not in self._hedged:
            self._hedged[tok.i] = self._is_hedged(tok)
        return self._hedged[tok.i]

    def _is_hedged(self, tok: Token) -> bool:
        node = tok
        for _ in range(8):
            for c in node.children:
                word, dep = c.lower_, c.dep_
                if word == "longer" and any(g.lower_ == "no" for g in c.children):
                    continue  # 'no longer CEO': a role that ended, which still counts
                if dep == "neg" or (word in self.negations and dep in {"advmod", "det", "preconj"}):
                    return True
                if dep in {"aux", "auxpass"} and word in self.modals:
                    return True
                if dep in {"mark", "advmod", "amod"} and word in self.hedges:
                    return True
            if node is not tok and node.lemma_.lower() in self.hedges and node.pos_ in {"VERB", "ADJ", "AUX"}:
                return True
            if node.dep_ not in HEDGE_CLIMB or node.head == node:
                return False
            if node.dep_ == "xcomp" and node.head.lemma_.lower() in self.infinitive_hedges:
                return True  # 'offered to hire X', 'tried to buy X'
            node = node.head
        return False

    # -- role rules -------------------------------------------------------
    def _role(self, rule: Rule, title: Token, nodes: dict, ctx, events: list[Event]) -> list[Found]:
        if title.i in ctx.token_mention or self.hedged(title):
            return []
        holders = [h for h in self.holder(rule.holder, title, nodes, ctx) if h.mention.type == PERSON]
        if not holders:
            return []
        out = []
        for t in [title] + [c for c in title.conjuncts if c.lower_ in self.heads]:
            out += self._one_title(rule, t, holders, ctx, events)
        return out

    def _one_title(self, rule: Rule, title: Token, holders: list[Arg], ctx, events: list[Event]) -> list[Found]:
        phrase, role_text = self.title_phrase(title, ctx)
        preds, head_phrase = self.classify(phrase)
        which = self.same_role.get(head_phrase, head_phrase)  # 'replacement' is 'successor'
        if which in {"successor", "predecessor"}:
            return self._successor(rule, title, which, holders, ctx)
        if not preds:
            return []
        orgs, department = self.role_orgs(title, ctx)
        if department and "runs" in preds and (head_phrase in self.dept_heads or
                                                head_phrase.split()[-1] in self.dept_heads):
            preds = tuple(p if p != "runs" else "worksFor" for p in preds)
        status = self.status_of(title, phrase)
        if not orgs and self.use_coref and not self._names_other_org(title) and \
                set(preds) & {"runs", "founded", "cofounded"}:
            joined, left = self._joined_org(title, ctx)
            reporter = None if joined is not None or left else self._reporter(title, ctx)
            if joined is not None:  # 'co-founded X in 2009 and resigned as CEO'
                orgs = [Arg(joined, coref=True)]
            elif left:  # 'left X and became chief executive': of somewhere else, unnamed
                pass
            elif reporter is not None:  # 'Acme said X would step down as CEO': as sure as a pronoun
                orgs = [Arg(reporter, coref=True)]
            else:
                # the article's main organization, else the one the sentences just before are about
                implicit = ctx.salient(before=ctx.sentence_of[title.i], exclude=self.schools) or ctx.topic(title)
                if implicit is not None:
                    orgs = [Arg(implicit, implicit=True)]
        quals = Qualifiers(role=role_text, status=status, **self.time_of(title, ctx, status))
        if "runs" in preds or head_phrase in {"chief", "head"}:
            for h in holders:
                if status:
                    role = self.same_role.get(head_phrase, head_phrase)
                    events.append(Event(h, status, role, ctx.sentence_of[title.i], title.i))
        out = []
        for h in holders:
            for o in orgs:
                for p in preds:
                    if o.mention.type in self.signatures[p][1]:
                        out.append(Found(h, p, o, rule, title, quals))
        return out

    def _joined_org(self, title: Token, ctx) -> tuple[Mention | None, bool]:
        """(The one organization that a verb joined before the title's verb founds or joins,
        whether such a verb leaves one instead). The title is held at the first ('co-founded
        Uber in 2009 and resigned as CEO', 'joined Acme and became chief executive'), not at the
        second nor at the article's company ('left Google and became chief executive'). A
        relative clause on the subject counts as such a verb ('X, who joined Arm in 2013 from
        Nvidia, has been chief executive since 2022')."""
        verb = self.verb_of(title)
        if verb is title:
            return None, False
        first = verb
        while first.dep_ == "conj" and first.head != first and first.head.pos_ in {"VERB", "AUX"}:
            first = first.head
        clauses = [c for s in first.children if s.dep_ in NOMINAL_SUBJ for c in s.children if c.dep_ == "relcl"]
        verbs = [v for v in (first, *first.conjuncts) if v is not verb] + clauses
        if not verbs:
            return None, False
        found: dict[str, set[Mention]] = {"join": set(), "leave": set()}
        for v in verbs:
            kind = "join" if v.lemma_.lower() in self.joining_verbs else \
                "leave" if v.lemma_.lower() in self.end_words else None
            if kind and v.i < verb.i:
                found[kind] |= {ctx.token_mention[t.i] for t in self.patient_tokens(v)
                                if t.i in ctx.token_mention and ctx.token_mention[t.i].type == ORGANIZATION}
        joined = found["join"].pop() if len(found["join"]) == 1 else None
        return joined, bool(found["leave"])

    def _successor(self, rule, title, which, holders, ctx) -> list[Found]:
        others = []
        holder_names = frozenset(h.mention.text.lower() for h in holders)
        for c in title.children:
            if c.dep_ == "poss" and c.lower_ in coref.PERSON_PRONOUNS:
                # 'named X as his successor': 'his' is someone other than X
                others += [Arg(m, coref=True) for m in ctx.antecedents(c, holder_names)] if self.use_coref else []
            elif c.dep_ == "poss":
                others += self.args_at(c, ctx)
            if c.dep_ == "prep" and c.lower_ in {"to", "of"}:
                for p in c.children:
                    if p.dep_ == "pobj":
                        others += self.args_at(p, ctx)
        out = []
        for h in holders:
            for o in others:
                if o.mention.type == PERSON and o.mention.text != h.mention.text:
                    s, obj = (h, o) if which == "successor" else (o, h)
                    out.append(Found(s, "succeeded", obj, rule, title, Qualifiers()))
        return out

    def holder(self, spec: str, title: Token, nodes: dict, ctx) -> list[Arg]:
        kind, _, name = spec.partition(":")
        if kind == "head":
            anchor = title
            while anchor.dep_ == "conj" and anchor.head != anchor:
                anchor = anchor.head
            plural = _singular(title) != title.lower_  # 'X and Y, the co-founders of Z'
            return self.args_at(anchor.head, ctx, conj=plural) if anchor.head != anchor else []
        if kind == "node":
            return self.args_at(nodes[name], ctx)
        if kind == "actor":
            head = title.head
            if title.dep_ == "pobj" and head.lower_ == "as":
                head = head.head
                if head.pos_ in {"NOUN", "PROPN"}:
                    poss = [c for c in head.children if c.dep_ == "poss"]
                    if poss:
                        return self.args_at(poss[0], ctx, conj=False)
                    head = self.verb_of(head)
            if head.pos_ not in {"VERB", "AUX"}:
                return []
            if title.dep_ != "pobj" and head.lemma_.lower() not in ROLE_VERBS:
                return []
            if any(c.dep_ in PASSIVE_SUBJ for c in head.children) and head.lemma_.lower() not in NAMING_VERBS:
                # 'X was ousted as chief executive': the role is the passive subject's
                return [a for t in self.patient_tokens(head) if t != title for a in self.args_at(t, ctx)]
            if head.lemma_.lower() in NAMING_VERBS:
                named = [a for t in self.patient_tokens(head) + [c for c in head.children if c.dep_ == "oprd"]
                         if t != title for a in self.args_at(t, ctx)]
                # 'named Ada Brenner chief executive' is often parsed with the name inside the title
                return named or [a for c in title.children if c.dep_ == "compound" and c.i in ctx.token_mention
                                 for a in self.args_at(c, ctx, conj=False)]
            return [a for t in self.actor_tokens(head) for a in self.args_at(t, ctx)]
        if kind == "clause":
            node = title
            for _ in range(10):
                if node.dep_ not in LIST_CLIMB or node.head == node:
                    break
                node = node.head
                if node.pos_ in {"VERB", "AUX"}:
                    if node.lemma_.lower() in ROLE_VERBS:
                        return [a for t in self.actor_tokens(node) for a in self.args_at(t, ctx)]
                    return []
            return []
        raise RuleError(f"unknown holder spec {spec!r}")

    def title_phrase(self, title: Token, ctx) -> tuple[str, str]:
        """(lower-cased title words for classification, role text for the qualifier)."""
        mods = []
        stack = [c for c in title.children if c.dep_ in {"compound", "amod", "nmod", "npadvmod"} and c.i < title.i]
        while stack:
            t = stack.pop()
            if t.i in ctx.token_mention or t.pos_ in {"DET", "PRON", "PUNCT", "NUM"} or t.ent_type_ in {"DATE", "TIME"}:
                continue
            mods.append(t)
            stack += [c for c in t.children if c.dep_ in {"compound", "amod", "nmod"} and c.i < t.i]
        words_ = [t for t in sorted(mods, key=lambda t: t.i)] + [title]
        co = "co-" if title.i in ctx.co else ""
        phrase = " ".join([t.lower_ for t in words_[:-1]] + [co + _singular(title)])
        shown = [("co-" if t.i in ctx.co else "") + t.text for t in words_
                 if t.lower_ not in {"new", "next", "former", "previous", "current", "incoming", "outgoing", "then", "interim", "acting", "late"}]
        tail = self._department_tail(title, ctx)
        text = " ".join(shown) + (f" of {tail}" if tail else "")
        return phrase, text

    def _department_tail(self, title: Token, ctx) -> str:
        for c in title.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and p.i not in ctx.token_mention and p.pos_ in {"NOUN", "PROPN"} \
                            and not ctx.antecedents(p):
                        stop = next((t.i for t in p.subtree if t.dep_ == "prep" and t.i > p.i), None)
                        toks = [t for t in p.subtree if stop is None or t.i < stop]
                        return " ".join(t.text for t in toks)
        return ""

    def classify(self, phrase: str) -> tuple[tuple[str, ...], str]:
        """Title words -> (predicates, the lexicon phrase that matched), demoted when a department is named."""
        ws = phrase.split()
        for i in range(len(ws)):
            key = " ".join(ws[i:])
            if key in self.title_preds:
                prefix = ws[:i]
                preds = self.title_preds[key]
                if any(w not in self.rank for w in prefix) and "runs" in preds:
                    preds = tuple(p if p != "runs" else "worksFor" for p in preds)
                return preds, key
        if ws and ws[-1].startswith("co-") and len(ws[-1]) > 3:
            return self.classify(" ".join(ws[:-1] + [ws[-1][3:]]))  # 'co-president' holds what 'president' does
        return (), ws[-1] if ws else ""

    def role_orgs(self, title: Token, ctx) -> tuple[list[Arg], bool]:
        """Organizations a title is held at, and whether a department was named on the way."""
        orgs: list[Arg] = []
        department = False
        for c in title.children:
            # an adjective only when it is a name ('Tesla chief executive X', parsed with 'Tesla' as amod)
            if c.i < title.i and (c.dep_ in {"poss", "compound", "nmod"} or c.dep_ == "amod" and c.i in ctx.token_mention):
                orgs += [a for a in self.args_at(c, ctx, conj=False) if a.mention.type != PERSON]
        department = any(p.pos_ in {"NOUN", "PROPN"} and p.i not in ctx.token_mention and not ctx.antecedents(p)
                         for c in title.children if c.dep_ == "prep" and c.lower_ == "of"
                         for p in c.children if p.dep_ == "pobj")
        frontier, depth = [title], 0
        while frontier and depth < 3 and not orgs:
            nxt = []
            for node in frontier:
                for c in node.children:
                    if c.dep_ == "prep" and c.lower_ in {"of", "at", "for", "with", "in"}:
                        for p in c.children:
                            if p.dep_ != "pobj":
                                continue
                            found = [a for a in self.args_at(p, ctx) if a.mention.type != PERSON]
                            if found:
                                orgs += found
                            elif p.pos_ in {"NOUN", "PROPN"} and c.lower_ == "of":
                                department = True
                                nxt.append(p)
            frontier, depth = nxt, depth + 1
        if not orgs and title.dep_ == "pobj" and title.head.lower_ == "as":
            verb = self.verb_of(title.head.head)
            orgs += [a for t in self.prep_tokens(verb, {"at", "for", "with", "of"}) for a in self.args_at(t, ctx)
                     if a.mention.type != PERSON]
        if not orgs:
            orgs += self._org_after(title, ctx)
        namer = title.head.head if title.dep_ == "pobj" and title.head.lower_ == "as" else title.head
        if not orgs and title.dep_ in {"oprd", "xcomp", "attr", "dobj", "pobj"} and \
                namer.lemma_.lower() in NAMING_VERBS:
            # 'Disney named X (as) chief executive': who names fills the post at home
            orgs += [a for t in self.actor_tokens(namer) for a in self.args_at(t, ctx)
                     if a.mention.type == ORGANIZATION]
        if not orgs and title.dep_ in {"compound", "nmod"}:
            orgs += [a for c in title.head.children if c.dep_ in {"compound", "poss"} and c.i < title.i
                     for a in self.args_at(c, ctx, conj=False) if a.mention.type != PERSON]
        return orgs, department

    def _reporter(self, title: Token, ctx) -> Mention | None:
        """'Acme said (that) X would step down as chief executive': the organization that says it."""
        node = title
        for _ in range(8):
            if node.head == node:
                return None
            node = node.head
            if node.pos_ == "VERB" and node.lemma_.lower() in self.reporting:
                for t in self.actor_tokens(node):
                    m = ctx.token_mention.get(t.i)
                    if m is not None and m.type == ORGANIZATION:
                        return m
        return None

    def _names_other_org(self, title: Token) -> bool:
        """'the founder of another company': the title is held at an organization the text does not name."""
        for c in title.children:
            if c.dep_ == "prep" and c.lower_ in {"of", "at", "for"}:
                for p in c.children:
                    if p.dep_ == "pobj" and p.lemma_.lower() in self.org_nouns:
                        return True
        return False

    @staticmethod
    def _org_after(title: Token, ctx) -> list[Arg]:
        """Surface fallback when the parse lost the link: 'TITLE of/at [the] NAME'."""
        doc, i = ctx.doc, title.i + 1
        if i < len(doc) and doc[i].lower_ in {"of", "at"}:
            i += 1
            if i < len(doc) and doc[i].lower_ == "the":
                i += 1
            m = ctx.token_mention.get(i)
            if m is not None and m.type != PERSON:
                return [Arg(m)]
        return []

    def status_of(self, title: Token, phrase: str) -> str | None:
        ws = set(phrase.split())
        if ws & {"former", "ex", "outgoing", "previous", "late"} or _no_longer(title):
            return "end"
        if ws & {"new", "incoming"}:
            return "start"
        node = title.head
        if title.dep_ == "pobj" and node.lower_ == "as":
            node = node.head
            if node.pos_ == "NOUN" and node.lemma_.lower() not in self.end_words | self.start_words:
                node = self.verb_of(node)  # 'left his role as CEO'
        lemma = node.lemma_.lower()
        if lemma in self.end_words:
            return "end"
        if lemma in self.start_words:
            return "start"
        return None

    # -- events and succession --------------------------------------------
    def _verb_events(self, doc: Doc, ctx) -> list[Event]:
        """'X will take over', 'X steps down', 'X resigned': role changes without a title."""
        out = []
        for i in np.flatnonzero(doc.to_array("POS") == VERB).tolist():  # (not a Token for every word)
            tok = doc[i]
            lemma = tok.lemma_.lower()
            if lemma not in TAKE_OVER | QUIT | ANNOUNCE or self.hedged(tok):
                continue
            prts = {c.lower_ for c in tok.children if c.dep_ in {"prt", "advmod"}}
            status = None
            titled = any(c.dep_ == "prep" and c.lower_ == "as" for c in tok.children)
            if titled:
                continue  # 'took over as CEO', 'stepped down as CFO': the role rules make the event
            if lemma in TAKE_OVER and "over" in prts and not any(c.dep_ == "dobj" for c in tok.children):
                status = "start"
            elif (lemma == "step" and prts & {"down", "aside"}) or lemma in QUIT:
                status = "end"
            if status:
                for a in [a for t in self.actor_tokens(tok) for a in self.args_at(t, ctx)]:
                    if a.mention.type == PERSON:
                        out.append(Event(a, status, None, ctx.sentence_of[tok.i], tok.i))
            if lemma in ANNOUNCE:
                for d in tok.children:
                    if d.dep_ == "dobj" and d.lemma_.lower() in {"resignation", "retirement", "departure"}:
                        for a in [a for t in self.actor_tokens(tok) for a in self.args_at(t, ctx)]:
                            if a.mention.type == PERSON:
                                out.append(Event(a, "end", None, ctx.sentence_of[tok.i], tok.i))
        return out

    def _successions(self, events: list[Event], ctx, found: list[Found]) -> list[Found]:
        rule = self.by_id.get("succeeded.handover.v1")
        if rule is None or not any(e.status == "end" for e in events):
            return []
        window = 2
        out = []
        events = sorted(events, key=lambda e: e.token)
        # the one role a person is said to hold, for an event that names none ('X will step down')
        held: dict[str, set[str]] = {}
        for f in found:
            if f.predicate == "runs" and f.qualifiers.role:
                key = self.classify(f.qualifiers.role.lower())[1]
                held.setdefault(f.subject.mention.text.lower(), set()).add(self.same_role.get(key, key))
        for end in (e for e in events if e.status == "end"):
            for start in events:
                if start.status != "start" or start.token <= end.token or start.sentence > end.sentence + window:
                    continue
                if _same_person(start.person.mention, end.person.mention):
                    continue
                titles = [e.title or _only(held.get(e.person.mention.text.lower(), ())) for e in (start, end)]
                if titles[0] and titles[1] and titles[0] != titles[1]:
                    continue
                if any(f.predicate == "succeeded" and _same_person(f.subject.mention, end.person.mention)
                       and _same_person(f.object.mention, start.person.mention) for f in found):
                    continue  # the text says in so many words that it went the other way
                sents = list(ctx.doc.sents)
                role = end.title or start.title
                out.append(Found(start.person, "succeeded", end.person, rule, ctx.doc[end.token],
                                 Qualifiers(role=role.upper() if role and len(role) <= 3 else role),
                                 last_sentence=sents[start.sentence]))
                break
        return out

    def _successors_run(self, found: list[Found]) -> list[Found]:
        """'X will retire as chief executive of O ... Y will succeed him': Y runs O too."""
        rule = self.by_id.get("runs.succession.v1")
        if rule is None:
            return []
        runs = [f for f in found if f.predicate == "runs"]
        successions = [f for f in found if f.predicate == "succeeded"]
        if not runs or not successions:
            return []
        out = []
        starts = [s.start for s in successions[0].anchor.doc.sents]
        run_sentence = [bisect_right(starts, r.anchor.i) - 1 for r in runs]
        for f in successions:
            here = bisect_right(starts, f.anchor.i) - 1
            for r, there in zip(runs, run_sentence):
                # the role the predecessor leaves is the one stated before the succession, close to it
                if r.anchor.i > f.anchor.i and there != here or here - there > 2:
                    continue
                if _same_person(r.subject.mention, f.object.mention) and \
                        not any(_same_person(x.subject.mention, f.subject.mention) and x.object.mention.text ==
                                r.object.mention.text for x in runs):
                    out.append(Found(f.subject, "runs", r.object, rule, f.anchor,
                                     Qualifiers(role=r.qualifiers.role, status="start"), f.last_sentence))
        return out

    def _predecessors_ran(self, found: list[Found]) -> list[Found]:
        """'X will succeed Y as chief executive of O', 'O appointed X as chief executive, replacing
        Y': Y held the role at O until then."""
        rule = self.by_id.get("runs.predecessor.v1")
        if rule is None:
            return []
        runs = [r for r in found if r.predicate == "runs"]
        out = []
        for f in found:
            if f.predicate != "succeeded":
                continue
            for r in runs:
                title = r.anchor
                verb = title.head.head  # 'succeed Y as CEO', 'appointed X as CEO, replacing Y'
                if title.head.lower_ == "as" and \
                        (verb == f.anchor or f.anchor.head == verb and f.anchor.dep_ in {"advcl", "xcomp", "conj"}) and \
                        _same_person(r.subject.mention, f.subject.mention) and \
                        not _same_person(r.subject.mention, f.object.mention):
                    out.append(Found(f.object, "runs", r.object, rule, title,
                                     Qualifiers(role=r.qualifiers.role, status="end"), r.last_sentence))
        return out

    # -- qualifiers ---------------------------------------------------------
    def time_of(self, tok: Token, ctx, status: str | None = None) -> dict:
        """Year or date the clause gives: 'in 2012' (point), 'since 2016' (start), 'until 2016' (end);
        relative times ('last year', 'in March') are resolved against the article's date."""
        verb = self.verb_of(tok)
        cands = []
        for head in sorted({tok, verb}, key=lambda t: t.i):
            for c in head.children:
                if c.dep_ == "prep":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            cands.append((c.lower_, p))
                elif c.dep_ in {"npadvmod", "tmod"}:
                    cands.append(("", c))
        for prep, node in cands:
            if not (node.ent_type_ in {"DATE", "TIME"} or node.like_num):
                continue
            text = " ".join(t.text for t in node.subtree)
            value = when.resolve(text, ctx.anchor)
            if value:
                kind = {"since": "start", "from": "start", "until": "end", "till": "end", "to": "end"}.get(prep, "point")
                if kind == "point" and status in {"start", "end"}:
                    kind = status
                return {kind: value}
        return {}

    # -- output ---------------------------------------------------------
    def _finish(self, document: Document, doc: Doc, found: list[Found], offset: int = 0) -> tuple[RelationMention, ...]:
        out = {}
        for f in found:
            s, o = f.subject.mention, f.object.mention
            if s == o or s.text == o.text:
                continue
            preds = [f.predicate] + list(self.entails.get(f.predicate, []))
            if o.type == ORGANIZATION:
                preds += list(self.entails_org.get(f.predicate, []))
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
                if o.type not in self.signatures[p][1] or s.type not in self.signatures[p][0]:
                    continue
                key = (s.start, p, o.start, start)
                if key not in out or out[key].evidence.confidence < ev.confidence:
                    out[key] = RelationMention(s, p, o, ev)
        return tuple(out[k] for k in sorted(out))


def _no_longer(title: Token) -> bool:
    verb = title.head
    return any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in verb.children)


def _singular_antecedent(verb: Token, tok: Token) -> Token | None:
    """The one name a singular relative clause on joined names is about: the last before it
    ('owns X and Y, which is run by Z': Z runs Y); None where the clause may be about all of
    them ('which were', 'which ran') or is on no joined names."""
    if verb.dep_ != "relcl" or tok != verb.head or not tok.conjuncts:
        return None
    if verb.tag_ != "VBZ" and not any(c.dep_ in {"aux", "auxpass"} and (c.tag_ == "VBZ" or c.lower_ == "was")
                                      for c in verb.children):
        return None
    return max((t for t in (tok, *tok.conjuncts) if t.i < verb.i), key=lambda t: t.i, default=tok)


def _singular(tok: Token) -> str:
    """'CEOs' -> 'ceo', 'students' -> 'student' (the lemmatizer leaves upper-case acronyms alone)."""
    word = tok.lower_
    return word[:-1] if word.endswith("s") and not word.endswith("ss") and len(word) > 3 else word


def _same_person(a: Mention, b: Mention) -> bool:
    """'Zhang' and 'Zhang San' are one person; 'Bob Chapek' and 'Bob Iger' are two."""
    ta, tb = set(a.text.lower().split()), set(b.text.lower().split())
    sa, sb = a.text.replace(" ", "").lower(), b.text.replace(" ", "").lower()
    return ta <= tb or tb <= ta or sa == sb


