"""The spaCy components newsgraph adds around the statistical model (entity repair, not NER).

* ``newsgraph_paragraphs`` (before the parser): a blank line starts a sentence.
* ``newsgraph_ruler`` (a span ruler after the model's ner): organizations and products by their
  form, from the Lexicon's entity patterns (``ontologies/entity_patterns.jsonl``).
* ``newsgraph_entities`` (last): one pass over ``doc.ents`` that repairs their shape
  (shape.py) and types them from their context (entity_types.py).

The components only change ``doc.ents``; ``Token._.ng_source`` records how each entity got its
type (spans.py). The Lexicon reaches them through ``initialize(lexicon=...)``, as data reaches
spaCy components, not through their config.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span
from spacy.util import filter_spans, registry

from ..lexicon import Lexicon
from . import entity_types as types
from . import name_groups, not_names, pieces, shape, trim
from .given_names import given_names, people_taken_for_places
from .grammar import COORDINATORS
from .seqmatch import Matcher
from .shape import CANDIDATE_LABELS, KEPT_LABELS, TYPED_LABELS
from .spans import set_source, source


@Language.component("newsgraph_paragraphs")
def paragraphs(doc: Doc) -> Doc:
    """A line break ends a sentence: the token after one starts a new one. (spaCy keeps at most
    one trailing space on a token; every other run of whitespace is a token of its own, so only
    those need looking at.)"""
    spaces = doc.to_array("IS_SPACE")[:-1]
    for i in spaces.nonzero()[0].tolist():
        if "\n" in doc[i].text:
            doc[i + 1].is_sent_start = True
    return doc


def add_entity_ruler(nlp: Language, lex: Lexicon) -> None:
    """The pattern layer: the Lexicon's entity patterns, in a span ruler after the model's ner."""
    ruler = nlp.add_pipe("span_ruler", name="newsgraph_ruler", last=True,
                         config={"spans_key": None, "annotate_ents": True, "overwrite": False, "validate": True,
                                 "ents_filter": {"@misc": "newsgraph_prefer_rules.v1",
                                                 "weak": list(lex.weak_patterns),
                                                 "inner": sorted(lex.names.acronym_skips)}})
    _fill(ruler, lex)


def add_model_norms(nlp: Language, lex: Lexicon) -> None:
    """The Lexicon's model norms as tokenizer special cases (lexicon.json ``model_norms``): the
    words, lower-case and capitalized, keep their text and take the norm the model reads right."""
    for word, norm in lex.model_norms.items():
        for w, n in ((word, norm), (word.capitalize(), norm.capitalize())):
            nlp.tokenizer.add_special_case(w, [{"ORTH": w, "NORM": n}])


def entity_ruler(nlp: Language, lex: Lexicon, name: str) -> SpanRuler:
    """The same pattern layer as a span ruler of its own, outside the pipeline (for the newsgraph
    component, which runs it itself)."""
    ruler = SpanRuler(nlp, name, spans_key=None, annotate_ents=True, overwrite=False, validate=True,
                      ents_filter=prefer_rules(list(lex.weak_patterns), sorted(lex.names.acronym_skips)))
    _fill(ruler, lex)
    return ruler


def _fill(ruler: SpanRuler, lex: Lexicon) -> None:
    ruler.matcher = Matcher(ruler.nlp.vocab, validate=True)  # the same matches, searched only where they can be
    ruler.add_patterns([dict(p) for p in lex.entity_patterns])


def _prefer_rules(entities, spans, weak: frozenset[str] = frozenset(), inner: frozenset[str] = frozenset()):
    """Ruler spans win over the model's where they overlap; the longer span wins among rules.
    Spans of the ``weak`` patterns type a name only as firmly as the model would."""
    rules = [_continued(s, entities, inner) for s in filter_spans(spans)]
    taken = {i for s in rules for i in range(s.start, s.end)}
    kept = []
    for e in entities:
        free = [i for i in range(e.start, e.end) if i not in taken]
        if len(free) == len(e):
            kept.append(e)
            continue
        if free and free == list(range(free[0], e.end)):  # the rule took the start: keep the rest
            kept.append(Span(e.doc, free[0], e.end, label=e.label_))
            continue
        # the model's span coordinates the rule's with other names ('the Apple Watch and
        # AirPods'): the names before and after the conjunction are kept
        start, end = e.start, e.end
        while start < end and start not in taken:
            start += 1
        while end > start and end - 1 not in taken:
            end -= 1
        doc = e.doc
        if end < e.end and doc[end].lower_ in COORDINATORS:
            kept.append(Span(doc, end, e.end, label=e.label_))
        if e.start < start and any(doc[i].lower_ in COORDINATORS for i in range(max(e.start, start - 2), start)):
            kept.append(Span(doc, e.start, start, label=e.label_))
    for s in rules:
        set_source(s, "model" if s.id_ in weak else "rule")
    return filter_spans(kept + rules)


def _continued(rule: Span, entities, inner: frozenset[str] = frozenset()) -> Span:
    """A rule's organization name that the model's reads on: with more capitalized words ('Whole
    Foods' + 'Market', 'Halvard Brands' + 'International'), or through the function words of a
    name ('Halvex Association' + 'of Pellan', 'Vantor Council' + 'on Coastal Names'; ``inner``,
    lexicon.json acronym_skip_words): the model's longer name, as the rule's. A rule's name that
    has its 'of' already reads on only into a name the model starts inside it ('Pellan Branch of
    the Harwell Academy' + 'of Sciences', not 'Harwell Institute of Physics' + 'of the Pellan
    Branch', a unit of the next name). The model's name may also start before the rule's, with
    proper nouns the pattern cannot take ('McVantor' + 'University School of Law', 'N.W.' + 'City
    College') or capitals and an ampersand ('B & R Networks', where the pattern found 'R Networks');
    a name whose conjunction joins words before its head is the model's whole (pieces.joined_modifiers)."""
    if rule.label_ != "ORG":
        return rule
    for e in entities:
        if e.label_ != "ORG" or e.end <= rule.start or e.start >= rule.end or rule.start <= e.start and e.end <= rule.end:
            continue
        doc, lead = e.doc, e.start
        while lead < rule.start and doc[lead].pos_ == "DET":
            lead += 1  # ('the')
        head = doc[lead:rule.start] if lead < rule.start else None
        named = head is not None and (head[-1].text == "&" and all(_capitalized(t) for t in head[:-1])
                                      or all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in head))
        if e.start <= rule.start and rule.end <= e.end and pieces.joined_modifiers(doc[lead:e.end]):
            return Span(doc, lead, e.end, label=rule.label_, span_id=rule.id)
        start, end = head.start if named else rule.start, rule.end
        tail = doc[rule.end:e.end] if e.end > rule.end else None
        if tail is not None and (head is None or named) and all(_capitalized(t) for t in tail) or \
                tail is not None and tail[0].lower_ in inner and _capitalized(tail[-1]) and \
                all(_capitalized(t) or t.lower_ in inner for t in tail) and \
                (e.start > rule.start or all(t.lower_ != "of" for t in rule)):
            end = e.end
        if (start, end) != (rule.start, rule.end):
            return Span(doc, start, end, label=rule.label_, span_id=rule.id)
    return rule


def _capitalized(tok) -> bool:
    return tok.is_alpha and tok.text[:1].isupper() and tok.lower_ not in COORDINATORS


@registry.misc("newsgraph_prefer_rules.v1")
def prefer_rules(weak: list[str] = (), inner: list[str] = ()):
    ids, words = frozenset(weak), frozenset(inner)
    return lambda entities, spans: _prefer_rules(entities, spans, ids, words)


REPAIR_FAILED = "newsgraph_repair_failed"
"""``Doc.user_data`` key: the exception's name when the entity repair failed on the Doc."""


@Language.factory("newsgraph_entities")
def make_entity_repair(nlp: Language, name: str):
    return EntityRepair(words=dictionary_words(nlp))


def dictionary_words(nlp: Language) -> frozenset[str]:
    """The English words the model's lemmatizer knows (its WordNet index of nouns, verbs,
    adjectives and adverbs); none when the pipeline has no rule lemmatizer."""
    if "lemmatizer" not in nlp.pipe_names or not nlp.get_pipe("lemmatizer").lookups.has_table("lemma_index"):
        return frozenset()
    return frozenset(w for ws in nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index").values() for w in ws)


class EntityRepair:
    """Final clean-up and typing of doc.ents: the order of the passes is the method."""

    def __init__(self, lexicon: Lexicon | None = None, words: frozenset[str] = frozenset()):
        self.lex = lexicon
        self.words = words
        """The English dictionary's words (``dictionary_words``)."""
        self.given = given_names()
        """Given names (given_names.py), read once."""
        self._capital: dict[int, bool] = {}
        """Word (ORTH) -> whether it starts with a capital letter (kept across Docs)."""

    def initialize(self, get_examples=None, *, nlp: Language | None = None, lexicon: Lexicon | None = None) -> None:
        """Hand the component its Lexicon (the repository's own when none is given)."""
        self.lex = lexicon or Lexicon.load()

    def __call__(self, doc: Doc) -> Doc:
        if self.lex is None:
            self.initialize()
        try:
            return self._repair(doc)
        except Exception as err:  # a fault on text no rule foresaw: the model's entities stand
            doc.user_data[REPAIR_FAILED] = type(err).__name__
            return doc

    def _repair(self, doc: Doc) -> Doc:
        lex = self.lex
        spans = self._pieces(doc)
        spans = shape.employers(lex, filter_spans([shape.with_designation(s) for s in filter_spans(spans)]))
        name_groups.named_after_company(spans)
        people_taken_for_places(lex, spans, self.given)
        for span in spans:
            if source(span) != "held":
                types.retype(lex, span)
        spans = trim.acronym_prefixes(lex, trim.subtitles(spans))
        name_groups.towns(lex, spans)
        name_groups.lone_names_in_places(lex, spans)
        name_groups.lone_company_subjects(lex, spans)
        name_groups.regional_companies(lex, spans)
        spans = name_groups.joined_objects(name_groups.join_split_names(lex, spans), self.words)
        spans = name_groups.parenthesized_names(lex, spans)
        name_groups.name_parts(spans)
        name_groups.coordinate(spans)
        name_groups.repeated_names(spans)
        trim.headline_fragments(spans)
        not_names.honours(lex, spans)
        not_names.event_owners(lex, spans)
        not_names.quoted_titles(lex, spans)
        not_names.title_fragments(lex, spans, self.words)
        not_names.beats(lex, spans, self.words)
        not_names.fields_of_study(lex, spans, self.words)
        not_names.adjectives(lex, spans, self.words)
        # (a letter alone names a company at most: 'X, formerly Quill', not 'a C compiler')
        doc.ents = [s for s in spans if s.label_ != "GUESS" and (len(s.text) > 1 or s.label_ == "ORG")]
        return doc

    def _pieces(self, doc: Doc) -> list[Span]:
        """The model's entities and the unlabelled proper-noun runs, cut, trimmed and labelled."""
        lex = self.lex
        spans: list[Span] = []
        ents = list(doc.ents)  # (doc.ents makes new Span objects at every call)
        surnames = name_groups.surnames(ents)
        for ent in ents + shape.unlabeled_names(lex, doc, ents, self._capital):
            if ent.label_ not in TYPED_LABELS:
                continue  # numbers, money, percentages: never kept
            origin = source(ent) or "model"
            if ent.text in surnames and (ent.label_ in CANDIDATE_LABELS or ent.label_ == "PERSON" and ent[0].pos_ != "PROPN"):
                # 'Ada Brenner ... Brenner received': a surname alone, which the model may read as
                # a nationality ('-ian') or a place, or tag as a common noun at a sentence's start, is
                # a name to type (name_groups.name_parts)
                ent = Span(doc, ent.start, ent.end, label="GUESS")
            parts = pieces.split(lex, ent, self.words)
            for piece, after_title in parts:
                piece = trim.trim(lex, piece)
                if piece is None:
                    continue
                label = "PERSON" if after_title and shape.titled_name(lex, piece) else \
                    shape.kept_label(lex, piece, ent.label_)
                if len(parts) > 1 and any(t.pos_ in {"VERB", "AUX"} for t in ent[1:-1]) and label == "ORG":
                    label = "PERSON" if shape.person_like(lex, piece) and len(piece) > 1 else "GUESS"
                if label is None:
                    continue
                if label == "ORG" and ent.label_ == "PERSON" and piece.start > 0 and doc[piece.start - 1].text == "The" \
                        and not doc[piece.start - 1].is_sent_start:
                    piece = Span(doc, piece.start - 1, piece.end)  # 'Alongside The Scotsby': the paper's name
                if label == "PERSON":
                    piece = trim.without_title(lex, piece)
                elif label == "GUESS" and len(piece) > 2:
                    named = trim.without_title(lex, piece)  # 'Drummer Ada Brenner': a person's name
                    if named.start > piece.start and len(named) > 1 and shape.person_like(lex, named):
                        piece, label = named, "PERSON"
                end = piece.end
                if label in {"GPE", "GUESS"} and shape.org_suffix_after(lex, piece):
                    end, label = end + 1, "ORG"  # 'Pellan' + 'University': the model's place and a word of companies
                span = Span(doc, piece.start, end, label=label)
                set_source(span, origin if ent.label_ in KEPT_LABELS | {"DATE", "TIME"} else "guess")
                spans.append(span)
        return spans
