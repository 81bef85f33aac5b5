"""A copy of this project's source tree, as a user's clone has it, for tests that install it.

Installing from a copy keeps builds out of the checkout (pip and setuptools write ``build/``
and ``*.egg-info`` next to the sources) and lets parallel tests each build their own.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# What a clone does not have (or a build must not see): git's data, virtual environments,
# caches and build output.
NOT_SOURCE = shutil.ignore_patterns(
    ".git", ".venv", "venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc",
    ".pytest_cache", ".hypothesis", ".cache")


def copy_source(destination: Path) -> Path:
    """The project's files (working tree, uncommitted changes included) under ``destination``."""
    shutil.copytree(ROOT, destination, ignore=NOT_SOURCE)
    return destination


def committed_copy(destination: Path) -> Path:
    """A copy that is a git repository with one commit (pre-commit clones a repository's HEAD)."""
    copy_source(destination)
    git(destination, "init", "-q")
    git(destination, "add", "-A")
    git(destination, "commit", "-q", "-m", "snapshot of the working tree")
    return destination


def git(cwd: Path, *args: str) -> str:
    environment = {**os.environ, "GIT_AUTHOR_NAME": "test", "GIT_AUTHOR_EMAIL": "test@example.invalid",
                   "GIT_COMMITTER_NAME": "test", "GIT_COMMITTER_EMAIL": "test@example.invalid",
                   "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd)}
    return subprocess.run(["git", *args], cwd=cwd, env=environment, check=True,
                          capture_output=True, text=True).stdout


def fresh_venv(path: Path) -> Path:
    """A new virtual environment with pip and nothing else; returns its ``bin`` directory."""
    venv.EnvBuilder(with_pip=True, clear=True).create(path)
    return path / ("Scripts" if sys.platform == "win32" else "bin")


def pip(python: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", *args],
                          cwd=cwd, capture_output=True, text=True, check=False)
