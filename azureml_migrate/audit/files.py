"""Reading a file the audit was given: regular files only, never more than a bound.

A FIFO would block the reader for ever, a device such as ``/dev/zero`` (or a link to one)
never ends, and a huge file would fill memory: each becomes a clear ``UnreadableFile`` error.
The file is opened without blocking (``O_NONBLOCK``: opening a FIFO with no writer returns at
once) and checked with ``fstat`` on the open descriptor, so it cannot be swapped between the
check and the read.
"""

from __future__ import annotations

import errno
import os
import stat

#: The largest file the audit reads. Generated requirement lock files reach tens of megabytes;
#: beyond this a file is reported, not read.
MAX_FILE_BYTES = 128 * 1024 * 1024
#: The longest path the system accepts (bytes); longer paths are reported, not skipped.
try:
    PATH_MAX = os.pathconf("/", "PC_PATH_MAX")
except (AttributeError, OSError, ValueError):  # pragma: no cover - Windows
    PATH_MAX = 4096

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


class UnreadableFile(Exception):
    """The file cannot or must not be read; the message says why."""


def too_long(path: "os.PathLike[str] | str") -> bool:
    return len(os.fsencode(path)) >= PATH_MAX


def read_regular(path: "os.PathLike[str] | str", limit: int = MAX_FILE_BYTES, whole: bool = True) -> bytes:
    """The bytes of a regular file, or UnreadableFile.

    With ``whole=False`` the first ``limit`` bytes are returned (a probe); otherwise a file
    larger than ``limit`` is an error.
    """
    if too_long(path):
        raise UnreadableFile(f"path too long ({len(os.fsencode(path))} bytes; the system allows {PATH_MAX - 1})")
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as error:
        if error.errno == errno.ENAMETOOLONG:
            raise UnreadableFile("path too long for the system") from None
        raise UnreadableFile(f"cannot read file: {error.strerror or error}") from None
    try:
        mode = os.fstat(descriptor).st_mode
    except OSError as error:
        os.close(descriptor)
        raise UnreadableFile(f"cannot read file: {error.strerror or error}") from None
    if not stat.S_ISREG(mode):
        # checked before ``fdopen``, which refuses a directory with its own error
        os.close(descriptor)
        what = next((name for test, name in _KINDS if test(mode)), "not a regular file")
        raise UnreadableFile(f"not a regular file: {what}; only regular files are read")
    with os.fdopen(descriptor, "rb") as handle:
        try:
            if whole and os.fstat(descriptor).st_size > limit:
                raise UnreadableFile(_too_large(limit))
            data = handle.read(limit + 1 if whole else limit)
        except OSError as error:
            raise UnreadableFile(f"cannot read file: {error.strerror or error}") from None
    if whole and len(data) > limit:
        raise UnreadableFile(_too_large(limit))
    return data


def _too_large(limit: int) -> str:
    return f"file too large: over {limit // (1024 * 1024)} MiB, the most the audit reads"


def printable_path(path: str) -> str:
    """A path as every report can print it: bytes that are not UTF-8 (which Python decodes to
    lone surrogates) as ``\\xNN``, and newlines, other control and invisible characters as
    Python escapes, so a file name can neither crash an encoder nor fake a line of a report."""
    if path.isprintable():
        return path
    shown = []
    for character in path:
        code = ord(character)
        if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's surrogateescape of a non-UTF-8 byte
            shown.append(f"\\x{code - 0xDC00:02x}")
        elif character.isprintable():
            shown.append(character)
        else:
            shown.append(repr(character)[1:-1])
    return "".join(shown)
