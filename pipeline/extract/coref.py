"""Coreference for relation arguments: pronouns and definite descriptions -> mentions.

Deliberately small and conservative: a pronoun or "the company" is resolved to
an entity mentioned in the same or the few preceding sentences, preferring
the subjects of those sentences. Every argument found this way is marked as
coreferent, and the rules stage lowers the confidence of what it supports.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from ..lexicon import Lexicon
from ..types import ORGANIZATION, PERSON, PRODUCT, Mention
from .argument_types import noun_kind
from .grammar import (DEFINITE, GENDER, MODIFIER_DEPS, NOUN_SUBJ, ORG_PRONOUNS, PERSON_PRONOUNS,
                      PLURAL_PRONOUNS, described_as, described_department)

WINDOW = 3
"""How many sentences back an antecedent may be."""


@dataclass(frozen=True, slots=True)
class Context:
    """What the rules need of one document: mentions by token, sentence and role, and the
    antecedents of pronouns and definite descriptions ('the company': lexicon company_nouns;
    'the billionaire': person_nouns; never a school: education_words)."""

    doc: Doc
    mentions: tuple[Mention, ...]
    token_mention: dict[int, Mention]
    mention_root: dict[Mention, Token]
    sentence_of: list[int]
    lex: Lexicon
    anchor: str | None = None
    """The article's own date, against which relative times are resolved."""
    co: frozenset[int] = frozenset()
    """Tokens written with 'co-' before them ('co-founded'), which the parser read without it."""
    use_coref: bool = True
    """False turns off pronouns, definite descriptions and implicit arguments (for measuring them)."""
    hedged: dict[int, bool] = field(default_factory=dict)
    """Token -> hedged? (asked again for every rule it triggers; see hedges.py)."""

    def antecedents(self, tok: Token, exclude: frozenset[str] = frozenset()) -> tuple[Mention, ...]:
        """The mentions a pronoun or definite noun phrase stands for (empty when unsure); a
        personal pronoun never stands for the names in ``exclude`` (lower case)."""
        word = tok.lower_
        chained = self._chained(tok) if word in PERSON_PRONOUNS or word == "it" else None
        if chained is not None:
            found = self.antecedents(chained, exclude)
        elif word in PERSON_PRONOUNS:
            found = _cataphor(self, tok) or self._recent(tok, {PERSON}, 1, exclude=self._clause_subject(tok) | exclude,
                                                         skip_roots=_related(self, tok)) or _lead_person(self, tok)
        elif word in PLURAL_PRONOUNS or tok.lemma_.lower() in self.lex.pair_nouns and _definite(tok):
            found = self._recent(tok, {PERSON}, 2, same_sentence=True)
            if len(found) < 2:
                found = self._recent(tok, {ORGANIZATION}, 1)
        elif word in ORG_PRONOUNS:
            # ('It was developed by X'); 'its chief executive' is a company's
            kinds = {ORGANIZATION} if tok.dep_ == "poss" and tok.head.lower_ in self.lex.titles.heads else \
                {ORGANIZATION, PRODUCT}
            found = self._recent(tok, kinds, 1, skip_roots=_related(self, tok, kinds))
        elif tok.pos_ == "NOUN" and tok.lemma_.lower() in self.lex.person_nouns and _definite(tok):
            found = self._recent(tok, {PERSON}, 1, exclude=exclude)  # 'the billionaire who also runs X'
        elif tok.pos_ == "NOUN" and _company_noun(self, tok) and _definite(tok):
            # the article's main company, unless its only mention is later in this very sentence
            # ('The company, founded by X, owns Y': Y is not the company); never the name an
            # apposition holding it describes ('X, the company's cloud unit': not X); and where
            # the latest is only a name in passing (no subject), the one the article is about
            if tok.dep_ == "appos" and tok.head.i in self.token_mention and \
                    self.token_mention[tok.head.i].type == ORGANIZATION:
                return (self.token_mention[tok.head.i],)  # 'VMware, the software company owned by ...'
            linked = _described_with_subject(self, tok)
            if linked:
                return linked
            described = {a.head.i for a in tok.ancestors if a.dep_ == "appos"}
            recent = self._recent(tok, {ORGANIZATION}, 1, skip_words=self.lex.education_words,
                                  skip_roots=frozenset(described))
            salient = [m for m in self._salient(ORGANIZATION, self.lex.education_words) if self.mention_root[m].i < tok.i or
                       self.sentence_of[self.mention_root[m].i] != self.sentence_of[tok.i]]
            passing = recent and salient and not self._about(recent[0]) and \
                recent[0].text.lower() != salient[0].text.lower() and self.mention_root[salient[0]].i not in described
            found = salient if passing else recent or salient
        elif tok.pos_ == "NOUN" and _definite(tok):
            found = _described_as(self, tok)  # 'X was a music channel ... The channel was owned by Y'
        else:
            found = ()
        return tuple(found)

    def _chained(self, tok: Token) -> Token | None:
        """The subject pronoun of the sentence before, when ``tok`` is the subject of its own
        sentence, the same pronoun and nobody is named before it: 'He studied at X before joining
        Y, the group controlled by Z. He has run W since 2005': both are the same man, not Z;
        'It covers X's region. Alongside Y it is one of ...': the same paper, not X or Y."""
        if tok.dep_ not in NOUN_SUBJ or tok.head.dep_ != "ROOT":
            return None
        family = GENDER.get(tok.lower_, "n")
        kinds = {PERSON} if family != "n" else {ORGANIZATION, PRODUCT}
        related = _related(self, tok, kinds) if family == "n" else frozenset()
        here = self.sentence_of[tok.i]
        if here == 0 or any(m.sentence == here and m.type in kinds and self.mention_root[m].i < tok.i
                            and self.mention_root[m].i not in related for m in self.mentions):
            return None
        sent = self.doc[tok.i].sent
        before = self.doc[sent.start - 1].sent if sent.start > 0 else None
        if before is None:
            return None
        for c in before.root.children:
            if c.dep_ in NOUN_SUBJ and GENDER.get(c.lower_, "n" if c.lower_ == "it" else None) == family:
                return c
        for c in before.root.children:
            # 'His first film starred Ada Brenner. He went on to ...': he is whoever 'his' is
            owner = next((p for p in c.children if p.dep_ == "poss" and GENDER.get(p.lower_) == family), None)
            if c.dep_ in NOUN_SUBJ and c.pos_ == "NOUN" and owner is not None:
                return owner
        return None

    def _clause_subject(self, tok: Token) -> set[str]:
        """Names an object pronoun cannot stand for: whom the subject pronoun of its clause stands
        for ('Bo said he hired her': 'her' is not Bo)."""
        if tok.dep_ not in {"dobj", "dative", "pobj"}:
            return set()
        verb = tok.head.head if tok.dep_ == "pobj" else tok.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ in PERSON_PRONOUNS and c.i < tok.i]
        return {m.text.lower() for s in subjects for m in self._recent(s, {PERSON}, 1)}

    def _recent(self, tok: Token, kinds: set[str], want: int, same_sentence: bool = False,
                exclude: set[str] = frozenset(), skip_words: frozenset[str] = frozenset(),
                skip_roots: frozenset[int] = frozenset()) -> list[Mention]:
        """Mentions of the wanted kinds before tok, subjects first, nearest sentence first (none
        named in ``exclude``, none with a word in ``skip_words``, none whose root is in
        ``skip_roots``)."""
        here = self.sentence_of[tok.i]
        for back in range(0, WINDOW + 1):
            sent = here - back
            if sent < 0:
                break
            cands = [m for m in self.mentions if m.sentence == sent and m.type in kinds
                     and self.mention_root[m].i < tok.i and m.text.lower() not in exclude
                     and not (skip_words and skip_words & set(m.text.lower().split()))
                     and self.mention_root[m].i not in skip_roots]
            if back == 0:
                cands = [m for m in cands if not _same_clause_object(self.mention_root[m], tok)]
            if not cands:
                continue
            distinct: dict[str, Mention] = {}
            subjects = [m for m in cands if self._about(m)]
            ordered = subjects + [m for m in reversed(cands) if m not in subjects]
            for m in ordered:
                distinct.setdefault(m.text.lower(), m)
            picked = list(distinct.values())
            if want == 1:
                return picked[:1]
            if len(picked) >= want:
                return picked[:want]
            if same_sentence:
                continue
        return []

    def topic(self, tok: Token) -> Mention | None:
        """The organization the text just before ``tok`` is about (see ``_about``), in the
        nearest sentence that names one."""
        found = self._recent(tok, {ORGANIZATION}, 1)
        return found[0] if found and self._about(found[0]) else None

    def _about(self, m: Mention) -> bool:
        """Whether a name is what its clause is about: the subject, or a name that modifies the
        subject without another name of its kind beside it ('Figma's investors include ...',
        'Salesforce co-founder Marc Benioff said ...', but not Google in 'Google's parent
        Alphabet said ...')."""
        root = self.mention_root[m]
        if root.dep_ in NOUN_SUBJ or root.dep_ == "pobj" and root.head.lower_ in {"at", "of", "from"} and \
                root.head.head.dep_ in NOUN_SUBJ and root.head.head.pos_ == "NOUN":
            return True  # (and 'Analysts at X cut ...', 'Shares of X rose': the subject's X)
        head = root.head
        if root.dep_ not in MODIFIER_DEPS or head.dep_ not in NOUN_SUBJ:
            return False
        return not any(c != root and c.dep_ in {"appos", "compound"} and c.i in self.token_mention and
                       self.token_mention[c.i].type == m.type for c in head.children)

    def _salient(self, kind: str, exclude: frozenset[str] = frozenset()) -> list[Mention]:
        """The document's most mentioned entity of a kind, when one clearly dominates; names
        with a word in ``exclude`` (schools, say) do not take part."""
        counts: dict[str, list[Mention]] = {}
        for m in self.mentions:
            if m.type == kind and not exclude & set(m.text.lower().split()):
                counts.setdefault(self.lex.names.key(m.text), []).append(m)  # ('Vantor Inc' is 'Vantor')
        ranked = sorted(_joined_short_forms(counts).values(), key=lambda ms: (-len(ms), ms[0].start))
        if not ranked:
            return []
        if len(ranked) == 1 or len(ranked[0]) >= 2 * len(ranked[1]) and len(ranked[0]) >= 2:
            return [ranked[0][0]]
        # else the name the text is about most often, if it is so half as often again as any other
        # (a mention as what its clause is about weighs twice a mention in passing)
        weight = {id(ms): sum(2 if self._about(m) else 1 for m in ms) for ms in ranked}
        top = max(ranked, key=lambda ms: (weight[id(ms)], -ms[0].start))
        if len(top) >= 2 and all(weight[id(top)] >= 1.5 * weight[id(ms)] for ms in ranked if ms is not top):
            return [top[0]]
        return []

    def salient(self, before: int | None = None, kinds: tuple[str, ...] = (ORGANIZATION, PRODUCT),
                exclude: frozenset[str] = frozenset()) -> Mention | None:
        """The organization an article is about, if one dominates (for implicit arguments). A lone
        mention counts only when it comes before the sentence ``before``."""
        for kind in kinds:
            found = self._salient(kind, exclude)
            if found:
                m = found[0]
                key = self.lex.names.key(m.text)
                repeated = sum(1 for x in self.mentions if x.type == m.type and self.lex.names.key(x.text) == key) > 1
                if repeated or before is None or m.sentence <= before:
                    return m
        return None


def _described_with_subject(ctx: Context, tok: Token) -> tuple[Mention, ...]:
    """'X will invest in Y, a start-up founded by Ada Brenner. Brenner started the company
    in 2018': the company is Y, the one organization of the sentence before whose own phrase
    names the person the clause is about."""
    subjects = {ctx.lex.names.key(ctx.token_mention[c.i].text).split()[-1] for c in tok.head.children
                if c.dep_ in NOUN_SUBJ and c.i in ctx.token_mention and ctx.token_mention[c.i].type == PERSON}
    here = ctx.sentence_of[tok.i]
    if not subjects or here == 0:
        return ()
    found = []
    for m in ctx.mentions:
        root = ctx.mention_root[m]
        if m.type != ORGANIZATION or m.sentence != here - 1:
            continue
        named = {ctx.lex.names.key(ctx.token_mention[t.i].text).split()[-1] for t in root.subtree
                 if t.i != root.i and t.i in ctx.token_mention and ctx.token_mention[t.i].type == PERSON}
        if named & subjects:
            found.append(m)
    return tuple(found) if len({ctx.lex.names.key(m.text) for m in found}) == 1 else ()


def _lead_person(ctx: Context, tok: Token) -> list[Mention]:
    """A subject 'he' or 'she' with nobody named in the sentences before it: the person the
    text opened with as its first sentence's subject (a biography's topic), while no other
    person has been a subject."""
    if tok.dep_ not in NOUN_SUBJ:
        return []
    people = [m for m in ctx.mentions if m.type == PERSON and ctx._about(m) and ctx.mention_root[m].i < tok.i]
    if not people or people[0].sentence != 0:
        return []
    lead = people[:1]  # (only while the text has made nobody else the subject of a sentence)
    return lead if all(ctx.lex.names.key(m.text) == ctx.lex.names.key(lead[0].text) for m in people) else []


def _definite(tok: Token) -> bool:
    """'the company', 'this firm', 'our chief'."""
    return any(c.dep_ in {"det", "poss"} and c.lower_ in DEFINITE for c in tok.children)


def _company_noun(ctx: Context, tok: Token) -> bool:
    """'the company', 'the firm', but not a described part of one ('the cloud business': lexicon
    department_nouns with a modifier)."""
    return tok.lemma_.lower() in ctx.lex.company_nouns and not described_department(ctx.lex, tok)


def _joined_short_forms(counts: dict[str, list[Mention]]) -> dict[str, list[Mention]]:
    """'Halvex' where the text also names 'Halvex Labs' (and no other 'Halvex ...'): one
    company, as resolve.py joins them."""
    for key in [k for k in counts if " " not in k]:
        longer = [k for k in counts if k.startswith(key + " ")]
        if len(longer) == 1:
            counts[longer[0]] = counts[longer[0]] + counts.pop(key)
    return counts


def _cataphor(ctx: Context, tok: Token) -> list[Mention]:
    """'During her tenure at X, Ada Brenner ...': a possessive in a phrase set before its
    clause's subject is that subject's."""
    if tok.dep_ != "poss":
        return []
    phrase = next((a for a in tok.ancestors if a.dep_ == "prep" and a.head.pos_ in {"VERB", "AUX"}), None)
    subjects = [c for c in phrase.head.children if c.dep_ in NOUN_SUBJ and c.i > tok.i] if phrase is not None else []
    found = [ctx.token_mention[s.i] for s in subjects if phrase.i < s.i and s.i in ctx.token_mention]
    return [m for m in found if m.type == PERSON][:1]


def _same_clause_object(root: Token, tok: Token) -> bool:
    """A non-reflexive pronoun does not stand for a co-argument of its own verb: in 'Ann replaced
    her', 'her' is not Ann; in 'Ann told Beth she ...' the object Beth is not preferred for 'she'."""
    if root.dep_ in {"dobj", "pobj"} and root.head == tok.head:
        return True
    return tok.dep_ in {"dobj", "dative", "pobj"} and root.dep_ in {"nsubj", "nsubjpass"} and \
        (root.head == tok.head or (tok.dep_ == "pobj" and root.head == tok.head.head))


def _related(ctx: Context, tok: Token, kinds: frozenset[str] | set[str] = frozenset({PERSON})) -> frozenset[int]:
    """Names a subject pronoun cannot stand for: a person named before it in a noun phrase of
    its own verb ('The daughter of politician X, she was born in ...': she is not X; 'After
    meeting X, she ...' or 'Y hired X, and she ...' are other verbs and may be); for 'it', a
    company or product so named ('Alongside X it is one of ...')."""
    if tok.dep_ not in NOUN_SUBJ:
        return frozenset()
    out = set()
    for m in ctx.mentions:
        root = ctx.mention_root[m]
        if m.sentence != ctx.sentence_of[tok.i] or m.type not in kinds or root.i > tok.i or root.dep_ in NOUN_SUBJ:
            continue
        verb = next((a for a in root.ancestors if a.pos_ in {"VERB", "AUX"}), None)
        if verb is not None and verb == tok.head:
            out.add(root.i)
    return frozenset(out)


def _described_as(ctx: Context, tok: Token) -> list[Mention]:
    """The latest name before ``tok`` that a copula or an apposition described with the same
    noun ('X is a racing video game ... The game was developed by Y': X)."""
    lemma = tok.lemma_.lower()
    for m in reversed(ctx.mentions):
        root = ctx.mention_root[m]
        if root.i >= tok.i or ctx.sentence_of[tok.i] - m.sentence > WINDOW:
            continue
        nouns = described_as(root)
        if root.dep_ == "appos":
            nouns.append(root.head)
        if any(n.pos_ == "NOUN" and n.i < tok.i and _same_thing(ctx, n, lemma) for n in nouns):
            return [m]
    return []


GENERIC_PRODUCT_NOUNS = frozenset({"device", "product", "gadget"})


def _same_thing(ctx: Context, noun: Token, lemma: str) -> bool:
    """'the game' for a game, 'the phone' for a smartphone, 'the device' for any product."""
    said = noun.lemma_.lower()
    return said == lemma or said.endswith(lemma) and len(lemma) > 3 or \
        lemma in GENERIC_PRODUCT_NOUNS and noun_kind(ctx.lex, noun) == "PRODUCT"
