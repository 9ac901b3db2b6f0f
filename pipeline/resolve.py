"""Resolve stage: mentions -> Entities; relation mentions -> Relations.

Within a document, a person's family or given name alone, a spacing variant
("Jin Lei" for the "Jinlei" of "Gao Jinlei"), "Mr. X" and case variants join the
full name; a short form that is a prefix of an organization named in the
same document joins it ("Acme" for "AcmeSoft"). Across documents, people
join only when their full names agree; organizations and products join on
their normalized name. An organization and a product of the same name stay
two entities when both are typed by their context; a weakly typed mention
(the model's guess) joins the strongly typed one.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from .names import HONORIFIC, STRENGTH, NameRules, norm, person_words, retyped, squash
from .types import ORGANIZATION, PERSON, PLACE, PRODUCT, Entity, Extraction, Mention, Relation

SLUG_SAFE = re.compile(r"^[\w-]+$")

def slug(kind: str, key: str) -> str:
    """Readable, stable, collision-free id: 'person/ada-lovelace'; a short hash when the name is not plain."""
    base = re.sub(r"[^\w]+", "-", key, flags=re.UNICODE).strip("-_").lower() or "x"
    if not SLUG_SAFE.match(key.replace(" ", "-")) or base != key.replace(" ", "-"):
        base = f"{base}-{hashlib.sha1(key.encode('utf-8')).hexdigest()[:8]}"
    return f"{kind.lower()}/{base}"


@dataclass
class Cluster:
    """Mentions believed to be one entity, while resolving."""

    type: str
    key: str
    mentions: list[Mention] = field(default_factory=list)
    full: bool = True
    """For people: known by a name of two or more words."""


def resolve_document(mentions: Iterable[Mention], rules: NameRules) -> list[Cluster]:
    """Cluster the mentions of one document."""
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    people = [m for m in mentions if m.type == PERSON]
    things = [m for m in mentions if m.type in (ORGANIZATION, PRODUCT)]
    return _people(people) + _things(things, rules)


def _people(mentions: list[Mention]) -> list[Cluster]:
    full: dict[str, Cluster] = {}
    order = sorted(mentions, key=lambda m: (-len(person_words(m)), m.start))
    partial: list[Mention] = []
    for m in order:
        words = person_words(m)
        if len(words) >= 2 and not _part_of_longer(m, full):
            full.setdefault(" ".join(words), Cluster(PERSON, " ".join(words))).mentions.append(m)
        else:
            partial.append(m)
    _join_shorter_forms(full)
    _join_aliases(full)
    singles: dict[str, Cluster] = {}
    first_person = min((x.start for x in mentions if x.sentence == 0), default=-1)
    for m in sorted(partial, key=lambda m: m.start):
        target = _best_full(m, full, first_person)
        if target is not None:
            target.mentions.append(m)
        else:
            key = norm(m.text)
            singles.setdefault(key, Cluster(PERSON, key, full=False)).mentions.append(m)
    return list(full.values()) + list(singles.values())


def _join_aliases(full: dict[str, Cluster]) -> None:
    """A full name the text gives as another name of a person ('Liu Qiang, also known as Lucas
    Liu') joins that person's cluster."""
    for key in list(full):
        cluster = full.get(key)
        other = next((" ".join(norm(m.alias_of).split()) for m in cluster.mentions if m.alias_of), None) \
            if cluster is not None else None
        if other and other != key and other in full:
            full[other].mentions += full.pop(key).mentions


def _join_shorter_forms(full: dict[str, Cluster]) -> None:
    """A full name that is another's without a middle name, or with initials for its words, is
    the same person when only one longer name fits: 'Henrik Varga' and 'H. A. Varga' are
    'Henrik August Varga'; 'Ada Brenner' stays apart from 'Ada Maria Brenner' and 'Ada Jo
    Brenner' both."""
    for key in sorted(full, key=lambda k: (len(k.split()), k)):
        fits = [k for k in full if k != key and _shorter_form(key.split(), k.split())]
        if len(fits) == 1:
            full[fits[0]].mentions += full.pop(key).mentions


def _shorter_form(short: list[str], long: list[str]) -> bool:
    def same(a: str, b: str) -> bool:
        return a == b or len(a.rstrip(".")) == 1 and a[0] == b[0] and len(b) > 1
    if len(short) > len(long) or short[-1] != long[-1] or not same(short[0], long[0]) or short == long:
        return False
    rest = iter(long[1:-1])  # the middle words of the short form, in order, among the long one's
    return all(any(same(w, x) for x in rest) for w in short[1:-1])


@lru_cache(maxsize=1 << 14)
def _parts(key: str) -> frozenset[str]:
    """Squashed contiguous sub-sequences of a name's words: 'gao jinlei' -> {gao, jinlei, gaojinlei}."""
    words = key.split()
    return frozenset("".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1))


def _part_of_longer(m: Mention, full: dict[str, Cluster]) -> bool:
    s = squash(m.text)
    words = person_words(m)
    return any(s in _parts(key) and key.split() != words for key in full)


def _surname(key: str) -> str:
    """The last word of a full name, less a generational suffix ('paul desmarais jr.' -> 'desmarais')."""
    words = [w for w in key.split() if w.rstrip(".") not in GENERATIONS] or key.split()
    return words[-1]


GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _best_full(m: Mention, full: dict[str, Cluster], first_person: int = -1) -> Cluster | None:
    s = squash(m.text)
    cands = [c for key, c in full.items() if s in _parts(key)]
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]
    # a lone name is a surname where it can be: 'Lund' after 'Ronald Lund' and 'Lund Brenner'
    cands = [c for c in cands if _surname(c.key) == s] or cands
    # the person a text opens with, over relatives and others named after ('Tomas Brenner
    # ... the son of Ines Brenner ... Brenner attended Harwell')
    opener = [c for c in cands if min(x.start for x in c.mentions) == first_person]
    if opener and len(cands) > 1:
        return opener[0]
    before = [c for c in cands if any(x.start < m.start for x in c.mentions)]
    pool = before or cands
    return max(pool, key=lambda c: max((x.start for x in c.mentions if x.start < m.start), default=-1))


def _things(mentions: list[Mention], rules: NameRules) -> list[Cluster]:
    clusters: dict[tuple[str, str], Cluster] = {}
    for m in mentions:
        key = rules.key(m.text)
        clusters.setdefault((m.type, key), Cluster(m.type, key)).mentions.append(m)
    # a short form that is a prefix of a longer organization name in the same document
    for (kind, key), c in list(clusters.items()):
        if " " in key or len(key) < 3:
            continue
        longer = [o for (k2, key2), o in clusters.items() if k2 == kind and key2 != key
                  and key2.replace(" ", "").startswith(key) and len(key2.replace(" ", "")) > len(key)
                  and " " not in key2]
        if len(longer) == 1:
            longer[0].mentions += c.mentions
            del clusters[(kind, key)]
    # a short name the text gives in brackets after the full one ('Harwell Defence Board (HSK)')
    for (kind, key), c in list(clusters.items()):
        full = next((rules.key(m.alias_of) for m in c.mentions if m.alias_of), None)
        if kind == ORGANIZATION and full and full != key and (kind, full) in clusters:
            clusters[(kind, full)].mentions += clusters.pop((kind, key)).mentions
    # an acronym of the initials of one longer organization name in the same document ('HM' for
    # 'Halvex Motors Co', 'AWS' for 'Amazon Web Services')
    for (kind, key), c in list(clusters.items()):
        if kind != ORGANIZATION or " " in key or not 2 <= len(key) <= 5 or \
                not any(m.text.isupper() and m.text.isalpha() for m in c.mentions):
            continue
        spelled = [o for (k2, key2), o in clusters.items() if k2 == kind and " " in key2
                   and any(key in rules.initials(m.text) for m in o.mentions)]
        if len(spelled) == 1:
            spelled[0].mentions += c.mentions
            del clusters[(kind, key)]
    return list(clusters.values())


def resolve(extractions: Iterable[Extraction], signatures: dict | None = None,
            rules: NameRules | None = None) -> tuple[list[Entity], list[Relation]]:
    """All documents -> entities and relations, sorted by id.

    ``signatures`` maps a predicate to its (subject kinds, object kinds); a
    relation whose ends were re-typed out of its signature is dropped.
    ``rules`` defaults to the word lists of the repository's lexicon.
    """
    if rules is None:
        from .lexicon import Lexicon
        rules = Lexicon.load().names
    extractions = _spread_coordinated_types(list(extractions), rules)
    merged: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    mention_entity: dict[tuple, tuple[str, str]] = {}
    relation_mentions = []
    for ex in extractions:
        for c in resolve_document(ex.mentions, rules):
            if c.type == PERSON and not c.full:
                gkey = (PERSON, f"{c.key}@{ex.document.id}")
            else:
                gkey = (c.type, c.key if c.type == PERSON else c.key)
            merged[gkey] += c.mentions
            for m in c.mentions:
                mention_entity[_where(m)] = gkey
        relation_mentions += ex.relations
    merged = _merge_weak_across(merged, mention_entity)
    owned = {frozenset((mention_entity.get(_where(rm.subject)), mention_entity.get(_where(rm.object))))
             for rm in relation_mentions if rm.predicate == "owns"}
    places = frozenset(rules.key(m.text) for ex in extractions for m in ex.mentions if m.type == PLACE)
    merged = _merge_formal_names(merged, mention_entity, rules, owned, places)
    entities, ids = {}, {}
    for gkey, ms in merged.items():
        kind, key = gkey
        label = _label(kind, ms, rules)
        eid = slug(kind, key)
        ids[gkey] = eid
        names = sorted({m.text for m in ms} - {label})
        entities[eid] = Entity(eid, label, kind, tuple(names), len(ms), tuple(sorted({m.doc_id for m in ms})))
    grouped: dict[tuple[str, str, str], dict] = defaultdict(dict)
    for rm in relation_mentions:
        s = mention_entity.get(_where(rm.subject))
        o = mention_entity.get(_where(rm.object))
        if s is None or o is None or s == o:
            continue
        if signatures and (s[0] not in signatures[rm.predicate][0] or o[0] not in signatures[rm.predicate][1]):
            continue
        key = (ids[s], rm.predicate, ids[o])
        ev = rm.evidence
        ev_key = (ev.doc_id, ev.start, ev.end, ev.rule)
        if ev_key not in grouped[key] or grouped[key][ev_key].confidence < ev.confidence:
            grouped[key][ev_key] = ev
    relations = [Relation(s, p, o, tuple(evs[k] for k in sorted(evs))) for (s, p, o), evs in grouped.items()]
    return sorted(entities.values(), key=lambda e: e.id), sorted(relations, key=lambda r: (r.subject, r.predicate, r.object))


def _spread_coordinated_types(extractions: list[Extraction], rules: NameRules) -> list[Extraction]:
    """Coordinated names share a kind: in 'on X and Y', a weakly typed Y follows X when X is
    strongly typed anywhere in the corpus (as a product, say)."""
    strong: dict[str, set[str]] = defaultdict(set)
    for ex in extractions:
        for m in ex.mentions:
            if m.type in (ORGANIZATION, PRODUCT) and STRENGTH[m.source] >= 3:
                strong[rules.key(m.text)].add(m.type)
    out = []
    for ex in extractions:
        groups: dict[int, list[Mention]] = defaultdict(list)
        for m in ex.mentions:
            if m.group >= 0:
                groups[m.group].append(m)
        change = {}
        for members in groups.values():
            kinds = {k for m in members for k in strong.get(rules.key(m.text), ())}
            if len(kinds) != 1:
                continue
            kind = kinds.pop()
            for m in members:
                if m.type in (ORGANIZATION, PRODUCT) and m.type != kind and not strong.get(rules.key(m.text)):
                    change[m] = retyped(m, kind, "context")
        if change:
            ex = Extraction(ex.document, tuple(change.get(m, m) for m in ex.mentions), ex.relations, ex.sentences)
        out.append(ex)
    return out


def _merge_weak_across(merged, mention_entity):
    """A name typed only weakly in one document joins the same name typed strongly in another."""
    strong_types: dict[str, set[str]] = defaultdict(set)
    for (kind, key), ms in merged.items():
        if kind in (ORGANIZATION, PRODUCT) and any(STRENGTH[m.source] >= 3 for m in ms):
            strong_types[key].add(kind)
    out = dict(merged)
    for (kind, key), ms in merged.items():
        if kind not in (ORGANIZATION, PRODUCT) or any(STRENGTH[m.source] >= 3 for m in ms):
            continue
        others = strong_types.get(key, set()) - {kind}
        if len(others) == 1 and kind not in strong_types.get(key, set()):
            target = (others.pop(), key)
            out[target] = out[target] + ms
            del out[(kind, key)]
            for m in ms:
                mention_entity[_where(m)] = target
    return out


def _merge_formal_names(merged, mention_entity, rules: NameRules, apart: set[frozenset] = frozenset(),
                        places: frozenset[str] = frozenset()):
    """An organization's formal name joins its short name when the corpus has exactly one such
    formal name: 'Huawei Technologies' is 'Huawei', 'Stanford University' is 'Stanford'; but not
    when the text says one owns the other (``apart``: 'Vantor Electronics, a division of Vantor'),
    nor when the short name is also a place's (``places``: 'Leeds University' is not 'Leeds')."""
    formal: dict[str, list[tuple[str, str]]] = defaultdict(list)  # short name -> its formal names
    for kind, key in merged:
        words = key.split()
        if kind == ORGANIZATION and len(words) > 1 and all(w in rules.formal_words for w in words[1:]):
            formal[words[0]].append((kind, key))
    out = dict(merged)
    for short, longer in formal.items():
        if (ORGANIZATION, short) in out and len(longer) == 1 and frozenset(((ORGANIZATION, short), longer[0])) not in apart \
                and short not in places:  # (a place's name: 'Leeds University' is not 'Leeds')
            out[(ORGANIZATION, short)] = out[(ORGANIZATION, short)] + out.pop(longer[0])
            for m in merged[longer[0]]:
                mention_entity[_where(m)] = (ORGANIZATION, short)
    return out


def _where(m: Mention) -> tuple[str, int, int]:
    return (m.doc_id, m.start, m.end)


def _label(kind: str, ms: list[Mention], rules: NameRules) -> str:
    """Canonical name: the most frequent full form (people: of two or more words), longest on ties."""
    names = Counter(m.text for m in ms)
    if kind == PERSON:
        full = Counter({n: c for n, c in names.items() if len(n.split()) >= 2 and not HONORIFIC.match(n)})
        names = full or names
    key = rules.key(max(names, key=lambda n: (names[n], len(n), n))) if kind != PERSON else None
    if key is not None:
        exact = Counter({n: c for n, c in names.items() if rules.key(n) == key})
        names = exact or names
    return sorted(names, key=lambda n: (-names[n], -len(n), n))[0]


