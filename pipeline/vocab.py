"""The one closed namespace of newsgraph's ontology and the one place that mints IRIs."""
from __future__ import annotations

import hashlib
from urllib.parse import quote

from rdflib import URIRef
from rdflib.namespace import DefinedNamespace, Namespace

from .config import BASE_ENV, DEFAULT_BASE  # noqa: F401 (re-exported)
from .types import Evidence

NS = "https://newsgraph.dev/ontology#"


class NG(DefinedNamespace):
    """Terms of ontologies/newsgraph.ttl; a typo raises instead of inventing a term."""

    _NS = Namespace(NS)
    _fail = True

    Person: URIRef
    Organization: URIRef
    Product: URIRef
    Statement: URIRef
    Evidence: URIRef
    Document: URIRef
    founded: URIRef
    cofounded: URIRef
    succeeded: URIRef
    runs: URIRef
    developed: URIRef
    owns: URIRef
    worksFor: URIRef
    educatedAt: URIRef
    foundedBy: URIRef
    cofoundedBy: URIRef
    succeededBy: URIRef
    runBy: URIRef
    developedBy: URIRef
    ownedBy: URIRef
    employs: URIRef
    educated: URIRef
    confidence: URIRef
    evidenceCount: URIRef
    role: URIRef
    startTime: URIRef
    endTime: URIRef
    pointInTime: URIRef
    isCurrent: URIRef
    roleChange: URIRef
    document: URIRef
    sentence: URIRef
    startOffset: URIRef
    endOffset: URIRef
    rule: URIRef
    path: URIRef
    sha256: URIRef
    mentionCount: URIRef
    mentionedIn: URIRef
    statement: URIRef
    statementValue: URIRef
    foundedStatement: URIRef
    foundedValue: URIRef
    cofoundedStatement: URIRef
    cofoundedValue: URIRef
    succeededStatement: URIRef
    succeededValue: URIRef
    runsStatement: URIRef
    runsValue: URIRef
    developedStatement: URIRef
    developedValue: URIRef
    ownsStatement: URIRef
    ownsValue: URIRef
    worksForStatement: URIRef
    worksForValue: URIRef
    educatedAtStatement: URIRef
    educatedAtValue: URIRef
    startTimePrecision: URIRef
    endTimePrecision: URIRef
    pointInTimePrecision: URIRef


def time_text(value, precision) -> str | None:
    """A time as the graph writes it (an xsd:dateTime and Wikidata's precision code) -> the text
    it was read from: '2019' (precision 9), '2019-05' (10) or '2019-05-20' (11)."""
    if value is None:
        return None
    return str(value)[:{9: 4, 10: 7}.get(int(precision or 11), 10)]


def entity_iri(base: str, entity_id: str) -> URIRef:
    return URIRef(base + quote(entity_id, safe="/-_.~"))


def document_iri(base: str, doc_id: str) -> URIRef:
    return URIRef(base + "document/" + quote(doc_id, safe="/-_.~"))


def statement_iri(base: str, subject: str, predicate: str, obj: str) -> URIRef:
    digest = hashlib.sha1(f"{subject}|{predicate}|{obj}".encode()).hexdigest()[:16]
    return URIRef(f"{base}statement/{predicate}-{digest}")


def evidence_iri(base: str, ev: Evidence) -> URIRef:
    """One IRI per piece of evidence: everything its node says (document, sentence, rule,
    confidence, role and times) goes into the name, so two pieces of evidence from one sentence
    and rule ('X co-founder and CEO Y': a founding and a role) never share a node."""
    q = ev.qualifiers
    key = f"{ev.doc_id}|{ev.start}|{ev.end}|{ev.rule}|{ev.confidence}|{q.role}|{q.start}|{q.end}|{q.point}|{q.status}"
    return URIRef(f"{base}evidence/{hashlib.sha1(key.encode()).hexdigest()[:16]}")
