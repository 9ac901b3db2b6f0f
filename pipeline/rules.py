"""Relation rules as records: ``ontologies/rules/*.json`` -> checked, pattern-expanded ``Rule``s.

A rule file is data (spaCy ``DependencyMatcher`` or ``Matcher`` patterns with ids, confidences
and examples). This module only turns its rows into frozen records and checks them: every
id once, every predicate declared in ``signatures.json``, every argument spec of a form that
``extract`` resolves (``FORMS``; each rule file documents the same forms under
"_argument_forms", and a test holds the two together).
"""
from __future__ import annotations

from dataclasses import dataclass

from .errors import RuleError

VERB_ARGUMENTS = {"actor": False, "patient": False, "prep": True, "node": True, "described": True, "owner": True}
"""Argument specs of verb rules (``subject``, ``object``): the form before the colon, and
whether it takes a name after it (``prep:at|for``, ``node:NAME``)."""
SEQUENCE_ARGUMENTS = {"actor": False, "patient": False, "prep": True, "last": True, "first": True, "each": True,
                      "possessor": False, "described": False}
"""Argument specs of sequence rules (``last:Person``: the last person of the match)."""
HOLDER_FORMS = {"head": False, "node": True, "actor": False, "clause": False}
"""Holder specs of role rules (``holder``), in the same manner."""
FORMS = {"verb": VERB_ARGUMENTS, "sequence": SEQUENCE_ARGUMENTS, "role": HOLDER_FORMS}
"""The specs each kind of rule accepts; each rule file documents its own under "_argument_forms"."""
FILE_KINDS = {"roles.json": "role", "sequences.json": "sequence", "discourse.json": "discourse"}
"""The kind of the rules of a file; every other file holds verb rules."""
DISCOURSE_RULES = ("succeeded.handover.v1", "runs.succession.v1", "runs.predecessor.v1", "developed.named_after.v1")
"""Rules the code applies across clauses (extract/succession.py, extract/brands.py): each must be defined."""


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    kind: str
    """'verb' and 'role' (DependencyMatcher), 'sequence' (Matcher), 'discourse' (code)."""
    pattern: tuple
    confidence: float
    predicate: str | None = None
    subject: str | None = None
    object: str | None = None
    holder: str | None = None
    co_agents: bool | str = False
    prefix: str | None = None
    """'co-': the trigger must have been written with this prefix (see extract/parse.co_prefix)."""
    subject_types: tuple[str, ...] | None = None
    object_types: tuple[str, ...] | None = None
    unless_modified_by: frozenset[str] = frozenset()
    """Words that, modifying the trigger, turn the statement around ('the parent company of')."""
    examples: tuple = ()
    file: str = ""


def check_spec(spec: str | None, forms: dict[str, bool], where: str) -> None:
    """A RuleError naming the rule unless ``spec`` is one of the documented forms."""
    if spec is None:
        return
    kind, colon, name = spec.partition(":")
    if kind not in forms or forms[kind] != bool(colon and name):
        shown = ", ".join(f"{k}:NAME" if v else k for k, v in forms.items())
        raise RuleError(f"{where}: argument {spec!r} is not one of {shown}")


def make_rule(raw: dict, file: str, pattern: list, signatures: dict) -> Rule:
    """One checked Rule from a row of a rule file (its pattern already expanded)."""
    where = f"{file}: rule {raw.get('id', '?')!r}"
    try:
        rule = Rule(id=raw["id"], kind=raw.get("kind", FILE_KINDS.get(file, "verb")), pattern=tuple(pattern),
                    confidence=float(raw["confidence"]), predicate=raw.get("predicate"),
                    subject=raw.get("subject"), object=raw.get("object"), holder=raw.get("holder"),
                    co_agents=raw.get("co_agents", False), prefix=raw.get("prefix"),
                    subject_types=tuple(raw["subject_types"]) if "subject_types" in raw else None,
                    object_types=tuple(raw["object_types"]) if "object_types" in raw else None,
                    unless_modified_by=frozenset(raw.get("unless_modified_by", ())),
                    examples=tuple(raw.get("examples", ())), file=file)
    except (KeyError, TypeError, ValueError) as err:
        raise RuleError(f"{where} is malformed ({err!r})") from err
    if rule.predicate and rule.predicate not in signatures:
        raise RuleError(f"{where} emits undeclared predicate {rule.predicate!r}")
    if not 0 < rule.confidence <= 1:
        raise RuleError(f"{where} has confidence outside (0, 1]")
    if rule.kind in {"verb", "sequence"}:
        check_spec(rule.subject, FORMS[rule.kind], where)
        check_spec(rule.object, FORMS[rule.kind], where)
    elif rule.kind == "role":
        check_spec(rule.holder, HOLDER_FORMS, where)
    return rule


def check_rules(rules: list[Rule]) -> None:
    """Every id once, and the discourse rules the code relies on all present."""
    seen: set[str] = set()
    for rule in rules:
        if rule.id in seen:
            raise RuleError(f"{rule.file}: rule id {rule.id!r} is used twice")
        seen.add(rule.id)
    for needed in DISCOURSE_RULES:
        if needed not in seen:
            raise RuleError(f"discourse.json: missing rule {needed!r}")
