"""Hostile input, generated at test time: the files real repositories contain and no one plans for.

Each case is a file name and its bytes. ``LEGACY_CODE`` inside a case is real Azure ML v1 code,
so an entry point that can read the file must still report its findings there.
"""

from __future__ import annotations

import ast
import codecs
import hashlib
import json
import os
import shlex
import stat
import subprocess
from pathlib import Path
from typing import Callable, Dict, Tuple

#: One deprecated import, one Estimator call, one environment parameter on it.
LEGACY_CODE = (
    "from azureml.train.estimator import Estimator\n"
    "est = Estimator('src', pip_packages=['x'])\n"
)
LEGACY_CODES = ["AML102", "AML101", "AML301"]

#: 2 MB on one line: minified or generated code, an embedded blob.
HUGE_LINE_BYTES = 2 * 1024 * 1024


def nested(kind: str, depth: int) -> str:
    """An expression nested ``depth`` levels deep, in one of the shapes Python nests."""
    shapes = {
        "calls": ("f(" * depth) + "1" + (")" * depth),
        "call_chain": "f" + "()" * depth,
        "attributes": "a" + ".b" * depth,
        "binary": " + ".join(["a"] * depth),
        "unary": "-" * depth + "1",
        "conditional": "1 if a else " * depth + "1",
        "lists": "[" * depth + "]" * depth,
        "subscripts": "a" + "[0]" * depth,
    }
    return shapes[kind]


NESTED_KINDS = ("calls", "call_chain", "attributes", "binary", "unary", "conditional", "lists", "subscripts")


def deepest_parseable(kind: str, ceiling: int = 10_000) -> int:
    """Nearly the deepest nesting of this shape this interpreter's ``ast.parse`` accepts.

    CPython's limit counts the caller's stack too, so 100 levels are left for the frames
    between this helper and the parser inside ``check_source``.
    """
    low, high = 1, ceiling
    while low < high:
        middle = (low + high + 1) // 2
        try:
            ast.parse(LEGACY_CODE + "x = " + nested(kind, middle) + "\n")
        except (SyntaxError, RecursionError, MemoryError):
            high = middle - 1
        else:
            low = middle
    return max(1, low - 100)


def python_files() -> Dict[str, bytes]:
    """Python modules in every encoding, line ending and shape that breaks naive readers."""
    code = LEGACY_CODE
    return {
        "invalid_utf8.py": b"# \xff\xfe not UTF-8\n" + code.encode(),
        "latin1_cookie.py": b"# -*- coding: latin-1 -*-\n# caf\xe9\n" + code.encode(),
        "utf8_bom.py": codecs.BOM_UTF8 + code.encode(),
        "utf16_bom.py": code.encode("utf-16"),
        "utf16_cookie.py": "# -*- coding: utf-16 -*-\n".encode("utf-16") + code.encode("utf-16-le"),
        "nul_byte.py": code.encode() + b"x = 1\x00\n",
        "crlf.py": code.replace("\n", "\r\n").encode(),
        "cr_only.py": code.replace("\n", "\r").encode(),
        "mixed_endings.py": code.replace("\n", "\r\n", 1).encode() + b"y = 1\r\n",
        "python2.py": (code + "print 'hello'\nexec 'x = 1'\n").encode(),
        "python2_except.py": (code + "try:\n    pass\nexcept ValueError, e:\n    pass\n").encode(),
        "syntax_error.py": (code + "def f(:\n").encode(),
        "unterminated.py": (code + "s = '''never closed\n").encode(),
        "bad_indent.py": (code + "if x:\n        y = 1\n    z = 2\n").encode(),
        "tabs_spaces.py": (code + "if x:\n\ty = 1\n        z = 2\n").encode(),
        "empty.py": b"",
        "bom_only.py": codecs.BOM_UTF8,
        "whitespace_only.py": b"\n\n   \n\t\n\x0c\n",
        "no_final_newline.py": code.rstrip("\n").encode(),
        "form_feed.py": b"\x0c\n" + code.encode(),
        "invalid_escape.py": (code + "pattern = '\\d+'\n").encode(),
        "huge_line.py": (code + "blob = '" + "a" * HUGE_LINE_BYTES + "'\n").encode(),
        "huge_comment_line.py": (code + "# " + "x" * HUGE_LINE_BYTES + "\n").encode(),
        "nested_parentheses.py": (code + "x = " + nested("calls", 190) + "\n").encode(),
        "deep_binary.py": (code + "x = " + nested("binary", 5000) + "\n").encode(),
        "deep_calls.py": (code + "x = " + nested("calls", 5000) + "\n").encode(),
        "lambda_tower.py": (code + "x = " + "lambda: " * 5000 + "1\n").encode(),
        "surrogate_escape.py": code.encode() + b"s = '\xed\xa0\x80'\n",
        "many_lines.py": (code + "x = 1\n" * 30_000).encode(),
        "name with spaces.py": code.encode(),
        "entraînement_données.py": code.encode(),
        "训练.py": code.encode(),
    }


#: Cases whose bytes any reader that follows PEP 263 and PEP 3120 can decode and parse.
CHECKABLE_PYTHON = (
    "latin1_cookie.py", "utf8_bom.py", "crlf.py", "cr_only.py", "mixed_endings.py",
    "no_final_newline.py", "form_feed.py", "invalid_escape.py", "huge_line.py",
    "huge_comment_line.py", "nested_parentheses.py", "many_lines.py", "name with spaces.py",
    "entraînement_données.py", "训练.py",
)


def executable_payload(marker: Path) -> str:
    """Python that leaves ``marker`` behind if anything imports or runs it."""
    return f"import pathlib\npathlib.Path({str(marker)!r}).write_text('executed')\n"


def write_files(root: Path, files: Dict[str, bytes]) -> None:
    for name, data in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)


def add_hostile_links(root: Path, outside: Path) -> None:
    """Symlink loops, a link out of the tree, a dangling link, a directory named like a module."""
    (root / "loop_a.py").symlink_to("loop_b.py")
    (root / "loop_b.py").symlink_to("loop_a.py")
    (root / "dangling.py").symlink_to(root / "missing" / "nothing.py")
    (root / "outside.py").symlink_to(outside)
    (root / "linked_dir").mkdir()
    (root / "linked_dir" / "up").symlink_to(root, target_is_directory=True)
    (root / "package_dir.py").mkdir()


def make_unreadable(path: Path) -> bool:
    """Remove read permission; False when the OS ignores it (running as root)."""
    path.chmod(0)
    try:
        with open(path, "rb"):
            readable = True
    except PermissionError:
        readable = False
    return not readable


def restore_readable(path: Path) -> None:
    path.chmod(stat.S_IRUSR | stat.S_IWUSR)


def snapshot(root: Path) -> Dict[str, Tuple[int, str]]:
    """Every entry under ``root`` (links not followed): its mode and a digest of its content."""
    state: Dict[str, Tuple[int, str]] = {}
    for directory, dirnames, filenames in os.walk(root):
        for name in [*dirnames, *filenames]:
            path = Path(directory) / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                digest = os.readlink(path)
            elif stat.S_ISREG(info.st_mode) and info.st_mode & stat.S_IRUSR:
                digest = hashlib.sha256(path.read_bytes()).hexdigest()
            else:
                digest = ""
            state[str(path.relative_to(root))] = (info.st_mode, digest)
    return state


#: A pinned SDK requirement (AML401): every linear-time shape repeats or surrounds it.
OLD_PIN = "azureml-core==1.0.85"


#: padding of each continuation line in the linear-time shapes
CONTINUATION_WIDTH = 4000


def linear_time_shapes() -> Dict[str, Tuple[str, Callable[[int], bytes], int]]:
    """Plain text that a backtracking regex or a per-item rescan makes quadratic: by shape name,
    the file name to write, the bytes for a size ``n`` and a size at which quadratic work shows.

    Continued commands have ``n`` long lines: a requirement on each, so a rescan of the whole
    command per requirement costs far more than checking the requirements, or blanks, so
    copying the command once per line costs far more than reading it.
    """
    pinned = f"    {OLD_PIN}{' ' * CONTINUATION_WIDTH} \\\n"
    blank = " " * CONTINUATION_WIDTH + "\\\n"
    return {
        # spaces between two words: the trailing-options regex retried at every space
        "requirements_spaces": ("requirements.txt",
                                lambda n: f"{OLD_PIN}\nfoo{' ' * n}bar\n{OLD_PIN}{' ' * n}x\n".encode(), 2000),
        # spaces inside a setup.cfg value: the value regex retried at every space
        "setup_cfg_spaces": ("setup.cfg",
                             lambda n: f"[options]\ninstall_requires =\n    {OLD_PIN}{' ' * n}x\n".encode(), 2000),
        # one shell command continued over n lines, a requirement on each: ``# noqa`` looked for
        # in the whole command once per requirement
        "notebook_continuations": ("long.ipynb", lambda n: json.dumps({
            "cells": [{"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                       "source": "!pip install \\\n" + pinned * n + "    x\n"}],
            "metadata": {}, "nbformat": 4, "nbformat_minor": 5}).encode(), 100),
        "markdown_continuations": ("README.md",
                                   lambda n: ("```bash\npip install \\\n" + pinned * n + "    x\n```\n").encode(),
                                   100),
        # a RUN instruction continued over n blank lines: the command text copied once per line
        "dockerfile_continuations": ("Dockerfile", lambda n: (
            f"FROM python\nRUN pip install {OLD_PIN} \\\n" + blank * n + "    x\n").encode(), 400),
    }


def booby_trapped_git_repository(root: Path, marker: Path) -> None:
    """A git work tree whose own configuration names programs git would run: an fsmonitor
    (run by ``git ls-files`` and ``git status``), a hooks directory and a filter on every file."""
    trap = f"touch {shlex.quote(str(marker))}; echo"
    subprocess.run(["git", "init", "-q", str(root)], check=True, capture_output=True)
    for key, value in (("core.fsmonitor", trap), ("core.hooksPath", str(root / "hooks")),
                       ("filter.trap.clean", trap), ("filter.trap.smudge", trap), ("filter.trap.required", "true")):
        subprocess.run(["git", "-C", str(root), "config", key, value], check=True, capture_output=True)
    (root / ".gitattributes").write_text("* filter=trap\n", encoding="utf-8")


def shadowing_packages(root: Path, marker: Path) -> None:
    """``yaml/`` and ``packaging/`` packages that leave ``marker`` behind if imported instead of ours."""
    for name in ("yaml", "packaging"):
        (root / name).mkdir()
        (root / name / "__init__.py").write_text(executable_payload(marker), encoding="utf-8")


def make_too_long_path(root: Path, file_name: str, data: bytes, length: int) -> str:
    """A file below ``root`` whose path exceeds ``length`` bytes, made one directory at a time
    (relative to an open directory, since the whole path is too long for the system)."""
    descriptor = os.open(root, os.O_RDONLY)
    parts = []
    try:
        while len(os.fsencode(root)) + sum(len(part) + 1 for part in parts) <= length:
            part = "d" * 200
            os.mkdir(part, dir_fd=descriptor)
            inner = os.open(part, os.O_RDONLY, dir_fd=descriptor)
            os.close(descriptor)
            descriptor = inner
            parts.append(part)
        with os.fdopen(os.open(file_name, os.O_WRONLY | os.O_CREAT, 0o644, dir_fd=descriptor), "wb") as handle:
            handle.write(data)
    finally:
        os.close(descriptor)
    return "/".join([*parts, file_name])
