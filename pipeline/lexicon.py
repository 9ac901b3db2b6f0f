"""Everything newsgraph knows about English, read from ``ontologies/`` once per run.

``Lexicon.load(folder)`` reads ``lexicon.json`` (word lists), ``entity_patterns.jsonl``,
``furniture.json`` and ``rules/*.json`` (with ``signatures.json``), checks them (a missing file,
key or rule is a ``RuleError`` naming the file and the key) and returns one frozen record that
every stage is handed. No other module reads ``ontologies/`` for words or rules.
"""
from __future__ import annotations

import hashlib
import json
import os
from importlib import resources
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .corpus import Layout
from .errors import RuleError
from .names import NameRules
from .role_titles import Titles, case_forms, read_titles
from .rules import Rule, check_rules, make_rule

DATA_PACKAGE = "newsgraph.ontologies"
"""Where the ontologies folder is installed (the repository's ontologies/, packaged)."""
ENV_VAR = "NEWSGRAPH_ONTOLOGIES"
Words = frozenset[str]


def ontologies_dir(value: str | os.PathLike | None = None) -> Path:
    """The ontologies folder: the argument, $NEWSGRAPH_ONTOLOGIES, or the one installed with newsgraph."""
    path = Path(value or os.environ.get(ENV_VAR) or default_dir())
    if not (path / "lexicon.json").is_file():
        raise RuleError(f"{path}: not an ontologies folder (no lexicon.json); "
                        f"set --ontologies or {ENV_VAR}")
    return path


def default_dir() -> Path:
    """The ontologies folder installed with the package (in a checkout: ontologies/)."""
    return Path(str(resources.files(DATA_PACKAGE)))


PLAIN_WORD_LISTS = (
    "honorifics", "person_titles", "titles_in_company_names", "product_subject_verbs", "deal_nouns", "quantity_words",
    "announcing_verbs", "place_nouns", "landform_words", "member_groups", "team_nouns", "launch_nouns", "department_nouns", "located_words", "pair_nouns", "place_verbs",
    "schooled_adjectives", "calling_verbs", "agency_nouns", "future_auxiliaries", "event_nouns", "region_words",
    "joint_start_verbs", "not_person_words", "person_particles", "product_nouns", "org_nouns", "company_nouns",
    "person_nouns", "maker_nouns", "worker_nouns", "officer_titles", "place_titles", "presenting_verbs",
    "org_suffixes", "product_suffixes", "owner_adjectives", "negations", "hedges", "modal_hedges",
    "infinitive_hedges", "start_words", "end_words", "joining_verbs", "reporting_verbs", "education_words",
    "naming_verbs", "availability_words", "container_nouns", "unit_nouns", "hedge_nouns", "collection_nouns", "title_joiners",
    "honour_nouns", "occupation_suffixes", "portfolio_titles", "headline_deal_verbs",
    "study_verbs", "degree_nouns", "place_name_words", "company_possessions",
    "agreement_nouns", "completing_verbs",
)
"""Lexicon fields that are lexicon.json's word list of the same name, lower-cased."""


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists, entity patterns, furniture rules and relation rules of one ontologies folder."""

    folder: Path
    fingerprint: str
    """Hash of every data file: part of the cache key of extraction results."""
    layout: Layout
    """Page furniture (furniture.json), compiled."""
    names: NameRules
    entity_patterns: tuple[dict, ...]
    """entity_patterns.jsonl, with @lists expanded: spaCy span ruler patterns with ids."""
    weak_patterns: tuple[str, ...]
    """Ids of the entity patterns that type a name only as firmly as the model would."""
    rules: tuple[Rule, ...]
    rule_by_id: Mapping[str, Rule]
    signatures: Mapping[str, tuple[tuple[str, ...], tuple[str, ...]]]
    """Predicate -> (subject kinds, object kinds)."""
    entails: Mapping[str, tuple[str, ...]]
    entails_for_organizations: Mapping[str, tuple[str, ...]]
    titles: Titles
    co_prefixed_stems: tuple[str, ...]
    model_norms: Mapping[str, str]
    honorifics: Words
    person_titles: Words
    """Words before a personal name that are not part of it ('Governor', 'King')."""
    titles_in_company_names: Words
    product_subject_verbs: Words
    deal_nouns: Words
    quantity_words: Words
    announcing_verbs: Words
    headline_deal_verbs: Words
    study_verbs: Words
    degree_nouns: Words
    place_nouns: Words
    landform_words: Words
    place_name_words: Words
    company_possessions: Words
    agreement_nouns: Words
    completing_verbs: Words
    member_groups: Words
    team_nouns: Words
    launch_nouns: Words
    department_nouns: Words
    located_words: Words
    pair_nouns: Words
    place_verbs: Words
    collection_nouns: Words
    hedge_nouns: Words
    schooled_adjectives: Words
    calling_verbs: Words
    agency_nouns: Words
    future_auxiliaries: Words
    event_nouns: Words
    region_words: Words
    joint_start_verbs: Words
    generic_acronyms: frozenset[str]
    """Case-sensitive: 'CEO', 'AI'."""
    not_person_words: Words
    person_particles: Words
    product_nouns: Words
    org_nouns: Words
    company_nouns: Words
    person_nouns: Words
    occupation_nouns: Words
    maker_nouns: Words
    worker_nouns: Words
    officer_titles: Words
    place_titles: Words
    presenting_verbs: Words
    """What people are by occupation ('composer', 'actress'), and the person_nouns."""
    org_suffixes: Words
    product_suffixes: Words
    owner_adjectives: Words
    negations: Words
    hedges: Words
    modal_hedges: Words
    infinitive_hedges: Words
    start_words: Words
    end_words: Words
    joining_verbs: Words
    reporting_verbs: Words
    education_words: Words
    naming_verbs: Words
    role_verbs: Words
    """Naming verbs and the other verbs that say something about their subject's role."""
    founding_verbs: tuple[str, ...]
    """Verbs whose object is an organization unless described otherwise (lemmas, and the starts of
    word forms: the tagger lemmatizes 'founded' as 'find')."""
    availability_words: Words
    container_nouns: Words
    unit_nouns: Words
    """'division', 'subsidiary': parts of a company; whose they are is a company."""
    title_joiners: Words
    honour_nouns: Words
    occupation_suffixes: Words
    portfolio_titles: Words
    """'Minister': what follows its 'for' or 'of' is a portfolio, not a name ('Minister for Coastal Protection')."""
    """'-ologist': a word that ends so names an occupation, not a person ('a Pellanologist')."""
    """'Order': names after 'Order of' name an honour, not its holders ('Order of St Olav')."""
    object_kinds: Mapping[str, str]
    """Verb (or 'verb particle') -> the kind of its object ('launch' -> PRODUCT)."""
    person_object_verbs: frozenset[str]
    subject_kinds: Mapping[str, str]
    """Verb -> the kind of an untyped subject ('acquire' -> ORG)."""
    org_hint_verbs: frozenset[str]
    org_only_verbs: frozenset[str]
    org_agent_verbs: frozenset[str]
    person_subject_verbs: frozenset[str]
    preposition_kinds: Mapping[tuple[str, str], str]
    """(verb, preposition) -> the kind of the preposition's object ('work', 'at') -> ORG."""
    start_phrasal: tuple[tuple[str, str], ...]
    end_phrasal: tuple[tuple[str, str], ...]
    end_verbs: Words
    announce_verbs: Words
    departure_nouns: Words
    not_name_words: Words
    """Words no personal name holds: not_person_words, organization and product suffixes."""
    role_change_verbs: Words
    """Every verb of a role change said without a title."""
    generic_words: Words
    """Words that are no name on their own: role titles, organization, company and product nouns,
    fields of study ('Minister', 'Committee', 'Engineering' alone)."""

    def rule(self, rule_id: str) -> Rule:
        if rule_id not in self.rule_by_id:
            raise RuleError(f"rules: no rule {rule_id!r}")
        return self.rule_by_id[rule_id]

    @classmethod
    def load(cls, folder: str | os.PathLike | None = None) -> "Lexicon":
        """Read and check every data file of the folder (see ``ontologies_dir``) once."""
        return _Loader(ontologies_dir(folder)).lexicon()


class _Loader:
    """Reads each file of the folder once, hashing what it reads."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.hash = hashlib.sha256()
        self.files = sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in {".json", ".jsonl"})
        self.text = {p: self._read(p) for p in self.files}

    def _read(self, path: Path) -> str:
        try:
            data = path.read_bytes()
        except OSError as err:
            raise RuleError(f"{path}: cannot be read ({err})") from err
        self.hash.update(path.relative_to(self.folder).as_posix().encode() + data)  # (as two updates would)
        return data.decode("utf-8")

    def json(self, name: str):
        path = self.folder / name
        if path not in self.text:
            raise RuleError(f"{path}: missing file")
        try:
            return json.loads(self.text[path])
        except json.JSONDecodeError as err:
            raise RuleError(f"{path}: cannot be read as JSON ({err})") from err

    def jsonl(self, name: str) -> list[dict]:
        path = self.folder / name
        if path not in self.text:
            raise RuleError(f"{path}: missing file")
        rows = []
        for n, line in enumerate(self.text[path].splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as err:
                    raise RuleError(f"{path}:{n}: not JSON ({err.msg})") from err
        return rows

    def lexicon(self) -> Lexicon:
        lex = _Table(self.json("lexicon.json"), "lexicon.json")
        titles = read_titles(lex.table("titles"))
        sig = _Table(self.json("rules/signatures.json"), "rules/signatures.json")
        signatures = {p: (tuple(s), tuple(o)) for p, (s, o) in sig.table("signatures").items() if not p.startswith("_")}
        lists = dict(lex.data, title_heads=sorted(case_forms(titles.head_words)),
                     possessed_nouns=sorted(set(lex.data["possessed_nouns"]) | set(lex.data["product_nouns"])))
        rules = []
        for path in self.files:
            if path.parent.name == "rules" and path.name != "signatures.json":
                rel = path.relative_to(self.folder).as_posix()
                for raw in _Table(self.json(rel), rel).data.get("rules", []):
                    rules.append(make_rule(raw, path.name, expand(raw.get("pattern", []), lists, path.name), signatures))
        check_rules(rules)
        patterns = self.jsonl("entity_patterns.jsonl")
        args, subjects, events = lex.table("verb_argument_types"), lex.table("verb_subject_types"), \
            lex.table("role_change_verbs")
        start, end = _phrasal(events, "start_phrasal"), _phrasal(events, "end_phrasal")
        return Lexicon(
            **{name: lex.words(name) for name in PLAIN_WORD_LISTS},
            folder=self.folder, fingerprint=self.hash.hexdigest(),
            layout=Layout.from_config(self.json("furniture.json")),
            names=NameRules(lex.words("legal_suffixes"),
                            tuple(sorted((tuple(t.lower().split()) for t in lex.get("name_tails")), key=len, reverse=True)),
                            lex.words("formal_name_words"), lex.words("acronym_skip_words"),
                            frozenset(tuple(p.lower().split()) for p in lex.get("alias_phrases"))),
            entity_patterns=tuple({"label": r["label"], "pattern": expand(r["pattern"], lists, "entity_patterns.jsonl"),
                                   "id": r["id"]} for r in patterns),
            weak_patterns=tuple(sorted(r["id"] for r in patterns if r.get("weak"))),
            rules=tuple(rules), rule_by_id={r.id: r for r in rules}, signatures=signatures,
            entails={k: tuple(v) for k, v in sig.table("entails").items()},
            entails_for_organizations={k: tuple(v) for k, v in sig.table("entails_for_organizations").items()},
            titles=titles,
            co_prefixed_stems=tuple(lex.table("co_prefixed")["stems"]),
            model_norms={w: n for w, n in lex.table("model_norms").items() if not w.startswith("_")},
            generic_acronyms=frozenset(lex.get("generic_acronyms")),
            occupation_nouns=lex.words("occupation_nouns") | lex.words("person_nouns"),
            role_verbs=lex.words("naming_verbs") | lex.words("role_verbs"),
            founding_verbs=tuple(sorted(lex.words("founding_verbs"))),
            object_kinds={v: kind for kind in ("PRODUCT", "ORG") for v in args[kind]},
            person_object_verbs=frozenset(args["PERSON"]),
            subject_kinds={v: "ORG" for v in subjects["ORG"]},
            org_hint_verbs=frozenset(subjects["ORG_HINT"]), org_only_verbs=frozenset(subjects["ORG_ALWAYS"]),
            org_agent_verbs=frozenset(subjects["ORG_AGENT"]), person_subject_verbs=frozenset(subjects["PERSON"]),
            preposition_kinds={(w, p): kind for kind, table in lex.table("preposition_argument_types").items()
                               if not kind.startswith("_") for w, ps in table.items() for p in ps},
            start_phrasal=start, end_phrasal=end, departure_nouns=events.words("departure_nouns"),
            end_verbs=events.words("end_verbs"), announce_verbs=events.words("announce_verbs"),
            not_name_words=lex.words("not_person_words") | lex.words("org_suffixes") | lex.words("product_suffixes"),
            role_change_verbs=frozenset(v for v, _ in start + end) | events.words("end_verbs")
            | events.words("announce_verbs"),
            generic_words=titles.words | lex.words("person_titles") | lex.words("org_nouns") | lex.words("company_nouns")
            | lex.words("product_nouns") | lex.words("field_words"),
        )


class _Table:
    """A JSON object of a data file, whose missing keys are errors naming the file."""

    def __init__(self, data, file: str):
        if not isinstance(data, dict):
            raise RuleError(f"{file}: not a JSON object")
        self.data, self.file = data, file

    def get(self, key: str):
        if key not in self.data:
            raise RuleError(f"{self.file}: missing key {key!r}")
        return self.data[key]

    def table(self, key: str) -> "_Table":
        return _Table(self.get(key), f"{self.file} {key}")

    def words(self, key: str) -> Words:
        return frozenset(w.lower() for w in self.get(key))

    def items(self):
        return self.data.items()

    def __getitem__(self, key: str):
        return self.get(key)


def _phrasal(table: _Table, key: str) -> tuple[tuple[str, str], ...]:
    return tuple(tuple(p.lower().split(maxsplit=1)) for p in table.get(key))


def expand(pattern, lists: dict, file: str = "pattern"):
    """Replace "@list" strings in a pattern by that lexicon list (so lists are written once)."""
    if isinstance(pattern, dict):
        return {k: expand(v, lists, file) for k, v in pattern.items()}
    if isinstance(pattern, list):
        return [expand(v, lists, file) for v in pattern]
    if isinstance(pattern, str) and pattern.startswith("@"):
        if pattern[1:] not in lists:
            raise RuleError(f"{file}: pattern refers to unknown lexicon list {pattern!r}")
        return list(lists[pattern[1:]])
    return pattern
