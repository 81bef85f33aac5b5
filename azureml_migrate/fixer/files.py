"""Fixing files on disk: read as the audit reads, write back only what changed, in place.

A file is read with the audit's rules (regular files only, within its size bound) and decoded
as the audit decodes it (PEP 263 for Python: a coding cookie or a UTF-8 byte order mark; UTF-8
for the rest, a byte order mark kept). Only the lines a fix changed are encoded again: every
other line is written back as the bytes it was (a cp932 file keeps its NEC duplicates, a
notebook its mixed line endings), and a file whose encoding cannot promise that is refused.

Writing is what ruff and black do, made safe against the run's own window:

- the path is resolved once; the file is opened by its resolved path without following a
  link in the last component, and must be the very file that was read (device and inode), so
  a link repointed during the run is never written through;
- it is written in place, so its owner, group, permission bits, extended attributes, ACLs and
  hard links all stay (every link sees the fix); a file the user may not write is refused;
- it is locked (``flock``, never waited for: a file another program has locked is refused)
  and checked again immediately before the write: its bytes must still be the bytes that were
  fixed and it must still have a name; an edit made meanwhile, a deletion or a replacement by
  another file is left as it is (a deleted file is never recreated);
- the space the larger text needs is reserved first; if the write fails anyway, the original
  bytes are written back. What is given up for in-place writing is atomicity towards readers:
  a program reading the file at the very moment of the write may see a partial file.

A file that did not change is not opened for writing at all (its modification time stays).
"""

from __future__ import annotations

import codecs
import difflib
import errno
import io
import os
import re
import stat
import tokenize
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, List, Optional, Sequence, Tuple

from ..audit import checkers
from ..audit.discovery import unreadable_path
from ..audit.files import _KINDS, MAX_FILE_BYTES, PATH_MAX, UnreadableFile, too_long
from ..audit.kinds import MAYBE_CONDA, kind_by_name, yaml_is_conda
from ..rules import Options
from . import fix_text
from .model import FixError, FixResult

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

#: (device, inode): which file was read, so the one written is provably the same
Identity = Tuple[int, int]
#: called with the resolved path once the file is open for writing and locked, just before the
#: last check: the window in which a concurrent edit must still be caught
BeforeWrite = Callable[[str], None]

CHANGED = "it changed while it was being fixed; it is left as it is (run fix again)"
_BYTE_LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_TEXT_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
_LF_LINE = re.compile(rb"[^\n]*\n|[^\n]+")


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
    #: the file's bytes as read, and as they would be written (None: nothing to write)
    before: bytes = b""
    after: Optional[bytes] = None


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
             unsafe: bool = False, write: bool = True, within: Optional[Sequence[str]] = None,
             before_write: Optional[BeforeWrite] = None) -> FileOutcome:
    """Fix one file (write it back only if it changed and ``write``); never raises for what
    the file holds: an unreadable, undecodable or unparsable file comes back with ``error``.

    ``within``: resolved directories the file must resolve into (it was found below them);
    None for a file named on the command line, which may be a link to anywhere.
    """
    named = kind_by_name(path.name, path.parent.name)
    outcome = FileOutcome(path, shown, None if named == MAYBE_CONDA else named)
    if named is None:  # discovery yields a directory it cannot list, or a loop of links
        outcome.error = unreadable_path(path) or (_too_long(path) if too_long(path) else None)
        return outcome
    try:
        real = os.path.realpath(path)
        if within is not None and not any(_below(real, directory) for directory in within):
            raise FixError("it now resolves outside the directory being fixed (a link changed during the run); "
                           "it is left alone")
        data, identity = read_resolved(real)
        if named == MAYBE_CONDA:
            if not yaml_is_conda(data):
                return outcome
            outcome.kind = "conda"
        if outcome.kind is None:
            return outcome
        text, encoding = decode(data, outcome.kind)
        outcome.result = fix_text(text, outcome.kind, options, wanted, unsafe)
        outcome.before = data
        if not outcome.result.changed:
            return outcome
        outcome.after = encode_keeping(data, outcome.result.original, outcome.result.text, encoding,
                                       endings_are_layout=outcome.kind == "notebook")
    except (UnreadableFile, FixError) as error:
        outcome.error = str(error)
        return outcome
    except OSError as error:
        outcome.error = f"cannot read file: {error.strerror or error}"
        return outcome
    except Exception as error:  # a bug of ours must not stop the other files
        outcome.error = f"internal error while fixing this file: {type(error).__name__}: {error}"
        return outcome
    if write:
        try:
            write_in_place(real, identity, data, outcome.after, before_write)
            outcome.written = True
        except FixError as error:
            outcome.error = f"not written: {error}"
        except OSError as error:
            outcome.error = f"cannot write file: {error.strerror or error}"
    return outcome


def _below(path: str, directory: str) -> bool:
    return path == directory or path.startswith(directory.rstrip(os.sep) + os.sep)


# -- reading -----------------------------------------------------------------------------------
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_FLAGS = getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0) | getattr(os, "O_CLOEXEC", 0) | _NOFOLLOW


def read_resolved(real: str) -> Tuple[bytes, Identity]:
    """The bytes of the regular file at a resolved path and which file that was; raises
    UnreadableFile. The last component is not followed: a link put there since the path was
    resolved is an error, not a detour."""
    if too_long(real):
        raise UnreadableFile(_too_long(real))
    try:
        descriptor = os.open(real, os.O_RDONLY | _FLAGS)
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise UnreadableFile("path too long for the system") from None
        raise UnreadableFile(f"cannot read file: {error.strerror or error}") from None
    try:
        status = os.fstat(descriptor)
        if not stat.S_ISREG(status.st_mode):
            what = next((name for test, name in _KINDS if test(status.st_mode)), "not a regular file")
            raise UnreadableFile(f"not a regular file: {what}; only regular files are read")
        if status.st_size > MAX_FILE_BYTES:
            raise UnreadableFile(_too_large())
        try:
            data = _read_all(descriptor, MAX_FILE_BYTES + 1)
        except OSError as error:
            raise UnreadableFile(f"cannot read file: {error.strerror or error}") from None
        if len(data) > MAX_FILE_BYTES:
            raise UnreadableFile(_too_large())
        return data, (status.st_dev, status.st_ino)
    finally:
        os.close(descriptor)


def _too_long(path: "os.PathLike[str] | str") -> str:
    return f"path too long ({len(os.fsencode(path))} bytes; the system allows {PATH_MAX - 1})"


def _too_large() -> str:
    return f"file too large: over {MAX_FILE_BYTES // (1024 * 1024)} MiB, the most the audit reads"


def _read_all(descriptor: int, limit: int) -> bytes:
    """Up to ``limit`` bytes from the start of the file."""
    os.lseek(descriptor, 0, os.SEEK_SET)
    chunks: List[bytes] = []
    size = 0
    while size < limit:
        chunk = os.read(descriptor, min(1 << 20, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


# -- encoding ----------------------------------------------------------------------------------
def encode_keeping(data: bytes, original: str, fixed: str, encoding: str, endings_are_layout: bool = False) -> bytes:
    """The fixed text in the file's encoding, every line no fix touched as the bytes it was.

    When the original text encodes back to exactly ``data``, the encoding is faithful and the
    fixed text is simply encoded. Otherwise (an encoding with two byte forms of one character,
    such as cp932's NEC and IBM duplicates) the lines are aligned and unchanged lines keep
    their bytes. ``endings_are_layout``: line endings are whitespace the writer may have
    normalised (a notebook's JSON), so lines are aligned ignoring them and each unchanged line
    keeps its own. Raises FixError when the encoding cannot take the new text or cannot keep
    the untouched bytes.
    """
    try:
        encoded = fixed.encode(encoding)
    except UnicodeEncodeError as error:
        raise FixError(f"the fixed text cannot be written in the file's encoding {encoding}: {error.reason}") from None
    mixed = endings_are_layout and _mixed_line_endings(original)
    if not mixed and original.encode(encoding) == data:
        return encoded
    codec, bom = encoding, b""
    if encoding == "utf-8-sig":  # the mark is the first line's prefix, and a chunk must not get one
        codec, bom, data = "utf-8", codecs.BOM_UTF8, data[len(codecs.BOM_UTF8):]
    old_bytes = _BYTE_LINE.findall(data)
    old_lines = _TEXT_LINE.findall(original)
    decoder = codecs.getincrementaldecoder(codec)()
    if len(old_bytes) != len(old_lines) or any(decoder.decode(raw) != line
                                               for raw, line in zip(old_bytes, old_lines)):
        raise FixError(f"its encoding {encoding} cannot keep the lines no fix touches byte for byte")
    new_lines = _TEXT_LINE.findall(fixed)
    key = _without_ending if mixed else _as_it_is
    matcher = difflib.SequenceMatcher(None, [key(line) for line in old_lines], [key(line) for line in new_lines],
                                      autojunk=False)
    pieces = [bom]
    for tag, old_start, old_end, new_start, new_end in matcher.get_opcodes():
        if tag == "equal":
            pieces.extend(old_bytes[old_start:old_end])
        else:
            pieces.append("".join(new_lines[new_start:new_end]).encode(codec))
    kept = b"".join(pieces)
    if [key(line) for line in _TEXT_LINE.findall(kept.decode(encoding))] != [key(line) for line in new_lines]:
        raise FixError(f"its encoding {encoding} cannot keep the lines no fix touches byte for byte")
    return kept


def _without_ending(line: str) -> str:
    return line.rstrip("\r\n")


def _as_it_is(line: str) -> str:
    return line


def _mixed_line_endings(text: str) -> bool:
    crlf = text.count("\r\n")
    kinds = (crlf, text.count("\n") - crlf, text.count("\r") - crlf)
    return sum(1 for count in kinds if count) > 1


# -- writing -----------------------------------------------------------------------------------
def write_in_place(real: str, identity: Identity, original: bytes, data: bytes,
                   before_write: Optional[BeforeWrite] = None) -> None:
    """Overwrite the file read from ``real`` (``identity``, holding ``original``) with ``data``.

    Raises FixError when it cannot or must not be written (see the module docstring): the file
    is as it was, or, if even putting the original bytes back failed, the message says so.
    OSError only when the file cannot be opened or checked (nothing was written).
    """
    try:
        descriptor = os.open(real, os.O_RDWR | _FLAGS)
    except OSError as error:
        if error.errno == errno.ENOENT:
            raise FixError("it was deleted while it was being fixed; it is not recreated") from None
        if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
            raise FixError(f"you may not write it ({error.strerror}); it is left as it is") from None
        if error.errno == errno.ELOOP:
            raise FixError("it was replaced by a symbolic link while it was being fixed; it is left as it is") from None
        raise
    try:
        status = os.fstat(descriptor)
        if (status.st_dev, status.st_ino) != identity or not stat.S_ISREG(status.st_mode):
            raise FixError(CHANGED)
        if fcntl is not None:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise FixError("another program holds a lock on it; it is left as it is (run fix again)") from None
            except OSError as error:
                if error.errno not in (errno.ENOLCK, errno.EOPNOTSUPP, errno.EINVAL):
                    raise
                # a file system without locks (some network mounts): the byte check below still runs
        if before_write is not None:
            before_write(real)
        if os.fstat(descriptor).st_nlink == 0:
            raise FixError("it was deleted or replaced while it was being fixed; it is not recreated")
        if _read_all(descriptor, len(original) + 1) != original:
            raise FixError(CHANGED)
        _overwrite(descriptor, original, data, status)
    finally:
        os.close(descriptor)


def _overwrite(descriptor: int, original: bytes, data: bytes, status: os.stat_result) -> None:
    if len(data) > len(original) and hasattr(os, "posix_fallocate"):
        try:
            os.posix_fallocate(descriptor, 0, len(data))
        except OSError as error:
            if error.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG):
                if os.fstat(descriptor).st_size != len(original):  # a partial reservation grew it
                    os.ftruncate(descriptor, len(original))
                if os.utime in os.supports_fd:  # the attempt alone marks the file modified
                    os.utime(descriptor, ns=(status.st_atime_ns, status.st_mtime_ns))
                raise FixError(f"there is no room for the fixed file ({error.strerror}); "
                               "it is left as it is") from None
            # any other refusal: the file system cannot reserve space, so write without
    try:
        _write_all(descriptor, data)
        os.ftruncate(descriptor, len(data))
        os.fsync(descriptor)
    except OSError as error:
        _put_back(descriptor, original, error)
        raise FixError(f"writing failed ({error.strerror or error}); its original bytes were written back") from None


def _put_back(descriptor: int, original: bytes, cause: OSError) -> None:
    try:
        _write_all(descriptor, original)
        os.ftruncate(descriptor, len(original))
        os.fsync(descriptor)
    except OSError:
        raise FixError(f"writing failed ({cause.strerror or cause}) and its original bytes could not be written "
                       "back: check the file") from None


def _write_all(descriptor: int, data: bytes) -> None:
    """``data`` over the start of the file."""
    os.lseek(descriptor, 0, os.SEEK_SET)
    offset = 0
    view = memoryview(data)
    while offset < len(data):
        offset += os.write(descriptor, view[offset:])


# -- showing -----------------------------------------------------------------------------------
_GIT_ESCAPES = {7: b"a", 8: b"b", 9: b"t", 10: b"n", 11: b"v", 12: b"f", 13: b"r", 34: b'"', 92: b"\\"}


def git_quoted(name: bytes) -> bytes:
    """A path as git writes it in a patch header: as it is, or C-quoted when it holds a control
    character, a quote, a backslash or a byte outside ASCII (git's default ``core.quotePath``)."""
    if not any(byte < 0x20 or byte >= 0x7F or byte in (0x22, 0x5C) for byte in name):
        return name
    quoted = bytearray(b'"')
    for byte in name:
        if byte in _GIT_ESCAPES:
            quoted += b"\\" + _GIT_ESCAPES[byte]
        elif byte < 0x20 or byte >= 0x7F:
            quoted += b"\\%03o" % byte
        else:
            quoted.append(byte)
    return bytes(quoted + b'"')


def unified_diff(before: bytes, after: bytes, name: bytes) -> bytes:
    """The change as a unified diff of the file's own bytes that ``git apply`` and ``patch -p1``
    take: lines split at ``\\n`` only, as they split them (a CR-only file is one line), and the
    name written as git writes it."""
    if before == after:
        return b""
    return b"".join(difflib.diff_bytes(difflib.unified_diff, _diff_lines(before), _diff_lines(after),
                                       _header_name(b"a/" + name), _header_name(b"b/" + name)))


def _header_name(name: bytes) -> bytes:
    """As git writes it: quoted, or followed by a tab when it holds a space (so ``patch``,
    which reads a date after whitespace, knows where the name ends)."""
    quoted = git_quoted(name)
    return quoted + b"\t" if quoted == name and b" " in name else quoted


def _diff_lines(data: bytes) -> List[bytes]:
    lines = _LF_LINE.findall(data)
    if lines and not lines[-1].endswith(b"\n"):
        lines[-1] += b"\n\\ No newline at end of file\n"
    return lines


def notebook_cell_diff(before: str, after: str, name: str) -> str:
    """The change to a notebook as unified diffs of its code cells' Python, one per changed
    cell under a ``name:cell N`` header (N as the audit numbers cells), as ruff shows it. For
    reading: the file written is the JSON; both texts are read back from that JSON, so a hunk
    shown is a change made."""
    from ..audit.readers_code import notebook_cells

    old, _ = notebook_cells(before)
    new, _ = notebook_cells(after)
    old_cells, new_cells = dict(old), dict(new)
    pieces = []
    for position in sorted(set(old_cells) | set(new_cells)):
        was, now = old_cells.get(position, ""), new_cells.get(position, "")
        if was != now:
            header = f"{name}:cell {position}"
            pieces.extend(difflib.unified_diff(_text_lines(was), _text_lines(now), header, header))
    return "".join(pieces)


def _text_lines(text: str) -> List[str]:
    lines = text.splitlines(keepends=True)
    if lines and not lines[-1].endswith(("\n", "\r")):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines


def markdown_block_diff(text: str, name: str, options: Options, wanted: Callable[[str], bool], unsafe: bool) -> str:
    """What the fixes would make of each fenced Python block of a Markdown file, as unified
    diffs under ``name:block N (line L)`` headers (N counts the file's Python blocks, L is the
    block's first code line). For reading and copying: ``fix`` never writes Markdown. The
    blocks are fixed as the code cells of a notebook, in order (the audit reads them as one
    program too); a block shown without ``>>>`` prompts is left out, as its text is not the
    block's."""
    import json

    from ..audit.readers_code import markdown_blocks, notebook_cells
    from .model import FixError

    blocks = [block for block in markdown_blocks(text)
              if block.has_python and block.original and not any(line.startswith(">>>") for line in text_block(
                  text, block))]
    if not blocks:
        return ""
    sources = ["".join(line + "\n" for line in block.original) for block in blocks]
    notebook = json.dumps({"cells": [{"cell_type": "code", "execution_count": None, "metadata": {}, "outputs": [],
                                      "source": source} for source in sources],
                           "metadata": {}, "nbformat": 4, "nbformat_minor": 4}, indent=1) + "\n"
    try:
        fixed = fix_text(notebook, "notebook", options, wanted, unsafe)
        after = dict(notebook_cells(fixed.text)[0])
    except FixError:
        return ""
    pieces = []
    for number, (block, before) in enumerate(zip(blocks, sources), start=1):
        now = after.get(number, before)
        if now != before:
            header = f"{name}:block {number} (line {block.first_line})"
            pieces.extend(difflib.unified_diff(_text_lines(before), _text_lines(now), header, header))
    return "".join(pieces)


def text_block(text: str, block) -> List[str]:
    """The file's own lines of a block (before prompts were taken off)."""
    lines = text.splitlines()
    return lines[block.first_line - 1:block.first_line - 1 + len(block.original)]
