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


def write_atomic(path: Path, data: bytes, durable: bool = True) -> None:
    """Write to a temporary file beside ``path`` and rename it into place (fsync first when
    ``durable``). The file gets the permissions the umask allows, like any new file."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(tmp, 0o666 & ~umask)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            if durable:
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def write_set(folder: Path, files: dict[str, bytes]) -> None:
    """Write every file to a temporary file first and rename them into place only when all are
    written, so the set in ``folder`` always comes from one run: a full disk or a fault while
    writing leaves the previous files as they were (and no temporary file behind)."""
    folder.mkdir(parents=True, exist_ok=True)
    umask = os.umask(0)
    os.umask(umask)
    written: list[tuple[str, Path]] = []
    try:
        for name, data in files.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
            written.append((tmp, folder / name))
            os.chmod(tmp, 0o666 & ~umask)
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
    except BaseException:
        for tmp, _ in written:
            if os.path.exists(tmp):
                os.unlink(tmp)
        raise
    for tmp, path in written:
        os.replace(tmp, path)
