"""The real ``azureml-migrate audit`` stays linear on the plain-text shapes that once made it quadratic.

Each shape is audited at two sizes, N and 10N, in one run; the time of the larger must stay
well under 100 times the smaller (the quadratic growth it once had). Only the ratio is
asserted, never an absolute time. The time is this process's CPU time and each size keeps the
best of a few runs, so a busy machine does not make a linear reader look quadratic; the
command runs in this process (``azureml_migrate.cli.main``) so interpreter start-up does not
hide the growth.
"""

from __future__ import annotations

import time
from pathlib import Path

import packaging.requirements
import pytest

from azureml_migrate.cli import main
from azureml_migrate.requirements import check_requirement
from tests.hostile import OLD_PIN, linear_time_shapes

#: 10 times the input may cost at most this many times the time (quadratic would be 100)
MAX_RATIO = 30
RUNS = 3


def audit_seconds(path: Path, report: Path) -> float:
    best = float("inf")
    for _ in range(RUNS):
        started = time.process_time()
        status = main(["audit", "--isolated", "--jobs", "1", "--format", "json", "--output", str(report), str(path)])
        best = min(best, time.process_time() - started)
        assert status in (0, 1), report.read_text()
    return best


@pytest.mark.parametrize("shape", sorted(linear_time_shapes()))
def test_ten_times_the_input_costs_about_ten_times_the_time(tmp_path, shape):
    file_name, make, size = linear_time_shapes()[shape]
    seconds = []
    for count in (size, 10 * size):
        directory = tmp_path / str(count)
        directory.mkdir()
        (directory / file_name).write_bytes(make(count))
        seconds.append(audit_seconds(directory / file_name, tmp_path / f"{count}.json"))
    ratio = seconds[1] / seconds[0]
    assert ratio < MAX_RATIO, f"{shape}: {seconds[0]:.3f}s for N, {seconds[1]:.3f}s for 10N (x{ratio:.0f})"


def test_a_requirement_naming_no_sdk_package_is_not_parsed(tmp_path, monkeypatch):
    """Most lines of a large requirements file name other packages: a substring test skips them."""
    parsed = []
    original = packaging.requirements.Requirement.__init__

    def counting_init(self, text):
        parsed.append(text)
        original(self, text)

    monkeypatch.setattr(packaging.requirements.Requirement, "__init__", counting_init)
    check_requirement.cache_clear()  # verdicts are cached per process: parse this file's lines afresh
    requirements = tmp_path / "requirements.txt"
    requirements.write_text("".join(f"package-{number}==1.0\n" for number in range(1000)) + OLD_PIN + "\n")
    report = tmp_path / "report.txt"
    assert main(["audit", "--isolated", "--jobs", "1", "--output", str(report), str(requirements)]) == 1
    assert "AML401" in report.read_text()
    assert parsed and all("azureml" in text for text in parsed)
