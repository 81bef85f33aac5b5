"""Fixing files on disk: read as the audit reads, write back only what changed, atomically.

A file is read with the audit's bounded regular-file reader and decoded as the audit decodes
it (PEP 263 for Python: a coding cookie or a UTF-8 byte order mark; UTF-8 for the rest, a
byte order mark kept). The fixed text is encoded the same way, so the encoding, the byte order
mark and the line endings come back as they were. A changed file is written to a temporary
file in its own directory, given the original's permission bits, and moved over it with
``os.replace``: a reader never sees half a file, and a failure leaves the original. A file
that did not change is not written at all (its modification time stays).
"""

from __future__ import annotations

import codecs
import difflib
import io
import os
import stat
import tempfile
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Tuple

from ..audit import checkers
from ..audit.files import UnreadableFile, read_regular
from ..audit.kinds import MAYBE_CONDA, kind_by_name, yaml_is_conda
from ..rules import Options
from . import fix_text
from .model import FixError, FixResult

#: what the temporary file of an atomic write is called, so a stray one is recognisable
TEMPORARY_SUFFIX = ".azureml-migrate-fix.tmp"


@dataclass
class FileOutcome:
    """One file's fix: its result, or the error that kept it from being fixed."""

    path: Path
    shown: str
    kind: Optional[str]
    result: Optional[FixResult] = None
    error: Optional[str] = None
    #: whether the fixed text was written to the file
    written: bool = False

    def diff(self) -> str:
        """The change as a unified diff (``a/path``, ``b/path``), empty when nothing changed."""
        if self.result is None or not self.result.changed:
            return ""
        before = _diff_lines(self.result.original)
        after = _diff_lines(self.result.text)
        return "".join(difflib.unified_diff(before, after, f"a/{self.shown}", f"b/{self.shown}"))


def _diff_lines(text: str):
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def decode(data: bytes, kind: str) -> Tuple[str, str]:
    """(text, encoding), as ``audit.checkers.check_file`` decodes the file; raises FixError."""
    if kind in ("python", "setup_py"):
        try:
            encoding, _ = tokenize.detect_encoding(io.BytesIO(data).readline)
        except SyntaxError as error:
            raise FixError(f"cannot decode: {getattr(error, 'msg', error)}") from None
    else:
        encoding = "utf-8-sig" if data.startswith(codecs.BOM_UTF8) else "utf-8"
    try:
        return checkers.decode(data, encoding), encoding
    except checkers.DecodeError as error:
        raise FixError(str(error)) from None


def fix_file(path: Path, shown: str, options: Options = Options(), wanted: Callable[[str], bool] = lambda code: True,
             unsafe: bool = False, write: bool = True) -> FileOutcome:
    """Fix one file (write it back only if it changed and ``write``); never raises for what
    the file holds: an unreadable, undecodable or unparsable file comes back with ``error``."""
    named = kind_by_name(path.name, path.parent.name)
    outcome = FileOutcome(path, shown, None if named == MAYBE_CONDA else named)
    try:
        before = os.stat(path)
        data = read_regular(path)
        if named == MAYBE_CONDA:
            if not yaml_is_conda(data):
                return outcome
            outcome.kind = "conda"
        if outcome.kind is None:
            return outcome
        text, encoding = decode(data, outcome.kind)
        outcome.result = fix_text(text, outcome.kind, options, wanted, unsafe)
    except (UnreadableFile, FixError) as error:
        outcome.error = str(error)
        return outcome
    except OSError as error:
        outcome.error = f"cannot read file: {error.strerror or error}"
        return outcome
    except Exception as error:  # a bug of ours must not stop the other files
        outcome.error = f"internal error while fixing this file: {type(error).__name__}: {error}"
        return outcome
    if not outcome.result.changed:
        return outcome
    try:
        fixed = outcome.result.text.encode(encoding)
    except UnicodeEncodeError as error:
        outcome.error = f"the fixed text cannot be written in the file's encoding {encoding}: {error.reason}"
        return outcome
    if write:
        try:
            write_atomic(path, fixed, before)
            outcome.written = True
        except (OSError, FixError) as error:
            outcome.error = f"cannot write file: {getattr(error, 'strerror', None) or error}"
    return outcome


def write_atomic(path: Path, data: bytes, before: os.stat_result) -> None:
    """Replace the file's content through a temporary file in the same directory.

    A symbolic link is followed (the file it names is rewritten, the link stays). A file that
    changed since it was read (``before``) is left alone.
    """
    target = os.path.realpath(path)
    current = os.stat(target)
    if (current.st_mtime_ns, current.st_size, current.st_ino) != (before.st_mtime_ns, before.st_size, before.st_ino):
        raise FixError("it changed while it was being fixed; run fix again")
    directory, name = os.path.split(target)
    descriptor, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=TEMPORARY_SUFFIX, dir=directory)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, stat.S_IMODE(current.st_mode))
        os.replace(temporary, target)
    except BaseException:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise
