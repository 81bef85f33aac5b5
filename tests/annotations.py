"""Expected findings written next to the code: ``# expect: AML101:7 AML301:21``.

Each entry is a code and the 1-based column flake8 prints, on the line that carries it.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import List, Set, Tuple

SAMPLES = Path(__file__).parent / "samples"
_EXPECT = re.compile(r"#\s*expect:\s*(?P<entries>[A-Z0-9: ]+?)\s*$")
_ENTRY = re.compile(r"^(?P<code>AML\d{3}):(?P<col>\d+)$")

Expected = Set[Tuple[int, int, str]]


def sample_files() -> List[Path]:
    return sorted(SAMPLES.glob("*.py"))


def expected_findings(path: Path) -> List[Tuple[int, int, str]]:
    """(line, column, code) for every annotation in a sample, repeated entries kept."""
    expected = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        match = _EXPECT.search(line)
        if not match:
            continue
        for entry in match.group("entries").split():
            parsed = _ENTRY.match(entry)
            if parsed is None:
                raise ValueError(f"{path.name}:{number}: bad annotation {entry!r}")
            expected.append((number, int(parsed.group("col")), parsed.group("code")))
    return sorted(expected)
