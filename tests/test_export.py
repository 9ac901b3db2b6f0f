"""Export stage: GEXF valid against the GEXF 1.3 schema, GraphML read back with typed keys."""
from __future__ import annotations

from pathlib import Path

import networkx as nx
import rdflib
from lxml import etree

from newsgraph.export import generate_gexf, generate_graphml
from newsgraph.graph import build_graph
from newsgraph.types import Entity, Evidence, Relation

XSD = Path(__file__).parent / "schemas" / "gexf" / "1.3" / "gexf.xsd"

HOSTILE = 'Q "quoted" <b> & \x01ctrl\x0b'
ENTITIES = [Entity("person/a", HOSTILE, "Person", ("alias one", "alias two"), 3, ("a.txt", "b.txt")),
            Entity("organization/b", "Beta", "Organization", (), 1, ("a.txt",))]
RELATIONS = [Relation("person/a", "runs", "organization/b",
                      (Evidence("a.txt", "Sentence one.", 0, 13, "r1", 0.8),
                       Evidence("b.txt", "Sentence two.", 0, 13, "r2", 0.5))),
             Relation("person/a", "worksFor", "organization/b", (Evidence("a.txt", "One.", 0, 4, "r1", 0.8),))]


def graph():
    return build_graph(ENTITIES, RELATIONS)


def test_gexf_is_valid_against_the_schema():
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.fromstring(generate_gexf(graph()))
    assert schema.validate(doc), schema.error_log


def test_gexf_carries_labels_types_relations_and_weights():
    doc = etree.fromstring(generate_gexf(graph()))
    ns = {"g": "http://gexf.net/1.3"}
    titles = {a.get("title"): a.get("id") for a in doc.iterfind(".//g:attributes[@class='node']/g:attribute", ns)}
    node = doc.find(".//g:node[@id='person/a']", ns)
    assert node.get("label") == 'Q "quoted" <b> & ctrl'
    assert node.find(f"g:attvalues/g:attvalue[@for='{titles['type']}']", ns).get("value") == "Person"
    edges = doc.findall(".//g:edge", ns)
    assert [(e.get("label"), e.get("weight")) for e in edges] == [("runs", "2.0"), ("worksFor", "1.0")]


def test_graphml_reads_back_with_typed_attributes(tmp_path):
    path = tmp_path / "g.graphml"
    path.write_bytes(generate_graphml(graph()))
    back = nx.read_graphml(path)
    assert back.nodes["person:a"]["type"] == "Person"
    assert back.nodes["person:a"]["mentions"] == 3
    assert back.nodes["person:a"]["iri"] == "https://newsgraph.dev/id/person/a"
    data = [d for _, _, d in back.edges(data=True)]
    assert sorted((d["relation"], d["weight"], d["confidence"]) for d in data) == [
        ("runs", 2.0, 0.9), ("worksFor", 1.0, 0.8)]


def test_export_is_deterministic():
    assert generate_gexf(graph()) == generate_gexf(build_graph(list(reversed(ENTITIES)), RELATIONS))
    assert generate_graphml(graph()) == generate_graphml(build_graph(list(reversed(ENTITIES)), RELATIONS))


# ---------------------------------------------------------------- timeline, CSV, GraphML, pictures

import csv  # noqa: E402
import io  # noqa: E402
import json  # noqa: E402
import subprocess  # noqa: E402

import pytest  # noqa: E402
from click.testing import CliRunner  # noqa: E402

from newsgraph.cli import main  # noqa: E402
from newsgraph.export import files, generate_csv, generate_gexf_timeline  # noqa: E402
from newsgraph.pictures import generate_png  # noqa: E402
from newsgraph.view import generate_html  # noqa: E402
from newsgraph.types import Qualifiers  # noqa: E402

from .conftest import ROOT  # noqa: E402

TIMED = [Relation("person/a", "runs", "organization/b",
                  (Evidence("a.txt", "Took over in 2019.", 0, 18, "role.as.v1", 0.9,
                            Qualifiers(role="CEO", start="2019", status="start")),
                   Evidence("a.txt", "Left in May 2021.", 20, 37, "role.as.v1", 0.9,
                            Qualifiers(role="CEO", end="2021-05", status="end")))),
         Relation("person/a", "worksFor", "organization/b", (Evidence("a.txt", "One.", 0, 4, "r1", 0.8),))]


def timeline_graph():
    return build_graph(ENTITIES, TIMED)


def test_timeline_gexf_is_valid_dynamic_and_dates_the_edges():
    data = generate_gexf_timeline(timeline_graph())
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    doc = etree.fromstring(data)
    assert schema.validate(doc), schema.error_log
    ns = {"g": "http://gexf.net/1.3"}
    graph = doc.find("g:graph", ns)
    assert (graph.get("mode"), graph.get("timeformat")) == ("dynamic", "date")
    edges = {e.get("label"): e for e in doc.iterfind(".//g:edge", ns)}
    assert (edges["runs"].get("start"), edges["runs"].get("end")) == ("2019-01-01", "2021-05-01")
    assert edges["worksFor"].get("start") is None


def test_static_gexf_has_one_attribute_block_per_class():
    doc = etree.fromstring(generate_gexf(timeline_graph()))
    classes = [a.get("class") for a in doc.iterfind(".//{http://gexf.net/1.3}attributes")]
    assert sorted(classes) == ["edge", "node"]


def test_csv_tables_in_gephi_spreadsheet_format():
    nodes, edges = generate_csv(build_graph(ENTITIES + [Entity("organization/=cmd", "=HYPERLINK(1)", "Organization",
                                                                 (), 1, ("a.txt",))], TIMED))
    node_rows = list(csv.DictReader(io.StringIO(nodes.decode())))
    edge_rows = list(csv.DictReader(io.StringIO(edges.decode())))
    assert list(node_rows[0])[:3] == ["Id", "Label", "Type"]
    assert list(edge_rows[0])[:5] == ["Source", "Target", "Type", "Id", "Label"]
    assert {r["Label"] for r in node_rows} == {'Q "quoted" <b> & ctrl', "Beta", "'=HYPERLINK(1)"}
    runs = next(r for r in edge_rows if r["Label"] == "runs")
    assert (runs["Type"], runs["Weight"], runs["Start"], runs["End"]) == ("Directed", "2", "2019-01-01", "2021-05-01")


def test_graphml_is_read_back_by_igraph(tmp_path):
    import igraph
    path = tmp_path / "g.graphml"
    path.write_bytes(generate_graphml(timeline_graph()))
    g = igraph.Graph.Read_GraphML(str(path))
    assert (g.vcount(), g.ecount(), g.is_directed()) == (2, 2, True)
    assert sorted(g.vs["type"]) == ["Organization", "Person"]
    assert sorted(g.vs["mentions"]) == [1.0, 3.0]
    assert sorted(zip(g.es["relation"], g.es["weight"])) == [("runs", 2.0), ("worksFor", 1.0)]


def test_html_is_self_contained_and_carries_no_markup_from_the_data():
    hostile = Entity("organization/x", "<script>alert(1)</script>", "Organization", (), 1, ("a.txt",))
    works = Relation("person/a", "worksFor", "organization/x", (Evidence("a.txt", "One.", 0, 4, "r1", 0.8),))
    page = generate_html(build_graph(ENTITIES + [hostile], TIMED + [works])).decode()  # (shown: it has a fact)
    assert "<script>alert(1)" not in page and "\\u003cscript\\u003ealert(1)" in page
    assert "Content-Security-Policy" in page and "default-src 'none'" in page
    assert " src=" not in page and "<link" not in page  # nothing is fetched: no CDN, no network
    data = json.loads(page.split('type="application/json">', 1)[1].split("</script>", 1)[0])
    assert {n["label"] for n in data["nodes"]} >= {"Beta", "<script>alert(1)</script>"}


def test_png_is_a_deterministic_picture():
    one, two = generate_png(timeline_graph()), generate_png(build_graph(list(reversed(ENTITIES)), TIMED))
    assert one.startswith(b"\x89PNG\r\n\x1a\n") and one == two


def test_png_draws_each_entity_in_the_colour_of_its_type():
    from PIL import Image
    from newsgraph.export import PALETTE
    from newsgraph.pictures import PNG_SIZE
    img = Image.open(io.BytesIO(generate_png(timeline_graph()))).convert("RGB")
    assert img.size == PNG_SIZE
    colours = {c for _, c in img.getcolors(maxcolors=PNG_SIZE[0] * PNG_SIZE[1])}
    assert PALETTE["Person"] in colours and PALETTE["Organization"] in colours  # the two nodes (and legend)
    dark = sum(n for n, c in img.getcolors(maxcolors=PNG_SIZE[0] * PNG_SIZE[1]) if max(c) < 100)
    assert dark > 200  # names and legend are written


def test_graphology_gexf_reads_the_static_file(tmp_path):
    """Gephi Lite's importer (npm graphology-gexf) reads graph.gexf; tests/js holds it."""
    path = tmp_path / "graph.gexf"
    path.write_bytes(generate_gexf(timeline_graph()))
    script = ROOT / "tests" / "js" / "read_gexf.mjs"
    assert (ROOT / "tests" / "js" / "node_modules" / "graphology-gexf").is_dir(), \
        "install the JavaScript test dependencies: npm ci --prefix tests/js"
    out = subprocess.run(["node", str(script), str(path)], check=True, capture_output=True, text=True).stdout
    seen = json.loads(out)
    assert (seen["order"], seen["size"], seen["type"]) == (2, 2, "directed")
    assert seen["nodes"]["person/a"]["type"] == "Person"
    assert sorted(e["label"] for e in seen["edges"]) == ["runs", "worksFor"]


@pytest.mark.parametrize("fmt, names", [("gexf", {"graph.gexf", "graph-timeline.gexf"}), ("csv", {"nodes.csv", "edges.csv"}),
                                        ("html", {"graph.html"}), ("png", {"graph.png"}), ("graphml", {"graph.graphml"})])
def test_export_command_writes_one_format_from_graph_ttl(tmp_path, fmt, names):
    from newsgraph.rdf import serialize, to_rdf
    graph = tmp_path / "graph.ttl"
    graph.write_bytes(serialize(to_rdf(timeline_graph(), "https://example.org/id/")))
    result = CliRunner().invoke(main, ["export", "--format", fmt, "--graph", str(graph), "--out", str(tmp_path / "x")])
    assert result.exit_code == 0, result.output
    assert {p.name for p in (tmp_path / "x").iterdir()} == names
    assert files(timeline_graph(), (fmt,)).keys() == names


def test_layout_keeps_every_entity_on_the_page_and_centres_small_stars():
    from newsgraph.layout import layout
    g = nx.MultiDiGraph()
    for node in ("hub", "a", "b", "c", "lone", "p", "q"):
        g.add_node(node)
    g.add_edges_from([("a", "hub", "worksFor"), ("b", "hub", "worksFor"), ("c", "hub", "worksFor"),
                      ("p", "q", "runs")])
    pos = layout(g)
    assert set(pos) == set(g.nodes) and len(set(pos.values())) == len(pos)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())
    leaves = [pos[n] for n in "abc"]
    centre = (sum(x for x, _ in leaves) / 3, sum(y for _, y in leaves) / 3)
    assert abs(pos["hub"][0] - centre[0]) < 0.05 and abs(pos["hub"][1] - centre[1]) < 0.05


def _networkx_graphml(g: nx.MultiDiGraph) -> bytes:
    """What generate_graphml gave when it went through NetworkX's writer (the reference)."""
    from newsgraph.export import DEFAULT_BASE, flat_edges, flat_nodes, graphml_id, xml_safe
    flat = nx.MultiDiGraph()
    for node, label, attrs in flat_nodes(g):
        flat.add_node(graphml_id(node), label=xml_safe(label), iri=xml_safe(DEFAULT_BASE + node),
                      **{k: xml_safe(v) if isinstance(v, str) else v for k, v in attrs.items()})
    for _, s, o, label, weight, attrs in flat_edges(g):
        flat.add_edge(graphml_id(s), graphml_id(o), key=f"{graphml_id(s)}.{label}.{graphml_id(o)}", label=label,
                      weight=float(weight), **{k: xml_safe(v) if isinstance(v, str) else v for k, v in attrs.items()})
    return "\n".join(nx.generate_graphml(flat, encoding="utf-8", prettyprint=True)).encode("utf-8") + b"\n"


def test_graphml_has_the_bytes_of_networkx_writer():
    from .test_hostile import hostile_graph
    lines = Relation("person/a", "runs", "organization/b",
                     (Evidence("a.txt", "Line one\r\nline two\rthree\u2028four\ttab é 字", 0, 9, "r", 0.9),))
    cases = [graph(), hostile_graph(), build_graph(ENTITIES, [lines]), build_graph(ENTITIES, []), build_graph([], [])]
    for g in cases:
        assert generate_graphml(g) == _networkx_graphml(g)


GRAPHML_XSD = Path(__file__).parent / "schemas" / "graphml" / "graphml.xsd"


def test_graphml_is_valid_against_the_graphml_schema(tmp_path):
    from newsgraph.config import Settings
    from newsgraph.run import run

    from .test_hostile import hostile_graph
    schema = etree.XMLSchema(etree.parse(str(GRAPHML_XSD)))
    run(Settings(corpus=Path(__file__).parent.parent / "corpus", out=tmp_path, skip_pictures=True, cache=False))
    for doc in (etree.parse(str(tmp_path / "graph.graphml")), etree.fromstring(generate_graphml(hostile_graph()))):
        assert schema.validate(doc), schema.error_log.last_error
    assert not schema.validate(etree.fromstring(generate_graphml(graph()).replace(b'id="person:a"', b'id="person/a"')))


def test_graphml_ids_are_nmtokens_that_keep_entities_apart():
    from newsgraph.export import graphml_id
    assert graphml_id("person/ada-brenner") == "person:ada-brenner"
    assert graphml_id("person/ren\u00e9-\u5b57-1a2b3c4d") == "person:ren_x00e9_-_x5b57_-1a2b3c4d"
    ids = ["person/a-b", "person/a_b", "organization/a-b", "person/\u00e9", "person/\u00e8"]
    assert len({graphml_id(i) for i in ids}) == len(ids)


def _boxes_apart(labels) -> bool:
    boxes = sorted(labels.values())
    return not any(a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
                   for i, a in enumerate(boxes) for b in boxes[i + 1:])


def test_png_labels_never_overlap_and_sit_in_the_drawing_beside_the_legend(tmp_path):
    import json as _json

    from newsgraph.config import Settings
    from newsgraph.pictures import PANEL, PNG_SCALE, PNG_SIZE, drawing
    from newsgraph.rdf import from_rdf
    from newsgraph.run import run
    from newsgraph.view import positions
    root = Path(__file__).parent.parent
    many = tmp_path / "many"
    many.mkdir()
    lines = (root / "tests/dev/cases.jsonl").read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines[:60]):  # a corpus of 60 documents
        (many / f"d{i:02d}.txt").write_text("News\n\n" + _json.loads(line)["text"] + "\n", encoding="utf-8")
    for corpus in (root / "corpus", many):
        out = tmp_path / corpus.name
        run(Settings(corpus=corpus, out=out, skip_pictures=True, cache=False))
        g = from_rdf(rdflib.Graph().parse(out / "graph.ttl"))
        for pos in (None, positions(g)):  # its own layout, and the view's (as a run draws it)
            img, labels = drawing(g, pos)
            assert len(labels) >= 10 and _boxes_apart(labels)
            edge = (PNG_SIZE[0] - PANEL) * PNG_SCALE
            assert all(box[2] <= edge for box in labels.values())  # the legend is outside the drawing
            assert all(g.degree(n) > 0 for n in labels)  # only entities that take part in facts


def test_png_labels_draw_accented_greek_and_cyrillic_letters():
    from newsgraph.pictures import _font
    font = _font(12)
    missing = bytes(font.getmask("\ue000"))  # a private-use code point: the font's "no glyph" box
    for ch in "éüøñçłőșžÉÜÅßσφΔдмЖ":
        assert bytes(font.getmask(ch)) != missing, ch


def test_both_pictures_of_a_run_come_from_one_layout(monkeypatch):
    from newsgraph import export as export_module
    from newsgraph import pictures, view
    calls = []
    for module in (view, pictures):
        monkeypatch.setattr(module, "layout", lambda part, real=module.layout: calls.append(len(part)) or real(part))
    out, notes = export_module.files_and_notes(graph(), formats=("html", "png"))
    assert set(out) == {"graph.html", "graph.png"} and not notes and len(calls) == 1


def test_pictures_show_a_bounded_readable_part_with_a_note_of_what_is_left_out():
    from newsgraph.layout import readable_part
    g = nx.MultiDiGraph()
    ev = (Evidence("a.txt", "s", 0, 1, "r", 0.9),)
    for i in range(30):  # a star of 30 leaves, then ten pairs, then five entities without facts
        g.add_edge(f"leaf{i:02d}", "hub", key="worksFor", evidence=ev)
    for i in range(10):
        g.add_edge(f"a{i}", f"b{i}", key="runs", evidence=ev)
    g.add_nodes_from(f"lone{i}" for i in range(5))
    part, note = readable_part(g, 35)
    assert "hub" in part and sum(1 for n in part if n.startswith("leaf")) == 30 and len(part) == 35
    assert note == "showing 35 of 51 entities with facts; 5 entities without facts not shown"
    small, note = readable_part(g, 12)  # the largest part alone is too large: its best connected
    assert "hub" in small and len(small) == 12
    assert readable_part(nx.MultiDiGraph(g.subgraph(["a0", "b0"])), 10)[1] is None


def test_a_part_larger_than_force_atlas_takes_is_laid_out_whole_and_the_same_each_time():
    from newsgraph.layout import FORCE_LIMIT, layout
    g = nx.MultiDiGraph()
    n = FORCE_LIMIT * 3  # one connected part: a tree with a few extra links
    for i in range(1, n):
        g.add_edge(f"e{i:04d}", f"e{(i * 7919) % i:04d}", key="worksFor")
    for i in range(0, n, 37):
        g.add_edge(f"e{i:04d}", f"e{(i * 31) % n:04d}", key="owns")
    pos = layout(g)
    assert set(pos) == set(g.nodes) and all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())
    assert len(set(pos.values())) > 0.95 * len(pos)  # the ones placed around a neighbour spread out
    assert layout(nx.MultiDiGraph(sorted(g.edges(keys=True)))) == pos
