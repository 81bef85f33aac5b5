"""The SDK v2 (azure-ai-ml) side of the proof harness lives in its own virtual environment.

azure-ai-ml and azureml-core pin different ranges of the same azure-* packages, so they cannot
share the test environment. The v2 environment is created on first use with ``python -m venv``
and pip, under a cache directory keyed by the pinned requirements, and reused afterwards; a
lock file serialises creation between pytest workers. ``AZUREML_MIGRATE_V2_CACHE`` moves the
cache (default ``~/.cache/azureml-migrate``).
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path
from typing import Iterator

#: azure-ai-ml as the facts were collected with (``shared/reference/azureml-v1-to-v2-facts.md``);
#: azure-identity because every rewrite names DefaultAzureCredential.
REQUIREMENTS = ("azure-ai-ml==1.35.2", "azure-identity==1.27.0")
_READY = "ready"


def cache_root() -> Path:
    return Path(os.environ.get("AZUREML_MIGRATE_V2_CACHE") or Path.home() / ".cache" / "azureml-migrate")


def environment_dir() -> Path:
    key = hashlib.sha256("\n".join((*REQUIREMENTS, sys.version.split()[0])).encode()).hexdigest()[:16]
    return cache_root() / f"sdk-v2-{key}"


def _python_in(venv: Path) -> Path:
    return venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def v2_python() -> Path:
    """The interpreter of the cached v2 environment, created (about a minute at most) if missing.

    A half-made environment (no ``ready`` marker: creation was interrupted) is removed and made
    again. Creation failing raises RuntimeError with pip's output: the proofs cannot run without it.
    """
    venv = environment_dir()
    marker = venv / _READY
    if marker.is_file():
        return _python_in(venv)
    with _locked(venv.with_suffix(".lock")):
        if marker.is_file():
            return _python_in(venv)
        shutil.rmtree(venv, ignore_errors=True)
        started = time.monotonic()
        steps = ([sys.executable, "-m", "venv", str(venv)],
                 [str(_python_in(venv)), "-m", "pip", "install", "-q", "--disable-pip-version-check",
                  *REQUIREMENTS])
        for step in steps:
            done = subprocess.run(step, capture_output=True, text=True)
            if done.returncode != 0:
                shutil.rmtree(venv, ignore_errors=True)
                raise RuntimeError(f"could not create the SDK v2 environment ({' '.join(step)}):\n"
                                   f"{done.stdout}\n{done.stderr}")
        marker.write_text(f"{' '.join(REQUIREMENTS)}\ncreated in {time.monotonic() - started:.1f} s\n")
    return _python_in(venv)
