"""Mangled files of every kind: the readers report errors, never raise, never crash internally.

The mutations are seeded, so every run checks the same inputs.
"""

from __future__ import annotations

import random

import pytest

from azureml_migrate.audit.checkers import check_file
from azureml_migrate.rules import Options
from tests.test_audit_kinds_fixture import MIXED_REPO

PIECES = [b"azureml-core==1.0", b"\\\n", b"\n", b"\r", b"[", b"]", b"{", b"}", b'"', b"'", b"#", b" noqa",
          b"%pip install ", b"!", b"```python\n", b"```\n", b"RUN pip install ", b"&&", b"-", b":", b"=",
          b"\xff", b"\x00", b"\t", b"    ", b"*a", b"&a ", b"dependencies:\n", b"  - ", b"pip:", b"\xe2\x80\xa8",
          b"from azureml.train.estimator import Estimator\n", b"# pylint: disable=all\n", b"%%bash\n"]
FIXTURES = sorted(path for path in MIXED_REPO.iterdir() if path.name != "EXPECTED.md")


def mangled(original: bytes, rnd: random.Random) -> bytes:
    data = bytearray(original)
    for _ in range(rnd.randint(1, 8)):
        position = rnd.randint(0, len(data))
        if rnd.random() < 0.6:
            data[position:position] = rnd.choice(PIECES)
        else:
            del data[position:position + rnd.randint(1, 12)]
    return bytes(data)


@pytest.mark.parametrize("fixture", FIXTURES, ids=lambda path: path.name)
def test_mangled_files_never_raise_and_positions_stay_valid(tmp_path, fixture):
    rnd = random.Random(fixture.name)
    original = fixture.read_bytes()
    target = tmp_path / fixture.name
    for _ in range(150):
        data = mangled(original, rnd)
        target.write_bytes(data)
        report = check_file(target, fixture.name, Options())
        assert not [error for error in report.errors if "internal error" in error.message], data
        line_count = max(1, data.count(b"\n") + data.count(b"\r") + 1)
        for finding in report.findings:
            assert 1 <= finding.line <= finding.end_line, (finding, data)
            if finding.cell is None:  # notebook lines are cell lines, unrelated to the file's
                assert finding.end_line <= line_count, (finding, data)
            assert finding.column >= 1 and finding.end_column >= 1, (finding, data)
            if finding.line == finding.end_line:
                assert finding.end_column >= finding.column, (finding, data)
