"""Writing files so that a crash never leaves one half written, nor a set of files half replaced."""
from __future__ import annotations

import errno
import os
import tempfile
from pathlib import Path

REASONS = {errno.ENOSPC: "no space left on the device", errno.EROFS: "read-only file system",
           errno.EACCES: "permission denied", errno.EPERM: "permission denied", errno.EDQUOT: "disk quota exceeded"}
"""What an error number means to someone who has to fix it."""


def reason(err: OSError) -> str:
    return REASONS.get(err.errno, err.strerror or str(err))


def _temporary(folder: Path, name: str, data: bytes, durable: bool) -> str:
    """``data`` in a new temporary file beside ``folder / name`` (fsync'd when ``durable``), with the
    permissions the umask allows, like any new file; its path. Nothing is left on a fault."""
    fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
    except BaseException:
        os.unlink(tmp)
        raise
    return tmp


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file beside ``path`` and rename it into place (fsync first when
    ``durable``)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = _temporary(path.parent, path.name, data, durable)
    try:
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def write_set(folder: Path, files: dict[str, bytes]) -> None:
    """Write every file to a temporary file first and rename them into place only when all are
    written, so the set in ``folder`` always comes from one run: a full disk or a fault while
    writing leaves the previous files as they were (and no temporary file behind)."""
    folder.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            written.append((_temporary(folder, name, data, durable=True), folder / name))
    except BaseException:
        for tmp, _ in written:
            os.unlink(tmp)
        raise
    for tmp, path in written:
        os.replace(tmp, path)
