"""Property-based tests (hypothesis): for arbitrary and hostile text the pipeline never raises,
every output parses and the graph conforms to the project's shapes."""
from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from newsgraph import export
from newsgraph.corpus import decode
from newsgraph.errors import CorpusError
from newsgraph.graph import build_graph
from newsgraph.rdf import serialize, to_rdf
from newsgraph.lexicon import ontologies_dir
from newsgraph.resolve import resolve
from newsgraph.validate import check

SHAPES = ontologies_dir() / "shapes.ttl"

WORDS = ["Maria Lopez", "founded", "Brightpath Labs", "CEO", "of", "the", "app", "Quill", "said", "he", "she",
         "co-founded", "with", "and", ",", ".", "\n\n", "<script>", "&", '"', "'s", "字节", "🚀", "\u202e",
         "\x00", "\x0b", "\u200b", "Inc.", "University", "in", "2012", "replaced", "stepped down as", "Mr.",
         "co-founder and CEO", "chairman and chief executive", "founder, chairwoman and CEO"]
GRAPHML = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "graphml" / "graphml.xsd")))
texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join),
)


def outputs_parse(extractions, engine):
    entities, relations = resolve(extractions, dict(engine.lex.signatures), engine.lex.names)
    g = build_graph(entities, relations)
    turtle = serialize(to_rdf(g, "https://example.org/id/", [e.document for e in extractions]))
    assert check(rdflib.Graph().parse(data=turtle, format="turtle"), SHAPES) == []
    ox.parse(turtle, format=ox.RdfFormat.TURTLE)
    for name, data in export.files(g, export.FAST + ("html",)).items():
        if name.endswith((".gexf", ".graphml")):
            doc = etree.fromstring(data)
            if name.endswith(".graphml"):
                assert GRAPHML.validate(doc), GRAPHML.error_log.last_error


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=texts)
def test_any_text_never_raises_and_every_output_parses(engine, text):
    try:
        document = engine.document(text, "h.txt")
    except CorpusError:
        return  # empty text is reported, not processed
    extractions = list(engine.extract([document]))
    assert len(extractions) == 1
    for m in extractions[0].mentions:
        assert 0 <= m.start < m.end <= len(document.text)
    outputs_parse(extractions, engine)


@settings(max_examples=60, deadline=None)
@given(raw=st.binary(max_size=300))
def test_any_bytes_are_decoded_or_refused_with_a_reason(raw):
    try:
        text, encoding = decode(raw, "b.txt")
    except CorpusError as err:
        assert str(err).startswith("b.txt: ") and err.reason
        return
    assert isinstance(text, str) and encoding
