"""Read stage: file discovery, document records, decoding and page furniture."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from newsgraph.corpus import Layout, document_from_bytes, find_furniture, iter_corpus, prose, read_document
from newsgraph.errors import CorpusError

from .conftest import ROOT

LAYOUT = Layout.from_config(json.loads((ROOT / "ontologies" / "furniture.json").read_text()))


def test_reads_txt_and_md_in_sorted_order_with_relative_ids(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.md").write_text("Zed\n\nBody.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("\n\n  Alpha title  \nBody.", encoding="utf-8")
    (tmp_path / "b" / "c.TXT").write_text("Upper suffix", encoding="utf-8")
    (tmp_path / "notes.json").write_text("{}", encoding="utf-8")
    docs = list(iter_corpus(tmp_path, LAYOUT))
    assert [d.id for d in docs] == ["a.txt", "b/c.TXT", "b/z.md"]
    assert docs[0].title == "Alpha title"
    assert docs[0].sha256 == hashlib.sha256((tmp_path / "a.txt").read_bytes()).hexdigest()


@pytest.mark.parametrize("raw, reason", [
    (b"", "empty"),
    (b"   \n\t\n", "empty"),
    (b"PK\x03\x04\x00\x00binary", "ZIP archive"),
    (b"%PDF-1.7\n%binary", "PDF document"),
    (b"\x89PNG\r\n\x1a\n....", "PNG image"),
    (b"\xff\xd8\xff\xe0JFIF", "JPEG image"),
    (b"text with a \x00 NUL byte", "NUL"),
])
def test_unreadable_content_is_a_corpus_error_naming_the_file(raw, reason):
    with pytest.raises(CorpusError) as err:
        document_from_bytes("bad.txt", raw, LAYOUT)
    assert str(err.value).startswith("bad.txt: ") and reason in str(err.value)


@pytest.mark.parametrize("raw, text, encoding", [
    ("Café Müller\r\nsecond".encode("cp1252"), "Café Müller\nsecond", "cp1252"),
    ("\ufeffBOM text".encode("utf-8"), "BOM text", "utf-8-sig"),
    ("Crème brûlée".encode("latin-1"), "Crème brûlée", "cp1252"),
    ("\ufeffWide BOM".encode("utf-16-be"), "Wide BOM", "utf-16"),
    ("Wide text".encode("utf-16"), "Wide text", "utf-16"),
])
def test_decodes_other_encodings_and_line_ends(raw, text, encoding):
    doc = document_from_bytes("x.txt", raw, LAYOUT)
    assert (doc.text, doc.encoding) == (text, encoding)


def test_bad_file_in_a_folder_is_reported_and_the_rest_goes_on(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"")
    (tmp_path / "b.txt").write_text("Fine text.", encoding="utf-8")
    items = list(iter_corpus(tmp_path, LAYOUT))
    assert isinstance(items[0], CorpusError) and items[0].path == "a.txt"
    assert items[1].id == "b.txt"


def test_byline_names_are_kept_apart_and_masked():
    text = "Story body here.\n\nAuthor丨Jane RoeEditor丨Sam Poe Producer丨Li Wen.\n"
    regions, names, _, date = find_furniture(text, LAYOUT)
    assert [r.kind for r in regions] == ["byline"]
    assert [text[a:b] for a, b in names] == ["Jane Roe", "Sam Poe", "Li Wen"]
    assert date is None


def test_a_photo_caption_is_a_credit_not_a_byline():
    text = "Story body here.\n\nPhoto: Vantor plant in Harwell. (Bo Lind/Wire)\n"
    regions, names, _, _ = find_furniture(text, LAYOUT)
    assert [r.kind for r in regions] == ["credit"] and names == ()


@pytest.mark.parametrize("line, kind", [
    ("Related Pages", "links"),
    ("The Links:   M150XN07-V9 GP577R-TC41-24VP", "links"),
    ("X", "mark"),
    ("AB12-99 QX-7781 ZZ90", "links"),
    ("Technology | Markets", "links"),
    ("World › Europe › Business", "links"),
])
def test_link_lists_marks_and_codes_are_furniture(line, kind):
    regions, _, _, _ = find_furniture(f"A sentence.\n\n{line}\n", LAYOUT)
    assert [r.kind for r in regions] == [kind]


def test_a_sentence_with_a_bar_is_prose():
    regions, _, _, _ = find_furniture("Sales rose 5% | shares fell after the results were published.\n", LAYOUT)
    assert not regions


def test_dateline_gives_the_document_date_and_is_masked():
    text = "Acme News Updated on 2024-02-01\n\nBody."
    doc = document_from_bytes("d.txt", text.encode(), LAYOUT)
    assert doc.date == "2024-02-01"
    masked = prose(doc)
    assert len(masked) == len(text) and "Updated" not in masked and masked.startswith("Acme News")


@pytest.mark.parametrize("line, masked, agency, date", [
    ("SAN FRANCISCO, Nov 22, 2023 - OpenAI said on Wednesday.", "SAN FRANCISCO, Nov 22, 2023 - ", [], "2023-11-22"),
    ("SANTA CLARA, Calif., Feb 17 (Reuters) - Nvidia said.", "SANTA CLARA, Calif., Feb 17 (Reuters) - ", ["Reuters"], None),
    ("Nov 29 (Reuters) - Twitter said.", "Nov 29 (Reuters) - ", ["Reuters"], None),
    ("LONDON — The bank said.", "LONDON — ", [], None),
    ("NEW YORK (AP) -- Shares fell.", "NEW YORK (AP) -- ", ["AP"], None),
    ("BEIJING ( Xinhua ) - Shares fell.", "BEIJING ( Xinhua ) - ", ["Xinhua"], None),
])
def test_wire_dateline_is_masked_and_its_agency_kept_apart(line, masked, agency, date):
    text = f"Headline of the story\n\n{line}"
    doc = document_from_bytes("d.txt", text.encode(), LAYOUT)
    body = prose(doc)[len("Headline of the story") + 2:]
    assert body == " " * len(masked) + line[len(masked):]
    assert [text[a:b] for a, b in doc.agencies] == agency
    assert doc.date == date


@pytest.mark.parametrize("text", [
    "Roles\n\nIBM - the company that makes mainframes.",        # a short capitalized word: a list item
    "Title\n\nOne.\n\nTwo.\n\nThree.\n\nFour.\n\nFive.\n\nLONDON — The bank said.",  # not at the top
    "Title\n\nApple - the company said.",                        # not in capitals
])
def test_lines_like_datelines_elsewhere_are_prose(text):
    assert prose(document_from_bytes("d.txt", text.encode(), LAYOUT)) == text


def test_prose_text_is_not_furniture():
    regions, names, _, date = find_furniture("Editors said the company grew. By the way, it rained.\n", LAYOUT)
    assert regions == () and names == ()


TEXT = "Quillon news\n\nAda Brenner founded Quillon Media in 2019.\n"


class Rewritten:
    """A file handle whose file is rewritten (one character longer each time) between the
    moment it is opened and the moment it is read."""

    def __init__(self, fh, path, n):
        self.fh, self.path, self.n = fh, Path(path), n

    def fileno(self):
        return self.fh.fileno()

    def read(self, size=-1):
        self.path.write_text(TEXT + "x" * self.n, encoding="utf-8")
        return self.fh.read(size)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.fh.close()


def rewritten_on_open(monkeypatch, times: int):
    """The next ``times`` reads of a file find it being rewritten."""
    real, opened = open, []

    def rewriting(path, *args, **kwargs):
        opened.append(path)
        fh = real(path, *args, **kwargs)
        return Rewritten(fh, path, len(opened)) if len(opened) <= times else fh

    monkeypatch.setattr("newsgraph.corpus.open", rewriting, raising=False)
    return opened


def test_a_file_rewritten_while_it_is_read_is_read_again(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    opened = rewritten_on_open(monkeypatch, 1)
    [doc] = iter_corpus(tmp_path, LAYOUT)
    assert len(opened) == 2 and doc.text == TEXT + "x"


def test_a_file_that_keeps_changing_is_reported_as_such(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    rewritten_on_open(monkeypatch, 10)
    [err] = iter_corpus(tmp_path, LAYOUT)
    assert str(err) == "a.txt: changed while being read (3 tries); run again once it is written"


def test_a_file_replaced_while_listed_is_read_and_one_removed_is_reported(tmp_path, monkeypatch):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    real, calls = open, []

    def replaced(path, *args, **kwargs):  # the moment between unlink and rename of an editor's save
        calls.append(path)
        if len(calls) == 1:
            raise FileNotFoundError(2, "No such file or directory")
        return real(path, *args, **kwargs)

    monkeypatch.setattr("newsgraph.corpus.open", replaced, raising=False)
    [doc] = read_all(tmp_path)
    assert doc.text == TEXT
    monkeypatch.undo()
    with pytest.raises(CorpusError, match=r"^gone.txt: removed while the corpus was read$"):
        read_document(tmp_path / "gone.txt", tmp_path, LAYOUT)


def read_all(folder):
    return [read_document(p, folder, LAYOUT) for p in sorted(folder.glob("*.txt"))]
