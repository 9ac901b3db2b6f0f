"""One run at a time per output folder, and no helper process that outlives its run.

``exclusive(out)`` holds an advisory lock on ``out/.newsgraph.lock`` while a run writes there. A
process forked during the run (a parsing worker, the export process) inherits the lock's file
descriptor, and with it the lock: ``orphan_proof`` lets go of it in the child and has the
kernel kill the child when the run dies (Linux), so a run killed with SIGKILL never leaves a
process behind that keeps the folder locked.
"""
from __future__ import annotations

import ctypes
import fcntl
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path

from .errors import PipelineError
from .files import reason

LOCK_NAME = ".newsgraph.lock"
PR_SET_PDEATHSIG = 1
"""prctl(2): the signal the calling process gets when its parent dies."""
_held: list[int] = []
"""File descriptors of the locks this process holds (a forked child inherits them)."""


@contextmanager
def exclusive(out: Path):
    """Hold the output folder's lock; a second run there is refused with a clear message."""
    path = out / LOCK_NAME
    try:
        out.mkdir(parents=True, exist_ok=True)
        fh = open(path, "a+")
    except OSError as err:
        raise PipelineError(f"{out}: cannot write here ({reason(err)}); use another --out") from err
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as err:
            fh.seek(0)
            holder = fh.read().strip() or "?"
            raise PipelineError(f"{out}: another newsgraph run (pid {holder}) is writing here; "
                                "wait for it to finish or use another --out") from err
        fh.seek(0)
        fh.truncate()
        fh.write(f"{os.getpid()}\n")
        fh.flush()
        _held.append(fh.fileno())
        try:
            yield
        finally:
            _held.remove(fh.fileno())
    finally:
        fh.close()


def orphan_proof(parent: int) -> None:
    """Call first thing in a process forked by the run whose pid is ``parent``: close the
    inherited lock descriptors (closing, not unlocking: the lock is the parent's) and die
    with the parent."""
    for fd in _held:
        try:
            os.close(fd)
        except OSError:
            pass
    _held.clear()
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)
