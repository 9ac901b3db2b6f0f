"""Plain records that flow between the stages after spaCy is done.

Every record is frozen and holds tuples, so the later stages (resolve,
graph, rdf) are testable with literal values and safe to cache or send to
another process.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

PERSON, ORGANIZATION, PRODUCT, PLACE = "Person", "Organization", "Product", "Place"
ENTITY_TYPES = (PERSON, ORGANIZATION, PRODUCT)
"""The kinds the graph contract knows; places are kept on mentions only."""

PREDICATES = ("founded", "cofounded", "succeeded", "runs", "developed", "owns",
              "worksFor", "educatedAt")
"""The relation names of the graph contract, in the order the README lists them."""


@dataclass(frozen=True, slots=True)
class Region:
    """A character range of a document's text that is not prose."""

    start: int
    end: int
    kind: str
    """'byline', 'links', 'credit', 'dateline', 'code' or 'mark' (see ontologies/furniture.json)."""


@dataclass(frozen=True, slots=True)
class Document:
    """One article as read from the corpus folder."""

    id: str
    """Path relative to the corpus folder, with '/' separators: stable across runs."""
    title: str
    """First non-empty line."""
    sha256: str
    """Hex digest of the raw bytes of the file."""
    text: str
    date: str | None = None
    """ISO date the article states for itself ('Updated on 2024-02-01'), if any."""
    furniture: tuple[Region, ...] = ()
    """Page furniture kept out of the prose the NLP stages see."""
    bylines: tuple[tuple[int, int], ...] = ()
    """Character ranges of the people named in bylines (journalists, editors)."""
    agencies: tuple[tuple[int, int], ...] = ()
    """Character ranges of the news agencies a wire dateline credits ('Reuters' in '(Reuters) - ')."""
    encoding: str = "utf-8"


@dataclass(frozen=True, slots=True)
class Mention:
    """One surface occurrence of a named entity."""

    doc_id: str
    start: int
    """Character offset in Document.text."""
    end: int
    text: str
    type: str
    """Person, Organization, Product or Place."""
    sentence: int
    """Index of the sentence in the document."""
    source: str = "model"
    """How its type was found: 'rule' (entity ruler), 'context' (a describing noun or verb),
    'model', 'held' (where a role title is held), 'guess' (a label the model often puts on
    names of other kinds), 'byline' (a person a byline names), 'dateline' (the agency a wire
    dateline credits) (see names.STRENGTH)."""
    group: int = -1
    """Mentions coordinated with each other ('X, Y and Z') share a group number; -1 for none."""
    alias_of: str = ""
    """The other name the text gives the same person right before this one ('Wang Fang (Fiona
    Wang)', 'Liu Qiang, also known as Lucas Liu'); empty for none."""


@dataclass(frozen=True, slots=True)
class Qualifiers:
    """What the sentence says about a relation besides its two ends."""

    role: str | None = None
    """Role title as written, e.g. 'CEO', 'co-founder', 'head of human resources'."""
    start: str | None = None
    """ISO year or date the role or fact began."""
    end: str | None = None
    """ISO year or date the role ended."""
    point: str | None = None
    """ISO year or date the sentence attaches to the fact without saying start or end."""
    status: str | None = None
    """'start' (took over, was named), 'end' (stepped down, former) or None."""


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a relation is stated."""

    doc_id: str
    sentence: str
    start: int
    """Character offsets of the sentence in Document.text."""
    end: int
    rule: str
    """Id of the rule in ontologies/rules/ that fired."""
    confidence: float
    qualifiers: Qualifiers = field(default_factory=Qualifiers)
    coref: bool = False
    """True when an argument was resolved through a pronoun or an implicit mention."""


@dataclass(frozen=True, slots=True)
class RelationMention:
    """One relation as stated in one sentence, between two mentions."""

    subject: Mention
    predicate: str
    object: Mention
    evidence: Evidence


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything the spaCy stages found in one document: the unit that is cached."""

    document: Document
    mentions: tuple[Mention, ...]
    relations: tuple[RelationMention, ...]
    sentences: int = 0
    problems: tuple[str, ...] = ()
    """What the rules stage could not do in it, one line each (the relations of that part are left out)."""


@dataclass(frozen=True, slots=True)
class Entity:
    """One real-world entity after resolution."""

    id: str
    """Stable slug, e.g. 'person/zhang-san'; the RDF stage prefixes the base IRI."""
    label: str
    type: str
    aliases: tuple[str, ...]
    """Every other surface form seen, sorted."""
    mentions: int
    documents: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Summary:
    """What all the evidence of one relation says besides its ends: the one policy that the RDF
    statement, the HTML view, the GEXF timeline and the CSV tables share."""

    role: str | None = None
    """The role title said most often (the first in alphabetical order among ties)."""
    start: str | None = None
    """The earliest start any sentence gives."""
    end: str | None = None
    """The latest end any sentence gives."""
    point: str | None = None
    """The earliest point in time, only when no sentence gives a start or an end."""
    current: bool | None = None
    """Whether the role holds now: None when no sentence says it started or ended; False when
    one says it ended."""

    def words(self) -> list[str]:
        """The summary as people read it, in the one wording of explain and the HTML view:
        'role: CEO', 'from 2019', 'until 2021', 'in 2012', 'current' or 'former'."""
        out = [f"role: {self.role}"] if self.role else []
        out += [f"{word} {value}" for word, value in (("from", self.start), ("until", self.end), ("in", self.point))
                if value]
        if self.current is not None:
            out.append("current" if self.current else "former")
        return out


def summarize(evidence: tuple[Evidence, ...]) -> Summary:
    """The Summary of a relation's evidence (see Summary)."""
    roles = Counter(ev.qualifiers.role for ev in evidence if ev.qualifiers.role)
    starts = sorted(ev.qualifiers.start for ev in evidence if ev.qualifiers.start)
    ends = sorted(ev.qualifiers.end for ev in evidence if ev.qualifiers.end)
    points = sorted(ev.qualifiers.point for ev in evidence if ev.qualifiers.point)
    statuses = {ev.qualifiers.status for ev in evidence if ev.qualifiers.status}
    return Summary(role=sorted(roles, key=lambda r: (-roles[r], r))[0] if roles else None,
                   start=starts[0] if starts else None, end=ends[-1] if ends else None,
                   point=points[0] if points and not starts and not ends else None,
                   current=("end" not in statuses) if statuses else None)


@dataclass(frozen=True, slots=True)
class Relation:
    """One (subject, predicate, object) with all the evidence for it."""

    subject: str
    predicate: str
    object: str
    evidence: tuple[Evidence, ...]

    @property
    def confidence(self) -> float:
        """Noisy-or of the evidence confidences: more independent sentences, more trust."""
        miss = 1.0
        for ev in self.evidence:
            miss *= 1.0 - ev.confidence
        return round(1.0 - miss, 4)

    @property
    def summary(self) -> Summary:
        return summarize(self.evidence)
