"""Hostile input: bad files, hostile text, crashes, concurrent runs. Nothing lost, corrupt or injected."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import rdflib
from click.testing import CliRunner
from lxml import etree

from newsgraph.cli import main
from newsgraph.export import EXPORTS, files, generate_gexf, generate_graphml, xml_safe
from newsgraph.view import generate_html
from newsgraph.graph import build_graph
from newsgraph.extract.parse import CHUNK
from newsgraph.extract.parse import chunks as nlp_chunks
from newsgraph.rdf import serialize, to_rdf
from newsgraph.lock import exclusive
from newsgraph.run import Settings, run
from newsgraph.types import Entity, Evidence, Relation

from .conftest import ROOT

XSD = Path(__file__).parent / "schemas" / "gexf" / "1.3" / "gexf.xsd"
GOOD = "Maria Lopez founded Brightpath Labs in 2010.\n"


def bad_corpus(folder: Path) -> dict[str, str]:
    """Every kind of bad file, and what the one-line message about it must say."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    expected = {}

    def bad(name: str, data: bytes, reason: str):
        (folder / name).write_bytes(data)
        expected[name] = reason

    bad("empty.txt", b"", "empty file")
    bad("spaces.md", b"  \n\t \r\n", "empty file")
    bad("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image")
    bad("scan.txt", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "PDF document")
    bad("archive.md", b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive")
    bad("nul.txt", b"Tim Cook\x00runs Apple", "NUL bytes")
    bad("big.txt", b"Word " * 400, "over the 0.0 MB limit")
    os.symlink(folder / "nowhere.txt", folder / "dangling.txt")
    expected["dangling.txt"] = "dangling symbolic link"
    os.symlink(folder / "loop-b.txt", folder / "loop-a.txt")
    os.symlink(folder / "loop-a.txt", folder / "loop-b.txt")
    expected["loop-a.txt"] = "symbolic link loop"
    expected["loop-b.txt"] = "symbolic link loop"
    # readable oddities: these are read, with a note when they are not UTF-8
    (folder / "latin1.txt").write_bytes("José Núñez founded Café Olé Labs in 1999.".encode("latin-1"))
    (folder / "utf16.txt").write_text("Ana Ruiz founded Cobalt Labs in 2001.", encoding="utf-16")
    (folder / "bom.txt").write_bytes("\ufeffLi Wen founded Jade Labs.\r\nIt grew.\r\n".encode("utf-8"))
    (folder / "name with spaces é 日本.txt").write_text(GOOD, encoding="utf-8")
    (folder / "sub").mkdir()
    os.symlink(folder, folder / "sub" / "cycle")  # a folder link back up: not followed
    return expected


def test_bad_files_are_reported_one_line_each_and_the_batch_goes_on(tmp_path):
    expected = bad_corpus(tmp_path / "in")
    result = CliRunner().invoke(main, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"),
                                       "--max-bytes", "1000", "-q", "--no-pictures"])
    assert result.exit_code == 0, result.output
    skipped = [line for line in result.stderr.splitlines() if line.startswith("newsgraph: skipped ")]
    assert len(skipped) == len(expected)
    for name, reason in expected.items():
        assert any(line.startswith(f"newsgraph: skipped {name}: ") and reason in line for line in skipped), name
    assert "newsgraph: note: latin1.txt: not UTF-8, read as Windows-1252" in result.stderr
    assert f"documents: 5 read, {len(expected)} skipped" in result.stderr
    g = rdflib.Graph().parse(tmp_path / "out" / "graph.ttl")
    labels = {str(o) for o in g.objects(None, rdflib.RDFS.label)}
    assert {"José Núñez", "Maria Lopez", "Ana Ruiz", "Li Wen"} <= labels
    assert not any("\r" in str(o) or "\ufeff" in str(o) for o in g.objects())
    docs = {str(o) for o in g.objects(None, rdflib.URIRef("https://newsgraph.dev/ontology#path"))}
    assert "name with spaces é 日本.txt" in docs


def test_strict_makes_a_skipped_file_an_error_and_writes_nothing(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    result = CliRunner().invoke(main, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--strict", "-q"])
    assert result.exit_code == 1
    assert "--strict" in result.stderr
    assert not list((tmp_path / "out").glob("graph*"))


def test_unreadable_file_is_skipped(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "good.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "in" / "secret.txt").write_text(GOOD, encoding="utf-8")
    real = open

    def guarded_open(path, *args, **kwargs):  # what a file without read permission gives (tests run as root)
        if Path(path).name == "secret.txt":
            raise PermissionError(13, "Permission denied")
        return real(path, *args, **kwargs)

    monkeypatch.setattr("newsgraph.corpus.open", guarded_open, raising=False)
    result = CliRunner().invoke(main, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q",
                                       "--no-pictures"])
    assert result.exit_code == 0
    assert "newsgraph: skipped secret.txt: cannot be read (Permission denied)" in result.stderr


def test_pieces_of_a_huge_line_stay_under_the_limit_and_cut_at_sentences():
    sentence = "Maria Lopez founded Brightpath Labs in 2010 and later joined Orchard Bank. "
    text = sentence * (3_000_000 // len(sentence))  # one line of 3 MB
    pieces = nlp_chunks(text)
    assert "".join(p for _, p in pieces) == text and len(pieces) > 1
    assert all(len(p) <= CHUNK and p.endswith(". ") for _, p in pieces[:-1])
    assert [o for o, _ in pieces] == sorted(o for o, _ in pieces)


def test_a_line_longer_than_the_piece_size_is_parsed_in_pieces(engine, monkeypatch):
    import newsgraph.extract.parse
    monkeypatch.setattr(newsgraph.extract.parse, "CHUNK", 4_000)
    sentence = "Maria Lopez founded Brightpath Labs in 2010 and later joined Orchard Bank. "
    text = sentence * 200  # 15,000 characters on one line: four pieces
    (extraction,) = list(engine.extract([engine.document(text, "long.txt")]))
    assert extraction.sentences == 200
    assert extraction.mentions[-1].end <= len(text)
    for rm in extraction.relations:
        ev = rm.evidence
        assert text[ev.start:ev.end].strip() == ev.sentence
        assert text[rm.subject.start:rm.subject.end] == rm.subject.text
    assert {rm.evidence.start for rm in extraction.relations} >= {0, len(sentence) * 199}


HOSTILE = ['Quote "Q" Co', "Back\\slash Inc", "<script>alert(1)</script>", "Tom & Jerry's", '"""triple"""',
           "Tab\tName", "New\nLine", "Ctrl\x01\x02\x1b Corp", "Zero\u200bWidth", "Bidi \u202eevil\u202c",
           "Emoji 🚀 Labs", "شركة البرمجيات", "字节跳动", "\ufeffBOM Corp", "]]>", "-->"]


def hostile_graph():
    entities = [Entity(f"organization/h{i}", name, "Organization", (name + " alias",), 1, ("a.txt",))
                for i, name in enumerate(HOSTILE)]
    entities.append(Entity("person/p", "Ada <b>Brenner</b>", "Person", (), 1, ("a\"b.txt",)))
    ev = Evidence("a\"b.txt", "Sentence with <tags> & \x07bell and \u202eRTL override.", 0, 10, "r", 0.9)
    relations = [Relation("person/p", "worksFor", e.id, (ev,)) for e in entities[:-1]]
    return build_graph(entities, relations)


def test_hostile_names_give_files_that_every_reader_parses():
    g = hostile_graph()
    turtle = serialize(to_rdf(g, "https://example.org/id/"))
    parsed = rdflib.Graph().parse(data=turtle, format="turtle")
    assert len(list(ox.parse(turtle, format=ox.RdfFormat.TURTLE))) == len(parsed)
    labels = {str(o) for o in parsed.objects(None, rdflib.RDFS.label)}
    assert "ZeroWidth" in labels and "Bidi evil" in labels and "Ctrl Corp" in labels  # visible text kept
    assert "<script>alert(1)</script>" in labels and "字节跳动" in labels and "Emoji 🚀 Labs" in labels
    assert "New Line" in labels and "Tab Name" in labels
    schema = etree.XMLSchema(etree.parse(str(XSD)))
    gexf = etree.fromstring(generate_gexf(g))
    assert schema.validate(gexf)
    ns = "{http://gexf.net/1.3}"
    assert {n.get("label") for n in gexf.iter(ns + "node")} == {xml_safe(d["label"]) for _, d in g.nodes(data=True)}
    assert {n.get("id") for n in gexf.iter(ns + "node")} == set(g.nodes)
    texts = {v.get("value") for v in gexf.iter(ns + "attvalue") if v.get("for") == "3" and v.getparent().getparent().tag
             == ns + "edge"}
    assert texts == {xml_safe("Sentence with <tags> & \x07bell and \u202eRTL override.")}
    etree.fromstring(generate_graphml(g))  # well-formed XML
    page = generate_html(g).decode()
    assert "<script>alert(1)" not in page and "\u202e" not in page


def test_every_export_format_takes_hostile_names():
    # a label with a line break once stopped the PNG drawing ("anchor not supported for multiline text")
    out = files(hostile_graph())
    assert set(out) == {name for names in EXPORTS.values() for name in names}
    assert out["graph.png"].startswith(b"\x89PNG") and all(out.values())


def test_hostile_text_end_to_end(tmp_path):
    (tmp_path / "in").mkdir()
    text = "".join(f"{name} said on Monday that Maria Lopez founded it.\n\n" for name in HOSTILE)
    (tmp_path / "in" / "hostile.txt").write_text(text + GOOD, encoding="utf-8")
    run(Settings(corpus=tmp_path / "in", out=tmp_path / "out"))
    out = tmp_path / "out"
    rdflib.Graph().parse(out / "graph.ttl")
    ox.parse(path=str(out / "graph.ttl"))
    graphml = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "schemas" / "graphml" / "graphml.xsd")))
    assert graphml.validate(etree.parse(str(out / "graph.graphml")))
    assert etree.XMLSchema(etree.parse(str(XSD))).validate(etree.parse(str(out / "graph.gexf")))


def test_second_run_on_the_same_output_folder_is_refused(tmp_path):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(GOOD, encoding="utf-8")
    with exclusive(tmp_path / "out"):
        result = CliRunner().invoke(main, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 1
    assert "another newsgraph run" in result.stderr and str(os.getpid()) in result.stderr
    result = CliRunner().invoke(main, ["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "-q"])
    assert result.exit_code == 0


def test_killed_run_leaves_the_previous_outputs_complete(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    for i in range(12):
        shutil.copy(ROOT / "corpus" / sorted(p.name for p in (ROOT / "corpus").iterdir())[i % 3],
                    corpus / f"doc{i:02}.txt")
    out = tmp_path / "out"
    run(Settings(corpus=ROOT / "corpus", out=out))
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file() and not p.name.startswith(".")}
    cli = Path(sys.executable).with_name("newsgraph")
    for delay in (1.0, 2.5, 4.5):
        proc = subprocess.Popen([str(cli), "run", str(corpus), "--out", str(out), "-q"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        for name, data in before.items():
            current = (out / name).read_bytes()
            assert current == data or name in {"graph.ttl"} or current, name
        g = rdflib.Graph().parse(out / "graph.ttl")  # complete and loadable, old or new
        assert len(g) > 100
        assert etree.XMLSchema(etree.parse(str(XSD))).validate(etree.parse(str(out / "graph.gexf")))
    # a later run cleans up and succeeds
    run(Settings(corpus=corpus, out=out))
    assert not list(out.glob(".*.tmp"))
