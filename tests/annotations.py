"""Expected findings written next to the code: ``# expect: AML101:7 AML301:21``.

Each entry is a code and the 1-based column flake8 prints, on the line that carries it.
``# inferred: AML101:12`` marks a finding only pylint makes, through astroid inference
(confidence INFERENCE): the other front ends must not report it. A sample with a line
``# target: v2`` is checked with that migration target chosen (its rule family on).
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import List, Optional, Set, Tuple

SAMPLES = Path(__file__).parent / "samples"
_EXPECT = re.compile(r"#\s*expect:\s*(?P<entries>[A-Z0-9: ]+?)\s*$")
_INFERRED = re.compile(r"#\s*inferred:\s*(?P<entries>[A-Z0-9: ]+?)\s*$")
_ENTRY = re.compile(r"^(?P<code>AML\d{3}):(?P<col>\d+)$")
_TARGET = re.compile(r"^# target: (?P<target>\w+)$", re.MULTILINE)

Expected = Set[Tuple[int, int, str]]


def sample_files() -> List[Path]:
    """The samples this Python can parse (``*match*`` samples need 3.10's ``match``)."""
    return sorted(path for path in SAMPLES.glob("*.py") if sys.version_info >= (3, 10) or "match" not in path.stem)


def sample_target(path: Path) -> Optional[str]:
    """The migration target a sample is checked with (``# target: v2``), or None: the default."""
    found = _TARGET.search(path.read_text(encoding="utf-8"))
    return found.group("target") if found else None


def expected_findings(path: Path) -> List[Tuple[int, int, str]]:
    """(line, column, code) for every ``expect`` annotation in a sample, repeated entries kept."""
    return _annotated(path, _EXPECT)


def inferred_findings(path: Path) -> List[Tuple[int, int, str]]:
    """(line, column, code) for every ``inferred`` annotation: pylint's inference-only findings."""
    return _annotated(path, _INFERRED)


def _annotated(path: Path, pattern: "re.Pattern[str]") -> List[Tuple[int, int, str]]:
    expected = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = pattern.search(line)
        if not match:
            continue
        for entry in match.group("entries").split():
            parsed = _ENTRY.match(entry)
            if parsed is None:
                raise ValueError(f"{path.name}:{number}: bad annotation {entry!r}")
            expected.append((number, int(parsed.group("col")), parsed.group("code")))
    return sorted(expected)
