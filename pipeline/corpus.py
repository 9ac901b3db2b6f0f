"""Read stage: a corpus folder -> Documents.

Every ``.txt`` and ``.md`` file under the folder (subfolders included) is a
document, read in sorted order. A document's id is its path relative to the
folder. Page furniture (bylines, link lists, image credits, datelines, lone
marks, lines of part numbers) is located here by the layout rules in
``ontologies/furniture.json`` so that the NLP stages only see prose; the
people a byline names are kept apart as ``Document.bylines``.
"""
from __future__ import annotations

import errno
import hashlib
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from .errors import CorpusError
from .types import Document, Region

SUFFIXES = (".txt", ".md")


@dataclass(frozen=True, slots=True)
class Layout:
    """Compiled furniture rules."""

    byline_role: re.Pattern
    link_heading: re.Pattern
    link_prefix: re.Pattern
    section_line: re.Pattern
    """'Technology | Markets', 'World › Europe': a site's sections or breadcrumb."""
    credit: re.Pattern
    dateline: re.Pattern
    wire_dateline: re.Pattern
    wire_dateline_lines: int
    max_mark_length: int
    code_token_share: float

    @classmethod
    def from_config(cls, cfg: dict) -> "Layout":
        roles = "|".join(re.escape(r) for r in sorted(cfg["byline_roles"], key=len, reverse=True))
        flags = re.IGNORECASE
        return cls(
            byline_role=re.compile(rf"(?:(?<=\s)|(?<=^)|(?<=[^\w\s])|(?<=[a-z]))(?:{roles})\s*{cfg['byline_separators']}\s*", flags),
            link_heading=re.compile(cfg["link_headings"], flags),
            link_prefix=re.compile(cfg["link_prefix"], flags),
            section_line=re.compile(cfg["section_line"], flags),
            credit=re.compile(cfg["credit"], flags),
            dateline=re.compile(cfg["dateline"], flags),
            wire_dateline=re.compile(cfg["wire_dateline"], flags),
            wire_dateline_lines=cfg["wire_dateline_lines"],
            max_mark_length=cfg["max_mark_length"],
            code_token_share=cfg["code_token_share"],
        )


MAX_BYTES = 20_000_000
"""Default size limit of one document (--max-bytes)."""
MAGIC = ((b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
         (b"GIF8", "a GIF image"), (b"PK\x03\x04", "a ZIP archive (or an Office document)"),
         (b"\x1f\x8b", "a gzip archive"), (b"7z\xbc\xaf", "a 7-Zip archive"), (b"Rar!", "a RAR archive"),
         (b"BZh", "a bzip2 archive"), (b"\xd0\xcf\x11\xe0", "an old Office document"),
         (b"RIFF", "a RIFF file (WebP, WAV, AVI)"), (b"\x7fELF", "a program"))
"""Signatures of the binary files that land in news folders by mistake."""
ENCODINGS = {"utf-8": "UTF-8", "utf-8-sig": "UTF-8 with a byte-order mark", "utf-16": "UTF-16",
             "cp1252": "Windows-1252", "latin-1": "Latin-1"}


def find_corpus_files(folder: Path) -> list[Path]:
    """All .txt/.md files under ``folder``, sorted by their relative path. Symbolic links to
    folders are not followed (no loops); links to files are listed and checked when read."""
    found = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs.sort()
        for name in names:
            if os.path.splitext(name)[1].lower() in SUFFIXES:
                found.append(Path(root) / name)
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


def other_files(folder: Path) -> list[str]:
    """Files under ``folder`` that are not read (not .txt or .md), by relative path; hidden files
    (names starting with a dot) are left out."""
    found = []
    for root, dirs, names in os.walk(folder, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in names:
            if not name.startswith(".") and os.path.splitext(name)[1].lower() not in SUFFIXES:
                found.append((Path(root) / name).relative_to(folder).as_posix())
    return sorted(found)


def decode(raw: bytes, path: str) -> tuple[str, str]:
    """Bytes -> (text, encoding). Raises CorpusError for what is not text."""
    if not raw.strip():
        raise CorpusError(path, "empty file (nothing but whitespace)")
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return raw.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as err:
            raise CorpusError(path, f"broken UTF-16 text ({err.reason} at byte {err.start})") from err
    if raw.startswith(b"\xef\xbb\xbf"):
        raw, bom = raw[3:], True
    else:
        bom = False
    for magic, what in MAGIC:
        if raw.startswith(magic):
            raise CorpusError(path, f"binary file ({what}); only plain text is read")
    if b"\x00" in raw:
        raise CorpusError(path, "binary file (contains NUL bytes); only plain text is read")
    try:
        return raw.decode("utf-8"), "utf-8-sig" if bom else "utf-8"
    except UnicodeDecodeError:
        try:
            text = raw.decode("cp1252")
        except UnicodeDecodeError:
            return raw.decode("latin-1"), "latin-1"
        return text, "cp1252"


READ_TRIES = 3
"""Reads of a file that keeps changing while it is read before it is reported."""


def read_document(path: Path, folder: Path, layout: Layout, max_bytes: int = MAX_BYTES) -> Document:
    """One file -> Document (CorpusError, naming the file, when it is not a readable text)."""
    rel = path.relative_to(folder).as_posix()
    try:
        if path.is_symlink() and not path.exists():
            try:
                os.stat(path)
            except OSError as err:
                if err.errno == errno.ELOOP:
                    raise CorpusError(rel, "symbolic link loop") from err
            raise CorpusError(rel, f"dangling symbolic link (to {os.readlink(path)})")
        raw = _read_settled(path, rel, max_bytes)
    except OSError as err:
        reason = "symbolic link loop" if err.errno == errno.ELOOP else (err.strerror or str(err))
        raise CorpusError(rel, f"cannot be read ({reason})") from err
    return document_from_bytes(rel, raw, layout)


def _read_settled(path: Path, rel: str, max_bytes: int) -> bytes:
    """The file's bytes, read again when it changed meanwhile (its size, time or inode moved, or
    it was replaced): a file being rewritten is read once it is written, not taken half written."""
    for attempt in range(1, READ_TRIES + 1):
        try:
            if not path.is_file():
                if path.exists():
                    raise CorpusError(rel, "not a regular file")
                raise FileNotFoundError(errno.ENOENT, "no such file", str(path))
            with open(path, "rb") as fh:
                before = os.fstat(fh.fileno())
                if before.st_size > max_bytes:
                    raise CorpusError(rel, f"file is {before.st_size / 1e6:.1f} MB, over the {max_bytes / 1e6:.1f} MB "
                                      "limit (raise it with --max-bytes)")
                raw = fh.read(max_bytes + 1)
            after = os.stat(path)
        except FileNotFoundError:  # removed since it was listed, or being replaced
            if attempt == READ_TRIES:
                raise CorpusError(rel, "removed while the corpus was read") from None
        else:
            if len(raw) == before.st_size and (after.st_ino, after.st_size, after.st_mtime_ns) == \
                    (before.st_ino, before.st_size, before.st_mtime_ns):
                return raw
        time.sleep(0.05 * attempt)
    raise CorpusError(rel, f"changed while being read ({READ_TRIES} tries); run again once it is written")


def document_from_bytes(rel: str, raw: bytes, layout: Layout) -> Document:
    """Raw file content -> Document (CorpusError when it is not text)."""
    text, encoding = decode(raw, rel)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CorpusError(rel, "empty file (nothing but whitespace)")
    title = next(line.strip() for line in text.splitlines() if line.strip())
    furniture, bylines, agencies, date = find_furniture(text, layout)
    return Document(id=rel, title=title[:500], sha256=hashlib.sha256(raw).hexdigest(), text=text,
                    date=date, furniture=furniture, bylines=bylines, agencies=agencies, encoding=encoding)


def iter_corpus(folder: Path, layout: Layout, max_bytes: int = MAX_BYTES) -> Iterator[Document | CorpusError]:
    """Documents in sorted order; a file that cannot be read yields its CorpusError."""
    for path in find_corpus_files(folder):
        try:
            yield read_document(path, folder, layout, max_bytes)
        except CorpusError as err:
            yield err


def find_furniture(text: str, layout: Layout):
    """Text -> (furniture regions, byline name ranges, wire agency name ranges, stated date)."""
    regions: list[Region] = []
    names: list[tuple[int, int]] = []
    agencies: list[tuple[int, int]] = []
    date = None
    offset = 0
    seen = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        seen += 1
        # a byline starts the line: only then are all its roles looked for
        roles = list(layout.byline_role.finditer(line)) if any(
            layout.byline_role.match(line, p) for p in range(min(3, len(line)))) else []
        if roles and _is_byline(line, roles):
            regions.append(Region(start, end, "byline"))
            for i, m in enumerate(roles):
                stop = roles[i + 1].start() if i + 1 < len(roles) else len(line)
                name = line[m.end():stop]
                lead = len(name) - len(name.lstrip())
                name = name.strip().rstrip(".,;")
                if name:
                    names.append((start + m.end() + lead, start + m.end() + lead + len(name)))
            continue
        if (layout.link_heading.match(line) or layout.link_prefix.match(line) or layout.section_line.match(line)
                or len(stripped) <= layout.max_mark_length or _is_code_line(stripped, layout)):
            regions.append(Region(start, end, "links" if len(stripped) > layout.max_mark_length else "mark"))
            continue
        for m in layout.credit.finditer(line):
            regions.append(Region(start + m.start(), start + m.end(), "credit"))
        m = layout.dateline.search(line)
        if m:
            regions.append(Region(start + m.start(), start + m.end(), "dateline"))
            date = date or _iso_date(m.group("date"))
        m = layout.wire_dateline.match(line) if seen <= layout.wire_dateline_lines else None
        if m and _is_wire_dateline(m):
            # page furniture, the agency too: read as prose, '(Reuters) - Disney said' made Reuters
            # the sayer, whose chief executive everyone became; the agency is kept as a name
            regions.append(Region(start + m.start(), start + m.end(), "dateline"))
            if m.group("agency"):
                agency = m.group("agency")[1:-1]
                lead = len(agency) - len(agency.lstrip())
                agencies.append((start + m.start("agency") + 1 + lead,
                                 start + m.start("agency") + 1 + lead + len(agency.strip())))
            date = date or (_iso_date(m.group("date")) if m.group("date") else None)
    return tuple(regions), tuple(names), tuple(agencies), date


def _is_wire_dateline(m: re.Match) -> bool:
    """'SAN FRANCISCO, Nov 22 (Reuters) - ' opens a story; a bare 'IBM - ' opens a list item."""
    place = (m.group("place") or "").strip()
    if m.group("agency") or m.group("date") and place:
        return True
    return " " in place or sum(c.isalpha() for c in place) >= 5


NAME_JOINERS = frozenset({"and", "&", "van", "von", "de", "der", "den", "da", "del", "di", "du", "la", "le", "bin", "al", "y"})
"""Lower-case words that join or belong to names in a byline ('Ada Brenner and Bo Lind', 'van Dijk')."""


def _is_byline(line: str, roles: list[re.Match]) -> bool:
    """A byline is mostly 'Role丨Name' pairs: short names, no sentence, at most one lower-case
    word of its own ('in London'; a caption, 'Photo: the plant in Harwell', has more)."""
    if roles[0].start() > 2:
        return False
    rest = line[roles[0].end():]
    words = rest.split()
    lower = [w for w in words if w[:1].islower() and w.isalpha() and w not in NAME_JOINERS]
    return len(words) <= 6 * len(roles) and not re.search(r"[.!?]\s+\w", rest) and len(lower) <= 1


DIGIT, LETTER = re.compile(r"\d"), re.compile(r"[A-Za-z]")


def _is_code_line(line: str, layout: Layout) -> bool:
    """A line of part numbers or codes rather than words (no sentence punctuation)."""
    if line.endswith((".", "!", "?")):
        return False
    tokens = line.split()
    coded = sum(1 for t in tokens if DIGIT.search(t) and LETTER.search(t))
    return coded / len(tokens) >= layout.code_token_share


def _iso_date(value: str) -> str | None:
    value = value.strip().replace("/", "-")
    for fmt in ("%Y-%m-%d", "%B %d, %Y", "%b %d, %Y", "%b. %d, %Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None


def prose(doc: Document) -> str:
    """The text the NLP stages see: furniture blanked out, offsets unchanged."""
    if not doc.furniture:
        return doc.text
    chars = list(doc.text)
    for region in doc.furniture:
        for i in range(region.start, region.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
