"""Resolve stage: mentions -> Entities; relation mentions -> Relations.

Within a document, a person's family or given name alone, a spacing variant
("Ru Bo" for the "Rubo" of "Liang Rubo"), "Mr. X" and case variants join the
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
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .types import (ENTITY_TYPES, ORGANIZATION, PERSON, PLACE, PRODUCT, Entity, Evidence, Extraction,
                    Mention, Relation)

STRENGTH = {"byline": 3, "rule": 3, "context": 3, "model": 2, "guess": 1}
"""How much a mention's type counts when mentions of one name disagree."""
LEGAL = {"inc", "corp", "corporation", "co", "company", "ltd", "limited", "llc", "plc", "gmbh", "ag",
         "sa", "nv", "group", "holdings", "holding"}
"""Words dropped from an organization name before comparing it with others."""
HONORIFIC = re.compile(r"^(?:mr|mrs|ms|mx|dr|prof|sir|dame)\.?\s+", re.IGNORECASE)
SLUG_SAFE = re.compile(r"^[\w-]+$")


def norm(text: str) -> str:
    """Case-, width- and quote-insensitive form of a name."""
    s = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    s = HONORIFIC.sub("", s)
    s = re.sub(r"^the\s+", "", s)
    s = re.sub(r"'s$", "", s)
    s = re.sub(r"[\"“”«»]", "", s)
    return re.sub(r"\s+", " ", s).strip(" .,;:-")


def org_key(text: str) -> str:
    words = norm(text).split()
    while len(words) > 1 and words[-1].strip(".,") in LEGAL:
        words.pop()
    return " ".join(words)


def squash(text: str) -> str:
    return re.sub(r"[\s\-.]", "", norm(text))


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

    def names(self) -> Counter:
        return Counter(m.text for m in self.mentions)


def _person_name(m: Mention) -> list[str]:
    return norm(m.text).split()


def resolve_document(mentions: Iterable[Mention]) -> list[Cluster]:
    """Cluster the mentions of one document."""
    mentions = sorted(mentions, key=lambda m: (m.start, m.end))
    typed = _settle_types(mentions)
    people = [m for m in typed if m.type == PERSON]
    things = [m for m in typed if m.type in (ORGANIZATION, PRODUCT)]
    return _people(people) + _things(things)


def _settle_types(mentions: list[Mention]) -> list[Mention]:
    """Within one document, a name gets one type per strength class; weak guesses follow strong types."""
    by_name: dict[str, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_name[org_key(m.text)].append(m)
    person_words = {w for m in mentions if m.type == PERSON and m.source != "guess"
                    for w in _person_name(m) if len(_person_name(m)) > 1}
    person_squash = {squash(m.text) for m in mentions if m.type == PERSON and len(_person_name(m)) > 1}
    out = []
    for key, group in by_name.items():
        strong = {m.type for m in group if STRENGTH[m.source] >= 3 and m.type in ENTITY_TYPES}
        votes = Counter()
        for m in group:
            if m.type in ENTITY_TYPES:
                votes[m.type] += STRENGTH[m.source]
        single_person_part = (len(key.split()) == 1 and key in person_words) or \
            (len(key.split()) <= 2 and any(squash(key) in s and squash(key) != s for s in person_squash))
        for m in group:
            kind = m.type
            if single_person_part and STRENGTH[m.source] <= 2 and kind != PERSON:
                kind = PERSON
            elif kind == PLACE and votes:
                kind = votes.most_common(1)[0][0] if strong else PLACE
            elif STRENGTH[m.source] < 3 and strong and kind not in strong:
                kind = sorted(strong, key=lambda t: -votes[t])[0]
            elif STRENGTH[m.source] < 3 and not strong and votes:
                kind = max(sorted(votes), key=lambda t: votes[t])
            out.append(m if kind == m.type else _retyped(m, kind))
    return sorted(out, key=lambda m: (m.start, m.end))


def _retyped(m: Mention, kind: str) -> Mention:
    return Mention(m.doc_id, m.start, m.end, m.text, kind, m.sentence, m.source)


def _people(mentions: list[Mention]) -> list[Cluster]:
    full: dict[str, Cluster] = {}
    order = sorted(mentions, key=lambda m: (-len(_person_name(m)), m.start))
    partial: list[Mention] = []
    for m in order:
        words = _person_name(m)
        if len(words) >= 2 and not _part_of_longer(m, full):
            full.setdefault(" ".join(words), Cluster(PERSON, " ".join(words))).mentions.append(m)
        else:
            partial.append(m)
    singles: dict[str, Cluster] = {}
    for m in sorted(partial, key=lambda m: m.start):
        target = _best_full(m, full)
        if target is not None:
            target.mentions.append(m)
        else:
            key = norm(m.text)
            singles.setdefault(key, Cluster(PERSON, key, full=False)).mentions.append(m)
    return list(full.values()) + list(singles.values())


def _parts(words: list[str]) -> set[str]:
    """Squashed contiguous sub-sequences of a name's words: 'liang rubo' -> {liang, rubo, liangrubo}."""
    return {"".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, len(words) + 1)}


def _part_of_longer(m: Mention, full: dict[str, Cluster]) -> bool:
    s = squash(m.text)
    words = _person_name(m)
    return any(s in _parts(key.split()) and key.split() != words for key in full)


def _best_full(m: Mention, full: dict[str, Cluster]) -> Cluster | None:
    s = squash(m.text)
    cands = [c for key, c in full.items() if s in _parts(key.split())]
    if not cands:
        return None
    if len(cands) == 1:
        return cands[0]
    before = [c for c in cands if any(x.start < m.start for x in c.mentions)]
    pool = before or cands
    return max(pool, key=lambda c: max((x.start for x in c.mentions if x.start < m.start), default=-1))


def _things(mentions: list[Mention]) -> list[Cluster]:
    clusters: dict[tuple[str, str], Cluster] = {}
    for m in mentions:
        key = org_key(m.text)
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
    return list(clusters.values())


def resolve(extractions: Iterable[Extraction], signatures: dict | None = None
            ) -> tuple[list[Entity], list[Relation]]:
    """All documents -> entities and relations, sorted by id.

    ``signatures`` maps a predicate to its (subject kinds, object kinds); a
    relation whose ends were re-typed out of its signature is dropped.
    """
    merged: dict[tuple[str, str], list[Mention]] = defaultdict(list)
    mention_entity: dict[tuple, tuple[str, str]] = {}
    relation_mentions = []
    for ex in extractions:
        for c in resolve_document(ex.mentions):
            if c.type == PERSON and not c.full:
                gkey = (PERSON, f"{c.key}@{ex.document.id}")
            else:
                gkey = (c.type, c.key if c.type == PERSON else c.key)
            merged[gkey] += c.mentions
            for m in c.mentions:
                mention_entity[_where(m)] = gkey
        relation_mentions += ex.relations
    merged = _merge_weak_across(merged, mention_entity)
    entities, ids = {}, {}
    for gkey, ms in merged.items():
        kind, key = gkey
        label = _label(kind, ms)
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


def _where(m: Mention) -> tuple[str, int, int]:
    return (m.doc_id, m.start, m.end)


def _label(kind: str, ms: list[Mention]) -> str:
    """Canonical name: the most frequent full form (people: of two or more words), longest on ties."""
    names = Counter(m.text for m in ms)
    if kind == PERSON:
        full = Counter({n: c for n, c in names.items() if len(n.split()) >= 2 and not HONORIFIC.match(n)})
        names = full or names
    key = org_key(max(names, key=lambda n: (names[n], len(n), n))) if kind != PERSON else None
    if key is not None:
        exact = Counter({n: c for n, c in names.items() if org_key(n) == key})
        names = exact or names
    return sorted(names, key=lambda n: (-names[n], -len(n), n))[0]


