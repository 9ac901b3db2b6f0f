"""Names: normalization shared by the mentions and resolve stages, and type settlement.

A mention's type comes with a strength (``Mention.source``): types read from
the context or from a rule beat the model's label, which beats a guess from a
label the small model often puts on company names (GPE, NORP, WORK_OF_ART).
"""
from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from .types import ENTITY_TYPES, ORGANIZATION, PERSON, PLACE, PRODUCT, Mention

STRENGTH = {"byline": 3, "dateline": 3, "rule": 3, "context": 3, "model": 2, "held": 2, "guess": 1}
"""How much a mention's type counts when mentions of one name disagree."""
HONORIFIC = re.compile(r"^(?:mr|mrs|ms|mx|dr|prof|sir|dame)\.?\s+", re.IGNORECASE)


@lru_cache(maxsize=1 << 16)
def norm(text: str) -> str:
    """Case-, width- and quote-insensitive form of a name."""
    s = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    s = HONORIFIC.sub("", s)
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"[\"“”«»]", "", s)
    return re.sub(r"\s+", " ", s).strip(" .,;:-")


@dataclass(frozen=True)
class NameRules:
    """Word lists from lexicon.json that decide when two organization or product names are one."""

    legal_suffixes: frozenset[str]
    """'Inc.', 'Group': dropped before comparing names."""
    tails: tuple[tuple[str, ...], ...]
    """'app', 'browser', 'short video': generic words after a brand that still name the brand."""
    formal_words: frozenset[str] = frozenset()
    """'Technologies', 'University': words after an organization's short name in its formal name
    ('Huawei Technologies', 'Stanford University'; lexicon.json formal_name_words)."""
    acronym_skips: frozenset[str] = frozenset()
    """'of', 'the', 'and': words an acronym leaves out ('HPIC' for 'Halvex Private Investment
    Corporation'; lexicon.json acronym_skip_words)."""
    alias_phrases: frozenset[tuple[str, ...]] = frozenset()
    """'also known as', 'who goes by': words between two names of one person ('Liu Qiang, also
    known as Lucas Liu'; lexicon.json alias_phrases)."""
    _keys: dict[str, str] = field(default_factory=dict, compare=False, repr=False)
    """Name -> key, as worked out (both stages ask again for the same names)."""

    def key(self, text: str) -> str:
        """Comparison key of an organization or product name."""
        known = self._keys.get(text)
        if known is None:
            if len(self._keys) > 1 << 16:  # memory does not grow with the corpus
                self._keys.clear()
            known = self._keys[text] = self._key(text)
        return known

    def _key(self, text: str) -> str:
        words = norm(text).split()
        while len(words) > 1 and words[-1].strip(".,") in self.legal_suffixes:
            words.pop()
        for tail in self.tails:
            if len(words) > len(tail) and tuple(words[-len(tail):]) == tail:
                words = words[:-len(tail)]
                break
        return " ".join(words)


    def initials(self, text: str) -> frozenset[str]:
        """The acronyms a name may be written as: the initials of all its words, and of its words
        less those an acronym leaves out, with and without a legal suffix."""
        words = norm(text).split()
        out = set()
        for ws in (words, [w for w in words if w not in self.acronym_skips]):
            out.add("".join(w[0] for w in ws if w))
            if len(ws) > 1 and ws[-1].strip(".,") in self.legal_suffixes:
                out.add("".join(w[0] for w in ws[:-1] if w))
        return frozenset(out)


@lru_cache(maxsize=1 << 16)
def squash(text: str) -> str:
    return re.sub(r"[\s\-.]", "", norm(text))


def person_words(m: Mention) -> list[str]:
    return norm(m.text).split()


def settle_types(mentions: list[Mention], rules: NameRules) -> list[Mention]:
    """Within one document, a name gets one type per strength class; weak guesses follow strong types."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_name[rules.key(m.text)].append(m)
    full_names = [m for m in mentions if m.type == PERSON and len(person_words(m)) > 1]
    name_parts = {w for m in full_names if m.source != "guess" for w in person_words(m)}
    person_squash = {squash(m.text) for m in full_names}
    surnames = {norm(m.text) for m in mentions if m.type == PERSON and STRENGTH[m.source] >= 2
                and len(person_words(m)) == 1}
    out = []
    for key, group in by_name.items():
        strong = {m.type for m in group if STRENGTH[m.source] >= 3 and m.type in ENTITY_TYPES}
        firm_company = bool(strong & {ORGANIZATION, PRODUCT})  # the context made it a company or product
        votes = Counter()
        for m in group:
            if m.type in ENTITY_TYPES:
                votes[m.type] += STRENGTH[m.source]
        squashed = squash(key)
        # a founder's surname the document otherwise uses as a company's name ('Boeing, founded
        # by William Boeing, ...', 'joined Boeing'): typed as a company more than once, firmly at
        # least once, and more strongly as a company than as a person (one company reading is
        # not enough: 'Schultz built Starbucks after buying the company')
        companies = [m for m in group if m.type in {ORGANIZATION, PRODUCT}]
        company_name = len(companies) >= 2 and firm_company and \
            votes[ORGANIZATION] + votes[PRODUCT] > votes[PERSON]
        single_person_part = not company_name and (
            (len(key.split()) == 1 and key in name_parts) or
            (len(key.split()) <= 2 and not firm_company and
             len(squashed) > 2 and any(squashed != s and (s.startswith(squashed) or s.endswith(squashed))
                                       for s in person_squash)))
        # a full name the model took for a company, whose surname the document uses alone for a
        # person ('Ada Brenner' as an organization beside 'Brenner' as a person)
        # ...unless the context firmly made it a company ('X is a video game company')
        full_name = 2 <= len(key.split()) <= 3 and key.split()[-1] in surnames and \
            not firm_company and \
            all(m.source != "rule" and m.text.replace(" ", "").isalpha() and m.text.istitle() for m in group)
        for m in group:
            kind = m.type
            if full_name:
                kind = PERSON
            elif single_person_part and (m.source != "rule" or kind == PERSON):
                kind = PERSON
            elif kind == PLACE and votes:
                kind = votes.most_common(1)[0][0] if strong else PLACE
            elif STRENGTH[m.source] < 3 and strong and kind not in strong:
                kind = sorted(strong, key=lambda t: -votes[t])[0]
            elif STRENGTH[m.source] < 3 and not strong and votes:
                kind = max(sorted(votes), key=lambda t: votes[t])
            out.append(m if kind == m.type else retyped(m, kind))
    return sorted(out, key=lambda m: (m.start, m.end))


def retyped(m: Mention, kind: str, source: str | None = None) -> Mention:
    return Mention(m.doc_id, m.start, m.end, m.text, kind, m.sentence, source or m.source, m.group, m.alias_of)
