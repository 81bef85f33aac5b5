"""Running a real command as an unprivileged user, for what only permissions can forbid.

Root may read and write anything, so an unreadable file or a read-only file proves nothing
when the suite runs as root (as it does in containers). These helpers run the command as
``nobody`` (uid and gid 65534, no supplementary groups) through ``setpriv`` or ``su``; when
the suite already runs unprivileged, the command runs as it is.

- ``REASON``: why no unprivileged run is possible here (None when one is): skip with it.
- ``command(argv)``: ``argv`` prefixed to run unprivileged.
- ``run(argv, cwd)``: that command run, output captured as text.
- ``directory(owned=...)``: a fresh directory the unprivileged user can reach (mode 0755), and
  owns when ``owned`` (so it may create and delete files there); removed afterwards.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Iterator, List, Optional, Sequence

#: the conventional ``nobody`` user and ``nogroup`` group
UID = GID = 65534


def _reason() -> Optional[str]:
    if not hasattr(os, "geteuid"):
        return "no POSIX users on this platform"
    if os.geteuid() != 0:
        return None  # already unprivileged
    if shutil.which("setpriv") or shutil.which("su"):
        return None
    return "running as root and neither setpriv nor su is installed to drop privileges"


REASON = _reason()


def command(argv: Sequence[str]) -> List[str]:
    """``argv`` run as the unprivileged user (as it is when the suite is not root)."""
    if REASON is not None:
        raise RuntimeError(REASON)
    if os.geteuid() != 0:
        return list(argv)
    setpriv = shutil.which("setpriv")
    if setpriv:
        return [setpriv, f"--reuid={UID}", f"--regid={GID}", "--clear-groups", *argv]
    return [shutil.which("su") or "su", "nobody", "-s", "/bin/sh", "-c", shlex.join(argv)]


def run(argv: Sequence[str], cwd: Path, env: Optional[dict] = None) -> subprocess.CompletedProcess:
    """Run ``argv`` unprivileged in ``cwd``; HOME is ``cwd`` (nobody's home does not exist)."""
    environment = dict(os.environ if env is None else env, HOME=str(cwd))
    return subprocess.run(command(argv), cwd=str(cwd), env=environment, capture_output=True, text=True,
                          check=False)


@contextlib.contextmanager
def directory(owned: bool = True) -> Iterator[Path]:
    """A fresh directory under the system temporary directory that the unprivileged user can
    reach (pytest's ``tmp_path`` sits in a directory only its owner may enter)."""
    made = Path(tempfile.mkdtemp(prefix="unprivileged-"))
    try:
        os.chmod(made, 0o755)
        if owned and os.geteuid() == 0:
            os.chown(made, UID, GID)
        yield made
    finally:
        for below, names, _ in os.walk(made):
            for name in names:  # a test may have made one unreadable: open it before the walk enters
                with contextlib.suppress(OSError):
                    os.chmod(os.path.join(below, name), 0o755)
        shutil.rmtree(made, ignore_errors=True)
