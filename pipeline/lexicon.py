"""Load the data files of ontologies/: lexicons, entity patterns, furniture and relation rules.

Everything the NER and rules stages know about English lives in these files;
this module only reads and checks them, raising RuleError with the file name.
"""
from __future__ import annotations

import hashlib
import json
import os
from functools import lru_cache
from pathlib import Path

from .errors import RuleError

DEFAULT_DIR = Path(__file__).resolve().parent.parent / "ontologies"
ENV_VAR = "NEWSGRAPH_ONTOLOGIES"


def ontologies_dir(value: str | os.PathLike | None = None) -> Path:
    """The ontologies folder: the argument, $NEWSGRAPH_ONTOLOGIES, or the repository's own."""
    path = Path(value or os.environ.get(ENV_VAR) or DEFAULT_DIR)
    if not (path / "lexicon.json").is_file():
        raise RuleError(f"{path}: not an ontologies folder (no lexicon.json); "
                        f"set --ontologies or {ENV_VAR}")
    return path


def read_json(path: Path):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as err:
        raise RuleError(f"{path}: cannot be read as JSON ({err})") from err


def read_jsonl(path: Path) -> list[dict]:
    rows = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise RuleError(f"{path}: cannot be read ({err})") from err
    for n, line in enumerate(lines, 1):
        if line.strip():
            try:
                rows.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise RuleError(f"{path}:{n}: not JSON ({err.msg})") from err
    return rows


@lru_cache(maxsize=8)
def lexicon(folder: str) -> dict:
    """lexicon.json, with its word lists also available as lower-cased frozensets."""
    data = read_json(Path(folder) / "lexicon.json")
    return data


def words(lex: dict, name: str) -> frozenset[str]:
    """A lexicon list as a lower-cased set."""
    try:
        return frozenset(w.lower() for w in lex[name])
    except KeyError as err:
        raise RuleError(f"lexicon.json: missing list {name!r}") from err


def expand(pattern, lex: dict):
    """Replace "@list" strings in a pattern by that lexicon list (so lists are written once)."""
    if isinstance(pattern, dict):
        return {k: expand(v, lex) for k, v in pattern.items()}
    if isinstance(pattern, list):
        return [expand(v, lex) for v in pattern]
    if isinstance(pattern, str) and pattern.startswith("@"):
        if pattern[1:] not in lex:
            raise RuleError(f"pattern refers to unknown lexicon list {pattern!r}")
        return list(lex[pattern[1:]])
    return pattern


def fingerprint(folder: Path) -> str:
    """Hash of every data file in the folder: part of the cache key of extraction results."""
    h = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in {".json", ".jsonl"}:
            h.update(path.relative_to(folder).as_posix().encode())
            h.update(path.read_bytes())
    return h.hexdigest()
