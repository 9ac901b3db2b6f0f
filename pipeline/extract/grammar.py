"""Grammar the rules share: dependency sets named once, and who does what a verb says.

Closed-class English (dependency labels, pronouns, determiners, prepositions) is named here;
open-class words (verbs of naming, of leaving, ...) come from the Lexicon the callers pass.
"""
from __future__ import annotations


from spacy.tokens import Span, Token

from ..lexicon import Lexicon

# -- dependency labels ----------------------------------------------------
ACTIVE_SUBJ = frozenset({"nsubj", "csubj"})
"""Subjects of active clauses."""
PASSIVE_SUBJ = frozenset({"nsubjpass", "csubjpass"})
"""Subjects of passive clauses."""
NOUN_SUBJ = frozenset({"nsubj", "nsubjpass"})
"""Nominal subjects, active or passive."""
APPOSITION_DEPS = frozenset({"appos", "dobj", "conj", "pobj", "npadvmod"})
"""Where the small model hangs a noun phrase that stands in apposition after a name and a comma
(besides appos: 'included X and Y, the venture firm founded by ...' with 'firm' as an object)."""
CLAUSE_INHERIT = frozenset({"conj", "xcomp", "advcl", "dep"})
"""A verb with no subject of its own takes the subject of the verb it hangs from."""
HEDGE_CLIMB = frozenset({"xcomp", "ccomp", "aux", "auxpass", "prep", "pobj", "dobj", "attr",
                         "acomp", "oprd", "appos", "compound", "amod", "nmod", "npadvmod"})
"""Links along which a negation or hedge reaches down to a trigger: complements ('did not agree
to buy'), not coordinated, relative or adverbial clauses ('did not join X after graduating')."""
LIST_CLIMB = frozenset({"appos", "conj", "pobj", "prep", "dobj", "attr", "npadvmod", "compound", "nmod"})
"""Links a title in a list hangs from on its way up to the clause verb."""
EMPLOYER_DEPS = frozenset({"poss", "compound", "nmod", "amod"})
"""Dependencies of a name on a role title after it that say where the title is held ('X's
CEO', 'X CEO', and, as the small model parses a sentence-initial 'X chief executive', nmod
and amod)."""
DESCRIPTOR_DEPS = frozenset({"compound", "appos", "nmod", "attr", "amod"})
"""Dependencies that join a name to a common noun describing it."""
MODIFIER_DEPS = frozenset({"poss", "compound", "amod", "nmod"})
"""Dependencies of a name that modifies a noun."""

# -- closed-class words ---------------------------------------------------
PERSON_PRONOUNS = frozenset({"he", "him", "his", "she", "her", "hers", "himself", "herself"})
PLURAL_PRONOUNS = frozenset({"they", "them", "their", "theirs", "themselves"})
ORG_PRONOUNS = frozenset({"it", "its", "itself"})
RELATIVE_PRONOUNS = frozenset({"who", "whom", "whose", "which", "that"})
RELATIVE_ADVERBS = frozenset({"where", "when", "why", "how"})
GENDER = {**{w: "m" for w in ("he", "him", "his", "himself")}, **{w: "f" for w in ("she", "her", "hers", "herself")}}
COORDINATORS = frozenset({"and", ",", "or"})
DEFINITE = frozenset({"the", "this", "that", "our"})
"""Determiners that make a noun phrase definite ('the company')."""
LEADING_JUNK = frozenset({"the", "a", "an", "this", "that", "these", "those", "and", "or", "of", "&"})
"""Words a name does not start with."""
TRAILING_JUNK = frozenset({"and", "or", "of", "&", "the"})
"""Words a name does not end with."""
EXAMPLE_PREPOSITIONS = frozenset({"including", "like"})
"""'apps including X', 'products like X' (and 'such as')."""
TIME_PREPOSITIONS = {"since": "start", "from": "start", "until": "end", "till": "end", "to": "end"}
"""The qualifier a date after the preposition gives; any other gives a point in time."""
COPULAS = frozenset({"be", "become", "remain"})


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


def _named(lex: Lexicon, verb: Token) -> list[Token]:
    """Whom a naming verb names: its object ('appointed X as CEO'), the name in its object
    predicate ('named X chief executive', parsed as one noun phrase or as two), or the subject
    of its passive ('X was named chief executive')."""
    if verb.lemma_.lower() not in lex.naming_verbs:
        return []
    kids = list(verb.children)
    return [c for c in kids if c.dep_ == "dobj"] or [c for c in kids if c.dep_ == "oprd" and c.pos_ == "PROPN"] or \
        [n for c in kids if c.dep_ == "oprd" for n in c.children if n.dep_ in {"nmod", "compound"} and n.pos_ == "PROPN"] \
        or [c for c in kids if c.dep_ == "nsubjpass"]


def actor_tokens(lex: Lexicon, verb: Token) -> list[Token]:
    """Who does what the verb says: its subject, the agent of a passive, or an inherited subject."""
    kids = list(verb.children)
    agents = _agents(verb)
    participle = _participle(verb)
    passive = any(c.dep_ in PASSIVE_SUBJ or c.dep_ == "auxpass" for c in kids)
    if not agents and (passive or participle) and not any(c.dep_ in ACTIVE_SUBJ for c in kids):
        # 'developed and published by X': the agent of the last of joined participles is theirs
        # (not of a perfect's: 'A had succeeded B and was succeeded by C')
        agents = [p for c in verb.conjuncts if c.i > verb.i and _participle(c) for p in _agents(c)]
    if passive or agents and participle:
        return agents  # (a participle with a 'by' agent is passive too: 'which is majority-owned by X')
    if participle and not agents and _hung_on_a_place(verb):
        # 'X was born in Y, raised in Z and studied at W': 'raised' shares the passive's subject
        return patient_tokens(lex, verb.head.head.head)
    if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.dep_ == "ROOT" and verb.head.pos_ == "PROPN":
        named = [n for c in verb.head.children if c.dep_ == "acl" and c.i < verb.i for n in _named(lex, c)]
        if named:
            return named[:1]  # 'X named Y its chief executive, replacing Z', both verbs hung on X: Y replaces
    if verb.dep_ == "acl" and participle:
        root = verb.sent.root
        if not agents and root.pos_ == "PROPN" and verb.head != root and verb.i > 0 and \
                verb.doc[verb.i - 1].text == "," and any(c.dep_ in {"dobj", "oprd"} for c in verb.children):
            # the same, with a relative clause on the subject before the verb: 'X, which owns a
            # stake in Y, named Z as chairman' (ROOT 'X', 'named' hung on Y)
            return [root]
        if agents or verb.head.dep_ != "ROOT" or verb.head.pos_ != "PROPN":
            return agents
        # the parser found no verb for the sentence and hung its predicate on the subject:
        # 'Lin Bin, who was president until 2019, studied at X' (ROOT 'Bin', 'studied' acl)
        return [verb.head]
    subj = _dislocated(c for c in kids if c.dep_ in ACTIVE_SUBJ)
    before = _misparsed_subject(verb)
    if before is not None and all(s.i > verb.i for s in subj):
        return [before]
    if subj and any(c.dep_ == "conj" for c in subj[0].children):  # 'A, B and C founded X', with A hung apart
        subj = [c for c in kids if c.dep_ in {"npadvmod", "dep"} and c.pos_ == "PROPN" and c.i < subj[0].i
                and c.right_edge.i + 1 == subj[0].left_edge.i - 1 and c.doc[c.right_edge.i + 1].text == ","] + subj
    if subj:
        if subj[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head]
        return subj
    if verb.dep_ == "relcl":
        return [verb.head]
    if verb.dep_ == "conj" and verb.left_edge.i > 0:
        before = verb.doc[verb.left_edge.i - 1]
        if before.pos_ == "PROPN" and before.dep_ == "conj" and before.head.i < before.i and \
                before.head.dep_ not in ACTIVE_SUBJ:
            # 'A is the chief executive and B is president', parsed with B joined to the
            # first clause's title: B is the second clause's subject, not A
            return [before]
    if verb.dep_ in CLAUSE_INHERIT and verb.head != verb and verb.head.pos_ in {"VERB", "AUX"}:
        infinitive = verb.tag_ == "VB" and any(c.dep_ == "aux" and c.lower_ == "to" for c in kids)
        if verb.dep_ in {"advcl", "xcomp"} and (verb.tag_ == "VBG" or infinitive) and \
                verb.head.lemma_.lower() in lex.naming_verbs:
            named = _named(lex, verb.head)
            if named:
                return named  # 'appointed X as CEO, replacing Y', 'named X to replace Y': X replaces
        first = _first_of_chain(verb) if verb.dep_ == "conj" else verb.head
        if verb.dep_ in {"conj", "xcomp"} and verb.tag_ != "VBN" and \
                any(c.dep_ in PASSIVE_SUBJ for c in first.children):
            # 'X was born in Y and studied at Z', 'X was born in Y, raised in W and studied at Z',
            # 'X was named to succeed Y': an active verb joined to a passive one shares its
            # subject, not its agent
            return patient_tokens(lex, first)
        return actor_tokens(lex, verb.head)
    if verb.dep_ == "xcomp" and verb.head.dep_ == "acomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
        # 'X was able to attend Y', 'X was eager to join Y': the copula's subject
        return actor_tokens(lex, verb.head.head)
    if verb.dep_ == "pcomp" and verb.head.head.pos_ in {"VERB", "AUX"}:
        # 'worked at X before starting Y': the gerund's subject is the main verb's, its
        # grammatical subject even when passive ('after playing for X, Y was drafted by Z')
        main = verb.head.head
        if verb.tag_ == "VBG" and any(c.dep_ in PASSIVE_SUBJ for c in main.children):
            return patient_tokens(lex, main)
        return actor_tokens(lex, main)
    return []


def _misparsed_subject(verb: Token) -> Token | None:
    """'Ada Brenner joins from X', 'Ada Brenner replaces Y': a name the small model read as a
    modifier of the verb after it (and the object as its subject, when after the verb)."""
    if verb.pos_ != "VERB" or verb.tag_ not in {"VBZ", "VBD"}:
        return None
    return next((c for c in verb.children if c.dep_ in {"amod", "compound", "npadvmod", "nmod"} and c.i < verb.i
                 and c.ent_type_ in {"PERSON", "ORG"}), None)


def _agents(verb: Token) -> list[Token]:
    """The objects of the verb's 'by' agent phrase; for a past participle whose 'by' the parser
    hung on a place or an 'on a ... basis' before it, that one ('formed in 1962 in Paris, France
    by X', 'replaced on an interim basis by X')."""
    agents = [p for a in verb.children if a.dep_ == "agent" for p in a.children if p.dep_ == "pobj"]
    if agents or verb.tag_ != "VBN":
        return agents
    places = [o for c in verb.children if c.dep_ == "prep" and c.lower_ in {"in", "at"}
              for p in c.children if p.dep_ == "pobj" for o in (p, *p.conjuncts) if o.ent_type_ == "GPE"]
    # (and 'replaced on an interim basis by X', 'replaced as CEO by X': the 'by' hung on the phrase before it)
    hosts = places or [p for c in verb.children if c.dep_ == "prep" and c.lower_ in {"on", "in", "as"}
                       for p in c.children if p.dep_ == "pobj" and p.ent_type_ == ""]
    return [o for host in hosts for b in host.children if b.dep_ == "prep" and b.lower_ == "by"
            for o in b.children if o.dep_ == "pobj"]


def _participle(verb: Token) -> bool:
    """A past participle: tagged so, or a past form hung on a noun without a subject (the small
    model tags 'a game developed by X' as VBD)."""
    return verb.tag_ == "VBN" or verb.dep_ == "acl" and verb.tag_ == "VBD" and \
        not any(c.dep_ in ACTIVE_SUBJ for c in verb.children)


def _hung_on_a_place(verb: Token) -> bool:
    """'X was born in Y, raised in Z': a participle after a comma that the parser hung on the
    object of a preposition of a passive verb, where it goes with that verb."""
    return verb.dep_ == "acl" and verb.head.dep_ == "pobj" and verb.i > 0 and verb.doc[verb.i - 1].text == "," \
        and any(c.dep_ in PASSIVE_SUBJ for c in verb.head.head.head.children)


def _first_of_chain(verb: Token) -> Token:
    """The first verb of a coordination of verbs ('born', in 'born in Y, raised in W and studied')."""
    node = verb
    while node.dep_ == "conj" and node.head != node and node.head.pos_ in {"VERB", "AUX"}:
        node = node.head
    return node


def described_as(root: Token) -> list[Token]:
    """The nouns an apposition or a copula says a name is: 'X, a composer,', 'X is a writer and
    painter' (the name's root token)."""
    nouns = [c for c in root.children if c.dep_ == "appos"]
    if root.dep_ in NOUN_SUBJ and root.head.lemma_ == "be":
        attrs = [c for c in root.head.children if c.dep_ == "attr"]
        nouns += attrs + [c for a in attrs for c in a.conjuncts]
    return nouns


def _dislocated(subjects) -> list[Token]:
    """A verb's subjects, but only the pronoun where a noun phrase is set before it ('The
    daughter of X, she was born ...': the parser gives 'born' both as subjects)."""
    subjects = list(subjects)
    pronouns = [s for s in subjects if s.lower_ in PERSON_PRONOUNS | PLURAL_PRONOUNS | ORG_PRONOUNS]
    return pronouns if len(subjects) > 1 and pronouns and pronouns[0].i > subjects[0].i else subjects


def patient_tokens(lex: Lexicon, verb: Token) -> list[Token]:
    """What the verb is done to: the object, or the subject of a passive."""
    kids = list(verb.children)
    passive = _dislocated(c for c in kids if c.dep_ in PASSIVE_SUBJ)
    if passive:
        if passive[0].lower_ in RELATIVE_PRONOUNS and verb.dep_ == "relcl":
            return [verb.head]
        return passive
    if verb.dep_ == "acl" and _participle(verb):
        if _hung_on_a_place(verb):
            return patient_tokens(lex, verb.head.head.head)  # 'X was born in Y, educated at Z'
        at = verb.head.head if verb.head.dep_ == "pobj" else None
        if at is not None and at.lower_ == "at" and at.head.pos_ == "NOUN":
            return []  # 'a team at X led by Y': the team, an unnamed one, not X
        return [verb.head]
    head = verb.head
    if verb.dep_ in {"xcomp", "acl"} and head.pos_ == "VERB" and head.lower_ in lex.company_nouns and head.dep_ == "acl":
        return [head.head]  # 'X, the payments startup founded by Y': a noun the tagger read as a verb
    if verb.dep_ == "advcl" and verb.tag_ == "VBN" and verb.i < head.i and head.pos_ in {"VERB", "AUX"}:
        # 'Founded in 1990, X makes Y', 'Educated at Z, X began ...': a participle before the
        # clause is done to the clause's subject
        return [c for c in head.children if c.dep_ in ACTIVE_SUBJ | PASSIVE_SUBJ]
    if verb.dep_ == "conj" and head.pos_ in {"VERB", "AUX"} and \
            (any(c.dep_ == "auxpass" for c in kids) or verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in kids)):
        # a passive without a subject of its own is done to the subject of the passive or
        # copula it is joined to: 'X is based in Z and is owned by Y', 'X was founded in 2001
        # and acquired by Y', 'X is a station in Z and is owned by Y'; after an active verb only
        # to whoever leaves ('X is retiring and will be replaced by Y')
        if any(c.dep_ in PASSIVE_SUBJ for c in head.children) or head.dep_ == "acl" and _participle(head):
            # (the second: 'X, a company based in Z and owned by Y': joined to a participle that
            # describes a noun, it describes the noun too)
            return patient_tokens(lex, head)
        if head.lemma_.lower() in lex.end_words or head.lemma_ in COPULAS:
            return actor_tokens(lex, head)
        return []
    if verb.dep_ == "acomp" and verb.tag_ == "VBN" and any(c.dep_ == "agent" for c in kids):
        # 'which is majority-owned by X': the participle is done to the copula's subject
        return actor_tokens(lex, verb.head)
    objects = [c for c in kids if c.dep_ in {"dobj", "obj"} or c.dep_ in ACTIVE_SUBJ and c.i > verb.i and
               _misparsed_subject(verb) is not None]
    relative_adverb = any(c.lower_ in RELATIVE_ADVERBS for c in kids)
    complement = any(c.dep_ in {"xcomp", "ccomp"} for c in kids)
    if verb.dep_ == "relcl" and (any(o.lower_ in RELATIVE_PRONOUNS for o in objects) or not objects
                                 and not relative_adverb and not complement
                                 and any(c.dep_ == "nsubj" and c.lower_ not in RELATIVE_PRONOUNS
                                         for c in kids)):
        return [verb.head]
    if not objects:  # a misparse hides the object in a clause: 'unveiled the X smartphone', 'makes the X messaging app'
        objects = [c for c in kids if c.dep_ in {"ccomp", "xcomp", "oprd"} and (c.pos_ in {"NOUN", "PROPN"} or
                   c.tag_ == "VBG" and any(g.dep_ == "nsubj" and g.pos_ == "PROPN" for g in c.children))]
    return objects


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
                if c.dep_ in {"prep", "dative", "agent"} or c.dep_ == "conj" and c.pos_ == "ADP":
                    # (a preposition joined to the verb: 'educated at X, ..., and at Y')
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
                    elif depth < 2:  # ('graduated with a BA from X and a law degree from Y')
                        nxt += pobjs + [j for p in pobjs for j in p.children if j.dep_ == "conj" and j.pos_ == "NOUN"]
                elif c.dep_ == "dobj" and h is verb:
                    # '... a degree from X and a master's degree from Y': the joined objects too
                    nxt += [c] + [j for j in c.children if j.dep_ == "conj" and j.pos_ == "NOUN"]
        frontier = nxt
    return out


def singular(tok: Token) -> str:
    """'CEOs' -> 'ceo', 'founders' -> 'founder', 'alumnus' as it is (the lemmatizer leaves
    upper-case acronyms alone)."""
    word = tok.lower_
    return word[:-1] if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3 else word


def no_longer(title: Token) -> bool:
    """'X is no longer CEO'."""
    verb = title.head
    return any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in verb.children)


def singular_antecedent(verb: Token, tok: Token) -> Token | None:
    """The one name a singular relative clause on joined names is about: the last before it
    ('owns X and Y, which is run by Z': Z runs Y); None where the clause may be about all of
    them ('which were', 'which ran') or is on no joined names."""
    if verb.dep_ != "relcl" or tok != verb.head or not tok.conjuncts:
        return None
    if verb.tag_ != "VBZ" and not any(c.dep_ in {"aux", "auxpass"} and (c.tag_ == "VBZ" or c.lower_ == "was")
                                      for c in verb.children):
        return None
    return max((t for t in (tok, *tok.conjuncts) if t.i < verb.i), key=lambda t: t.i, default=tok)


def contact_subject(lex: Lexicon, span: Span) -> bool:
    """'the startup Ada Brenner founded': a name of two or more words followed by a verb of
    founding or joining is the subject of a clause on the noun before it, not that noun's name."""
    verb = next((t for t in span.doc[span.end:span.end + 2] if not t.is_space), None)
    return verb is not None and verb.tag_ in {"VBD", "VBN"} and len(span) > 1 and \
        (verb.lemma_.lower() in lex.joining_verbs or verb.lower_.startswith(lex.founding_verbs))


def described_department(lex: Lexicon, tok: Token) -> bool:
    """'the cloud business', 'its European operations': a part of a company, named by a
    department noun with a word that describes it (lexicon department_nouns)."""
    return bool(lex.department_nouns & {tok.lemma_.lower(), tok.lower_}) and any(c.dep_ in {"amod", "compound"} for c in tok.children)
